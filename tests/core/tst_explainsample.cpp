// The sampled-users baseline (expected gradients): the mean of the explanations against each background
// user, their spread as the standard error, completeness against the mean baseline score, the exact
// agreement with the average of the sample for a pooled model, and the seeded sample itself.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <random>

#include "engine/userprofilebuilder.h"
#include "explain/attribution.h"
#include "explain/background.h"
#include "smalltraining.h"

using namespace reclens;

namespace {

constexpr int kItems = 24;
constexpr int kUsers = 30;

Dataset shop() {
  Dataset d;
  d.info.name = "sample";
  d.users.fields.emplace_back("region");
  d.items.fields.emplace_back("category");
  for (int i = 0; i < kItems; ++i) {
    d.items.ids.push_back("i" + std::to_string(i));
    d.items.titles.push_back("Item " + std::to_string(i));
    d.items.fields[0].append(i % 2 == 0 ? "even" : "odd");
  }
  d.items.firstSeen.assign(kItems, kNoTime);
  std::mt19937_64 rng(9);
  const auto kind = d.interactions.kindIndex("view");
  for (int u = 0; u < kUsers; ++u) {
    d.users.ids.push_back("u" + std::to_string(u));
    d.users.fields[0].append(u % 2 == 0 ? "North" : "South");
    // Every fifth user has no history: the sample must pass them over.
    if (u % 5 == 4) continue;
    for (int n = 0; n < 5 + u % 3; ++n)
      d.interactions.append(u, static_cast<int>((u * 3 + rng() % 8) % kItems), 100 + n, 1.0f, kind);
  }
  return d;
}

}  // namespace

class TestExplainSample : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  Dataset m_data = shop();
  std::map<std::string, std::shared_ptr<const ModelFile>> m_models;

  std::function<UserProfile(std::size_t)> profiles(const ModelFile& model) const {
    auto builder = std::make_shared<UserProfileBuilder>(m_data, model.metadata());
    return [builder](std::size_t u) { return builder->profile(static_cast<std::int32_t>(u)); };
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    for (const char* kind : {"bpr", "twotower"}) {
      auto model =
          test::trainSmallModel(m_data, kind, m_dir.filePath(QString(kind) + ".pt").toStdString(), 2, 64);
      QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
      m_models[kind] = model.value();
    }
  }

  void theSampleIsSeededAndSkipsEmptyHistories() {
    const auto& model = *m_models.at("bpr");
    const auto profileOf = profiles(model);
    auto a = sampleUserBackgrounds(model, kUsers, profileOf, 6, 3);
    auto b = sampleUserBackgrounds(model, kUsers, profileOf, 6, 3);
    auto c = sampleUserBackgrounds(model, kUsers, profileOf, 6, 4);
    QVERIFY2(a.ok(), a.ok() ? "" : a.error().message.c_str());
    QVERIFY(b.ok() && c.ok());
    QCOMPARE(a->size(), std::size_t(6));
    bool differs = false;
    for (std::size_t i = 0; i < a->size(); ++i) {
      QCOMPARE(a.value()[i].historyRow, b.value()[i].historyRow);
      QCOMPARE(a.value()[i].users, std::size_t(1));
      QCOMPARE(a.value()[i].historyUsers, std::size_t(1));  // never a user without a history
      differs = differs || a.value()[i].historyRow != c.value()[i].historyRow;
    }
    QVERIFY(differs);
    // More than there are users with a history: all of them (24 of 30).
    auto all = sampleUserBackgrounds(model, kUsers, profileOf, 100, 1);
    QVERIFY(all.ok());
    QCOMPARE(all->size(), std::size_t(24));
    QVERIFY(!sampleUserBackgrounds(model, kUsers, profileOf, 0, 1).ok());
  }

  // The users of one group: those sharing the user's value of the field, the user included.
  void usersOfAGroup() {
    const auto north = usersSharingValue(m_data.users, 0, 0);
    QCOMPARE(north.size(), std::size_t(kUsers / 2));
    for (const auto u : north) QCOMPARE(u % 2, 0);
    const auto south = usersSharingValue(m_data.users, 0, 7);
    QCOMPARE(south.size(), std::size_t(kUsers / 2));
    QCOMPARE(south.front(), 1);
    QVERIFY(usersSharingValue(m_data.users, 1, 0).empty());
    QVERIFY(usersSharingValue(m_data.users, 0, kUsers).empty());
  }

  // The mean over the sample of the explanations against each background user, and its spread.
  void averagesTheExplanationsAgainstEachUser_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("method");
    for (const char* kind : {"bpr", "twotower"}) {
      QTest::addRow("%s ig", kind) << QString(kind) << int(AttributionMethod::IntegratedGradients);
      QTest::addRow("%s shapley", kind) << QString(kind) << int(AttributionMethod::Shapley);
    }
  }

  void averagesTheExplanationsAgainstEachUser() {
    QFETCH(QString, kind);
    QFETCH(int, method);
    const auto& model = *m_models.at(kind.toStdString());
    const auto profileOf = profiles(model);
    auto sample = sampleUserBackgrounds(model, kUsers, profileOf, 5, 2);
    QVERIFY(sample.ok());
    const auto shared = std::make_shared<const std::vector<UserBackground>>(sample.value());
    const auto profile = profileOf(0);
    const std::vector<std::int32_t> items{1, 6, 11};
    AttributionOptions options;
    options.method = static_cast<AttributionMethod>(method);
    options.steps = 16;
    options.samples = 8;
    options.baseline = AttributionBaseline::SampledUsers;
    auto refused = explainItems(model, profile, items, options);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
    options.sample = shared;
    auto sampled = explainItems(model, profile, items, options);
    QVERIFY2(sampled.ok(), sampled.ok() ? "" : sampled.error().message.c_str());
    QVERIFY(sampled->engine.find("averaged over 5 background users") != std::string::npos);
    std::vector<Explanation> each;
    for (std::size_t b = 0; b < shared->size(); ++b) {
      auto one = options;
      one.baseline = AttributionBaseline::AverageUser;
      one.background = std::make_shared<const UserBackground>((*shared)[b]);
      auto e = explainItems(model, profile, items, one);
      QVERIFY(e.ok());
      each.push_back(e.value());
    }
    const double k = double(each.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& s = sampled->items[i];
      const double scale = 1.0 + std::abs(s.output);
      double baseline = 0.0;
      for (const auto& e : each) baseline += e.items[i].baselineOutput / k;
      QVERIFY(std::abs(s.baselineOutput - baseline) < 1e-9 * scale);
      for (std::size_t f = 0; f < s.fields.size(); ++f) {
        double mean = 0.0, squares = 0.0;
        for (const auto& e : each) {
          mean += e.items[i].fields[f].attribution / k;
          squares += e.items[i].fields[f].attribution * e.items[i].fields[f].attribution;
        }
        const double spread = std::sqrt(std::max(0.0, (squares - k * mean * mean) / (k - 1.0)) / k);
        QVERIFY(std::abs(s.fields[f].attribution - mean) < 1e-9 * scale);
        QVERIFY(std::abs(s.fields[f].standardError - spread) < 1e-7 * scale);
      }
      // Completeness against the mean baseline score: the mean of the deltas against each user.
      double total = 0.0;
      for (const auto& f : s.fields) total += f.attribution;
      QVERIFY(std::abs(total - (s.output - s.baselineOutput) - s.completenessDelta) < 1e-9 * scale);
      if (options.method == AttributionMethod::IntegratedGradients && kind == QLatin1String("bpr"))
        QVERIFY(std::abs(s.completenessDelta) < 1e-6 * scale);
    }
    // The history rows spread over the users; with one user there is no spread.
    bool spread = false;
    for (const auto& f : sampled->items[0].fields) spread = spread || f.standardError > 0.0;
    QVERIFY(spread);
    options.sample = std::make_shared<const std::vector<UserBackground>>(1, shared->front());
    auto single = explainItems(model, profile, items, options);
    QVERIFY(single.ok());
    for (const auto& f : single->items[0].fields) QCOMPARE(f.standardError, 0.0);
  }

  // BPR's score is linear in the baseline's history rows and field rows along the path, so the mean over
  // the users equals one explanation against their average.
  void aPooledModelAgreesWithTheSampleAverage() {
    const auto& model = *m_models.at("bpr");
    const auto profileOf = profiles(model);
    auto sample = sampleUserBackgrounds(model, kUsers, profileOf, 7, 5);
    QVERIFY(sample.ok());
    UserBackground mean = sample->front();
    for (auto& v : mean.historyRow) v = 0.0;
    for (auto& v : mean.fieldRows) v = 0.0;
    for (const auto& b : sample.value()) {
      for (std::size_t i = 0; i < mean.historyRow.size(); ++i) mean.historyRow[i] += b.historyRow[i] / 7.0;
      for (std::size_t i = 0; i < mean.fieldRows.size(); ++i) mean.fieldRows[i] += b.fieldRows[i] / 7.0;
    }
    AttributionOptions options;
    options.baseline = AttributionBaseline::SampledUsers;
    options.sample = std::make_shared<const std::vector<UserBackground>>(sample.value());
    const auto profile = profileOf(2);
    auto sampled = explainItems(model, profile, {0, 5, 9}, options);
    options.baseline = AttributionBaseline::AverageUser;
    options.background = std::make_shared<const UserBackground>(mean);
    auto averaged = explainItems(model, profile, {0, 5, 9}, options);
    QVERIFY(sampled.ok() && averaged.ok());
    for (std::size_t i = 0; i < 3; ++i) {
      const double scale = 1.0 + std::abs(sampled->items[i].output);
      QVERIFY(std::abs(sampled->items[i].baselineOutput - averaged->items[i].baselineOutput) < 1e-6 * scale);
      for (std::size_t f = 0; f < sampled->items[i].fields.size(); ++f)
        QVERIFY(std::abs(sampled->items[i].fields[f].attribution - averaged->items[i].fields[f].attribution) <
                1e-6 * scale);
    }
  }
};

QTEST_GUILESS_MAIN(TestExplainSample)
#include "tst_explainsample.moc"
