#include "auditoutput.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <unistd.h>

#include "audit/auditjson.h"
#include "audit/auditreport.h"
#include "clisupport.h"
#include "common/sha256.h"
#include "model/relevancesplit.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

namespace fs = std::filesystem;

std::string shortHash(const std::string& hex) {
  return hex.size() > 16 ? hex.substr(0, 16) + "…" : hex;
}

std::string clip(const std::string& s, std::size_t width) {
  return s.size() <= width ? s : s.substr(0, width - 1) + "~";
}

// A cell of a number that may be undefined (NaN prints as "-").
std::string value(double v, const char* format = "%.4f") {
  if (std::isnan(v)) return "-";
  char cell[32];
  std::snprintf(cell, sizeof cell, format, v);
  return cell;
}

std::string pText(double p) {
  return p < 0.001 ? "<0.001" : value(p, "%.3f");
}

void printFairness(const AuditResult& r) {
  const int k = r.partial.config.k;
  for (const auto& a : r.fairness) {
    if (a.metrics.empty()) continue;
    // Group means: one row per group, one column per metric, then the group's item coverage.
    std::printf("\nFairness by %s (%s)\n  %-28s %7s", a.attribute.c_str(), a.kind.c_str(), "group", "users");
    for (const auto& m : a.metrics) std::printf(" %10s", clip(auditMetricLabel(m.metric, k), 10).c_str());
    std::printf(" %10s\n", "coverage");
    const auto& first = a.metrics.front();
    for (std::size_t g = 0; g < first.groups.size(); ++g) {
      std::printf("  %-28s %7zu", clip(first.groups[g].group, 28).c_str(), first.groups[g].users);
      for (const auto& m : a.metrics) {
        std::printf(" %10s", g < m.groups.size() ? value(m.groups[g].mean).c_str() : "-");
      }
      const auto c = std::find_if(a.coverage.begin(), a.coverage.end(),
                                  [&](const GroupCoverage& x) { return x.group == first.groups[g].group; });
      std::printf(" %10s\n", c != a.coverage.end() ? value(c->coverage).c_str() : "-");
    }
    // Gaps: max − min with the bootstrap interval of the difference, UserMAD, effect size, p-values.
    std::printf("  %-22s %10s %-23s %8s %7s %8s %8s  %s\n", "gap max-min", "", "[95% CI of difference]",
                "UserMAD", "d", "p", "p (BH)", "highest > lowest");
    for (const auto& m : a.metrics) {
      const auto ci = "[" + value(m.gapCiLow) + ", " + value(m.gapCiHigh) + "]";
      std::printf("  %-22s %10s %-23s %8s %7s %8s %8s  %s > %s\n",
                  clip(auditMetricLabel(m.metric, k), 22).c_str(), value(m.maxMinGap).c_str(), ci.c_str(),
                  value(m.meanAbsPairwiseGap).c_str(), value(m.effectSize, "%.2f").c_str(),
                  pText(m.pValue).c_str(), pText(m.pAdjusted).c_str(), m.highGroup.c_str(),
                  m.lowGroup.c_str());
    }
  }
}

void printPopularityLift(const AuditResult& r) {
  if (r.popularityLift.empty()) return;
  std::printf("\nPopularity lift by user profile %7s %17s %10s %10s %9s\n", "users", "popular share", "GAP_p",
              "GAP_r", "dGAP");
  for (const auto& g : r.popularityLift) {
    const auto range = value(g.minShare, "%.3f") + "-" + value(g.maxShare, "%.3f");
    std::printf("  %-29s %7zu %17s %10s %10s %9s\n", g.group.c_str(), g.users, range.c_str(),
                value(g.profilePopularity, "%.2f").c_str(), value(g.listPopularity, "%.2f").c_str(),
                value(g.deltaGap, "%.3f").c_str());
  }
}

void printTable(const AuditRun& run) {
  const auto& r = run.result;
  const auto& p = run.provenance;
  const auto& part = r.partial;
  const int k = part.config.k;
  const std::string subject =
      part.source == "log" ? "recommendation log " + p.logPath
                           : "model " + p.modelName + (p.modelKind.empty() ? "" : " (" + p.modelKind + ")");
  std::printf("Audit of %s on \"%s\": %zu users audited, %zu with a test item, top-%d, %s\n", subject.c_str(),
              p.datasetName.c_str(), auditedUserCount(run), r.evaluatedUsers, k, p.device.c_str());
  std::printf("%s sha256 %s, data %s, seed %llu\n", part.source == "log" ? "log" : "model",
              shortHash(part.source == "log" ? p.logSha256 : part.modelSha256).c_str(),
              shortHash(part.dataFingerprint).c_str(), static_cast<unsigned long long>(part.config.seed));
  if (part.config.rerank.active())
    std::printf("Re-ranked lists: %s\n", describeReRank(part.config.rerank).c_str());
  const auto& a = r.accuracy;
  std::printf("\nAccuracy@%-3d  HR %.4f  Precision %.4f  Recall %.4f  MRR %.4f  MAP %.4f  NDCG %.4f\n", k,
              a.hit, a.precision, a.recall, a.mrr, a.map, a.ndcg);
  std::printf("Long tail@%-2d  coverage %.4f  Gini %.4f  ARP %.2f  APLT %.4f  tail%% %.4f\n", k,
              r.itemCoverage, r.gini, r.averagePopularity, r.aplt, r.tailPercentage);
  std::printf("              novelty %.3f  diversity %.4f  exposure entropy %.3f bits\n", r.novelty,
              r.intraListDiversity, r.exposureEntropyBits);
  std::printf("              miscalibration (KL) %s  PRU %s\n", value(r.miscalibration).c_str(),
              value(r.popularityRankCorrelation).c_str());
  printFairness(r);
  printPopularityLift(r);
  for (const auto& grouping : r.itemGroups) {
    std::printf("\nExposure by %-19s %7s %9s %9s %13s %9s %10s %10s %9s\n", clip(grouping.name, 19).c_str(),
                "items", "exposure", "catalog", "interactions", "merit", "exp/merit", "P(R@k)", "P(R@k|y)");
    for (const auto& g : grouping.groups) {
      std::printf("  %-28s %7zu %9.4f %9.4f %13.4f %9.4f %10s %10s %9s\n", clip(g.group, 28).c_str(), g.items,
                  g.exposureShare, g.catalogShare, g.interactionShare, g.meritShare,
                  value(g.exposurePerMerit, "%.3f").c_str(), value(g.recommendationRate, "%.2e").c_str(),
                  value(g.hitRate).c_str());
    }
    std::printf("  RSP@%d %s  REO@%d %s\n", k, value(grouping.rsp).c_str(), k, value(grouping.reo).c_str());
  }
  if (!r.flips.empty()) {
    std::printf("\nCounterfactual flips           %7s %9s %13s\n", "users", "rate", "mean Jaccard");
    for (const auto& f : r.flips) {
      std::printf("  %-28s %7zu %9.4f %13.4f\n", clip(f.attribute, 28).c_str(), f.users, f.rate,
                  f.meanJaccard);
    }
  }
}

}  // namespace

Result<TrainTestSplit> readRelevanceSplit(const std::string& path, const Dataset& dataset, bool skipUnknown,
                                          bool quiet, AuditProvenance& provenance,
                                          const std::string& expectedSha256) {
  auto sha = sha256File(path);
  if (!sha) return sha.error();
  if (!expectedSha256.empty() && sha.value() != expectedSha256) {
    return makeError(ErrorCode::InvalidArgument,
                     "the relevance file changed since the shards were audited (its SHA-256 differs from the "
                     "one the shards recorded)",
                     path);
  }
  RelevanceOptions options;
  options.skipUnknown = skipUnknown;
  RelevanceReport report;
  auto split = splitFromRelevance(path, dataset, options, &report);
  if (!split) return split.error();
  // A merge re-reads the file the shards accepted and skips the same rows again without a word.
  if (report.skippedUnknownUser + report.skippedUnknownItem > 0 && expectedSha256.empty()) {
    std::string examples;
    for (const auto& id : report.unknownUsers) examples += (examples.empty() ? "users " : ", ") + id;
    for (const auto& id : report.unknownItems) examples += (examples.empty() ? "items " : ", item ") + id;
    std::cerr << "reclens-cli: warning: " << path << ": skipped " << report.skippedUnknownUser
              << " row(s) of unknown users and " << report.skippedUnknownItem << " row(s) of unknown items ("
              << examples << ")" << std::endl;
  }
  if (!quiet) {
    std::fprintf(stderr,
                 "audit: relevance: %zu pair(s) of %zu user(s), %zu of them in the interaction log "
                 "(their rows left out of the history)%s\n",
                 report.pairs, report.users, report.pairsInLog,
                 report.duplicates > 0 ? ", repeated rows counted once" : "");
  }
  setRelevanceSplit(provenance, fs::absolute(path).lexically_normal().string(), sha.value(), report.users,
                    report.pairs);
  return split;
}

namespace {

std::string defaultRunName(const AuditRun& run) {
  const auto& p = run.provenance;
  const std::string subject =
      run.result.partial.source == "log" ? fs::path(p.logPath).stem().string() : p.modelName;
  const auto& rerank = run.result.partial.config.rerank;
  return subject + "@" + std::to_string(run.result.partial.config.k) +
         (rerank.active() ? " re-ranked (" + describeReRank(rerank) + ")" : std::string()) + " " +
         p.createdUtc;
}

}  // namespace

void addAuditOutputOptions(CLI::App& sub, AuditOutputOptions& o) {
  sub.add_option("--json", o.json, "Write the result as JSON to FILE, or to stdout with '-'");
  sub.add_flag("--json-records", o.jsonRecords, "Include per-item exposure and per-user records in the JSON");
  sub.add_option("--html", o.html, "Write a self-contained HTML report to FILE");
  auto* save = sub.add_flag("--save", o.save, "Save the run in the project (see 'audit list')");
  sub.add_option("--name", o.name, "Name of the saved run (default: model or log, k and time)")->needs(save);
  sub.add_flag("--quiet", o.quiet, "No progress lines on stderr");
}

int emitAuditRun(AuditRun& run, const std::string& project, const AuditOutputOptions& o) {
  if (o.save) {
    run.name = o.name.empty() ? defaultRunName(run) : o.name;
    auto store = ProjectStore::open(project, ProjectStore::Mode::ReadWrite);
    if (!store) return reportError(store.error());
    auto id = saveAuditRun(*store.value(), run);
    if (!id) return reportError(id.error());
    run.id = id.value();
  }
  if (!o.json.empty()) {
    const auto text =
        auditRunToJson(run, o.jsonRecords ? AuditJsonDetail::Full : AuditJsonDetail::Statistics) + "\n";
    if (o.printsJson()) {
      std::cout << text << std::flush;
    } else if (auto s = writeTextFile(o.json, text); !s) {
      return reportError(s.error());
    }
  }
  if (!o.html.empty()) {
    if (auto s = writeTextFile(o.html, auditReportHtml(run)); !s) return reportError(s.error());
  }
  if (!o.printsJson()) {
    printTable(run);
    if (run.id > 0)
      std::printf("\nSaved as audit run %lld \"%s\"\n", static_cast<long long>(run.id), run.name.c_str());
    if (!o.json.empty()) std::printf("JSON written to %s\n", o.json.c_str());
    if (!o.html.empty()) std::printf("HTML report written to %s\n", o.html.c_str());
  }
  return kExitOk;
}

Result<std::string> readTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return makeError(ErrorCode::Io, "cannot open the file for reading", path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return makeError(ErrorCode::Io, "cannot read the file", path);
  return text.str();
}

Status writeTextFile(const std::string& path, const std::string& text) {
  const std::string part = path + ".part" + std::to_string(::getpid());
  {
    std::ofstream out(part, std::ios::binary | std::ios::trunc);
    if (!out) return makeError(ErrorCode::Io, "cannot open the file for writing", path);
    out << text;
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(part, ec);
      return makeError(ErrorCode::Io, "cannot write the file (disk full?)", path);
    }
  }
  std::error_code ec;
  fs::rename(part, path, ec);
  if (ec) {
    fs::remove(part, ec);
    return makeError(ErrorCode::Io, "cannot replace the file: " + ec.message(), path);
  }
  return Status::success();
}

}  // namespace reclens::cli
