#include "explaingraph.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "clisupport.h"
#include "data/textcheck.h"

namespace reclens::cli {

namespace {

const char* methodName(EgoGraphMethod method) {
  return method == EgoGraphMethod::LightGcnPaths ? "lightgcn_paths" : "attribution_weighted";
}

nlohmann::json toJson(const EgoGraph& g, double milliseconds) {
  nlohmann::json out = {{"method", methodName(g.method)}, {"score", g.score},
                        {"path_sum", g.pathSum},          {"residual", g.residual},
                        {"total_paths", g.totalPaths},    {"milliseconds", milliseconds}};
  if (g.method == EgoGraphMethod::AttributionWeighted) {
    const auto& r = g.residualParts;
    out["residual_parts"] = {{"baseline", r.baseline},
                             {"user_fields", r.userFields},
                             {"item_parts", r.itemParts},
                             {"quadrature", r.quadrature}};
  }
  if (std::isfinite(g.graphGap)) out["graph_gap"] = g.graphGap;
  if (!g.note.empty()) out["note"] = g.note;
  out["nodes"] = nlohmann::json::array();
  for (const auto& n : g.nodes) {
    out["nodes"].push_back({{"kind", n.kind == EgoNodeKind::User ? "user" : "item"},
                            {"id", n.id},
                            {"label", n.label},
                            {"hop", n.hop},
                            {"contribution", n.contribution},
                            {"root", n.isRoot},
                            {"target", n.isTarget}});
  }
  out["edges"] = nlohmann::json::array();
  for (const auto& e : g.edges) {
    out["edges"].push_back({{"from", e.from},
                            {"to", e.to},
                            {"kind", e.kind == EgoEdgeKind::Interaction ? "interaction" : "embedding"},
                            {"weight", e.weight},
                            {"contribution", e.contribution}});
  }
  out["paths"] = nlohmann::json::array();
  for (const auto& p : g.paths)
    out["paths"].push_back({{"nodes", p.nodes}, {"contribution", p.contribution}});
  return out;
}

// At most `bytes` bytes of `text`, never cutting a UTF-8 sequence.
std::string clip(const std::string& text, std::size_t bytes) {
  if (text.size() <= bytes) return text;
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return text.substr(0, bytes) + "…";
}

// "user A → Green tea → user B ⇢ …": interaction steps as →, embedding links as ⇢.
std::string pathText(const EgoGraph& g, const EgoPath& p) {
  std::string text;
  for (std::size_t i = 0; i < p.nodes.size(); ++i) {
    const auto& n = g.nodes[static_cast<std::size_t>(p.nodes[i])];
    if (i > 0) {
      bool embedding = false;
      for (const auto& e : g.edges) {
        if (e.from == p.nodes[i - 1] && e.to == p.nodes[i]) embedding = e.kind == EgoEdgeKind::Embedding;
      }
      text += embedding ? " ⇢ " : " → ";
    }
    text += n.kind == EgoNodeKind::User ? "user " + n.id : clip(n.label, 24);
  }
  return text;
}

void printTable(const EgoGraph& g, const Catalog& items) {
  const auto t = static_cast<std::size_t>(g.target);
  std::printf("\nItem %s  %s  (%s)\n", printableText(items.ids[t], std::string::npos).c_str(),
              t < items.titles.size() ? printableText(items.titles[t], std::string::npos).c_str() : "",
              methodName(g.method));
  std::printf("  score %.6f  path sum %.6f  residual %.3g  paths %zu (showing %zu)\n", g.score, g.pathSum,
              g.residual, g.totalPaths, g.paths.size());
  if (g.method == EgoGraphMethod::LightGcnPaths) {
    std::printf("  exact split, checked: path sum - score = %.3g\n", g.graphGap);
  } else {
    const auto& r = g.residualParts;
    std::printf("  residual = baseline f(x') %.6g + item parts %.6g + user fields %.6g + quadrature %.3g\n",
                r.baseline, r.itemParts, r.userFields, r.quadrature);
    std::printf(
        "  paths allocate each history item's attribution over co-interacting users by co-occurrence;\n"
        "  the score does not depend on those users\n");
  }
  if (!g.note.empty()) std::printf("  note: %s\n", g.note.c_str());
  std::printf("  %12s  %s\n", "contribution", "path");
  for (const auto& p : g.paths) std::printf("  %12.6f  %s\n", p.contribution, pathText(g, p).c_str());
  // What each shown history item and co-interacting user carries over all paths, not only the shown ones.
  for (const auto kind : {EgoNodeKind::Item, EgoNodeKind::User}) {
    std::vector<const EgoNode*> shown;
    for (const auto& n : g.nodes) {
      if (n.kind == kind && !n.isRoot && !n.isTarget && (kind == EgoNodeKind::User || n.hop == 1))
        shown.push_back(&n);
    }
    if (shown.empty()) continue;
    std::stable_sort(shown.begin(), shown.end(), [](const EgoNode* a, const EgoNode* b) {
      return std::abs(a->contribution) > std::abs(b->contribution);
    });
    std::printf("  %s, over all their paths:\n",
                kind == EgoNodeKind::Item ? "history items" : "co-interacting users");
    for (std::size_t i = 0; i < std::min<std::size_t>(shown.size(), 5); ++i) {
      std::printf("  %12.6f  %s\n", shown[i]->contribution,
                  (kind == EgoNodeKind::User ? "user " + shown[i]->id : clip(shown[i]->label, 60)).c_str());
    }
  }
}

}  // namespace

int printEgoGraphs(const ProjectWithModel& project, const std::string& userId, std::int32_t user,
                   const UserProfile& profile, const std::vector<std::int32_t>& items,
                   const EgoGraphOptions& options, bool json) {
  const auto control = terminalTaskControl("explain", json);
  std::vector<EgoGraph> graphs;
  std::vector<double> milliseconds;
  for (const auto item : items) {
    const auto started = std::chrono::steady_clock::now();
    auto graph = explainByGraph(*project.model, project.dataset, user, profile, item, options, control);
    if (!graph) return reportError(graph.error());
    milliseconds.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
    graphs.push_back(std::move(graph).value());
  }
  const auto& d = project.dataset;
  if (json) {
    nlohmann::json out;
    out["user"] = userId;
    out["model"] = {{"name", project.record.name},
                    {"path", project.record.path},
                    {"kind", project.model->metadata().kind}};
    out["items"] = nlohmann::json::array();
    for (std::size_t i = 0; i < graphs.size(); ++i) {
      auto g = toJson(graphs[i], milliseconds[i]);
      g["item"] = d.items.ids[static_cast<std::size_t>(graphs[i].target)];
      out["items"].push_back(std::move(g));
    }
    std::cout << out.dump(2) << std::endl;
    return kExitOk;
  }
  std::printf("Graph paths of %zu item(s) for user %s (model %s, %s)\n", items.size(), userId.c_str(),
              project.record.name.c_str(), project.model->metadata().kind.c_str());
  for (const auto& g : graphs) printTable(g, d.items);
  return kExitOk;
}

}  // namespace reclens::cli
