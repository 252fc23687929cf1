#include "engine/umap.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <string>

#include "common/parallelchunks.h"
#include "common/taskpart.h"
#include "data/generatorrng.h"
#include "engine/computethreads.h"
#include "engine/embeddingprojection.h"

namespace reclens {

namespace {

constexpr float kClip = 4.0f;
constexpr float kRepulsionEpsilon = 0.001f;
// Adam's moments: short memories, as the layout keeps moving.
constexpr double kBeta1 = 0.5;
constexpr double kBeta2 = 0.9;
constexpr double kAdamEpsilon = 1e-7;
constexpr std::size_t kRowGrain = 4096;

float clip(float g) {
  return std::clamp(g, -kClip, kClip);
}

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// PCA start: the first two principal components, each scaled to [0, 10], plus a little seeded noise
// so that identical rows can separate.
Result<std::vector<float>> startLayout(const std::vector<float>& matrix, std::size_t rows, int dim,
                                       std::uint64_t seed) {
  auto pca = principalComponents(matrix, rows, dim, 2);
  if (!pca) return pca.error();
  auto coords = std::move(pca.value().coordinates);
  GeneratorRng noise(seed);
  for (int c = 0; c < 2; ++c) {
    float lo = std::numeric_limits<float>::max(), hi = std::numeric_limits<float>::lowest();
    for (std::size_t i = 0; i < rows; ++i) {
      lo = std::min(lo, coords[2 * i + std::size_t(c)]);
      hi = std::max(hi, coords[2 * i + std::size_t(c)]);
    }
    const float scale = hi > lo ? 10.0f / (hi - lo) : 0.0f;
    for (std::size_t i = 0; i < rows; ++i) {
      auto& x = coords[2 * i + std::size_t(c)];
      x = (x - lo) * scale + float(1e-4 * noise.normal());
    }
  }
  return coords;
}

}  // namespace

Result<UmapLayout> umapLayout(const std::vector<float>& matrix, std::size_t rows, int dim,
                              const UmapOptions& options, const TaskControl& control) {
  if (rows < 3 || dim <= 0 || matrix.size() != rows * static_cast<std::size_t>(dim)) {
    return makeError(ErrorCode::InvalidArgument, "UMAP needs at least 3 rows and a matrix of " +
                                                     std::to_string(rows) + " x " + std::to_string(dim) +
                                                     " values");
  }
  if (options.neighbours < 2 || options.minDist < 0.0 || options.spread <= 0.0 ||
      options.minDist > options.spread || options.negativeSamples < 0 || options.epochs < 0 ||
      options.learningRate <= 0.0 || rows > std::size_t(std::numeric_limits<std::int32_t>::max())) {
    return makeError(ErrorCode::InvalidArgument,
                     "UMAP needs at least 2 neighbours, 0 <= min-dist <= spread, spread > 0 and a positive "
                     "learning rate");
  }
  const int threads = options.threads > 0 ? options.threads : std::max(1, computeThreads());
  UmapLayout layout;
  layout.epochs = options.epochs > 0 ? options.epochs : (rows < 10000 ? 500 : 200);
  umapCurve(options.minDist, options.spread, layout.a, layout.b);

  const auto clock = std::chrono::steady_clock::now();
  NeighbourOptions nn;
  nn.k = std::min<int>(options.neighbours - 1, int(rows - 1));
  nn.seed = options.seed;
  nn.threads = threads;
  auto knn = approximateNeighbours(matrix, rows, dim, nn, taskPart(control, 0.0, 0.3));
  if (!knn) return knn.error();
  layout.neighbourSeconds = secondsSince(clock);

  const auto layoutClock = std::chrono::steady_clock::now();
  control.report(0.3, "building the fuzzy graph");
  FuzzyGraph graph = fuzzySimplicialSet(knn.value(), rows, threads);
  knn = NeighbourGraph{};
  if (control.cancelled()) return makeError(ErrorCode::Cancelled, "UMAP was cancelled");
  auto start = startLayout(matrix, rows, dim, options.seed);
  if (!start) return start.error();
  std::vector<float> current = std::move(start.value());

  // Edges too weak to be sampled even once in all rounds are dropped; the others are sampled every
  // wmax / w rounds.
  const float wmax =
      graph.weights.empty() ? 1.0f : *std::max_element(graph.weights.begin(), graph.weights.end());
  const float floor = wmax / float(layout.epochs);
  std::vector<std::int64_t> offsets(rows + 1, 0);
  std::vector<std::int32_t> targets;
  std::vector<float> period;
  targets.reserve(graph.targets.size());
  period.reserve(graph.targets.size());
  for (std::size_t i = 0; i < rows; ++i) {
    for (auto o = graph.offsets[i]; o < graph.offsets[i + 1]; ++o) {
      const float w = graph.weights[std::size_t(o)];
      if (w < floor || w <= 0.0f) continue;
      targets.push_back(graph.targets[std::size_t(o)]);
      period.push_back(wmax / w);
    }
    offsets[i + 1] = std::int64_t(targets.size());
  }
  graph = FuzzyGraph{};
  layout.edges = targets.size();
  std::vector<float> nextSample(period), nextNegative(period.size());
  const float negatives = float(std::max(options.negativeSamples, 0));
  for (std::size_t e = 0; e < period.size(); ++e)
    nextNegative[e] = negatives > 0.0f ? period[e] / negatives : std::numeric_limits<float>::infinity();

  const float a = float(layout.a), b = float(layout.b);
  const auto n32 = std::uint32_t(rows);
  std::vector<float> next(current.size());
  std::vector<float> m1(current.size(), 0.0f), m2(current.size(), 0.0f);
  double beta1Power = 1.0, beta2Power = 1.0;
  for (int round = 1; round <= layout.epochs; ++round) {
    if (control.cancelled()) return makeError(ErrorCode::Cancelled, "UMAP was cancelled");
    control.report(0.32 + 0.68 * double(round - 1) / layout.epochs, "optimising the layout");
    const float n = float(round);
    const double alpha = options.learningRate * (1.0 - double(round - 1) / layout.epochs);
    beta1Power *= kBeta1;
    beta2Power *= kBeta2;
    const double stepScale = alpha * std::sqrt(1.0 - beta2Power) / (1.0 - beta1Power);
    parallelChunks(rows, kRowGrain, threads, [&](std::size_t begin, std::size_t end, std::size_t) {
      std::vector<std::uint32_t> pushedAway;  // this row's negative samples of the round
      for (std::size_t i = begin; i < end; ++i) {
        // A stream of its own per (round, row): the same draws whichever thread runs the row.
        GeneratorRng rng(GeneratorRng::derive(options.seed, std::uint64_t(round) * rows + i));
        const float xi = current[2 * i], yi = current[2 * i + 1];
        const auto first = std::size_t(offsets[i]), last = std::size_t(offsets[i + 1]);
        // The rows this one reads are scattered over the layout: ask for them before they are needed
        // (the attraction's neighbours now, the negative samples as they are drawn), so that their
        // cache misses overlap instead of stalling one after another.
        for (auto e = first; e < last; ++e) __builtin_prefetch(&current[2 * std::size_t(targets[e])]);
        float gx = 0.0f, gy = 0.0f;
        pushedAway.clear();
        for (auto e = first; e < last; ++e) {
          if (nextSample[e] > n) continue;
          const auto j = std::size_t(targets[e]);
          const float dx = xi - current[2 * j], dy = yi - current[2 * j + 1];
          const float d2 = dx * dx + dy * dy;
          if (d2 > 0.0f) {
            const float p = std::pow(d2, b);
            const float coef = -2.0f * a * b * (p / d2) / (1.0f + a * p);
            gx += clip(coef * dx);
            gy += clip(coef * dy);
          }
          nextSample[e] += period[e];
          const float perNegative = period[e] / negatives;
          const int count = negatives > 0.0f ? int((n - nextNegative[e]) / perNegative) : 0;
          for (int s = 0; s < count; ++s) {
            const std::uint32_t k = rng.below(n32);
            if (k == i) continue;
            __builtin_prefetch(&current[2 * std::size_t(k)]);
            pushedAway.push_back(k);
          }
          if (count > 0) nextNegative[e] += float(count) * perNegative;
        }
        for (const std::uint32_t k : pushedAway) {
          const float ex = xi - current[2 * std::size_t(k)], ey = yi - current[2 * std::size_t(k) + 1];
          const float e2 = ex * ex + ey * ey;
          if (e2 > 0.0f) {
            const float coef = 2.0f * b / ((kRepulsionEpsilon + e2) * (1.0f + a * std::pow(e2, b)));
            gx += clip(coef * ex);
            gy += clip(coef * ey);
          } else {
            gx += kClip;
            gy += kClip;
          }
        }
        // Adam step on this row alone.
        const float g[2] = {gx, gy};
        for (std::size_t c = 0; c < 2; ++c) {
          const std::size_t at = 2 * i + c;
          m1[at] = float(kBeta1) * m1[at] + float(1.0 - kBeta1) * g[c];
          m2[at] = float(kBeta2) * m2[at] + float(1.0 - kBeta2) * g[c] * g[c];
          next[at] = current[at] + float(stepScale * m1[at] / (std::sqrt(double(m2[at])) + kAdamEpsilon));
        }
      }
    });
    current.swap(next);
  }
  control.report(1.0, "optimising the layout");
  layout.layoutSeconds = secondsSince(layoutClock);
  layout.coordinates = std::move(current);
  return layout;
}

}  // namespace reclens
