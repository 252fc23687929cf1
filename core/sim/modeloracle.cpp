#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/scoringengine.h"
#include "engine/userprofilebuilder.h"
#include "model/datasplit.h"
#include "model/modelfile.h"
#include "sim/oracle.h"
#include "sim/simrng.h"

namespace reclens::sim {

namespace {

double sigmoid(double x) {
  return x >= 0.0 ? 1.0 / (1.0 + std::exp(-x)) : std::exp(x) / (1.0 + std::exp(x));
}

struct Pair {
  double score;
  double y;
};

// Logistic regression of y on score by Newton's method (two parameters, a tiny ridge for separable data).
void fitLink(const std::vector<Pair>& pairs, double& a, double& b) {
  a = 0.0;
  b = 0.0;
  for (int it = 0; it < 50; ++it) {
    double ga = 0.0, gb = 0.0, haa = 1e-6, hab = 0.0, hbb = 1e-6;
    for (const auto& p : pairs) {
      const double q = sigmoid(a + b * p.score);
      const double w = q * (1.0 - q);
      ga += p.y - q;
      gb += (p.y - q) * p.score;
      haa += w;
      hab += w * p.score;
      hbb += w * p.score * p.score;
    }
    const double det = haa * hbb - hab * hab;
    if (!(det > 0.0)) break;
    const double da = (hbb * ga - hab * gb) / det;
    const double db = (haa * gb - hab * ga) / det;
    a += da;
    b += db;
    if (std::abs(da) + std::abs(db) < 1e-10) break;
  }
}

class ModelOracle final : public Oracle {
 public:
  ModelOracle(std::shared_ptr<const ModelFile> model, std::string name, std::vector<float> userVectors,
              double a, double b, std::string calibrationText)
      : m_engine(std::make_unique<ScoringEngine>(std::move(model))),
        m_name(std::move(name)),
        m_vectors(std::move(userVectors)),
        m_a(a),
        m_b(b),
        m_calibration(std::move(calibrationText)) {
    m_engine->setNearbyRanking(false);
  }

  std::size_t numItems() const override { return m_engine->numItems(); }

  void appeal(std::int32_t user, std::vector<double>& out) const override {
    const auto d = static_cast<std::size_t>(m_engine->dim());
    out.assign(numItems(), 0.0);
    if (user < 0 || (static_cast<std::size_t>(user) + 1) * d > m_vectors.size()) return;
    std::vector<float> v(
        m_vectors.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(user) * d),
        m_vectors.begin() + static_cast<std::ptrdiff_t>((static_cast<std::size_t>(user) + 1) * d));
    auto scores = m_engine->scores(v);
    if (!scores) return;
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = sigmoid(m_a + m_b * scores.value()[i]);
  }

  std::string description() const override {
    char buf[160];
    std::snprintf(buf, sizeof buf, "appeal = sigmoid(%.4g + %.4g * score)", m_a, m_b);
    return "model " + m_name + " as the truth, " + buf + "; " + m_calibration;
  }

 private:
  std::unique_ptr<ScoringEngine> m_engine;  // scores() reuses buffers: the oracle is used from one thread
  std::string m_name;
  std::vector<float> m_vectors;
  double m_a;
  double m_b;
  std::string m_calibration;
};

}  // namespace

Result<std::unique_ptr<Oracle>> makeModelOracle(std::shared_ptr<const ModelFile> model,
                                                const Dataset& dataset, int negatives, std::uint64_t seed,
                                                LinkCalibration* calibration, const std::string& name) {
  if (!model) return makeError(ErrorCode::InvalidArgument, "no truth model given");
  if (negatives < 1 || negatives > 10000)
    return makeError(ErrorCode::InvalidArgument,
                     "the drawn items per held-out item must be between 1 and 10000");
  const std::size_t items = dataset.items.size();
  if (static_cast<std::size_t>(model->metadata().numItems) != items)
    return makeError(ErrorCode::InvalidArgument,
                     "the truth model " + model->path() + " was made for another catalog");
  ScoringEngine engine(model);
  engine.setNearbyRanking(false);
  const UserProfileBuilder builder(dataset, model->metadata());
  const auto split = splitByTime(dataset, 1, 1);
  const std::size_t users = builder.users();
  const auto d = static_cast<std::size_t>(engine.dim());
  std::vector<float> vectors(users * d, 0.0f);
  std::vector<Pair> fit, check;
  std::vector<std::uint8_t> mark(items, 0);
  for (std::size_t u = 0; u < users; ++u) {
    const auto profile = builder.profile(static_cast<std::int32_t>(u));
    auto v = engine.userVector(profile);
    if (!v) return makeError(v.error().code, "user " + dataset.users.ids[u] + ": " + v.error().message);
    std::copy(v.value().begin(), v.value().end(), vectors.begin() + static_cast<std::ptrdiff_t>(u * d));
    if (u >= split.test.size() || split.test[u].empty()) continue;
    // The link is fitted on the user's history before the held-out item (train + validation).
    UserProfile before;
    for (std::size_t j = 0; j < profile.items.size(); ++j) {
      const auto item = profile.items[j];
      if (std::binary_search(split.test[u].begin(), split.test[u].end(), item)) continue;
      before.items.push_back(item);
      before.weights.push_back(profile.weights[j]);
    }
    before.fieldCodes = profile.fieldCodes;
    auto vb = engine.userVector(before);
    if (!vb) return vb.error();
    auto scores = engine.scores(vb.value());
    if (!scores) return scores.error();
    auto& target = u % 2 == 0 ? fit : check;
    for (auto item : split.test[u]) target.push_back({scores.value()[static_cast<std::size_t>(item)], 1.0});
    for (auto item : profile.items) mark[static_cast<std::size_t>(item)] = 1;
    int drawn = 0;
    for (int attempt = 0; drawn < negatives && attempt < 20 * negatives; ++attempt) {
      const auto item = static_cast<std::size_t>(
          drawBits(seed, Stream::RandomItem, 0, u, static_cast<std::uint64_t>(attempt)) % items);
      if (mark[item]) continue;
      target.push_back({scores.value()[item], 0.0});
      ++drawn;
    }
    for (auto item : profile.items) mark[static_cast<std::size_t>(item)] = 0;
  }
  if (fit.empty() || check.empty())
    return makeError(ErrorCode::Empty,
                     "the project has too few users with a held-out item to fit the truth's link");
  double a = 0.0, b = 0.0;
  fitLink(fit, a, b);
  LinkCalibration cal;
  cal.intercept = a;
  cal.slope = b;
  cal.fitPairs = fit.size();
  cal.checkPairs = check.size();
  std::vector<double> sumP(10, 0.0), sumY(10, 0.0);
  std::vector<std::size_t> count(10, 0);
  double loss = 0.0;
  for (const auto& p : check) {
    const double q = sigmoid(a + b * p.score);
    const auto bin = std::min<std::size_t>(9, static_cast<std::size_t>(q * 10.0));
    sumP[bin] += q;
    sumY[bin] += p.y;
    ++count[bin];
    loss -= p.y > 0.5 ? std::log(std::max(q, 1e-15)) : std::log(std::max(1.0 - q, 1e-15));
  }
  double ece = 0.0;
  for (std::size_t k = 0; k < 10; ++k) {
    if (count[k] == 0) continue;
    const double n = static_cast<double>(count[k]);
    cal.binPredicted.push_back(sumP[k] / n);
    cal.binObserved.push_back(sumY[k] / n);
    cal.binCount.push_back(count[k]);
    ece += n * std::abs(sumP[k] / n - sumY[k] / n);
  }
  cal.expectedCalibrationError = ece / static_cast<double>(check.size());
  cal.logLoss = loss / static_cast<double>(check.size());
  if (calibration) *calibration = cal;
  char text[320];
  std::snprintf(text, sizeof text,
                "link fitted on %zu (held-out item, %d drawn items) pairs of even user rows; on the odd rows "
                "(%zu pairs) its expected calibration error is %.4f and log loss %.4f. Assumption: the drawn "
                "items per held-out item (%d) set the level of engagement",
                cal.fitPairs, negatives, cal.checkPairs, cal.expectedCalibrationError, cal.logLoss,
                negatives);
  return std::unique_ptr<Oracle>(std::make_unique<ModelOracle>(model, name.empty() ? model->path() : name,
                                                               std::move(vectors), a, b, text));
}

}  // namespace reclens::sim
