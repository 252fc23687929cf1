#pragma once
#include <QMetaType>

#include <cstdint>
#include <optional>

#include "common/error.h"
#include "services/explanationrequest.h"

namespace reclens {

// The answer to one ExplanationRequest: the explanation or the error (Cancelled when stopped), and
// how long it took. An immutable value delivered on the GUI thread.
struct ExplanationResult {
  std::uint64_t generation = 0;
  ExplanationRequest request;
  Explanation explanation;
  std::optional<Error> error;
  double milliseconds = 0.0;
};

// The answer to one GraphRequest.
struct GraphResult {
  std::uint64_t generation = 0;
  GraphRequest request;
  EgoGraph graph;
  std::optional<Error> error;
  double milliseconds = 0.0;
};

}  // namespace reclens

Q_DECLARE_METATYPE(reclens::ExplanationResult)
Q_DECLARE_METATYPE(reclens::GraphResult)
