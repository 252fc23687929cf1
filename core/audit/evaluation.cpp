#include "audit/evaluation.h"

#include <algorithm>

#include "engine/userprofilebuilder.h"

namespace reclens {

Result<EvaluationResult> evaluateModel(ScoringEngine& engine, const Dataset& dataset,
                                       const TrainTestSplit& split, const EvaluationOptions& options,
                                       const TaskControl& control) {
  if (options.ks.empty()) return makeError(ErrorCode::InvalidArgument, "no cut-off K was given");
  for (const int k : options.ks) {
    if (k < 1)
      return makeError(ErrorCode::InvalidArgument, "cut-off K must be at least 1, got " + std::to_string(k));
  }
  if (split.part.size() != dataset.interactions.size()) {
    return makeError(ErrorCode::InvalidArgument, "the split does not belong to this dataset");
  }
  if (auto s = checkModelCatalog(engine.model().metadata(), dataset.items); !s) return s.error();

  std::vector<bool> history(split.part.size());
  for (std::size_t r = 0; r < split.part.size(); ++r) history[r] = split.part[r] != SplitPart::Test;
  const UserProfileBuilder profiles(dataset, engine.model().metadata(), &history);

  std::vector<std::int32_t> users;
  for (std::size_t u = 0; u < split.test.size(); ++u) {
    if (!split.test[u].empty()) users.push_back(static_cast<std::int32_t>(u));
  }
  const int maxK = *std::max_element(options.ks.begin(), options.ks.end());
  std::vector<AccuracyMean> means(options.ks.size());
  EvaluationResult result;
  result.ks = options.ks;
  auto status = engine.recommendAll(
      users.size(), [&](std::size_t i) { return profiles.profile(users[i]); }, maxK, true, options.batchSize,
      [&](std::size_t i, const std::vector<Recommendation>& list) {
        const auto& relevant = split.test[static_cast<std::size_t>(users[i])];
        const auto flags = relevanceFlags(list, relevant);
        for (std::size_t c = 0; c < options.ks.size(); ++c) {
          means[c].add(userAccuracy(flags, relevant.size(), options.ks[c]));
        }
        result.testItems += relevant.size();
      },
      control);
  if (!status) return status.error();
  result.users = users.size();
  for (const auto& m : means) result.atK.push_back(m.mean());
  return result;
}

}  // namespace reclens
