// Warm start (fine-tuning): a run that starts from a model RecLens trained earlier.
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>

#include "common/sha256.h"
#include "data/generator.h"
#include "engine/scoringengine.h"
#include "model/modelfile.h"
#include "model/trainer.h"
#include "model/warmstart.h"
#include "store/projectstore.h"

using namespace reclens;

namespace {

TrainConfig tinyConfig(const std::string& kind, int epochs) {
  TrainConfig c = defaultTrainConfig(kind);
  c.dim = 16;
  c.epochs = epochs;
  c.batchSize = 256;
  c.threads = 1;
  c.device = "cpu";
  return c;
}

std::string message(const Error& e) {
  return e.message;
}

// The metadata JSON of the model file at `path`.
nlohmann::json metadataOf(const std::string& path) {
  auto model = ModelFile::load(path);
  if (!model) return nullptr;
  return nlohmann::json::parse(model.value()->metadata().json);
}

// Mean cosine between rows [0, rows) of two [*, dim] matrices.
double meanRowCosine(const std::vector<float>& a, const std::vector<float>& b, std::size_t rows,
                     std::size_t dim) {
  double sum = 0.0;
  for (std::size_t r = 0; r < rows; ++r) {
    double ab = 0.0, aa = 0.0, bb = 0.0;
    for (std::size_t j = 0; j < dim; ++j) {
      ab += double(a[r * dim + j]) * b[r * dim + j];
      aa += double(a[r * dim + j]) * a[r * dim + j];
      bb += double(b[r * dim + j]) * b[r * dim + j];
    }
    sum += ab / std::sqrt(std::max(aa * bb, 1e-30));
  }
  return sum / static_cast<double>(rows);
}

std::vector<float> itemMatrix(const std::string& path) {
  auto model = ModelFile::load(path);
  if (!model) return {};
  ScoringEngine engine(model.value());
  return engine.itemEmbeddingsOnCpu();
}

}  // namespace

class TestWarmStart : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  Dataset m_data;
  std::map<std::string, TrainReport> m_parents;

  std::string path(const std::string& name) const {
    return m_dir.filePath(QString::fromStdString(name)).toStdString();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    auto store = ProjectStore::open(path("tiny.reclens"), ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    auto config = GeneratorConfig::preset("tiny");
    QVERIFY(config.ok());
    QVERIFY(generateProject(config.value(), *store.value()).ok());
    auto dataset = store.value()->loadDataset();
    QVERIFY(dataset.ok());
    m_data = std::move(dataset).value();
    for (const std::string kind : {"bpr", "lightgcn", "twotower"}) {
      auto report = trainModel(m_data, tinyConfig(kind, 40), path(kind + "-parent.pt"));
      QVERIFY2(report.ok(), report.ok() ? "" : message(report.error()).c_str());
      QVERIFY(report->bestEpoch >= 3);  // the parent learned over several epochs
      m_parents[kind] = report.value();
    }
  }

  void firstEpochStartsNearTheParent_data() {
    QTest::addColumn<QString>("kind");
    for (const char* kind : {"bpr", "lightgcn", "twotower"}) QTest::newRow(kind) << kind;
  }
  // The warm run's first validation NDCG is close to the parent's best, and clearly above what a cold
  // run reaches after one epoch with the same settings.
  void firstEpochStartsNearTheParent() {
    QFETCH(QString, kind);
    const auto k = kind.toStdString();
    const auto& parent = m_parents.at(k);
    auto warmConfig = tinyConfig(k, 3);
    warmConfig.warmStartPath = path(k + "-parent.pt");
    auto warm = trainModel(m_data, warmConfig, path(k + "-warm.pt"));
    QVERIFY2(warm.ok(), warm.ok() ? "" : message(warm.error()).c_str());
    auto cold = trainModel(m_data, tinyConfig(k, 3), path(k + "-cold.pt"));
    QVERIFY2(cold.ok(), cold.ok() ? "" : message(cold.error()).c_str());
    const double warmFirst = warm->validationNdcg.front();
    const double coldFirst = cold->validationNdcg.front();
    qInfo("%s: parent best %.4f (epoch %d), warm first epoch %.4f, cold first epoch %.4f", k.c_str(),
          parent.bestValidationNdcg, parent.bestEpoch, warmFirst, coldFirst);
    QVERIFY2(warmFirst >= 0.8 * parent.bestValidationNdcg, "the warm start lost what the parent learned");
    QVERIFY2(warmFirst >= coldFirst + 0.5 * (parent.bestValidationNdcg - coldFirst),
             "the warm start is not clearly above a cold first epoch");
    QVERIFY(!warm->warmStartNote.empty());
    QVERIFY(cold->warmStartNote.empty());
    QVERIFY(!nlohmann::json::parse(cold->metadataJson).contains("parent"));
  }

  // The child's metadata names its parent (file name, SHA-256, kind, validation) and a grandchild
  // counts the generations.
  void recordsTheParent() {
    const auto parentPath = path("bpr-parent.pt");
    auto config = tinyConfig("bpr", 2);
    config.warmStartPath = parentPath;
    auto child = trainModel(m_data, config, path("bpr-child.pt"));
    QVERIFY2(child.ok(), child.ok() ? "" : message(child.error()).c_str());
    const auto meta = metadataOf(path("bpr-child.pt"));
    QVERIFY(meta.is_object() && meta.contains("parent") && meta.at("parent").is_object());
    const auto& p = meta.at("parent");
    for (const char* key : {"file", "sha256", "kind"}) QVERIFY(p.contains(key) && p.at(key).is_string());
    QCOMPARE(p.at("file").get<std::string>(), std::string("bpr-parent.pt"));
    QCOMPARE(p.at("sha256").get<std::string>(), sha256File(parentPath).value());
    QCOMPARE(p.at("kind").get<std::string>(), std::string("bpr"));
    QVERIFY(p.contains("generation") && p.at("generation").is_number_integer());
    QCOMPARE(p.at("generation").get<int>(), 0);
    QVERIFY(p.contains("items_carried") && p.at("items_carried").is_number_integer());
    QCOMPARE(p.at("items_carried").get<std::int64_t>(), static_cast<std::int64_t>(m_data.items.size()));
    QCOMPARE(p.at("items_new").get<std::int64_t>(), std::int64_t{0});
    const auto parentMeta = metadataOf(parentPath);
    QVERIFY(p.contains("validation") && parentMeta.contains("validation"));
    QCOMPARE(p.at("validation"), parentMeta.at("validation"));

    config.warmStartPath = path("bpr-child.pt");
    auto grandchild = trainModel(m_data, config, path("bpr-grandchild.pt"));
    QVERIFY2(grandchild.ok(), grandchild.ok() ? "" : message(grandchild.error()).c_str());
    const auto g = metadataOf(path("bpr-grandchild.pt")).at("parent");
    QVERIFY(g.contains("generation") && g.at("generation").is_number_integer());
    QCOMPARE(g.at("generation").get<int>(), 1);
    QVERIFY(g.contains("parent") && g.at("parent").is_object() && g.at("parent").contains("file"));
    QCOMPARE(g.at("parent").at("file").get<std::string>(), std::string("bpr-parent.pt"));
  }

  void mismatchedParentIsAClearError_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("dim");
    QTest::addColumn<QString>("parent");
    QTest::addColumn<QString>("expected");
    QTest::newRow("kind") << "lightgcn" << 16 << "bpr-parent.pt"
                          << "it is a bpr model and the new one is lightgcn";
    QTest::newRow("dim") << "bpr" << 8 << "bpr-parent.pt"
                         << "its dimension is 16 and the new model's is 8";
    QTest::newRow("not RecLens") << "bpr" << 16 << "@external"
                                 << "not trained by RecLens";
    QTest::newRow("no file") << "bpr" << 16 << "missing.pt"
                             << "model file not found";
  }
  void mismatchedParentIsAClearError() {
    QFETCH(QString, kind);
    QFETCH(int, dim);
    QFETCH(QString, parent);
    QFETCH(QString, expected);
    auto config = tinyConfig(kind.toStdString(), 2);
    config.dim = dim;
    config.warmStartPath = parent == "@external" ? std::string(RECLENS_TEST_DATA_DIR "/models/valid_v2.pt")
                                                 : path(parent.toStdString());
    const auto out = path("mismatch.pt");
    auto r = trainModel(m_data, config, out);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.find(expected.toStdString()) != std::string::npos, message(r.error()).c_str());
    QCOMPARE(r.error().file, config.warmStartPath);  // the error names the file
    QVERIFY(!QFile::exists(QString::fromStdString(out)));
  }

  void otherCatalogIsRefused() {
    Dataset shuffled = m_data;
    std::swap(shuffled.items.ids[0], shuffled.items.ids[1]);
    auto config = tinyConfig("bpr", 2);
    config.warmStartPath = path("bpr-parent.pt");
    auto r = trainModel(shuffled, config, path("other-catalog.pt"));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.find("not the start of this catalog") != std::string::npos,
             message(r.error()).c_str());
  }

  void warmRunsAreByteIdentical_data() {
    QTest::addColumn<QString>("kind");
    for (const char* kind : {"bpr", "lightgcn", "twotower"}) QTest::newRow(kind) << kind;
  }
  void warmRunsAreByteIdentical() {
    QFETCH(QString, kind);
    const auto k = kind.toStdString();
    auto config = tinyConfig(k, 2);
    config.warmStartPath = path(k + "-parent.pt");
    for (const char* name : {"-a.pt", "-b.pt"}) {
      auto r = trainModel(m_data, config, path(k + name));
      QVERIFY2(r.ok(), r.ok() ? "" : message(r.error()).c_str());
    }
    const auto a = sha256File(path(k + "-a.pt"));
    const auto b = sha256File(path(k + "-b.pt"));
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(a.value(), b.value());
    QVERIFY(a.value() != sha256File(path(k + "-parent.pt")).value());  // it did train
  }

  void grownCatalogCarriesTheKnownItems_data() {
    QTest::addColumn<QString>("kind");
    for (const char* kind : {"bpr", "lightgcn", "twotower"}) QTest::newRow(kind) << kind;
  }
  // Items appended to the catalog (with interactions after the others) start fresh; the known items
  // keep their learned vectors, so they stay close to the parent's (a cold run's are not).
  void grownCatalogCarriesTheKnownItems() {
    QFETCH(QString, kind);
    const auto k = kind.toStdString();
    Dataset grown = m_data;
    const auto oldItems = grown.items.size();
    constexpr int kExtra = 12;
    std::int64_t last = 0;
    for (const auto t : grown.interactions.ts) last = std::max(last, t);
    const auto purchase = grown.interactions.kindIndex("purchase");
    for (int n = 0; n < kExtra; ++n) {
      grown.items.ids.push_back("new-item-" + std::to_string(n));
      if (!grown.items.titles.empty()) grown.items.titles.push_back("New item");
      if (!grown.items.prices.empty()) grown.items.prices.push_back(9.5);
      if (!grown.items.firstSeen.empty()) grown.items.firstSeen.push_back(last);
      for (auto& field : grown.items.fields) {
        // Half of them in a value the parent knows, half in one it never saw.
        field.append(n % 2 == 0 ? field.valueAt(0) : std::string("brand-new-value"));
      }
      for (int u = 0; u < 20; ++u) {
        grown.interactions.append((u * 7 + n) % static_cast<int>(grown.users.size()),
                                  static_cast<std::int32_t>(oldItems + n), last + 1 + n, 1.0f, purchase);
      }
    }
    auto config = tinyConfig(k, 2);
    config.warmStartPath = path(k + "-parent.pt");
    auto warm = trainModel(grown, config, path(k + "-grown.pt"));
    QVERIFY2(warm.ok(), warm.ok() ? "" : message(warm.error()).c_str());
    auto coldConfig = tinyConfig(k, 2);
    coldConfig.seed = 7;  // not the parent's initialisation
    auto cold = trainModel(grown, coldConfig, path(k + "-grown-cold.pt"));
    QVERIFY2(cold.ok(), cold.ok() ? "" : message(cold.error()).c_str());
    const auto meta = metadataOf(path(k + "-grown.pt"));
    QVERIFY(meta.contains("num_items") && meta.at("num_items").is_number_integer());
    QCOMPARE(meta.at("num_items").get<std::size_t>(), oldItems + kExtra);
    QVERIFY(meta.contains("parent") && meta.at("parent").contains("items_new"));
    QCOMPARE(meta.at("parent").at("items_new").get<int>(), kExtra);
    QCOMPARE(meta.at("parent").at("items_carried").get<std::size_t>(), oldItems);

    const auto parentItems = itemMatrix(path(k + "-parent.pt"));
    const auto warmItems = itemMatrix(path(k + "-grown.pt"));
    const auto coldItems = itemMatrix(path(k + "-grown-cold.pt"));
    QCOMPARE(warmItems.size(), (oldItems + kExtra) * 16);
    const double warmCos = meanRowCosine(parentItems, warmItems, oldItems, 16);
    const double coldCos = meanRowCosine(parentItems, coldItems, oldItems, 16);
    qInfo("%s: mean cosine of the known items to the parent's: warm %.3f, cold %.3f", k.c_str(), warmCos,
          coldCos);
    QVERIFY(warmCos > 0.9);
    QVERIFY(warmCos > coldCos + 0.3);
  }

  void parentSettingsAreReadBack() {
    auto config = parentTrainConfig(path("lightgcn-parent.pt"));
    QVERIFY2(config.ok(), config.ok() ? "" : message(config.error()).c_str());
    const auto expected = tinyConfig("lightgcn", 40);
    QCOMPARE(config->kind, std::string("lightgcn"));
    QCOMPARE(config->dim, expected.dim);
    QCOMPARE(config->lr, expected.lr);
    QCOMPARE(config->batchSize, expected.batchSize);
    QCOMPARE(config->layers, expected.layers);
    QCOMPARE(config->warmStartPath, path("lightgcn-parent.pt"));
  }
};

QTEST_GUILESS_MAIN(TestWarmStart)
#include "tst_warmstart.moc"
