#include <QtTest>

#include <cmath>
#include <vector>

#include "sim/linearbandit.h"
#include "sim/simrng.h"

using namespace reclens;
using namespace reclens::sim;

namespace {

// A Bernoulli bandit with known arm means, the arms as one-hot item vectors, and a model that knows
// nothing (a zero user vector): what is learned comes from the responses alone.
const std::vector<double> kMeans = {0.2, 0.3, 0.4, 0.5, 0.7};
constexpr int kSteps = 2000;
constexpr int kRuns = 20;

enum class Rule { Greedy, EpsilonGreedy, Thompson, LinUcb };

// Cumulative regret after each step, averaged over runs.
std::vector<double> regretCurve(Rule rule) {
  const int arms = static_cast<int>(kMeans.size());
  const double best = *std::max_element(kMeans.begin(), kMeans.end());
  std::vector<double> curve(kSteps, 0.0);
  for (int run = 0; run < kRuns; ++run) {
    LinearBandits::Options o;
    o.priorScale = 1.0;
    o.noise = 0.5;
    o.ucbAlpha = 1.0;
    LinearBandits bandit(1, arms, 1.0, o);
    bandit.calibrate();  // no data: the link stays alpha = 0, beta = 1, and the user vector is zero
    const std::vector<float> user(static_cast<std::size_t>(arms), 0.0f);
    std::vector<std::vector<float>> items(static_cast<std::size_t>(arms), user);
    for (int a = 0; a < arms; ++a) items[static_cast<std::size_t>(a)][static_cast<std::size_t>(a)] = 1.0f;
    const auto seed = static_cast<std::uint64_t>(1000 + run);
    double regret = 0.0;
    std::vector<float> theta(static_cast<std::size_t>(arms));
    std::vector<double> normals(static_cast<std::size_t>(arms));
    for (int t = 0; t < kSteps; ++t) {
      const auto step = static_cast<std::uint64_t>(t);
      for (int q = 0; q < arms; ++q)
        normals[static_cast<std::size_t>(q)] =
            drawNormal(seed, Stream::Thompson, step, 0, static_cast<std::uint64_t>(q));
      bandit.rankingVector(0, user.data(), rule == Rule::Thompson ? normals.data() : nullptr, theta.data());
      int pick = 0;
      double top = -1e300;
      for (int a = 0; a < arms; ++a) {
        double value = theta[static_cast<std::size_t>(a)];
        if (rule == Rule::LinUcb) value += bandit.bonus(items[static_cast<std::size_t>(a)].data());
        if (value > top) {
          top = value;
          pick = a;
        }
      }
      if (rule == Rule::EpsilonGreedy && drawUniform(seed, Stream::Explore, step, 0, 0) < 0.1)
        pick = static_cast<int>(drawBits(seed, Stream::RandomItem, step, 0, 0) %
                                static_cast<std::uint64_t>(arms));
      const bool reward =
          drawUniform(seed, Stream::Attract, step, 0, 0) < kMeans[static_cast<std::size_t>(pick)];
      bandit.observe(0, items[static_cast<std::size_t>(pick)].data(), 0.0, 1.0, reward);
      regret += best - kMeans[static_cast<std::size_t>(pick)];
      curve[static_cast<std::size_t>(t)] += regret / kRuns;
    }
  }
  return curve;
}

}  // namespace

class TestLinearBandit : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void explorationBeatsGreedyAndIsSublinear() {
    const auto greedy = regretCurve(Rule::Greedy);
    const auto egreedy = regretCurve(Rule::EpsilonGreedy);
    const auto thompson = regretCurve(Rule::Thompson);
    const auto linucb = regretCurve(Rule::LinUcb);
    const auto end = static_cast<std::size_t>(kSteps - 1);
    const auto half = static_cast<std::size_t>(kSteps / 2 - 1);
    qInfo("cumulative regret after %d steps: greedy %.1f, e-greedy %.1f, Thompson %.1f, LinUCB %.1f", kSteps,
          greedy[end], egreedy[end], thompson[end], linucb[end]);
    for (const auto* curve : {&thompson, &linucb}) {
      QVERIFY((*curve)[end] < greedy[end]);
      QVERIFY((*curve)[end] < egreedy[end]);
      // Sub-linear: the second thousand steps add clearly less regret than the first thousand (a linear
      // curve adds as much).
      const double first = (*curve)[half];
      const double second = (*curve)[end] - (*curve)[half];
      QVERIFY2(second < 0.8 * first,
               qPrintable(QString("first half %1, second half %2").arg(first).arg(second)));
    }
    // Greedy on a model that knows nothing locks onto an early arm: its regret keeps growing linearly.
    QVERIFY(greedy[end] - greedy[half] > 0.8 * greedy[half]);
  }

  void posteriorMeanFollowsTheData() {
    // One arm seen 400 times at rate 0.7: the posterior mean of its coefficient approaches 0.7 and the
    // bonus shrinks like 1/sqrt(n).
    LinearBandits::Options o;
    o.priorScale = 1.0;
    LinearBandits bandit(1, 2, 1.0, o);
    bandit.calibrate();
    const std::vector<float> v = {1.0f, 0.0f};
    const std::vector<float> zero = {0.0f, 0.0f};
    std::vector<float> theta(2);
    bandit.rankingVector(0, zero.data(), nullptr, theta.data());
    const double before = bandit.bonus(v.data());
    QVERIFY(std::abs(before - 1.0) < 1e-12);  // the prior std
    for (int t = 0; t < 400; ++t) bandit.observe(0, v.data(), 0.0, 1.0, t % 10 < 7);
    bandit.rankingVector(0, zero.data(), nullptr, theta.data());
    QVERIFY(std::abs(theta[0] - 0.7) < 0.01);
    QCOMPARE(theta[1], 0.0f);
    const double after = bandit.bonus(v.data());
    // Precision 1 + 400 / 0.25: the std is 1 / sqrt(1601).
    QVERIFY(std::abs(after - 1.0 / std::sqrt(1601.0)) < 1e-9);
    QVERIFY(before > after);
  }

  void calibrationFitsTheLink() {
    // Responses at rate 0.1 + 0.2 * score for scores 0..2, all examined: the link is recovered.
    LinearBandits bandit(10, 1, 1.0, {});
    const std::vector<float> v = {1.0f};
    for (int s = 0; s <= 2; ++s) {
      for (int t = 0; t < 1000; ++t) {
        const double p = 0.1 + 0.2 * s;
        bandit.observe(t % 10, v.data(), s, 1.0, (t % 100) < static_cast<int>(std::lround(p * 100)));
      }
    }
    QVERIFY(!bandit.calibrated());
    bandit.calibrate();
    QVERIFY(bandit.calibrated());
    QVERIFY(std::abs(bandit.alpha() - 0.1) < 1e-9);
    QVERIFY(std::abs(bandit.beta() - 0.2) < 1e-9);
  }
};

QTEST_GUILESS_MAIN(TestLinearBandit)
#include "tst_linearbandit.moc"
