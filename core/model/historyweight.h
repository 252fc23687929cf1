#pragma once
// How a user's interactions with one item become that item's weight in the user's history, for
// training and for the profiles scored later (docs/training.md, "History weights").
#include <string>

#include "common/result.h"

namespace reclens {

enum class HistoryWeighting {
  Sum,    // the sum of the item's interaction weights
  Log1p,  // log(1 + sum): an item bought 28 times weighs log 29 ≈ 3.4, not 28 (sign kept below zero)
};

// The history weight of an item whose interaction weights add up to `summed`: the sum itself, or
// sign(summed) · log(1 + |summed|). Finite for every finite `summed`.
float historyWeight(double summed, HistoryWeighting weighting);

// "sum" or "log1p", as the model metadata key "history_weight" and `reclens-cli train --history-weight`
// write them.
const char* historyWeightingName(HistoryWeighting weighting);
// The weighting called `name`; false when there is none.
bool parseHistoryWeighting(const std::string& name, HistoryWeighting& weighting);

// The weighting a model's metadata JSON names under the optional key "history_weight" ("sum" when the
// key is absent, as in models made before it existed). Never throws: text that is not a JSON object, or
// a key that is not "sum" or "log1p", gives ErrorCode::Schema.
Result<HistoryWeighting> historyWeightingOf(const std::string& metadataJson);

}  // namespace reclens
