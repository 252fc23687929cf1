// reclens-cli audit: the whole-model audit (accuracy, long tail, fairness, exposure, flips) of a model or
// of a recommendation log, whole or as one shard of a scaled-out run; subcommands merge, list, compare.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

#include "audit/auditjson.h"
#include "audit/gapdecomposition.h"
#include "auditoutput.h"
#include "clisupport.h"
#include "commands.h"
#include "common/sha256.h"
#include "data/recommendationlog.h"
#include "engine/computedevice.h"
#include "engine/computethreads.h"
#include "model/datasplit.h"
#include "model/modelfile.h"
#include "model/modellookup.h"
#include "model/trainingmetadata.h"
#include "projectmodel.h"
#include "rerankflags.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

namespace fs = std::filesystem;

struct AuditArgs {
  std::string project;
  std::string model;
  bool trustModel = false;
  std::string log;
  std::string relevance;
  bool skipUnknown = false;
  AuditConfig config;
  int holdout = 1;
  bool holdoutGiven = false;
  std::string shard;
  std::string out;
  std::string device = "auto";
  int threads = 0;
  std::vector<std::string> intersections;
  std::string gapBy;  // item grouping to decompose every grouping's gap by (empty: none)
  std::string gapMetric = "ndcg";
  AuditOutputOptions output;
};

// "Why the NDCG@20 gap by region (Islands 0.021 − North 0.048 = −0.027): by category ..." for each
// decomposition, its largest parts first.
void printGapDecompositions(const std::vector<GapDecomposition>& gaps, int k) {
  constexpr std::size_t kShown = 8;
  for (const auto& g : gaps) {
    std::printf("\nWhy the %s@%d gap by %s: %s %.4f - %s %.4f = %.4f, by %s\n", g.metric.c_str(), k,
                g.attribute.c_str(), g.highGroup.c_str(), g.highMean, g.lowGroup.c_str(), g.lowMean, g.gap,
                g.itemGrouping.c_str());
    std::printf("  %-28s %10s %10s %10s %9s\n", "item group", "first", "second", "difference", "share");
    for (std::size_t i = 0; i < g.parts.size() && i < kShown; ++i) {
      const auto& p = g.parts[i];
      std::printf("  %-28s %10.4f %10.4f %10.4f %8.1f%%\n", p.itemGroup.substr(0, 28).c_str(), p.high, p.low,
                  p.difference, std::isfinite(p.shareOfGap) ? p.shareOfGap * 100.0 : 0.0);
    }
    if (g.parts.size() > kShown) std::printf("  ... %zu more item groups\n", g.parts.size() - kShown);
  }
}

Error usage(const std::string& message) {
  return makeError(ErrorCode::InvalidArgument, message);
}

bool parseInt(std::string_view s, int& out) {
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc() && ptr == s.data() + s.size();
}

// "--shard i/n": shard i (0-based) of n. The index usually comes from the scheduler, expanded by the
// shell or by Kubernetes ($JOB_COMPLETION_INDEX, $SLURM_ARRAY_TASK_ID), so an empty one means that
// variable was not set.
Status parseShard(const std::string& text, AuditConfig& config) {
  const auto slash = text.find('/');
  if (slash == std::string::npos)
    return usage("--shard '" + text + "' is not of the form INDEX/COUNT, e.g. 0/4");
  const std::string_view index(text.data(), slash), count(text.data() + slash + 1, text.size() - slash - 1);
  if (index.empty()) {
    return usage("--shard '" + text +
                 "' has no index (is the variable that should give it, such as JOB_COMPLETION_INDEX or "
                 "SLURM_ARRAY_TASK_ID, set?)");
  }
  if (!parseInt(index, config.shardIndex) || !parseInt(count, config.shardCount) || config.shardCount < 1 ||
      config.shardIndex < 0 || config.shardIndex >= config.shardCount) {
    return usage("--shard '" + text + "' needs 0 <= INDEX < COUNT, e.g. 0/4 ... 3/4");
  }
  return Status::success();
}

Status checkArgs(AuditArgs& a) {
  if (a.project.empty()) return usage("audit needs --project (or a subcommand: merge, list, compare)");
  for (const auto& pair : a.intersections) {
    const auto colon = pair.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == pair.size() ||
        pair.find(':', colon + 1) != std::string::npos)
      return usage("--intersect '" + pair + "' is not of the form ATTRIBUTE:ATTRIBUTE, e.g. gender:age_band");
    a.config.intersections.push_back({pair.substr(0, colon), pair.substr(colon + 1)});
  }
  const auto& gapMetrics = decomposableGapMetrics();
  if (!a.gapBy.empty() && std::find(gapMetrics.begin(), gapMetrics.end(), a.gapMetric) == gapMetrics.end()) {
    return usage(
        "--gap-metric '" + a.gapMetric +
        "' cannot be decomposed; use ndcg, recall, hit, average_popularity, aplt or tail_percentage");
  }
  if (!a.shard.empty()) {
    if (auto s = parseShard(a.shard, a.config); !s) return s;
    if (a.out.empty()) return usage("--shard writes a partial result and needs --out FILE");
    if (!a.gapBy.empty()) return usage("--gap-by needs the whole audit; it does not go with --shard");
    if (!a.output.json.empty() || !a.output.html.empty() || a.output.save) {
      return usage("--shard writes only the partial (--out); give --json, --html or --save to 'audit merge'");
    }
  } else if (!a.out.empty()) {
    return usage("--out is for a shard's partial result; give --shard INDEX/COUNT too, or use --json");
  }
  return Status::success();
}

int runAudit(AuditArgs a) {
  if (auto s = checkArgs(a); !s) return reportError(s.error());
  setComputeThreads(a.threads);
  const auto control = terminalTaskControl("audit", a.output.quiet || a.output.printsJson());
  auto store = ProjectStore::open(a.project, ProjectStore::Mode::ReadOnly);
  if (!store) return reportError(store.error());
  auto loaded = store.value()->loadDataset(control);
  if (!loaded) return reportError(loaded.error());
  const auto& dataset = loaded.value();
  AuditRun run;
  auto& p = run.provenance;
  p = currentAuditProvenance();
  p.project = fs::absolute(a.project).lexically_normal().string();
  p.datasetName = dataset.info.name;
  // The model (looked up once): its split below, its file further down.
  std::optional<ProjectStore::ModelRecord> record;
  if (a.log.empty()) {
    auto found = lookupModel(*store.value(), a.model);
    if (!found) return reportError(found.error());
    record = std::move(found).value();
  }
  TrainTestSplit split;
  if (a.relevance.empty()) {
    // A model is audited on the split it was trained on (as evaluate does), unless --holdout asks for
    // time:H; a recommendation log, or a model that records no split, on time:H.
    SplitSpec spec;
    spec.holdout = a.holdout;
    if (record && !a.holdoutGiven) {
      auto own = trainingSplitOf(record->metadataJson);
      if (!own) return reportError(makeError(own.error().code, own.error().message, record->path));
      if (own.value()) spec = *own.value();
    }
    split = splitDataset(dataset, spec);
    setAuditSplit(p, spec);
  } else {
    auto read =
        readRelevanceSplit(a.relevance, dataset, a.skipUnknown, a.output.quiet || a.output.printsJson(), p);
    if (!read) return reportError(read.error());
    split = std::move(read).value();
  }
  Result<AuditPartial> partial = makeError(ErrorCode::Internal, "no audit ran");
  if (!a.log.empty()) {
    RecommendationLogOptions options;
    options.skipUnknown = a.skipUnknown;
    RecommendationLogReport report;
    auto log = readRecommendationLog(a.log, dataset, options, &report, control);
    if (!log) return reportError(log.error());
    if (report.skippedUnknownUser + report.skippedUnknownItem > 0) {
      std::string examples;
      for (const auto& id : report.unknownUsers) examples += (examples.empty() ? "users " : ", ") + id;
      for (const auto& id : report.unknownItems) examples += (examples.empty() ? "items " : ", item ") + id;
      std::cerr << "reclens-cli: warning: skipped " << report.skippedUnknownUser
                << " row(s) of unknown users and " << report.skippedUnknownItem
                << " row(s) of unknown items (" << examples << ")" << std::endl;
    }
    if (!a.output.quiet && !a.output.printsJson()) {
      std::fprintf(stderr, "audit: read %lld rows: %zu users, lists of up to %zu items%s\n",
                   static_cast<long long>(report.rows), report.users, report.longestList,
                   report.renumberedLists > 0 ? " (some ranks had gaps and were renumbered)" : "");
    }
    auto sha = sha256File(a.log);
    if (!sha) return reportError(sha.error());
    p.logPath = fs::absolute(a.log).lexically_normal().string();
    p.logSha256 = sha.value();
    p.device = "CPU (recommendation log, no model)";
    partial = auditLog(log.value(), dataset, split, a.config, control);
  } else {
    std::string note;
    const auto device = chooseComputeDevice(a.device, &note);
    if (!note.empty()) std::cerr << "reclens-cli: warning: " << note << std::endl;
    auto model = loadProjectModel(a.project, *record, device, dataset.items, a.trustModel);
    if (!model) return reportError(model.error());
    p.modelName = record->name;
    p.modelPath = record->path;
    p.modelKind = model.value().model->metadata().kind;
    p.device = device.description;
    run.modelId = record->id;
    ScoringEngine engine(model.value().model);
    partial = auditModel(engine, dataset, split, a.config, control);
  }
  if (!partial) return reportError(partial.error());
  store.value().reset();

  if (!a.shard.empty()) {
    if (auto s = writeTextFile(a.out, auditPartialToJson(partial.value(), p)); !s)
      return reportError(s.error());
    if (!a.output.quiet) {
      std::printf("Shard %d/%d: %zu users audited, partial written to %s\n", a.config.shardIndex,
                  a.config.shardCount, partial.value().users.size(), a.out.c_str());
    }
    return kExitOk;
  }
  auto result = finishAudit(partial.value(), dataset, split, control);
  if (!result) return reportError(result.error());
  run.result = std::move(result).value();
  // Why the gaps (--gap-by): decomposed before the run is written, so that a bad grouping is reported
  // before anything is saved.
  std::vector<GapDecomposition> gaps;
  for (const auto& attribute : a.gapBy.empty() ? std::vector<AttributeFairness>{} : run.result.fairness) {
    auto gap = decomposeGap(run.result, dataset, split, attribute.attribute, a.gapMetric, a.gapBy);
    if (!gap) return reportError(gap.error());
    gaps.push_back(std::move(gap).value());
  }
  const int code = emitAuditRun(run, a.project, a.output);
  if (code == kExitOk && !a.output.printsJson()) printGapDecompositions(gaps, a.config.k);
  return code;
}

}  // namespace

void addAuditCommand(CLI::App& app, CommandRunner& runner) {
  auto a = std::make_shared<AuditArgs>();
  auto* sub = app.add_subcommand(
      "audit",
      "Audit a model or a recommendation log: accuracy, long tail, fairness by user group, item-group "
      "exposure, counterfactual flips (subcommands: merge, list, compare)");
  sub->add_option("--project", a->project, "Project file (*.reclens)");
  auto* model =
      sub->add_option("--model", a->model, "Registered model name or model file (default: the newest)");
  sub->add_option("--log", a->log, "Recommendation log CSV (user,item,rank) to audit instead of a model")
      ->excludes(model);
  sub->add_flag("--skip-unknown", a->skipUnknown,
                "Skip log or relevance rows naming users or items the project lacks");
  auto& c = a->config;
  sub->add_option("--k", c.k, "List length audited")->check(CLI::Range(1, 10000))->capture_default_str();
  sub->add_option("--attributes", c.userAttributes,
                  "User attributes to split by, comma separated (default: all)")
      ->delimiter(',');
  sub->add_option(
         "--item-groups", c.itemGroupings,
         "Item groupings, comma separated: tier, interactions (rows before the test part: 0, 1-4, 5-19, "
         "20+), launch (launched in the log's last tenth or earlier) and catalog attributes (default: tier, "
         "category, brand, the set-valued attributes, interactions and launch)")
      ->delimiter(',');
  sub->add_option("--flip", c.flipAttributes, "User attributes to flip counterfactually, comma separated")
      ->delimiter(',');
  sub->add_option("--intersect", a->intersections,
                  "Pairs of user attributes whose intersections are groups too, comma separated, e.g. "
                  "gender:age_band")
      ->delimiter(',');
  sub->add_option("--numeric-bins", c.numericBins,
                  "Equal-frequency bins of numeric user attributes with more distinct values (below 2: none)")
      ->check(CLI::Range(0, 1000))
      ->capture_default_str();
  sub->add_option("--tail-ratio", c.tailRatio, "Share of least popular items counted as tail (tail %)")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  sub->add_option("--bootstrap", c.bootstrapSamples, "Bootstrap resamples of the group confidence intervals")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  sub->add_option("--permutations", c.permutations, "Permutations of the gap significance test")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  sub->add_option("--seed", c.seed, "Seed of the bootstrap and permutations")->capture_default_str();
  sub->add_option("--gap-by", a->gapBy,
                  "After the table, split every user grouping's gap over this item grouping (tier, category, "
                  "brand or another catalog attribute): which item groups account for it");
  sub->add_option("--gap-metric", a->gapMetric,
                  "The metric whose gap --gap-by splits: ndcg, recall, hit, average_popularity, aplt or "
                  "tail_percentage")
      ->capture_default_str();
  auto* holdout =
      sub->add_option("--holdout", a->holdout,
                      "Audit on the time split with this many test items per user (the last ones "
                      "in time); default: a model's own split (the one it was trained on), time:1 "
                      "for a log")
          ->check(CLI::Range(1, 1000))
          ->capture_default_str();
  sub->add_option("--relevance", a->relevance,
                  "CSV of relevant items per user (columns user,item) to audit against instead of the "
                  "held-out items of the time split")
      ->excludes(holdout);
  sub->add_option("--batch", c.batchSize, "Users per scoring batch")
      ->check(CLI::Range(1, 65536))
      ->capture_default_str();
  for (auto* knob : addReRankFlags(sub, c.rerank, "Audit the lists re-ranked")) knob->excludes("--log");
  sub->add_option(
      "--shard", a->shard,
      "Audit only shard INDEX/COUNT (users u with u % COUNT == INDEX) and write the partial to --out; "
      "e.g. --shard \"$JOB_COMPLETION_INDEX/8\"");
  sub->add_option("--out", a->out, "Partial result file of a --shard run (JSON)");
  sub->add_option("--device", a->device, "auto, cpu or cuda[:N]")->capture_default_str();
  sub->add_flag("--trust-model", a->trustModel,
                "Load the project's models even if they lie outside the project's folder or changed since "
                "they were registered");
  sub->add_option("--threads", a->threads, "CPU threads (0: library default)")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  addAuditOutputOptions(*sub, a->output);
  addAuditMergeCommand(*sub, runner);
  addAuditListCommand(*sub, runner);
  addAuditCompareCommand(*sub, runner);
  sub->callback([&runner, a, sub, holdout] {
    if (!sub->get_subcommands().empty()) return;  // merge, list or compare set the runner
    a->holdoutGiven = holdout->count() > 0;
    runner = [a] { return runAudit(*a); };
  });
}

}  // namespace reclens::cli
