#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <random>

#include "engine/scoringengine.h"
#include "model/modelfile.h"

using namespace reclens;

Q_DECLARE_METATYPE(reclens::ErrorCode)

namespace {
QString modelPath(const QString& name) {
  return QStringLiteral(RECLENS_TEST_DATA_DIR "/models/") + name;
}

Catalog catalogOf(const std::vector<std::string>& ids) {
  Catalog c;
  c.ids = ids;
  return c;
}

// A Python interpreter that can import torch, or empty.
QString pythonWithTorch() {
  for (const auto& candidate : {QStringLiteral("python3"), QStringLiteral("/usr/bin/python3")}) {
    const auto exe = QStandardPaths::findExecutable(candidate);
    if (exe.isEmpty() && !QFileInfo(candidate).isExecutable()) continue;
    QProcess p;
    p.start(exe.isEmpty() ? candidate : exe, {QStringLiteral("-c"), QStringLiteral("import torch")});
    if (p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0) {
      return exe.isEmpty() ? candidate : exe;
    }
  }
  return {};
}
}  // namespace

class TestModelFile : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void validatorNamesWhatIsWrong_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("otherCatalog");
    QTest::addColumn<reclens::ErrorCode>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing file") << "no-such-model.pt" << false << ErrorCode::Io << "model file not found";
    QTest::newRow("empty file") << "@empty" << false << ErrorCode::Parse << "the model file is empty";
    QTest::newRow("csv") << "@csv" << false << ErrorCode::Parse << "not a TorchScript model file";
    QTest::newRow("random bytes") << "@random" << false << ErrorCode::Parse << "not a TorchScript model file";
    QTest::newRow("broken zip") << "@zip" << false << ErrorCode::Parse << "not a TorchScript model file";
    QTest::newRow("missing method") << "missing_user_vector.pt" << false << ErrorCode::Schema
                                    << "method 'user_vector' is missing";
    QTest::newRow("contract version") << "contract_version_3.pt" << false << ErrorCode::Schema
                                      << "contract version 3, this RecLens reads versions 1 to 2";
    QTest::newRow("no user_vectors") << "missing_user_vectors.pt" << false << ErrorCode::Schema
                                     << "method 'user_vectors' is missing (required from contract version 2)";
    QTest::newRow("user_vectors")
        << "user_vectors_inconsistent.pt" << false << ErrorCode::Schema
        << "user_vectors(...) row 0 differs from user_vector(...) of the same inputs";
    QTest::newRow("metadata not json")
        << "metadata_not_json.pt" << false << ErrorCode::Parse << "metadata() is not valid JSON";
    QTest::newRow("metadata key missing")
        << "metadata_without_dim.pt" << false << ErrorCode::Schema << "metadata key 'dim' is missing";
    QTest::newRow("embedding rows") << "embeddings_wrong_rows.pt" << false << ErrorCode::Schema
                                    << "item_embeddings() has shape [6, 2], expected [7, 2]";
    QTest::newRow("user vector shape") << "user_vector_wrong_shape.pt" << false << ErrorCode::Schema
                                       << "user_vector(...) has shape [3], expected [2]";
    QTest::newRow("item vectors") << "item_vectors_inconsistent.pt" << false << ErrorCode::Schema
                                  << "differs from item_embeddings() rows";
    QTest::newRow("nan") << "embeddings_nan.pt" << false << ErrorCode::Schema
                         << "item_embeddings() has NaN or Inf in 1 rows (first: row 3)";
    QTest::newRow("other catalog") << "valid.pt" << true << ErrorCode::Schema
                                   << "model was trained on a different catalog: 6 items fingerprint ";
  }

  void validatorNamesWhatIsWrong() {
    QFETCH(QString, file);
    QFETCH(bool, otherCatalog);
    QFETCH(reclens::ErrorCode, code);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QString path = modelPath(file);
    if (file.startsWith('@')) {
      path = dir.filePath(file.mid(1) + ".pt");
      std::ofstream out(path.toStdString(), std::ios::binary);
      if (file == "@csv") out << "item_id,title\n1,Mug\n";
      if (file == "@zip") out << "PK\x03\x04 but nothing after the signature";
      if (file == "@random") {
        std::mt19937 rng(7);
        for (int i = 0; i < 4096; ++i) out.put(static_cast<char>(rng() & 0xff));
      }
    }
    const auto catalog =
        otherCatalog ? catalogOf({"x", "y", "z"}) : catalogOf({"i0", "i1", "i2", "i3", "i4", "i5"});
    const auto status = validateModelFile(path.toStdString(), &catalog);
    QVERIFY(!status.ok());
    const auto& text = status.error().message;
    QVERIFY2(QString::fromStdString(text).contains(message), text.c_str());
    QVERIFY2(text.find('\n') == std::string::npos, "the message must be one line");
    QVERIFY2(text.rfind(path.toStdString(), 0) == 0, "the message must start with the file name");
    QCOMPARE(status.error().code, code);
    if (otherCatalog) QVERIFY(QString::fromStdString(text).contains("vs project 3 items "));
  }

  void validModelLoadsWithMetadata() {
    const auto catalog = catalogOf({"i0", "i1", "i2", "i3", "i4", "i5"});
    auto model = ModelFile::load(modelPath("valid.pt").toStdString(), {}, &catalog);
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
    const auto& meta = model.value()->metadata();
    QCOMPARE(meta.kind, std::string("test"));
    QCOMPARE(meta.dim, 2);
    QCOMPARE(meta.numItems, std::int64_t(6));
    QCOMPARE(meta.catalogFingerprint, catalogFingerprint(catalog));
    QCOMPARE(meta.userFields.size(), std::size_t(1));
    QCOMPARE(meta.userFields[0].name, std::string("region"));
    QCOMPARE(meta.userFields[0].vocabulary, (std::vector<std::string>{"North", "South"}));
    QCOMPARE(meta.itemParts, std::vector<std::string>{"item"});
    QCOMPARE(meta.trainLast, std::int64_t(10));
    QVERIFY(validateModelFile(modelPath("valid.pt").toStdString()).ok());
  }

  void metadataErrorsNameTheKey_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("message");
    const QString ok =
        R"("contract_version": 1, "kind": "bpr", "dim": 4, "num_items": 3, "catalog_fingerprint": "ab")";
    QTest::newRow("not an object") << "[1, 2]"
                                   << "must be a JSON object";
    QTest::newRow("kind type") << R"({"contract_version": 1, "kind": 3})"
                               << "metadata key 'kind' must be a string";
    QTest::newRow("no user_fields") << "{" + ok + R"(, "item_parts": []})"
                                    << "metadata key 'user_fields' is missing";
    QTest::newRow("field without vocabulary")
        << "{" + ok + R"(, "user_fields": [{"name": "region"}], "item_parts": []})"
        << "metadata key 'user_fields[0].vocabulary' is missing or not an array";
    QTest::newRow("negative dim") << R"({"contract_version": 1, "kind": "bpr", "dim": -4, "num_items": 3,
        "catalog_fingerprint": "ab", "user_fields": [], "item_parts": []})"
                                  << "metadata key 'dim' must be positive";
    QTest::newRow("train_time") << "{" + ok + R"(, "user_fields": [], "item_parts": [], "train_time": 5})"
                                << "metadata key 'train_time' must be";
  }

  void metadataErrorsNameTheKey() {
    QFETCH(QString, json);
    QFETCH(QString, message);
    const auto meta = parseModelMetadata(json.toStdString());
    QVERIFY(!meta.ok());
    QVERIFY2(QString::fromStdString(meta.error().message).contains(message), meta.error().message.c_str());
  }

  void pythonExampleExportsAConformingModel() {
    const auto python = pythonWithTorch();
    if (python.isEmpty())
      QSKIP("python3 with torch is not available: the Python export example is not checked");
    QTemporaryDir dir;
    const std::vector<std::string> ids = {"sku-1", "sku-2", "sku-3", "sku-4", "sku-5", "sku-6", "sku-7"};
    {
      std::ofstream items(dir.filePath("items.txt").toStdString());
      for (const auto& id : ids) items << id << '\n';
    }
    QProcess p;
    p.start(python, {QStringLiteral(RECLENS_SOURCE_DIR "/resources/python/export_example.py"), "--items",
                     dir.filePath("items.txt"), "--out", dir.filePath("model.pt"), "--dim", "8",
                     "--user-field", "region:North,South"});
    QVERIFY(p.waitForFinished(120000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());

    const auto catalog = catalogOf(ids);
    auto model = ModelFile::load(dir.filePath("model.pt").toStdString(), {}, &catalog);
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
    QCOMPARE(model.value()->metadata().dim, 8);
    ScoringEngine engine(model.value());
    UserProfile profile{{1, 4}, {1.0f, 2.0f}, {1}};
    auto list = engine.recommend(profile, 3, {});
    QVERIFY2(list.ok(), list.ok() ? "" : list.error().message.c_str());
    QCOMPARE(list.value().size(), std::size_t(3));
    for (const auto& r : list.value()) QVERIFY(r.item != 1 && r.item != 4);
    // A profile whose region is unknown to the model (-1) is scored too.
    profile.fieldCodes = {-1};
    QVERIFY(engine.recommend(profile, 3, {}).ok());
  }
};

QTEST_GUILESS_MAIN(TestModelFile)
#include "tst_modelfile.moc"
