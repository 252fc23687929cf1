#include "explain/egograph.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "explain/attribution.h"
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

// The parts of the score besides the history's attributions, from the same Integrated Gradients run
// (explainItems' defaults) that AttributionPaths allocates over the graph.
Result<EgoResidual> residualParts(const ModelFile& model, const Dataset& dataset, const UserProfile& profile,
                                  std::int32_t target, double score, const TaskControl& control) {
  auto explained = explainItems(model, profile, {target}, AttributionOptions{}, &dataset.items, control);
  if (!explained) return explained.error();
  const auto& item = explained.value().items.front();
  // Integrated Gradients is deterministic: this is the run the paths were weighted by.
  if (std::abs(item.output - score) > 1e-9 * std::max(1.0, std::abs(score))) {
    return makeError(ErrorCode::Internal, "the graph explanation's two attribution runs disagree");
  }
  EgoResidual parts;
  parts.baseline = item.baselineOutput;
  double attributed = 0.0;
  for (const auto& f : item.fields) {
    attributed += f.attribution;
    if (f.kind == FieldKind::UserField) parts.userFields += f.attribution;
    if (f.kind == FieldKind::ItemPart) parts.itemParts += f.attribution;
  }
  parts.quadrature = item.output - item.baselineOutput - attributed;
  return parts;
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
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
      if (!paths && paths.error().code != ErrorCode::Schema) return paths.error();
      if (!paths) {
        graph.note = "this file says it is a LightGCN model, but its graph export is inconsistent (" +
                     paths.error().message +
                     "), so its score cannot be split over graph paths; the history is weighted by "
                     "attribution instead";
      } else {
        // The split is exact only if this file's graph reproduces this file's score: the kind in the
        // metadata is a claim, the sum is a check.
        graph.graphGap = paths->pathSum() - paths->score();
        const double scale = std::max({std::abs(paths->score()), paths->magnitude(), 1e-3});
        if (std::abs(graph.graphGap) <= kLightGcnPathTolerance * scale) {
          graph.method = EgoGraphMethod::LightGcnPaths;
          graph.score = paths->score();
          graph.pathSum = paths->pathSum();
          graph.residual = graph.score - graph.pathSum;
          graph.totalPaths = paths->totalPaths();
          detail::assembleEgoGraph(paths->candidates(), paths.value(), dataset, options, graph);
          return graph;
        }
        graph.note = "this file says it is a LightGCN model, but the paths of its graph export add up to " +
                     number(paths->pathSum()) + " while the model scores " + number(paths->score()) +
                     " (gap " + number(graph.graphGap) +
                     "), so the export does not describe this model; the history is weighted by attribution "
                     "instead";
      }
    } else {
      graph.note =
          "this LightGCN file was written before models carried their training graph, so its score cannot "
          "be split exactly over graph paths; the paths are weighted by attribution instead (retrain the "
          "model for exact paths)";
    }
  }
  auto paths =
      detail::AttributionPaths::compute(model, dataset, user, profile, target, options.neighbours, control);
  if (!paths) return paths.error();
  auto parts = residualParts(model, dataset, profile, target, paths->score(), control);
  if (!parts) return parts.error();
  graph.method = EgoGraphMethod::AttributionWeighted;
  graph.score = paths->score();
  graph.pathSum = paths->pathSum();
  graph.residual = graph.score - graph.pathSum;
  graph.residualParts = parts.value();
  graph.totalPaths = paths->totalPaths();
  detail::assembleEgoGraph(paths->candidates(), paths.value(), dataset, options, graph);
  return graph;
}

}  // namespace reclens
