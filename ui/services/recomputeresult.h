#pragma once
#include <QMetaType>

#include <cstdint>
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
  std::optional<Error> error;
  double milliseconds = 0.0;
};

}  // namespace reclens

Q_DECLARE_METATYPE(reclens::RecomputeResult)
