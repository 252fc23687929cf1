// reclens-cli recommend: the top-K of one user from a registered (or given) model, or of every user
// (--all-users), streamed as CSV or JSON.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>

#include "audit/rerankinputs.h"
#include "clisupport.h"
#include "commands.h"
#include "data/generatorcsvfile.h"
#include "data/textcheck.h"
#include "engine/computedevice.h"
#include "engine/computethreads.h"
#include "engine/rerank.h"
#include "engine/scoringengine.h"
#include "engine/userprofilebuilder.h"
#include "model/modelfile.h"
#include "projectmodel.h"
#include "rerankflags.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

struct RecommendArgs {
  std::string project;
  std::string model;
  bool trustModel = false;
  std::string user;
  bool allUsers = false;
  bool csv = false;
  bool quiet = false;
  std::string out;  // --all-users: the file to write ("" = standard output)
  int batch = 1024;
  int threads = 0;
  int k = 20;
  ReRankOptions rerank;
  std::string device = "auto";
  bool json = false;
};

std::string fieldValue(const Catalog& items, const char* field, std::size_t row) {
  const int f = items.fieldIndex(field);
  return f < 0 ? std::string() : items.fields[static_cast<std::size_t>(f)].valueAt(row);
}

std::string scoreText(float score) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", static_cast<double>(score));
  return text;
}

// Every user's top-K, streamed in user row order: CSV rows "user,rank,item,score" or one JSON object
// whose "lists" hold {"user", "items", "scores"} per user. Users are scored in batches (one matrix
// product and top-K per batch on the compute threads); re-ranking, when asked for, re-ranks each user's
// candidates exactly as the one-user command does.
int runAllUsers(const RecommendArgs& a, const ProjectWithModel& p, const ScoringEngine::Options& options) {
  const auto& d = p.dataset;
  ScoringEngine engine(p.model);
  engine.setNearbyRanking(false);
  const UserProfileBuilder profiles(d, p.model->metadata());
  const bool rerank = options.reRank.active();
  const int fetch = rerank ? static_cast<int>(options.reRank.candidateCount(a.k, d.items.size())) : a.k;
  ReRankContext context = options.context;
  if (options.reRank.diversity > 0.0) {
    context.embeddings = engine.itemEmbeddingsOnCpu().data();
    context.dim = engine.dim();
  }
  GeneratorCsvFile file;
  const std::string path = a.out.empty() ? std::string("/dev/stdout") : a.out;
  if (auto st = file.open(path); !st) return reportError(st.error());
  if (a.csv) {
    file.put("user,rank,item,score\n");
  } else {
    nlohmann::json head = {
        {"model", {{"name", p.record.name}, {"path", p.record.path}, {"kind", p.model->metadata().kind}}},
        {"device", p.device.description},
        {"k", a.k},
        {"users", d.users.size()},
        {"rerank", reRankJson(a.rerank)}};
    auto text = head.dump();
    text.pop_back();  // the object stays open for "lists"
    file.put(text);
    file.put(",\"lists\":[\n");
  }
  const auto control = terminalTaskControl("recommend", a.quiet);
  const std::size_t users = d.users.size();
  auto status = engine.recommendAll(
      users, [&](std::size_t u) { return profiles.profile(static_cast<std::int32_t>(u)); }, fetch, true,
      a.batch,
      [&](std::size_t u, const std::vector<Recommendation>& candidates) {
        std::vector<std::int32_t> history;
        auto userContext = context;
        if (options.reRank.calibration > 0.0 || options.reRank.userAwarePenalty > 0.0) {
          history = profiles.profile(static_cast<std::int32_t>(u)).items;
          userContext.history = &history;
        }
        const auto list = rerank ? reRank(candidates, a.k, options.reRank, userContext) : candidates;
        const auto& id = d.users.ids[u];
        if (a.csv) {
          for (const auto& r : list) {
            file.putField(id);
            file.put(',');
            file.putInt(r.rank);
            file.put(',');
            file.putField(d.items.ids[static_cast<std::size_t>(r.item)]);
            file.put(',');
            file.put(scoreText(r.score));
            file.put('\n');
          }
          return;
        }
        file.put(u == 0 ? "{\"user\":" : ",\n{\"user\":");
        file.put(nlohmann::json(id).dump());
        file.put(",\"items\":[");
        for (std::size_t j = 0; j < list.size(); ++j) {
          if (j > 0) file.put(',');
          file.put(nlohmann::json(d.items.ids[static_cast<std::size_t>(list[j].item)]).dump());
        }
        file.put("],\"scores\":[");
        for (std::size_t j = 0; j < list.size(); ++j) {
          if (j > 0) file.put(',');
          file.put(scoreText(list[j].score));
        }
        file.put("]}");
      },
      control);
  if (!a.csv) file.put("\n]}\n");
  const auto closed = file.close();
  if (!status) {
    if (!a.out.empty()) std::remove(a.out.c_str());  // never leave a partial list behind as if it were whole
    return reportError(status.error());
  }
  if (!closed) return reportError(closed.error());
  return kExitOk;
}

int runRecommend(const RecommendArgs& a) {
  if (a.allUsers == !a.user.empty())
    return reportError(makeError(ErrorCode::InvalidArgument, "give exactly one of --user ID or --all-users"));
  if (!a.allUsers && (a.csv || !a.out.empty()))
    return reportError(makeError(ErrorCode::InvalidArgument, "--csv and --out go with --all-users"));
  if (a.csv && a.json)
    return reportError(makeError(ErrorCode::InvalidArgument, "give --csv or --json, not both"));
  setComputeThreads(a.threads);
  auto opened = openProjectWithModel(a.project, a.model, a.device, a.trustModel);
  if (!opened) return reportError(opened.error());
  const auto& p = opened.value();
  const auto& d = p.dataset;
  // What the re-rankers read, for one user or all.
  auto inputs = makeReRankInputs(d, itemPopularity(d.interactions, d.items.size()), a.rerank);
  if (!inputs) return reportError(makeError(inputs.error().code, a.project + ": " + inputs.error().message));
  const auto& popularity = inputs.value().popularity;
  ScoringEngine::Options options;
  options.reRank = a.rerank;
  options.context = inputs.value().context();
  if (a.allUsers) return runAllUsers(a, p, options);

  auto userRow = rowOfId(d.users.ids, a.user, "user", a.project);
  if (!userRow) return reportError(userRow.error());
  const std::int32_t user = userRow.value();
  ScoringEngine engine(p.model);
  const UserProfileBuilder profiles(d, p.model->metadata());
  const auto head = shortHeadItems(popularity);
  auto list = engine.recommend(profiles.profile(user), a.k, options);
  if (!list) return reportError(list.error());

  const auto tier = [&](std::int32_t item) { return head[static_cast<std::size_t>(item)] ? "head" : "tail"; };
  if (a.json) {
    nlohmann::json out;
    out["user"] = a.user;
    out["model"] = {{"name", p.record.name}, {"path", p.record.path}, {"kind", p.model->metadata().kind}};
    out["device"] = p.device.description;
    out["k"] = a.k;
    out["rerank"] = reRankJson(a.rerank);
    out["recommendations"] = nlohmann::json::array();
    for (const auto& r : list.value()) {
      const auto i = static_cast<std::size_t>(r.item);
      const double price = i < d.items.prices.size() ? d.items.prices[i] : NAN;
      out["recommendations"].push_back(
          {{"rank", r.rank},
           {"item", d.items.ids[i]},
           {"title", i < d.items.titles.size() ? d.items.titles[i] : ""},
           {"category", fieldValue(d.items, "category", i)},
           {"price", std::isnan(price) ? nlohmann::json(nullptr) : nlohmann::json(price)},
           {"score", r.score},
           {"popularity", popularity[i]},
           {"tier", tier(r.item)}});
    }
    std::cout << out.dump(2) << std::endl;
    return kExitOk;
  }
  std::printf("Top %d for user %s (model %s, %s, %s)\n", a.k, a.user.c_str(), p.record.name.c_str(),
              p.model->metadata().kind.c_str(), p.device.description.c_str());
  std::printf("%4s  %-14s  %-36s  %-16s  %9s  %9s  %s\n", "rank", "item", "title", "category", "price",
              "score", "tier");
  for (const auto& r : list.value()) {
    const auto i = static_cast<std::size_t>(r.item);
    const std::string title = i < d.items.titles.size() ? d.items.titles[i].substr(0, 36) : "";
    const double price = i < d.items.prices.size() ? d.items.prices[i] : NAN;
    char priceText[32] = "-";
    if (!std::isnan(price)) std::snprintf(priceText, sizeof priceText, "%.2f", price);
    std::printf("%4d  %-14s  %-36s  %-16s  %9s  %9.4f  %s\n", r.rank,
                printableText(d.items.ids[i], std::string::npos).c_str(),
                printableText(title, std::string::npos).c_str(),
                fieldValue(d.items, "category", i).substr(0, 16).c_str(), priceText, double(r.score),
                tier(r.item));
  }
  return kExitOk;
}

}  // namespace

void addRecommendCommand(CLI::App& app, CommandRunner& runner) {
  auto args = std::make_shared<RecommendArgs>();
  auto* sub = app.add_subcommand("recommend", "Top-K recommendations of one user, with optional re-ranking");
  sub->add_option("--project", args->project, "Project file (*.reclens)")->required();
  sub->add_option("--model", args->model,
                  "Registered model name or model file (default: the newest registered)");
  sub->add_option("--user", args->user, "External user id");
  sub->add_flag("--all-users", args->allUsers,
                "Every user's list, streamed in user order (CSV with --csv, else JSON with --json)");
  sub->add_flag("--csv", args->csv, "--all-users: CSV rows user,rank,item,score");
  sub->add_option("--out", args->out, "--all-users: write to this file instead of standard output");
  sub->add_option("--batch", args->batch, "--all-users: users scored together")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  sub->add_option("--threads", args->threads, "CPU threads (0: library default, all cores)")
      ->check(CLI::Range(0, 1024));
  sub->add_flag("--quiet", args->quiet, "No progress on standard error");
  sub->add_option("--k", args->k, "List length")->check(CLI::Range(1, 100000))->capture_default_str();
  addReRankFlags(sub, args->rerank, "Re-rank");
  sub->add_option("--device", args->device, "auto, cpu or cuda[:N]")->capture_default_str();
  sub->add_flag("--trust-model", args->trustModel,
                "Load the project's model even if it lies outside the project's folder or changed since "
                "it was registered");
  sub->add_flag("--json", args->json, "Print JSON on stdout");
  sub->callback([&runner, args] { runner = [args] { return runRecommend(*args); }; });
}

}  // namespace reclens::cli
