#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "audit/audit.h"
#include "model/datasplit.h"
#include "services/modelsession.h"

namespace reclens {

// A finished whole-model audit as the Long-tail and Fairness pages show it: the audit's statistics,
// the model and split it was computed on, and the train popularity of every catalog item. Immutable,
// shared read-only by the pages.
struct AuditOutcome {
  std::shared_ptr<const ModelSession> session;
  std::shared_ptr<const TrainTestSplit> split;
  SplitSpec splitSpec;  // what `split` is: the model's own split (the one it was trained on)
  AuditResult result;
  std::vector<std::int64_t> trainPopularity;  // train interaction rows per catalog row
  double seconds = 0.0;                       // wall time of the audit
};

}  // namespace reclens
