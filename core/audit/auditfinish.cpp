#include <algorithm>
#include <atomic>
#include <thread>

#include "audit/audit.h"
#include "audit/auditinternal.h"
#include "audit/exposure.h"
#include "audit/fairnessstats.h"
#include "audit/longtailmetrics.h"
#include "data/generatorrng.h"
#include "data/popularitytiers.h"
#include "engine/computethreads.h"
#include "engine/userprofilebuilder.h"

namespace reclens {

namespace {

// Sub-streams of the audit seed: one per attribute for the bootstrap, one for the permutation test.
std::uint64_t bootstrapSeed(std::uint64_t seed, std::size_t attribute) {
  return GeneratorRng::derive(seed, 2 * attribute);
}
std::uint64_t permutationSeed(std::uint64_t seed, std::size_t attribute) {
  return GeneratorRng::derive(seed, 2 * attribute + 1);
}

// The fairness metrics of one record, in fairnessMetricNames() order.
void appendFairnessValues(const AccuracyValues& a, std::vector<double>& out) {
  out.push_back(a.ndcg);
  out.push_back(a.recall);
  out.push_back(a.hit);
}

AttributeFairness attributeFairness(const AuditPartial& partial, std::size_t attribute) {
  const auto& names = audit_detail::fairnessMetricNames();
  const auto& values = partial.userAttributeValues[attribute];
  GroupedValues grouped;
  grouped.metrics = static_cast<int>(names.size());
  grouped.groups.resize(values.size());
  for (const auto& r : partial.users) {
    const auto code = attribute < r.groupCodes.size() ? r.groupCodes[attribute] : -1;
    if (!r.hasTest || code < 0 || static_cast<std::size_t>(code) >= values.size()) continue;
    appendFairnessValues(r.accuracy, grouped.groups[static_cast<std::size_t>(code)]);
  }
  const auto& config = partial.config;
  const auto intervals =
      bootstrapGroupMeans(grouped, config.bootstrapSamples, bootstrapSeed(config.seed, attribute));
  const auto pValues =
      permutationGapPValues(grouped, config.permutations, permutationSeed(config.seed, attribute));
  AttributeFairness out;
  out.attribute = partial.userAttributes[attribute];
  for (std::size_t m = 0; m < names.size(); ++m) {
    MetricFairness f;
    f.metric = names[m];
    std::vector<double> means;
    for (std::size_t g = 0; g < values.size(); ++g) {
      const auto users = grouped.users(g);
      if (users == 0) continue;
      const auto& ci = intervals[g][m];
      f.groups.push_back({values[g], users, ci.mean, ci.low, ci.high});
      means.push_back(ci.mean);
    }
    f.maxMinGap = maxMinGap(means);
    f.meanAbsPairwiseGap = meanAbsolutePairwiseGap(means);
    f.pValue = pValues[m];
    out.metrics.push_back(std::move(f));
  }
  return out;
}

// Every attribute's fairness, attributes spread over the CPU cores. Each attribute has its own seeded
// streams, so the result does not depend on which thread computes it.
std::vector<AttributeFairness> allAttributeFairness(const AuditPartial& partial, const TaskControl& control) {
  const std::size_t n = partial.userAttributes.size();
  std::vector<AttributeFairness> out(n);
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t a = next++; a < n && !control.cancelled(); a = next++)
      out[a] = attributeFairness(partial, a);
  };
  // As many threads as the compute library may use (--threads), so a benchmark or a busy machine is honoured.
  const auto threads = std::min<std::size_t>(static_cast<std::size_t>(std::max(1, computeThreads())), n);
  std::vector<std::thread> helpers;
  for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(work);
  work();
  for (auto& h : helpers) h.join();
  return out;
}

// Group codes and names of one item grouping over the catalog.
void itemGroupCodes(const Dataset& dataset, const std::string& grouping,
                    const std::vector<std::int64_t>& trainCounts, std::vector<std::int32_t>& codes,
                    std::vector<std::string>& names) {
  if (grouping == "tier") {
    const auto tiers = popularityTiers(trainCounts);
    codes.resize(tiers.size());
    for (std::size_t i = 0; i < tiers.size(); ++i) codes[i] = static_cast<std::int32_t>(tiers[i]);
    names = {"head", "mid", "tail"};
    return;
  }
  const auto& field = dataset.items.fields[static_cast<std::size_t>(dataset.items.fieldIndex(grouping))];
  codes.resize(dataset.items.size());
  for (std::size_t i = 0; i < codes.size(); ++i) codes[i] = field.codeAt(i);
  names = field.vocabulary();
}

void listMetrics(const AuditPartial& partial, AuditResult& result) {
  AccuracyMean accuracy;
  double popularity = 0.0, longTail = 0.0, tail = 0.0, diversity = 0.0, novelty = 0.0;
  std::size_t diverseLists = 0;
  std::int64_t listed = 0;
  for (const auto& r : partial.users) {
    novelty += r.novelty;
    listed += r.listLength;
    if (!r.hasTest) continue;
    accuracy.add(r.accuracy);
    popularity += r.averagePopularity;
    longTail += r.longTailShare;
    tail += r.tailPercentage;
    if (r.listLength >= 2) {
      diversity += r.intraListDiversity;
      ++diverseLists;
    }
  }
  const double n = double(accuracy.users);
  result.evaluatedUsers = accuracy.users;
  result.accuracy = accuracy.mean();
  result.averagePopularity = n > 0 ? popularity / n : 0.0;
  result.aplt = n > 0 ? longTail / n : 0.0;
  result.tailPercentage = n > 0 ? tail / n : 0.0;
  result.intraListDiversity = diverseLists > 0 ? diversity / double(diverseLists) : 0.0;
  result.novelty = listed > 0 ? novelty / double(listed) : 0.0;
}

}  // namespace

Result<AuditResult> finishAudit(const AuditPartial& partial, const Dataset& dataset,
                                const TrainTestSplit& split, const TaskControl& control) {
  if (auto s = audit_detail::checkAuditInputs(dataset, split, partial.config); !s) return s.error();
  if (partial.dataFingerprint != auditDataFingerprint(dataset) || partial.numItems != dataset.items.size() ||
      partial.exposureCount.size() != partial.numItems || partial.exposureWeight.size() != partial.numItems) {
    return makeError(ErrorCode::InvalidArgument, "the partial audit was made on other data");
  }
  if (partial.userAttributeValues.size() != partial.userAttributes.size())
    return makeError(ErrorCode::InvalidArgument, "the partial audit's user attributes are inconsistent");
  auto groupings = audit_detail::resolveItemGroupings(dataset, partial.config.itemGroupings);
  if (!groupings) return groupings.error();

  AuditResult result;
  result.partial = partial;
  listMetrics(partial, result);
  result.itemCoverage = itemCoverage(partial.exposureCount);
  result.gini = giniIndex(partial.exposureCount);
  result.exposureEntropyBits = entropyBits(partial.exposureCount);

  std::vector<bool> history(split.part.size());
  for (std::size_t r = 0; r < split.part.size(); ++r) history[r] = split.part[r] != SplitPart::Test;
  const auto trainCounts = itemPopularity(dataset.interactions, dataset.items.size(), &history);
  std::vector<std::int32_t> codes;
  std::vector<std::string> names;
  for (const auto& grouping : groupings.value()) {
    itemGroupCodes(dataset, grouping, trainCounts, codes, names);
    result.itemGroups.push_back({grouping, groupExposure(codes, names, partial.exposureWeight, trainCounts)});
  }

  for (std::size_t f = 0; f < partial.flipAttributes.size(); ++f) {
    FlipRate rate;
    rate.attribute = partial.flipAttributes[f];
    double flipped = 0.0, overlap = 0.0;
    for (const auto& r : partial.users) {
      if (f >= r.flipped.size() || f >= r.flipJaccard.size()) continue;
      flipped += r.flipped[f];
      overlap += r.flipJaccard[f];
      ++rate.users;
    }
    rate.rate = rate.users > 0 ? flipped / double(rate.users) : 0.0;
    rate.meanJaccard = rate.users > 0 ? overlap / double(rate.users) : 0.0;
    result.flips.push_back(rate);
  }

  control.report(0.0, "fairness statistics");
  result.fairness = allAttributeFairness(partial, control);
  if (control.cancelled()) return makeError(ErrorCode::Cancelled, "cancelled while finishing the audit");
  control.report(1.0, "fairness statistics");
  return result;
}

}  // namespace reclens
