#pragma once
#include <QMetaType>

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "common/error.h"
#include "engine/recommendation.h"
#include "services/recomputerequest.h"

namespace reclens {

// The answer to one RecomputeRequest: the list (or the error the engine gave), the user's history
// and how long the computation took. An immutable value delivered on the GUI thread.
struct RecomputeResult {
  std::uint64_t generation = 0;
  RecomputeRequest request;
  std::vector<Recommendation> items;
  std::vector<std::int32_t> history;  // the user's distinct items, newest first
  // Steck's category miscalibration (KL) of the list against the history, and of the model's own list
  // (without re-ranking) when re-ranking is on; NaN without item categories.
  double miscalibration = std::numeric_limits<double>::quiet_NaN();
  double miscalibrationUnranked = std::numeric_limits<double>::quiet_NaN();
  std::optional<Error> error;
  double milliseconds = 0.0;
};

}  // namespace reclens

Q_DECLARE_METATYPE(reclens::RecomputeResult)
