#pragma once
// reclens-cli explain: the average user of a project's users, the common and personal parts of the
// explained scores, and the collapse diagnostic (docs/explanations.md).
#include <nlohmann/json.hpp>

#include <memory>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/dataset.h"
#include "engine/userprofilebuilder.h"
#include "explain/background.h"
#include "explain/collapse.h"
#include "model/modelfile.h"

namespace reclens::cli {

// The average user of every user of `data` under `model`.
Result<std::shared_ptr<const UserBackground>> projectBackground(const UserProfileBuilder& profiles,
                                                                const ModelFile& model,
                                                                const TaskControl& control);

// The average user of the dataset user rows `users`.
Result<std::shared_ptr<const UserBackground>> groupBackground(const UserProfileBuilder& profiles,
                                                              const ModelFile& model,
                                                              const std::vector<std::int32_t>& users,
                                                              const TaskControl& control);

// `k` background users of `data` drawn with `seed`, for the sampled-users baseline.
Result<std::shared_ptr<const std::vector<UserBackground>>> projectSample(const UserProfileBuilder& profiles,
                                                                         const ModelFile& model,
                                                                         std::size_t k, std::uint64_t seed,
                                                                         const TaskControl& control);

// The model-level diagnostic over `users` users of `data` sampled with `seed`, each with their top
// `topK` explained under `options` (whose background also gives the common shares).
Result<ModelCollapse> projectCollapse(const UserProfileBuilder& profiles,
                                      const std::shared_ptr<const ModelFile>& model,
                                      const AttributionOptions& options, int topK, std::size_t users,
                                      std::uint64_t seed, const TaskControl& control);
nlohmann::json modelCollapseJson(const ModelCollapse& m);
void printModelCollapse(const ModelCollapse& m, const AttributionOptions& options);

nlohmann::json collapseJson(const CollapseDiagnostic& d, std::size_t backgroundUsers);
// The diagnostic in a few lines, with a warning in words when the explanations collapse.
void printCollapse(const CollapseDiagnostic& d, std::size_t backgroundUsers);

}  // namespace reclens::cli
