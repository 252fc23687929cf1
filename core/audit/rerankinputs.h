#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "data/dataset.h"
#include "engine/rerank.h"

namespace reclens {

// What the re-rankers read about a project's items (engine/rerank.h), built once and shared by every
// list: the recommend command, the audit, the simulator, the trade-off sweep and the GUI.
struct ReRankInputs {
  std::vector<std::int64_t> popularity;     // interactions per catalog row, as given
  std::vector<std::int32_t> category;       // "category" code per row (-1 none); empty without the field
  std::vector<std::uint8_t> popular;        // ΔGAP's popular items (popularItems)
  std::vector<std::int32_t> provider;       // provider group per row; empty unless provider fairness is on
  std::vector<double> providerTarget;       // target exposure share per provider group
  std::vector<std::string> providerGroups;  // the provider groups' names, in code order

  // A context pointing into this object (history and embeddings left for the caller).
  ReRankContext context() const;
};

// ΔGAP's popular items (Abdollahpouri et al.): the top 20% of the items seen in `trainCounts`, with
// RecBole's ratio rule and tie order (docs/metrics.md, "Popularity lift").
std::vector<std::uint8_t> popularItems(const std::vector<std::int64_t>& trainCounts);

// Provider groups of `field` ("tier" or a catalog field; a set-valued field's first member) for every
// catalog row, with their names. InvalidArgument names a field the catalog lacks and lists those it has.
Result<std::vector<std::int32_t>> providerGroupCodes(const Dataset& dataset, const std::string& field,
                                                     const std::vector<std::int64_t>& popularity,
                                                     std::vector<std::string>& names);

// Target exposure share of each of `groups` provider groups: the group's share of all catalog rows
// (CatalogShare; rows without a group keep the rest) or 1/(groups with an item) each (Equal).
std::vector<double> providerTargets(const std::vector<std::int32_t>& provider, std::size_t groups,
                                    ProviderTarget target);

// Checks every knob's range and that `dataset`'s catalog can serve the knobs that are on (a "category"
// field for calibration and the category cap, the provider field); the error names the knob.
Status checkReRankOptions(const ReRankOptions& options, const Dataset& dataset);

// Everything `options` needs from `dataset` with `popularity` (e.g. the train counts): categories
// when the catalog has a "category" field, popular items, and provider groups and targets when
// provider fairness is on. InvalidArgument as checkReRankOptions.
Result<ReRankInputs> makeReRankInputs(const Dataset& dataset, std::vector<std::int64_t> popularity,
                                      const ReRankOptions& options);

}  // namespace reclens
