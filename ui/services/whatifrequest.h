#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "engine/recommendation.h"
#include "engine/whatif.h"
#include "explain/attribution.h"
#include "explain/egograph.h"
#include "services/modelsession.h"

namespace reclens {

// What the What-if page asks for: the top-`k` of one user under one model after `edits` (and, when
// replaying, with the history as it stood at `asOf`), leaving out the `delisted` items, compared with
// a baseline list, and the attributions of its first `explainRows` items. An immutable value handed
// to the what-if thread.
struct WhatIfRequest {
  std::shared_ptr<const ModelSession> session;
  std::int32_t user = -1;  // dataset user row
  int k = 20;
  std::optional<std::int64_t> asOf;  // replay: only the interactions at or before this time
  std::vector<WhatIfEdit> edits;  // applied to the (replayed) profile; edits that no longer apply are skipped
  std::vector<std::int32_t> delisted;  // catalog rows, sorted
  // The baseline is the unedited full-history list; with `compareEdits` set it is the list of that
  // other scenario (edits and delisted rows) instead.
  std::optional<std::vector<WhatIfEdit>> compareEdits;
  std::vector<std::int32_t> compareDelisted;
  // A baseline list computed earlier for the same session, user and k (saves one scoring); only
  // used without `compareEdits`.
  std::shared_ptr<const std::vector<Recommendation>> baseline;
  int explainRows = 10;  // 0: no attributions
  AttributionOptions attribution;
};

// The ego graph of one item of a what-if list, on the edited profile of `scenario`.
struct WhatIfGraphRequest {
  WhatIfRequest scenario;
  std::int32_t target = -1;  // catalog row
  EgoGraphOptions options;
};

// The effect of delisting `delisted` on the top-`k` lists of a sample of `users` users spread evenly
// over the user table (users with a history only).
struct WhatIfImpactRequest {
  std::shared_ptr<const ModelSession> session;
  int k = 20;
  int users = 300;
  std::vector<std::int32_t> delisted;  // catalog rows, sorted
};

}  // namespace reclens
