// The GUI's child-process model check: good files pass; broken, hostile and endless ones come back as
// errors naming the file, and a missing validator refuses the load instead of skipping the check.
#include <QElapsedTimer>
#include <QtTest>

#include "services/modelvalidator.h"

using namespace reclens;

Q_DECLARE_METATYPE(reclens::ErrorCode)

namespace {
QString model(const QString& name) {
  return QStringLiteral(RECLENS_TEST_DATA_DIR "/models/") + name;
}
}  // namespace

class TestModelValidator : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void usesTheConfiguredValidator() {
    QCOMPARE(ModelValidator::defaultCliPath(), QStringLiteral(RECLENS_CLI_PATH));
  }

  void validModelPasses() {
    const auto s = ModelValidator().validate(model("valid.pt"));
    QVERIFY2(s.ok(), s.ok() ? "" : s.error().message.c_str());
  }

  void brokenModelsAreRefused_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<reclens::ErrorCode>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("not TorchScript") << "not_torchscript.pt" << ErrorCode::Parse
                                     << "holds no TorchScript code";
    QTest::newRow("missing method") << "missing_user_vector.pt" << ErrorCode::Schema
                                    << "'user_vector' is missing";
    QTest::newRow("wrong shape") << "user_vector_wrong_shape.pt" << ErrorCode::Schema << "has shape [3]";
    QTest::newRow("64 GiB") << "allocates_huge.pt" << ErrorCode::Schema << "'item_embeddings' failed";
  }

  void brokenModelsAreRefused() {
    QFETCH(QString, file);
    QFETCH(reclens::ErrorCode, code);
    QFETCH(QString, message);
    const auto s = ModelValidator({}, {0, 3072}).validate(model(file));
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, code);
    const auto text = QString::fromStdString(s.error().message);
    QVERIFY2(text.startsWith(model(file) + ": ") && text.contains(message), qPrintable(text));
  }

  void endlessModelTimesOut() {
    QElapsedTimer timer;
    timer.start();
    const auto s = ModelValidator({}, {2000, 0}).validate(model("loops_forever.pt"));
    QVERIFY(!s.ok());
    QVERIFY2(s.error().message.find("did not finish within 2 s") != std::string::npos,
             s.error().message.c_str());
    QVERIFY(timer.elapsed() < 30000);
  }

  void missingValidatorRefusesTheLoad() {
    const auto s = ModelValidator(QStringLiteral("/nonexistent/reclens-cli")).validate(model("valid.pt"));
    QVERIFY(!s.ok());
    QVERIFY2(s.error().message.find("is missing") != std::string::npos, s.error().message.c_str());
  }
};

QTEST_MAIN(TestModelValidator)
#include "tst_modelvalidator.moc"
