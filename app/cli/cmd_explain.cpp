// reclens-cli explain: per-field attributions (or, with --graph, graph paths) of one user's
// recommendations (or of one item).
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>

#include "clisupport.h"
#include "commands.h"
#include "data/textcheck.h"
#include "engine/computedevice.h"
#include "engine/scoringengine.h"
#include "engine/userprofilebuilder.h"
#include "explain/attribution.h"
#include "explain/collapse.h"
#include "explainbackground.h"
#include "explainfaithfulness.h"
#include "explaingraph.h"
#include "model/modelfile.h"
#include "projectmodel.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

struct ExplainArgs {
  std::string project;
  std::string model;
  bool trustModel = false;
  std::string user;
  std::string item;
  int top = 0;
  std::string method = "ig";
  int steps = 32;
  std::string rule = "midpoint";
  std::string baseline = "zero";
  int backgroundUsers = 32;     // users of the sampled-users baseline
  std::string backgroundGroup;  // user field: the average user of the explained user's group
  int samples = 64;
  std::uint64_t seed = 1;
  std::string device = "auto";
  DeletionTestArgs faithfulness;  // --faithfulness: the deletion test
  CurvesArgs curves;              // --curves: the deletion and insertion curves
  int diagnoseUsers = 0;          // users sampled for the model-level collapse diagnostic; 0 runs none
  std::string versus;             // external id of the item each score is compared with, or ""
  bool versusOthers = false;      // compare each item with the mean of the other explained items
  bool versusAuto = false;        // the same, only when the whole scores' explanations collapse
  bool graph = false;             // the ego graph instead of the per-field attributions
  EgoGraphOptions graphOptions;
  bool json = false;
};

nlohmann::json number(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

// `withError`: the attributions carry a standard error (Shapley, or the sampled-users baseline).
nlohmann::json toJson(const ItemExplanation& e, const ScoreSplit& split, const Catalog& items,
                      bool withError) {
  const auto i = static_cast<std::size_t>(e.item);
  nlohmann::json out = {{"item", items.ids[i]},
                        {"title", i < items.titles.size() ? items.titles[i] : ""},
                        {"output", e.output},
                        {"baseline_output", e.baselineOutput},
                        {"completeness_delta", number(e.completenessDelta)},
                        {"common", split.common},
                        {"personal", split.personal}};
  out["fields"] = nlohmann::json::array();
  for (const auto& f : e.fields) {
    nlohmann::json field = {{"kind", fieldKindName(f.kind)},
                            {"index", f.index},
                            {"label", f.label},
                            {"value", f.value},
                            {"attribution", f.attribution}};
    if (f.reference) field["reference"] = true;
    if (withError) field["standard_error"] = number(f.standardError);
    out["fields"].push_back(std::move(field));
  }
  out["reason"] = {{"text", e.reason.text},
                   {"history", e.reason.historyTitles},
                   {"user_field", e.reason.userField},
                   {"user_value", e.reason.userValue},
                   {"item_part", e.reason.itemPart},
                   {"item_part_value", e.reason.itemPartValue},
                   {"distinctive", e.reason.distinctiveTitles},
                   {"distinctive_text", e.reason.distinctiveText}};
  if (e.reason.contrast != ExplanationContrast::None) out["reason"]["above"] = e.reason.above;
  return out;
}

void printTable(const ItemExplanation& e, const ScoreSplit& split, const Catalog& items, bool withError) {
  const auto i = static_cast<std::size_t>(e.item);
  std::printf("\nItem %s  %s\n", printableText(items.ids[i], std::string::npos).c_str(),
              i < items.titles.size() ? printableText(items.titles[i], std::string::npos).c_str() : "");
  if (e.reason.contrast != ExplanationContrast::None)
    std::printf("  score difference %.6f  at the baseline %.6f", e.output, e.baselineOutput);
  else
    std::printf("  score %.6f  baseline %.6f", e.output, e.baselineOutput);
  if (std::isfinite(e.completenessDelta)) std::printf("  completeness delta %.3g", e.completenessDelta);
  std::printf("\n  common part %.6f (every user)  personal part %.6f (this user)", split.common,
              split.personal);
  std::printf("\n  %-10s  %-36s  %-16s  %12s", "kind", "field", "value", "attribution");
  if (withError) std::printf("  %10s", "std.error");
  std::printf("\n");
  for (const auto& f : e.fields) {
    std::printf(
        "  %-10s  %-36s  %-16s  %12.6f", fieldKindName(f.kind),
        ((f.reference ? "versus: " : "") + f.label).substr(0, 36).c_str(),
        (f.kind == FieldKind::UserField && f.value.empty() ? std::string("(missing)") : f.value.substr(0, 16))
            .c_str(),
        f.attribution);
    if (withError) std::printf("  %10.6f", f.standardError);
    std::printf("\n");
  }
  std::printf("  %s\n", e.reason.text.c_str());
  if (!e.reason.distinctiveText.empty()) std::printf("  %s\n", e.reason.distinctiveText.c_str());
}

int runExplain(const ExplainArgs& a) {
  AttributionOptions options;
  if (!parseAttributionMethod(a.method, options.method)) {
    reportError(makeError(ErrorCode::InvalidArgument,
                          "unknown method '" + a.method + "' (ig, gradxinput, occlusion or shapley)"));
    return kExitUsage;
  }
  options.steps = a.steps;
  options.rule = a.rule == "trapezoid" ? IntegrationRule::Trapezoid : IntegrationRule::Midpoint;
  if (!parseAttributionBaseline(a.baseline, options.baseline)) {
    reportError(makeError(ErrorCode::InvalidArgument,
                          "unknown baseline '" + a.baseline + "' (zero, missing, average or sample)"));
    return kExitUsage;
  }
  options.samples = a.samples;
  options.seed = a.seed;
  if (a.versusOthers) options.contrast = ExplanationContrast::OtherItems;
  if (a.versusAuto) options.contrast = ExplanationContrast::Automatic;

  auto opened = openProjectWithModel(a.project, a.model, a.device, a.trustModel);
  if (!opened) return reportError(opened.error());
  const auto& p = opened.value();
  const auto& d = p.dataset;
  auto userRow = rowOfId(d.users.ids, a.user, "user", a.project);
  if (!userRow) return reportError(userRow.error());
  const std::int32_t user = userRow.value();
  std::vector<std::int32_t> items;
  if (!a.item.empty()) {
    auto itemRow = rowOfId(d.items.ids, a.item, "item", a.project);
    if (!itemRow) return reportError(itemRow.error());
    items.push_back(itemRow.value());
  }
  if (!a.versus.empty()) {
    auto versusRow = rowOfId(d.items.ids, a.versus, "item", a.project);
    if (!versusRow) return reportError(versusRow.error());
    options.contrast = ExplanationContrast::Item;
    options.versusItem = versusRow.value();
  }

  const UserProfileBuilder profiles(d, p.model->metadata());
  const auto profile = profiles.profile(user);
  if (items.empty()) {
    ScoringEngine engine(p.model);
    auto list = engine.recommend(profile, a.top, {});
    if (!list) return reportError(list.error());
    for (const auto& r : list.value()) items.push_back(r.item);
    if (items.empty()) {
      reportError(makeError(ErrorCode::Empty, "the user has no item left to recommend", a.project));
      return kExitInput;
    }
  }
  if (!a.backgroundGroup.empty() && options.baseline != AttributionBaseline::AverageUser) {
    reportError(makeError(ErrorCode::InvalidArgument, "--background-group needs --baseline average"));
    return kExitUsage;
  }
  int groupField = -1;
  if (!a.backgroundGroup.empty()) {
    groupField = d.users.fieldIndex(a.backgroundGroup);
    if (groupField < 0) {
      std::string names;
      for (const auto& f : d.users.fields) names += (names.empty() ? "" : ", ") + f.name();
      reportError(makeError(ErrorCode::InvalidArgument,
                            "--background-group: the project has no user field '" + a.backgroundGroup +
                                "' (its user fields: " + (names.empty() ? "none" : names) + ")"));
      return kExitUsage;
    }
  }
  if (a.versusOthers && items.size() < 2) {
    reportError(makeError(ErrorCode::InvalidArgument,
                          "--versus-others compares each explained item with the others: explain two or more "
                          "items (--top K)"));
    return kExitUsage;
  }

  if (a.graph) return printEgoGraphs(p, a.user, user, profile, items, a.graphOptions, a.json);
  const auto control = terminalTaskControl("explain", a.json);
  auto background = projectBackground(profiles, *p.model, control);
  if (!background) return reportError(background.error());
  options.background = background.value();
  nlohmann::json groupJson;
  if (groupField >= 0) {
    const int field = groupField;
    const auto members = usersSharingValue(d.users, field, user);
    auto group = groupBackground(profiles, *p.model, members, control);
    if (!group) return reportError(group.error());
    // The baseline is the group's average user; the common and personal parts stay against all users.
    options.background = group.value();
    const auto& column = d.users.fields[std::size_t(field)];
    groupJson = {{"field", column.name()},
                 {"value", column.valueAt(static_cast<std::size_t>(user))},
                 {"users", members.size()}};
  }
  if (options.baseline == AttributionBaseline::SampledUsers) {
    auto sample = projectSample(profiles, *p.model, std::size_t(a.backgroundUsers), a.seed, control);
    if (!sample) return reportError(sample.error());
    options.sample = sample.value();
  }
  // One computation gives what is shown and the whole scores the collapse diagnostic describes.
  auto explained = explainAndCompare(*p.model, profile, items, options, &d.items, control);
  if (!explained) return reportError(explained.error());
  const auto& explanation = explained.value().shown;
  auto split = splitScores(*p.model, profile, *background.value(), items);
  if (!split) return reportError(split.error());
  const auto collapse = diagnoseCollapse(explained.value().whole, split.value());
  const auto backgroundUsers = options.background->users;
  std::optional<ModelCollapse> modelCollapse;
  if (a.diagnoseUsers > 0) {
    auto m = projectCollapse(profiles, p.model, options, a.top > 0 ? a.top : 10, std::size_t(a.diagnoseUsers),
                             a.seed, control);
    if (!m) return reportError(m.error());
    modelCollapse = std::move(m.value());
  }
  std::optional<FaithfulnessReport> faithfulness;
  if (a.faithfulness.deletions > 0) {
    auto report = runDeletionTest(p.model, profiles, profile, a.faithfulness, a.top > 0 ? a.top : 10, a.seed,
                                  options, control);
    if (!report) return reportError(report.error());
    faithfulness = std::move(report.value());
  }
  std::vector<FaithfulnessCurves> curves;
  if (a.curves.on) {
    auto computed = runCurves(p.model, profile, items, a.curves, a.seed, options, control);
    if (!computed) return reportError(computed.error());
    curves = std::move(computed).value();
  }

  const bool withError = options.method == AttributionMethod::Shapley ||
                         (options.method == AttributionMethod::IntegratedGradients &&
                          options.baseline == AttributionBaseline::SampledUsers);
  if (a.json) {
    nlohmann::json out;
    out["user"] = a.user;
    out["model"] = {{"name", p.record.name}, {"path", p.record.path}, {"kind", p.model->metadata().kind}};
    out["device"] = p.device.description;
    out["method"] = attributionMethodName(options.method);
    out["engine"] = explanation.engine;
    if (options.method == AttributionMethod::IntegratedGradients) {
      out["steps"] = options.steps;
      out["rule"] = options.rule == IntegrationRule::Trapezoid ? "trapezoid" : "midpoint";
    }
    if (options.method == AttributionMethod::Shapley) {
      out["samples"] = options.samples + options.samples % 2;
      out["seed"] = options.seed;
    }
    if (options.method == AttributionMethod::IntegratedGradients ||
        options.method == AttributionMethod::Shapley)
      out["baseline"] = attributionBaselineName(options.baseline);
    if (options.sample) out["background_sample"] = options.sample->size();
    if (!groupJson.is_null()) out["background_group"] = groupJson;
    out["contrast"] = explanationContrastName(explanation.options.contrast);
    if (options.contrast == ExplanationContrast::Automatic) out["contrast_requested"] = "auto";
    if (options.contrast == ExplanationContrast::Item) out["versus"] = a.versus;
    out["items"] = nlohmann::json::array();
    for (std::size_t k = 0; k < items.size(); ++k)
      out["items"].push_back(toJson(explanation.items[k], split.value()[k], d.items, withError));
    out["collapse"] = collapseJson(collapse, backgroundUsers);
    if (modelCollapse) out["model_collapse"] = modelCollapseJson(*modelCollapse);
    if (faithfulness) out["faithfulness"] = deletionTestJson(*faithfulness, a.faithfulness.deletions);
    if (a.curves.on) out["faithfulness_curves"] = curvesJson(curves, d.items, profile, a.curves, a.seed);
    std::cout << out.dump(2) << std::endl;
    return kExitOk;
  }
  std::printf("Explanation of %zu item(s) for user %s (model %s, %s, method %s, %s)\n", items.size(),
              a.user.c_str(), p.record.name.c_str(), p.model->metadata().kind.c_str(),
              attributionMethodName(options.method), p.device.description.c_str());
  if (!groupJson.is_null())
    std::printf("Baseline: the average user of the %zu users whose %s is %s.\n",
                groupJson["users"].get<std::size_t>(),
                printableText(groupJson["field"].get<std::string>(), std::string::npos).c_str(),
                printableText(groupJson["value"].get<std::string>(), std::string::npos).c_str());
  if (options.contrast == ExplanationContrast::Automatic)
    std::printf("%s\n",
                explanation.options.contrast == ExplanationContrast::None
                    ? "The whole scores are explained: their explanations do not collapse onto one story."
                    : "The explanations of the whole scores collapse onto one story, so:");
  if (explanation.options.contrast == ExplanationContrast::OtherItems)
    std::printf("Each item's score is compared with the mean score of the other items explained.\n");
  if (explanation.options.contrast == ExplanationContrast::Item)
    std::printf("Each item's score is compared with the score of item %s.\n",
                printableText(a.versus, std::string::npos).c_str());
  for (std::size_t k = 0; k < items.size(); ++k)
    printTable(explanation.items[k], split.value()[k], d.items, withError);
  printCollapse(collapse, backgroundUsers);
  if (modelCollapse) printModelCollapse(*modelCollapse, options);
  if (faithfulness) printDeletionTest(*faithfulness, a.faithfulness.deletions, options.contrast);
  if (a.curves.on) printCurves(curves, d.items);
  return kExitOk;
}

}  // namespace

void addExplainCommand(CLI::App& app, CommandRunner& runner) {
  auto args = std::make_shared<ExplainArgs>();
  auto* sub =
      app.add_subcommand("explain", "Per-field attributions or graph paths of a user's recommendations");
  sub->add_option("--project", args->project, "Project file (*.reclens)")->required();
  sub->add_option("--model", args->model,
                  "Registered model name or model file (default: the newest registered)");
  sub->add_option("--user", args->user, "External user id")->required();
  auto* item = sub->add_option("--item", args->item, "Explain this item (external id)");
  auto* top = sub->add_option("--top", args->top, "Explain the user's top K recommendations")
                  ->check(CLI::Range(1, 1000));
  item->excludes(top);
  top->excludes(item);
  sub->add_option("--method", args->method, "ig, gradxinput, occlusion or shapley")
      ->check(CLI::IsMember({"ig", "gradxinput", "occlusion", "shapley"}))
      ->capture_default_str();
  sub->add_option("--steps", args->steps, "Integrated Gradients steps")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  sub->add_option("--rule", args->rule, "Integrated Gradients rule: midpoint or trapezoid")
      ->check(CLI::IsMember({"midpoint", "trapezoid"}))
      ->capture_default_str();
  sub->add_option("--baseline", args->baseline,
                  "zero, missing (user fields at the model's missing vector), average (the average of the "
                  "project's users: why this user rather than a typical one gets the item) or sample "
                  "(averaged over --background-users users, each the baseline in turn)")
      ->check(CLI::IsMember({"zero", "missing", "average", "sample"}))
      ->capture_default_str();
  sub->add_option("--background-group", args->backgroundGroup,
                  "--baseline average: average only the users who share the explained user's value of this "
                  "user field (e.g. Country): why this user rather than a typical user of their group");
  sub->add_option("--background-users", args->backgroundUsers,
                  "--baseline sample: the attributions are averaged over N background users drawn with "
                  "--seed, each one's inputs the baseline in turn (expected gradients); the spread is "
                  "reported as the standard error")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  sub->add_option("--samples", args->samples, "Shapley permutations (even: each with its reverse)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  sub->add_option("--seed", args->seed, "Shapley sampling seed")->capture_default_str();
  auto* faithfulness = addDeletionTestOptions(sub, args->faithfulness);
  auto* curves = addCurvesOptions(sub, args->curves);
  auto* diagnose =
      sub->add_option(
             "--diagnose-users", args->diagnoseUsers,
             "Also diagnose the explanations of N sampled users' top-K (seeded by --seed): how often "
             "they collapse onto one story")
          ->check(CLI::Range(1, 100000));
  auto* versus = sub->add_option("--versus", args->versus,
                                 "Explain the difference of scores with this item (external id): why is the "
                                 "explained item above (or below) it");
  auto* others = sub->add_flag("--versus-others", args->versusOthers,
                               "Explain each item's score minus the mean score of the other explained items: "
                               "what sets it apart within the list (needs --top 2 or more)");
  auto* automatic = sub->add_flag(
      "--versus-auto", args->versusAuto,
      "Compare each item with the other explained items only when the explanations of the whole scores "
      "collapse (all lead with the same history item, or point one way), as the GUI does by default");
  versus->excludes(others);
  versus->excludes(automatic);
  others->excludes(automatic);
  auto* graph = sub->add_flag("--graph", args->graph,
                              "Explain by paths through the interaction graph (exact for LightGCN)");
  sub->add_option("--max-paths", args->graphOptions.maxPaths, "--graph: paths to list")
      ->check(CLI::Range(0, 100000000))
      ->capture_default_str();
  sub->add_option("--max-nodes", args->graphOptions.maxNodes, "--graph: nodes to keep")
      ->check(CLI::Range(2, 100000000))
      ->capture_default_str();
  sub->add_option("--neighbours", args->graphOptions.neighbours,
                  "--graph: co-interacting users shown per history item (LightGCN: the leading ones overall)")
      ->check(CLI::Range(0, 100000000))
      ->capture_default_str();
  graph->excludes(faithfulness);
  graph->excludes(curves);
  graph->excludes(versus);
  graph->excludes(others);
  graph->excludes(diagnose);
  sub->add_option("--device", args->device, "auto, cpu or cuda[:N]")->capture_default_str();
  sub->add_flag("--trust-model", args->trustModel,
                "Load the project's model even if it lies outside the project's folder or changed since "
                "it was registered");
  sub->add_flag("--json", args->json, "Print JSON on stdout");
  sub->callback([&runner, args, item, top] {
    runner = [args, item, top] {
      if (item->count() == 0 && top->count() == 0) {
        std::cerr << "reclens-cli: error: explain needs --item or --top (see reclens-cli explain --help)"
                  << std::endl;
        return int(kExitUsage);
      }
      return runExplain(*args);
    };
  });
}

}  // namespace reclens::cli
