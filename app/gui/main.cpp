// reclens: the desktop application. Thin: parse arguments, choose the compute device and the
// language, build the main window with its services, open what the command line asks for.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>

#include <cstdio>

#include "engine/computedevice.h"
#include "mainwindow.h"

namespace {

// Installs the RecLens translation (and Qt's own, for standard dialogs) for `locale`.
void installTranslations(QApplication& app, const QLocale& locale) {
  auto* own = new QTranslator(&app);
  if (own->load(locale, QStringLiteral("reclens"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
    QApplication::installTranslator(own);
  }
  auto* qt = new QTranslator(&app);
  if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QApplication::installTranslator(qt);
  }
}

}  // namespace

int main(int argc, char** argv) {
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
  const QCommandLineOption demoOption(QStringLiteral("demo"),
                                      QStringLiteral("Open the bundled demo project (generated on first run)."));
  const QCommandLineOption deviceOption(QStringLiteral("device"),
                                        QStringLiteral("Compute device: auto, cpu or cuda[:N] (default auto)."),
                                        QStringLiteral("device"), QStringLiteral("auto"));
  const QCommandLineOption langOption(QStringLiteral("lang"),
                                      QStringLiteral("User interface language, e.g. en or zh_CN (default: system)."),
                                      QStringLiteral("language"));
  const QCommandLineOption screenshotOption(
      QStringLiteral("screenshot"),
      QStringLiteral("Save a PNG of the main window once the project has loaded, then quit."), QStringLiteral("file"));
  parser.addOptions({demoOption, deviceOption, langOption, screenshotOption});
  parser.process(app);

  const QLocale locale = parser.isSet(langOption) ? QLocale(parser.value(langOption)) : QLocale::system();
  QLocale::setDefault(locale);
  installTranslations(app, locale);

  std::string deviceError;
  const auto device = reclens::chooseComputeDevice(parser.value(deviceOption).toStdString(), &deviceError);
  if (!deviceError.empty()) std::fprintf(stderr, "reclens: warning: %s\n", deviceError.c_str());

  QSettings settings;
  const QString demoPath =
      QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("demo.reclens"));
  reclens::MainWindow window(settings, device, demoPath);

  const QString screenshot = parser.value(screenshotOption);
  int exitCode = 0;
  if (!screenshot.isEmpty()) {
    QObject::connect(&window, &reclens::MainWindow::projectOpened, &window, [&window, &screenshot, &exitCode] {
      // Let the tables lay out and paint once before grabbing.
      QTimer::singleShot(300, &window, [&window, &screenshot, &exitCode] {
        if (!window.grab().save(screenshot)) {
          std::fprintf(stderr, "reclens: error: cannot write %s\n", qPrintable(screenshot));
          exitCode = 1;
        }
        window.close();
      });
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
