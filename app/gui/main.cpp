// reclens: the desktop application. Thin: parse arguments, choose the compute device and the
// language, build the main window with its services, open what the command line asks for.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>

#include <algorithm>
#include <cstdio>
#include <memory>

#include "common/memoryallocator.h"
#include "dashboards/fairnesspage.h"
#include "dashboards/longtailpage.h"
#include "dashboards/runcomparisondialog.h"
#include "dashboards/tradeoffpanel.h"
#include "dashboards/tradeoffsweep.h"
#include "embedding/embeddingmappage.h"
#include "engine/computedevice.h"
#include "explanation/attributionheatmap.h"
#include "explanation/explanationcontrols.h"
#include "explanation/explanationpage.h"
#include "explanation/faithfulnesscurvespane.h"
#include "itemview/itemviewpage.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/presentationmode.h"
#include "recommendations/recommendationspage.h"
#include "services/auditservice.h"
#include "simulation/simulationpage.h"
#include "tables/itemspage.h"
#include "tables/userspage.h"
#include "whatif/whatifpage.h"

namespace {

// Installs the RecLens translation (and Qt's own, for standard dialogs) for `locale`.
void installTranslations(QApplication& app, const QLocale& locale) {
  auto* own = new QTranslator(&app);
  if (own->load(locale, QStringLiteral("reclens"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
    QApplication::installTranslator(own);
  }
  auto* qt = new QTranslator(&app);
  if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QApplication::installTranslator(qt);
  }
}

}  // namespace

int main(int argc, char** argv) {
  reclens::tuneMemoryAllocator();  // before any thread starts
  QElapsedTimer sinceStart;
  sinceStart.start();
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("RecLens"));
  QApplication::setOrganizationName(QStringLiteral("RecLens"));
  QApplication::setApplicationVersion(QStringLiteral(RECLENS_VERSION));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Explain and audit recommendation models."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("A .reclens project file to open."),
                               QStringLiteral("[PROJECT]"));
  const QCommandLineOption demoOption(
      QStringLiteral("demo"), QStringLiteral("Open the bundled demo project (generated on first run)."));
  const QCommandLineOption deviceOption(
      QStringLiteral("device"), QStringLiteral("Compute device: auto, cpu or cuda[:N] (default auto)."),
      QStringLiteral("device"), QStringLiteral("auto"));
  const QCommandLineOption langOption(
      QStringLiteral("lang"), QStringLiteral("User interface language, e.g. en or zh_CN (default: system)."),
      QStringLiteral("language"));
  const QCommandLineOption screenshotOption(
      QStringLiteral("screenshot"),
      QStringLiteral("Save a PNG of the main window once the project has loaded, then quit."),
      QStringLiteral("file"));
  const QCommandLineOption pageOption(
      QStringLiteral("page"),
      QStringLiteral(
          "Page to show once the project is open: users, items, recommendations, explanation, "
          "longtail, fairness, embedding, item, whatif or simulation (the audit pages audit the model "
          "once it is loaded)."),
      QStringLiteral("page"));
  const QCommandLineOption userOption(
      QStringLiteral("user"),
      QStringLiteral("Show the recommendations for this user id once the project is open."),
      QStringLiteral("id"));
  parser.addOptions({demoOption, deviceOption, langOption, screenshotOption, pageOption, userOption});
  const QCommandLineOption itemOption(
      QStringLiteral("item"), QStringLiteral("Show this item id on the Item view once the project is open."),
      QStringLiteral("id"));
  parser.addOption(itemOption);
  const QCommandLineOption presentOption(
      QStringLiteral("present"),
      QStringLiteral("Start presentation mode (full screen, guided walk) once the model is loaded."));
  parser.addOption(presentOption);
  const QCommandLineOption simulationOption(
      QStringLiteral("simulation"),
      QStringLiteral(
          "Show this saved simulation result (reclens-cli simulate --out) on the Simulation page once "
          "the project is open."),
      QStringLiteral("file"));
  parser.addOption(simulationOption);
  const QCommandLineOption mapLayoutOption(
      QStringLiteral("map-layout"),
      QStringLiteral("Layout of the Embedding map: pca (default), umap or tsne."), QStringLiteral("layout"));
  const QCommandLineOption mapColourOption(
      QStringLiteral("map-colour"),
      QStringLiteral("Colouring of the Embedding map: tier (default), cluster or a catalog field such as "
                     "category or brand."),
      QStringLiteral("colouring"));
  parser.addOptions({mapLayoutOption, mapColourOption});
  const QCommandLineOption compareOption(
      QStringLiteral("compare"),
      QStringLiteral(
          "What the Explanation page compares each row's score with: auto (the other rows when the "
          "whole scores' explanations collapse, the default), others (the other rows) or none (the "
          "whole score)."),
      QStringLiteral("with"));
  parser.addOption(compareOption);
  const QCommandLineOption curvesOption(
      QStringLiteral("curves"),
      QStringLiteral(
          "Show the faithfulness curves of the Explanation page's selected row (the tab beside the "
          "graph). With --screenshot, the window is saved once they are drawn."));
  parser.addOption(curvesOption);
  const QCommandLineOption compareRunsOption(
      QStringLiteral("compare-runs"),
      QStringLiteral("Open Compare Audit Runs on the Fairness page with two saved audit runs, by name or id, "
                     "comma separated (A,B). With --screenshot, the comparison is saved."),
      QStringLiteral("a,b"));
  parser.addOption(compareRunsOption);
  const QCommandLineOption tradeoffOption(
      QStringLiteral("tradeoff"),
      QStringLiteral(
          "The Long tail page's trade-off: the knob swept (popularity, useraware, mmr, calibration "
          "or provider) and optionally the two axes (ndcg, recall, hr, coverage, gini, aplt, arp, "
          "miscalibration, provider, gap:ATTRIBUTE), e.g. provider,coverage,ndcg."),
      QStringLiteral("knob[,x,y]"));
  parser.addOption(tradeoffOption);
  parser.process(app);

  const QLocale locale = parser.isSet(langOption) ? QLocale(parser.value(langOption)) : QLocale::system();
  QLocale::setDefault(locale);
  installTranslations(app, locale);

  std::string deviceError;
  const auto device = reclens::chooseComputeDevice(parser.value(deviceOption).toStdString(), &deviceError);
  if (!deviceError.empty()) std::fprintf(stderr, "reclens: warning: %s\n", deviceError.c_str());

  QSettings settings;
  const QString demoPath = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                               .filePath(QStringLiteral("demo.reclens"));
  reclens::MainWindow window(settings, device, demoPath);

  // The page and user asked for on the command line are shown once the project is open.
  const QString page = parser.value(pageOption);
  const QString user = parser.value(userOption);
  QObject::connect(&window, &reclens::MainWindow::projectOpened, &window, [&window, page, user] {
    if (page == QStringLiteral("users")) window.showPage(window.pageIndex(window.usersPage()));
    if (page == QStringLiteral("items")) window.showPage(window.pageIndex(window.itemsPage()));
    if (page == QStringLiteral("longtail")) window.showPage(window.pageIndex(window.longTailPage()));
    if (page == QStringLiteral("fairness")) window.showPage(window.pageIndex(window.fairnessPage()));
    if (page == QStringLiteral("embedding")) window.showPage(window.pageIndex(window.embeddingMapPage()));
    if (page == QStringLiteral("recommendations"))
      window.showPage(window.pageIndex(window.recommendationsPage()));
    if (page == QStringLiteral("explanation")) window.showPage(window.pageIndex(window.explanationPage()));
    if (user.isEmpty()) return;
    const auto& ids = window.projects().snapshot()->dataset().users.ids;
    const auto it = std::find(ids.begin(), ids.end(), user.toStdString());
    if (it == ids.end()) {
      std::fprintf(stderr, "reclens: warning: no user with the id %s\n", qPrintable(user));
    } else if (page == QStringLiteral("explanation")) {
      window.showExplanation(static_cast<int>(it - ids.begin()));
    } else {
      window.showRecommendations(static_cast<int>(it - ids.begin()));
    }
  });
  // --page item and --item ID show the Item view (with that item).
  const QString itemId = parser.value(itemOption);
  QObject::connect(&window, &reclens::MainWindow::projectOpened, &window, [&window, page, itemId] {
    if (page == QStringLiteral("item")) window.showPage(window.pageIndex(window.itemViewPage()));
    if (itemId.isEmpty()) return;
    const auto& ids = window.projects().snapshot()->dataset().items.ids;
    const auto it = std::find(ids.begin(), ids.end(), itemId.toStdString());
    if (it == ids.end()) {
      std::fprintf(stderr, "reclens: warning: no item with the id %s\n", qPrintable(itemId));
    } else {
      window.showItem(static_cast<int>(it - ids.begin()));
    }
  });
  // --page whatif shows the What-if page (after the user lambda above, which may show Recommendations);
  // --present starts presentation mode once the model is loaded.
  QObject::connect(&window, &reclens::MainWindow::projectOpened, &window, [&window, page] {
    if (page == QStringLiteral("whatif")) window.showPage(window.pageIndex(window.whatIfPage()));
  });
  // --page simulation shows the Simulation page; --simulation FILE opens a saved result there.
  const QString simulationFile = parser.value(simulationOption);
  QObject::connect(&window, &reclens::MainWindow::projectOpened, &window, [&window, page, simulationFile] {
    auto* simulation = window.simulationPage();
    if (page == QStringLiteral("simulation") || !simulationFile.isEmpty())
      window.showPage(window.pageIndex(simulation));
    if (simulationFile.isEmpty()) return;
    if (auto st = simulation->openResult(simulationFile); !st)
      std::fprintf(stderr, "reclens: error: %s\n", st.error().message.c_str());
  });
  if (parser.isSet(presentOption)) {
    QObject::connect(
        window.recommendationsPage(), &reclens::RecommendationsPage::modelLoaded, &window,
        [&window] { window.presentation()->start(); }, Qt::SingleShotConnection);
  }
  if (parser.isSet(compareOption)) {
    const QString with = parser.value(compareOption);
    if (with != QStringLiteral("none") && with != QStringLiteral("others") &&
        with != QStringLiteral("auto")) {
      std::fprintf(stderr, "reclens: error: --compare takes auto, none or others, not %s\n",
                   qPrintable(with));
      return 2;
    }
    window.explanationPage()->controls()->setContrast(
        with == QStringLiteral("none")   ? reclens::ExplanationContrast::None
        : with == QStringLiteral("auto") ? reclens::ExplanationContrast::Automatic
                                         : reclens::ExplanationContrast::OtherItems);
  }
  if (parser.isSet(tradeoffOption)) {
    const QStringList parts = parser.value(tradeoffOption).split(QLatin1Char(','));
    auto* panel = window.longTailPage()->tradeoffPanel();
    if ((parts.size() != 1 && parts.size() != 3) || !panel->setKnob(parts[0]) ||
        (parts.size() == 3 && !panel->setAxes(parts[1], parts[2]))) {
      std::fprintf(stderr, "reclens: error: --tradeoff takes KNOB or KNOB,X,Y (see --help), not %s\n",
                   qPrintable(parser.value(tradeoffOption)));
      return 2;
    }
  }
  const bool curves = parser.isSet(curvesOption);
  if (curves) window.explanationPage()->showCurves();
  const QStringList compareRuns = parser.value(compareRunsOption).split(QLatin1Char(','), Qt::SkipEmptyParts);
  if (parser.isSet(compareRunsOption) && compareRuns.size() != 2) {
    std::fprintf(stderr, "reclens: error: --compare-runs takes two saved runs, A,B\n");
    return 2;
  }
  if (parser.isSet(mapLayoutOption) || parser.isSet(mapColourOption)) {
    const auto layout = parser.value(mapLayoutOption);
    window.embeddingMapPage()->preferView(layout == QStringLiteral("umap")   ? reclens::EmbeddingMapPage::Umap
                                          : layout == QStringLiteral("tsne") ? reclens::EmbeddingMapPage::Tsne
                                                                             : reclens::EmbeddingMapPage::Pca,
                                          parser.value(mapColourOption));
  }
  // The Long-tail and Fairness pages asked for on the command line audit the model as soon as it is loaded.
  auto* audit = window.auditService();
  const bool auditPage = page == QStringLiteral("longtail") || page == QStringLiteral("fairness");
  QObject::connect(audit, &reclens::AuditService::sessionChanged, &window, [audit, auditPage] {
    if (auditPage && audit->session() && !audit->outcome()) audit->runAudit(audit->defaultConfig(20));
  });

  // Time from start to the first recommendation on screen, for --screenshot runs or on request.
  const QString screenshot = parser.value(screenshotOption);
  const bool reportTiming = !screenshot.isEmpty() || qEnvironmentVariableIsSet("RECLENS_STARTUP_TIMING");
  bool firstShown = false;
  auto* recs = window.recommendationsPage();
  QObject::connect(recs, &reclens::RecommendationsPage::resultShown, &window,
                   [&firstShown, &sinceStart, reportTiming](const reclens::RecomputeResult& result) {
                     if (firstShown || !reportTiming) return;
                     firstShown = true;
                     std::fprintf(
                         stderr,
                         "reclens: first recommendations shown %lld ms after start (computed in %.1f ms)\n",
                         static_cast<long long>(sinceStart.elapsed()), result.milliseconds);
                   });

  int exitCode = 0;
  if (!screenshot.isEmpty()) {
    const auto grab = [&window, &screenshot, &exitCode, grabbed = std::make_shared<bool>(false)] {
      if (*grabbed) return;
      *grabbed = true;
      // Let the tables lay out and paint once before grabbing.
      QTimer::singleShot(300, &window, [&window, &screenshot, &exitCode] {
        if (!window.grab().save(screenshot)) {
          std::fprintf(stderr, "reclens: error: cannot write %s\n", qPrintable(screenshot));
          exitCode = 1;
        }
        window.close();
      });
    };
    const bool comparing = !compareRuns.isEmpty();  // the comparison dialog is saved instead (below)
    QObject::connect(&window, &reclens::MainWindow::projectOpened, &window, [&window, recs, grab, comparing] {
      if (comparing) return;
      // On the Recommendations page wait for the first list (a model is loading or training).
      // The analysis pages wait for their own results (below).
      const int shown = window.currentPage();
      const bool waitForModel =
          shown == window.pageIndex(recs) || shown == window.pageIndex(window.longTailPage()) ||
          shown == window.pageIndex(window.fairnessPage()) ||
          shown == window.pageIndex(window.embeddingMapPage()) ||
          shown == window.pageIndex(window.explanationPage()) ||
          shown == window.pageIndex(window.whatIfPage()) ||
          shown == window.pageIndex(window.simulationPage()) ||
          (shown == window.pageIndex(window.itemViewPage()) && window.itemViewPage()->currentItem() >= 0);
      const bool waitForList = waitForModel && (recs->hasModels() || recs->job().isRunning());
      if (!waitForList) grab();
    });
    QObject::connect(recs, &reclens::RecommendationsPage::resultShown, &window, [&window, recs, grab] {
      if (window.currentPage() == window.pageIndex(recs)) grab();
    });
    // The analysis pages are grabbed once their plots are drawn.
    QObject::connect(&window.longTailPage()->sweep(), &reclens::TradeoffSweep::completed, &window,
                     [&window, grab] {
                       if (window.currentPage() == window.pageIndex(window.longTailPage())) grab();
                     });
    QObject::connect(audit, &reclens::AuditService::auditFinished, &window, [&window, grab] {
      if (window.currentPage() != window.pageIndex(window.fairnessPage())) return;
      window.fairnessPage()->selectGroup(0);
      grab();
    });
    QObject::connect(window.embeddingMapPage(), &reclens::EmbeddingMapPage::mapReady, &window,
                     [&window, grab] {
                       if (window.currentPage() == window.pageIndex(window.embeddingMapPage())) grab();
                     });
    QObject::connect(audit, &reclens::AuditService::auditFailed, &window,
                     [&exitCode, grab](const QString& message, bool) {
                       std::fprintf(stderr, "reclens: error: %s\n", qPrintable(message));
                       exitCode = 1;
                       grab();
                     });
    QObject::connect(window.itemViewPage(), &reclens::ItemViewPage::similarShown, &window, [&window, grab] {
      if (window.currentPage() == window.pageIndex(window.itemViewPage())) grab();
    });
    // The Simulation page is grabbed with the model loaded (its name shows) and a saved result drawn.
    QObject::connect(recs, &reclens::RecommendationsPage::resultShown, &window, [&window, grab] {
      if (window.currentPage() == window.pageIndex(window.simulationPage())) grab();
    });
    // The Explanation page is grabbed once the graph of its first row is drawn, or with --curves its
    // faithfulness curves (or once nothing was explained).
    auto* explain = window.explanationPage();
    QObject::connect(explain, &reclens::ExplanationPage::graphShown, &window,
                     [&window, explain, grab, curves] {
                       if (!curves && window.currentPage() == window.pageIndex(explain)) grab();
                     });
    QObject::connect(explain->curvesPane(), &reclens::FaithfulnessCurvesPane::curvesShown, &window,
                     [&window, explain, grab, curves] {
                       if (curves && window.currentPage() == window.pageIndex(explain)) grab();
                     });
    QObject::connect(explain, &reclens::ExplanationPage::explanationShown, &window, [&window, explain, grab] {
      if (window.currentPage() == window.pageIndex(explain) && explain->heatmap()->rowCount() == 0) grab();
    });
    // The What-if page is grabbed once the graph of its selected row is drawn.
    QObject::connect(window.whatIfPage(), &reclens::WhatIfPage::graphShown, &window, [&window, grab] {
      if (window.currentPage() == window.pageIndex(window.whatIfPage())) grab();
    });
    QObject::connect(recs, &reclens::RecommendationsPage::modelFailed, &window,
                     [&exitCode, grab](const QString& message) {
                       std::fprintf(stderr, "reclens: error: %s\n", qPrintable(message));
                       exitCode = 1;
                       grab();
                     });
    QObject::connect(&window.projects(), &reclens::ProjectController::failed, &window,
                     [&window, &exitCode](const QString&, const reclens::Error& error) {
                       std::fprintf(stderr, "reclens: error: %s\n", error.message.c_str());
                       exitCode = 1;
                       window.close();
                     });
  }
  if (!compareRuns.isEmpty()) {
    // The comparison opens over the Fairness page; with --screenshot the dialog is what is saved.
    QObject::connect(
        &window, &reclens::MainWindow::projectOpened, &window, [&window, &exitCode, compareRuns, screenshot] {
          window.showPage(window.pageIndex(window.fairnessPage()));
          auto* dialog = window.fairnessPage()->openComparison();
          if (dialog == nullptr || !dialog->selectRuns(compareRuns[0], compareRuns[1])) {
            std::fprintf(stderr,
                         "reclens: error: cannot compare the saved audit runs %s and %s: the project lacks "
                         "at least one of them "
                         "(reclens-cli audit list shows its runs)\n",
                         qPrintable(compareRuns[0]), qPrintable(compareRuns[1]));
            exitCode = 2;
            if (!screenshot.isEmpty()) window.close();
            return;
          }
          if (screenshot.isEmpty()) return;
          QObject::connect(dialog, &reclens::RunComparisonDialog::comparisonShown, &window,
                           [&window, &exitCode, dialog, screenshot] {
                             QTimer::singleShot(300, &window, [&window, &exitCode, dialog, screenshot] {
                               if (!dialog->grab().save(screenshot)) {
                                 std::fprintf(stderr, "reclens: error: cannot write %s\n",
                                              qPrintable(screenshot));
                                 exitCode = 1;
                               }
                               window.close();
                             });
                           });
        });
  }
  window.show();

  const QStringList args = parser.positionalArguments();
  if (parser.isSet(demoOption)) {
    window.openDemo();
  } else if (!args.isEmpty()) {
    window.openProject(args.front());
  } else {
    window.restoreSession();  // the last project, user, item and page
  }
  const int rc = QApplication::exec();
  return exitCode != 0 ? exitCode : rc;
}
