#pragma once
#include <QMetaType>

#include <cstdint>
#include <optional>
#include <vector>

#include "common/error.h"
#include "services/whatifrequest.h"

namespace reclens {

// The answer to one WhatIfRequest: the edited profile, baseline and edited lists with their
// comparison, the attributions of the first rows, and the category mix of the history and of both
// lists (share per code of the catalog's "category" field). An immutable value on the GUI thread.
struct WhatIfOutcome {
  std::uint64_t generation = 0;
  WhatIfRequest request;
  WhatIfResult result;
  Explanation explanation;                // of the first explainRows items of result.list
  std::optional<Error> explanationError;  // the list is fine but the attributions failed
  std::vector<double> historyMix;         // weight share of the edited history per category
  std::vector<double> listMix;            // share of the edited list per category
  std::vector<double> baselineMix;        // share of the baseline list per category
  std::optional<Error> error;
  double milliseconds = 0.0;         // the whole round trip
  double explainMilliseconds = 0.0;  // of which the attributions
};

// The answer to one WhatIfGraphRequest.
struct WhatIfGraphOutcome {
  std::uint64_t generation = 0;
  WhatIfGraphRequest request;
  EgoGraph graph;
  std::optional<Error> error;
  double milliseconds = 0.0;
};

// Long-tail numbers of one set of top-K lists (docs/metrics.md definitions).
struct ListSetMetrics {
  double coverage = 0.0;       // distinct listed items / catalog size
  double gini = 0.0;           // Gini index of exposure counts over the whole catalog
  double entropy = 0.0;        // bits
  double tailShare = 0.0;      // mean share of mid- and tail-tier items per list
  double delistedShare = 0.0;  // share of rank-discounted exposure that goes to the delisted items
};

// The answer to one WhatIfImpactRequest: the sampled users' lists before and after delisting.
struct WhatIfImpactOutcome {
  std::uint64_t generation = 0;
  WhatIfImpactRequest request;
  int users = 0;  // users sampled
  ListSetMetrics before;
  ListSetMetrics after;
  double meanJaccard = 0.0;   // of each user's two lists
  double changedShare = 0.0;  // share of users whose list changed
  std::optional<Error> error;
  double milliseconds = 0.0;
};

}  // namespace reclens

Q_DECLARE_METATYPE(reclens::WhatIfOutcome)
Q_DECLARE_METATYPE(reclens::WhatIfGraphOutcome)
Q_DECLARE_METATYPE(reclens::WhatIfImpactOutcome)
