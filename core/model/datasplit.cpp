#include "model/datasplit.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <numeric>
#include <unordered_map>

namespace reclens {

std::size_t TrainTestSplit::rowCount(SplitPart p) const {
  return static_cast<std::size_t>(std::count(part.begin(), part.end(), p));
}

std::size_t TrainTestSplit::userCount(SplitPart p) const {
  const auto& lists = p == SplitPart::Train ? train : (p == SplitPart::Validation ? validation : test);
  return static_cast<std::size_t>(
      std::count_if(lists.begin(), lists.end(), [](const auto& items) { return !items.empty(); }));
}

namespace {

// Assigns the parts of one user's distinct items, given most recent first with the time of each one's
// last row; every item starts as train.
using PartAssigner = std::function<void(std::size_t user, const std::vector<std::int32_t>& byRecency,
                                        const std::vector<std::int64_t>& lastTime,
                                        std::unordered_map<std::int32_t, SplitPart>& part)>;

TrainTestSplit splitPerUser(const Dataset& dataset, const PartAssigner& assign) {
  const auto& log = dataset.interactions;
  std::size_t users = dataset.users.size();
  for (const auto u : log.user) users = std::max(users, static_cast<std::size_t>(u) + 1);

  // Rows grouped by user (counting sort keeps the original order inside each user).
  std::vector<std::size_t> start(users + 1, 0);
  for (const auto u : log.user) ++start[static_cast<std::size_t>(u) + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<std::size_t> rows(log.size());
  {
    auto next = start;
    for (std::size_t r = 0; r < log.size(); ++r) rows[next[static_cast<std::size_t>(log.user[r])]++] = r;
  }

  TrainTestSplit split;
  split.part.assign(log.size(), SplitPart::Train);
  split.train.resize(users);
  split.validation.resize(users);
  split.test.resize(users);

  std::unordered_map<std::int32_t, SplitPart> itemPart;
  std::vector<std::int32_t> distinctByRecency;
  std::vector<std::int64_t> lastTime;
  for (std::size_t u = 0; u < users; ++u) {
    const auto begin = rows.begin() + static_cast<std::ptrdiff_t>(start[u]);
    const auto end = rows.begin() + static_cast<std::ptrdiff_t>(start[u + 1]);
    // Stable sort by time: ties keep the original row order.
    std::stable_sort(begin, end, [&log](std::size_t a, std::size_t b) { return log.ts[a] < log.ts[b]; });

    itemPart.clear();
    distinctByRecency.clear();
    lastTime.clear();
    for (auto it = end; it != begin;) {
      --it;
      const auto item = log.item[*it];
      if (itemPart.emplace(item, SplitPart::Train).second) {
        distinctByRecency.push_back(item);
        lastTime.push_back(log.ts[*it]);
      }
    }
    assign(u, distinctByRecency, lastTime, itemPart);
    for (auto it = begin; it != end; ++it) split.part[*it] = itemPart[log.item[*it]];
    for (const auto& [item, p] : itemPart) {
      auto& list = p == SplitPart::Train ? split.train[u]
                                         : (p == SplitPart::Validation ? split.validation[u] : split.test[u]);
      list.push_back(item);
    }
    std::sort(split.train[u].begin(), split.train[u].end());
    std::sort(split.validation[u].begin(), split.validation[u].end());
    std::sort(split.test[u].begin(), split.test[u].end());
  }

  for (std::size_t r = 0; r < log.size(); ++r) {
    if (split.part[r] != SplitPart::Train) continue;
    const auto t = log.ts[r];
    if (split.trainFirst == kNoTime || t < split.trainFirst) split.trainFirst = t;
    if (split.trainLast == kNoTime || t > split.trainLast) split.trainLast = t;
  }
  return split;
}

// Test and validation counts of a user with n distinct items under the ratio kinds.
std::pair<std::size_t, std::size_t> ratioCounts(std::size_t n, double trainRatio, double validationRatio) {
  const double testRatio = std::max(0.0, 1.0 - trainRatio - validationRatio);
  const double nd = static_cast<double>(n);
  auto test = static_cast<std::size_t>(std::floor(nd * testRatio + 1e-9));
  auto validation = static_cast<std::size_t>(std::floor(nd * validationRatio + 1e-9));
  std::size_t train = n - std::min(n, test + validation);
  if (train > 1 && test == 0 && nd * testRatio > 0.0) {
    ++test;
    --train;
  }
  if (train > 1 && validation == 0 && nd * validationRatio > 0.0) {
    ++validation;
    --train;
  }
  return {test, validation};
}

std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::string formatRatio(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

std::pair<std::int64_t, std::int64_t> globalCutTimes(const Dataset& dataset, const SplitSpec& spec) {
  auto times = dataset.interactions.ts;
  if (times.empty()) return {0, 0};
  std::sort(times.begin(), times.end());
  const auto at = [&times](double share) {
    const auto k = static_cast<std::size_t>(std::floor(static_cast<double>(times.size()) * share + 1e-9));
    return k >= times.size() ? times.back() + 1 : times[k];
  };
  return {at(spec.trainRatio), at(spec.trainRatio + spec.validationRatio)};
}

TrainTestSplit splitByTime(const Dataset& dataset, int holdoutPerUser, int validationPerUser) {
  const std::size_t holdout = static_cast<std::size_t>(std::max(0, holdoutPerUser));
  const std::size_t validation = static_cast<std::size_t>(std::max(0, validationPerUser));
  return splitPerUser(dataset, [holdout, validation](std::size_t, const std::vector<std::int32_t>& byRecency,
                                                     const std::vector<std::int64_t>&,
                                                     std::unordered_map<std::int32_t, SplitPart>& part) {
    if (byRecency.size() < holdout + validation + 1) return;
    for (std::size_t k = 0; k < holdout + validation; ++k)
      part[byRecency[k]] = k < holdout ? SplitPart::Test : SplitPart::Validation;
  });
}

TrainTestSplit splitDataset(const Dataset& dataset, const SplitSpec& spec) {
  if (spec.kind == SplitSpec::Kind::Time) return splitByTime(dataset, spec.holdout, spec.validation);
  if (spec.kind == SplitSpec::Kind::GlobalTime) {
    const auto cuts = globalCutTimes(dataset, spec);
    const std::int64_t validationFrom = cuts.first;
    const std::int64_t testFrom = cuts.second;
    return splitPerUser(dataset,
                        [validationFrom, testFrom](std::size_t, const std::vector<std::int32_t>& byRecency,
                                                   const std::vector<std::int64_t>& lastTime,
                                                   std::unordered_map<std::int32_t, SplitPart>& part) {
                          for (std::size_t k = 0; k < byRecency.size(); ++k) {
                            if (lastTime[k] >= testFrom) {
                              part[byRecency[k]] = SplitPart::Test;
                            } else if (lastTime[k] >= validationFrom) {
                              part[byRecency[k]] = SplitPart::Validation;
                            }
                          }
                        });
  }
  const bool random = spec.kind == SplitSpec::Kind::RandomRatio;
  const double trainRatio = spec.trainRatio;
  const double validationRatio = spec.validationRatio;
  const std::uint64_t seed = spec.seed;
  return splitPerUser(
      dataset, [=](std::size_t user, const std::vector<std::int32_t>& byRecency,
                   const std::vector<std::int64_t>&, std::unordered_map<std::int32_t, SplitPart>& part) {
        const auto [test, validation] = ratioCounts(byRecency.size(), trainRatio, validationRatio);
        std::vector<std::int32_t> order = byRecency;  // temporal: the newest first
        if (random) {
          // A seeded order that depends only on (seed, user, item), not on the log's row order.
          const std::uint64_t base = mix64(seed ^ mix64(static_cast<std::uint64_t>(user) + 1));
          std::vector<std::pair<std::uint64_t, std::int32_t>> keyed;
          keyed.reserve(order.size());
          for (auto item : order) keyed.emplace_back(mix64(base ^ static_cast<std::uint64_t>(item)), item);
          std::sort(keyed.begin(), keyed.end());
          for (std::size_t k = 0; k < keyed.size(); ++k) order[k] = keyed[k].second;
        }
        for (std::size_t k = 0; k < test + validation && k < order.size(); ++k)
          part[order[k]] = k < test ? SplitPart::Test : SplitPart::Validation;
      });
}

Result<SplitSpec> SplitSpec::parse(const std::string& text) {
  auto bad = [&text](const std::string& why) {
    return makeError(ErrorCode::InvalidArgument,
                     "split \"" + text + "\": " + why +
                         " (use time, time:H, loo, temporal[:TRAIN,VALIDATION], global[:TRAIN,VALIDATION] or "
                         "random[:TRAIN,VALIDATION[,SEED]])");
  };
  const auto colon = text.find(':');
  const std::string kind = text.substr(0, colon);
  const std::string rest = colon == std::string::npos ? std::string() : text.substr(colon + 1);
  std::vector<std::string> parts;
  if (colon != std::string::npos) {
    std::size_t from = 0;
    while (true) {
      const auto comma = rest.find(',', from);
      parts.push_back(rest.substr(from, comma == std::string::npos ? std::string::npos : comma - from));
      if (comma == std::string::npos) break;
      from = comma + 1;
    }
  }
  auto number = [](const std::string& s, double& out) {
    if (s.empty()) return false;
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    return end == s.c_str() + s.size() && std::isfinite(out);
  };
  SplitSpec spec;
  if (kind == "time" || kind == "loo") {
    spec.kind = Kind::Time;
    if (kind == "loo" && colon != std::string::npos) return bad("loo takes no parameters");
    if (!parts.empty()) {
      if (parts.size() != 1) return bad("give the number of test items, e.g. time:2");
      const auto plus = parts[0].find('+');
      double h = 0.0, v = 1.0;
      if (!number(parts[0].substr(0, plus), h) || h != std::floor(h) || h < 1.0 || h > 1000.0)
        return bad("the number of test items must be a whole number from 1 to 1000");
      if (plus != std::string::npos &&
          (!number(parts[0].substr(plus + 1), v) || v != std::floor(v) || v < 0.0 || v > 1000.0))
        return bad("the number of validation items must be a whole number from 0 to 1000");
      spec.holdout = static_cast<int>(h);
      spec.validation = static_cast<int>(v);
    }
    return spec;
  }
  if (kind != "temporal" && kind != "random" && kind != "global") return bad("unknown kind \"" + kind + "\"");
  spec.kind =
      kind == "temporal" ? Kind::TemporalRatio : (kind == "global" ? Kind::GlobalTime : Kind::RandomRatio);
  if (!parts.empty()) {
    const std::size_t most = kind == "random" ? 3 : 2;
    if (parts.size() < 2 || parts.size() > most)
      return bad(kind == "random" ? "give TRAIN,VALIDATION or TRAIN,VALIDATION,SEED"
                                  : "give TRAIN,VALIDATION");
    if (!number(parts[0], spec.trainRatio) || !number(parts[1], spec.validationRatio))
      return bad("the ratios must be numbers");
    if (parts.size() == 3) {
      double s = 0.0;
      if (!number(parts[2], s) || s != std::floor(s) || s < 0.0 || s > 9.0e15)
        return bad("the seed must be a whole number");
      spec.seed = static_cast<std::uint64_t>(s);
    }
  }
  if (!(spec.trainRatio > 0.0) || !(spec.validationRatio >= 0.0) ||
      !(spec.trainRatio + spec.validationRatio < 1.0 - 1e-9))
    return bad("the train ratio must be above 0, the validation ratio at least 0, and their sum below 1");
  return spec;
}

std::string SplitSpec::name() const {
  switch (kind) {
    case Kind::Time:
      return validation == 1 ? "time:" + std::to_string(holdout)
                             : "time:" + std::to_string(holdout) + "+" + std::to_string(validation);
    case Kind::TemporalRatio:
      return "temporal:" + formatRatio(trainRatio) + "," + formatRatio(validationRatio);
    case Kind::GlobalTime:
      return "global:" + formatRatio(trainRatio) + "," + formatRatio(validationRatio);
    case Kind::RandomRatio:
      return "random:" + formatRatio(trainRatio) + "," + formatRatio(validationRatio) + "," +
             std::to_string(seed);
  }
  return "time:1";
}

std::string SplitSpec::description() const {
  auto percent = [](double v) { return formatRatio(std::round(v * 1000.0) / 10.0); };
  const std::string ratios = percent(trainRatio) + "/" + percent(validationRatio) + "/" +
                             percent(std::max(0.0, 1.0 - trainRatio - validationRatio));
  switch (kind) {
    case Kind::Time:
      return "per user by time: the last " +
             (holdout == 1 ? std::string("distinct item") : std::to_string(holdout) + " distinct items") +
             " test, the " + (validation == 1 ? std::string("one") : std::to_string(validation)) +
             " before validation";
    case Kind::TemporalRatio:
      return "per user by time, " + ratios + " of the distinct items (train oldest, test newest)";
    case Kind::GlobalTime:
      return "one calendar for all users, " + ratios +
             " of the rows in time (a user and item pair goes by its last row; items launched late are "
             "cold)";
    case Kind::RandomRatio:
      return "per user at random, " + ratios + " of the distinct items (seed " + std::to_string(seed) + ")";
  }
  return {};
}

}  // namespace reclens
