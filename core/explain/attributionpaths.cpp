#include "explain/attributionpaths.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "explain/attribution.h"

namespace reclens::detail {

namespace {

// As the trainer and the profiles read weights: NaN or infinite counts as 1.
double readWeight(float w) {
  return std::isfinite(w) ? static_cast<double>(w) : 1.0;
}

}  // namespace

Result<AttributionPaths> AttributionPaths::compute(const ModelFile& model, const Dataset& dataset,
                                                   std::int32_t user, const UserProfile& profile,
                                                   std::int32_t target, int neighbours,
                                                   const TaskControl& control) {
  AttributionOptions options;  // Integrated Gradients, the defaults of explainItems
  auto explained = explainItems(model, profile, {target}, options, &dataset.items, control);
  if (!explained) return explained.error();
  const auto& item = explained.value().items.front();
  AttributionPaths p;
  p.m_user = user;
  p.m_target = target;
  p.m_score = item.output;
  for (const auto& f : item.fields) {
    if (f.kind != FieldKind::History) continue;
    p.m_history.push_back(f.item);
    p.m_weight.push_back(readWeight(profile.weights[static_cast<std::size_t>(f.index)]));
    p.m_attribution.push_back(f.attribution);
    p.m_pathSum += f.attribution;
  }

  // r_vt for the other users of the target, then r_vh for those users and the history items.
  const auto& log = dataset.interactions;
  std::unordered_map<std::int32_t, double> withTarget;
  for (std::size_t r = 0; r < log.size(); ++r) {
    if (log.item[r] == target && log.user[r] != user) withTarget[log.user[r]] += readWeight(log.weight[r]);
  }
  std::unordered_map<std::int32_t, std::size_t> historyIndex;
  for (std::size_t l = 0; l < p.m_history.size(); ++l) {
    if (p.m_history[l] != target) historyIndex.emplace(p.m_history[l], l);
  }
  std::vector<std::map<std::int32_t, double>> together(p.m_history.size());
  for (std::size_t r = 0; r < log.size(); ++r) {
    const auto h = historyIndex.find(log.item[r]);
    if (h == historyIndex.end() || !withTarget.count(log.user[r])) continue;
    together[h->second][log.user[r]] += readWeight(log.weight[r]);
  }
  if (control.cancelled()) return makeError(ErrorCode::Cancelled, "the graph explanation was cancelled");

  p.m_coUsers.resize(p.m_history.size());
  const EgoKey root{EgoNodeKind::User, user};
  const EgoKey targetKey{EgoNodeKind::Item, target};
  for (std::size_t l = 0; l < p.m_history.size(); ++l) {
    double total = 0.0;
    for (const auto& [v, rvh] : together[l]) total += rvh * withTarget[v];
    const EgoKey history{EgoNodeKind::Item, p.m_history[l]};
    auto& co = p.m_coUsers[l];
    if (total > 0.0) {
      for (const auto& [v, rvh] : together[l]) {
        const double share = rvh * withTarget[v] / total;
        co.push_back({v, share, rvh});
        auto& u = p.m_users[v];
        u.first = withTarget[v];
        u.second += p.m_attribution[l] * share;
      }
    }
    if (co.empty()) {
      p.m_totalPaths += 1;
      p.m_candidates.push_back({history == targetKey ? std::vector<EgoKey>{root, targetKey}
                                                     : std::vector<EgoKey>{root, history, targetKey},
                                p.m_attribution[l]});
      continue;
    }
    p.m_totalPaths += co.size();
    auto shown = co;
    std::stable_sort(shown.begin(), shown.end(),
                     [](const CoUser& a, const CoUser& b) { return a.share > b.share; });
    shown.resize(std::min(shown.size(), static_cast<std::size_t>(std::max(0, neighbours))));
    for (const auto& c : shown) {
      p.m_candidates.push_back(
          {{root, history, {EgoNodeKind::User, c.user}, targetKey}, p.m_attribution[l] * c.share});
    }
  }
  std::stable_sort(p.m_candidates.begin(), p.m_candidates.end(),
                   [](const EgoCandidate& a, const EgoCandidate& b) {
                     return std::abs(a.contribution) > std::abs(b.contribution);
                   });
  return p;
}

double AttributionPaths::historyValue(std::int32_t item, const std::vector<double>& perHistory) const {
  double sum = 0.0;
  for (std::size_t l = 0; l < m_history.size(); ++l) {
    if (m_history[l] == item) sum += perHistory[l];
  }
  return sum;
}

double AttributionPaths::nodeContribution(const EgoKey& node) const {
  if ((node.kind == EgoNodeKind::User && node.row == m_user) ||
      (node.kind == EgoNodeKind::Item && node.row == m_target))
    return m_pathSum;
  if (node.kind == EgoNodeKind::Item) return historyValue(node.row, m_attribution);
  const auto it = m_users.find(node.row);
  return it == m_users.end() ? 0.0 : it->second.second;
}

EgoEdgeValue AttributionPaths::edge(const EgoKey& from, const EgoKey& to) const {
  EgoEdgeValue e;
  if (from.kind == EgoNodeKind::User && from.row == m_user) {  // u → h
    e.weight = historyValue(to.row, m_weight);
    e.contribution = historyValue(to.row, m_attribution);
  } else if (from.kind == EgoNodeKind::User) {  // v → t
    const auto it = m_users.find(from.row);
    if (it != m_users.end()) {
      e.weight = it->second.first;
      e.contribution = it->second.second;
    }
  } else if (to.kind == EgoNodeKind::User) {  // h → v
    for (std::size_t l = 0; l < m_history.size(); ++l) {
      if (m_history[l] != from.row) continue;
      for (const auto& c : m_coUsers[l]) {
        if (c.user != to.row) continue;
        e.weight += c.weightWithHistory;
        e.contribution += m_attribution[l] * c.share;
      }
    }
  } else {  // h ⇢ t: no other user shares h with the target
    e.kind = EgoEdgeKind::Embedding;
    e.contribution = historyValue(from.row, m_attribution);
  }
  return e;
}

}  // namespace reclens::detail
