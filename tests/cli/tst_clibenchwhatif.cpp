#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

#include "cli/clirun.h"

namespace {
const auto cli = reclens::test::runCli;

// True when /usr/bin/python3 (or $RECLENS_PYTHON) can import torch, which the benchmark needs to write its
// random model and to run the PyTorch baseline.
bool pythonHasTorch() {
  QString python = qEnvironmentVariable("RECLENS_PYTHON", QStringLiteral("/usr/bin/python3"));
  QProcess p;
  p.start(python, {QStringLiteral("-c"), QStringLiteral("import torch")});
  return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}
}  // namespace

// `bench whatif` on a small random model: RecLens and the plain-PyTorch round trip give the same lists
// and the same attributions.
class TestCliBenchWhatIf : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void agreesWithPyTorch() {
    if (!pythonHasTorch()) QSKIP("no python3 that can import torch");
    const auto r = cli({"bench", "whatif", "--items", "3000", "--dim", "16", "--k", "20", "--explain-k", "5",
                        "--steps", "8", "--history", "12", "--repeat", "4", "--device", "cpu", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto json = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(json.value("items").toInt(), 3000);
    QVERIFY(json.value("reclens_ms").toObject().value("median").toDouble() > 0.0);
    QVERIFY2(json.contains("pytorch"), r.out.constData());
    const auto agreement = json.value("agreement").toObject();
    QCOMPARE(agreement.value("edits").toInt(), 6);  // two warm-up edits and four timed ones
    QCOMPARE(agreement.value("same_lists").toInt(), 6);
    QVERIFY(json.value("max_abs_difference").toDouble() < 1e-4);
    QVERIFY(json.value("mean_overlap").toDouble() > 0.0);
  }

  void refusesBadArguments() {
    QCOMPARE(cli({"bench", "whatif", "--history", "1"}).exitCode, 2);
    QCOMPARE(cli({"bench", "whatif", "--model", "/nonexistent.pt"}).exitCode, 2);
  }
};

QTEST_GUILESS_MAIN(TestCliBenchWhatIf)
#include "tst_clibenchwhatif.moc"
