#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <random>

#include "data/generator.h"
#include "engine/scoringengine.h"
#include "engine/userprofilebuilder.h"
#include "explain/faithfulness.h"
#include "model/modelfile.h"
#include "model/trainer.h"
#include "profilewithout.h"
#include "store/projectstore.h"

using namespace reclens;

Q_DECLARE_METATYPE(AttributionMethod)

namespace {
// The margin (in ranks) by which removing the most-attributed history items must push a target
// further down than removing as many random ones, and the share of cases where it must do so.
constexpr double kMinExtraDrop = 4.0;
constexpr double kMinShareBeatingRandom = 0.7;
}  // namespace

class TestFaithfulness : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  Dataset m_data;
  std::shared_ptr<const ModelFile> m_model;
  std::vector<UserProfile> m_profiles;
  FaithfulnessOptions m_options;
  FaithfulnessReport m_report;

  const MethodFaithfulness& entry(AttributionMethod method) const {
    for (const auto& e : m_report.methods) {
      if (e.method == method) return e;
    }
    return m_report.methods.front();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    auto config = GeneratorConfig::preset("tiny");
    QVERIFY(config.ok());
    config->seed = 7;
    auto store = ProjectStore::open(m_dir.filePath("tiny.reclens").toStdString(), ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    QVERIFY(generateProject(config.value(), *store.value()).ok());
    auto data = store.value()->loadDataset();
    QVERIFY2(data.ok(), data.ok() ? "" : data.error().message.c_str());
    m_data = std::move(data.value());

    auto train = defaultTrainConfig("bpr");
    train.dim = 16;
    train.epochs = 8;
    train.lr = 0.02;
    train.batchSize = 256;
    train.evalK = 10;
    train.threads = 1;
    train.device = "cpu";
    const auto path = m_dir.filePath("bpr.pt").toStdString();
    auto trained = trainModel(m_data, train, path);
    QVERIFY2(trained.ok(), trained.ok() ? "" : trained.error().message.c_str());
    auto model = ModelFile::load(path, {}, &m_data.items);
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
    m_model = model.value();

    const UserProfileBuilder builder(m_data, m_model->metadata());
    for (std::size_t u = 0; u < builder.users(); ++u)
      m_profiles.push_back(builder.profile(static_cast<std::int32_t>(u)));

    m_options.users = 40;
    m_options.topK = 5;
    m_options.deletions = 3;
    m_options.randomDraws = 8;
    m_options.seed = 3;
    m_options.attribution.steps = 16;
    m_options.attribution.samples = 16;
    auto report = measureFaithfulness(m_model, m_profiles, m_options);
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    m_report = std::move(report.value());
    QCOMPARE(m_report.usersTested, std::size_t(40));
    QCOMPARE(m_report.methods.size(), m_options.methods.size());
    for (const auto& e : m_report.methods) {
      qInfo("%-10s cases %3zu  mean rank drop: top-attributed %7.2f  random %7.2f  top beats random %5.1f%%",
            attributionMethodName(e.method), e.cases.size(), e.meanAttributedDrop, e.meanRandomDrop,
            100.0 * e.shareAttributedBeatsRandom);
    }
  }

  void topAttributedDeletionsBeatRandomOnes_data() {
    QTest::addColumn<AttributionMethod>("method");
    QTest::newRow("ig") << AttributionMethod::IntegratedGradients;
    QTest::newRow("occlusion") << AttributionMethod::Occlusion;
  }
  void topAttributedDeletionsBeatRandomOnes() {
    QFETCH(AttributionMethod, method);
    const auto& e = entry(method);
    QCOMPARE(e.method, method);
    QCOMPARE(e.cases.size(), m_report.usersTested * std::size_t(m_options.topK));
    QVERIFY2(e.meanAttributedDrop >= e.meanRandomDrop + kMinExtraDrop,
             qPrintable(QString("top %1 vs random %2").arg(e.meanAttributedDrop).arg(e.meanRandomDrop)));
    QVERIFY2(e.shareAttributedBeatsRandom >= kMinShareBeatingRandom,
             qPrintable(QString("share %1").arg(e.shareAttributedBeatsRandom)));
  }

  // The control: an "attribution" that ranks history items at random must not pass the same bar.
  void randomAttributionDoesNotBeatRandom() {
    const auto& ig = entry(AttributionMethod::IntegratedGradients);
    ScoringEngine engine(m_model);
    std::mt19937_64 rng(99);
    double controlDrop = 0.0, randomDrop = 0.0, wins = 0.0;
    for (const auto& c : ig.cases) {
      const auto& profile = m_profiles[c.user];
      std::vector<std::size_t> positions(profile.items.size());
      for (std::size_t i = 0; i < positions.size(); ++i) positions[i] = i;
      std::shuffle(positions.begin(), positions.end(), rng);
      positions.resize(static_cast<std::size_t>(m_options.deletions));
      auto rank = rankAfterRemoval(engine, profile, c.target, positions);
      QVERIFY2(rank.ok(), rank.ok() ? "" : rank.error().message.c_str());
      const double drop = rank.value() - c.rank;
      controlDrop += drop;
      randomDrop += c.randomDrop;
      wins += drop > c.randomDrop ? 1.0 : 0.0;
    }
    const auto n = double(ig.cases.size());
    qInfo("random control: mean rank drop %.2f vs random %.2f, beats random %.1f%%", controlDrop / n,
          randomDrop / n, 100.0 * wins / n);
    QVERIFY2(controlDrop / n < randomDrop / n + kMinExtraDrop,
             qPrintable(QString("control %1 vs random %2").arg(controlDrop / n).arg(randomDrop / n)));
    QVERIFY2(wins / n < kMinShareBeatingRandom, qPrintable(QString("share %1").arg(wins / n)));
  }

  void noDeletionKeepsTheRank() {
    const auto& c = entry(AttributionMethod::Occlusion).cases.front();
    ScoringEngine engine(m_model);
    auto rank = rankAfterRemoval(engine, m_profiles[c.user], c.target, {});
    QVERIFY(rank.ok());
    QCOMPARE(rank.value(), c.rank);
    QVERIFY(c.rank >= 1 && c.rank <= m_options.topK);
    QCOMPARE(c.removed.size(), std::size_t(m_options.deletions));
  }

  // Without a contrast the explained quantity is the target's own score: its drop after the
  // top-attributed deletion, recomputed from the engine, and the mean over the random draws.
  void explainedScoreDrop() {
    const auto& ig = entry(AttributionMethod::IntegratedGradients);
    ScoringEngine engine(m_model);
    for (std::size_t k = 0; k < ig.cases.size(); k += 7) {
      const auto& c = ig.cases[k];
      const auto& profile = m_profiles[c.user];
      const auto after = testing::profileWithout(profile, c.removed);
      const auto score = [&](const UserProfile& p) {
        auto v = engine.userVector(p);
        return double(engine.scores(v.value()).value()[static_cast<std::size_t>(c.target)]);
      };
      QVERIFY(std::abs(c.explainedDrop - (score(profile) - score(after))) < 1e-4);
    }
    QVERIFY2(ig.meanExplainedDrop > ig.meanRandomExplainedDrop,
             qPrintable(QString("%1 vs %2").arg(ig.meanExplainedDrop).arg(ig.meanRandomExplainedDrop)));
    QVERIFY(ig.shareExplainedBeatsRandom >= kMinShareBeatingRandom);
  }

  void sameOptionsGiveTheSameReport() {
    auto options = m_options;
    options.methods = {AttributionMethod::Occlusion};
    options.users = 5;
    auto a = measureFaithfulness(m_model, m_profiles, options);
    auto b = measureFaithfulness(m_model, m_profiles, options);
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(a->methods[0].cases.size(), b->methods[0].cases.size());
    for (std::size_t i = 0; i < a->methods[0].cases.size(); ++i) {
      QCOMPARE(a->methods[0].cases[i].user, b->methods[0].cases[i].user);
      QCOMPARE(a->methods[0].cases[i].attributedDrop, b->methods[0].cases[i].attributedDrop);
      QCOMPARE(a->methods[0].cases[i].randomDrop, b->methods[0].cases[i].randomDrop);
    }
  }

  void invalidOptionsAreRefused() {
    auto options = m_options;
    options.deletions = 0;
    auto r = measureFaithfulness(m_model, m_profiles, options);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
    ScoringEngine engine(m_model);
    auto rank = rankAfterRemoval(engine, m_profiles[0], 0, {m_profiles[0].items.size()});
    QVERIFY(!rank.ok());
    QCOMPARE(rank.error().code, ErrorCode::InvalidArgument);
  }

  void cancellationStopsTheTest() {
    std::atomic<bool> cancel{true};
    TaskControl control;
    control.cancel = &cancel;
    auto r = measureFaithfulness(m_model, m_profiles, m_options, control);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Cancelled);
  }
};

QTEST_GUILESS_MAIN(TestFaithfulness)
#include "tst_faithfulness.moc"
