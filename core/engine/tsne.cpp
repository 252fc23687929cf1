#include "engine/tsne.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

#include "common/parallelchunks.h"
#include "common/taskpart.h"
#include "data/generatorrng.h"
#include "engine/computethreads.h"
#include "engine/embeddingprojection.h"
#include "engine/nearestneighbours.h"

namespace reclens {

namespace {

constexpr std::size_t kMaxRows = 500000;  // P's memory grows with rows × 3 perplexity; UMAP goes further
constexpr int kMaxTreeDepth = 48;

double secondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The symmetric affinities P in compressed rows, sorted by column.
struct Affinities {
  std::vector<std::int64_t> offsets;
  std::vector<std::int32_t> columns;
  std::vector<float> values;
};

Affinities symmetrise(const std::vector<std::int32_t>& indices, const std::vector<float>& conditional,
                      std::size_t rows, int k) {
  const auto kk = static_cast<std::size_t>(k);
  std::vector<std::int64_t> size(rows + 1, 0);
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < kk; ++j) {
      ++size[i + 1];
      ++size[static_cast<std::size_t>(indices[i * kk + j]) + 1];
    }
  }
  std::partial_sum(size.begin(), size.end(), size.begin());
  std::vector<std::pair<std::int32_t, float>> entries(static_cast<std::size_t>(size.back()));
  auto next = size;
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < kk; ++j) {
      const auto t = static_cast<std::size_t>(indices[i * kk + j]);
      const float c = conditional[i * kk + j];
      entries[static_cast<std::size_t>(next[i]++)] = {static_cast<std::int32_t>(t), c};
      entries[static_cast<std::size_t>(next[t]++)] = {static_cast<std::int32_t>(i), c};
    }
  }
  Affinities p;
  p.offsets.assign(rows + 1, 0);
  const double norm = 1.0 / (2.0 * static_cast<double>(rows));
  for (std::size_t i = 0; i < rows; ++i) {
    auto begin = entries.begin() + size[i], end = entries.begin() + size[i + 1];
    std::sort(begin, end, [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto it = begin; it != end;) {
      auto stop = it;
      double sum = 0.0;
      while (stop != end && stop->first == it->first) sum += (stop++)->second;
      p.columns.push_back(it->first);
      p.values.push_back(static_cast<float>(sum * norm));
      it = stop;
    }
    p.offsets[i + 1] = static_cast<std::int64_t>(p.columns.size());
  }
  return p;
}

// A quadtree over the layout: every node holds its points' count and centre of mass; a leaf holds a
// range of `order` (one point, or several that could not be told apart within kMaxTreeDepth levels).
struct QuadTree {
  struct Node {
    double cx = 0.0, cy = 0.0, half = 0.0;  // the square's centre and half width
    double mx = 0.0, my = 0.0;              // centre of mass
    std::int32_t count = 0;
    std::int32_t child = -1;          // first of four children; -1 for a leaf
    std::int32_t begin = 0, end = 0;  // a leaf's points: order[begin .. end)
  };
  std::vector<Node> nodes;
  std::vector<std::int32_t> order;

  void build(const std::vector<float>& y, std::size_t rows) {
    nodes.clear();
    order.resize(rows);
    std::iota(order.begin(), order.end(), 0);
    double lox = std::numeric_limits<double>::max(), loy = lox, hix = -lox, hiy = -lox;
    for (std::size_t i = 0; i < rows; ++i) {
      lox = std::min(lox, double(y[2 * i]));
      hix = std::max(hix, double(y[2 * i]));
      loy = std::min(loy, double(y[2 * i + 1]));
      hiy = std::max(hiy, double(y[2 * i + 1]));
    }
    Node root;
    root.cx = 0.5 * (lox + hix);
    root.cy = 0.5 * (loy + hiy);
    root.half = 0.5 * std::max(hix - lox, hiy - loy) * (1.0 + 1e-6) + 1e-12;
    nodes.push_back(root);
    split(0, 0, static_cast<std::int32_t>(rows), 0, y);
  }

  void split(std::size_t node, std::int32_t begin, std::int32_t end, int depth, const std::vector<float>& y) {
    double mx = 0.0, my = 0.0;
    for (auto k = begin; k < end; ++k) {
      mx += y[2 * static_cast<std::size_t>(order[static_cast<std::size_t>(k)])];
      my += y[2 * static_cast<std::size_t>(order[static_cast<std::size_t>(k)]) + 1];
    }
    auto& n = nodes[node];
    n.count = end - begin;
    n.mx = n.count > 0 ? mx / n.count : n.cx;
    n.my = n.count > 0 ? my / n.count : n.cy;
    n.begin = begin;
    n.end = end;
    if (n.count <= 1 || depth >= kMaxTreeDepth) return;
    const double cx = n.cx, cy = n.cy, half = n.half;
    const auto first = order.begin() + begin, last = order.begin() + end;
    const auto below = [&](std::int32_t i) { return y[2 * static_cast<std::size_t>(i) + 1] < cy; };
    const auto left = [&](std::int32_t i) { return y[2 * static_cast<std::size_t>(i)] < cx; };
    const auto mid = std::stable_partition(first, last, below);
    const auto q1 = std::stable_partition(first, mid, left);
    const auto q3 = std::stable_partition(mid, last, left);
    const std::int32_t bounds[5] = {begin, static_cast<std::int32_t>(q1 - order.begin()),
                                    static_cast<std::int32_t>(mid - order.begin()),
                                    static_cast<std::int32_t>(q3 - order.begin()), end};
    const auto child = static_cast<std::int32_t>(nodes.size());
    nodes[node].child = child;
    for (int q = 0; q < 4; ++q) {
      Node c;
      c.half = 0.5 * half;
      c.cx = cx + ((q & 1) ? 0.5 : -0.5) * half;
      c.cy = cy + ((q & 2) ? 0.5 : -0.5) * half;
      nodes.push_back(c);
    }
    for (int q = 0; q < 4; ++q)
      split(static_cast<std::size_t>(child + q), bounds[q], bounds[q + 1], depth + 1, y);
  }

  // Σ_j q_ij (unnormalised, j ≠ i) and Σ_j q_ij² (y_i − y_j), the far cells summarised.
  void repulsion(std::size_t i, const std::vector<float>& y, double theta, double& sumQ, double& fx,
                 double& fy, std::vector<std::int32_t>& stack) const {
    const double yx = y[2 * i], yy = y[2 * i + 1];
    sumQ = fx = fy = 0.0;
    stack.clear();
    stack.push_back(0);
    while (!stack.empty()) {
      const auto& n = nodes[static_cast<std::size_t>(stack.back())];
      stack.pop_back();
      if (n.count == 0) continue;
      if (n.child < 0) {
        for (auto k = n.begin; k < n.end; ++k) {
          const auto j = static_cast<std::size_t>(order[static_cast<std::size_t>(k)]);
          if (j == i) continue;
          const double dx = yx - y[2 * j], dy = yy - y[2 * j + 1];
          const double q = 1.0 / (1.0 + dx * dx + dy * dy);
          sumQ += q;
          fx += q * q * dx;
          fy += q * q * dy;
        }
        continue;
      }
      const double dx = yx - n.mx, dy = yy - n.my;
      const double d2 = dx * dx + dy * dy;
      const double width = 2.0 * n.half;
      if (width * width < theta * theta * d2) {
        const double q = 1.0 / (1.0 + d2);
        sumQ += n.count * q;
        fx += n.count * q * q * dx;
        fy += n.count * q * q * dy;
        continue;
      }
      for (int c = 3; c >= 0; --c) stack.push_back(n.child + c);
    }
  }
};

}  // namespace

std::vector<double> perplexityWeights(const std::vector<float>& distances, double perplexity) {
  const auto k = distances.size();
  std::vector<double> p(k, 0.0);
  if (k == 0) return p;
  std::vector<double> d2(k);
  for (std::size_t j = 0; j < k; ++j)
    d2[j] = double(distances[j]) * double(distances[j]) - double(distances[0]) * double(distances[0]);
  const double target = std::log(perplexity);
  double beta = 1.0, lo = 0.0, hi = std::numeric_limits<double>::infinity();
  for (int step = 0; step < 200; ++step) {
    double sum = 0.0, weighted = 0.0;
    for (std::size_t j = 0; j < k; ++j) {
      p[j] = std::exp(-beta * d2[j]);
      sum += p[j];
      weighted += d2[j] * p[j];
    }
    const double entropy = std::log(sum) + beta * weighted / sum;
    for (auto& v : p) v /= sum;
    if (std::abs(entropy - target) < 1e-5) break;
    if (entropy > target) {  // too flat: sharpen
      lo = beta;
      beta = std::isinf(hi) ? beta * 2.0 : 0.5 * (beta + hi);
    } else {
      hi = beta;
      beta = 0.5 * (beta + lo);
    }
  }
  return p;
}

Result<TsneLayout> tsneLayout(const std::vector<float>& matrix, std::size_t rows, int dim,
                              const TsneOptions& options, const TaskControl& control) {
  if (rows < 4 || dim <= 0 || matrix.size() != rows * static_cast<std::size_t>(dim)) {
    return makeError(ErrorCode::InvalidArgument, "t-SNE needs at least 4 rows and a matrix of " +
                                                     std::to_string(rows) + " x " + std::to_string(dim) +
                                                     " values");
  }
  if (rows > kMaxRows) {
    return makeError(ErrorCode::InvalidArgument, "t-SNE is offered up to " + std::to_string(kMaxRows) +
                                                     " items (this catalog has " + std::to_string(rows) +
                                                     "); use UMAP for larger catalogs");
  }
  if (!(options.perplexity >= 2.0) || options.iterations < 1 || options.exaggeration < 1.0 ||
      options.exaggerationIterations < 0 || options.learningRate < 0.0 || !(options.theta >= 0.0)) {
    return makeError(ErrorCode::InvalidArgument,
                     "t-SNE needs a perplexity of at least 2, at least one iteration, an exaggeration of at "
                     "least 1, and a learning rate and theta not below 0");
  }
  const int threads = options.threads > 0 ? options.threads : std::max(1, computeThreads());
  TsneLayout layout;
  layout.iterations = options.iterations;
  layout.neighbours = std::min<int>(int(std::ceil(3.0 * options.perplexity)), int(rows - 1));
  const double perplexity = std::min(options.perplexity, double(layout.neighbours) / 3.0 + 1.0);

  const auto clock = std::chrono::steady_clock::now();
  NeighbourOptions nn;
  nn.k = layout.neighbours;
  nn.seed = options.seed;
  nn.threads = threads;
  auto knn = approximateNeighbours(matrix, rows, dim, nn, taskPart(control, 0.0, 0.2));
  if (!knn) return knn.error();
  layout.neighbourSeconds = secondsSince(clock);

  const auto layoutClock = std::chrono::steady_clock::now();
  control.report(0.2, "matching the perplexity");
  const auto k = static_cast<std::size_t>(knn.value().k);
  std::vector<float> conditional(rows * k);
  parallelChunks(rows, 1024, threads, [&](std::size_t begin, std::size_t end, std::size_t) {
    std::vector<float> d(k);
    for (std::size_t i = begin; i < end; ++i) {
      std::copy_n(knn.value().distances.begin() + static_cast<std::ptrdiff_t>(i * k), k, d.begin());
      const auto w = perplexityWeights(d, perplexity);
      for (std::size_t j = 0; j < k; ++j) conditional[i * k + j] = static_cast<float>(w[j]);
    }
  });
  const auto p = symmetrise(knn.value().indices, conditional, rows, int(k));
  knn = NeighbourGraph{};
  conditional = {};
  if (control.cancelled()) return makeError(ErrorCode::Cancelled, "t-SNE was cancelled");

  // The start: the first two principal components, scaled to standard deviation 1e-4, with a seeded
  // jitter a hundred times smaller so that equal rows do not coincide.
  auto pca = principalComponents(matrix, rows, dim, 2);
  if (!pca) return pca.error();
  std::vector<float> y = std::move(pca.value().coordinates);
  {
    double mean = 0.0, square = 0.0;
    for (std::size_t i = 0; i < rows; ++i) mean += y[2 * i];
    mean /= double(rows);
    for (std::size_t i = 0; i < rows; ++i) square += (y[2 * i] - mean) * (y[2 * i] - mean);
    const double sd = std::sqrt(square / double(rows));
    const double scale = sd > 0.0 ? 1e-4 / sd : 0.0;
    GeneratorRng noise(options.seed);
    for (auto& v : y) v = float(v * scale + 1e-6 * noise.normal());
  }

  const double rate =
      options.learningRate > 0.0 ? options.learningRate : std::max(200.0, double(rows) / 12.0);
  std::vector<float> update(y.size(), 0.0f), gains(y.size(), 1.0f), gradient(y.size(), 0.0f);
  std::vector<double> sumQ(rows, 0.0), repulsion(2 * rows, 0.0);
  QuadTree tree;
  for (int it = 0; it < options.iterations; ++it) {
    if (control.cancelled()) return makeError(ErrorCode::Cancelled, "t-SNE was cancelled");
    if (it % 10 == 0) control.report(0.22 + 0.78 * double(it) / options.iterations, "optimising the layout");
    const bool early = it < options.exaggerationIterations;
    const double exaggeration = early ? options.exaggeration : 1.0;
    const double momentum = early ? 0.5 : 0.8;
    tree.build(y, rows);
    // Per row: the attraction (times 4 and the exaggeration) and the raw repulsion; Z is summed afterwards
    // in row order, so nothing depends on how the rows were shared among threads.
    parallelChunks(rows, 512, threads, [&](std::size_t begin, std::size_t end, std::size_t) {
      std::vector<std::int32_t> stack;
      for (std::size_t i = begin; i < end; ++i) {
        double ax = 0.0, ay = 0.0;
        for (auto o = p.offsets[i]; o < p.offsets[i + 1]; ++o) {
          const auto j = static_cast<std::size_t>(p.columns[static_cast<std::size_t>(o)]);
          const double dx = double(y[2 * i]) - y[2 * j], dy = double(y[2 * i + 1]) - y[2 * j + 1];
          const double q = 1.0 / (1.0 + dx * dx + dy * dy);
          ax += p.values[static_cast<std::size_t>(o)] * q * dx;
          ay += p.values[static_cast<std::size_t>(o)] * q * dy;
        }
        gradient[2 * i] = float(4.0 * exaggeration * ax);
        gradient[2 * i + 1] = float(4.0 * exaggeration * ay);
        tree.repulsion(i, y, options.theta, sumQ[i], repulsion[2 * i], repulsion[2 * i + 1], stack);
      }
    });
    double z = 0.0;
    for (const double q : sumQ) z += q;
    z = std::max(z, std::numeric_limits<double>::min());
    parallelChunks(2 * rows, 4096, threads, [&](std::size_t begin, std::size_t end, std::size_t) {
      for (std::size_t c = begin; c < end; ++c) {
        const float g = gradient[c] - float(4.0 * repulsion[c] / z);
        // Per-coordinate gains (Jacobs 1988): grow while the step keeps its direction, shrink otherwise.
        gains[c] = (g > 0.0f) != (update[c] > 0.0f) ? gains[c] + 0.2f : std::max(0.01f, gains[c] * 0.8f);
        update[c] = float(momentum) * update[c] - float(rate) * gains[c] * g;
        y[c] += update[c];
      }
    });
    double cx = 0.0, cy = 0.0;
    for (std::size_t i = 0; i < rows; ++i) {
      cx += y[2 * i];
      cy += y[2 * i + 1];
    }
    cx /= double(rows);
    cy /= double(rows);
    for (std::size_t i = 0; i < rows; ++i) {
      y[2 * i] = float(y[2 * i] - cx);
      y[2 * i + 1] = float(y[2 * i + 1] - cy);
    }
  }
  layout.layoutSeconds = secondsSince(layoutClock);
  layout.coordinates = std::move(y);
  return layout;
}

}  // namespace reclens
