#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <memory>
#include <numeric>

#include "audit/audit.h"
#include "audit/auditjson.h"
#include "audit/evaluation.h"
#include "audit/tradeoff.h"
#include "auditcompare.h"
#include "data/generator.h"
#include "engine/userprofilebuilder.h"
#include "model/modelfile.h"
#include "model/trainer.h"
#include "store/projectstore.h"

using namespace reclens;

namespace {
constexpr int kK = 10;

AuditConfig smallConfig() {
  AuditConfig c;
  c.k = kK;
  c.flipAttributes = {"region"};
  c.bootstrapSamples = 200;
  c.permutations = 200;
  c.batchSize = 32;  // several batches, composed differently in every shard
  c.seed = 5;
  return c;
}

QString message(const Error& e) {
  return QString::fromStdString(e.message);
}
}  // namespace

class TestAudit : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  Dataset m_data;
  TrainTestSplit m_split;
  std::shared_ptr<const ModelFile> m_twoTower;
  std::shared_ptr<const ModelFile> m_bpr;
  std::unique_ptr<ScoringEngine> m_engine;

  std::shared_ptr<const ModelFile> train(const std::string& kind) {
    auto config = defaultTrainConfig(kind);
    config.dim = 8;
    config.epochs = 3;
    config.evalUsers = 100;
    config.threads = 2;
    config.device = "cpu";
    const auto path = m_dir.filePath(QString::fromStdString(kind + ".pt")).toStdString();
    auto report = trainModel(m_data, config, path);
    if (!report) qFatal("training failed: %s", report.error().message.c_str());
    auto model = ModelFile::load(path, {}, &m_data.items);
    if (!model) qFatal("loading failed: %s", model.error().message.c_str());
    return model.value();
  }

  AuditPartial audit(const AuditConfig& config) {
    auto p = auditModel(*m_engine, m_data, m_split, config);
    if (!p) qFatal("audit failed: %s", p.error().message.c_str());
    return std::move(p).value();
  }

  AuditResult finish(const AuditPartial& partial) {
    auto r = finishAudit(partial, m_data, m_split);
    if (!r) qFatal("finish failed: %s", r.error().message.c_str());
    return std::move(r).value();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    auto store = ProjectStore::open(m_dir.filePath("tiny.reclens").toStdString(), ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    auto config = GeneratorConfig::preset("tiny");
    QVERIFY(config.ok());
    QVERIFY(generateProject(config.value(), *store.value()).ok());
    auto data = store.value()->loadDataset();
    QVERIFY(data.ok());
    m_data = std::move(data).value();
    m_split = splitByTime(m_data, 1, 1);
    m_twoTower = train("twotower");
    m_bpr = train("bpr");
    m_engine = std::make_unique<ScoringEngine>(m_twoTower);
  }

  // Three shards merged in any order finish to exactly the unsharded audit, field by field.
  void shardsMergeToTheUnshardedAudit() {
    const auto whole = audit(smallConfig());
    std::vector<AuditPartial> shards;
    for (int i = 0; i < 3; ++i) {
      auto c = smallConfig();
      c.shardCount = 3;
      c.shardIndex = i;
      shards.push_back(audit(c));
      QCOMPARE(shards.back().shards, std::vector<int>{i});
    }
    QCOMPARE(shards[0].users.size() + shards[1].users.size() + shards[2].users.size(), whole.users.size());
    auto merged = mergePartials({shards[2], shards[0], shards[1]});
    QVERIFY2(merged.ok(), merged.ok() ? "" : merged.error().message.c_str());
    QCOMPARE(merged->config.shardCount, 1);
    QCOMPARE(merged->shards, std::vector<int>{0});
    QCOMPARE(QString::fromStdString(testing::comparePartial(merged.value(), whole)), QString());
    const auto a = finish(whole);
    const auto b = finish(merged.value());
    QCOMPARE(QString::fromStdString(testing::compareResult(a, b)), QString());
    // The same finish twice is the same result (seeded statistics).
    QCOMPARE(QString::fromStdString(testing::compareResult(a, finish(whole))), QString());

    // Two of three shards merge into a partial that still says what it covers.
    auto some = mergePartials({shards[2], shards[0]});
    QVERIFY(some.ok());
    QCOMPARE(some->shards, (std::vector<int>{0, 2}));
    QCOMPARE(some->config.shardCount, 3);
    QVERIFY(finishAudit(some.value(), m_data, m_split).ok());
  }

  void mergeRefusesRepeatsAndMismatches() {
    auto c = smallConfig();
    c.shardCount = 2;
    const auto first = audit(c);
    auto twice = mergePartials({first, first});
    QVERIFY(!twice.ok());
    QCOMPARE(twice.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(message(twice.error()).contains("shard 0 is given twice"), qPrintable(message(twice.error())));
    c.k = kK + 1;
    c.shardIndex = 1;
    auto other = mergePartials({first, audit(c)});
    QVERIFY(!other.ok());
    QVERIFY2(message(other.error()).contains(" k"), qPrintable(message(other.error())));
    QVERIFY(!mergePartials({}).ok());
  }

  void accuracyAgreesWithEvaluation() {
    const auto result = finish(audit(smallConfig()));
    EvaluationOptions options;
    options.ks = {kK};
    auto eval = evaluateModel(*m_engine, m_data, m_split, options);
    QVERIFY(eval.ok());
    QCOMPARE(result.evaluatedUsers, eval->users);
    QVERIFY(result.evaluatedUsers > 100);
    QVERIFY(std::abs(result.accuracy.ndcg - eval->atK[0].ndcg) < 1e-12);
    QVERIFY(std::abs(result.accuracy.recall - eval->atK[0].recall) < 1e-12);
    QVERIFY(std::abs(result.accuracy.hit - eval->atK[0].hit) < 1e-12);
  }

  // The accuracy plumbing on lists and held-out items written down here, against values worked out by
  // hand (the formulas themselves are checked against RecBole's vectors in tst_accuracymetrics). Items
  // i0..i7; two held-out items per user (splitByTime(data, 2, 0)) and k = 4:
  //   A bought i0 i1 i2 i3: test {i2, i3}; list i5 i3 i6 i2: hits at ranks 2 and 4.
  //   B bought i4 i5 i6 i7: test {i6, i7}; list i7 i0 i1 i2: a hit at rank 1.
  //   C bought i0 i2 i4 i1: test {i4, i1}; list i3 i5 i6 i7: no hit.
  //   D bought i0 i1 only: too few items to hold any out, so not evaluated; list i2 i3 i4 i5.
  //   E bought i3 i5 i6 i7: test {i6, i7}; list i6 alone (shorter than k): a hit at rank 1.
  // With c = 1/log2(3), ideal DCG of two relevant items = 1 + c:
  //   NDCG  A (c + 1/log2(5)) / (1 + c) = 0.650920929807, B and E 1 / (1 + c) = 0.613147192765, C 0
  //   recall A 1, B 1/2, C 0, E 1/2;  HR A B E 1, C 0;  precision@4 A 2/4, B 1/4, C 0, E 1/4
  //   MRR A 1/2, B 1, C 0, E 1;  MAP A (1/2 + 2/4)/2, B 1/2, C 0, E 1/2
  // and the means over the four evaluated users.
  void accuracyOfKnownLists() {
    Dataset d;
    d.info.name = "known lists";
    for (int i = 0; i < 8; ++i) {
      d.items.ids.push_back("i" + std::to_string(i));
      d.items.titles.push_back("Item " + std::to_string(i));
      d.items.prices.push_back(1.0);
      d.items.firstSeen.push_back(kNoTime);
    }
    const std::vector<std::vector<std::int32_t>> bought = {
        {0, 1, 2, 3}, {4, 5, 6, 7}, {0, 2, 4, 1}, {0, 1}, {3, 5, 6, 7}};
    const auto kind = d.interactions.kindIndex("purchase");
    for (std::size_t u = 0; u < bought.size(); ++u) {
      d.users.ids.push_back(std::string(1, char('A' + u)));
      for (std::size_t j = 0; j < bought[u].size(); ++j)
        d.interactions.append(std::int32_t(u), bought[u][j], 1000 + std::int64_t(j), 1.0f, kind);
    }
    const auto split = splitByTime(d, 2, 0);
    QCOMPARE(split.test[0], (std::vector<std::int32_t>{2, 3}));
    QCOMPARE(split.test[2], (std::vector<std::int32_t>{1, 4}));
    QVERIFY(split.test[3].empty());
    const std::vector<std::vector<std::int32_t>> lists = {
        {5, 3, 6, 2}, {7, 0, 1, 2}, {3, 5, 6, 7}, {2, 3, 4, 5}, {6}};
    const auto log = testing::logOfLists(lists);
    AuditConfig config;
    config.k = 4;
    config.bootstrapSamples = 10;
    config.permutations = 10;
    auto partial = auditLog(log, d, split, config);
    QVERIFY2(partial.ok(), partial.ok() ? "" : partial.error().message.c_str());
    const double c = 1.0 / std::log2(3.0);
    const double ndcgA = (c + 1.0 / std::log2(5.0)) / (1.0 + c), ndcgB = 1.0 / (1.0 + c);
    QVERIFY(std::abs(ndcgA - 0.650920929807) < 1e-11 && std::abs(ndcgB - 0.613147192765) < 1e-11);
    struct Expected {
      bool evaluated;
      double ndcg, recall, hit, precision, mrr, map;
    };
    const std::vector<Expected> expected = {{true, ndcgA, 1.0, 1.0, 0.5, 0.5, 0.5},
                                            {true, ndcgB, 0.5, 1.0, 0.25, 1.0, 0.5},
                                            {true, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
                                            {false, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0},
                                            {true, ndcgB, 0.5, 1.0, 0.25, 1.0, 0.5}};
    QCOMPARE(partial->users.size(), expected.size());
    const auto near = [](double a, double b) { return std::abs(a - b) < 1e-12; };
    for (std::size_t u = 0; u < expected.size(); ++u) {
      const auto& r = partial->users[u];
      const auto& e = expected[u];
      const auto what = (QString("user %1: ndcg %2 recall %3 hit %4 precision %5 mrr %6 map %7")
                             .arg(u)
                             .arg(r.accuracy.ndcg)
                             .arg(r.accuracy.recall)
                             .arg(r.accuracy.hit)
                             .arg(r.accuracy.precision)
                             .arg(r.accuracy.mrr)
                             .arg(r.accuracy.map));
      QCOMPARE(r.user, std::int32_t(u));
      QCOMPARE(r.hasTest, e.evaluated);
      QVERIFY2(near(r.accuracy.ndcg, e.ndcg) && near(r.accuracy.recall, e.recall) &&
                   near(r.accuracy.hit, e.hit) && near(r.accuracy.precision, e.precision) &&
                   near(r.accuracy.mrr, e.mrr) && near(r.accuracy.map, e.map),
               qPrintable(what));
    }
    auto result = finishAudit(partial.value(), d, split);
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
    QCOMPARE(result->evaluatedUsers, std::size_t(4));
    QVERIFY2(std::abs(result->accuracy.ndcg - 0.469303828835) < 1e-11,
             qPrintable(QString::number(result->accuracy.ndcg, 'g', 15)));
    QVERIFY(near(result->accuracy.recall, 0.5));
    QVERIFY(near(result->accuracy.hit, 0.75));
    QVERIFY(near(result->accuracy.precision, 0.25));
    QVERIFY(near(result->accuracy.mrr, 0.625));
    QVERIFY(near(result->accuracy.map, 0.375));
  }

  void listAndExposureInvariants() {
    const auto result = finish(audit(smallConfig()));
    const auto& p = result.partial;
    QCOMPARE(p.users.size(), m_data.users.size());
    std::int64_t listed = 0;
    for (const auto& r : p.users) {
      QCOMPARE(r.listLength, kK);
      listed += r.listLength;
      QVERIFY(r.longTailShare >= 0.0 && r.longTailShare <= 1.0);
      QVERIFY(r.intraListDiversity >= 0.0 && r.intraListDiversity <= 2.0);
      QCOMPARE(r.groupCodes.size(), std::size_t(3));
    }
    QCOMPARE(std::accumulate(p.exposureCount.begin(), p.exposureCount.end(), std::int64_t{0}), listed);
    QVERIFY(result.itemCoverage > 0.0 && result.itemCoverage <= 1.0);
    QVERIFY(result.gini > 0.0 && result.gini < 1.0);
    QVERIFY(result.averagePopularity > 0.0);
    QVERIFY(result.novelty > 0.0);
    QVERIFY(result.exposureEntropyBits > 0.0 && result.exposureEntropyBits <= std::log2(double(p.numItems)));
    QCOMPARE(p.userAttributes, (std::vector<std::string>{"gender", "age_band", "region"}));
    // The three attributes, then the popularity profile and the activity band; nine per-user values each
    // (the catalog has categories, so miscalibration is one of them).
    QCOMPARE(result.fairness.size(), std::size_t(5));
    QCOMPARE(result.fairness[3].attribute, std::string("popularity_profile"));
    QCOMPARE(result.fairness.back().attribute, std::string("activity"));
    for (const auto& a : result.fairness) {
      QCOMPARE(a.metrics.size(), std::size_t(9));
      for (const auto& m : a.metrics) {
        QVERIFY(m.pValue > 0.0 && m.pValue <= 1.0);
        QVERIFY(m.maxMinGap >= m.meanAbsPairwiseGap);
        for (const auto& g : m.groups) QVERIFY(g.ciLow <= g.mean && g.mean <= g.ciHigh);
      }
    }
    QCOMPARE(result.itemGroups.size(), std::size_t(5));  // tier, category, brand, interactions, launch
    QCOMPARE(result.itemGroups[0].name, std::string("tier"));
    QCOMPARE(result.itemGroups[3].name, std::string("interactions"));
    QCOMPARE(result.itemGroups[4].name, std::string("launch"));
    for (const auto& grouping : result.itemGroups) {
      double exposure = 0.0, catalog = 0.0;
      for (const auto& g : grouping.groups) {
        exposure += g.exposureShare;
        catalog += g.catalogShare;
      }
      QVERIFY2(std::abs(exposure - 1.0) < 1e-9, grouping.name.c_str());
      QVERIFY2(std::abs(catalog - 1.0) < 1e-9, grouping.name.c_str());
    }
    QCOMPARE(result.flips.size(), std::size_t(1));
    QCOMPARE(result.flips[0].users, p.users.size());
    // The two-tower model reads the region, so some lists move when it changes.
    QVERIFY(result.flips[0].rate > 0.0 && result.flips[0].rate <= 1.0);
    QVERIFY(result.flips[0].meanJaccard > 0.0 && result.flips[0].meanJaccard <= 1.0);
  }

  // A log holding the model's own lists audits to the same list values (diversity aside: co-occurrence).
  void logOfTheModelsListsAuditsTheSame() {
    auto config = smallConfig();
    config.flipAttributes.clear();
    const auto fromModel = audit(config);
    std::vector<bool> history(m_split.part.size());
    for (std::size_t r = 0; r < history.size(); ++r) history[r] = m_split.part[r] != SplitPart::Test;
    const UserProfileBuilder profiles(m_data, m_twoTower->metadata(), &history);
    // Batched as the audit batches, so that every score is computed the same way.
    RecommendationLog log;
    const auto status = m_engine->recommendAll(
        m_data.users.size(), [&](std::size_t u) { return profiles.profile(static_cast<std::int32_t>(u)); },
        kK, true, config.batchSize,
        [&](std::size_t u, const std::vector<Recommendation>& list) {
          if (u % 2 != 0) return;
          log.users.push_back(static_cast<std::int32_t>(u));
          log.lists.push_back(list);
        });
    QVERIFY(status.ok());
    auto fromLog = auditLog(log, m_data, m_split, config);
    QVERIFY2(fromLog.ok(), fromLog.ok() ? "" : fromLog.error().message.c_str());
    QCOMPARE(fromLog->source, std::string("log"));
    QVERIFY(fromLog->modelSha256.empty());
    QCOMPARE(fromLog->users.size(), log.users.size());
    for (std::size_t j = 0; j < log.users.size(); ++j) {
      const auto& a = fromLog->users[j];
      const auto& b = fromModel.users[2 * j];
      QCOMPARE(a.user, b.user);
      QCOMPARE(QString::fromStdString(testing::compareAccuracy(a.accuracy, b.accuracy, "accuracy")),
               QString());
      QCOMPARE(a.averagePopularity, b.averagePopularity);
      QCOMPARE(a.tailPercentage, b.tailPercentage);
      QCOMPARE(a.novelty, b.novelty);
      QVERIFY(a.intraListDiversity >= 0.0 && a.intraListDiversity <= 1.0);
    }
    QVERIFY(finishAudit(fromLog.value(), m_data, m_split).ok());

    config.flipAttributes = {"region"};
    QCOMPARE(auditLog(log, m_data, m_split, config).error().code, ErrorCode::InvalidArgument);
    config.flipAttributes.clear();
    auto bad = log;
    bad.lists[0][0].item = static_cast<std::int32_t>(m_data.items.size());
    QVERIFY(!auditLog(bad, m_data, m_split, config).ok());
    bad = log;
    std::swap(bad.users[0], bad.users[1]);
    QVERIFY(!auditLog(bad, m_data, m_split, config).ok());
  }

  void badOptionsAreNamed() {
    auto c = smallConfig();
    c.k = 0;
    QCOMPARE(auditModel(*m_engine, m_data, m_split, c).error().code, ErrorCode::InvalidArgument);
    c = smallConfig();
    c.shardIndex = 3;
    c.shardCount = 3;
    QVERIFY(!auditModel(*m_engine, m_data, m_split, c).ok());
    c = smallConfig();
    c.userAttributes = {"shoe_size"};
    auto e = auditModel(*m_engine, m_data, m_split, c);
    QVERIFY(!e.ok() && message(e.error()).contains("shoe_size"));
    c = smallConfig();
    c.itemGroupings = {"colour"};
    e = auditModel(*m_engine, m_data, m_split, c);
    QVERIFY(!e.ok() && message(e.error()).contains("colour"));
    c = smallConfig();
    c.flipAttributes = {"shoe_size"};
    e = auditModel(*m_engine, m_data, m_split, c);
    QVERIFY(!e.ok() && message(e.error()).contains("shoe_size"));
    // BPR reads no user attribute, so flipping one is refused with its name.
    ScoringEngine bpr(m_bpr);
    e = auditModel(bpr, m_data, m_split, smallConfig());
    QVERIFY(!e.ok());
    QCOMPARE(e.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(message(e.error()).contains("'region'"), qPrintable(message(e.error())));
  }

  void cancelStops() {
    std::atomic<bool> cancel{true};
    TaskControl control;
    control.cancel = &cancel;
    QCOMPARE(auditModel(*m_engine, m_data, m_split, smallConfig(), control).error().code,
             ErrorCode::Cancelled);
  }

  void finishRefusesOtherData() {
    const auto partial = audit(smallConfig());
    auto other = m_data;
    other.interactions.append(0, 0, 1700000000, 1.0f, 0);
    const auto otherSplit = splitByTime(other, 1, 1);
    auto r = finishAudit(partial, other, otherSplit);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
  }

  void popularityPenaltyTradeoff() {
    auto sample = sampleTradeoff(*m_engine, m_data, m_split, kK, 80, 3);
    QVERIFY2(sample.ok(), sample.ok() ? "" : sample.error().message.c_str());
    QCOMPARE(sample->users.size(), std::size_t(80));
    QVERIFY(std::is_sorted(sample->users.begin(), sample->users.end()));
    const auto points = popularityTradeoff(sample.value(), {0.0, 0.25, 0.5, 1.0, 2.0, 4.0});
    for (const auto& p : points)
      qInfo("lambda %.2f ndcg %.4f coverage %.4f gini %.4f aplt %.4f", p.lambda, p.ndcg, p.coverage, p.gini,
            p.aplt);
    QCOMPARE(points.size(), std::size_t(6));
    // λ = 0 keeps the model's order: the NDCG of the plain audit over the same users.
    const auto partial = audit(smallConfig());
    double ndcg = 0.0;
    for (const auto u : sample->users) ndcg += partial.users[static_cast<std::size_t>(u)].accuracy.ndcg;
    QVERIFY(std::abs(points[0].ndcg - ndcg / 80.0) < 1e-12);
    // A growing penalty moves the lists into the long tail, at a cost in accuracy. (Coverage need not
    // grow: a strong penalty gives everyone the same few unpopular items.)
    for (std::size_t j = 1; j < points.size(); ++j) QVERIFY(points[j].aplt >= points[j - 1].aplt);
    QVERIFY(points.back().aplt > points.front().aplt);
    QVERIFY(points.back().ndcg < points.front().ndcg);
    for (const auto& p : points) QVERIFY(p.coverage > 0.0 && p.gini > 0.0 && p.gini < 1.0);
  }

  // With re-ranking knobs, every audited list is the model's candidates re-ranked as `recommend` does
  // (popularity counted on the audit's history rows, calibration against the user's history); the knobs
  // move the metrics they target, travel through JSON, and shards of a re-ranked audit merge exactly.
  void reRankedAuditListsAreTheReRankedRecommendations() {
    auto config = smallConfig();
    config.flipAttributes.clear();
    config.rerank.popularityPenalty = 1.0;
    config.rerank.calibration = 0.5;
    const auto reranked = audit(config);
    std::vector<bool> history(m_split.part.size());
    for (std::size_t r = 0; r < history.size(); ++r) history[r] = m_split.part[r] != SplitPart::Test;
    const auto popularity = itemPopularity(m_data.interactions, m_data.items.size(), &history);
    const int field = m_data.items.fieldIndex("category");
    QVERIFY(field >= 0);
    std::vector<std::int32_t> category(m_data.items.size());
    for (std::size_t i = 0; i < category.size(); ++i)
      category[i] = m_data.items.fields[static_cast<std::size_t>(field)].codeAt(i);
    const UserProfileBuilder profiles(m_data, m_twoTower->metadata(), &history);
    const int fetch = static_cast<int>(config.rerank.candidateCount(kK, m_data.items.size()));
    std::size_t differ = 0;  // users whose re-ranked list is not the model's own top-k
    const auto plain = audit([] {
      auto c = smallConfig();
      c.flipAttributes.clear();
      return c;
    }());
    const auto status = m_engine->recommendAll(
        m_data.users.size(), [&](std::size_t u) { return profiles.profile(static_cast<std::int32_t>(u)); },
        fetch, true, config.batchSize,
        [&](std::size_t u, const std::vector<Recommendation>& candidates) {
          const auto profile = profiles.profile(static_cast<std::int32_t>(u));
          ReRankContext context;
          context.popularity = &popularity;
          context.category = &category;
          context.history = &profile.items;
          std::vector<std::int32_t> expected;
          for (const auto& r : reRank(candidates, kK, config.rerank, context)) expected.push_back(r.item);
          QCOMPARE(reranked.users[u].items, expected);
          if (plain.users[u].items != expected) ++differ;
        });
    QVERIFY(status.ok());
    QVERIFY2(differ > m_data.users.size() / 2, qPrintable(QString::number(differ)));
    // The knobs do what they say on the whole audit: less popular and better calibrated lists.
    const auto a = finish(plain);
    const auto b = finish(reranked);
    QVERIFY(b.averagePopularity < a.averagePopularity);
    QVERIFY(b.miscalibration < a.miscalibration);
    QCOMPARE(describeReRank(config.rerank), std::string("popularity penalty 1, calibration 0.5"));
    QCOMPARE(describeReRank(ReRankOptions{}), std::string("none"));

    // Shards merge exactly; a shard of another re-ranking is refused by name.
    std::vector<AuditPartial> shards;
    for (int i = 0; i < 2; ++i) {
      auto c = config;
      c.shardCount = 2;
      c.shardIndex = i;
      shards.push_back(audit(c));
    }
    auto merged = mergePartials(shards);
    QVERIFY(merged.ok());
    QCOMPARE(QString::fromStdString(testing::comparePartial(merged.value(), reranked)), QString());
    auto other = config;
    other.shardCount = 2;
    other.shardIndex = 1;
    other.rerank.calibration = 0.25;
    auto mixed = mergePartials({shards[0], audit(other)});
    QVERIFY(!mixed.ok());
    QVERIFY2(message(mixed.error()).contains("re-ranking"), qPrintable(message(mixed.error())));

    // The knobs travel with the partial.
    auto back = auditPartialFromJson(auditPartialToJson(reranked, AuditProvenance{}));
    QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
    QCOMPARE(back->config.rerank.popularityPenalty, 1.0);
    QCOMPARE(back->config.rerank.calibration, 0.5);
    QCOMPARE(back->config.rerank.categoryCap, 0);

    // Bad knobs are named; a log has nothing to re-rank.
    auto bad = config;
    bad.rerank.diversity = 1.5;
    auto e = auditModel(*m_engine, m_data, m_split, bad);
    QVERIFY(!e.ok() && message(e.error()).contains("MMR"));
    RecommendationLog log;
    log.users = {0};
    log.lists = {{}};
    e = auditLog(log, m_data, m_split, config);
    QVERIFY(!e.ok() && message(e.error()).contains("re-rank"));
  }
};

QTEST_GUILESS_MAIN(TestAudit)
#include "tst_audit.moc"
