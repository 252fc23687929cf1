#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "engine/scoringengine.h"
#include "engine/userprofile.h"
#include "explain/attribution.h"
#include "model/modelfile.h"

namespace reclens {

// The deletion test (docs/explanations.md, "Faithfulness"): remove the history items an attribution
// method credits most for a recommended item and see how far the item falls, against removing as
// many history items at random.
struct FaithfulnessOptions {
  // The methods to test, each on the same cases.
  std::vector<AttributionMethod> methods = {AttributionMethod::IntegratedGradients,
                                            AttributionMethod::GradientTimesInput,
                                            AttributionMethod::Occlusion, AttributionMethod::Shapley};
  AttributionOptions attribution;  // steps, rule, baseline, samples and seed; the method is set per entry
  int topK = 5;                    // every item of a user's top-K (seen items excluded) is one target
  int deletions = 3;               // m: history items removed per case
  int randomDraws = 10;            // R: random deletions of m items averaged per case
  std::size_t users = 50;          // users sampled from the profiles given; 0 takes them all
  std::uint64_t seed = 1;          // user sample and random deletions
};

// One (user, target) pair and what the two kinds of deletion did to the target's rank.
struct FaithfulnessCase {
  std::size_t user = 0;              // index into the profiles given
  std::int32_t target = -1;          // catalog row of the recommended item
  int rank = 0;                      // 1-based rank before any deletion
  std::vector<std::size_t> removed;  // history positions of the m most-attributed items, largest first
  double attributedDrop = 0.0;       // rank after removing them minus `rank`
  double randomDrop = 0.0;           // mean over R random draws of m positions
  // The same two deletions measured on the quantity the explanation explains: the target's score,
  // or with a contrast (as the explanation chose it) its score minus the compared item's score (or the mean
  // score of the other targets). The drop is the quantity before minus after; the random one is averaged over
  // R draws.
  double explainedDrop = 0.0;
  double randomExplainedDrop = 0.0;
};

// The aggregate for one attribution method.
struct MethodFaithfulness {
  AttributionMethod method = AttributionMethod::IntegratedGradients;
  std::vector<FaithfulnessCase> cases;
  double meanAttributedDrop = 0.0;
  double meanRandomDrop = 0.0;
  double shareAttributedBeatsRandom = 0.0;  // cases whose attributed drop is strictly larger
  double meanExplainedDrop = 0.0;
  double meanRandomExplainedDrop = 0.0;
  double shareExplainedBeatsRandom = 0.0;  // cases whose explained-quantity drop is strictly larger
};

struct FaithfulnessReport {
  std::size_t usersTested = 0;              // sampled users with more than `deletions` history items
  std::size_t usersSkipped = 0;             // sampled users with too short a history
  std::vector<MethodFaithfulness> methods;  // in the order of FaithfulnessOptions::methods
};

// The target's 1-based rank among the items outside `profile`'s history (higher score first, ties
// to the lower catalog row) once the history positions `removed` are taken out of the profile; the
// original history stays excluded, so only the target's standing against unseen items is measured.
// Errors name an invalid profile, target or position.
Result<int> rankAfterRemoval(ScoringEngine& engine, const UserProfile& profile, std::int32_t target,
                             const std::vector<std::size_t>& removed);

// Runs the deletion test for every method over a seeded sample of `profiles`. The same options and
// profiles always give the same report (Shapley seeded by options.attribution.seed). Never throws;
// invalid options give ErrorCode::InvalidArgument, a cancelled `control` ErrorCode::Cancelled, and
// no eligible user ErrorCode::Empty.
Result<FaithfulnessReport> measureFaithfulness(const std::shared_ptr<const ModelFile>& model,
                                               const std::vector<UserProfile>& profiles,
                                               const FaithfulnessOptions& options,
                                               const TaskControl& control = {});

}  // namespace reclens
