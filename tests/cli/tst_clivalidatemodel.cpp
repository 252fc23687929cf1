// `reclens-cli validate-model`: every malformed or hostile model file gives a one-line reason and a
// non-zero exit (or, for a file that never finishes, is stopped by the CPU-time cap), never a hang.
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "cli/clirun.h"

namespace {
using reclens::test::runCli;

QString model(const QString& name) {
  return QStringLiteral(RECLENS_TEST_DATA_DIR "/models/") + name;
}
}  // namespace

class TestCliValidateModel : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void validModelPasses() {
    const auto run = runCli({"validate-model", model("valid.pt"), "--json"});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const auto o = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(o.value("valid").toBool(), true);
    QCOMPARE(o.value("kind").toString(), QString("test"));
    QCOMPARE(o.value("num_items").toInt(), 6);
  }

  void badModelsAreRefused_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("truncated") << "@truncated"
                               << "parse"
                               << "not a TorchScript model file: ";
    QTest::newRow("zip, not TorchScript") << "not_torchscript.pt"
                                          << "parse"
                                          << "holds no TorchScript code";
    QTest::newRow("missing method") << "missing_user_vector.pt"
                                    << "schema"
                                    << "method 'user_vector' is missing";
    QTest::newRow("wrong shape") << "user_vector_wrong_shape.pt"
                                 << "schema"
                                 << "user_vector(...) has shape [3], expected [2]";
    QTest::newRow("allocates 64 GiB") << "allocates_huge.pt"
                                      << "schema"
                                      << "method 'item_embeddings' failed";
  }

  void badModelsAreRefused() {
    QFETCH(QString, file);
    QFETCH(QString, code);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QString path = model(file);
    if (file == "@truncated") {
      QFile in(model("valid.pt"));
      QVERIFY(in.open(QIODevice::ReadOnly));
      const auto bytes = in.readAll();
      path = dir.filePath("truncated.pt");
      QFile out(path);
      QVERIFY(out.open(QIODevice::WriteOnly));
      out.write(bytes.left(bytes.size() * 2 / 3));
    }
    const auto run = runCli({"validate-model", path, "--json", "--max-memory-mb", "3072"});
    QCOMPARE(run.exitCode, 3);
    const auto o = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(o.value("valid").toBool(), false);
    QCOMPARE(o.value("code").toString(), code);
    const auto error = o.value("error").toString();
    QVERIFY2(error.startsWith(path + ": "), qPrintable(error));
    QVERIFY2(error.contains(message), qPrintable(error));

    const auto plain = runCli({"validate-model", path, "--max-memory-mb", "3072"});
    QCOMPARE(plain.exitCode, 3);
    QVERIFY(plain.err.startsWith("reclens-cli: error: "));
    QCOMPARE(plain.err.count('\n'), 1);
  }

  void endlessModelIsStoppedByTheCpuCap() {
    QElapsedTimer timer;
    timer.start();
    const auto run = runCli({"validate-model", model("loops_forever.pt"), "--max-cpu-seconds", "2"});
    QCOMPARE(run.exitCode, -1);  // killed by SIGXCPU
    QVERIFY(timer.elapsed() < 60000);
  }
};

QTEST_GUILESS_MAIN(TestCliValidateModel)
#include "tst_clivalidatemodel.moc"
