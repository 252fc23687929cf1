#pragma once
// Internal to explain/: the exact split of a LightGCN score over graph paths (docs/explanations.md,
// "Graph paths"). With c_h = A[u, h]·E[h] for each history item h of user u, the layer-0 table E(0),
// K layers and W = (E(0) + … + E(K−1)) / (K + 1),
//   score = Σ_h c_h·E(0)[t]/(K+1) + Σ_h Σ_v Σ_j A[v, t]·A[v, j]·c_h·W[j]   (v users of t, j items of v)
// Path u → h → t carries the first term plus the j = t terms (walks that come back to t); path
// u → h → v → t the term j = h (v interacted with h and t); path u → h ⇢ j → v → t the others.
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "engine/userprofile.h"
#include "explain/egopathset.h"
#include "model/modelfile.h"

namespace reclens::detail {

class LightGcnPaths final : public EgoPathSet {
 public:
  // One (user v, item j) step into the target's neighbourhood: v interacted with the target and j.
  struct Step {
    std::int32_t user = -1;
    std::int32_t reach = -1;   // index into m_reach
    double coefficient = 0.0;  // A[v, t]·A[v, j]
  };

  // Computes every path's contribution for `profile` (user row `user`) and `target` under a model
  // with a graph export. Candidates: first the strongest path through each of the `anchors` users v
  // with the largest |Σ of the paths via v|, then the `keep` strongest paths. Never throws.
  static Result<LightGcnPaths> compute(const ModelFile& model, std::int32_t user, const UserProfile& profile,
                                       std::int32_t target, int keep, int anchors,
                                       const TaskControl& control);

  double score() const { return m_score; }
  double pathSum() const { return m_pathSum; }
  // Σ_h |Σ of the paths starting u → h|: the scale of the sum's rounding error.
  double magnitude() const { return m_magnitude; }
  std::size_t totalPaths() const { return m_totalPaths; }
  int layers() const { return m_layers; }
  const std::vector<EgoCandidate>& candidates() const { return m_candidates; }

  double nodeContribution(const EgoKey& node) const override;
  EgoEdgeValue edge(const EgoKey& from, const EgoKey& to) const override;

 private:
  LightGcnPaths() = default;
  // The sums of the per-item tables once their entries are known (historySum, reachSum, ...).
  void finish();
  void keepStrongest(int keep);
  void anchorNeighbours(int anchors);
  EgoCandidate candidate(std::size_t h, std::ptrdiff_t step) const;
  int reachOf(std::int32_t item) const;
  // c_h·W[j] for history entry h and reached item r.
  double dot(std::size_t h, std::size_t r) const;
  double historyValue(std::int32_t item, const std::vector<double>& perHistory) const;

  std::int32_t m_user = -1;
  std::int32_t m_target = -1;
  int m_layers = 0;
  double m_score = 0.0;
  double m_pathSum = 0.0;
  double m_magnitude = 0.0;
  std::size_t m_totalPaths = 0;
  std::vector<std::int32_t> m_history;     // history item rows, profile order
  std::vector<double> m_alpha;             // A[u, h]
  std::vector<double> m_direct;            // path u → h → t
  std::vector<double> m_historySum;        // Σ of the paths starting u → h
  std::vector<std::int32_t> m_reach;       // the items j ≠ t of the target's users
  std::vector<double> m_reachCoefficient;  // Σ over the steps into j of their coefficients
  std::vector<double> m_reachDot;          // Σ_h c_h·W[j]
  std::size_t m_dim = 0;                   // D
  std::vector<double> m_parts;             // c_h, [history × D] row-major
  std::vector<double> m_reachVectors;      // W[j], [reach × D] row-major
  double m_largestPart = 0.0;              // max ‖c_h‖
  std::vector<double> m_reachNorm;         // ‖W[j]‖
  std::vector<Step> m_steps;               // sorted by (user, item)
  std::map<std::int32_t, std::pair<double, double>> m_neighbours;  // v → (A[v, t], Σ of paths via v)
  std::vector<std::int32_t> m_reachIndex;  // catalog row → index into m_reach, or -1
  std::vector<EgoCandidate> m_candidates;
};

}  // namespace reclens::detail
