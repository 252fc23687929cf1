#include <QtTest>

#include <atomic>
#include <cmath>
#include <string>

#include "explain/faithfulnesscurves.h"
#include "model/modelfile.h"

using namespace reclens;

Q_DECLARE_METATYPE(AttributionMethod)

namespace {
// tests/data/models/valid.pt: items i0..i5 with embeddings (1,0) (0,1) (1,1) (0.5,0) (2,0) (1,0); user
// vector = Σ weight·embedding + region vector (North (0,0), South (0,3)). Every score is linear in the
// history, so each history item adds w·(h·v) to the target's score whatever else is there.
const std::string kValid = RECLENS_TEST_DATA_DIR "/models/valid.pt";
// History i1, i2 (weight 2), i3; South: u = (2.5, 6). Target i4 = (2, 0) scores 5; the history
// terms are i1 0, i2 4, i3 1 and the region's 0, so every method ranks the positions 1, 2, 0.
const UserProfile kProfile{{1, 2, 3}, {1.0f, 2.0f, 1.0f}, {1}};
constexpr std::int32_t kTarget = 4;
// The unseen items are i0 = u_x, i4 = 2·u_x and i5 = u_x: i4 is first while u_x > 0 and second
// (behind i0, the lower row) when u_x = 0.

FaithfulnessCurveOptions quickOptions() {
  FaithfulnessCurveOptions o;
  o.attribution.steps = 64;
  o.attribution.samples = 32;
  o.randomOrders = 10;
  o.seed = 5;
  return o;
}

bool near(double a, double b, double tolerance = 1e-5) {
  return std::abs(a - b) <= tolerance;
}

QString listText(const std::vector<double>& v) {
  QStringList parts;
  for (const double x : v) parts << QString::number(x);
  return parts.join(QLatin1Char(' '));
}

bool sameAs(const std::vector<double>& got, const std::vector<double>& want, double tolerance = 1e-5) {
  if (got.size() != want.size()) return false;
  for (std::size_t k = 0; k < got.size(); ++k)
    if (!near(got[k], want[k], tolerance)) return false;
  return true;
}
}  // namespace

class TestFaithfulnessCurves : public QObject {
  Q_OBJECT

  std::shared_ptr<const ModelFile> m_model;

 private Q_SLOTS:
  void initTestCase() {
    auto model = ModelFile::load(kValid);
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
    m_model = model.value();
  }

  void areaByTrapezoid() {
    // (1 + 0.5)/2·0.5 + (0.5 + 0)/2·0.5 = 0.5.
    QVERIFY(near(normalisedCurveArea({1.0, 0.5, 0.0}, 1.0, 0.0), 0.5, 1e-12));
    // Normalised: (3, 5, 7) over empty 3 and full 7 is (0, 0.5, 1): area 0.5 again.
    QVERIFY(near(normalisedCurveArea({3.0, 5.0, 7.0}, 7.0, 3.0), 0.5, 1e-12));
    // Four points (0, 1, 1, 1): 1/3·(0.5 + 1 + 1) = 5/6.
    QVERIFY(near(normalisedCurveArea({2.0, 4.0, 4.0, 4.0}, 4.0, 2.0), 5.0 / 6, 1e-12));
    QVERIFY(std::isnan(normalisedCurveArea({1.0, 1.0}, 1.0, 1.0)));
    QVERIFY(std::isnan(normalisedCurveArea({1.0}, 2.0, 0.0)));
  }

  void curvesWorkedByHand_data() {
    QTest::addColumn<AttributionMethod>("method");
    QTest::newRow("ig") << AttributionMethod::IntegratedGradients;
    QTest::newRow("gradxinput") << AttributionMethod::GradientTimesInput;
    QTest::newRow("occlusion") << AttributionMethod::Occlusion;
    QTest::newRow("shapley") << AttributionMethod::Shapley;
  }
  void curvesWorkedByHand() {
    QFETCH(AttributionMethod, method);
    auto options = quickOptions();
    options.methods = {method};
    auto r = measureFaithfulnessCurves(m_model, kProfile, kTarget, options);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    const auto& c = r.value();
    QCOMPARE(c.history, std::size_t(3));
    QCOMPARE(c.steps, std::size_t(3));
    QVERIFY(near(c.fullScore, 5.0));
    QVERIFY(near(c.emptyScore, 0.0));
    QCOMPARE(c.methods.size(), std::size_t(1));
    const auto& m = c.methods[0];
    QCOMPARE(m.method, method);
    QCOMPARE(m.order, (std::vector<std::size_t>{1, 2, 0}));
    // Deletion: remove i2 (u = (0.5, 4)), then i3 (u = (0, 4)), then i1 (u = (0, 3)).
    QVERIFY2(sameAs(m.deletion.scores, {5, 1, 0, 0}), qPrintable(listText(m.deletion.scores)));
    QVERIFY2(sameAs(m.deletion.ranks, {1, 1, 2, 2}), qPrintable(listText(m.deletion.ranks)));
    // Insertion from (0, 3): add i2 (u = (2, 5)), then i3 (u = (2.5, 5)), then i1.
    QVERIFY2(sameAs(m.insertion.scores, {0, 4, 5, 5}), qPrintable(listText(m.insertion.scores)));
    QVERIFY2(sameAs(m.insertion.ranks, {2, 1, 1, 1}), qPrintable(listText(m.insertion.ranks)));
    // Normalised by 5: deletion (1, 0.2, 0, 0) → 1/3·(0.6 + 0.1 + 0) = 7/30; insertion (0, 0.8, 1, 1)
    // → 1/3·(0.4 + 0.9 + 1) = 23/30.
    QVERIFY2(near(m.deletion.area, 7.0 / 30), qPrintable(QString::number(m.deletion.area)));
    QVERIFY2(near(m.insertion.area, 23.0 / 30), qPrintable(QString::number(m.insertion.area)));
  }

  // Equal attributions go to the earlier history position. History i0, i5, i2 (South): for target i1 =
  // (0, 1) the terms are 0, 0 and 1, so the order is i2 (position 2), then i0, then i5.
  void tiesGoToTheEarlierPosition() {
    auto options = quickOptions();
    options.methods = {AttributionMethod::Occlusion};
    const UserProfile profile{{0, 5, 2}, {1.0f, 1.0f, 1.0f}, {1}};
    auto r = measureFaithfulnessCurves(m_model, profile, 1, options);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    const auto& m = r->methods[0];
    QCOMPARE(m.order, (std::vector<std::size_t>{2, 0, 1}));
    QVERIFY(sameAs(m.attributions, {1, 0, 0}));
    QVERIFY2(sameAs(m.deletion.scores, {4, 3, 3, 3}), qPrintable(listText(m.deletion.scores)));
    // Unseen i1 = u_y, i3 = u_x / 2, i4 = 2·u_x: u = (3, 4) and (2, 3) put i4 first; (1, 3) and (0, 3)
    // do not; at (2, 4) i1 and i4 tie at 4 and i1, the lower row, stays first.
    QVERIFY2(sameAs(m.deletion.ranks, {2, 2, 1, 1}), qPrintable(listText(m.deletion.ranks)));
    QVERIFY2(sameAs(m.insertion.scores, {3, 4, 4, 4}), qPrintable(listText(m.insertion.scores)));
    QVERIFY2(sameAs(m.insertion.ranks, {1, 1, 1, 2}), qPrintable(listText(m.insertion.ranks)));
    QVERIFY(near(m.deletion.area, 1.0 / 6));
    QVERIFY(near(m.insertion.area, 5.0 / 6));
  }

  void capStopsTheCurves() {
    auto options = quickOptions();
    options.methods = {AttributionMethod::Occlusion};
    options.maxSteps = 2;
    auto r = measureFaithfulnessCurves(m_model, kProfile, kTarget, options);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(r->steps, std::size_t(2));
    const auto& m = r->methods[0];
    QVERIFY(sameAs(m.deletion.scores, {5, 1, 0}));
    QVERIFY(sameAs(m.insertion.scores, {0, 4, 5}));
    // Over k/2: deletion 1/2·(0.6 + 0.1) = 0.35, insertion 1/2·(0.4 + 0.9) = 0.65.
    QVERIFY(near(m.deletion.area, 0.35));
    QVERIFY(near(m.insertion.area, 0.65));
    QCOMPARE(r->randomDeletion.scores.size(), std::size_t(3));
  }

  // Each history term is added whatever else is there, so for every order deletion(k) + insertion(k)
  // = full + empty, and so for the mean over the orders; averaged over many orders, deletion(k) tends
  // to 5·(1 − k/3) (each item is among the k removed with probability k/3).
  void randomReference() {
    auto options = quickOptions();
    options.methods = {AttributionMethod::Occlusion};
    options.randomOrders = 3000;
    auto r = measureFaithfulnessCurves(m_model, kProfile, kTarget, options);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    const auto& d = r->randomDeletion;
    const auto& i = r->randomInsertion;
    QCOMPARE(r->randomOrders, 3000);
    QCOMPARE(d.scores.size(), std::size_t(4));
    for (std::size_t k = 0; k < 4; ++k) {
      QVERIFY2(near(d.scores[k] + i.scores[k], 5.0, 1e-4), qPrintable(QString("k = %1").arg(k)));
      QVERIFY2(near(d.scores[k], 5.0 * (1.0 - double(k) / 3.0), 0.15),
               qPrintable(QString("k = %1: %2").arg(k).arg(d.scores[k])));
    }
    QVERIFY(near(d.area + i.area, 1.0, 1e-4));
    QVERIFY2(near(d.area, 0.5, 0.03), qPrintable(QString::number(d.area)));
    // The attributed order does better on both curves than a random one.
    QVERIFY(r->methods[0].deletion.area < d.area);
    QVERIFY(r->methods[0].insertion.area > i.area);
  }

  void sameSeedSameCurves() {
    auto options = quickOptions();
    options.randomOrders = 2;
    auto a = measureFaithfulnessCurves(m_model, kProfile, kTarget, options);
    auto b = measureFaithfulnessCurves(m_model, kProfile, kTarget, options);
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(a->randomDeletion.scores, b->randomDeletion.scores);
    QCOMPARE(a->randomInsertion.ranks, b->randomInsertion.ranks);
    QCOMPARE(a->methods.size(), std::size_t(4));
    for (std::size_t m = 0; m < a->methods.size(); ++m) {
      QCOMPARE(a->methods[m].order, b->methods[m].order);
      QCOMPARE(a->methods[m].deletion.scores, b->methods[m].deletion.scores);
    }
    // One random order per seed: of six seeds, not all draw the same order of three items.
    bool differs = false;
    std::vector<double> first;
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
      options.randomOrders = 1;
      options.seed = seed;
      options.methods = {AttributionMethod::Occlusion};
      auto c = measureFaithfulnessCurves(m_model, kProfile, kTarget, options);
      QVERIFY(c.ok());
      if (seed == 1) first = c->randomDeletion.scores;
      differs = differs || c->randomDeletion.scores != first;
    }
    QVERIFY(differs);
  }

  // History i1 only: its term for i4 = (2, 0) is 0, so the full and the empty history score alike.
  void flatCurvesHaveNoArea() {
    auto options = quickOptions();
    options.methods = {AttributionMethod::Occlusion};
    auto r = measureFaithfulnessCurves(m_model, UserProfile{{1}, {1.0f}, {1}}, kTarget, options);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QVERIFY(near(r->fullScore, 0.0) && near(r->emptyScore, 0.0));
    QVERIFY(std::isnan(r->methods[0].deletion.area));
    QVERIFY(std::isnan(r->randomInsertion.area));
  }

  void errors() {
    const auto options = quickOptions();
    auto outside = measureFaithfulnessCurves(m_model, kProfile, 6, options);
    QVERIFY(!outside.ok());
    QCOMPARE(outside.error().code, ErrorCode::InvalidArgument);
    auto seen = measureFaithfulnessCurves(m_model, kProfile, 2, options);
    QVERIFY(!seen.ok());
    QCOMPARE(seen.error().code, ErrorCode::InvalidArgument);
    auto empty = measureFaithfulnessCurves(m_model, UserProfile{{}, {}, {1}}, kTarget, options);
    QVERIFY(!empty.ok());
    QCOMPARE(empty.error().code, ErrorCode::Empty);
    auto noOrders = options;
    noOrders.randomOrders = 0;
    auto r = measureFaithfulnessCurves(m_model, kProfile, kTarget, noOrders);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::InvalidArgument);
    auto noMethods = options;
    noMethods.methods.clear();
    QCOMPARE(measureFaithfulnessCurves(m_model, kProfile, kTarget, noMethods).error().code,
             ErrorCode::InvalidArgument);
    QCOMPARE(measureFaithfulnessCurves(nullptr, kProfile, kTarget, options).error().code,
             ErrorCode::InvalidArgument);
  }

  void cancelStops() {
    std::atomic<bool> cancel{true};
    TaskControl control;
    control.cancel = &cancel;
    auto r = measureFaithfulnessCurves(m_model, kProfile, kTarget, quickOptions(), control);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Cancelled);
    // Cancelled once the scoring has begun, after every method was explained.
    std::atomic<bool> later{false};
    std::vector<double> fractions;
    control.cancel = &later;
    control.progress = [&](double fraction, std::string_view stage) {
      fractions.push_back(fraction);
      if (stage == "scoring") later = true;
    };
    auto s = measureFaithfulnessCurves(m_model, kProfile, kTarget, quickOptions(), control);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().code, ErrorCode::Cancelled);
    QCOMPARE(fractions.size(), std::size_t(5));  // four methods, then the first scoring report
    QVERIFY(std::is_sorted(fractions.begin(), fractions.end()));
  }
};

QTEST_GUILESS_MAIN(TestFaithfulnessCurves)
#include "tst_faithfulnesscurves.moc"
