#pragma once
#include <QMetaType>

#include <cstdint>
#include <memory>
#include <optional>

#include "common/error.h"
#include "explain/faithfulnesscurves.h"
#include "services/modelsession.h"

namespace reclens {

// What the Explanation page's curves pane asks for: the deletion and insertion curves of one
// recommended item for one user under one model. An immutable value handed to the worker thread.
struct FaithfulnessCurvesRequest {
  std::shared_ptr<const ModelSession> session;
  std::int32_t user = -1;    // dataset user row
  std::int32_t target = -1;  // catalog row
  // The page's attribution settings (the method list, random orders, cap and seed included); the
  // average-user or sampled baselines are filled in on the worker thread.
  FaithfulnessCurveOptions options;
  // With the average-user baseline: the group's average user (a user field index), -1 for all users.
  int backgroundGroupField = -1;
};

// The answer to one FaithfulnessCurvesRequest: the curves or the error (Cancelled when stopped).
struct FaithfulnessCurvesResult {
  std::uint64_t generation = 0;
  FaithfulnessCurvesRequest request;
  FaithfulnessCurves curves;
  std::optional<Error> error;
  double milliseconds = 0.0;
};

}  // namespace reclens

Q_DECLARE_METATYPE(reclens::FaithfulnessCurvesResult)
