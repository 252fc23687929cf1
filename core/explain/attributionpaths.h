#pragma once
// Internal to explain/: the graph explanation of models without an exact path split. Path
// u → h → v → t carries history item h's Integrated Gradients attribution a_h times v's share of
// the co-occurrence of h and t, r_vh·r_vt / Σ_v' r_v'h·r_v't (r = summed interaction weight in the
// project's log, v ≠ u); a history item no other user shares with t gives the path u → h → t.
#include <cstdint>
#include <map>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/dataset.h"
#include "engine/userprofile.h"
#include "explain/egopathset.h"
#include "model/modelfile.h"

namespace reclens::detail {

class AttributionPaths final : public EgoPathSet {
 public:
  // Attributes the score with Integrated Gradients (32 midpoint steps, zero baseline) and spreads each
  // history item's share over the users who have both it and the target; keeps up to `neighbours`
  // co-interacting users per history item as candidates. Never throws.
  static Result<AttributionPaths> compute(const ModelFile& model, const Dataset& dataset, std::int32_t user,
                                          const UserProfile& profile, std::int32_t target, int neighbours,
                                          const TaskControl& control);

  double score() const { return m_score; }
  double pathSum() const { return m_pathSum; }
  std::size_t totalPaths() const { return m_totalPaths; }
  const std::vector<EgoCandidate>& candidates() const { return m_candidates; }

  double nodeContribution(const EgoKey& node) const override;
  EgoEdgeValue edge(const EgoKey& from, const EgoKey& to) const override;

 private:
  struct CoUser {
    std::int32_t user = -1;
    double share = 0.0;              // of the history item's attribution
    double weightWithHistory = 0.0;  // r_vh
  };
  AttributionPaths() = default;
  double historyValue(std::int32_t item, const std::vector<double>& perHistory) const;

  std::int32_t m_user = -1;
  std::int32_t m_target = -1;
  double m_score = 0.0;
  double m_pathSum = 0.0;
  std::size_t m_totalPaths = 0;
  std::vector<std::int32_t> m_history;
  std::vector<double> m_weight;                               // the profile's weight of each history item
  std::vector<double> m_attribution;                          // a_h
  std::vector<std::vector<CoUser>> m_coUsers;                 // per history item, every co-interacting user
  std::map<std::int32_t, std::pair<double, double>> m_users;  // v → (r_vt, Σ of the paths via v)
  std::vector<EgoCandidate> m_candidates;
};

}  // namespace reclens::detail
