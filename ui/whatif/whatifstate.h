#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/userprofile.h"
#include "engine/whatif.h"

namespace reclens {

// The edits of a what-if scenario in a normal form that the editor's undo stack snapshots: history
// items toggled off, re-weighted or added, user fields set, and items and brands delisted from the
// catalog. A plain value; equal states mean equal scenarios.
struct WhatIfState {
  std::set<std::int32_t> removed;                     // history or added items toggled off
  std::map<std::int32_t, float> weights;              // history items given another weight
  std::vector<std::pair<std::int32_t, float>> added;  // items added to the history, in order, with weight
  // History items moved to the newest place (before the added items), in the order they were moved:
  // the order matters to sequential models (isSequentialKind); a bag-of-items model scores the same.
  std::vector<std::int32_t> moved;
  std::map<int, std::int32_t> fields;    // model user field -> code
  std::set<std::int32_t> delistedItems;  // catalog rows left out of every list
  std::set<std::string> delistedBrands;  // brands whose items are left out of every list

  bool operator==(const WhatIfState& other) const = default;
  // True when nothing is edited or delisted.
  bool isEmpty() const { return *this == WhatIfState{}; }
  // True when `item` was added (whether toggled on or off).
  bool isAdded(std::int32_t item) const;
  // True when history item `item` was moved to the newest place.
  bool isMoved(std::int32_t item) const;
  // The weight `item` has in the scenario, given its weight `original` in the history.
  float weightOf(std::int32_t item, float original) const;

  // The profile edits that turn `base` into the scenario's profile, in a fixed order: removals,
  // re-weights, additions, user fields. A moved item is removed and added again (after the removals,
  // before the added items), which puts it at the newest place. Edits that would not change `base` are
  // left out.
  std::vector<WhatIfEdit> edits(const UserProfile& base) const;
  // The state whose edits() are `edits` applied to `base` (delisting is not part of profile edits).
  static WhatIfState fromEdits(const std::vector<WhatIfEdit>& edits, const UserProfile& base);
};

}  // namespace reclens
