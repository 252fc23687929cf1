#include "explain/lightgcnpaths.h"

#include <algorithm>
#include <cmath>
#include <queue>

namespace reclens::detail {

double LightGcnPaths::dot(std::size_t h, std::size_t r) const {
  const double* c = m_parts.data() + h * m_dim;
  const double* w = m_reachVectors.data() + r * m_dim;
  double sum = 0.0;
  for (std::size_t k = 0; k < m_dim; ++k) sum += c[k] * w[k];
  return sum;
}

void LightGcnPaths::finish() {
  const auto L = m_history.size();
  const auto R = m_reach.size();
  m_reachCoefficient.assign(R, 0.0);
  for (const auto& s : m_steps) m_reachCoefficient[static_cast<std::size_t>(s.reach)] += s.coefficient;
  // Σ_h c_h·W[j] = (Σ_h c_h)·W[j] and Σ_j C_j c_h·W[j] = c_h·(Σ_j C_j W[j]): no history × reach table.
  std::vector<double> partSum(m_dim, 0.0), reachSum(m_dim, 0.0);
  for (std::size_t l = 0; l < L; ++l) {
    for (std::size_t k = 0; k < m_dim; ++k) partSum[k] += m_parts[l * m_dim + k];
  }
  m_reachDot.assign(R, 0.0);
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t k = 0; k < m_dim; ++k) {
      m_reachDot[r] += partSum[k] * m_reachVectors[r * m_dim + k];
      reachSum[k] += m_reachCoefficient[r] * m_reachVectors[r * m_dim + k];
    }
  }
  m_historySum = m_direct;
  for (std::size_t l = 0; l < L; ++l) {
    for (std::size_t k = 0; k < m_dim; ++k) m_historySum[l] += m_parts[l * m_dim + k] * reachSum[k];
  }
  for (const auto& s : m_steps) {
    m_neighbours[s.user].second += s.coefficient * m_reachDot[static_cast<std::size_t>(s.reach)];
  }
  m_pathSum = 0.0;
  m_magnitude = 0.0;
  for (const auto v : m_historySum) {
    m_pathSum += v;
    m_magnitude += std::abs(v);
  }
  m_largestPart = 0.0;
  for (std::size_t l = 0; l < L; ++l) {
    double n = 0.0;
    for (std::size_t k = 0; k < m_dim; ++k) n += m_parts[l * m_dim + k] * m_parts[l * m_dim + k];
    m_largestPart = std::max(m_largestPart, std::sqrt(n));
  }
  m_reachNorm.assign(R, 0.0);
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t k = 0; k < m_dim; ++k)
      m_reachNorm[r] += m_reachVectors[r * m_dim + k] * m_reachVectors[r * m_dim + k];
    m_reachNorm[r] = std::sqrt(m_reachNorm[r]);
  }
  m_totalPaths = L * (1 + m_steps.size());
}

void LightGcnPaths::keepStrongest(int keep) {
  const auto L = m_history.size();
  const auto R = m_reach.size();
  using Entry = std::pair<double, std::pair<std::size_t, std::ptrdiff_t>>;  // |c|, (h, step or -1)
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;      // the weakest on top
  const auto limit = static_cast<std::size_t>(std::max(0, keep));
  const auto full = [&] { return heap.size() >= limit; };
  const auto offer = [&](double strength, std::size_t h, std::ptrdiff_t step) {
    if (!full()) {
      heap.push({strength, {h, step}});
    } else if (strength > heap.top().first) {
      heap.pop();
      heap.push({strength, {h, step}});
    }
  };
  m_candidates.clear();
  if (limit == 0) return;
  for (std::size_t l = 0; l < L; ++l) offer(std::abs(m_direct[l]), l, -1);
  // Cauchy–Schwarz bounds every path through j by max|coefficient|·max‖c_h‖·‖W[j]‖, so the reached
  // items are visited by that bound, strongest first, and the scan stops once none can beat the
  // weakest kept path; only visited items get their c_h·W[j] computed.
  std::vector<std::vector<std::size_t>> stepsOf(R);
  std::vector<double> largestCoefficient(R, 0.0);
  for (std::size_t s = 0; s < m_steps.size(); ++s) {
    const auto r = static_cast<std::size_t>(m_steps[s].reach);
    stepsOf[r].push_back(s);
    largestCoefficient[r] = std::max(largestCoefficient[r], std::abs(m_steps[s].coefficient));
  }
  std::vector<std::pair<double, std::size_t>> order(R);
  for (std::size_t r = 0; r < R; ++r) order[r] = {largestCoefficient[r] * m_largestPart * m_reachNorm[r], r};
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  });
  std::vector<double> column(L);
  for (const auto& [bound, r] : order) {
    if (full() && bound <= heap.top().first) break;
    double largest = 0.0;
    for (std::size_t l = 0; l < L; ++l) {
      column[l] = std::abs(dot(l, r));
      largest = std::max(largest, column[l]);
    }
    for (const auto s : stepsOf[r]) {
      const double scale = std::abs(m_steps[s].coefficient);
      if (full() && scale * largest <= heap.top().first) continue;
      for (std::size_t l = 0; l < L; ++l) offer(scale * column[l], l, static_cast<std::ptrdiff_t>(s));
    }
  }
  while (!heap.empty()) {
    m_candidates.push_back(candidate(heap.top().second.first, heap.top().second.second));
    heap.pop();
  }
  std::reverse(m_candidates.begin(), m_candidates.end());
}

void LightGcnPaths::anchorNeighbours(int anchors) {
  std::vector<std::pair<double, std::int32_t>> users;
  for (const auto& [v, value] : m_neighbours) {
    if (v != m_user) users.push_back({std::abs(value.second), v});
  }
  const auto n = std::min(users.size(), static_cast<std::size_t>(std::max(0, anchors)));
  std::partial_sort(users.begin(), users.begin() + static_cast<std::ptrdiff_t>(n), users.end(),
                    [](const auto& a, const auto& b) {
                      return a.first > b.first || (a.first == b.first && a.second < b.second);
                    });
  std::vector<EgoCandidate> anchored;
  for (std::size_t i = 0; i < n; ++i) {
    const auto v = users[i].second;
    // The steps of v are contiguous: m_steps is sorted by user.
    const auto first = std::lower_bound(m_steps.begin(), m_steps.end(), v,
                                        [](const Step& s, std::int32_t user) { return s.user < user; });
    // v's steps by their Cauchy–Schwarz bound, until no remaining one can beat the best so far.
    std::vector<std::pair<double, std::ptrdiff_t>> order;
    for (auto s = first; s != m_steps.end() && s->user == v; ++s) {
      order.push_back(
          {std::abs(s->coefficient) * m_largestPart * m_reachNorm[static_cast<std::size_t>(s->reach)],
           s - m_steps.begin()});
    }
    std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
      return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    double best = -1.0;
    std::pair<std::size_t, std::ptrdiff_t> choice{0, -1};
    for (const auto& [bound, s] : order) {
      if (bound <= best) break;
      const auto& step = m_steps[static_cast<std::size_t>(s)];
      for (std::size_t l = 0; l < m_history.size(); ++l) {
        const double strength = std::abs(step.coefficient * dot(l, static_cast<std::size_t>(step.reach)));
        if (strength > best) {
          best = strength;
          choice = {l, s};
        }
      }
    }
    if (choice.second >= 0) anchored.push_back(candidate(choice.first, choice.second));
  }
  std::erase_if(m_candidates, [&](const EgoCandidate& c) {
    return std::any_of(anchored.begin(), anchored.end(),
                       [&](const EgoCandidate& a) { return a.nodes == c.nodes; });
  });
  m_candidates.insert(m_candidates.begin(), anchored.begin(), anchored.end());
}

EgoCandidate LightGcnPaths::candidate(std::size_t h, std::ptrdiff_t step) const {
  const EgoKey root{EgoNodeKind::User, m_user};
  const EgoKey target{EgoNodeKind::Item, m_target};
  const EgoKey first{EgoNodeKind::Item, m_history[h]};
  EgoCandidate c;
  c.nodes.push_back(root);
  // A target in the history: its own path is u → t; its other paths leave t and come back.
  if (first != target || step >= 0) c.nodes.push_back(first);
  if (step < 0) {
    c.contribution = m_direct[h];
  } else {
    const auto& s = m_steps[static_cast<std::size_t>(step)];
    const auto r = static_cast<std::size_t>(s.reach);
    c.contribution = s.coefficient * dot(h, r);
    if (m_reach[r] != m_history[h]) c.nodes.push_back({EgoNodeKind::Item, m_reach[r]});
    c.nodes.push_back({EgoNodeKind::User, s.user});
  }
  c.nodes.push_back(target);
  return c;
}

int LightGcnPaths::reachOf(std::int32_t item) const {
  if (item < 0 || static_cast<std::size_t>(item) >= m_reachIndex.size()) return -1;
  return m_reachIndex[static_cast<std::size_t>(item)];
}

double LightGcnPaths::historyValue(std::int32_t item, const std::vector<double>& perHistory) const {
  double sum = 0.0;
  for (std::size_t l = 0; l < m_history.size(); ++l) {
    if (m_history[l] == item) sum += perHistory[l];
  }
  return sum;
}

double LightGcnPaths::nodeContribution(const EgoKey& node) const {
  if ((node.kind == EgoNodeKind::User && node.row == m_user) ||
      (node.kind == EgoNodeKind::Item && node.row == m_target))
    return m_pathSum;
  if (node.kind == EgoNodeKind::User) {
    const auto it = m_neighbours.find(node.row);
    return it == m_neighbours.end() ? 0.0 : it->second.second;
  }
  // Paths that start u → x, plus paths u → h ⇢ x → v → t with h ≠ x.
  double sum = historyValue(node.row, m_historySum);
  const int r = reachOf(node.row);
  if (r >= 0) {
    double fromOthers = m_reachDot[static_cast<std::size_t>(r)];
    for (std::size_t l = 0; l < m_history.size(); ++l) {
      if (m_history[l] == node.row) fromOthers -= dot(l, static_cast<std::size_t>(r));
    }
    sum += m_reachCoefficient[static_cast<std::size_t>(r)] * fromOthers;
  }
  return sum;
}

EgoEdgeValue LightGcnPaths::edge(const EgoKey& from, const EgoKey& to) const {
  EgoEdgeValue e;
  if (from.kind == EgoNodeKind::User) {
    // u → h, and v → t; both when the explained user also interacted with the target in training.
    const bool history =
        from.row == m_user && std::find(m_history.begin(), m_history.end(), to.row) != m_history.end();
    if (history) {
      e.weight = historyValue(to.row, m_alpha);
      e.contribution = historyValue(to.row, m_historySum);
    }
    const auto it = m_neighbours.find(from.row);
    if (to.row == m_target && it != m_neighbours.end()) {
      if (!history) e.weight = it->second.first;
      e.contribution += it->second.second;
    }
    return e;
  }
  if (to.kind == EgoNodeKind::User) {  // j → v: every path through the step (v, j)
    const int r = reachOf(from.row);
    const auto it =
        std::lower_bound(m_steps.begin(), m_steps.end(), std::pair{to.row, from.row},
                         [this](const Step& s, const std::pair<std::int32_t, std::int32_t>& key) {
                           return std::pair{s.user, m_reach[static_cast<std::size_t>(s.reach)]} < key;
                         });
    if (r >= 0 && it != m_steps.end() && it->user == to.row && it->reach == r) {
      e.weight = it->coefficient / m_neighbours.at(to.row).first;
      e.contribution = it->coefficient * m_reachDot[static_cast<std::size_t>(r)];
    }
    return e;
  }
  e.kind = EgoEdgeKind::Embedding;
  if (to.row == m_target) {  // h ⇢ t
    e.contribution = historyValue(from.row, m_direct);
    return e;
  }
  const int r = reachOf(to.row);  // h ⇢ j
  if (r >= 0) {
    std::vector<double> dots(m_history.size());
    for (std::size_t l = 0; l < m_history.size(); ++l) dots[l] = dot(l, static_cast<std::size_t>(r));
    e.contribution = historyValue(from.row, dots) * m_reachCoefficient[static_cast<std::size_t>(r)];
  }
  return e;
}

}  // namespace reclens::detail
