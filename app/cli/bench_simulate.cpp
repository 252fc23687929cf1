// reclens-cli bench simulate: the feedback-loop simulator (greedy with re-training, Thompson sampling) on a
// generated world, against the same loop written in plain PyTorch + numpy.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>

#include <unistd.h>

#include "audit/longtailmetrics.h"
#include "auditoutput.h"
#include "benchsupport.h"
#include "clisupport.h"
#include "commands.h"
#include "common/memoryallocator.h"
#include "data/generator.h"
#include "engine/computedevice.h"
#include "engine/computethreads.h"
#include "engine/userprofilebuilder.h"
#include "model/historyweight.h"
#include "model/modelfile.h"
#include "model/trainer.h"
#include "sim/oracle.h"
#include "sim/simretrain.h"
#include "sim/simulation.h"
#include "store/projectstore.h"

namespace reclens::cli {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

struct BenchSimulateArgs {
  std::string size = "demo";
  int rounds = 50;
  std::int64_t users = 0;
  int k = 20;
  int retrainEvery = 10;
  int retrainEpochs = 3;
  double eta = 1.0;
  double appealScale = 0.02;
  int repeats = 1;
  int threads = 0;
  std::uint64_t seed = 1;
  std::string device = "cpu";
  std::string python;
  std::string script;
  std::string keep;  // folder that keeps the world and the baseline's inputs ("" = a temporary one)
  bool noBaseline = false;
  bool json = false;
};

// The two loops the issue times: greedy top-K with a warm-started re-training every N rounds, and
// Thompson sampling over a frozen model.
struct Scenario {
  std::string name;
  std::string policy;
  bool retrain = false;
};
const std::vector<Scenario>& scenarios() {
  static const std::vector<Scenario> s = {{"greedy, re-trained", "greedy", true},
                                          {"thompson, frozen", "thompson", false}};
  return s;
}

struct World {
  Dataset dataset;
  std::shared_ptr<const ModelFile> model;
  std::unique_ptr<sim::Oracle> oracle;
  std::string modelPath;
};

Result<World> makeWorld(const BenchSimulateArgs& a, const ComputeDevice& device, const std::string& dir,
                        const TaskControl& control) {
  auto preset = GeneratorConfig::preset(a.size);
  if (!preset) return preset.error();
  auto g = preset.value();
  g.seed = a.seed;
  const auto project = dir + "/bench.reclens";
  auto store = ProjectStore::open(project, ProjectStore::Mode::Create);
  if (!store) return store.error();
  control.report(0.0, "generating the " + a.size + " world");
  if (auto made = generateProject(g, *store.value(), control); !made) return made.error();
  auto dataset = store.value()->loadDataset(control);
  if (!dataset) return dataset.error();
  auto generator = store.value()->metaValue("generator.config");
  if (!generator) return generator.error();
  World w;
  w.dataset = std::move(dataset).value();
  auto train = defaultTrainConfig("bpr");
  train.seed = a.seed;
  train.threads = a.threads;
  train.device = device.torchName();
  w.modelPath = (fs::absolute(dir) / "bench.bpr.pt").lexically_normal().string();
  control.report(0.0, "training the BPR model");
  if (auto trained = trainModel(w.dataset, train, w.modelPath, control); !trained) return trained.error();
  auto model = ModelFile::load(w.modelPath, device, &w.dataset.items);
  if (!model) return model.error();
  w.model = std::move(model).value();
  auto oracle = sim::makeSyntheticOracle(generator.value(), w.dataset, a.appealScale);
  if (!oracle) return oracle.error();
  w.oracle = std::move(oracle).value();
  return w;
}

// The baseline's inputs (resources/python/simulate_baseline.py says what each is).
Status writeInputs(const World& w, const BenchSimulateArgs& a, const std::string& dir) {
  const auto& d = w.dataset;
  const std::size_t users = d.users.size();
  const std::size_t items = d.items.size();
  auto weighting = historyWeightingOf(w.model->metadata().json);
  if (!weighting) return weighting.error();
  if (weighting.value() != HistoryWeighting::Sum)
    return makeError(ErrorCode::InvalidArgument, "the baseline assumes summed history weights");
  std::vector<double> appeal(users * items), row;
  for (std::size_t u = 0; u < users; ++u) {
    w.oracle->appeal(static_cast<std::int32_t>(u), row);
    std::copy(row.begin(), row.end(), appeal.begin() + static_cast<std::ptrdiff_t>(u * items));
  }
  // Each user's profile items (as the simulator sees them) in order of their last interaction.
  std::vector<std::map<std::int32_t, std::int64_t>> last(users);
  for (std::size_t r = 0; r < d.interactions.size(); ++r) {
    auto& t = last[static_cast<std::size_t>(d.interactions.user[r])][d.interactions.item[r]];
    t = std::max(t, d.interactions.ts[r]);
  }
  UserProfileBuilder builder(d, w.model->metadata());
  std::vector<std::int64_t> start{0};
  std::vector<std::int32_t> history;
  std::vector<float> weights;
  for (std::size_t u = 0; u < users; ++u) {
    const auto p = builder.profile(static_cast<std::int32_t>(u));
    std::vector<std::size_t> order(p.items.size());
    for (std::size_t j = 0; j < order.size(); ++j) order[j] = j;
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      const auto tx = last[u][p.items[x]], ty = last[u][p.items[y]];
      return tx < ty || (tx == ty && p.items[x] < p.items[y]);
    });
    for (auto j : order) {
      history.push_back(p.items[j]);
      weights.push_back(p.weights[j]);
    }
    start.push_back(static_cast<std::int64_t>(history.size()));
  }
  const auto popularity = itemPopularity(d.interactions, items);
  const auto head = shortHeadItems(popularity);
  std::vector<std::uint8_t> tail(items);
  for (std::size_t i = 0; i < items; ++i) tail[i] = head[i] ? 0 : 1;
  const auto novelty = itemNovelty(popularity);
  auto codes = [&](const char* name) {
    std::vector<std::int32_t> c(items, -1);
    const int f = d.items.fieldIndex(name);
    if (f >= 0)
      for (std::size_t i = 0; i < items; ++i) c[i] = d.items.fields[static_cast<std::size_t>(f)].codeAt(i);
    return c;
  };
  std::vector<double> taste;
  std::size_t categories = 0;
  if (w.oracle->hasTasteMix()) {
    for (std::size_t u = 0; u < users; ++u) {
      const auto mix = w.oracle->tasteMix(static_cast<std::int32_t>(u));
      categories = mix.size();
      taste.insert(taste.end(), mix.begin(), mix.end());
    }
  }
  Json groupSizes = Json::array();
  for (const auto& field : d.users.fields) {
    if (field.vocabulary().empty()) continue;
    std::vector<std::int32_t> c(users, -1);
    for (std::size_t u = 0; u < users; ++u) c[u] = field.codeAt(u);
    if (auto s = writeRawArray(dir, "group" + std::to_string(groupSizes.size()) + ".i32", c); !s) return s;
    groupSizes.push_back(field.vocabulary().size());
  }
  for (const auto& s :
       {writeRawArray(dir, "appeal.f64", appeal), writeRawArray(dir, "history_start.i64", start),
        writeRawArray(dir, "history_items.i32", history), writeRawArray(dir, "history_weights.f32", weights),
        writeRawArray(dir, "tail.u8", tail), writeRawArray(dir, "novelty.f64", novelty),
        writeRawArray(dir, "category.i32", codes("category")),
        writeRawArray(dir, "brand.i32", codes("brand")), writeRawArray(dir, "taste.f64", taste)}) {
    if (!s) return s;
  }
  const auto train = defaultTrainConfig("bpr");
  const Json meta = {
      {"users", users},
      {"items", items},
      {"model", w.modelPath},
      {"k", a.k},
      {"rounds", a.rounds},
      {"eta", a.eta},
      {"retrain_epochs", a.retrainEpochs},
      {"lr", train.lr},
      {"l2", train.l2},
      {"batch", train.batchSize},
      {"prior_scale", sim::PolicySpec::parse("thompson").value().parameter},  // the default prior
      {"noise", 0.5},
      {"planted_brand", w.oracle->plantedBrandCode()},
      {"categories", categories},
      {"group_sizes", groupSizes}};
  return writeTextFile(dir + "/meta.json", meta.dump());
}

sim::SimConfig configOf(const BenchSimulateArgs& a, const Scenario& s, int repeat) {
  sim::SimConfig c;
  c.policies = {sim::PolicySpec::parse(s.policy).value()};
  c.rounds = a.rounds;
  c.usersPerRound = a.users;
  c.k = a.k;
  c.retrainEvery = s.retrain ? a.retrainEvery : 0;
  c.retrainEpochs = a.retrainEpochs;
  c.seeds = 1;
  c.seed = a.seed + static_cast<std::uint64_t>(repeat);
  c.examination.eta = a.eta;
  return c;
}

// Round 1 is played before any random draw changes a list (both sides show the model's top K with the
// history masked), so its figures must agree value for value; later rounds only in distribution.
constexpr int kComparedMetrics[] = {sim::kExpectedTakes,
                                    sim::kRegret,
                                    sim::kNdcg,
                                    sim::kCoverage,
                                    sim::kGini,
                                    sim::kAplt,
                                    sim::kTailExposure,
                                    sim::kNovelty,
                                    sim::kDiversity,
                                    sim::kInterestDrift,
                                    sim::kPlantedBrandShare};

Json compareRoundOne(const sim::SimResult& ours, const Json& theirs) {
  const auto& round = ours.runs.front().seeds.front().rounds.front();
  const auto& theirRound = theirs.at("rounds").at(0).at("values");
  double worst = 0.0;
  std::string worstKey;
  for (const int m : kComparedMetrics) {
    const std::string key = sim::metricKey(m);
    const double a = round.values[static_cast<std::size_t>(m)];
    const double b = theirRound.contains(key) && theirRound[key].is_number() ? theirRound[key].get<double>()
                                                                             : std::nan("");
    if (std::isnan(a) && std::isnan(b)) continue;
    const double diff = std::abs(a - b) / std::max(1.0, std::abs(a));
    if (!(diff <= worst)) {
      worst = std::isnan(diff) ? INFINITY : diff;
      worstKey = key;
    }
  }
  int same = 0;
  const auto& shown = ours.runs.front().seeds.front().slates.front();
  const auto& their = theirs.at("first_slates");
  for (std::size_t j = 0; j < shown.size() && j < their.size(); ++j) {
    const auto u = static_cast<std::size_t>(shown[j].user);
    if (u < their.size() &&
        their[u].get<std::vector<int>>() == std::vector<int>(shown[j].items.begin(), shown[j].items.end()))
      ++same;
  }
  const double tolerance = 1e-6;
  return {{"round_one_users", shown.size()},
          {"round_one_same_slates", same},
          {"round_one_max_relative_difference", worst},
          {"round_one_worst_metric", worstKey},
          {"tolerance", tolerance},
          {"agree", worst <= tolerance && same == static_cast<int>(shown.size())}};
}

struct Timed {
  TimeSummary seconds;
  std::optional<sim::SimResult> first;
  double finalCumulativeTakes = 0.0;
};

Result<Timed> timeReclens(const World& w, const BenchSimulateArgs& a, const Scenario& s,
                          const ComputeDevice& device, const TaskControl& control) {
  Timed t;
  std::vector<double> runs;
  for (int r = 0; r < a.repeats; ++r) {
    auto config = configOf(a, s, r);
    config.keepSlates = true;  // rounds x users x K: the memory bound the loop keeps anyway
    control.report(static_cast<double>(r) / a.repeats, "RecLens: " + s.name);
    const auto started = std::chrono::steady_clock::now();
    const auto retrain = s.retrain ? sim::makeSimRetrainer(device) : sim::Retrainer{};
    auto result = sim::runSimulation(w.dataset, w.model, *w.oracle, config, retrain);
    if (!result) return result.error();
    runs.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    if (r == 0) {
      t.finalCumulativeTakes =
          result.value().runs.front().seeds.front().rounds.back().values[sim::kCumulativeTakes];
      t.first = std::move(result).value();
    }
  }
  t.seconds = summarize(std::move(runs));
  return t;
}

void printTable(const Json& out) {
  std::printf("device %s, %s\n", out["device"].get<std::string>().c_str(),
              out["library"].get<std::string>().c_str());
  std::printf("%s\n", allocatorLine().c_str());
  std::printf(
      "world %s: %lld users, %lld items; %d rounds, %s users per round, K = %d, %s; %d run(s) per side\n",
      out["size"].get<std::string>().c_str(), out["users"].get<long long>(), out["items"].get<long long>(),
      out["rounds"].get<int>(),
      out["users_per_round"].get<long long>() > 0
          ? std::to_string(out["users_per_round"].get<long long>()).c_str()
          : "all",
      out["k"].get<int>(), out["examination"].get<std::string>().c_str(), out["repeats"].get<int>());
  for (const auto& s : out["scenarios"]) {
    std::printf("%s:\n", s["name"].get<std::string>().c_str());
    std::printf(
        "  RecLens  median %.2f s, p95 %.2f s; cumulative takes per user %.3f; peak memory %.0f MiB\n",
        s["reclens_s"]["median"].get<double>(), s["reclens_s"]["p95"].get<double>(),
        s["cumulative_takes"].get<double>(), out["peak_rss_mib"].get<double>());
    if (s.contains("pytorch")) {
      const auto& p = s["pytorch"];
      std::printf(
          "  PyTorch  median %.2f s, p95 %.2f s; cumulative takes per user %.3f (%d threads, torch %s)\n",
          p["s"]["median"].get<double>(), p["s"]["p95"].get<double>(), p["cumulative_takes"].get<double>(),
          p["threads"].get<int>(), p["torch_version"].get<std::string>().c_str());
      std::printf("  %s\n", s["speedup_text"].get<std::string>().c_str());
      const auto& ag = s["agreement"];
      std::printf(
          "  agreement: round 1 slates equal for %d of %d users, largest relative difference of the round's "
          "figures %.3g (%s; tolerance %.3g): the two sides %s\n",
          ag["round_one_same_slates"].get<int>(), ag["round_one_users"].get<int>(),
          ag["round_one_max_relative_difference"].get<double>(),
          ag["round_one_worst_metric"].get<std::string>().c_str(), ag["tolerance"].get<double>(),
          ag["agree"].get<bool>() ? "agree" : "DISAGREE");
    } else if (s.contains("baseline_error")) {
      std::printf("  baseline: %s\n", s["baseline_error"].get<std::string>().c_str());
    }
  }
}

int runBenchSimulate(const BenchSimulateArgs& a) {
  setComputeThreads(a.threads);
  std::string note;
  const auto device = chooseComputeDevice(a.device, &note);
  if (!note.empty()) std::cerr << "reclens-cli: warning: " << note << std::endl;
  const std::string python = a.noBaseline ? std::string() : findPython(a.python, "torch");
  const std::string script =
      a.noBaseline ? std::string() : findPythonScript(a.script, "simulate_baseline.py");
  const std::string skipReason = baselineSkipReason(a.noBaseline, python, script, "simulate_baseline.py");
  if (!skipReason.empty() && !a.json) std::printf("PyTorch baseline skipped: %s\n", skipReason.c_str());

  const auto control = terminalTaskControl("bench simulate", a.json);
  const auto dir = a.keep.empty()
                       ? fs::temp_directory_path() / ("reclens-bench-simulate-" + std::to_string(::getpid()))
                       : fs::path(a.keep);
  std::error_code ec;
  if (!a.keep.empty() && fs::exists(dir / "bench.reclens"))
    return reportError(makeError(ErrorCode::InvalidArgument,
                                 "--keep-inputs: the folder already holds a world",
                                 (dir / "bench.reclens").string()));
  fs::create_directories(dir, ec);
  if (ec) return reportError(makeError(ErrorCode::Io, "cannot create " + dir.string() + ": " + ec.message()));
  const ScratchDir cleanup{a.keep.empty() ? dir : fs::path()};
  auto world = makeWorld(a, device, dir.string(), control);
  if (!world) return reportError(world.error());
  const auto& w = world.value();
  if (skipReason.empty()) {
    control.report(0.0, "writing the baseline's inputs");
    if (auto s = writeInputs(w, a, dir.string()); !s) return reportError(s.error());
  }
  Json out = {{"device", device.description},
              {"library", computeLibraryVersions()},
              {"allocator", memoryAllocatorDescription()},
              {"size", a.size},
              {"users", w.dataset.users.size()},
              {"items", w.dataset.items.size()},
              {"rounds", a.rounds},
              {"users_per_round", a.users},
              {"k", a.k},
              {"retrain_every", a.retrainEvery},
              {"retrain_epochs", a.retrainEpochs},
              {"examination", configOf(a, scenarios().front(), 0).examination.name()},
              {"repeats", a.repeats},
              {"threads", cpuThreads(device)},
              {"baseline_skipped", skipReason},
              {"scenarios", Json::array()}};
  for (const auto& s : scenarios()) {
    auto timed = timeReclens(w, a, s, device, control);
    if (!timed) return reportError(timed.error());
    auto& t = timed.value();
    Json entry = {{"name", s.name},
                  {"policy", s.policy},
                  {"retrain", s.retrain},
                  {"reclens_s", summaryJson(t.seconds)},
                  {"retrainings", t.first->runs.front().seeds.front().retrainings},
                  {"cumulative_takes", t.finalCumulativeTakes}};
    if (skipReason.empty()) {
      control.report(0.0, "PyTorch baseline: " + s.name);
      std::string why;
      const auto base = runBaselineJson(
          shellQuote(python) + " " + shellQuote(script) + " --dir " + shellQuote(dir.string()) +
              " --policy " + s.policy + " --repeats " + std::to_string(a.repeats) + " --threads " +
              std::to_string(cpuThreads(device)) + " --seed " + std::to_string(a.seed) + " --retrain-every " +
              std::to_string(s.retrain ? a.retrainEvery : 0),
          {{"seconds", JsonKind::NumberArray},
           {"rounds", JsonKind::Array},
           {"first_slates", JsonKind::Array},
           {"threads", JsonKind::Number},
           {"torch_version", JsonKind::String}},
          why);
      if (base && base->at("rounds").size() == static_cast<std::size_t>(a.rounds)) {
        const auto theirs = summarize(base->at("seconds").get<std::vector<double>>());
        entry["pytorch"] = {
            {"s", summaryJson(theirs)},
            {"threads", base->at("threads")},
            {"torch_version", base->at("torch_version")},
            {"cumulative_takes", base->at("rounds").back().at("values").value("cumulative_takes", 0.0)}};
        entry["agreement"] = compareRoundOne(*t.first, *base);
        entry["speedup"] = speedupOfTimes(theirs.median, t.seconds.median);
        entry["speedup_text"] = speedupText(entry["speedup"].get<double>());
      } else {
        entry["baseline_error"] = base ? "the baseline played " + std::to_string(base->at("rounds").size()) +
                                             " rounds, not " + std::to_string(a.rounds)
                                       : why;
      }
    }
    out["scenarios"].push_back(std::move(entry));
  }
  out["peak_rss_mib"] = peakRssMiB();
  if (a.json)
    std::cout << out.dump(2) << std::endl;
  else
    printTable(out);
  return kExitOk;
}

}  // namespace

void addBenchSimulateCommand(CLI::App& bench, CommandRunner& runner) {
  auto args = std::make_shared<BenchSimulateArgs>();
  auto* sub = bench.add_subcommand(
      "simulate",
      "Feedback-loop simulation (greedy re-trained every N rounds; Thompson sampling) on a generated world: "
      "RecLens against the same loop in plain PyTorch + numpy");
  sub->add_option("--size", args->size, "Generator preset of the world")
      ->check(CLI::IsMember(GeneratorConfig::presetNames()))
      ->capture_default_str();
  sub->add_option("--rounds", args->rounds, "Rounds")->check(CLI::Range(1, 100000))->capture_default_str();
  sub->add_option("--users", args->users, "Users per round, a seeded sample (0: all)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  sub->add_option("--k", args->k, "Slate length")->check(CLI::Range(2, 1000))->capture_default_str();
  sub->add_option("--retrain-every", args->retrainEvery, "Rounds between re-trainings of the greedy loop")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  sub->add_option("--retrain-epochs", args->retrainEpochs, "Epochs of each re-training")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  sub->add_option("--eta", args->eta, "Position bias: rank r is looked at with probability 1/r^eta")
      ->check(CLI::Range(0.0, 4.0))
      ->capture_default_str();
  sub->add_option("--appeal-scale", args->appealScale, "Appeal scale of the world's truth (as simulate)")
      ->check(CLI::Range(1e-6, 100.0))
      ->capture_default_str();
  sub->add_option("--repeats", args->repeats, "Timed runs per side and loop (seeds seed, seed+1, ...)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  sub->add_option("--threads", args->threads, "CPU threads of both sides (0: library default)")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  sub->add_option("--seed", args->seed, "Seed of the world, the model and the first run")
      ->capture_default_str();
  sub->add_option("--device", args->device, "auto, cpu or cuda[:N] (the baseline runs on the CPU)")
      ->capture_default_str();
  sub->add_option("--python", args->python, "Python interpreter for the PyTorch baseline");
  sub->add_option("--script", args->script, "Path of simulate_baseline.py");
  sub->add_option("--keep-inputs", args->keep,
                  "Write the world, its model and the baseline's inputs into this new folder and keep them "
                  "(to rerun simulate_baseline.py --dir FOLDER by hand)");
  sub->add_flag("--no-baseline", args->noBaseline, "Skip the PyTorch baseline");
  sub->add_flag("--json", args->json, "Print JSON on stdout");
  sub->callback([&runner, args] { runner = [args] { return runBenchSimulate(*args); }; });
}

}  // namespace reclens::cli
