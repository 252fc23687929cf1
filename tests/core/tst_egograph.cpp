#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <map>
#include <set>

#include "data/generator.h"
#include "egographtesting.h"
#include "engine/scoringengine.h"
#include "engine/userprofilebuilder.h"
#include "explain/attribution.h"
#include "explain/egograph.h"
#include "explain/lightgcngraph.h"
#include "model/datasplit.h"
#include "model/modelexport.h"
#include "model/trainer.h"
#include "model/trainingdata.h"
#include "store/projectstore.h"

using namespace reclens;
using namespace reclens::test;

class TestEgoGraph : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  Dataset m_data;
  std::map<QString, std::shared_ptr<const ModelFile>> m_models;  // "lightgcn-K", "bpr"

  std::shared_ptr<const ModelFile> train(const std::string& kind, int layers) {
    return test::trainEgoModel(m_data, m_dir.path().toStdString(), kind, layers);
  }

  // Users with a history, and for each a few targets: top recommendations, a history item and the
  // least popular item.
  std::vector<std::pair<UserProfile, std::vector<std::int32_t>>> cases(const ModelFile& model,
                                                                       std::vector<std::int32_t>& users) {
    const UserProfileBuilder builder(m_data, model.metadata());
    ScoringEngine engine(std::shared_ptr<const ModelFile>(&model, [](const ModelFile*) {}));
    std::vector<std::pair<UserProfile, std::vector<std::int32_t>>> out;
    for (std::int32_t u = 0; u < static_cast<std::int32_t>(m_data.users.size()) && out.size() < 5; u += 17) {
      auto profile = builder.profile(u);
      if (profile.items.empty()) continue;
      std::vector<std::int32_t> targets;
      auto top = engine.recommend(profile, 3, {});
      if (top) {
        for (const auto& r : top.value()) targets.push_back(r.item);
      }
      targets.push_back(profile.items.front());
      targets.push_back(static_cast<std::int32_t>(m_data.items.size()) - 1);
      users.push_back(u);
      out.emplace_back(std::move(profile), std::move(targets));
    }
    return out;
  }

  // Every listed path runs root → … → target over listed edges; every node's and edge's contribution
  // is the sum over the listed paths through it (each path counted once per node).
  static void checkConsistent(const EgoGraph& g, bool complete) {
    QVERIFY(!g.nodes.empty());
    QVERIFY(g.nodes[0].isRoot);
    QCOMPARE(g.nodes[0].row, g.user);
    std::map<std::pair<int, int>, const EgoEdge*> edges;
    for (const auto& e : g.edges) {
      QVERIFY(e.from >= 0 && e.from < int(g.nodes.size()) && e.to >= 0 && e.to < int(g.nodes.size()));
      QVERIFY2(edges.emplace(std::pair{e.from, e.to}, &e).second, "an edge is listed twice");
    }
    std::vector<double> nodeSums(g.nodes.size(), 0.0);
    std::map<std::pair<int, int>, double> edgeSums;
    double listed = 0.0;
    for (const auto& p : g.paths) {
      QVERIFY(p.nodes.size() >= 2);
      QCOMPARE(p.nodes.front(), 0);
      QVERIFY(g.nodes[std::size_t(p.nodes.back())].isTarget);
      std::set<int> seen;
      for (std::size_t i = 0; i < p.nodes.size(); ++i) {
        QVERIFY(p.nodes[i] >= 0 && p.nodes[i] < int(g.nodes.size()));
        if (seen.insert(p.nodes[i]).second) nodeSums[std::size_t(p.nodes[i])] += p.contribution;
        QVERIFY(g.nodes[std::size_t(p.nodes[i])].hop <= int(i));
        if (i == 0) continue;
        QVERIFY2(edges.count({p.nodes[i - 1], p.nodes[i]}), "a path step has no edge");
        edgeSums[{p.nodes[i - 1], p.nodes[i]}] += p.contribution;
      }
      listed += p.contribution;
    }
    QCOMPARE(edgeSums.size(), edges.size());
    if (!complete) return;
    QCOMPARE(g.paths.size(), g.totalPaths);
    QVERIFY2(close(listed, g.pathSum, 1e-9), qPrintable(QString("%1 vs %2").arg(listed).arg(g.pathSum)));
    for (std::size_t n = 0; n < g.nodes.size(); ++n) {
      QVERIFY2(close(nodeSums[n], g.nodes[n].contribution, 1e-9),
               qPrintable(QString("node %1: %2 vs %3").arg(n).arg(nodeSums[n]).arg(g.nodes[n].contribution)));
    }
    for (const auto& [key, e] : edges) {
      QVERIFY2(close(edgeSums[key], e->contribution, 1e-9), qPrintable(QString("edge %1→%2: %3 vs %4")
                                                                           .arg(key.first)
                                                                           .arg(key.second)
                                                                           .arg(edgeSums[key])
                                                                           .arg(e->contribution)));
    }
  }

  // LightGCN: the paths that start u → h carry exactly h's term of the score, which the exported tensors
  // give without any propagation: the user's own layer (history_inputs = E[h] / sqrt(d_h), user_vector =
  // Σ w·row / sqrt(max(Σ w, 1)), no user field) dotted with the item vector E[t]. Checked on the edges
  // u → h of a fully listed graph, for every history item other than the target, and on the whole score.
  static void checkHistoryTerms(const ModelFile& model, const UserProfile& profile, const EgoGraph& g) {
    auto read = readLightGcnGraph(model);
    QVERIFY(read.ok());
    const auto& lg = read.value();
    const auto d = std::size_t(lg.dim);
    double total = 0.0;
    for (const auto w : profile.weights) total += w;
    const double norm = 1.0 / std::sqrt(std::max(1.0, total));
    std::map<std::int32_t, double> terms;
    double score = 0.0, scale = 1e-3;
    for (std::size_t l = 0; l < profile.items.size(); ++l) {
      const auto h = profile.items[l];
      const double term =
          profile.weights[l] * norm * lg.invSqrtDegree[std::size_t(h)] * dotRows(lg.emb, d, h, g.target);
      terms[h] += term;
      score += term;
      scale += std::abs(term);
    }
    QVERIFY2(close(g.score, score, 1e-5),
             qPrintable(QString("score %1, by hand %2").arg(g.score).arg(score)));
    int checked = 0;
    for (const auto& [h, term] : terms) {
      if (h == g.target) continue;
      const int node = itemNode(g, h);
      QVERIFY2(node > 0, "a history item is not on the fully listed graph");
      const auto* e = findEdge(g, 0, node);
      QVERIFY2(e, "no edge from the user to a history item");
      QVERIFY2(std::abs(e->contribution - term) <= 1e-5 * scale,
               qPrintable(QString("item %1: paths %2, by hand %3").arg(h).arg(e->contribution).arg(term)));
      ++checked;
    }
    QVERIFY(checked > 0);
  }

  static void addLayers() {
    QTest::addColumn<int>("layers");
    for (const int k : {0, 1, 2, 3}) QTest::newRow(qPrintable(QString("K=%1").arg(k))) << k;
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    auto dataset = tinyGeneratedDataset(m_dir.filePath("tiny.reclens").toStdString());
    QVERIFY2(dataset.ok(), dataset.ok() ? "" : dataset.error().message.c_str());
    m_data = std::move(dataset).value();
    for (const int layers : {0, 1, 2, 3}) {
      const auto model = train("lightgcn", layers);
      QVERIFY(model);
      m_models[QString("lightgcn-%1").arg(layers)] = model;
    }
    m_models["bpr"] = train("bpr", 0);
    QVERIFY(m_models["bpr"]);
  }

  // The exported graph is the trainer's normalised train graph, and the exported item vectors are
  // the mean of its layers from E(0): the export describes the very model that was trained.
  void exportIsTheTrainedGraph_data() { addLayers(); }
  void exportIsTheTrainedGraph() {
    QFETCH(int, layers);
    const auto& model = *m_models.at(QString("lightgcn-%1").arg(layers));
    auto read = readLightGcnGraph(model);
    QVERIFY2(read.ok(), read.ok() ? "" : text(read.error()).constData());
    const auto& g = read.value();
    QCOMPARE(g.layers, layers);
    auto weighting = historyWeightingOf(model.metadata().json);
    QVERIFY(weighting.ok());
    const auto data = makeTrainingData(m_data, splitByTime(m_data, 1, 1), weighting.value());
    QCOMPARE(g.start, data.train.start);
    QCOMPARE(g.item, data.train.item);
    for (std::int64_t u = 0; u < g.users; ++u) {
      double total = 0.0;
      for (auto e = g.start[std::size_t(u)]; e < g.start[std::size_t(u) + 1]; ++e)
        total += data.train.weight[e];
      for (auto e = g.start[std::size_t(u)]; e < g.start[std::size_t(u) + 1]; ++e) {
        const auto i = std::size_t(g.item[std::size_t(e)]);
        const double expected = data.train.weight[e] / std::sqrt(std::max(1.0, total)) /
                                std::sqrt(std::max(1.0, double(data.itemDegree[i])));
        QVERIFY(close(g.value[std::size_t(e)], expected, 1e-5));
      }
    }
    const auto d = std::size_t(g.dim);
    std::vector<double> layer(g.emb0.begin(), g.emb0.end()), sum = layer;
    for (int k = 0; k < layers; ++k) {
      std::vector<double> users(std::size_t(g.users) * d, 0.0), next(layer.size(), 0.0);
      for (std::int64_t u = 0; u < g.users; ++u) {
        for (auto e = g.start[std::size_t(u)]; e < g.start[std::size_t(u) + 1]; ++e) {
          for (std::size_t x = 0; x < d; ++x)
            users[std::size_t(u) * d + x] +=
                g.value[std::size_t(e)] * layer[std::size_t(g.item[std::size_t(e)]) * d + x];
        }
      }
      for (std::int64_t u = 0; u < g.users; ++u) {
        for (auto e = g.start[std::size_t(u)]; e < g.start[std::size_t(u) + 1]; ++e) {
          for (std::size_t x = 0; x < d; ++x)
            next[std::size_t(g.item[std::size_t(e)]) * d + x] +=
                g.value[std::size_t(e)] * users[std::size_t(u) * d + x];
        }
      }
      layer = next;
      for (std::size_t x = 0; x < sum.size(); ++x) sum[x] += layer[x];
    }
    double largest = 0.0;
    for (std::size_t x = 0; x < sum.size(); ++x) {
      largest = std::max(largest, std::abs(sum[x] / (layers + 1) - g.emb[x]));
    }
    QVERIFY2(largest < 1e-5, qPrintable(QString("largest difference %1").arg(largest)));
  }

  void lightGcnPathsAddUpToTheScore_data() { addLayers(); }
  void lightGcnPathsAddUpToTheScore() {
    QFETCH(int, layers);
    const auto& model = *m_models.at(QString("lightgcn-%1").arg(layers));
    std::vector<std::int32_t> users;
    const auto all = cases(model, users);
    QVERIFY(all.size() >= 3);
    ScoringEngine engine(std::shared_ptr<const ModelFile>(&model, [](const ModelFile*) {}));
    int checked = 0;
    for (std::size_t c = 0; c < all.size(); ++c) {
      const auto& [profile, targets] = all[c];
      auto userVector = engine.userVector(profile);
      QVERIFY(userVector.ok());
      auto scores = engine.scores(userVector.value());
      QVERIFY(scores.ok());
      for (const auto t : targets) {
        auto g = explainByGraph(model, m_data, users[c], profile, t);
        QVERIFY2(g.ok(), g.ok() ? "" : text(g.error()).constData());
        QCOMPARE(g->method, EgoGraphMethod::LightGcnPaths);
        QVERIFY(g->note.empty());
        QVERIFY2(close(g->score, scores.value()[std::size_t(t)], 1e-5), "the score is not the engine's");
        QVERIFY2(std::abs(g->pathSum - g->score) <= 1e-4 * std::max(std::abs(g->score), 1e-3),
                 qPrintable(QString("K=%1 user %2 item %3: paths %4, score %5")
                                .arg(layers)
                                .arg(users[c])
                                .arg(t)
                                .arg(g->pathSum, 0, 'g', 10)
                                .arg(g->score, 0, 'g', 10)));
        // Nothing of a LightGCN score lies outside the paths: the residual is zero, not just score − pathSum.
        QVERIFY2(std::abs(g->residual) <= 1e-4 * std::max(std::abs(g->score), 1e-3),
                 qPrintable(QString("residual %1 of score %2").arg(g->residual).arg(g->score)));
        QCOMPARE(g->totalPaths > 0, !profile.items.empty());
        QVERIFY(g->paths.size() <= 40 && g->nodes.size() <= 60);
        checkConsistent(g.value(), false);
        ++checked;
      }
    }
    QVERIFY(checked >= 10);
  }

  // With no display limit every path is listed: node and edge sums are checked against them.
  void nodesAndEdgesAreSumsOverPaths_data() {
    QTest::addColumn<QString>("model");
    QTest::newRow("lightgcn K=1") << "lightgcn-1";
    QTest::newRow("lightgcn K=2") << "lightgcn-2";
    QTest::newRow("lightgcn K=3") << "lightgcn-3";
    QTest::newRow("bpr") << "bpr";
  }
  void nodesAndEdgesAreSumsOverPaths() {
    QFETCH(QString, model);
    const auto& m = *m_models.at(model);
    std::vector<std::int32_t> users;
    const auto all = cases(m, users);
    for (std::size_t c = 0; c < 2; ++c) {
      for (const auto t : all[c].second) {
        auto g = explainByGraph(m, m_data, users[c], all[c].first, t, everything());
        QVERIFY2(g.ok(), g.ok() ? "" : text(g.error()).constData());
        checkConsistent(g.value(), true);
        if (g->method == EgoGraphMethod::LightGcnPaths) checkHistoryTerms(m, all[c].first, g.value());
        if (QTest::currentTestFailed()) return;
      }
    }
  }

  // Without anchored users the listed paths are exactly the strongest of all; with them, the users
  // who carry the most are on the graph too.
  void displayKeepsTheStrongest() {
    const auto& model = *m_models.at("lightgcn-2");
    std::vector<std::int32_t> users;
    const auto all = cases(model, users);
    const auto& [profile, targets] = all.front();
    auto full = explainByGraph(model, m_data, users.front(), profile, targets.front(), everything());
    QVERIFY(full.ok());
    EgoGraphOptions strongest;
    strongest.maxPaths = 10;
    strongest.maxNodes = 1000;
    strongest.neighbours = 0;
    auto top = explainByGraph(model, m_data, users.front(), profile, targets.front(), strongest);
    QVERIFY(top.ok());
    QCOMPARE(top->paths.size(), std::size_t(10));
    for (std::size_t i = 0; i < 10; ++i) {
      QVERIFY(close(top->paths[i].contribution, full->paths[i].contribution, 1e-12));
    }
    QCOMPARE(top->pathSum, full->pathSum);
    std::vector<std::pair<double, std::int32_t>> carriers;
    for (const auto& n : full->nodes) {
      if (n.kind == EgoNodeKind::User && !n.isRoot) carriers.push_back({-std::abs(n.contribution), n.row});
    }
    QVERIFY(carriers.size() >= 3);
    std::sort(carriers.begin(), carriers.end());
    EgoGraphOptions anchored = strongest;
    anchored.neighbours = 3;
    auto withUsers = explainByGraph(model, m_data, users.front(), profile, targets.front(), anchored);
    QVERIFY(withUsers.ok());
    QCOMPARE(withUsers->paths.size(), std::size_t(10));
    for (std::size_t i = 0; i < 3; ++i) {
      const auto it = std::find_if(withUsers->nodes.begin(), withUsers->nodes.end(), [&](const EgoNode& n) {
        return n.kind == EgoNodeKind::User && n.row == carriers[i].second;
      });
      QVERIFY2(it != withUsers->nodes.end(), "a leading co-interacting user is missing");
      QVERIFY(close(it->contribution, -carriers[i].first * (it->contribution < 0 ? -1 : 1), 1e-9));
    }
    checkConsistent(withUsers.value(), false);
  }

  void attributionWeightedAddsUp() {
    const auto& model = *m_models.at("bpr");
    std::vector<std::int32_t> users;
    const auto all = cases(model, users);
    const auto& [profile, targets] = all.front();
    const auto t = targets.front();
    auto g = explainByGraph(model, m_data, users.front(), profile, t);
    QVERIFY2(g.ok(), g.ok() ? "" : text(g.error()).constData());
    QCOMPARE(g->method, EgoGraphMethod::AttributionWeighted);
    // By hand: BPR's user is Σ w_h q_h / sqrt(max(W, 1)) with W = Σ w, the score u·p_t, no user field.
    // Along the IG path every input is scaled by α. While αW < 1 the user is α²Σ w q and history item h
    // carries 2α²·T_h of df/dα, with T_h = w_h q_h·p_t; beyond, the user is α^1.5 Σ w q / sqrt(W) and h
    // carries α^1.5 (2T_h − T w_h / (2W)) / sqrt(W) (its row, its weight, and its weight's part in the
    // normalisation), T = Σ T_h. The rest of df/dα is the item part's. T_h comes from the engine (a
    // profile of h alone with weight 1 scores q_h·p_t); the quadrature is explainItems' default rule.
    QVERIFY(AttributionOptions{}.rule == IntegrationRule::Midpoint);
    ScoringEngine engine(std::shared_ptr<const ModelFile>(&model, [](const ModelFile*) {}));
    const auto scoreOf = [&](const UserProfile& p) {
      auto u = engine.userVector(p);
      return u.ok() ? double(engine.scores(u.value()).value()[std::size_t(t)]) : std::nan("");
    };
    double weight = 0.0, total = 0.0, scale = 1e-3;
    std::map<std::int32_t, std::pair<double, double>> terms;  // h -> (T_h, w_h)
    for (std::size_t l = 0; l < profile.items.size(); ++l) {
      const double w = profile.weights[l];
      const double term = w * scoreOf(UserProfile{{profile.items[l]}, {1.0f}, profile.fieldCodes});
      terms[profile.items[l]] = {term, w};
      weight += w;
      total += term;
      scale += std::abs(term);
    }
    const auto attributionOf = [&](double th, double wh) {
      return midpointIntegral([&](double a) {
        return a * weight < 1.0
                   ? 2.0 * a * a * th
                   : std::pow(a, 1.5) * (2.0 * th - total * wh / (2.0 * weight)) / std::sqrt(weight);
      });
    };
    const double score = total / std::sqrt(std::max(1.0, weight));
    const double paths = attributionOf(total, weight);  // the sum over h of attributionOf(T_h, w_h)
    QVERIFY(close(g->score, score, 1e-5));
    QVERIFY2(std::abs(g->pathSum - paths) <= 1e-4 * scale,
             qPrintable(QString("paths %1, by hand %2").arg(g->pathSum).arg(paths)));
    QVERIFY2(std::abs(g->residual - (score - paths)) <= 1e-4 * scale,
             qPrintable(QString("residual %1, by hand %2").arg(g->residual).arg(score - paths)));
    {
      auto listed = explainByGraph(model, m_data, users.front(), profile, t, everything());
      QVERIFY(listed.ok());
      for (const auto& [h, tw] : terms) {
        const auto* e = findEdge(listed.value(), 0, itemNode(listed.value(), h));
        const double expected = attributionOf(tw.first, tw.second);
        QVERIFY2(e, "no edge from the user to a history item");
        QVERIFY2(std::abs(e->contribution - expected) <= 1e-4 * scale,
                 qPrintable(QString("item %1: %2, by hand %3").arg(h).arg(e->contribution).arg(expected)));
      }
    }
    auto ig = explainItems(model, profile, {t}, AttributionOptions{}, &m_data.items);
    QVERIFY(ig.ok());
    double history = 0.0;
    for (const auto& f : ig->items[0].fields) {
      if (f.kind == FieldKind::History) history += f.attribution;
    }
    QVERIFY(close(g->pathSum, history, 1e-9));
    QVERIFY(close(g->score, ig->items[0].output, 1e-9));
    // At most `neighbours` co-interacting users per history item are displayed.
    EgoGraphOptions two;
    two.neighbours = 2;
    two.maxPaths = 1000;
    two.maxNodes = 1000;
    auto small = explainByGraph(model, m_data, users.front(), profile, t, two);
    QVERIFY(small.ok());
    std::map<int, int> perHistory;
    for (const auto& p : small->paths) {
      if (p.nodes.size() == 4) ++perHistory[p.nodes[1]];
    }
    for (const auto& [h, n] : perHistory) QVERIFY(n <= 2);
    QVERIFY(close(small->pathSum, g->pathSum, 1e-12));
  }
};

QTEST_GUILESS_MAIN(TestEgoGraph)
#include "tst_egograph.moc"
