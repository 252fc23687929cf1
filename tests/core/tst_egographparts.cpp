// The graph explanation names what its numbers are: the parts of an attribution-weighted score that no
// path carries, the co-user paths as an allocation of a history item's attribution, and an exact
// LightGCN split only for a file whose graph export reproduces its own score.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "engine/scoringengine.h"
#include "engine/userprofilebuilder.h"
#include "explain/attribution.h"
#include "explain/egograph.h"
#include "model/modelexport.h"

using namespace reclens;

namespace {

constexpr int kDim = 2;
const std::vector<std::vector<double>> kEmb = {{0.3, -0.2}, {0.1, 0.4}, {-0.5, 0.2},
                                               {0.6, 0.1},  {0.2, 0.2}, {-0.1, -0.3}};
const std::vector<std::vector<double>> kRegion = {
    {0.2, 0.1}, {-0.3, 0.4}, {0.0, 0.0}};  // North, South, missing
const std::vector<double> kUserBias = {1.0, 0.5};
const std::vector<double> kItemBias = {2.0, -1.0};

// Six items, four users: A (North) has i0 i1 i2; B (South) i1 i3; C (North) i0 i1 i3; D (South) i2 i3.
// The target i3 shares i1 with B and C, i0 with C and i2 with D.
Dataset shop() {
  Dataset d;
  d.info.name = "graph parts";
  d.items.ids = {"i0", "i1", "i2", "i3", "i4", "i5"};
  d.items.titles = {"Zero", "One", "Two", "Three", "Four", "Five"};
  d.items.prices = {1, 2, 3, 4, 5, 6};
  d.items.firstSeen.assign(6, kNoTime);
  d.users.ids = {"A", "B", "C", "D"};
  d.users.fields.emplace_back("region");
  for (const char* r : {"North", "South", "North", "South"}) d.users.fields.back().append(r);
  const auto k = d.interactions.kindIndex("purchase");
  const std::vector<std::pair<int, int>> pairs = {{0, 0}, {0, 1}, {0, 2}, {1, 1}, {1, 3},
                                                  {2, 0}, {2, 1}, {2, 3}, {3, 2}, {3, 3}};
  std::int64_t t = 100;
  for (const auto& [u, i] : pairs) d.interactions.append(u, i, t++, 1.0f, k);
  return d;
}

std::vector<float> flat(const std::vector<std::vector<double>>& rows) {
  std::vector<float> out;
  for (const auto& r : rows)
    for (const auto v : r) out.push_back(static_cast<float>(v));
  return out;
}

std::string metadata(const Dataset& d, const std::string& kind, bool regionField) {
  return R"({"contract_version": 2, "kind": ")" + kind +
         R"(", "dim": 2, "num_items": 6, "catalog_fingerprint": ")" + catalogFingerprint(d.items) +
         R"(", "user_fields": )" +
         (regionField ? R"([{"name": "region", "vocabulary": ["North", "South"]}])" : "[]") +
         R"(, "item_parts": ["item"]})";
}

// Not linear in its inputs and not zero at the baseline: u = tanh(Σ w·E[h] + region) + b_u, item
// vectors E[i] + b_i. At the zero baseline tanh(0) = 0, so f(x′) = b_u · b_i = 1.5.
Status writeBiasedModel(const Dataset& d, const std::string& path) {
  ExportSpec spec;
  spec.className = "BiasedTanh";
  spec.tensors.push_back({"emb", {6, kDim}, flat(kEmb), {}, false});
  spec.tensors.push_back({"region", {3, kDim}, flat(kRegion), {}, false});
  spec.tensors.push_back({"bu", {kDim}, flat({kUserBias}), {}, false});
  spec.tensors.push_back({"bi", {kDim}, flat({kItemBias}), {}, false});
  spec.itemParts = {"item"};
  spec.source = R"(
def item_embeddings(self) -> Tensor:
    return self.emb + self.bi

def history_inputs(self, items: Tensor) -> Tensor:
    return self.emb.index_select(0, items)

def user_field_inputs(self, codes: Tensor) -> Tensor:
    return self.region.index_select(0, torch.where(codes < 0, torch.full_like(codes, 2), codes))

def user_vector(self, history: Tensor, weights: Tensor, fields: Tensor) -> Tensor:
    return torch.tanh((weights.unsqueeze(1) * history).sum(0) + fields.sum(0)) + self.bu

def user_vectors(self, history: Tensor, weights: Tensor, fields: Tensor) -> Tensor:
    return torch.tanh((weights.unsqueeze(2) * history).sum(1) + fields.sum(1)) + self.bu

def item_field_inputs(self, items: Tensor) -> Tensor:
    return self.emb.index_select(0, items).unsqueeze(1)

def item_vectors(self, parts: Tensor) -> Tensor:
    return parts.sum(1) + self.bi
)";
  return writeModelFile(spec, metadata(d, "test", true), path);
}

// LightGCN as the trainer writes it (K = 1), over the graph of the whole log: A[u, i] =
// w / sqrt(max(W_u, 1) max(d_i, 1)), E = (E(0) + AᵀA E(0)) / 2. `graphScale` multiplies the exported
// graph_value (not E): a file whose export does not describe its own item vectors.
struct HandLightGcn {
  std::vector<std::vector<double>> a;  // [user][item]
  std::vector<std::vector<double>> e;  // E = item_embeddings()
  std::vector<double> invSqrtDegree;
};

HandLightGcn handLightGcn(const Dataset& d) {
  HandLightGcn g;
  const std::size_t users = d.users.size(), items = d.items.size();
  std::vector<double> userTotal(users, 0.0), degree(items, 0.0);
  g.a.assign(users, std::vector<double>(items, 0.0));
  for (std::size_t r = 0; r < d.interactions.size(); ++r) {
    g.a[std::size_t(d.interactions.user[r])][std::size_t(d.interactions.item[r])] += d.interactions.weight[r];
    userTotal[std::size_t(d.interactions.user[r])] += d.interactions.weight[r];
    degree[std::size_t(d.interactions.item[r])] += d.interactions.weight[r];
  }
  for (std::size_t u = 0; u < users; ++u)
    for (std::size_t i = 0; i < items; ++i)
      g.a[u][i] /= std::sqrt(std::max(userTotal[u], 1.0) * std::max(degree[i], 1.0));
  for (std::size_t i = 0; i < items; ++i)
    g.invSqrtDegree.push_back(1.0 / std::sqrt(std::max(degree[i], 1.0)));
  g.e = kEmb;
  for (std::size_t i = 0; i < items; ++i) {
    for (int k = 0; k < kDim; ++k) {
      double propagated = 0.0;  // (AᵀA E(0))[i]
      for (std::size_t u = 0; u < users; ++u)
        for (std::size_t j = 0; j < items; ++j) propagated += g.a[u][i] * g.a[u][j] * kEmb[j][std::size_t(k)];
      g.e[i][std::size_t(k)] = (kEmb[i][std::size_t(k)] + propagated) / 2.0;
    }
  }
  return g;
}

Status writeLightGcn(const Dataset& d, const HandLightGcn& g, double graphScale, const std::string& path) {
  ExportSpec spec;
  spec.className = "HandLightGcn";
  spec.tensors.push_back({"emb", {6, kDim}, flat(g.e), {}, false});
  std::vector<float> inv(g.invSqrtDegree.begin(), g.invSqrtDegree.end());
  spec.tensors.push_back({"inv_sqrt_degree", {6}, inv, {}, false});
  spec.tensors.push_back({"emb0", {6, kDim}, flat(kEmb), {}, false});
  std::vector<std::int64_t> start{0}, item;
  std::vector<float> value;
  for (const auto& row : g.a) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (row[i] == 0.0) continue;
      item.push_back(std::int64_t(i));
      value.push_back(static_cast<float>(row[i] * graphScale));
    }
    start.push_back(std::int64_t(item.size()));
  }
  spec.tensors.push_back({"graph_start", {std::int64_t(start.size())}, {}, start, true});
  spec.tensors.push_back({"graph_item", {std::int64_t(item.size())}, {}, item, true});
  spec.tensors.push_back({"graph_value", {std::int64_t(value.size())}, value, {}, false});
  spec.itemParts = {"item"};
  spec.source = R"(
def item_embeddings(self) -> Tensor:
    return self.emb

def history_inputs(self, items: Tensor) -> Tensor:
    return self.emb.index_select(0, items) * self.inv_sqrt_degree.index_select(0, items).unsqueeze(1)

def user_field_inputs(self, codes: Tensor) -> Tensor:
    return torch.zeros([codes.size(0), self.emb.size(1)], dtype=self.emb.dtype, device=self.emb.device)

def user_vector(self, history: Tensor, weights: Tensor, fields: Tensor) -> Tensor:
    total = torch.clamp(weights.sum(), min=1.0)
    return (weights.unsqueeze(1) * history).sum(0) / torch.sqrt(total) + fields.sum(0)

def user_vectors(self, history: Tensor, weights: Tensor, fields: Tensor) -> Tensor:
    total = torch.clamp(weights.sum(1), min=1.0)
    return (weights.unsqueeze(2) * history).sum(1) / torch.sqrt(total).unsqueeze(1) + fields.sum(1)

def item_field_inputs(self, items: Tensor) -> Tensor:
    return self.emb.index_select(0, items).unsqueeze(1)

def item_vectors(self, parts: Tensor) -> Tensor:
    return parts.sum(1)

def graph_layers(self) -> int:
    return 1
)";
  return writeModelFile(spec, metadata(d, "lightgcn", false), path);
}

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0.0;
  for (std::size_t k = 0; k < a.size(); ++k) s += a[k] * b[k];
  return s;
}

bool close(double a, double b, double tolerance) {
  return std::abs(a - b) <= tolerance * std::max({1.0, std::abs(a), std::abs(b)});
}

EgoGraphOptions everything() {
  EgoGraphOptions o;
  o.maxPaths = 1000;
  o.maxNodes = 1000;
  o.neighbours = 1000;
  return o;
}

constexpr std::int32_t kUserA = 0;
constexpr std::int32_t kTarget = 3;

}  // namespace

class TestEgoGraphParts : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  Dataset m_data = shop();

  std::shared_ptr<const ModelFile> load(const std::string& name) {
    auto model =
        ModelFile::load(m_dir.filePath(QString::fromStdString(name)).toStdString(), {}, &m_data.items);
    if (!model) qWarning("%s", model.error().message.c_str());
    return model ? model.value() : nullptr;
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    const auto written = writeBiasedModel(m_data, m_dir.filePath("biased.pt").toStdString());
    QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
    const auto g = handLightGcn(m_data);
    for (const auto& [name, scale] : {std::pair{"lightgcn.pt", 1.0}, std::pair{"lightgcn-scaled.pt", 1.5}}) {
      const auto s = writeLightGcn(m_data, g, scale, m_dir.filePath(name).toStdString());
      QVERIFY2(s.ok(), s.ok() ? "" : s.error().message.c_str());
    }
  }

  // score = history + item parts + user fields + f(x′) + quadrature, each part checked against a value
  // found another way: the score and f(x′) = b_u·b_i by hand from the file's tensors, the attribution
  // sums from explainItems, the quadrature as the exact f(x) − f(x′) less the 32-step attributions.
  void residualIsBrokenDown() {
    const auto model = load("biased.pt");
    QVERIFY(model);
    const UserProfileBuilder builder(m_data, model->metadata());
    const auto profile = builder.profile(kUserA);
    QCOMPARE(profile.items.size(), std::size_t(3));
    QCOMPARE(profile.fieldCodes.size(), std::size_t(1));
    std::vector<double> a = kRegion[std::size_t(profile.fieldCodes[0] < 0 ? 2 : profile.fieldCodes[0])];
    for (std::size_t l = 0; l < profile.items.size(); ++l)
      for (int k = 0; k < kDim; ++k)
        a[std::size_t(k)] += profile.weights[l] * kEmb[std::size_t(profile.items[l])][std::size_t(k)];
    std::vector<double> u(std::size_t(kDim), 0.0), item(std::size_t(kDim), 0.0);
    for (std::size_t k = 0; k < std::size_t(kDim); ++k) {
      u[k] = std::tanh(a[k]) + kUserBias[k];
      item[k] = kEmb[kTarget][k] + kItemBias[k];
    }
    const double score = dot(u, item);
    const double baseline = dot(kUserBias, kItemBias);
    QCOMPARE(baseline, 1.5);

    auto g = explainByGraph(*model, m_data, kUserA, profile, kTarget, everything());
    QVERIFY2(g.ok(), g.ok() ? "" : g.error().message.c_str());
    QCOMPARE(g->method, EgoGraphMethod::AttributionWeighted);
    QVERIFY(std::isnan(g->graphGap));
    QVERIFY2(close(g->score, score, 1e-5), qPrintable(QString("%1 vs %2").arg(g->score).arg(score)));
    QVERIFY2(close(g->residualParts.baseline, baseline, 1e-6),
             qPrintable(QString("baseline %1").arg(g->residualParts.baseline)));

    auto ig = explainItems(*model, profile, {kTarget}, AttributionOptions{}, &m_data.items);
    QVERIFY(ig.ok());
    double history = 0.0, fields = 0.0, parts = 0.0;
    std::map<std::int32_t, double> perItem;
    for (const auto& f : ig->items[0].fields) {
      if (f.kind == FieldKind::History) {
        history += f.attribution;
        perItem[f.item] += f.attribution;
      }
      if (f.kind == FieldKind::UserField) fields += f.attribution;
      if (f.kind == FieldKind::ItemPart) parts += f.attribution;
    }
    QVERIFY(std::abs(fields) > 1e-3 && std::abs(parts) > 1e-3);  // both parts matter in this model
    QVERIFY(close(g->pathSum, history, 1e-9));
    QVERIFY(close(g->residualParts.userFields, fields, 1e-9));
    QVERIFY(close(g->residualParts.itemParts, parts, 1e-9));
    const double quadrature = score - baseline - (history + fields + parts);
    QVERIFY2(
        std::abs(g->residualParts.quadrature - quadrature) <= 1e-5,
        qPrintable(QString("quadrature %1, by hand %2").arg(g->residualParts.quadrature).arg(quadrature)));
    // The 32-step midpoint rule is close to the integral: its error is small beside the score's change.
    QVERIFY(std::abs(g->residualParts.quadrature) < 1e-2 * std::abs(score - baseline));

    // Each history item's attribution, and nothing else, is what its co-user edges divide among them:
    // with unit weights each of the users who share it with the target takes an equal share.
    const std::map<std::int32_t, std::vector<std::int32_t>> coUsers = {{0, {2}}, {1, {1, 2}}, {2, {3}}};
    for (const auto& [h, users] : coUsers) {
      int hNode = -1;
      for (std::size_t n = 0; n < g->nodes.size(); ++n)
        if (g->nodes[n].kind == EgoNodeKind::Item && g->nodes[n].row == h) hNode = int(n);
      QVERIFY(hNode > 0);
      double allocated = 0.0;
      int edges = 0;
      for (const auto& e : g->edges) {
        if (e.from != hNode || g->nodes[std::size_t(e.to)].kind != EgoNodeKind::User) continue;
        QVERIFY(close(e.contribution, perItem[h] / double(users.size()), 1e-9));
        allocated += e.contribution;
        ++edges;
      }
      QCOMPARE(edges, int(users.size()));
      QVERIFY(close(allocated, perItem[h], 1e-9));
    }
  }

  // A file with a graph export that reproduces its score is split exactly, and says by how little
  // the sum missed.
  void consistentLightGcnIsExact() {
    const auto model = load("lightgcn.pt");
    QVERIFY(model);
    const UserProfileBuilder builder(m_data, model->metadata());
    const auto profile = builder.profile(kUserA);
    auto g = explainByGraph(*model, m_data, kUserA, profile, kTarget, everything());
    QVERIFY2(g.ok(), g.ok() ? "" : g.error().message.c_str());
    QCOMPARE(g->method, EgoGraphMethod::LightGcnPaths);
    QVERIFY(g->note.empty());
    QVERIFY(std::isfinite(g->graphGap));
    QVERIFY2(std::abs(g->graphGap) <= 1e-6, qPrintable(QString("gap %1").arg(g->graphGap)));
    QCOMPARE(g->residualParts.baseline, 0.0);
    QCOMPARE(g->residualParts.quadrature, 0.0);
  }

  // The same metadata with the export's graph scaled by 1.5: the kind says lightgcn, the numbers do
  // not add up, so the graph is an allocation and names its gap. By hand with K = 1, c_h the user's
  // own layer and M = AᵀA: score = Σ_h c_h·(E(0)[t] + M E(0)[t]) / 2 while the scaled graph's paths
  // sum to Σ_h c_h·(E(0)[t] + 2.25 M E(0)[t]) / 2, so the gap is 1.25 (score − Σ_h c_h·E(0)[t] / 2).
  void lightGcnThatDoesNotAddUpIsAnAllocation() {
    const auto model = load("lightgcn-scaled.pt");
    QVERIFY(model);
    const auto hand = handLightGcn(m_data);
    const UserProfileBuilder builder(m_data, model->metadata());
    const auto profile = builder.profile(kUserA);
    double total = 0.0;
    for (const auto w : profile.weights) total += w;
    double score = 0.0, layer0 = 0.0;
    for (std::size_t l = 0; l < profile.items.size(); ++l) {
      const auto h = std::size_t(profile.items[l]);
      const double alpha = profile.weights[l] / std::sqrt(std::max(total, 1.0)) * hand.invSqrtDegree[h];
      score += alpha * dot(hand.e[h], hand.e[kTarget]);
      layer0 += alpha * dot(hand.e[h], kEmb[kTarget]) / 2.0;
    }
    const double gap = 1.25 * (score - layer0);
    QVERIFY2(std::abs(gap) > 1e-2 * std::abs(score), "the test graph must make a visible gap");

    ScoringEngine engine(model);
    auto userVector = engine.userVector(profile);
    QVERIFY(userVector.ok());
    QVERIFY(close(engine.scores(userVector.value()).value()[kTarget], score, 1e-5));

    auto g = explainByGraph(*model, m_data, kUserA, profile, kTarget, everything());
    QVERIFY2(g.ok(), g.ok() ? "" : g.error().message.c_str());
    QCOMPARE(g->method, EgoGraphMethod::AttributionWeighted);
    QVERIFY2(close(g->graphGap, gap, 1e-4),
             qPrintable(QString("gap %1, by hand %2").arg(g->graphGap).arg(gap)));
    QVERIFY2(g->note.find("LightGCN") != std::string::npos && g->note.find("gap") != std::string::npos,
             g->note.c_str());
    QVERIFY(close(g->score, score, 1e-5));
  }
};

QTEST_GUILESS_MAIN(TestEgoGraphParts)
#include "tst_egographparts.moc"
