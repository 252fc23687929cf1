#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "engine/userprofile.h"
#include "explain/attribution.h"
#include "model/modelfile.h"

namespace reclens {

// Deletion and insertion curves (docs/explanations.md, "Faithfulness curves") for one user and one
// target item: the target's score and rank as the history items an attribution method credits most
// are removed one at a time (deletion), or added one at a time to the empty history (insertion),
// against the same done in random orders.
struct FaithfulnessCurveOptions {
  std::vector<AttributionMethod> methods = {AttributionMethod::IntegratedGradients,
                                            AttributionMethod::GradientTimesInput,
                                            AttributionMethod::Occlusion, AttributionMethod::Shapley};
  // Steps, rule, baseline (with its background), samples and seed; the method is set per entry, and
  // the contrast is always None: the curves follow the target's own score.
  AttributionOptions attribution;
  int maxSteps = 20;       // the curves stop after this many items (0: the whole history)
  int randomOrders = 10;   // R: random orders averaged into the reference curves
  std::uint64_t seed = 1;  // the random orders
};

// One curve at k = 0..steps items removed (or added).
struct FaithfulnessCurve {
  std::vector<double> scores;  // the target's score
  std::vector<double> ranks;   // its 1-based rank among the items outside the history (a mean for random)
  // The area under the normalised score, (score − empty) / (full − empty), by the trapezoid rule over
  // k / steps; NaN when the full and the empty history give the target the same score.
  double area = 0.0;
};

struct MethodCurves {
  AttributionMethod method = AttributionMethod::IntegratedGradients;
  // History positions by attribution, largest first (ties to the earlier position); the curves use
  // the first `steps` of them.
  std::vector<std::size_t> order;
  std::vector<double> attributions;  // the attribution of each position in `order`
  FaithfulnessCurve deletion;
  FaithfulnessCurve insertion;
};

struct FaithfulnessCurves {
  std::int32_t target = -1;  // catalog row
  std::size_t history = 0;   // n: history items of the profile
  std::size_t steps = 0;     // points per curve minus one: n, or maxSteps when smaller
  double fullScore = 0.0;    // the target's score with the whole history (k = 0 of deletion)
  double emptyScore = 0.0;   // and with no history item (k = 0 of insertion), user fields kept
  int randomOrders = 0;
  std::vector<MethodCurves> methods;  // in the order of FaithfulnessCurveOptions::methods
  FaithfulnessCurve randomDeletion;   // the mean over the random orders
  FaithfulnessCurve randomInsertion;
};

// The area under `scores` (k = 0..size−1, spread evenly over [0, 1]) once normalised to
// (score − empty) / (full − empty), by the trapezoid rule; NaN with fewer than two points or when
// full and empty are equal (to 1e-9 of their scale).
double normalisedCurveArea(const std::vector<double>& scores, double full, double empty);

// The deletion and insertion curves of every method in `options` for catalog row `target` and
// `profile` under `model`, with the random reference curves. Removing keeps the other items in
// history order with their weights; inserting builds the history from nothing in the same way, with
// the profile's user fields throughout. The same inputs always give the same curves (Shapley seeded by
// options.attribution.seed, the random orders by options.seed). Never throws: a target outside the
// catalog or in the history and invalid options give ErrorCode::InvalidArgument, an empty history
// ErrorCode::Empty, a cancelled `control` ErrorCode::Cancelled.
Result<FaithfulnessCurves> measureFaithfulnessCurves(const std::shared_ptr<const ModelFile>& model,
                                                     const UserProfile& profile, std::int32_t target,
                                                     const FaithfulnessCurveOptions& options,
                                                     const TaskControl& control = {});

}  // namespace reclens
