#pragma once
#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/dataset.h"
#include "engine/userprofile.h"
#include "engine/userprofilebuilder.h"
#include "explain/faithfulness.h"
#include "explain/faithfulnesscurves.h"
#include "model/modelfile.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace reclens::cli {

// reclens-cli explain --faithfulness M [--faithfulness-users N] [--faithfulness-methods LIST].
struct DeletionTestArgs {
  int deletions = 0;                 // m of the deletion test; 0 runs none
  int users = 0;                     // 0: the explained user; N: that many sampled users
  std::vector<std::string> methods;  // empty: all four
};

// reclens-cli explain --curves [--curves-methods LIST] [--curves-random R] [--curves-steps S].
struct CurvesArgs {
  bool on = false;
  std::vector<std::string> methods;  // empty: all four
  int randomOrders = 10;
  int steps = 20;  // cap on the items removed or added; 0: the whole history
};

// Adds the deletion test's options to `explain`; returns the --faithfulness option.
CLI::Option* addDeletionTestOptions(CLI::App* explain, DeletionTestArgs& args);
// Adds the curves' options to `explain`; returns the --curves flag.
CLI::Option* addCurvesOptions(CLI::App* explain, CurvesArgs& args);

// The deletion test for the explained user and its top-`topK` (or over sampled users).
Result<FaithfulnessReport> runDeletionTest(const std::shared_ptr<const ModelFile>& model,
                                           const UserProfileBuilder& builder, const UserProfile& profile,
                                           const DeletionTestArgs& args, int topK, std::uint64_t seed,
                                           const AttributionOptions& options, const TaskControl& control);
nlohmann::json deletionTestJson(const FaithfulnessReport& report, int deletions);
void printDeletionTest(const FaithfulnessReport& report, int deletions, ExplanationContrast contrast);

// The deletion and insertion curves of each of `items` (catalog rows) for `profile`, with the
// explanation's attribution settings and `seed` for the random orders.
Result<std::vector<FaithfulnessCurves>> runCurves(const std::shared_ptr<const ModelFile>& model,
                                                  const UserProfile& profile,
                                                  const std::vector<std::int32_t>& items,
                                                  const CurvesArgs& args, std::uint64_t seed,
                                                  const AttributionOptions& options,
                                                  const TaskControl& control);
// `faithfulness_curves` of --json: the settings and, per item, each method's curves (k, score, rank),
// their areas (null when undefined) and the random reference.
nlohmann::json curvesJson(const std::vector<FaithfulnessCurves>& curves, const Catalog& items,
                          const UserProfile& profile, const CurvesArgs& args, std::uint64_t seed);
void printCurves(const std::vector<FaithfulnessCurves>& curves, const Catalog& items);

}  // namespace reclens::cli
