// reclens-cli explain: the deletion test (--faithfulness) and the deletion and insertion curves
// (--curves) of the explained user's attributions.
#include "explainfaithfulness.h"

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>

#include "data/textcheck.h"

namespace reclens::cli {

namespace {

const std::vector<std::string> kMethodNames = {"ig", "gradxinput", "occlusion", "shapley"};

Result<std::vector<AttributionMethod>> parseMethods(const std::vector<std::string>& names,
                                                    const std::string& option) {
  std::vector<AttributionMethod> methods;
  for (const auto& name : names) {
    AttributionMethod method{};
    if (!parseAttributionMethod(name, method))
      return makeError(ErrorCode::InvalidArgument, "unknown method '" + name + "' in " + option);
    methods.push_back(method);
  }
  return methods;
}

nlohmann::json number(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

nlohmann::json curveJson(const FaithfulnessCurve& c) {
  nlohmann::json points = nlohmann::json::array();
  for (std::size_t k = 0; k < c.scores.size(); ++k)
    points.push_back({{"k", k}, {"score", c.scores[k]}, {"rank", c.ranks[k]}});
  return {{"points", points}, {"auc", number(c.area)}};
}

std::string areaText(double area) {
  if (!std::isfinite(area)) return "n/a";
  char text[32];
  std::snprintf(text, sizeof text, "%.4f", area);
  return text;
}

// One of the two curve tables: per k each method's score and rank, then the random mean.
void printCurveTable(const FaithfulnessCurves& c, bool deletion) {
  std::printf("  %s\n", deletion ? "Deletion: the most-attributed history items removed first"
                                 : "Insertion: the most-attributed history items added first to no history");
  std::printf("  %4s", "k");
  for (const auto& m : c.methods) std::printf("  %-20s", attributionMethodName(m.method));
  std::printf("  %s\n", "random (mean)");
  for (std::size_t k = 0; k <= c.steps; ++k) {
    std::printf("  %4zu", k);
    for (const auto& m : c.methods) {
      const auto& curve = deletion ? m.deletion : m.insertion;
      std::printf("  %9.5f rank %-5.0f", curve.scores[k], curve.ranks[k]);
    }
    const auto& random = deletion ? c.randomDeletion : c.randomInsertion;
    std::printf("  %9.5f rank %.1f\n", random.scores[k], random.ranks[k]);
  }
  std::printf("  %4s", "AUC");
  for (const auto& m : c.methods)
    std::printf("  %-20s", areaText(deletion ? m.deletion.area : m.insertion.area).c_str());
  std::printf("  %s\n", areaText(deletion ? c.randomDeletion.area : c.randomInsertion.area).c_str());
}

}  // namespace

CLI::Option* addDeletionTestOptions(CLI::App* explain, DeletionTestArgs& args) {
  auto* deletions =
      explain
          ->add_option(
              "--faithfulness", args.deletions,
              "Also run the deletion test: remove the M most-attributed history items (every method) "
              "against M random ones")
          ->check(CLI::Range(1, 1000));
  explain
      ->add_option("--faithfulness-users", args.users,
                   "--faithfulness: run the deletion test over N users sampled with --seed (users with more "
                   "than M history items) instead of the explained user")
      ->check(CLI::Range(1, 1000000))
      ->needs(deletions);
  explain
      ->add_option("--faithfulness-methods", args.methods,
                   "--faithfulness: the methods tested (default: ig, gradxinput, occlusion and shapley)")
      ->delimiter(',')
      ->check(CLI::IsMember(kMethodNames))
      ->needs(deletions);
  return deletions;
}

CLI::Option* addCurvesOptions(CLI::App* explain, CurvesArgs& args) {
  auto* curves = explain->add_flag(
      "--curves", args.on,
      "Also compute the deletion and insertion curves of each explained item: its score and rank as the "
      "most-attributed history items are removed one by one, or added one by one to no history, against "
      "random orders, with the normalised area under each curve");
  explain
      ->add_option("--curves-methods", args.methods,
                   "--curves: the methods (default: ig, gradxinput, occlusion and shapley)")
      ->delimiter(',')
      ->check(CLI::IsMember(kMethodNames))
      ->needs(curves);
  explain
      ->add_option("--curves-random", args.randomOrders,
                   "--curves: random orders averaged into the reference curves (seeded by --seed)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str()
      ->needs(curves);
  explain
      ->add_option("--curves-steps", args.steps,
                   "--curves: stop after this many history items (0: the whole history)")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str()
      ->needs(curves);
  return curves;
}

Result<FaithfulnessReport> runDeletionTest(const std::shared_ptr<const ModelFile>& model,
                                           const UserProfileBuilder& builder, const UserProfile& profile,
                                           const DeletionTestArgs& args, int topK, std::uint64_t seed,
                                           const AttributionOptions& options, const TaskControl& control) {
  FaithfulnessOptions f;
  f.attribution = options;
  f.topK = topK;
  f.deletions = args.deletions;
  f.seed = seed;
  if (!args.methods.empty()) {
    auto methods = parseMethods(args.methods, "--faithfulness-methods");
    if (!methods) return methods.error();
    f.methods = std::move(methods).value();
  }
  if (args.users == 0) {
    f.users = 1;
    return measureFaithfulness(model, {profile}, f, control);
  }
  std::vector<UserProfile> profiles;
  profiles.reserve(builder.users());
  for (std::size_t u = 0; u < builder.users(); ++u)
    profiles.push_back(builder.profile(static_cast<std::int32_t>(u)));
  f.users = static_cast<std::size_t>(args.users);
  return measureFaithfulness(model, profiles, f, control);
}

nlohmann::json deletionTestJson(const FaithfulnessReport& r, int deletions) {
  nlohmann::json out = {{"deletions", deletions},
                        {"users", r.usersTested},
                        {"users_skipped", r.usersSkipped},
                        {"methods", nlohmann::json::array()}};
  for (const auto& m : r.methods) {
    out["methods"].push_back({{"method", attributionMethodName(m.method)},
                              {"cases", m.cases.size()},
                              {"mean_rank_drop_top_attributed", m.meanAttributedDrop},
                              {"mean_rank_drop_random", m.meanRandomDrop},
                              {"share_top_beats_random", m.shareAttributedBeatsRandom},
                              {"mean_explained_drop_top_attributed", m.meanExplainedDrop},
                              {"mean_explained_drop_random", m.meanRandomExplainedDrop},
                              {"share_explained_top_beats_random", m.shareExplainedBeatsRandom}});
  }
  return out;
}

void printDeletionTest(const FaithfulnessReport& r, int deletions, ExplanationContrast contrast) {
  std::printf(
      "\nDeletion test: remove the %d most-attributed history item(s), or as many at random; %zu user(s)\n",
      deletions, r.usersTested);
  std::printf("  %-10s  %5s  %-33s  %-33s\n", "", "", "target's rank drop",
              contrast == ExplanationContrast::None        ? "drop of the explained score"
              : contrast == ExplanationContrast::Automatic ? "drop of the score or difference explained"
                                                           : "drop of the explained difference");
  std::printf("  %-10s  %5s  %9s  %9s  %13s  %9s  %9s  %13s\n", "method", "cases", "top", "random",
              "top > random", "top", "random", "top > random");
  for (const auto& m : r.methods) {
    std::printf("  %-10s  %5zu  %9.2f  %9.2f  %12.1f%%  %9.4f  %9.4f  %12.1f%%\n",
                attributionMethodName(m.method), m.cases.size(), m.meanAttributedDrop, m.meanRandomDrop,
                100.0 * m.shareAttributedBeatsRandom, m.meanExplainedDrop, m.meanRandomExplainedDrop,
                100.0 * m.shareExplainedBeatsRandom);
  }
}

Result<std::vector<FaithfulnessCurves>> runCurves(const std::shared_ptr<const ModelFile>& model,
                                                  const UserProfile& profile,
                                                  const std::vector<std::int32_t>& items,
                                                  const CurvesArgs& args, std::uint64_t seed,
                                                  const AttributionOptions& options,
                                                  const TaskControl& control) {
  FaithfulnessCurveOptions o;
  o.attribution = options;
  o.maxSteps = args.steps;
  o.randomOrders = args.randomOrders;
  o.seed = seed;
  if (!args.methods.empty()) {
    auto methods = parseMethods(args.methods, "--curves-methods");
    if (!methods) return methods.error();
    o.methods = std::move(methods).value();
  }
  std::vector<FaithfulnessCurves> out;
  for (const auto item : items) {
    auto curves = measureFaithfulnessCurves(model, profile, item, o, control);
    if (!curves) return curves.error();
    out.push_back(std::move(curves).value());
  }
  return out;
}

nlohmann::json curvesJson(const std::vector<FaithfulnessCurves>& curves, const Catalog& items,
                          const UserProfile& profile, const CurvesArgs& args, std::uint64_t seed) {
  nlohmann::json out = {{"random_orders", args.randomOrders},
                        {"max_steps", args.steps},
                        {"seed", seed},
                        {"normalisation", "(score - empty_score) / (full_score - empty_score)"},
                        {"items", nlohmann::json::array()}};
  for (const auto& c : curves) {
    const auto i = static_cast<std::size_t>(c.target);
    nlohmann::json item = {{"item", items.ids[i]},
                           {"title", i < items.titles.size() ? items.titles[i] : ""},
                           {"history", c.history},
                           {"steps", c.steps},
                           {"full_score", c.fullScore},
                           {"empty_score", c.emptyScore},
                           {"methods", nlohmann::json::array()}};
    for (const auto& m : c.methods) {
      nlohmann::json order = nlohmann::json::array();
      for (std::size_t k = 0; k < m.order.size(); ++k)
        order.push_back({{"position", m.order[k]},
                         {"item", items.ids[static_cast<std::size_t>(profile.items[m.order[k]])]},
                         {"attribution", m.attributions[k]}});
      item["methods"].push_back({{"method", attributionMethodName(m.method)},
                                 {"order", order},
                                 {"deletion", curveJson(m.deletion)},
                                 {"insertion", curveJson(m.insertion)}});
    }
    item["random"] = {{"deletion", curveJson(c.randomDeletion)}, {"insertion", curveJson(c.randomInsertion)}};
    out["items"].push_back(std::move(item));
  }
  return out;
}

void printCurves(const std::vector<FaithfulnessCurves>& curves, const Catalog& items) {
  for (const auto& c : curves) {
    const auto i = static_cast<std::size_t>(c.target);
    std::printf("\nFaithfulness curves of item %s  %s\n",
                printableText(items.ids[i], std::string::npos).c_str(),
                i < items.titles.size() ? printableText(items.titles[i], std::string::npos).c_str() : "");
    std::printf(
        "  %zu history item(s), %zu step(s); score %.6f with the whole history, %.6f with none; random: mean "
        "of %d order(s)\n",
        c.history, c.steps, c.fullScore, c.emptyScore, c.randomOrders);
    std::printf(
        "  AUC: area under (score - score with none) / (whole - none) over k / %zu; deletion lower and "
        "insertion higher is more faithful\n",
        c.steps);
    printCurveTable(c, true);
    printCurveTable(c, false);
  }
}

}  // namespace reclens::cli
