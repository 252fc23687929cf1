#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "explain/attribution.h"
#include "explain/egograph.h"
#include "services/modelsession.h"

namespace reclens {

// What the Explanation page asks for: the attributions of `items` (catalog rows) for one user under
// one model. An immutable value handed to the explanation thread.
struct ExplanationRequest {
  std::shared_ptr<const ModelSession> session;
  std::int32_t user = -1;  // dataset user row
  std::vector<std::int32_t> items;
  AttributionOptions options;
  // With the average-user baseline: average only the users sharing this user's value of this user field
  // (an index into the dataset's user fields); -1 averages all users.
  int backgroundGroupField = -1;
};

// The ego graph of one (user, target item) score under one model.
struct GraphRequest {
  std::shared_ptr<const ModelSession> session;
  std::int32_t user = -1;    // dataset user row
  std::int32_t target = -1;  // catalog row
  EgoGraphOptions options;
};

}  // namespace reclens
