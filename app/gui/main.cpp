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

#include "engine/computedevice.h"
#include "itemspage.h"
#include "mainwindow.h"
#include "recommendationspage.h"
#include "userspage.h"

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
      QStringLiteral("Page to show once the project is open: users, items or recommendations."),
      QStringLiteral("page"));
  const QCommandLineOption userOption(
      QStringLiteral("user"),
      QStringLiteral("Show the recommendations for this user id once the project is open."),
      QStringLiteral("id"));
  parser.addOptions({demoOption, deviceOption, langOption, screenshotOption, pageOption, userOption});
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
    if (page == QStringLiteral("recommendations"))
      window.showPage(window.pageIndex(window.recommendationsPage()));
    if (user.isEmpty()) return;
    const auto& ids = window.projects().snapshot()->dataset().users.ids;
    const auto it = std::find(ids.begin(), ids.end(), user.toStdString());
    if (it == ids.end()) {
      std::fprintf(stderr, "reclens: warning: no user with the id %s\n", qPrintable(user));
    } else {
      window.showRecommendations(static_cast<int>(it - ids.begin()));
    }
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
    QObject::connect(&window, &reclens::MainWindow::projectOpened, &window, [&window, recs, grab] {
      // On the Recommendations page wait for the first list (a model is loading or training).
      const bool waitForList =
          window.currentPage() == window.pageIndex(recs) && (recs->hasModels() || recs->job().isRunning());
      if (!waitForList) grab();
    });
    QObject::connect(recs, &reclens::RecommendationsPage::resultShown, &window, [&window, recs, grab] {
      if (window.currentPage() == window.pageIndex(recs)) grab();
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
  window.show();

  const QStringList args = parser.positionalArguments();
  if (parser.isSet(demoOption)) {
    window.openDemo();
  } else if (!args.isEmpty()) {
    window.openProject(args.front());
  }
  const int rc = QApplication::exec();
  return exitCode != 0 ? exitCode : rc;
}
