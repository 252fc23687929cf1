#include "explain/egograph.h"

#include <algorithm>

#include "explain/attributionpaths.h"
#include "explain/lightgcngraph.h"
#include "explain/lightgcnpaths.h"

namespace reclens {

namespace {

Status checkArguments(const ModelFile& model, const Dataset& dataset, std::int32_t user,
                      const UserProfile& profile, std::int32_t target, const EgoGraphOptions& options) {
  if (user < 0 || static_cast<std::size_t>(user) >= dataset.users.size()) {
    return makeError(ErrorCode::InvalidArgument,
                     "user row " + std::to_string(user) + " is not in the dataset");
  }
  const auto items = std::min<std::int64_t>(model.metadata().numItems, dataset.items.size());
  if (target < 0 || target >= items) {
    return makeError(ErrorCode::InvalidArgument,
                     "item row " + std::to_string(target) + " is not in the catalog");
  }
  if (profile.items.size() != profile.weights.size()) {
    return makeError(ErrorCode::InvalidArgument, "the profile has a different number of items and weights");
  }
  for (const auto h : profile.items) {
    if (h < 0 || h >= items) {
      return makeError(ErrorCode::InvalidArgument,
                       "history item row " + std::to_string(h) + " is not in the catalog");
    }
  }
  if (profile.fieldCodes.size() != model.metadata().userFields.size()) {
    return makeError(ErrorCode::InvalidArgument, "the profile's user fields do not match the model's");
  }
  if (options.maxPaths < 0 || options.maxNodes < 2 || options.neighbours < 0) {
    return makeError(ErrorCode::InvalidArgument,
                     "graph limits out of range: paths and neighbours at least 0, nodes at least 2");
  }
  return Status::success();
}

}  // namespace

Result<EgoGraph> explainByGraph(const ModelFile& model, const Dataset& dataset, std::int32_t user,
                                const UserProfile& profile, std::int32_t target,
                                const EgoGraphOptions& options, const TaskControl& control) {
  if (auto s = checkArguments(model, dataset, user, profile, target, options); !s) return s.error();
  EgoGraph graph;
  graph.user = user;
  graph.target = target;
  if (model.metadata().kind == "lightgcn") {
    if (hasLightGcnGraph(model)) {
      // A larger pool than displayed, so that paths skipped for the node limit leave room for others;
      // up to half of the paths go to the co-interacting users who carry the most.
      auto paths =
          detail::LightGcnPaths::compute(model, user, profile, target, 2 * options.maxPaths,
                                         std::min(options.neighbours, options.maxPaths / 2), control);
      if (!paths) return paths.error();
      graph.method = EgoGraphMethod::LightGcnPaths;
      graph.score = paths->score();
      graph.pathSum = paths->pathSum();
      graph.residual = graph.score - graph.pathSum;
      graph.totalPaths = paths->totalPaths();
      detail::assembleEgoGraph(paths->candidates(), paths.value(), dataset, options, graph);
      return graph;
    }
    graph.note =
        "this LightGCN file was written before models carried their training graph, so its score cannot be "
        "split exactly over graph paths; the paths are weighted by attribution instead (retrain the model "
        "for exact paths)";
  }
  auto paths =
      detail::AttributionPaths::compute(model, dataset, user, profile, target, options.neighbours, control);
  if (!paths) return paths.error();
  graph.method = EgoGraphMethod::AttributionWeighted;
  graph.score = paths->score();
  graph.pathSum = paths->pathSum();
  graph.residual = graph.score - graph.pathSum;
  graph.totalPaths = paths->totalPaths();
  detail::assembleEgoGraph(paths->candidates(), paths.value(), dataset, options, graph);
  return graph;
}

}  // namespace reclens
