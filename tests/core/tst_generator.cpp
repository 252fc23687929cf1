#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <map>
#include <numeric>
#include <set>

#include "data/datasetstats.h"
#include "data/generator.h"
#include "data/utcformat.h"
#include "jsoncheck.h"
#include "store/projectstore.h"

using namespace reclens;

namespace {

// Generates `config` into a fresh project under `dir` and loads it back.
Result<Dataset> generateAndLoad(const GeneratorConfig& config, const QString& path) {
  auto store = ProjectStore::open(path.toStdString(), ProjectStore::Mode::Create);
  if (!store) return store.error();
  auto summary = generateProject(config, *store.value());
  if (!summary) return summary.error();
  return store.value()->loadDataset();
}

QJsonObject truthOf(const std::string& path, const char* key) {
  auto store = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
  if (!store) return {};
  auto truth = store.value()->plantedTruth();
  if (!truth) return {};
  for (const auto& [k, v] : truth.value()) {
    if (k == key) return QJsonDocument::fromJson(QByteArray::fromStdString(v)).object();
  }
  return {};
}

int fieldCode(const CategoricalField& field, const QString& value) {
  const auto& vocab = field.vocabulary();
  for (std::size_t k = 0; k < vocab.size(); ++k) {
    if (vocab[k] == value.toStdString()) return static_cast<int>(k);
  }
  return -2;
}

}  // namespace

class TestGenerator : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  std::string m_worldPath;  // a mid-sized world shared by the planted-truth checks
  Dataset m_world;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    auto config = GeneratorConfig::preset("tiny");
    QVERIFY(config.ok());
    // Larger than tiny so that group shares are measured on thousands of interactions; still fast.
    config.value().items = 3000;
    config.value().users = 1500;
    config.value().interactions = 45000;
    config.value().categories = 12;
    config.value().brands = 40;
    config.value().seed = 7;
    m_worldPath = m_dir.filePath("world.reclens").toStdString();
    auto d = generateAndLoad(config.value(), QString::fromStdString(m_worldPath));
    QVERIFY2(d.ok(), d.ok() ? "" : d.error().message.c_str());
    m_world = std::move(d.value());
  }

  void presets_data() {
    QTest::addColumn<QString>("size");
    QTest::addColumn<qint64>("items");
    QTest::addColumn<qint64>("users");
    QTest::addColumn<qint64>("interactions");
    QTest::newRow("tiny") << "tiny" << qint64(300) << qint64(200) << qint64(5000);
    QTest::newRow("demo") << "demo" << qint64(5000) << qint64(2000) << qint64(100000);
    QTest::newRow("large") << "large" << qint64(100000) << qint64(50000) << qint64(2000000);
    QTest::newRow("huge") << "huge" << qint64(1000000) << qint64(1000000) << qint64(50000000);
  }
  void presets() {
    QFETCH(QString, size);
    QFETCH(qint64, items);
    QFETCH(qint64, users);
    QFETCH(qint64, interactions);
    auto c = GeneratorConfig::preset(size.toStdString());
    QVERIFY(c.ok());
    QCOMPARE(c.value().items, items);
    QCOMPARE(c.value().users, users);
    QCOMPARE(c.value().interactions, interactions);
    QCOMPARE(c.value().size, size.toStdString());
  }

  void rejectsBadSettings() {
    auto unknown = GeneratorConfig::preset("enormous");
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().code, ErrorCode::InvalidArgument);
    auto c = GeneratorConfig::preset("tiny").value();
    c.interactions = c.users - 1;
    QTemporaryDir dir;
    auto result = generateCsv(c, dir.filePath("out").toStdString());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
  }

  void tinyIsDeterministic() {
    QTemporaryDir dir;
    const auto config = GeneratorConfig::preset("tiny").value();
    auto a = generateAndLoad(config, dir.filePath("a.reclens"));
    auto b = generateAndLoad(config, dir.filePath("b.reclens"));
    auto other = config;
    other.seed = config.seed + 1;
    auto c = generateAndLoad(other, dir.filePath("c.reclens"));
    QVERIFY(a.ok() && b.ok() && c.ok());
    const auto& la = a.value().interactions;
    const auto& lb = b.value().interactions;
    const auto& lc = c.value().interactions;
    QCOMPARE(la.user, lb.user);
    QCOMPARE(la.item, lb.item);
    QCOMPARE(la.ts, lb.ts);
    QCOMPARE(la.kind, lb.kind);
    QCOMPARE(a.value().items.titles, b.value().items.titles);
    QCOMPARE(a.value().items.prices, b.value().items.prices);
    const auto sa = computeDatasetStats(a.value());
    const auto sb = computeDatasetStats(b.value());
    const auto sc = computeDatasetStats(c.value());
    QCOMPARE(sa.distinctPairs, sb.distinctPairs);
    QCOMPARE(sa.popularityGini, sb.popularityGini);
    QCOMPARE(sa.firstTime, sb.firstTime);
    QCOMPARE(sa.lastTime, sb.lastTime);
    // Another seed: another world.
    QVERIFY(la.item != lc.item || la.ts != lc.ts);
    QVERIFY(sa.distinctPairs != sc.distinctPairs || sa.popularityGini != sc.popularityGini);
    QVERIFY(la.item.front() != lc.item.front() || la.ts.front() != lc.ts.front() ||
            la.item.back() != lc.item.back());
  }

  void tinyHasRealisticShape() {
    QTemporaryDir dir;
    const auto config = GeneratorConfig::preset("tiny").value();
    auto d = generateAndLoad(config, dir.filePath("t.reclens"));
    QVERIFY(d.ok());
    const auto& ds = d.value();
    QCOMPARE(ds.items.size(), std::size_t(300));
    QCOMPARE(ds.users.size(), std::size_t(200));
    const auto n = static_cast<qint64>(ds.interactions.size());
    QVERIFY2(n > 4500 && n < 5500, qPrintable(QString::number(n)));
    QCOMPARE(ds.interactions.kindNames, (std::vector<std::string>{"view", "cart", "purchase"}));
    const std::int64_t end = config.startTime + std::int64_t(config.days) * 86400;
    std::vector<int> perUser(ds.users.size(), 0);
    std::set<std::pair<int, int>> pairs;
    const float kWeights[] = {1.0f, 2.0f, 4.0f};
    for (std::size_t r = 0; r < ds.interactions.size(); ++r) {
      const auto item = static_cast<std::size_t>(ds.interactions.item[r]);
      const auto ts = ds.interactions.ts[r];
      QVERIFY(ts >= config.startTime && ts <= end + 86400);
      QVERIFY2(ds.items.firstSeen[item] <= ts, "an item was used before it appeared");
      QCOMPARE(ds.interactions.weight[r], kWeights[ds.interactions.kind[r]]);
      ++perUser[static_cast<std::size_t>(ds.interactions.user[r])];
      pairs.emplace(ds.interactions.user[r], ds.interactions.item[r]);
    }
    for (int c : perUser) QVERIFY(c >= 5);
    // Long-tailed activity: the busiest user is far above the mean.
    QVERIFY(*std::max_element(perUser.begin(), perUser.end()) > 5 * n / 200 / 2);
    // Repeats of the same (user, item) are rare.
    QVERIFY2(double(pairs.size()) / double(n) > 0.95,
             qPrintable(QString::number(double(pairs.size()) / double(n))));
    // Cold items exist: some first appear inside the time range.
    QVERIFY(std::count_if(ds.items.firstSeen.begin(), ds.items.firstSeen.end(),
                          [&](std::int64_t t) { return t > config.startTime; }) > 10);
    const auto stats = computeDatasetStats(ds);
    QVERIFY2(stats.popularityGini > 0.3 && stats.popularityGini < 0.95,
             qPrintable(QString::number(stats.popularityGini)));
    QCOMPARE(ds.items.fields[0].name(), std::string("category"));
    QCOMPARE(ds.items.fields[0].vocabulary().size(), std::size_t(8));
    QCOMPARE(ds.items.fields[1].name(), std::string("brand"));
    QCOMPARE(ds.items.fields[1].vocabulary().size(), std::size_t(16));
    QCOMPARE(ds.users.fields.size(), std::size_t(3));
    for (std::size_t i = 0; i < ds.items.size(); ++i) {
      QVERIFY(ds.items.prices[i] > 0.0);
      QVERIFY(QString::fromStdString(ds.items.titles[i])
                  .startsWith(QString::fromStdString(ds.items.fields[1].valueAt(i))));
    }
  }

  void brandsStayInFewCategories() {
    const auto& cat = m_world.items.fields[0];
    const auto& brand = m_world.items.fields[1];
    std::map<int, std::set<int>> categoriesOfBrand;
    for (std::size_t i = 0; i < m_world.items.size(); ++i)
      categoriesOfBrand[brand.codeAt(i)].insert(cat.codeAt(i));
    for (const auto& [b, cats] : categoriesOfBrand) QVERIFY(cats.size() <= 2);
  }

  void plantedRegionPreferenceIsVisible() {
    const auto truth = truthOf(m_worldPath, "region_category_preference");
    QCOMPARE(truth.value("group").toString(), QString("North"));
    QCOMPARE(truth.value("category").toString(), QString("Outdoor"));
    QCOMPARE(RECLENS_JSON_NUMBER(truth, "factor"), 4.0);
    const int region = m_world.users.fieldIndex("region");
    const int north = fieldCode(m_world.users.fields[static_cast<std::size_t>(region)], "North");
    const int outdoor = fieldCode(m_world.items.fields[0], "Outdoor");
    double in[2] = {0, 0};
    double all[2] = {0, 0};
    const auto& log = m_world.interactions;
    for (std::size_t r = 0; r < log.size(); ++r) {
      const int g = m_world.users.fields[static_cast<std::size_t>(region)].codeAt(
                        static_cast<std::size_t>(log.user[r])) == north
                        ? 0
                        : 1;
      all[g] += 1;
      in[g] += m_world.items.fields[0].codeAt(static_cast<std::size_t>(log.item[r])) == outdoor ? 1 : 0;
    }
    const double shareNorth = in[0] / all[0];
    const double shareOthers = in[1] / all[1];
    QVERIFY2(shareNorth > 2.5 * shareOthers,
             qPrintable(QString("North %1 vs others %2").arg(shareNorth).arg(shareOthers)));
  }

  void plantedUnderExposedBrandIsVisible() {
    const auto truth = truthOf(m_worldPath, "under_exposed_brand");
    const auto name = truth.value("brand").toString();
    const int code = fieldCode(m_world.items.fields[1], name);
    QVERIFY2(code >= 0, qPrintable(name));
    double catalog = 0;
    for (std::size_t i = 0; i < m_world.items.size(); ++i)
      catalog += m_world.items.fields[1].codeAt(i) == code ? 1 : 0;
    catalog /= double(m_world.items.size());
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(truth, "catalog_share") - catalog) < 1e-9);
    // A normal catalog share: within a factor 2 of the mean brand share.
    QVERIFY(catalog > 0.5 / 40 && catalog < 2.0 / 40);
    double hits = 0;
    for (auto item : m_world.interactions.item)
      hits += m_world.items.fields[1].codeAt(static_cast<std::size_t>(item)) == code ? 1 : 0;
    const double share = hits / double(m_world.interactions.size());
    QVERIFY2(share < 0.5 * catalog,
             qPrintable(QString("interaction share %1, catalog share %2").arg(share).arg(catalog)));
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(truth, "observed_interaction_share") - share) < 1e-9);
    QVERIFY(RECLENS_JSON_NUMBER(truth, "expected_interaction_share") < catalog);
  }

  void plantedDriftIsVisible() {
    const auto truth = truthOf(m_worldPath, "interest_drift");
    QCOMPARE(truth.value("cohort").toString(), QString("18-24"));
    const auto switchTime = static_cast<std::int64_t>(RECLENS_JSON_INT(truth, "switch_time_unix"));
    QCOMPARE(truth.value("switch_time").toString().toStdString(), formatUtcIso(switchTime));
    const int from = fieldCode(m_world.items.fields[0], truth.value("from_category").toString());
    const int to = fieldCode(m_world.items.fields[0], truth.value("to_category").toString());
    QVERIFY(from >= 0 && to >= 0 && from != to);
    const auto& age = m_world.users.fields[static_cast<std::size_t>(m_world.users.fieldIndex("age_band"))];
    const int cohort = fieldCode(age, "18-24");
    // share[group][after][category from/to]
    double counts[2][2][2] = {};
    double totals[2][2] = {};
    const auto& log = m_world.interactions;
    for (std::size_t r = 0; r < log.size(); ++r) {
      const int g = age.codeAt(static_cast<std::size_t>(log.user[r])) == cohort ? 0 : 1;
      const int after = log.ts[r] >= switchTime ? 1 : 0;
      const int c = m_world.items.fields[0].codeAt(static_cast<std::size_t>(log.item[r]));
      totals[g][after] += 1;
      counts[g][after][0] += c == from ? 1 : 0;
      counts[g][after][1] += c == to ? 1 : 0;
    }
    auto share = [&](int g, int after, int k) { return counts[g][after][k] / totals[g][after]; };
    QVERIFY2(share(0, 0, 0) > 2.0 * share(0, 1, 0),
             qPrintable(QString("from: %1 -> %2").arg(share(0, 0, 0)).arg(share(0, 1, 0))));
    QVERIFY2(share(0, 1, 1) > 2.0 * share(0, 0, 1),
             qPrintable(QString("to: %1 -> %2").arg(share(0, 0, 1)).arg(share(0, 1, 1))));
    // Everyone else keeps their interests.
    QVERIFY(share(1, 0, 0) < 1.4 * share(1, 1, 0) && share(1, 1, 0) < 1.4 * share(1, 0, 0));
  }

  void plantedNoisyGroupIsVisible() {
    const auto truth = truthOf(m_worldPath, "group_quality_gap");
    QCOMPARE(truth.value("attribute").toString(), QString("region"));
    QCOMPARE(truth.value("group").toString(), QString("Islands"));
    const auto& region = m_world.users.fields[static_cast<std::size_t>(m_world.users.fieldIndex("region"))];
    const int islands = fieldCode(region, "Islands");
    // Concentration: the share of a user's interactions in their own most frequent category.
    const auto nc = m_world.items.fields[0].vocabulary().size();
    std::vector<std::vector<int>> perUser(m_world.users.size(), std::vector<int>(nc, 0));
    const auto& log = m_world.interactions;
    for (std::size_t r = 0; r < log.size(); ++r) {
      ++perUser[static_cast<std::size_t>(log.user[r])][static_cast<std::size_t>(
          m_world.items.fields[0].codeAt(static_cast<std::size_t>(log.item[r])))];
    }
    double sum[2] = {0, 0};
    double n[2] = {0, 0};
    for (std::size_t u = 0; u < perUser.size(); ++u) {
      const int total = std::accumulate(perUser[u].begin(), perUser[u].end(), 0);
      if (total < 10) continue;
      const int g = region.codeAt(u) == islands ? 0 : 1;
      sum[g] += double(*std::max_element(perUser[u].begin(), perUser[u].end())) / total;
      n[g] += 1;
    }
    QVERIFY(n[0] > 10);
    QVERIFY2(sum[0] / n[0] < sum[1] / n[1] - 0.2,
             qPrintable(QString("Islands %1, others %2").arg(sum[0] / n[0]).arg(sum[1] / n[1])));
  }

  void cancelLeavesProjectUnchanged_data() {
    QTest::addColumn<bool>("cancelBeforeStart");
    QTest::newRow("cancelled before start") << true;
    QTest::newRow("cancelled while generating") << false;
  }
  void cancelLeavesProjectUnchanged() {
    QFETCH(bool, cancelBeforeStart);
    QTemporaryDir dir;
    const auto path = dir.filePath("c.reclens").toStdString();
    auto first = GeneratorConfig::preset("tiny").value();
    auto store = ProjectStore::open(path, ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    QVERIFY(generateProject(first, *store.value()).ok());
    const auto before = store.value()->counts().value();
    const auto truthBefore = store.value()->plantedTruth().value();

    auto second = first;
    second.seed = 99;
    second.users = 300;
    std::atomic<bool> cancel{cancelBeforeStart};
    TaskControl control;
    control.cancel = &cancel;
    control.progress = [&cancel](double, std::string_view stage) {
      if (stage == "generating interactions") cancel = true;
    };
    auto result = generateProject(second, *store.value(), control);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::Cancelled);
    const auto after = store.value()->counts().value();
    QCOMPARE(after.users, before.users);
    QCOMPARE(after.items, before.items);
    QCOMPARE(after.interactions, before.interactions);
    QCOMPARE(store.value()->plantedTruth().value(), truthBefore);
  }

  void csvMatchesProject() {
    QTemporaryDir dir;
    const auto config = GeneratorConfig::preset("tiny").value();
    const auto out = dir.filePath("csv");
    auto summary = generateCsv(config, out.toStdString());
    QVERIFY2(summary.ok(), summary.ok() ? "" : summary.error().message.c_str());
    QStringList files = QDir(out).entryList(QDir::Files, QDir::Name);
    QCOMPARE(files, (QStringList{"interactions.csv", "items.csv", "truth.json", "users.csv"}));

    QFile inter(out + "/interactions.csv");
    QVERIFY(inter.open(QIODevice::ReadOnly));
    const auto lines = inter.readAll().split('\n');
    QCOMPARE(lines.front(), QByteArray("user_id,item_id,timestamp,kind,weight"));
    QCOMPARE(lines.size() - 2, summary.value().interactions);  // header and the empty tail
    auto d = generateAndLoad(config, dir.filePath("p.reclens"));
    QVERIFY(d.ok());
    const auto& ds = d.value();
    QCOMPARE(qint64(ds.interactions.size()), summary.value().interactions);
    const auto row = lines[1].split(',');
    QCOMPARE(row.size(), 5);
    QCOMPARE(row[0].toStdString(), ds.users.ids[static_cast<std::size_t>(ds.interactions.user[0])]);
    QCOMPARE(row[1].toStdString(), ds.items.ids[static_cast<std::size_t>(ds.interactions.item[0])]);
    QCOMPARE(row[2].toStdString(), formatUtcIso(ds.interactions.ts[0]));
    QCOMPARE(row[3].toStdString(), ds.interactions.kindNames[ds.interactions.kind[0]]);

    QFile items(out + "/items.csv");
    QVERIFY(items.open(QIODevice::ReadOnly));
    QCOMPARE(items.readLine().trimmed(), QByteArray("item_id,title,category,brand,price,first_seen"));
    QFile users(out + "/users.csv");
    QVERIFY(users.open(QIODevice::ReadOnly));
    QCOMPARE(users.readLine().trimmed(), QByteArray("user_id,gender,age_band,region"));

    QFile truthFile(out + "/truth.json");
    QVERIFY(truthFile.open(QIODevice::ReadOnly));
    const auto truth = QJsonDocument::fromJson(truthFile.readAll()).object();
    const auto planted = truth.value("planted_truth").toObject();
    QCOMPARE(planted.keys(), (QStringList{"group_quality_gap", "interest_drift", "region_category_preference",
                                          "under_exposed_brand"}));
    QCOMPARE(truth.value("generator").toObject().value("seed").toInteger(), qint64(config.seed));
  }

  void csvCancelLeavesNoFiles() {
    QTemporaryDir dir;
    std::atomic<bool> cancel{false};
    TaskControl control;
    control.cancel = &cancel;
    control.progress = [&cancel](double, std::string_view stage) {
      if (stage == "writing interactions.csv") cancel = true;
    };
    auto config = GeneratorConfig::preset("tiny").value();
    config.users = 600;
    config.interactions = 6000;
    auto result = generateCsv(config, dir.filePath("csv").toStdString(), control);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::Cancelled);
    QCOMPARE(QDir(dir.filePath("csv")).entryList(QDir::Files), QStringList());
  }

  void utcFormatting_data() {
    QTest::addColumn<qint64>("t");
    QTest::addColumn<QString>("iso");
    QTest::newRow("epoch") << qint64(0) << "1970-01-01T00:00:00Z";
    QTest::newRow("2023 start") << qint64(1672531200) << "2023-01-01T00:00:00Z";
    QTest::newRow("leap day") << qint64(1709210096) << "2024-02-29T12:34:56Z";
    QTest::newRow("before 1970") << qint64(-1) << "1969-12-31T23:59:59Z";
  }
  void utcFormatting() {
    QFETCH(qint64, t);
    QFETCH(QString, iso);
    QCOMPARE(QString::fromStdString(formatUtcIso(t)), iso);
  }
};

QTEST_GUILESS_MAIN(TestGenerator)
#include "tst_generator.moc"
