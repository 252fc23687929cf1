#include <QTemporaryDir>
#include <QtTest>

#include <atomic>

#include "data/generator.h"
#include "egographtesting.h"
#include "engine/userprofilebuilder.h"
#include "explain/attribution.h"
#include "explain/egograph.h"
#include "explain/lightgcngraph.h"
#include "model/modelexport.h"
#include "store/projectstore.h"

using namespace reclens;
using namespace reclens::test;

namespace {

// Entry i of the item table of writeOldLightGcnFile: a spread of values in [-1, 1].
float oldEmbedding(std::size_t i) {
  return static_cast<float>(static_cast<int>(i * 37 % 11) - 5) / 5.0f;
}

// A LightGCN-kind file without the graph export, as files written before it existed: the item
// vectors of `source` and a user vector that is the weighted sum of the history's item vectors.
Status writeOldLightGcnFile(const Dataset& d, const std::string& path) {
  ExportSpec spec;
  spec.className = "OldLightGcn";
  const auto n = static_cast<std::int64_t>(d.items.size());
  std::vector<float> emb(static_cast<std::size_t>(n) * 2);
  for (std::size_t i = 0; i < emb.size(); ++i) emb[i] = oldEmbedding(i);
  spec.tensors.push_back({"emb", {n, 2}, emb, {}, false});
  spec.itemParts = {"item"};
  spec.source = R"(
def item_embeddings(self) -> Tensor:
    return self.emb

def history_inputs(self, items: Tensor) -> Tensor:
    return self.emb.index_select(0, items)

def user_field_inputs(self, codes: Tensor) -> Tensor:
    return torch.zeros([codes.size(0), 2])

def user_vector(self, history: Tensor, weights: Tensor, fields: Tensor) -> Tensor:
    return (weights.unsqueeze(1) * history).sum(0) + fields.sum(0)

def user_vectors(self, history: Tensor, weights: Tensor, fields: Tensor) -> Tensor:
    return (weights.unsqueeze(2) * history).sum(1) + fields.sum(1)

def item_field_inputs(self, items: Tensor) -> Tensor:
    return self.emb.index_select(0, items).unsqueeze(1)

def item_vectors(self, parts: Tensor) -> Tensor:
    return parts.sum(1)
)";
  const std::string metadata = R"({"contract_version": 2, "kind": "lightgcn", "dim": 2, "num_items": )" +
                               std::to_string(n) + R"(, "catalog_fingerprint": ")" +
                               catalogFingerprint(d.items) +
                               R"(", "user_fields": [], "item_parts": ["item"]})";
  return writeModelFile(spec, metadata, path);
}

}  // namespace

// Ego graphs of LightGCN files written before the graph export (the attribution-weighted fallback),
// and the errors of invalid requests.
class TestEgoGraphFallback : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  Dataset m_data;
  std::map<QString, std::shared_ptr<const ModelFile>> m_models;  // "lightgcn-2", "bpr", "old-lightgcn"

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    auto dataset = tinyGeneratedDataset(m_dir.filePath("tiny.reclens").toStdString());
    QVERIFY2(dataset.ok(), dataset.ok() ? "" : dataset.error().message.c_str());
    m_data = std::move(dataset).value();
    const auto dir = m_dir.path().toStdString();
    m_models["lightgcn-2"] = trainEgoModel(m_data, dir, "lightgcn", 2);
    m_models["bpr"] = trainEgoModel(m_data, dir, "bpr", 0);
    QVERIFY(m_models["lightgcn-2"] && m_models["bpr"]);
    const auto old = m_dir.filePath("old-lightgcn.pt").toStdString();
    const auto written = writeOldLightGcnFile(m_data, old);
    QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
    auto loaded = ModelFile::load(old, {}, &m_data.items);
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    m_models["old-lightgcn"] = loaded.value();
  }

  void olderLightGcnFilesFallBack() {
    const auto& model = *m_models.at("old-lightgcn");
    QVERIFY(!hasLightGcnGraph(model));
    QCOMPARE(readLightGcnGraph(model).error().code, ErrorCode::NotFound);
    const UserProfileBuilder builder(m_data, model.metadata());
    const auto profile = builder.profile(3);
    auto g = explainByGraph(model, m_data, 3, profile, 0);
    QVERIFY2(g.ok(), g.ok() ? "" : text(g.error()).constData());
    QCOMPARE(g->method, EgoGraphMethod::AttributionWeighted);
    QVERIFY(g->note.find("LightGCN") != std::string::npos);
    // By hand from the table the file was written with: score T = Σ w_h E[h]·E[0]. Along the IG path the
    // score is α³T, of whose derivative 3α²T the history carries 2α²T (weight and row) and the item
    // part α²T; so the paths carry the midpoint quadrature of 2α²T, the residual the rest.
    const auto n = m_data.items.size();
    std::vector<float> table(n * 2);
    for (std::size_t i = 0; i < table.size(); ++i) table[i] = oldEmbedding(i);
    double score = 0.0, scale = 1e-3;
    for (std::size_t l = 0; l < profile.items.size(); ++l) {
      const double term = profile.weights[l] * dotRows(table, 2, profile.items[l], 0);
      score += term;
      scale += std::abs(term);
    }
    QVERIFY(AttributionOptions{}.rule == IntegrationRule::Midpoint);
    const double share = midpointIntegral([](double a) { return 2.0 * a * a; });
    QVERIFY(profile.items.size() >= 2);
    QVERIFY2(close(g->score, score, 1e-5), qPrintable(QString("%1 vs %2").arg(g->score).arg(score)));
    QVERIFY2(std::abs(g->pathSum - share * score) <= 1e-5 * scale,
             qPrintable(QString("paths %1, by hand %2").arg(g->pathSum).arg(share * score)));
    QVERIFY2(std::abs(g->residual - (1.0 - share) * score) <= 1e-5 * scale,
             qPrintable(QString("residual %1, by hand %2").arg(g->residual).arg((1.0 - share) * score)));
  }

  void invalidRowsAreErrors_data() {
    QTest::addColumn<int>("user");
    QTest::addColumn<int>("item");
    QTest::addColumn<int>("maxNodes");
    QTest::newRow("negative user") << -1 << 0 << 60;
    QTest::newRow("user past the table") << int(m_data.users.size()) << 0 << 60;
    QTest::newRow("negative item") << 0 << -1 << 60;
    QTest::newRow("item past the catalog") << 0 << int(m_data.items.size()) << 60;
    QTest::newRow("too few nodes") << 0 << 0 << 1;
  }
  void invalidRowsAreErrors() {
    QFETCH(int, user);
    QFETCH(int, item);
    QFETCH(int, maxNodes);
    for (const char* name : {"lightgcn-2", "bpr"}) {
      const auto& model = *m_models.at(name);
      const UserProfileBuilder builder(m_data, model.metadata());
      EgoGraphOptions options;
      options.maxNodes = maxNodes;
      auto g = explainByGraph(model, m_data, user, builder.profile(std::max(0, user)), item, options);
      QVERIFY(!g.ok());
      QCOMPARE(g.error().code, ErrorCode::InvalidArgument);
    }
  }

  void cancelledRunsSayCancelled() {
    const auto& model = *m_models.at("lightgcn-2");
    const UserProfileBuilder builder(m_data, model.metadata());
    std::atomic<bool> cancel{true};
    TaskControl control;
    control.cancel = &cancel;
    auto g = explainByGraph(model, m_data, 0, builder.profile(0), 0, {}, control);
    QVERIFY(!g.ok());
    QCOMPARE(g.error().code, ErrorCode::Cancelled);
  }
};

QTEST_GUILESS_MAIN(TestEgoGraphFallback)
#include "tst_egographfallback.moc"
