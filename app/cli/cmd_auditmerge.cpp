// reclens-cli audit merge: the partial results of sharded audit runs merged and finished exactly as the
// unsharded run would have been.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

#include "audit/auditjson.h"
#include "auditoutput.h"
#include "clisupport.h"
#include "model/datasplit.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

namespace fs = std::filesystem;

struct MergeArgs {
  std::string project;
  std::vector<std::string> files;
  AuditOutputOptions output;
};

// `values` without repeats, joined by "; ".
std::string distinctJoined(const std::vector<std::string>& values) {
  std::vector<std::string> seen;
  std::string out;
  for (const auto& v : values) {
    if (std::find(seen.begin(), seen.end(), v) != seen.end()) continue;
    seen.push_back(v);
    out += (out.empty() ? "" : "; ") + v;
  }
  return out;
}

// The provenance of a merged run: the shards' (which agree on model, data and split), stamped now, with
// every device and library version the shards ran on.
AuditProvenance mergedProvenance(const std::vector<AuditProvenance>& shards, const std::string& project) {
  auto p = shards.front();
  const auto now = currentAuditProvenance();
  p.project = fs::absolute(project).lexically_normal().string();
  p.created = now.created;
  p.createdUtc = now.createdUtc;
  std::vector<std::string> devices, versions, libraries;
  for (const auto& s : shards) {
    devices.push_back(s.device);
    versions.push_back(s.recLensVersion);
    libraries.push_back(s.libraryVersions);
  }
  p.device = distinctJoined(devices);
  p.recLensVersion = distinctJoined(versions);
  p.libraryVersions = distinctJoined(libraries);
  return p;
}

int runMerge(const MergeArgs& a) {
  const auto control = terminalTaskControl("audit merge", a.output.quiet || a.output.printsJson());
  std::vector<AuditPartial> partials;
  std::vector<AuditProvenance> provenances;
  for (const auto& file : a.files) {
    auto text = readTextFile(file);
    if (!text) return reportError(text.error());
    AuditProvenance provenance;
    auto partial = auditPartialFromJson(text.value(), file, &provenance);
    if (!partial) return reportError(partial.error());
    if (!provenances.empty() && (provenance.splitSpec != provenances.front().splitSpec ||
                                 provenance.holdoutPerUser != provenances.front().holdoutPerUser ||
                                 provenance.validationPerUser != provenances.front().validationPerUser ||
                                 provenance.relevanceSha256 != provenances.front().relevanceSha256)) {
      return reportError(
          makeError(ErrorCode::InvalidArgument,
                    "the shards were audited on different splits (" + a.files.front() + " and " + file +
                        "): use the same model, --holdout or --relevance file for every shard"));
    }
    partials.push_back(std::move(partial).value());
    provenances.push_back(std::move(provenance));
  }
  auto merged = mergePartials(partials);
  if (!merged) return reportError(merged.error());
  partials.clear();
  const auto& config = merged.value().config;
  if (config.shardCount > 1) {
    std::cerr << "reclens-cli: warning: the partials cover " << merged.value().shards.size() << " of "
              << config.shardCount << " shards; the result covers only their users" << std::endl;
  }

  auto store = ProjectStore::open(a.project, ProjectStore::Mode::ReadOnly);
  if (!store) return reportError(store.error());
  auto dataset = store.value()->loadDataset(control);
  if (!dataset) return reportError(dataset.error());
  AuditRun run;
  run.provenance = mergedProvenance(provenances, a.project);
  if (merged.value().source == "model") {
    auto models = store.value()->models();
    if (!models) return reportError(models.error());
    for (const auto& m : models.value()) {
      if (m.name == run.provenance.modelName && m.sha256 == merged.value().modelSha256) run.modelId = m.id;
    }
  }
  store.value().reset();
  TrainTestSplit split;
  if (run.provenance.relevancePath.empty()) {
    auto rebuilt = rebuildAuditSplit(dataset.value(), run.provenance);
    if (!rebuilt) return reportError(rebuilt.error());
    split = std::move(rebuilt).value();
  } else {  // the shards' relevance file, unchanged since they read it
    const std::string recorded = run.provenance.relevanceSha256;
    auto read = readRelevanceSplit(run.provenance.relevancePath, dataset.value(), true, true, run.provenance,
                                   recorded);
    if (!read) return reportError(read.error());
    split = std::move(read).value();
  }
  auto result = finishAudit(merged.value(), dataset.value(), split, control);
  if (!result) return reportError(result.error());
  run.result = std::move(result).value();
  return emitAuditRun(run, a.project, a.output);
}

}  // namespace

void addAuditMergeCommand(CLI::App& audit, CommandRunner& runner) {
  auto a = std::make_shared<MergeArgs>();
  auto* sub = audit.add_subcommand(
      "merge", "Merge the partial results of 'audit --shard' runs and finish them like one unsharded run");
  sub->add_option("--project", a->project, "Project file the shards audited (*.reclens)")->required();
  sub->add_option("partials", a->files, "Partial result files written by 'audit --shard ... --out'")
      ->required()
      ->check(CLI::ExistingFile);
  addAuditOutputOptions(*sub, a->output);
  sub->callback([&runner, a] { runner = [a] { return runMerge(*a); }; });
}

}  // namespace reclens::cli
