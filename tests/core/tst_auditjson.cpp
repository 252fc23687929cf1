#include <QtTest>

#include <cmath>
#include <cstring>
#include <limits>

#include "audit/auditjson.h"

using namespace reclens;

namespace {

// Doubles that stress a text round trip: shortest forms, extremes, signed zero, non-finite values.
const double kTricky[] = {0.1,
                          1.0 / 3.0,
                          -0.0,
                          5e-324,
                          1.7976931348623157e308,
                          123456789.123456789,
                          2.0 / 3.0 * 1e-17,
                          std::numeric_limits<double>::quiet_NaN(),
                          std::numeric_limits<double>::infinity(),
                          -std::numeric_limits<double>::infinity()};
constexpr std::size_t kTrickyCount = sizeof kTricky / sizeof kTricky[0];

double tricky(std::size_t i) {
  return kTricky[i % kTrickyCount];
}

bool sameBits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

AuditRun sampleRun() {
  AuditRun run;
  run.id = 7;
  run.name = "bpr@20 \"quoted\" – ünïcode";
  run.modelId = 3;
  run.auditedUsers = 4;
  auto& p = run.provenance;
  p.project = "/data/shop.reclens";
  p.datasetName = "Shop";
  p.modelName = "bpr-64";
  p.modelPath = "/data/shop.bpr-64.pt";
  p.modelKind = "bpr";
  p.split = "time-aware";
  p.splitSpec = "time:2";
  p.holdoutPerUser = 2;
  p.validationPerUser = 1;
  p.device = "CPU (2 threads)";
  p.recLensVersion = "0.1.0";
  p.libraryVersions = "LibTorch 1.13.1, CUDA none, SQLite 3.40.1";
  p.metricDefinitionsVersion = kMetricDefinitionsVersion;
  p.created = 1700000000;
  p.createdUtc = "2023-11-14T22:13:20Z";
  auto& part = run.result.partial;
  part.config.k = 5;
  part.config.userAttributes = {"gender", "region"};
  part.config.itemGroupings = {"tier", "brand"};
  part.config.flipAttributes = {"gender"};
  part.config.intersections = {{"gender", "region"}};
  part.config.numericBins = 7;
  part.config.tailRatio = 0.2;
  part.config.bootstrapSamples = 321;
  part.config.permutations = 123;
  part.config.seed = 18446744073709551557ull;
  part.config.batchSize = 64;
  part.config.shardIndex = 2;
  part.config.shardCount = 3;
  part.config.rerank.calibration = 0.25;
  part.config.rerank.providerFairness = 0.4;
  part.config.rerank.providerField = "category";
  part.config.rerank.providerTarget = ProviderTarget::Equal;
  part.config.rerank.userAwarePenalty = 1.5;
  part.source = "model";
  part.modelSha256 = std::string(64, 'a');
  part.dataFingerprint = "fp:12";
  part.numItems = 3;
  part.numUsers = 9;
  part.userAttributes = {"gender", "region"};
  part.userAttributeValues = {{"f", "m"}, {"North", "South", "Islands"}};
  part.flipAttributes = {"gender"};
  for (std::int32_t u = 0; u < 4; ++u) {
    AuditUserRecord r;
    r.user = 2 + 3 * u;
    r.hasTest = u != 1;
    r.listLength = 5 - u;
    const auto base = static_cast<std::size_t>(u) * 11;
    r.accuracy = {tricky(base),     tricky(base + 1), tricky(base + 2),
                  tricky(base + 3), tricky(base + 4), tricky(base + 5)};
    r.averagePopularity = tricky(base + 6);
    r.longTailShare = tricky(base + 7);
    r.tailPercentage = tricky(base + 8);
    r.novelty = tricky(base + 9);
    r.intraListDiversity = tricky(base + 10);
    r.miscalibration = tricky(base + 4);
    r.historyPopularity = tricky(base + 5);
    r.historyPopularShare = tricky(base + 6);
    r.historyLength = 7 + u;
    r.items.assign(static_cast<std::size_t>(r.listLength), u);
    r.groupCodes = {u % 2, u == 3 ? -1 : u % 3};
    r.flipped = {static_cast<std::uint8_t>(u % 2)};
    r.flipJaccard = {tricky(base + 3)};
    part.users.push_back(r);
  }
  part.exposureCount = {0, 4, 9000000000ll};
  part.exposureWeight = {0.0, 1.0 / std::log2(3.0), 2.5};
  part.shards = {0, 1, 2};
  auto& r = run.result;
  r.evaluatedUsers = 3;
  r.accuracy = {0.1, 0.2, 1.0 / 7.0, 0.4, 0.5, 0.6};
  r.itemCoverage = 2.0 / 3.0;
  r.gini = 0.123456789012345678;
  r.averagePopularity = 1e300;
  r.aplt = -0.0;
  r.tailPercentage = 1e-310;
  r.novelty = std::numeric_limits<double>::quiet_NaN();
  r.intraListDiversity = 0.7;
  r.exposureEntropyBits = 1.5849625007211562;
  r.miscalibration = 0.3;
  r.popularityRankCorrelation = std::numeric_limits<double>::quiet_NaN();
  r.popularityLift.push_back({"niche", 2, 0.0, 0.25, 3.5, 7.0, 1.0});
  r.popularityLift.push_back(
      {"blockbuster", 0, 0.0, 0.0, 0.0, 0.0, std::numeric_limits<double>::quiet_NaN()});
  const auto metricOf = [](std::string name, std::vector<GroupStat> groups, double maxMin, double meanAbs,
                           double pValue) {
    MetricFairness m;
    m.metric = std::move(name);
    m.groups = std::move(groups);
    m.maxMinGap = maxMin;
    m.meanAbsPairwiseGap = meanAbs;
    m.pValue = pValue;
    return m;
  };
  AttributeFairness gender;
  gender.attribute = "gender";
  gender.metrics = {
      metricOf("ndcg", {{"f", 2, 0.3, 0.25, 0.35}, {"m", 1, 0.1, 0.0, 0.2}}, 0.2, 0.2, 0.047619),
      metricOf("hit", {{"f", 2, 1.0, 1.0, 1.0}}, 0.0, 0.0, 1.0)};
  r.fairness.push_back(std::move(gender));
  auto& ndcg = r.fairness.back().metrics.front();
  ndcg.pAdjusted = 0.095238;
  ndcg.highGroup = "f";
  ndcg.lowGroup = "m";
  ndcg.gapCiLow = 0.05;
  ndcg.gapCiHigh = 1.0 / 3.0;
  ndcg.effectSize = std::numeric_limits<double>::quiet_NaN();
  r.fairness.back().kind = "intersection";
  r.fairness.back().coverage = {{"f", 2, 3, 0.75}, {"m", 1, 1, 0.25}};
  r.itemGroups.push_back(
      {"tier", {{"head", 1, 0.9, 1.0 / 3.0, 0.8, 2.1}, {"tail", 2, 0.1, 2.0 / 3.0, 0.2, 0.05}}});
  r.itemGroups.back().rsp = 0.4;
  r.itemGroups.back().reo = std::numeric_limits<double>::quiet_NaN();
  r.itemGroups.back().groups[0].meritShare = 0.6;
  r.itemGroups.back().groups[0].exposurePerMerit = 1.5;
  r.itemGroups.back().groups[0].recommendationRate = 1e-5;
  r.itemGroups.back().groups[0].hitRate = std::numeric_limits<double>::quiet_NaN();
  r.flips.push_back({"gender", 4, 0.25, 0.875});
  return run;
}

void compareAccuracy(const AccuracyValues& a, const AccuracyValues& b) {
  QVERIFY(sameBits(a.hit, b.hit));
  QVERIFY(sameBits(a.precision, b.precision));
  QVERIFY(sameBits(a.recall, b.recall));
  QVERIFY(sameBits(a.mrr, b.mrr));
  QVERIFY(sameBits(a.map, b.map));
  QVERIFY(sameBits(a.ndcg, b.ndcg));
}

void compareConfig(const AuditConfig& a, const AuditConfig& b) {
  QCOMPARE(a.k, b.k);
  QCOMPARE(a.userAttributes, b.userAttributes);
  QCOMPARE(a.itemGroupings, b.itemGroupings);
  QCOMPARE(a.flipAttributes, b.flipAttributes);
  QCOMPARE(a.intersections, b.intersections);
  QCOMPARE(a.numericBins, b.numericBins);
  QVERIFY(sameBits(a.tailRatio, b.tailRatio));
  QCOMPARE(a.bootstrapSamples, b.bootstrapSamples);
  QCOMPARE(a.permutations, b.permutations);
  QCOMPARE(a.seed, b.seed);
  QCOMPARE(a.batchSize, b.batchSize);
  QCOMPARE(a.shardIndex, b.shardIndex);
  QCOMPARE(a.shardCount, b.shardCount);
  QVERIFY(a.rerank == b.rerank);
  QCOMPARE(a.rerank.providerField, b.rerank.providerField);
}

void comparePartial(const AuditPartial& a, const AuditPartial& b) {
  compareConfig(a.config, b.config);
  QCOMPARE(a.source, b.source);
  QCOMPARE(a.modelSha256, b.modelSha256);
  QCOMPARE(a.dataFingerprint, b.dataFingerprint);
  QCOMPARE(a.numItems, b.numItems);
  QCOMPARE(a.numUsers, b.numUsers);
  QCOMPARE(a.userAttributes, b.userAttributes);
  QCOMPARE(a.userAttributeValues, b.userAttributeValues);
  QCOMPARE(a.flipAttributes, b.flipAttributes);
  QCOMPARE(a.shards, b.shards);
  QCOMPARE(a.exposureCount, b.exposureCount);
  QCOMPARE(a.exposureWeight.size(), b.exposureWeight.size());
  for (std::size_t i = 0; i < a.exposureWeight.size(); ++i)
    QVERIFY(sameBits(a.exposureWeight[i], b.exposureWeight[i]));
  QCOMPARE(a.users.size(), b.users.size());
  for (std::size_t i = 0; i < a.users.size(); ++i) {
    const auto &x = a.users[i], &y = b.users[i];
    QCOMPARE(x.user, y.user);
    QCOMPARE(x.hasTest, y.hasTest);
    QCOMPARE(x.listLength, y.listLength);
    compareAccuracy(x.accuracy, y.accuracy);
    QVERIFY(sameBits(x.averagePopularity, y.averagePopularity));
    QVERIFY(sameBits(x.longTailShare, y.longTailShare));
    QVERIFY(sameBits(x.tailPercentage, y.tailPercentage));
    QVERIFY(sameBits(x.novelty, y.novelty));
    QVERIFY(sameBits(x.intraListDiversity, y.intraListDiversity));
    QVERIFY(sameBits(x.miscalibration, y.miscalibration));
    QVERIFY(sameBits(x.historyPopularity, y.historyPopularity));
    QVERIFY(sameBits(x.historyPopularShare, y.historyPopularShare));
    QCOMPARE(x.historyLength, y.historyLength);
    QCOMPARE(x.items, y.items);
    QCOMPARE(x.groupCodes, y.groupCodes);
    QCOMPARE(x.flipped, y.flipped);
    QCOMPARE(x.flipJaccard.size(), y.flipJaccard.size());
    for (std::size_t f = 0; f < x.flipJaccard.size(); ++f)
      QVERIFY(sameBits(x.flipJaccard[f], y.flipJaccard[f]));
  }
}

void compareStatistics(const AuditResult& a, const AuditResult& b) {
  QCOMPARE(a.evaluatedUsers, b.evaluatedUsers);
  compareAccuracy(a.accuracy, b.accuracy);
  for (const auto& [x, y] : {std::pair{a.itemCoverage, b.itemCoverage},
                             {a.gini, b.gini},
                             {a.averagePopularity, b.averagePopularity},
                             {a.aplt, b.aplt},
                             {a.tailPercentage, b.tailPercentage},
                             {a.novelty, b.novelty},
                             {a.intraListDiversity, b.intraListDiversity},
                             {a.exposureEntropyBits, b.exposureEntropyBits},
                             {a.miscalibration, b.miscalibration},
                             {a.popularityRankCorrelation, b.popularityRankCorrelation}})
    QVERIFY(sameBits(x, y));
  QCOMPARE(a.popularityLift.size(), b.popularityLift.size());
  for (std::size_t i = 0; i < a.popularityLift.size(); ++i) {
    const auto &x = a.popularityLift[i], &y = b.popularityLift[i];
    QCOMPARE(x.group, y.group);
    QCOMPARE(x.users, y.users);
    for (const auto& [s, t] : {std::pair{x.minShare, y.minShare},
                               {x.maxShare, y.maxShare},
                               {x.profilePopularity, y.profilePopularity},
                               {x.listPopularity, y.listPopularity},
                               {x.deltaGap, y.deltaGap}})
      QVERIFY(sameBits(s, t));
  }
  QCOMPARE(a.fairness.size(), b.fairness.size());
  for (std::size_t i = 0; i < a.fairness.size(); ++i) {
    QCOMPARE(a.fairness[i].attribute, b.fairness[i].attribute);
    QCOMPARE(a.fairness[i].kind, b.fairness[i].kind);
    QCOMPARE(a.fairness[i].coverage.size(), b.fairness[i].coverage.size());
    for (std::size_t c = 0; c < a.fairness[i].coverage.size(); ++c) {
      const auto &x = a.fairness[i].coverage[c], &y = b.fairness[i].coverage[c];
      QCOMPARE(x.group, y.group);
      QCOMPARE(x.users, y.users);
      QCOMPARE(x.items, y.items);
      QVERIFY(sameBits(x.coverage, y.coverage));
    }
    QCOMPARE(a.fairness[i].metrics.size(), b.fairness[i].metrics.size());
    for (std::size_t m = 0; m < a.fairness[i].metrics.size(); ++m) {
      const auto &x = a.fairness[i].metrics[m], &y = b.fairness[i].metrics[m];
      QCOMPARE(x.metric, y.metric);
      QVERIFY(sameBits(x.maxMinGap, y.maxMinGap));
      QVERIFY(sameBits(x.meanAbsPairwiseGap, y.meanAbsPairwiseGap));
      QVERIFY(sameBits(x.pValue, y.pValue));
      QVERIFY(sameBits(x.pAdjusted, y.pAdjusted));
      QCOMPARE(x.highGroup, y.highGroup);
      QCOMPARE(x.lowGroup, y.lowGroup);
      QVERIFY(sameBits(x.gapCiLow, y.gapCiLow));
      QVERIFY(sameBits(x.gapCiHigh, y.gapCiHigh));
      QVERIFY(sameBits(x.effectSize, y.effectSize));
      QCOMPARE(x.groups.size(), y.groups.size());
      for (std::size_t g = 0; g < x.groups.size(); ++g) {
        QCOMPARE(x.groups[g].group, y.groups[g].group);
        QCOMPARE(x.groups[g].users, y.groups[g].users);
        QVERIFY(sameBits(x.groups[g].mean, y.groups[g].mean));
        QVERIFY(sameBits(x.groups[g].ciLow, y.groups[g].ciLow));
        QVERIFY(sameBits(x.groups[g].ciHigh, y.groups[g].ciHigh));
      }
    }
  }
  QCOMPARE(a.itemGroups.size(), b.itemGroups.size());
  for (std::size_t i = 0; i < a.itemGroups.size(); ++i) {
    QCOMPARE(a.itemGroups[i].name, b.itemGroups[i].name);
    QVERIFY(sameBits(a.itemGroups[i].rsp, b.itemGroups[i].rsp));
    QVERIFY(sameBits(a.itemGroups[i].reo, b.itemGroups[i].reo));
    QCOMPARE(a.itemGroups[i].groups.size(), b.itemGroups[i].groups.size());
    for (std::size_t g = 0; g < a.itemGroups[i].groups.size(); ++g) {
      const auto &x = a.itemGroups[i].groups[g], &y = b.itemGroups[i].groups[g];
      QCOMPARE(x.group, y.group);
      QCOMPARE(x.items, y.items);
      QVERIFY(sameBits(x.exposureShare, y.exposureShare));
      QVERIFY(sameBits(x.catalogShare, y.catalogShare));
      QVERIFY(sameBits(x.interactionShare, y.interactionShare));
      QVERIFY(sameBits(x.meanExposure, y.meanExposure));
      QVERIFY(sameBits(x.meritShare, y.meritShare));
      QVERIFY(sameBits(x.exposurePerMerit, y.exposurePerMerit));
      QVERIFY(sameBits(x.recommendationRate, y.recommendationRate));
      QVERIFY(sameBits(x.hitRate, y.hitRate));
    }
  }
  QCOMPARE(a.flips.size(), b.flips.size());
  for (std::size_t i = 0; i < a.flips.size(); ++i) {
    QCOMPARE(a.flips[i].attribute, b.flips[i].attribute);
    QCOMPARE(a.flips[i].users, b.flips[i].users);
    QVERIFY(sameBits(a.flips[i].rate, b.flips[i].rate));
    QVERIFY(sameBits(a.flips[i].meanJaccard, b.flips[i].meanJaccard));
  }
}

void compareProvenance(const AuditProvenance& a, const AuditProvenance& b) {
  QCOMPARE(a.project, b.project);
  QCOMPARE(a.datasetName, b.datasetName);
  QCOMPARE(a.modelName, b.modelName);
  QCOMPARE(a.modelPath, b.modelPath);
  QCOMPARE(a.modelKind, b.modelKind);
  QCOMPARE(a.logPath, b.logPath);
  QCOMPARE(a.logSha256, b.logSha256);
  QCOMPARE(a.split, b.split);
  QCOMPARE(a.splitSpec, b.splitSpec);
  QCOMPARE(a.holdoutPerUser, b.holdoutPerUser);
  QCOMPARE(a.validationPerUser, b.validationPerUser);
  QCOMPARE(a.device, b.device);
  QCOMPARE(a.recLensVersion, b.recLensVersion);
  QCOMPARE(a.libraryVersions, b.libraryVersions);
  QCOMPARE(a.metricDefinitionsVersion, b.metricDefinitionsVersion);
  QCOMPARE(a.created, b.created);
  QCOMPARE(a.createdUtc, b.createdUtc);
}

}  // namespace

class TestAuditJson : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void fullRunRoundTripsExactly() {
    const auto run = sampleRun();
    const auto text = auditRunToJson(run, AuditJsonDetail::Full);
    const auto back = auditRunFromJson(text, "run.json");
    QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
    QCOMPARE(back.value().id, run.id);
    QCOMPARE(back.value().name, run.name);
    QCOMPARE(back.value().modelId, run.modelId);
    QCOMPARE(back.value().auditedUsers, run.auditedUsers);
    compareProvenance(back.value().provenance, run.provenance);
    comparePartial(back.value().result.partial, run.result.partial);
    compareStatistics(back.value().result, run.result);
    // Written again, the text is the same byte for byte.
    QCOMPARE(auditRunToJson(back.value(), AuditJsonDetail::Full), text);
  }

  void partialRoundTripsExactly() {
    const auto run = sampleRun();
    const auto text = auditPartialToJson(run.result.partial, run.provenance);
    AuditProvenance provenance;
    const auto back = auditPartialFromJson(text, "part-2.json", &provenance);
    QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
    comparePartial(back.value(), run.result.partial);
    compareProvenance(provenance, run.provenance);
    QCOMPARE(auditPartialToJson(back.value(), provenance), text);
  }

  void lighterDetailsLeaveOutTheBulk() {
    const auto run = sampleRun();
    const auto stats = auditRunFromJson(auditRunToJson(run, AuditJsonDetail::Statistics));
    QVERIFY(stats.ok());
    QVERIFY(stats.value().result.partial.users.empty());
    QVERIFY(stats.value().result.partial.exposureCount.empty());
    QCOMPARE(stats.value().auditedUsers, run.auditedUsers);
    compareStatistics(stats.value().result, run.result);
    const auto exposure = auditRunFromJson(auditRunToJson(run, AuditJsonDetail::WithExposure, -1));
    QVERIFY(exposure.ok());
    QVERIFY(exposure.value().result.partial.users.empty());
    QCOMPARE(exposure.value().result.partial.exposureCount, run.result.partial.exposureCount);
    // The metrics text is the same whatever the detail, and differs when a statistic does.
    QCOMPARE(auditMetricsJson(stats.value().result), auditMetricsJson(run.result));
    auto changed = run.result;
    changed.gini = std::nextafter(changed.gini, 1.0);
    QVERIFY(auditMetricsJson(changed) != auditMetricsJson(run.result));
    // A run made in memory without auditedUsers keeps the count of its records once they are left out.
    auto inMemory = run;
    inMemory.auditedUsers = 0;
    QCOMPARE(auditedUserCount(inMemory), run.result.partial.users.size());
    const auto counted = auditRunFromJson(auditRunToJson(inMemory, AuditJsonDetail::Statistics));
    QVERIFY(counted.ok());
    QCOMPARE(counted.value().auditedUsers, run.result.partial.users.size());
  }

  void configProvenanceAndSummaryRoundTrip() {
    const auto run = sampleRun();
    const auto config = auditConfigFromJson(auditConfigJson(run.result.partial.config));
    QVERIFY(config.ok());
    compareConfig(config.value(), run.result.partial.config);
    const auto provenance = auditProvenanceFromJson(auditProvenanceJson(run.provenance));
    QVERIFY(provenance.ok());
    compareProvenance(provenance.value(), run.provenance);
    const auto summary = auditSummaryFromJson(auditSummaryJson(auditSummary(run)));
    QVERIFY(summary.ok());
    QCOMPARE(summary.value().users, std::size_t{4});
    QCOMPARE(summary.value().evaluatedUsers, std::size_t{3});
    compareAccuracy(summary.value().accuracy, run.result.accuracy);
    QVERIFY(sameBits(summary.value().gini, run.result.gini));
  }

  void malformedDocumentsAreNamed_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("mentions");
    const auto good = QString::fromStdString(auditRunToJson(sampleRun(), AuditJsonDetail::Full));
    QTest::newRow("not json") << "{\"format\": " << int(ErrorCode::Parse) << "run.json";
    QTest::newRow("other format") << "{\"format\": \"something\"}" << int(ErrorCode::Parse)
                                  << "not a RecLens audit";
    QTest::newRow("newer") << QString(good).replace("\"format_version\": 1", "\"format_version\": 99")
                           << int(ErrorCode::NewerVersion) << "newer RecLens";
    QTest::newRow("missing key") << QString(good).replace("\"gini\"", "\"ginny\"") << int(ErrorCode::Parse)
                                 << "\"gini\"";
    QTest::newRow("mistyped") << QString(good).replace("\"k\": 5", "\"k\": \"five\"") << int(ErrorCode::Parse)
                              << "config.k";
    QTest::newRow("provider target") << QString(good).replace("\"provider_target\": \"equal\"",
                                                              "\"provider_target\": \"fair\"")
                                     << int(ErrorCode::Parse) << "provider_target";
    QTest::newRow("ragged columns") << QString(good).replace("\"user\": [\n", "\"user\": [\n      1,\n")
                                    << int(ErrorCode::Parse) << "differ in length";
  }

  void malformedDocumentsAreNamed() {
    QFETCH(QString, text);
    QFETCH(int, code);
    QFETCH(QString, mentions);
    const auto r = auditRunFromJson(text.toStdString(), "run.json");
    QVERIFY(!r.ok());
    QCOMPARE(int(r.error().code), code);
    QVERIFY2(QString::fromStdString(r.error().message).contains(mentions), r.error().message.c_str());
  }

  void partialIsNotARun() {
    const auto run = sampleRun();
    const auto r = auditRunFromJson(auditPartialToJson(run.result.partial, run.provenance), "p.json");
    QVERIFY(!r.ok());
    QVERIFY(QString::fromStdString(r.error().message).contains("reclens-audit"));
  }
};

QTEST_GUILESS_MAIN(TestAuditJson)
#include "tst_auditjson.moc"
