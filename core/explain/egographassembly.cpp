#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "explain/egopathset.h"

namespace reclens::detail {

namespace {

EgoNode makeNode(const EgoKey& key, const Dataset& dataset) {
  EgoNode node;
  node.kind = key.kind;
  node.row = key.row;
  const auto r = static_cast<std::size_t>(key.row);
  if (key.kind == EgoNodeKind::User) {
    // Rows beyond the user table can only come from a model trained on a larger log.
    node.id = r < dataset.users.ids.size() ? dataset.users.ids[r] : "#" + std::to_string(key.row);
    node.label = node.id;
  } else {
    node.id = r < dataset.items.ids.size() ? dataset.items.ids[r] : "#" + std::to_string(key.row);
    node.label = r < dataset.items.titles.size() && !dataset.items.titles[r].empty() ? dataset.items.titles[r]
                                                                                     : node.id;
  }
  return node;
}

}  // namespace

void assembleEgoGraph(std::vector<EgoCandidate> candidates, const EgoPathSet& set, const Dataset& dataset,
                      const EgoGraphOptions& options, EgoGraph& graph) {
  const EgoKey root{EgoNodeKind::User, graph.user};
  const EgoKey target{EgoNodeKind::Item, graph.target};
  std::map<EgoKey, int> index;
  std::vector<int> hops;  // the smallest position of each node on a displayed path
  const auto nodeOf = [&](const EgoKey& key) {
    const auto [it, added] = index.emplace(key, static_cast<int>(graph.nodes.size()));
    if (added) {
      auto node = makeNode(key, dataset);
      node.isRoot = key == root;
      node.isTarget = key == target;
      node.contribution = set.nodeContribution(key);
      graph.nodes.push_back(std::move(node));
      hops.push_back(key == root ? 0 : std::numeric_limits<int>::max());
    }
    return it->second;
  };
  nodeOf(root);
  nodeOf(target);
  const auto maxNodes = static_cast<std::size_t>(std::max(2, options.maxNodes));
  std::map<std::pair<int, int>, int> edgeIndex;
  for (const auto& c : candidates) {
    if (graph.paths.size() >= static_cast<std::size_t>(std::max(0, options.maxPaths))) break;
    std::set<EgoKey> fresh;
    for (const auto& key : c.nodes) {
      if (!index.count(key)) fresh.insert(key);
    }
    if (index.size() + fresh.size() > maxNodes) continue;
    EgoPath path;
    path.contribution = c.contribution;
    for (std::size_t p = 0; p < c.nodes.size(); ++p) {
      const int n = nodeOf(c.nodes[p]);
      auto& hop = hops[static_cast<std::size_t>(n)];
      hop = std::min(hop, static_cast<int>(p));
      path.nodes.push_back(n);
      if (p == 0) continue;
      const std::pair<int, int> key{path.nodes[p - 1], n};
      if (edgeIndex.count(key)) continue;
      const auto value = set.edge(c.nodes[p - 1], c.nodes[p]);
      edgeIndex.emplace(key, static_cast<int>(graph.edges.size()));
      EgoEdge edge;
      edge.from = key.first;
      edge.to = key.second;
      edge.kind = value.kind;
      edge.weight = value.weight;
      edge.contribution = value.contribution;
      graph.edges.push_back(edge);
    }
    graph.paths.push_back(std::move(path));
  }
  std::stable_sort(graph.paths.begin(), graph.paths.end(), [](const EgoPath& a, const EgoPath& b) {
    return std::abs(a.contribution) > std::abs(b.contribution);
  });
  // Only the target can be on no displayed path (when none is displayed): one step from the user.
  for (std::size_t n = 0; n < graph.nodes.size(); ++n) {
    graph.nodes[n].hop = hops[n] == std::numeric_limits<int>::max() ? 1 : hops[n];
  }
}

}  // namespace reclens::detail
