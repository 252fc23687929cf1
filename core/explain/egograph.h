#pragma once
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/dataset.h"
#include "engine/userprofile.h"
#include "model/modelfile.h"

namespace reclens {

// The neighbourhood of one (user, target item) score in the interaction graph, with what each part
// carried (docs/explanations.md, "Graph paths").
enum class EgoNodeKind : std::uint8_t { User, Item };

struct EgoNode {
  EgoNodeKind kind = EgoNodeKind::Item;
  std::int32_t row = -1;  // dataset user row or catalog row
  std::string id;         // external id
  std::string label;      // item title (or id); user id
  int hop = 0;            // distance from the explained user along the graph (user 0, history items 1, ...)
  double contribution = 0.0;  // sum of the contributions of the paths through this node
  bool isTarget = false;      // the recommended item being explained
  bool isRoot = false;        // the explained user
};

// Interaction: a user–item edge of the interaction graph. Embedding: two items that meet in the model's
// embedding space rather than along an interaction (docs/explanations.md, "Graph paths").
enum class EgoEdgeKind : std::uint8_t { Interaction, Embedding };

struct EgoEdge {
  int from = 0;  // index into EgoGraph::nodes
  int to = 0;
  EgoEdgeKind kind = EgoEdgeKind::Interaction;
  double contribution = 0.0;  // sum of the contributions of the paths that use this edge
  // The graph's own edge weight: LightGCN's normalised adjacency A[u, i]; for the other models the
  // user's summed interaction weight with the item; 0 for Embedding edges.
  double weight = 0.0;
};

// One path user → … → target and its share of the score.
struct EgoPath {
  std::vector<int> nodes;  // indices into EgoGraph::nodes, the explained user first, the target last
  double contribution = 0.0;
};

enum class EgoGraphMethod : std::uint8_t {
  // Exact split of a LightGCN score over graph paths up to the model's depth; used only when the
  // paths of the file's graph export were checked to add up to the file's own score.
  LightGcnPaths,
  // An allocation, not a decomposition: each history item carries its Integrated Gradients attribution,
  // divided among the co-interacting users by co-occurrence (the score itself does not depend on them).
  AttributionWeighted
};

// The part of an AttributionWeighted score that no path carries, by source (Integrated Gradients'
// completeness: f(x) = f(x′) + Σ attributions + quadrature):
//   score = pathSum + baseline + userFields + itemParts + quadrature.
// All zero for LightGcnPaths, whose paths carry the whole score.
struct EgoResidual {
  double baseline = 0.0;    // f(x′): the score with every input at the zero baseline
  double userFields = 0.0;  // Σ of the user fields' attributions
  double itemParts = 0.0;   // Σ of the target's item parts' attributions
  // f(x) − f(x′) − Σ attributions: the quadrature error of the 32-step integral (−completeness Δ)
  double quadrature = 0.0;
};

struct EgoGraph {
  EgoGraphMethod method = EgoGraphMethod::LightGcnPaths;
  std::int32_t user = -1;    // dataset user row
  std::int32_t target = -1;  // catalog row
  double score = 0.0;        // the model's score of the target for the user
  // LightGcnPaths: Σ over all paths (before truncation) of their contributions; equals `score` up to
  // float rounding. AttributionWeighted: Σ of the history-item attributions.
  double pathSum = 0.0;
  // score − pathSum: float rounding for LightGcnPaths; for AttributionWeighted the sum of residualParts.
  double residual = 0.0;
  EgoResidual residualParts;
  // Files that say they are LightGCN and carry a graph export: Σ over the export's paths minus the
  // file's own score, measured before the split is called exact (|gap| within kLightGcnPathTolerance of
  // the score's scale). A larger gap makes the graph AttributionWeighted, and `note` says so. NaN when
  // not measured (other kinds, files without the export).
  double graphGap = std::numeric_limits<double>::quiet_NaN();
  std::vector<EgoNode> nodes;  // nodes[0] is the explained user
  std::vector<EgoEdge> edges;
  // At most EgoGraphOptions::maxPaths, ordered by |contribution|: the strongest paths, and for
  // LightGcnPaths the strongest path through each of the leading co-interacting users (see neighbours).
  std::vector<EgoPath> paths;
  std::size_t totalPaths = 0;  // paths enumerated before truncation
  std::string note;            // why a LightGCN model fell back to AttributionWeighted; empty otherwise
};

// The largest |pathSum − score| of a LightGCN file's graph export, relative to
// max(|score|, Σ_h |Σ of the paths starting u → h|, 10⁻³), that still counts as float rounding.
inline constexpr double kLightGcnPathTolerance = 1e-4;

struct EgoGraphOptions {
  int maxPaths = 40;  // paths kept for display (the sums above always cover all of them)
  int maxNodes = 60;  // nodes kept for display, strongest first; the user and the target always stay
  // Co-interacting users: AttributionWeighted, shown per history item; LightGcnPaths, the users who
  // carry the most (by their paths' sum) each get their strongest path shown, within maxPaths / 2.
  int neighbours = 8;
};

// Explains `target`'s score for dataset user `user` (profile `profile` in the model's vocabulary) by
// paths through the interaction graph of `dataset`. For LightGCN files whose graph export reproduces
// the score the path contributions add up to it exactly (up to rounding); for the others the history
// items' attributions are allocated over co-occurrence paths and the rest of the score is named in
// residualParts. Never throws: invalid rows and torch failures come back as an Error;
// a cancelled `control` gives ErrorCode::Cancelled.
Result<EgoGraph> explainByGraph(const ModelFile& model, const Dataset& dataset, std::int32_t user,
                                const UserProfile& profile, std::int32_t target,
                                const EgoGraphOptions& options = {}, const TaskControl& control = {});

}  // namespace reclens
