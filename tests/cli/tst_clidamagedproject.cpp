// A project file cut short (a copy interrupted, a full disk) is a bad project file: every command
// that opens one exits with code 3 (README.md, "Exit codes") and one line naming the file, and
// leaves the file as it was.
#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "cli/clirun.h"

namespace {
const auto cli = reclens::test::runCli;

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
}  // namespace

class TestCliDamagedProject : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  QByteArray m_whole;  // the generated project's bytes

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    const QString project = m_dir.filePath("whole.reclens");
    auto r = cli({"generate", "--size", "tiny", "--project", project, "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = cli({"train", "--project", project, "--model", "popularity", "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    m_whole = readAll(project);
    QVERIFY2(m_whole.size() > 8192, "the generated project is too small to cut in half");
    // The whole file opens: the failures below come from the cut.
    r = cli({"info", "--project", project});
    QVERIFY2(r.exitCode == 0, r.err.constData());
  }

  void everyCommandRefusesACutProject_data() {
    QTest::addColumn<int>("keep");  // bytes kept; -1: half the file
    QTest::addColumn<QStringList>("args");
    const QString shop = QStringLiteral(RECLENS_TEST_DATA_DIR "/import/shop/mapping.json");
    const QList<QPair<const char*, QStringList>> commands = {
        {"info", {"info"}},
        {"audit", {"audit", "--k", "5", "--bootstrap", "0", "--permutations", "0", "--quiet"}},
        {"audit list", {"audit", "list"}},
        {"recommend", {"recommend", "--user", "u1"}},
        {"explain", {"explain", "--user", "u1", "--top", "1"}},
        {"evaluate", {"evaluate"}},
        {"train", {"train", "--model", "popularity", "--quiet"}},
        {"import", {"import", "--mapping", shop, "--quiet"}},
        {"generate", {"generate", "--size", "tiny", "--quiet"}},
    };
    for (const int keep : {-1, 100}) {
      for (const auto& [name, args] : commands) {
        const QByteArray tag = QByteArray(name) + (keep < 0 ? ", half" : ", 100 bytes");
        QTest::newRow(tag.constData()) << keep << args;
      }
    }
  }

  void everyCommandRefusesACutProject() {
    QFETCH(int, keep);
    QFETCH(QStringList, args);
    const QByteArray cut = m_whole.left(keep < 0 ? m_whole.size() / 2 : keep);
    const QString project = m_dir.filePath(QStringLiteral("cut-%1.reclens").arg(QTest::currentDataTag()));
    {
      QFile f(project);
      QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
      QCOMPARE(f.write(cut), qint64(cut.size()));
    }
    // "--project" after the subcommand (and after "list", which is a subcommand of audit).
    QStringList full = args;
    full.insert(args.size() > 1 && args[1] == "list" ? 2 : 1, "--project");
    full.insert(full.indexOf("--project") + 1, project);
    const auto r = cli(full);
    QVERIFY2(r.exitCode == 3, (QByteArray::number(r.exitCode) + ": " + r.err).constData());
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.startsWith("reclens-cli: error: " + project.toUtf8() + ": "), r.err.constData());
    QVERIFY2(r.err.contains("damaged"), r.err.constData());
    // Nothing was written to it (no command "repairs" a damaged project into an empty one).
    QCOMPARE(readAll(project), cut);
  }
};

QTEST_GUILESS_MAIN(TestCliDamagedProject)
#include "tst_clidamagedproject.moc"
