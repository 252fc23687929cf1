// reclens-cli map: the 2-D map of item embeddings (PCA or UMAP) the Embedding map page draws, headless,
// for a project's model or for generated clustered vectors held in memory; times each run.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <random>

#include "benchsupport.h"
#include "clisupport.h"
#include "commands.h"
#include "engine/computethreads.h"
#include "engine/embeddingprojection.h"
#include "engine/scoringengine.h"
#include "engine/tsne.h"
#include "engine/umap.h"
#include "projectmodel.h"

namespace reclens::cli {

namespace {

struct MapArgs {
  std::string project;
  std::string model;
  bool trustModel = false;
  std::int64_t items = 0;
  int dim = 64;
  int clusters = 50;
  std::string method = "umap";
  std::uint64_t seed = 1;
  int neighbours = 15;
  int epochs = 0;
  double minDist = 0.1;
  double perplexity = 30.0;
  int iterations = 1000;
  int threads = 0;
  int repeat = 1;
  std::string out;
  bool json = false;
  bool quiet = false;
};

// `items` vectors around `clusters` centres: centres N(0, 4²) per axis, points N(centre, 1), each item's
// cluster drawn uniformly. Seeded by `seed`.
std::vector<float> clusteredVectors(std::size_t items, int dim, int clusters, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<float> normal(0.0f, 1.0f);
  std::vector<float> centres(static_cast<std::size_t>(clusters) * std::size_t(dim));
  for (auto& c : centres) c = 4.0f * normal(rng);
  std::uniform_int_distribution<int> pick(0, clusters - 1);
  std::vector<float> m(items * std::size_t(dim));
  for (std::size_t i = 0; i < items; ++i) {
    const float* c = centres.data() + std::size_t(pick(rng)) * std::size_t(dim);
    for (int d = 0; d < dim; ++d) m[i * std::size_t(dim) + std::size_t(d)] = c[d] + normal(rng);
  }
  return m;
}

int runMap(const MapArgs& a) {
  setComputeThreads(a.threads);
  if (a.method != "pca" && a.method != "umap" && a.method != "tsne") {
    std::cerr << "reclens-cli: error: --method must be pca, umap or tsne" << std::endl;
    return kExitUsage;
  }
  if (a.project.empty() == (a.items <= 0)) {
    std::cerr << "reclens-cli: error: give either --project or --items" << std::endl;
    return kExitUsage;
  }
  std::vector<float> matrix;
  std::vector<std::string> ids;
  int dim = a.dim;
  std::size_t rows = 0;
  if (!a.project.empty()) {
    auto opened = openProjectWithModel(a.project, a.model, "cpu", a.trustModel);
    if (!opened) return reportError(opened.error());
    ScoringEngine engine(opened.value().model);
    matrix = engine.itemEmbeddingsOnCpu();
    dim = engine.dim();
    rows = engine.numItems();
    ids = opened.value().dataset.items.ids;
  } else {
    if (a.dim < 2 || a.clusters < 1) {
      std::cerr << "reclens-cli: error: --dim must be at least 2 and --clusters at least 1" << std::endl;
      return kExitUsage;
    }
    rows = static_cast<std::size_t>(a.items);
    const auto start = std::chrono::steady_clock::now();
    matrix = clusteredVectors(rows, dim, a.clusters, a.seed);
    if (!a.quiet) {
      std::cerr << "map: generated " << rows << " x " << dim << " clustered vectors in "
                << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() << " s\n";
    }
  }
  const auto control = terminalTaskControl("map", a.quiet);
  std::vector<double> seconds, neighbourSeconds, layoutSeconds;
  std::vector<float> coordinates;
  UmapLayout last;
  for (int r = 0; r < std::max(1, a.repeat); ++r) {
    const auto start = std::chrono::steady_clock::now();
    if (a.method == "pca") {
      auto pca = principalComponents(matrix, rows, dim, 2);
      if (!pca) return reportError(pca.error());
      coordinates = std::move(pca.value().coordinates);
    } else if (a.method == "tsne") {
      TsneOptions options;
      options.perplexity = a.perplexity;
      options.iterations = a.iterations;
      options.seed = a.seed;
      options.threads = computeThreads();
      auto layout = tsneLayout(matrix, rows, dim, options, control);
      if (!layout) return reportError(layout.error());
      neighbourSeconds.push_back(layout.value().neighbourSeconds);
      layoutSeconds.push_back(layout.value().layoutSeconds);
      coordinates = std::move(layout.value().coordinates);
    } else {
      UmapOptions options;
      options.neighbours = a.neighbours;
      options.epochs = a.epochs;
      options.minDist = a.minDist;
      options.seed = a.seed;
      options.threads = computeThreads();
      auto layout = umapLayout(matrix, rows, dim, options, control);
      if (!layout) return reportError(layout.error());
      last = std::move(layout).value();
      neighbourSeconds.push_back(last.neighbourSeconds);
      layoutSeconds.push_back(last.layoutSeconds);
      coordinates = std::move(last.coordinates);
    }
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  if (!a.out.empty()) {
    std::ofstream file(a.out);
    file << "item,x,y\n";
    for (std::size_t i = 0; i < rows; ++i)
      file << (ids.empty() ? std::to_string(i) : ids[i]) << ',' << coordinates[2 * i] << ','
           << coordinates[2 * i + 1] << '\n';
    if (!file.flush()) return reportError(makeError(ErrorCode::Io, "could not write " + a.out));
  }
  const auto total = summarize(seconds);
  nlohmann::json j = {{"method", a.method},          {"items", rows},  {"dim", dim},
                      {"threads", computeThreads()}, {"seed", a.seed}, {"seconds", summaryJson(total)},
                      {"peak_rss_mib", peakRssMiB()}};
  if (a.method == "tsne") {
    j["neighbour_seconds_median"] = median(neighbourSeconds);
    j["layout_seconds_median"] = median(layoutSeconds);
    j["perplexity"] = a.perplexity;
    j["iterations"] = a.iterations;
  }
  if (a.method == "umap") {
    j["neighbour_seconds_median"] = median(neighbourSeconds);
    j["layout_seconds_median"] = median(layoutSeconds);
    j["epochs"] = last.epochs;
    j["edges"] = last.edges;
    j["neighbours"] = a.neighbours;
  }
  if (a.json) {
    std::cout << j.dump(2) << std::endl;
  } else {
    std::printf("%s of %zu items x %d dims on %d threads: median %.2f s over %zu run(s)", a.method.c_str(),
                rows, dim, computeThreads(), total.median, seconds.size());
    if (a.method == "umap") {
      std::printf(" (neighbours %.2f s, layout %.2f s; %d epochs, %zu edges)", median(neighbourSeconds),
                  median(layoutSeconds), last.epochs, last.edges);
    } else if (a.method == "tsne") {
      std::printf(" (neighbours %.2f s, layout %.2f s; perplexity %g, %d iterations)",
                  median(neighbourSeconds), median(layoutSeconds), a.perplexity, a.iterations);
    }
    std::printf("; peak memory %.0f MiB\n", peakRssMiB());
  }
  return kExitOk;
}

}  // namespace

void addMapCommand(CLI::App& app, CommandRunner& runner) {
  auto a = std::make_shared<MapArgs>();
  auto* sub = app.add_subcommand("map",
                                 "2-D map of item embeddings (PCA, UMAP or t-SNE) of a project's model, or "
                                 "of generated clustered vectors, "
                                 "timed");
  sub->add_option("--project", a->project, "Project file whose model's item embeddings are mapped");
  sub->add_option("--model", a->model, "Registered model name or model file (default: the newest)");
  sub->add_flag("--trust-model", a->trustModel, "Load a registered model even when its file is not trusted");
  sub->add_option("--items", a->items,
                  "Instead of a project: this many generated clustered vectors in memory");
  sub->add_option("--dim", a->dim, "Dimensions of the generated vectors")->capture_default_str();
  sub->add_option("--clusters", a->clusters, "Clusters of the generated vectors")->capture_default_str();
  sub->add_option("--method", a->method, "pca, umap or tsne (Barnes-Hut t-SNE)")->capture_default_str();
  sub->add_option("--perplexity", a->perplexity, "t-SNE perplexity")->capture_default_str();
  sub->add_option("--iterations", a->iterations, "t-SNE gradient steps")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  sub->add_option("--seed", a->seed, "Seed of UMAP (and of the generated vectors)")->capture_default_str();
  sub->add_option("--neighbours", a->neighbours, "UMAP neighbours (the item itself counted)")
      ->capture_default_str();
  sub->add_option("--epochs", a->epochs, "UMAP rounds (0: 500 below 10,000 items, else 200)")
      ->capture_default_str();
  sub->add_option("--min-dist", a->minDist, "UMAP min-dist")->capture_default_str();
  sub->add_option("--threads", a->threads, "CPU threads (0: library default)")->capture_default_str();
  sub->add_option("--repeat", a->repeat, "Runs to time (the median is printed)")->capture_default_str();
  sub->add_option("--out", a->out, "Write item,x,y as CSV");
  sub->add_flag("--json", a->json, "Print the timings as JSON");
  sub->add_flag("--quiet", a->quiet, "No progress lines");
  sub->callback([a, &runner] { runner = [a] { return runMap(*a); }; });
}

}  // namespace reclens::cli
