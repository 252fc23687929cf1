#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/simulation.h"

namespace reclens::sim {

namespace {

struct MetricName {
  const char* key;
  const char* label;
};

const MetricName kMetricNames[kMetricCount] = {
    {"takes", "Items taken per user"},
    {"cumulative_takes", "Cumulative takes per user"},
    {"expected_takes", "Expected takes per user"},
    {"regret", "Regret per user"},
    {"cumulative_regret", "Cumulative regret per user"},
    {"coverage", "Coverage (round)"},
    {"cumulative_coverage", "Coverage (so far)"},
    {"gini", "Exposure Gini"},
    {"aplt", "APLT"},
    {"tail_exposure", "Long-tail exposure share"},
    {"novelty", "Novelty (bits)"},
    {"diversity", "Intra-list diversity"},
    {"homogenisation", "Homogenisation (Jaccard)"},
    {"planted_brand_share", "Planted brand exposure share"},
    {"interest_drift", "Interest drift (total variation)"},
    {"ndcg", "NDCG against the truth"},
};

// Two-sided 95% Student t quantile for n - 1 degrees of freedom.
double tQuantile(int n) {
  static const double kTable[] = {0.0,   12.706, 4.303, 3.182, 2.776, 2.571, 2.447,
                                  2.365, 2.306,  2.262, 2.228, 2.201, 2.179, 2.160,
                                  2.145, 2.131,  2.120, 2.110, 2.101, 2.093, 2.086};
  const int df = n - 1;
  if (df <= 0) return 0.0;
  if (df <= 20) return kTable[df];
  if (df <= 30) return 2.042 + (30 - df) * (2.086 - 2.042) / 10.0;
  return 1.96 + 2.4 / df;  // within 0.01 of the exact quantile beyond 30 degrees of freedom
}

Interval intervalOf(const std::vector<double>& xs) {
  Interval out;
  std::vector<double> v;
  for (double x : xs) {
    if (std::isfinite(x)) v.push_back(x);
  }
  out.n = static_cast<int>(v.size());
  if (v.empty()) {
    out.mean = out.low = out.high = std::numeric_limits<double>::quiet_NaN();
    return out;
  }
  double sum = 0.0;
  for (double x : v) sum += x;
  out.mean = sum / static_cast<double>(v.size());
  if (v.size() < 2) {
    out.low = out.high = out.mean;
    return out;
  }
  double ss = 0.0;
  for (double x : v) ss += (x - out.mean) * (x - out.mean);
  const double se = std::sqrt(ss / static_cast<double>(v.size() - 1) / static_cast<double>(v.size()));
  const double h = tQuantile(out.n) * se;
  out.low = out.mean - h;
  out.high = out.mean + h;
  return out;
}

}  // namespace

const char* metricKey(int metric) {
  return metric >= 0 && metric < kMetricCount ? kMetricNames[metric].key : "";
}

const char* metricLabel(int metric) {
  return metric >= 0 && metric < kMetricCount ? kMetricNames[metric].label : "";
}

const std::vector<HeadlineMetric>& headlineMetrics() {
  static const std::vector<HeadlineMetric> kHeadline = {
      {kTakes, "takes/user", "%.3f"},
      {kCumulativeTakes, "cum. takes", "%.2f"},
      {kCumulativeRegret, "cum. regret", "%.2f"},
      {kCumulativeCoverage, "coverage", "%.3f"},
      {kGini, "Gini", "%.3f"},
      {kAplt, "APLT", "%.3f"},
      {kNovelty, "novelty", "%.2f"},
      {kDiversity, "diversity", "%.3f"},
      {kHomogenisation, "homogen.", "%.3f"},
      {kPlantedBrandShare, "planted brand", "%.4f"},
  };
  return kHeadline;
}

std::string retrainDataText(const SimConfig& c) {
  if (c.retrainWindow <= 0) return "all the data plus the simulated takes";
  return "the last " + std::to_string(c.retrainWindow) + (c.retrainWindow == 1 ? " round's" : " rounds'") +
         " data (one day per round; older data left out)";
}

Status validateSimConfig(const SimConfig& c) {
  auto bad = [](const std::string& m) { return Status(makeError(ErrorCode::InvalidArgument, m)); };
  if (c.policies.empty()) return bad("no policy given");
  if (c.rounds < 1 || c.rounds > 100000) return bad("rounds must be between 1 and 100000");
  if (c.usersPerRound < 0) return bad("users per round must not be negative");
  if (c.k < 1 || c.k > 1000) return bad("K must be between 1 and 1000");
  if (c.retrainEvery < 0) return bad("the re-training interval must not be negative");
  if (c.retrainEpochs < 1 || c.retrainEpochs > 1000)
    return bad("re-training epochs must be between 1 and 1000");
  if (c.retrainWindow < 0) return bad("the re-training window must not be negative");
  if (c.seeds < 1 || c.seeds > 1000) return bad("seeds must be between 1 and 1000");
  if (c.shardCount < 1 || c.shardIndex < 0 || c.shardIndex >= c.shardCount)
    return bad("the shard must be i/n with 0 <= i < n");
  if (c.batchUsers < 1) return bad("the user batch must hold at least one user");
  return Status::success();
}

Result<SimResult> mergeSimResults(const std::vector<SimResult>& parts) {
  if (parts.empty()) return makeError(ErrorCode::Empty, "no partial simulation results to merge");
  SimResult out = parts.front();
  for (auto& run : out.runs) run.seeds.clear();
  out.seconds = 0.0;
  std::vector<bool> have(static_cast<std::size_t>(out.config.seeds), false);
  for (const auto& part : parts) {
    const auto& a = part.config;
    const auto& b = out.config;
    bool same = a.rounds == b.rounds && a.usersPerRound == b.usersPerRound && a.k == b.k &&
                a.retrainEvery == b.retrainEvery && a.retrainEpochs == b.retrainEpochs &&
                a.retrainWindow == b.retrainWindow && a.seeds == b.seeds && a.seed == b.seed &&
                a.examination.name() == b.examination.name() && a.policies.size() == b.policies.size() &&
                part.runs.size() == out.runs.size() && part.oracle == out.oracle && part.items == out.items &&
                part.users == out.users;
    for (std::size_t p = 0; same && p < a.policies.size(); ++p)
      same = a.policies[p].name == b.policies[p].name;
    if (!same)
      return makeError(ErrorCode::InvalidArgument, "the partial results come from different simulations");
    out.seconds += part.seconds;
    for (std::size_t p = 0; p < part.runs.size(); ++p) {
      for (const auto& seedRun : part.runs[p].seeds) {
        const auto s = static_cast<std::size_t>(seedRun.seedIndex);
        if (s >= have.size())
          return makeError(ErrorCode::InvalidArgument, "a partial result has a seed out of range");
        if (p == 0) {
          if (have[s])
            return makeError(ErrorCode::Duplicate,
                             "seed " + std::to_string(s) + " appears in two partial results");
          have[s] = true;
        }
        out.runs[p].seeds.push_back(seedRun);
      }
    }
  }
  for (std::size_t s = 0; s < have.size(); ++s) {
    if (!have[s])
      return makeError(ErrorCode::NotFound, "seed " + std::to_string(s) + " is in no partial result");
  }
  for (auto& run : out.runs) {
    std::sort(run.seeds.begin(), run.seeds.end(),
              [](const SeedRun& x, const SeedRun& y) { return x.seedIndex < y.seedIndex; });
  }
  out.config.shardIndex = 0;
  out.config.shardCount = 1;
  return out;
}

Interval metricInterval(const PolicyRun& run, int metric, int round) {
  std::vector<double> xs;
  for (const auto& s : run.seeds) {
    if (round >= 0 && static_cast<std::size_t>(round) < s.rounds.size())
      xs.push_back(s.rounds[static_cast<std::size_t>(round)].values[static_cast<std::size_t>(metric)]);
  }
  return intervalOf(xs);
}

namespace {

// One seed's exposure of an item attribute's values at a round, or null when it has none.
const std::vector<double>* itemExposureAt(const SeedRun& s, std::size_t attribute, int round) {
  if (round < 0 || static_cast<std::size_t>(round) >= s.rounds.size()) return nullptr;
  const auto& exposure = s.rounds[static_cast<std::size_t>(round)].itemExposure;
  return attribute < exposure.size() ? &exposure[attribute] : nullptr;
}

}  // namespace

Interval itemExposureShareInterval(const PolicyRun& run, std::size_t attribute, std::size_t value,
                                   int round) {
  std::vector<double> xs;
  for (const auto& s : run.seeds) {
    const auto* e = itemExposureAt(s, attribute, round);
    if (!e || value >= e->size()) continue;
    double total = 0.0;
    for (double x : *e) total += x;
    if (total > 0.0) xs.push_back((*e)[value] / total);
  }
  return intervalOf(xs);
}

Interval itemExposureGapInterval(const SimResult& result, const PolicyRun& run, std::size_t attribute,
                                 int round) {
  std::vector<double> xs;
  if (attribute >= result.itemAttributes.size()) return intervalOf(xs);
  const auto& catalog = result.itemAttributes[attribute].catalogShares;
  for (const auto& s : run.seeds) {
    const auto* e = itemExposureAt(s, attribute, round);
    if (!e || e->size() != catalog.size()) continue;
    double total = 0.0;
    for (double x : *e) total += x;
    if (total <= 0.0) continue;
    double tv = 0.0;
    for (std::size_t v = 0; v < catalog.size(); ++v) tv += std::abs((*e)[v] / total - catalog[v]);
    xs.push_back(0.5 * tv);
  }
  return intervalOf(xs);
}

Interval groupGapInterval(const PolicyRun& run, std::size_t attribute, bool ndcg, int round) {
  std::vector<double> xs;
  for (const auto& s : run.seeds) {
    if (round < 0 || static_cast<std::size_t>(round) >= s.rounds.size()) continue;
    const auto& groups = s.rounds[static_cast<std::size_t>(round)].groups;
    if (attribute >= groups.size()) continue;
    const auto& g = groups[attribute];
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (std::size_t v = 0; v < g.users.size(); ++v) {
      if (g.users[v] <= 0.0) continue;
      const double m = (ndcg ? g.ndcg[v] : g.takes[v]) / g.users[v];
      lo = std::min(lo, m);
      hi = std::max(hi, m);
    }
    if (hi >= lo) xs.push_back(hi - lo);
  }
  return intervalOf(xs);
}

}  // namespace reclens::sim
