#pragma once
// Distinctive reasons (docs/explanations.md, "Distinctive reasons"): what sets one item of a list
// apart from the others explained with it, rather than the history items every item leans on.
#include "explain/attribution.h"

namespace reclens {

// A history item counts as distinctive for an item when its share of that item's attribution exceeds
// its mean share over the other items by more than this (shares are attributions divided by the sum
// of the absolute attributions of the user's fields, history and user fields, for that item).
inline constexpr double kDistinctiveMargin = 0.01;

// Fills reason.distinctiveTitles and reason.distinctiveText of every item of `explanation`: up to three
// history items with a positive attribution whose share exceeds their mean share over the other items
// by more than kDistinctiveMargin, largest excess first. With fewer than two items nothing is named.
void addDistinctiveReasons(Explanation& explanation);

}  // namespace reclens
