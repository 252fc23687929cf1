#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <map>

#include "attributionfixture.h"
#include "engine/scoringengine.h"
#include "engine/userprofilebuilder.h"
#include "explain/attribution.h"
#include "model/modelfile.h"
#include "model/trainer.h"
#include "smalltraining.h"

using namespace reclens;

Q_DECLARE_METATYPE(AttributionMethod)
Q_DECLARE_METATYPE(std::vector<double>)
Q_DECLARE_METATYPE(std::vector<std::int32_t>)

namespace {
// tests/data/models/valid.pt: items i0..i5 with embeddings (1,0) (0,1) (1,1) (0.5,0) (2,0) (1,0), one item
// part (the embedding); user vector = Σ weight·embedding + region vector (North (0,0), South (0,3),
// missing (0,0)). So score = Σ_l w_l (h_l·v) + F·v: each history term has degree 3 in the inputs
// (weight, row, item part) and the field term degree 2.
const std::string kValid = RECLENS_TEST_DATA_DIR "/models/valid.pt";
// History i1 (weight 1), i2 (weight 2), region South: u = (2, 6). For item i1 (0,1) the terms are
// t1 = 1, t2 = 2, field 3: score 6.
const UserProfile kProfile{{1, 2}, {1.0f, 2.0f}, {1}};

Catalog sixItems() {
  Catalog c;
  c.ids = {"i0", "i1", "i2", "i3", "i4", "i5"};
  c.titles = {"Zero", "One", "Two", "Three", "Four", "Five"};
  return c;
}

double relativeTolerance(double scale) {
  return 1e-4 * std::max(1.0, std::abs(scale));
}
}  // namespace

class TestAttribution : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  Dataset m_data;
  std::shared_ptr<const ModelFile> m_valid;
  std::map<QString, std::shared_ptr<const ModelFile>> m_trained;

  // A user of the planted data with its top-5 items under `model`.
  std::pair<UserProfile, std::vector<std::int32_t>> userAndTop(const std::shared_ptr<const ModelFile>& model,
                                                               std::int32_t user = 3) {
    return test::userAndTop(m_data, model, user);
  }

  void addKinds() {
    QTest::addColumn<QString>("kind");
    for (const char* kind : {"popularity", "bpr", "lightgcn", "twotower"}) QTest::newRow(kind) << kind;
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    auto valid = ModelFile::load(kValid);
    QVERIFY2(valid.ok(), valid.ok() ? "" : valid.error().message.c_str());
    m_valid = valid.value();
    m_data = test::plantedDataset();
    for (const char* kind : {"popularity", "bpr", "lightgcn", "twotower"}) {
      const auto path = m_dir.filePath(QString(kind) + ".pt").toStdString();
      auto model = test::trainSmallModel(m_data, kind, path, 2, 128);
      QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
      m_trained[kind] = model.value();
    }
  }

  // Exact values on the hand-made model (item i1): IG splits each degree-3 history term 2/3 to the
  // history row and 1/3 to the item part, and the field term half and half; Gradient×Input counts
  // each term once per input it contains; antithetic Shapley pairs split every two-player term in half;
  // occlusion gives the exact drop.
  void exactValuesOnTheHandMadeModel_data() {
    QTest::addColumn<AttributionMethod>("method");
    QTest::addColumn<std::vector<double>>("expected");  // history i1, history i2, region, item part
    QTest::addColumn<double>("baseline");
    QTest::newRow("ig") << AttributionMethod::IntegratedGradients
                        << std::vector<double>{2.0 / 3, 4.0 / 3, 1.5, 2.5} << 0.0;
    QTest::newRow("gradxinput") << AttributionMethod::GradientTimesInput << std::vector<double>{2, 4, 3, 6}
                                << 0.0;
    QTest::newRow("shapley") << AttributionMethod::Shapley << std::vector<double>{0.5, 1, 1.5, 3} << 0.0;
    QTest::newRow("occlusion") << AttributionMethod::Occlusion << std::vector<double>{1, 2, 3, 6} << 0.0;
  }
  void exactValuesOnTheHandMadeModel() {
    QFETCH(AttributionMethod, method);
    QFETCH(std::vector<double>, expected);
    QFETCH(double, baseline);
    AttributionOptions options;
    options.method = method;
    options.steps = 64;
    const auto catalog = sixItems();
    auto e = explainItems(*m_valid, kProfile, {1, 4}, options, &catalog);
    QVERIFY2(e.ok(), e.ok() ? "" : e.error().message.c_str());
    QCOMPARE(e->items.size(), std::size_t(2));
    const auto& item = e->items[0];
    QCOMPARE(item.item, 1);
    QVERIFY(std::abs(item.output - 6.0) < 1e-5);
    QVERIFY(std::abs(item.baselineOutput - baseline) < 1e-6);
    QCOMPARE(item.fields.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      QVERIFY2(
          std::abs(item.fields[i].attribution - expected[i]) < 1e-3,
          qPrintable(QString("field %1: %2 vs %3").arg(i).arg(item.fields[i].attribution).arg(expected[i])));
    }
    QCOMPARE(item.fields[0].kind, FieldKind::History);
    QCOMPARE(item.fields[1].label, std::string("Two"));
    QCOMPARE(item.fields[2].kind, FieldKind::UserField);
    QCOMPARE(item.fields[2].value, std::string("South"));
    QCOMPARE(item.fields[3].kind, FieldKind::ItemPart);
    if (method == AttributionMethod::Occlusion) QVERIFY(std::isnan(item.completenessDelta));
    // The second item, i4 = (2, 0): only i2's term 2·(1,1)·(2,0) = 4 is non-zero.
    QVERIFY(std::abs(e->items[1].output - 4.0) < 1e-5);
    QVERIFY(std::abs(e->items[1].fields[0].attribution) < 1e-6);
  }

  // One history item: occluding it leaves an empty history. History i1, South: u = (0, 4); item i1
  // = (0, 1) scores 4, of which the history term is 1 and the region's 3.
  void occlusionOfASingleHistoryItem() {
    AttributionOptions options;
    options.method = AttributionMethod::Occlusion;
    options.closedForm = false;
    auto e = explainItems(*m_valid, UserProfile{{1}, {1.0f}, {1}}, {1}, options);
    QVERIFY2(e.ok(), e.ok() ? "" : e.error().message.c_str());
    const auto& item = e->items.front();
    QVERIFY(std::abs(item.output - 4.0) < 1e-5);
    QCOMPARE(item.fields[0].kind, FieldKind::History);
    QVERIFY(std::abs(item.fields[0].attribution - 1.0) < 1e-5);
    QVERIFY(std::abs(item.fields[1].attribution - 3.0) < 1e-5);
  }

  void integratedGradientsIsComplete_data() { addKinds(); }
  void integratedGradientsIsComplete() {
    QFETCH(QString, kind);
    const auto& model = m_trained.at(kind);
    const auto [profile, items] = userAndTop(model);
    QVERIFY(!items.empty());
    for (const auto rule : {IntegrationRule::Midpoint, IntegrationRule::Trapezoid}) {
      AttributionOptions options;
      options.steps = 64;
      options.rule = rule;
      auto e = explainItems(*model, profile, items, options, &m_data.items);
      QVERIFY2(e.ok(), e.ok() ? "" : e.error().message.c_str());
      QCOMPARE(e->items.size(), items.size());
      for (const auto& item : e->items) {
        const double gap = std::abs(item.output - item.baselineOutput);
        QVERIFY2(gap > 1e-6, "the test needs a score that differs from the baseline");
        QVERIFY2(
            std::abs(item.completenessDelta) <= 0.01 * gap + 1e-6,
            qPrintable(
                QString("%1: delta %2, f(x) - f(x') %3").arg(kind).arg(item.completenessDelta).arg(gap)));
        QCOMPARE(item.fields.size(), profile.items.size() + model->metadata().userFields.size() +
                                         model->metadata().itemParts.size());
      }
    }
  }

  void missingFieldBaselineIsComplete() {
    const auto& model = m_trained.at("twotower");
    const auto [profile, items] = userAndTop(model);
    AttributionOptions options;
    options.steps = 64;
    options.baseline = AttributionBaseline::MissingFields;
    auto e = explainItems(*model, profile, items, options);
    QVERIFY2(e.ok(), e.ok() ? "" : e.error().message.c_str());
    auto zero = explainItems(*model, profile, items, AttributionOptions{});
    QVERIFY(zero.ok());
    const auto& item = e->items[0];
    QVERIFY(std::abs(item.completenessDelta) <= 0.01 * std::abs(item.output - item.baselineOutput) + 1e-6);
    // The twotower model learns a vector for a missing attribute: the field is credited only for its
    // difference from it, so its attribution differs from the zero baseline's.
    const auto field = profile.items.size();
    QCOMPARE(item.fields[field].kind, FieldKind::UserField);
    QVERIFY(std::abs(item.fields[field].attribution - zero->items[0].fields[field].attribution) > 1e-6);
  }

  // More items than dimensions takes the other batching path (one backward pass per dimension).
  void batchedItemsEqualOneByOne_data() {
    QTest::addColumn<int>("count");
    QTest::newRow("fewer items than dimensions") << 3;
    QTest::newRow("more items than dimensions") << 12;
  }
  void batchedItemsEqualOneByOne() {
    QFETCH(int, count);
    const auto& model = m_trained.at("twotower");
    QVERIFY(count != model->metadata().dim);
    const auto [profile, top] = userAndTop(model);
    std::vector<std::int32_t> items;
    for (int i = 0; i < count; ++i) items.push_back(static_cast<std::int32_t>((7 * i) % test::kItems));
    AttributionOptions options;
    options.steps = 8;
    auto all = explainItems(*model, profile, items, options);
    QVERIFY2(all.ok(), all.ok() ? "" : all.error().message.c_str());
    for (std::size_t k = 0; k < items.size(); ++k) {
      auto one = explainItems(*model, profile, {items[k]}, options);
      QVERIFY(one.ok());
      for (std::size_t i = 0; i < one->items[0].fields.size(); ++i) {
        const double a = all->items[k].fields[i].attribution, b = one->items[0].fields[i].attribution;
        QVERIFY2(std::abs(a - b) <= 1e-4 * std::max(1.0, std::abs(b)),
                 qPrintable(QString("%1 vs %2").arg(a).arg(b)));
      }
    }
  }

  void occlusionEqualsTheEditedProfileScore_data() { addKinds(); }
  void occlusionEqualsTheEditedProfileScore() {
    QFETCH(QString, kind);
    const auto& model = m_trained.at(kind);
    const auto [profile, items] = userAndTop(model);
    AttributionOptions options;
    options.method = AttributionMethod::Occlusion;
    auto e = explainItems(*model, profile, items, options);
    QVERIFY2(e.ok(), e.ok() ? "" : e.error().message.c_str());
    ScoringEngine engine(model);
    const auto scoresOf = [&](const UserProfile& p) {
      return engine.scores(engine.userVector(p).value()).value();
    };
    const auto full = scoresOf(profile);
    std::vector<UserProfile> edited;
    for (std::size_t l = 0; l < profile.items.size(); ++l) {
      auto p = profile;
      p.items.erase(p.items.begin() + static_cast<std::ptrdiff_t>(l));
      p.weights.erase(p.weights.begin() + static_cast<std::ptrdiff_t>(l));
      edited.push_back(p);
    }
    for (std::size_t f = 0; f < profile.fieldCodes.size(); ++f) {
      auto p = profile;
      p.fieldCodes[f] = -1;
      edited.push_back(p);
    }
    QVERIFY(!edited.empty());
    for (std::size_t k = 0; k < items.size(); ++k) {
      const auto& item = e->items[k];
      const auto row = static_cast<std::size_t>(items[k]);
      QVERIFY(std::abs(item.output - full[row]) <= relativeTolerance(full[row]));
      for (std::size_t j = 0; j < edited.size(); ++j) {
        const double expected = full[row] - scoresOf(edited[j])[row];
        QVERIFY2(std::abs(item.fields[j].attribution - expected) <= relativeTolerance(full[row]),
                 qPrintable(QString("%1 field %2: %3 vs %4")
                                .arg(kind)
                                .arg(j)
                                .arg(item.fields[j].attribution)
                                .arg(expected)));
      }
    }
  }

  void shapleyValuesAddUpToTheScoreChange_data() { addKinds(); }
  void shapleyValuesAddUpToTheScoreChange() {
    QFETCH(QString, kind);
    const auto& model = m_trained.at(kind);
    const auto [profile, items] = userAndTop(model);
    AttributionOptions options;
    options.method = AttributionMethod::Shapley;
    options.samples = 16;
    options.seed = 5;
    auto e = explainItems(*model, profile, items, options);
    QVERIFY2(e.ok(), e.ok() ? "" : e.error().message.c_str());
    for (const auto& item : e->items) {
      // Every permutation's marginal contributions telescope to f(x) − f(x'), so the means do too.
      QVERIFY2(std::abs(item.completenessDelta) <= relativeTolerance(item.output - item.baselineOutput),
               qPrintable(QString("%1: delta %2").arg(kind).arg(item.completenessDelta)));
      for (const auto& f : item.fields) QVERIFY(f.standardError >= 0.0);
    }
    auto again = explainItems(*model, profile, items, options);
    QVERIFY(again.ok());
    QCOMPARE(again->items[0].fields[0].attribution, e->items[0].fields[0].attribution);
  }

  // A model linear in its inputs (popularity: score = the item part) has Gradient×Input equal to IG.
  void gradientTimesInputEqualsIgWhenLinear() {
    const auto& model = m_trained.at("popularity");
    const auto [profile, items] = userAndTop(model);
    AttributionOptions ig;
    ig.steps = 16;
    AttributionOptions gxi;
    gxi.method = AttributionMethod::GradientTimesInput;
    auto a = explainItems(*model, profile, items, ig);
    auto b = explainItems(*model, profile, items, gxi);
    QVERIFY(a.ok() && b.ok());
    for (std::size_t k = 0; k < items.size(); ++k) {
      QVERIFY(a->items[k].output > 0.0);
      for (std::size_t i = 0; i < a->items[k].fields.size(); ++i) {
        QVERIFY(std::abs(a->items[k].fields[i].attribution - b->items[k].fields[i].attribution) < 1e-5);
      }
      QVERIFY(std::abs(b->items[k].fields.back().attribution - b->items[k].output) < 1e-5);
    }
  }

  void reasonNamesTheStrongestFields() {
    const auto catalog = sixItems();
    auto e = explainItems(*m_valid, kProfile, {1}, AttributionOptions{}, &catalog);
    QVERIFY(e.ok());
    const auto& r = e->items[0].reason;
    QCOMPARE(r.historyTitles, (std::vector<std::string>{"Two", "One"}));
    QCOMPARE(r.userField, std::string("region"));
    QCOMPARE(r.userValue, std::string("South"));
    QCOMPARE(r.itemPart, std::string("item"));
    QVERIFY2(QString::fromStdString(r.text).contains("\"Two\""), r.text.c_str());
    QVERIFY(QString::fromStdString(r.text).contains("region is South"));
  }

  void invalidRequestsAreRefused_data() {
    QTest::addColumn<std::vector<std::int32_t>>("items");
    QTest::addColumn<int>("steps");
    QTest::addColumn<QString>("message");
    QTest::newRow("no item") << std::vector<std::int32_t>{} << 8 << "no item to explain";
    QTest::newRow("item out of range") << std::vector<std::int32_t>{6} << 8 << "item row 6 is outside";
    QTest::newRow("steps") << std::vector<std::int32_t>{1} << 0 << "number of steps";
  }
  void invalidRequestsAreRefused() {
    QFETCH(std::vector<std::int32_t>, items);
    QFETCH(int, steps);
    QFETCH(QString, message);
    AttributionOptions options;
    options.steps = steps;
    auto e = explainItems(*m_valid, kProfile, items, options);
    QVERIFY(!e.ok());
    QCOMPARE(e.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(QString::fromStdString(e.error().message).contains(message), e.error().message.c_str());
  }

  void cancellationStopsTheWork() {
    std::atomic<bool> cancel{true};
    TaskControl control;
    control.cancel = &cancel;
    AttributionOptions options;
    options.method = AttributionMethod::Shapley;
    auto e = explainItems(*m_valid, kProfile, {1}, options, nullptr, control);
    QVERIFY(!e.ok());
    QCOMPARE(e.error().code, ErrorCode::Cancelled);
  }
};

QTEST_GUILESS_MAIN(TestAttribution)
#include "tst_attribution.moc"
