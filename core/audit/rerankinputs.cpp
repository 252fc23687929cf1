#include "audit/rerankinputs.h"

#include <algorithm>

#include "audit/auditgroupings.h"
#include "audit/auditinternal.h"
#include "audit/beyondaccuracy.h"
#include "audit/longtailmetrics.h"

namespace reclens {

ReRankContext ReRankInputs::context() const {
  ReRankContext c;
  c.popularity = &popularity;
  if (!category.empty()) c.category = &category;
  c.popular = &popular;
  if (!provider.empty()) {
    c.provider = &provider;
    c.providerTarget = &providerTarget;
  }
  return c;
}

std::vector<std::uint8_t> popularItems(const std::vector<std::int64_t>& trainCounts) {
  // The most popular items are RecBole's tail of the negated counts: the same ratio rule and tie order.
  std::vector<std::uint8_t> seen(trainCounts.size());
  std::vector<std::int64_t> negated(trainCounts.size());
  for (std::size_t i = 0; i < trainCounts.size(); ++i) {
    seen[i] = trainCounts[i] > 0 ? 1 : 0;
    negated[i] = -trainCounts[i];
  }
  return tailItems(negated, kPopularItemShare, seen);
}

Result<std::vector<std::int32_t>> providerGroupCodes(const Dataset& dataset, const std::string& field,
                                                     const std::vector<std::int64_t>& popularity,
                                                     std::vector<std::string>& names) {
  ReRankOptions probe;
  probe.providerFairness = 1.0;
  probe.providerField = field;
  if (auto s = checkReRankOptions(probe, dataset); !s) return s.error();
  ItemGroupCodes codes;
  audit_detail::itemGroupCodes(dataset, field, popularity, codes, names);
  return std::move(codes.first);
}

std::vector<double> providerTargets(const std::vector<std::int32_t>& provider, std::size_t groups,
                                    ProviderTarget target) {
  std::vector<double> count(groups, 0.0);
  for (const auto g : provider) {
    if (g >= 0 && static_cast<std::size_t>(g) < groups) count[static_cast<std::size_t>(g)] += 1.0;
  }
  std::vector<double> out(groups, 0.0);
  if (target == ProviderTarget::CatalogShare) {
    for (std::size_t g = 0; g < groups && !provider.empty(); ++g) out[g] = count[g] / double(provider.size());
    return out;
  }
  const auto present = std::count_if(count.begin(), count.end(), [](double c) { return c > 0.0; });
  for (std::size_t g = 0; g < groups; ++g) out[g] = count[g] > 0.0 ? 1.0 / double(present) : 0.0;
  return out;
}

Status checkReRankOptions(const ReRankOptions& r, const Dataset& dataset) {
  const auto bad = [](const std::string& what) { return makeError(ErrorCode::InvalidArgument, what); };
  const auto num = [](double v) { return std::to_string(v); };
  if (!(r.popularityPenalty >= 0.0))
    return bad("the popularity penalty must not be negative, got " + num(r.popularityPenalty));
  if (!(r.userAwarePenalty >= 0.0))
    return bad("the user-aware popularity penalty must not be negative, got " + num(r.userAwarePenalty));
  if (!(r.diversity >= 0.0 && r.diversity <= 1.0))
    return bad("the MMR diversity weight must be in [0, 1], got " + num(r.diversity));
  if (r.categoryCap < 0)
    return bad("the category cap must not be negative, got " + std::to_string(r.categoryCap));
  if (!(r.calibration >= 0.0 && r.calibration <= 1.0))
    return bad("the calibration weight must be in [0, 1], got " + num(r.calibration));
  if (!(r.providerFairness >= 0.0 && r.providerFairness <= 1.0))
    return bad("the provider fairness weight must be in [0, 1], got " + num(r.providerFairness));
  if (r.candidates < 0) return bad("the number of re-ranking candidates must not be negative");
  if ((r.categoryCap > 0 || r.calibration > 0.0) &&
      dataset.items.fieldIndex(audit_detail::kCalibrationField) < 0) {
    return bad(std::string(r.categoryCap > 0 ? "the category cap" : "calibrated re-ranking") +
               " needs a 'category' field in the catalog, and this project's items have none");
  }
  if (r.providerFairness > 0.0 && r.providerField != "tier" &&
      dataset.items.fieldIndex(r.providerField) < 0) {
    std::string known = "tier";
    for (const auto& f : dataset.items.fields) known += ", " + f.name();
    return bad("provider fairness: the items have no field '" + r.providerField + "' (known: " + known + ")");
  }
  return Status::success();
}

Result<ReRankInputs> makeReRankInputs(const Dataset& dataset, std::vector<std::int64_t> popularity,
                                      const ReRankOptions& options) {
  if (auto s = checkReRankOptions(options, dataset); !s) return s.error();
  ReRankInputs in;
  in.popularity = std::move(popularity);
  in.popularity.resize(dataset.items.size(), 0);
  if (const int f = dataset.items.fieldIndex(audit_detail::kCalibrationField); f >= 0) {
    const auto& field = dataset.items.fields[static_cast<std::size_t>(f)];
    in.category.resize(dataset.items.size());
    for (std::size_t i = 0; i < in.category.size(); ++i) in.category[i] = field.codeAt(i);
  }
  in.popular = popularItems(in.popularity);
  if (options.providerFairness > 0.0) {
    auto codes = providerGroupCodes(dataset, options.providerField, in.popularity, in.providerGroups);
    if (!codes) return codes.error();
    in.provider = std::move(codes).value();
    in.providerTarget = providerTargets(in.provider, in.providerGroups.size(), options.providerTarget);
  }
  return in;
}

}  // namespace reclens
