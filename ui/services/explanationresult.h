#pragma once
#include <QMetaType>

#include <cstdint>
#include <optional>
#include <vector>

#include "common/error.h"
#include "explain/background.h"
#include "explain/collapse.h"
#include "services/explanationrequest.h"

namespace reclens {

// The answer to one ExplanationRequest: the explanation or the error (Cancelled when stopped), the
// common and personal parts of the items' scores with the collapse diagnostic of the list, and how
// long it took. An immutable value delivered on the GUI thread.
struct ExplanationResult {
  std::uint64_t generation = 0;
  ExplanationRequest request;
  Explanation explanation;
  std::optional<Error> error;
  // One per explained item, in order, against the average user of the project's users; empty when
  // that average could not be computed (splitError says why).
  std::vector<ScoreSplit> split;
  std::optional<Error> splitError;
  // The diagnostic of the explained list, of the whole scores also when a contrast is shown (its common
  // share needs the split).
  CollapseDiagnostic collapse;
  std::size_t backgroundUsers = 0;  // users averaged into the average user, 0 without one
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
