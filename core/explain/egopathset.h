#pragma once
// Internal to explain/: what explainByGraph's two methods hand to the common assembly step.
#include <compare>
#include <cstdint>
#include <vector>

#include "data/dataset.h"
#include "explain/egograph.h"

namespace reclens::detail {

// A node of the interaction graph: a dataset user row or a catalog row.
struct EgoKey {
  EgoNodeKind kind = EgoNodeKind::Item;
  std::int32_t row = -1;
  auto operator<=>(const EgoKey&) const = default;
};

// A path proposed for display: its nodes, the explained user first and the target last.
struct EgoCandidate {
  std::vector<EgoKey> nodes;
  double contribution = 0.0;
};

struct EgoEdgeValue {
  EgoEdgeKind kind = EgoEdgeKind::Interaction;
  double weight = 0.0;
  double contribution = 0.0;  // summed over every path of the set that uses the edge
};

// The complete set of paths of one explanation. It answers for whole sums (over every path, not
// only the ones displayed), so that truncating the display never changes a node's or edge's number.
class EgoPathSet {
 public:
  virtual ~EgoPathSet() = default;
  // Σ of the contributions of the paths through `node` (each path counted once).
  virtual double nodeContribution(const EgoKey& node) const = 0;
  // The edge from → to as used by the paths; its contribution is summed over every path using it.
  virtual EgoEdgeValue edge(const EgoKey& from, const EgoKey& to) const = 0;
};

// Fills graph.nodes, edges and paths from `candidates`, taken in the given order (the method's
// priority): at most options.maxPaths of them, skipping a path whose new nodes would exceed
// options.maxNodes; the paths end up ordered by |contribution|, the explained user is nodes[0].
// Labels come from `dataset`; numbers from `set`.
void assembleEgoGraph(std::vector<EgoCandidate> candidates, const EgoPathSet& set, const Dataset& dataset,
                      const EgoGraphOptions& options, EgoGraph& graph);

}  // namespace reclens::detail
