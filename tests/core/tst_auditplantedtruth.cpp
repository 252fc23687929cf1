#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <memory>

#include "audit/audit.h"
#include "audit/gapdecomposition.h"
#include "data/generator.h"
#include "model/modelfile.h"
#include "model/trainer.h"
#include "store/projectstore.h"

using namespace reclens;

namespace {
constexpr double kMaxPValue = 0.01;
}  // namespace

// The generator plants an under-exposed brand and a region whose users a model serves worse; a whole-model
// audit of a model trained on that world must find both.
class TestAuditPlantedTruth : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  Dataset m_data;
  QJsonObject m_brandTruth;
  std::shared_ptr<const ModelFile> m_model;
  QJsonObject m_gapTruth;
  QJsonObject m_preferenceTruth;
  TrainTestSplit m_split;
  AuditResult m_result;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    // A demo-sized catalog (5,000 items, 60 brands) with fewer users and interactions, so that a model
    // trains in seconds. The brand finding is not certain in every world: the planted factor scales the
    // brand's own, random, popularity, so a world whose planted brand happens to sell well can leave
    // another brand below it (the demo seed 42 ranks it second among brands of at least median size).
    auto config = GeneratorConfig::preset("demo");
    QVERIFY(config.ok());
    config->seed = 7;
    config->users = 2000;
    config->interactions = 70000;
    auto store =
        ProjectStore::open(m_dir.filePath("world.reclens").toStdString(), ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    QVERIFY(generateProject(config.value(), *store.value()).ok());
    auto loaded = store.value()->loadDataset();
    QVERIFY(loaded.ok());
    m_data = std::move(loaded).value();
    auto truths = store.value()->plantedTruth();
    QVERIFY(truths.ok());
    for (const auto& [key, json] : truths.value()) {
      const auto object = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
      if (key == "under_exposed_brand") m_brandTruth = object;
      if (key == "group_quality_gap") m_gapTruth = object;
      if (key == "region_category_preference") m_preferenceTruth = object;
    }
    QVERIFY2(!m_brandTruth.isEmpty() && !m_gapTruth.isEmpty(), "the planted truth is missing");

    auto train = defaultTrainConfig("bpr");
    train.dim = 16;
    train.epochs = 10;
    train.evalUsers = 300;
    train.threads = 2;
    train.device = "cpu";
    const auto path = m_dir.filePath("bpr.pt").toStdString();
    auto trained = trainModel(m_data, train, path);
    QVERIFY2(trained.ok(), trained.ok() ? "" : trained.error().message.c_str());
    auto model = ModelFile::load(path, {}, &m_data.items);
    QVERIFY(model.ok());
    m_model = model.value();
    ScoringEngine engine(model.value());
    m_split = splitByTime(m_data, 1, 1);
    const auto& split = m_split;
    AuditConfig audit;
    audit.k = 20;
    auto partial = auditModel(engine, m_data, split, audit);
    QVERIFY2(partial.ok(), partial.ok() ? "" : partial.error().message.c_str());
    auto result = finishAudit(partial.value(), m_data, split);
    QVERIFY2(result.ok(), result.ok() ? "" : result.error().message.c_str());
    m_result = std::move(result).value();
  }

  void underExposedBrandHasTheLowestExposureForItsCatalogShare() {
    const auto brand = m_brandTruth.value("brand").toString().toStdString();
    const auto grouping = std::find_if(m_result.itemGroups.begin(), m_result.itemGroups.end(),
                                       [](const ItemGrouping& g) { return g.name == "brand"; });
    QVERIFY(grouping != m_result.itemGroups.end());
    // The brand was planted with a median catalog share; brands with fewer items than the median have
    // too few items for their exposure share to mean much (a dozen unpopular items can get none).
    std::vector<std::size_t> sizes;
    for (const auto& g : grouping->groups) sizes.push_back(g.items);
    std::sort(sizes.begin(), sizes.end());
    const auto median = sizes[sizes.size() / 2];
    const ItemGroupExposure* planted = nullptr;
    const ItemGroupExposure* lowest = nullptr;
    const auto ratio = [](const ItemGroupExposure& g) { return g.exposureShare / g.catalogShare; };
    for (const auto& g : grouping->groups) {
      if (g.group == brand) planted = &g;
      if (g.items < median) continue;
      if (lowest == nullptr || ratio(g) < ratio(*lowest)) lowest = &g;
    }
    QVERIFY(planted != nullptr);
    qInfo(
        "planted brand %s: %zu items (median brand %zu), catalog share %.4f, interaction share %.4f, "
        "exposure "
        "share %.4f (ratio %.3f); lowest ratio among brands of at least the median size: %s %.3f",
        brand.c_str(), planted->items, median, planted->catalogShare, planted->interactionShare,
        planted->exposureShare, ratio(*planted), lowest->group.c_str(), ratio(*lowest));
    QVERIFY2(ratio(*planted) < 1.0 / 3.0, qPrintable(QString::number(ratio(*planted))));
    QCOMPARE(lowest->group, brand);
  }

  void qualityGapShowsInTheRegionFairness() {
    const auto attribute = m_gapTruth.value("attribute").toString().toStdString();
    const auto group = m_gapTruth.value("group").toString().toStdString();
    const auto fairness = std::find_if(m_result.fairness.begin(), m_result.fairness.end(),
                                       [&](const AttributeFairness& a) { return a.attribute == attribute; });
    QVERIFY(fairness != m_result.fairness.end());
    const auto ndcg = std::find_if(fairness->metrics.begin(), fairness->metrics.end(),
                                   [](const MetricFairness& m) { return m.metric == "ndcg"; });
    QVERIFY(ndcg != fairness->metrics.end());
    const GroupStat* lowest = nullptr;
    for (const auto& g : ndcg->groups) {
      qInfo("%s = %s: %zu users, NDCG@20 %.4f [%.4f, %.4f]", attribute.c_str(), g.group.c_str(), g.users,
            g.mean, g.ciLow, g.ciHigh);
      if (lowest == nullptr || g.mean < lowest->mean) lowest = &g;
    }
    qInfo("max-min gap %.4f, mean absolute pairwise gap %.4f, permutation p %.4f", ndcg->maxMinGap,
          ndcg->meanAbsPairwiseGap, ndcg->pValue);
    QVERIFY(lowest != nullptr);
    QCOMPARE(lowest->group, group);
    QVERIFY2(ndcg->pValue <= kMaxPValue, qPrintable(QString::number(ndcg->pValue)));
  }

  // The planted preference of one region for one category shows in Why This Gap?: against every other
  // region, the preferred category earns the region's users more hits than any other category does.
  // Provider-fair re-ranking (φ = 0.5, catalog shares) brings each grouping's exposure shares closer to
  // its catalog shares, and the planted brand, whose items sell little, gains exposure either way: with
  // the tail (tiers) or as one of the brands a list leaves out (brands; 60 groups and 20 slots, so one
  // list cannot hold every brand and the brands' distance moves little).
  void providerFairReRankingMovesExposureTowardsTheCatalog() {
    const auto brand = m_brandTruth.value("brand").toString().toStdString();
    const auto run = [this](const std::string& field) {
      AuditConfig config;
      config.k = 20;
      config.rerank.providerFairness = 0.5;
      config.rerank.providerField = field;
      ScoringEngine engine(m_model);
      auto partial = auditModel(engine, m_data, m_split, config);
      if (!partial.ok()) qFatal("audit failed: %s", partial.error().message.c_str());
      auto result = finishAudit(partial.value(), m_data, m_split);
      if (!result.ok()) qFatal("finish failed: %s", result.error().message.c_str());
      return std::move(result).value();
    };
    const auto grouping = [](const AuditResult& r, const std::string& name) {
      return *std::find_if(r.itemGroups.begin(), r.itemGroups.end(),
                           [&name](const ItemGrouping& g) { return g.name == name; });
    };
    const auto ratio = [&brand](const ItemGrouping& g) {
      for (const auto& x : g.groups)
        if (x.group == brand) return x.exposureShare / x.catalogShare;
      return -1.0;
    };
    const auto distance = [](const ItemGrouping& g) {
      double tv = 0.0;
      for (const auto& x : g.groups) tv += std::abs(x.exposureShare - x.catalogShare);
      return 0.5 * tv;
    };
    const auto byTier = run("tier");
    const auto byBrand = run("brand");
    qInfo(
        "provider fairness 0.5 on tier: tiers' exposure distance from catalog shares %.3f -> %.3f, planted "
        "brand %s exposure / catalog share %.3f -> %.3f, NDCG@20 %.4f -> %.4f",
        distance(grouping(m_result, "tier")), distance(grouping(byTier, "tier")), brand.c_str(),
        ratio(grouping(m_result, "brand")), ratio(grouping(byTier, "brand")), m_result.accuracy.ndcg,
        byTier.accuracy.ndcg);
    qInfo(
        "provider fairness 0.5 on brand: brands' exposure distance %.3f -> %.3f, planted brand %.3f -> "
        "%.3f, NDCG@20 %.4f",
        distance(grouping(m_result, "brand")), distance(grouping(byBrand, "brand")),
        ratio(grouping(m_result, "brand")), ratio(grouping(byBrand, "brand")), byBrand.accuracy.ndcg);
    // Measured with seed 7: tiers 0.589 -> 0.484 and the brand 0.055 -> 0.177; brands 0.226 -> 0.215 and
    // the brand 0.055 -> 0.142, at an NDCG cost of 6% and 3%.
    QVERIFY(distance(grouping(byTier, "tier")) < distance(grouping(m_result, "tier")) - 0.05);
    QVERIFY(ratio(grouping(byTier, "brand")) > 2.0 * ratio(grouping(m_result, "brand")));
    QVERIFY(distance(grouping(byBrand, "brand")) < distance(grouping(m_result, "brand")));
    QVERIFY(ratio(grouping(byBrand, "brand")) > 2.0 * ratio(grouping(m_result, "brand")));
  }

  void regionCategoryPreferenceShowsInTheGapDecomposition() {
    QVERIFY(!m_preferenceTruth.isEmpty());
    const auto attribute = m_preferenceTruth.value("attribute").toString().toStdString();
    const auto region = m_preferenceTruth.value("group").toString().toStdString();
    const auto category = m_preferenceTruth.value("category").toString().toStdString();
    const auto fairness = std::find_if(m_result.fairness.begin(), m_result.fairness.end(),
                                       [&](const AttributeFairness& a) { return a.attribute == attribute; });
    QVERIFY(fairness != m_result.fairness.end());
    for (const auto& other : fairness->metrics.front().groups) {
      if (other.group == region) continue;
      auto gap = decomposeGap(m_result, m_data, m_split, attribute, "hit", "category", region, other.group);
      QVERIFY2(gap.ok(), gap.ok() ? "" : gap.error().message.c_str());
      const auto top = gap->parts.front();
      const auto best =
          std::max_element(gap->parts.begin(), gap->parts.end(),
                           [](const GapPart& a, const GapPart& b) { return a.difference < b.difference; });
      qInfo("HR@20 %s %.4f - %s %.4f: largest part %s %+.4f, most in favour %s %+.4f", region.c_str(),
            gap->highMean, other.group.c_str(), gap->lowMean, top.itemGroup.c_str(), top.difference,
            best->itemGroup.c_str(), best->difference);
      QCOMPARE(best->itemGroup, category);
      QVERIFY(best->difference > 0.0);
    }
  }
};

QTEST_GUILESS_MAIN(TestAuditPlantedTruth)
#include "tst_auditplantedtruth.moc"
