// Cold start: the title features, the item-history groups of the evaluation, and the two-tower model's
// content parts scoring items it never trained on (docs/training.md, "Content for cold items").
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "audit/audit.h"
#include "audit/evaluation.h"
#include "data/generator.h"
#include "engine/scoringengine.h"
#include "engine/userprofilebuilder.h"
#include "explain/attribution.h"
#include "model/modelfile.h"
#include "model/textfeatures.h"
#include "model/trainer.h"
#include "store/projectstore.h"

using namespace reclens;

namespace {
using Words = std::vector<std::string>;

double cosine(const TextFeatures& f, std::size_t a, std::size_t b) {
  double ab = 0.0, aa = 0.0, bb = 0.0;
  for (int c = 0; c < f.dim; ++c) {
    const double x = f.values[a * static_cast<std::size_t>(f.dim) + static_cast<std::size_t>(c)];
    const double y = f.values[b * static_cast<std::size_t>(f.dim) + static_cast<std::size_t>(c)];
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return ab / std::sqrt(aa * bb);
}
}  // namespace

class TestColdStart : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void titleWordsAreLowerCaseRuns() {
    QCOMPARE(titleWords("Nordridge Copper Spice-Rack (Sand) 2x 500 Café"),
             (Words{"nordridge", "copper", "spice", "rack", "sand", "2x", "café"}));
    QCOMPARE(titleWords("A 12 -- ."), Words{});
    QCOMPARE(titleWords(""), Words{});
  }

  // Six titles about mugs and six about lamps: the kept vocabulary leaves out words of one title and words
  // of more than half of them; titles that share words lie close, the two themes apart; the features are
  // deterministic and a title without a kept word is a zero row.
  void titleFeaturesFollowTheWords() {
    const std::vector<std::string> titles = {
        "red ceramic mug", "blue ceramic mug", "green ceramic mug", "tall ceramic mug", "red enamel mug",
        "blue enamel mug", "red brass lamp",   "blue brass lamp",   "green brass lamp", "tall brass lamp",
        "green desk lamp", "tall desk lamp",   "unique snowflake"};
    const auto f = titleFeatures(titles, 4, 1);
    QCOMPARE(f.dim, 4);
    QCOMPARE(f.values.size(), titles.size() * 4);
    // Kept: red, blue, green, tall, ceramic, mug, enamel, brass, lamp, desk (each in 2..6 of 13 titles).
    QCOMPARE(f.vocabulary, std::size_t(10));
    QCOMPARE(f.itemsWithText, std::size_t(12));
    for (int c = 0; c < 4; ++c) QCOMPARE(f.values[12 * 4 + static_cast<std::size_t>(c)], 0.0f);
    QVERIFY(cosine(f, 0, 1) > cosine(f, 0, 7) + 0.3);  // ceramic mugs vs a brass lamp
    QVERIFY(cosine(f, 6, 7) > cosine(f, 6, 1) + 0.3);
    const auto again = titleFeatures(titles, 4, 1);
    QCOMPARE(again.values, f.values);
    // More columns than the vocabulary can give are not made up.
    QCOMPARE(titleFeatures(titles, 50, 1).dim, 10);
    QCOMPARE(titleFeatures(titles, 0, 1).dim, 0);
    QCOMPARE(titleFeatures({"one", "two"}, 4, 1).dim, 0);
  }

  // On a generated shop split on one calendar (global:0.8,0.1), the items launched late have no training
  // rows. The id-only model (bpr) cannot rank them; the two-tower model scores them from their content.
  void contentScoresItemsNeverTrainedOn() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto config = GeneratorConfig::preset("demo");
    QVERIFY(config.ok());
    config->seed = 5;
    config->users = 1500;
    config->interactions = 60000;
    auto store = ProjectStore::open(dir.filePath("shop.reclens").toStdString(), ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    QVERIFY(generateProject(config.value(), *store.value()).ok());
    auto loaded = store.value()->loadDataset();
    QVERIFY(loaded.ok());
    const auto& data = loaded.value();
    const auto spec = SplitSpec::parse("global:0.8,0.1").value();
    const auto split = splitDataset(data, spec);

    // The groups count the train rows of every item.
    const auto group = itemHistoryGroupOf(data, split);
    std::vector<std::int64_t> rows(data.items.size(), 0);
    for (std::size_t r = 0; r < data.interactions.size(); ++r) {
      if (split.part[r] == SplitPart::Train) ++rows[static_cast<std::size_t>(data.interactions.item[r])];
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto expected = rows[i] == 0 ? 0 : (rows[i] < 5 ? 1 : (rows[i] < 20 ? 2 : 3));
      QCOMPARE(int(group[i]), expected);
    }

    // The audit's cold-start groupings on the same split (its history is train + validation).
    std::vector<std::int64_t> before(data.items.size(), 0);
    for (std::size_t r = 0; r < data.interactions.size(); ++r) {
      if (split.part[r] != SplitPart::Test) ++before[static_cast<std::size_t>(data.interactions.item[r])];
    }
    std::vector<double> coldExposure;
    auto auditColdStart = [&](ScoringEngine& engine) {
      AuditConfig auditConfig;
      auditConfig.k = 20;
      auditConfig.bootstrapSamples = 50;
      auditConfig.permutations = 50;
      auto partial = auditModel(engine, data, split, auditConfig);
      if (!partial) qFatal("%s", partial.error().message.c_str());
      auto result = finishAudit(partial.value(), data, split);
      if (!result) qFatal("%s", result.error().message.c_str());
      const auto& r = result.value();
      const auto interactions = std::find_if(r.itemGroups.begin(), r.itemGroups.end(),
                                             [](const ItemGrouping& g) { return g.name == "interactions"; });
      QVERIFY(interactions != r.itemGroups.end());
      QCOMPARE(interactions->groups.size(), std::size_t(4));
      std::vector<std::size_t> items(4, 0);
      for (const auto c : before) ++items[c == 0 ? 0 : (c < 5 ? 1 : (c < 20 ? 2 : 3))];
      for (std::size_t g = 0; g < 4; ++g) QCOMPARE(interactions->groups[g].items, items[g]);
      QCOMPARE(interactions->groups[0].group, std::string("0"));
      coldExposure.push_back(interactions->groups[0].exposureShare);
      const auto launch = std::find_if(r.itemGroups.begin(), r.itemGroups.end(),
                                       [](const ItemGrouping& g) { return g.name == "launch"; });
      QVERIFY(launch != r.itemGroups.end());
      QCOMPARE(launch->groups.size(), std::size_t(2));
      QVERIFY(launch->groups[1].items > 0 && launch->groups[0].items > launch->groups[1].items);
      QCOMPARE(r.fairness.back().attribute, std::string("activity"));
      QCOMPARE(r.fairness.back().kind, std::string("activity"));
    };

    auto trainAndEvaluate = [&](const std::string& kind, const QString& file) -> EvaluationResult {
      auto c = defaultTrainConfig(kind);
      c.dim = 32;
      c.epochs = 15;
      c.evalUsers = 500;
      c.threads = 2;
      c.device = "cpu";
      c.split = spec;
      const auto path = dir.filePath(file).toStdString();
      auto trained = trainModel(data, c, path);
      if (!trained) qFatal("%s", trained.error().message.c_str());
      auto model = ModelFile::load(path, {}, &data.items);
      if (!model) qFatal("%s", model.error().message.c_str());
      ScoringEngine engine(model.value());
      EvaluationOptions options;
      options.ks = {20};
      options.byItemHistory = true;
      auto result = evaluateModel(engine, data, split, options);
      if (!result) qFatal("%s", result.error().message.c_str());
      auditColdStart(engine);
      if (kind == "twotower") m_twoTower = model.value();
      return result.value();
    };
    const auto bpr = trainAndEvaluate("bpr", "bpr.pt");
    const auto content = trainAndEvaluate("twotower", "twotower.pt");
    QCOMPARE(bpr.itemGroups.size(), std::size_t(4));
    const auto& coldBpr = bpr.itemGroups[0];
    const auto& coldContent = content.itemGroups[0];
    QCOMPARE(coldBpr.name, std::string("0"));
    QVERIFY2(coldContent.users >= 100, std::to_string(coldContent.users).c_str());
    QCOMPARE(coldContent.users, coldBpr.users);
    const double ndcgBpr = coldBpr.atK[0].ndcg;
    const double ndcgContent = coldContent.atK[0].ndcg;
    qInfo("cold test items: %zu users; NDCG@20 bpr %.4f, twotower %.4f; listed share %.4f vs %.4f",
          coldContent.users, ndcgBpr, ndcgContent, coldBpr.listShare, coldContent.listShare);
    QVERIFY2(ndcgContent > ndcgBpr + 0.004, qPrintable(QString::number(ndcgContent)));
    QVERIFY(coldContent.listShare > 0.0);
    // The audit's exposure of the items without history rows follows (bpr first, then twotower).
    QCOMPARE(coldExposure.size(), std::size_t(2));
    QVERIFY2(coldExposure[1] > coldExposure[0], qPrintable(QString::number(coldExposure[1])));
    double shares = 0.0;
    for (const auto& g : content.itemGroups) shares += g.listShare;
    QVERIFY(std::abs(shares - 1.0) < 1e-9);

    // The model's parts: id, the catalog fields, the price band and the title; an item without training
    // rows gets nothing from its id part, so its score is its content's.
    const auto& parts = m_twoTower->metadata().itemParts;
    QCOMPARE(parts.front(), std::string("item"));
    QVERIFY(std::find(parts.begin(), parts.end(), "price band") != parts.end());
    QCOMPARE(parts.back(), std::string("title"));
    std::int32_t coldItem = -1;
    for (std::size_t i = 0; i < rows.size() && coldItem < 0; ++i) {
      if (rows[i] == 0) coldItem = static_cast<std::int32_t>(i);
    }
    QVERIFY(coldItem >= 0);
    const UserProfileBuilder profiles(data, m_twoTower->metadata());
    AttributionOptions options;
    auto explained = explainItems(*m_twoTower, profiles.profile(0), {coldItem}, options, &data.items);
    QVERIFY2(explained.ok(), explained.ok() ? "" : explained.error().message.c_str());
    double idPart = NAN, titlePart = NAN;
    for (const auto& f : explained->items[0].fields) {
      if (f.kind != FieldKind::ItemPart) continue;
      if (f.label == "item") idPart = f.attribution;
      if (f.label == "title") {
        titlePart = f.attribution;
        QCOMPARE(f.value, data.items.titles[static_cast<std::size_t>(coldItem)]);
      }
    }
    QVERIFY2(std::abs(idPart) < 1e-9, qPrintable(QString::number(idPart)));
    QVERIFY(std::isfinite(titlePart) && titlePart != 0.0);
  }

 private:
  std::shared_ptr<const ModelFile> m_twoTower;
};

QTEST_GUILESS_MAIN(TestColdStart)
#include "tst_coldstart.moc"
