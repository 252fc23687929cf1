#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/userprofile.h"
#include "explain/egograph.h"
#include "projectmodel.h"

namespace reclens::cli {

// reclens-cli explain --graph: the ego graph of each of `items` for one user, printed as a table of
// the strongest paths with the sums, or as JSON (nodes, edges, paths, score, path_sum, residual).
// Returns the process exit code.
int printEgoGraphs(const ProjectWithModel& project, const std::string& userId, std::int32_t user,
                   const UserProfile& profile, const std::vector<std::int32_t>& items,
                   const EgoGraphOptions& options, bool json);

}  // namespace reclens::cli
