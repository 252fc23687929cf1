#include <algorithm>
#include <cmath>
#include <limits>

#include "common/parallelchunks.h"
#include "engine/umap.h"

// The fuzzy graph and the low-dimensional curve of UMAP, following the definitions of McInnes, Healy
// and Melville (2018), sections 3.1–3.2 and appendix C.

namespace reclens {

namespace {

constexpr int kSigmaSteps = 64;
constexpr double kSigmaTolerance = 1e-5;
// σ never drops below this share of the row's mean neighbour distance (avoids a zero bandwidth).
constexpr double kMinSigmaScale = 1e-3;

struct Edge {
  std::int32_t target;
  float weight;
};

// σ of one row by bisection on Σ exp(−max(0, d − ρ) / σ) = target.
double rowSigma(const float* distances, int k, double rho, double target) {
  double lo = 0.0, hi = std::numeric_limits<double>::infinity(), mid = 1.0;
  for (int step = 0; step < kSigmaSteps; ++step) {
    double sum = 0.0;
    for (int j = 0; j < k; ++j) {
      const double excess = double(distances[j]) - rho;
      sum += excess > 0.0 ? std::exp(-excess / mid) : 1.0;
    }
    if (std::abs(sum - target) < kSigmaTolerance) break;
    if (sum > target) {
      hi = mid;
      mid = 0.5 * (lo + hi);
    } else {
      lo = mid;
      mid = std::isinf(hi) ? 2.0 * mid : 0.5 * (lo + hi);
    }
  }
  return mid;
}

}  // namespace

void umapCurve(double minDist, double spread, double& a, double& b) {
  // Levenberg–Marquardt on the two parameters.
  constexpr int kPoints = 300;
  std::vector<double> xs(kPoints), ys(kPoints);
  for (int p = 0; p < kPoints; ++p) {
    xs[std::size_t(p)] = 3.0 * spread * p / (kPoints - 1);
    ys[std::size_t(p)] =
        xs[std::size_t(p)] < minDist ? 1.0 : std::exp(-(xs[std::size_t(p)] - minDist) / spread);
  }
  const auto cost = [&](double ca, double cb) {
    double s = 0.0;
    for (int p = 0; p < kPoints; ++p) {
      const double x = xs[std::size_t(p)];
      const double r = 1.0 / (1.0 + ca * std::pow(x, 2.0 * cb)) - ys[std::size_t(p)];
      s += r * r;
    }
    return s;
  };
  a = 1.0;
  b = 1.0;
  double lambda = 1e-3;
  double current = cost(a, b);
  for (int it = 0; it < 200; ++it) {
    double jaa = 0, jab = 0, jbb = 0, ga = 0, gb = 0;
    for (int p = 0; p < kPoints; ++p) {
      const double x = xs[std::size_t(p)];
      if (x <= 0.0) continue;  // the curve is 1 at 0 for every a, b
      const double xp = std::pow(x, 2.0 * b);
      const double denom = 1.0 + a * xp;
      const double r = 1.0 / denom - ys[std::size_t(p)];
      const double da = -xp / (denom * denom);
      const double db = -a * xp * 2.0 * std::log(x) / (denom * denom);
      jaa += da * da;
      jab += da * db;
      jbb += db * db;
      ga += da * r;
      gb += db * r;
    }
    const double maa = jaa * (1.0 + lambda), mbb = jbb * (1.0 + lambda);
    const double det = maa * mbb - jab * jab;
    if (det == 0.0) break;
    const double stepA = -(mbb * ga - jab * gb) / det;
    const double stepB = -(maa * gb - jab * ga) / det;
    const double na = a + stepA, nb = b + stepB;
    const double next = na > 0.0 && nb > 0.0 ? cost(na, nb) : std::numeric_limits<double>::infinity();
    if (next < current) {
      const bool converged = current - next < 1e-14 * std::max(1.0, current);
      a = na;
      b = nb;
      current = next;
      lambda *= 0.3;
      if (converged) break;
    } else {
      lambda *= 10.0;
      if (lambda > 1e12) break;
    }
  }
}

FuzzyGraph fuzzySimplicialSet(const NeighbourGraph& knn, std::size_t rows, int threads) {
  const int k = knn.k;
  const auto ku = static_cast<std::size_t>(k);
  const double target = std::log2(double(k) + 1.0);
  double meanAll = 0.0;
  for (const float d : knn.distances) meanAll += d;
  meanAll /= std::max<std::size_t>(1, knn.distances.size());

  // Directed memberships, one row per item.
  std::vector<float> directed(rows * ku);
  parallelChunks(rows, 4096, threads, [&](std::size_t begin, std::size_t end, std::size_t) {
    for (std::size_t i = begin; i < end; ++i) {
      const float* d = knn.distances.data() + i * ku;
      double rho = 0.0, mean = 0.0;
      for (int j = 0; j < k; ++j) {
        mean += d[j];
        if (rho == 0.0 && d[j] > 0.0f) rho = d[j];
      }
      mean /= k;
      double sigma = rowSigma(d, k, rho, target);
      sigma = std::max(sigma, kMinSigmaScale * (rho > 0.0 ? mean : meanAll));
      for (int j = 0; j < k; ++j) {
        const double excess = double(d[j]) - rho;
        directed[i * ku + std::size_t(j)] = excess > 0.0 ? float(std::exp(-excess / sigma)) : 1.0f;
      }
    }
  });

  // Every directed edge i→j lands in row i and in row j; per row, the two halves of a pair combine
  // as the fuzzy union a + b − ab.
  std::vector<std::int64_t> counts(rows + 1, 0);
  for (std::size_t i = 0; i < rows; ++i) {
    counts[i + 1] += k;
    for (std::size_t j = 0; j < ku; ++j) ++counts[std::size_t(knn.indices[i * ku + j]) + 1];
  }
  for (std::size_t i = 0; i < rows; ++i) counts[i + 1] += counts[i];
  std::vector<Edge> both(static_cast<std::size_t>(counts[rows]));
  std::vector<std::int64_t> fill(counts.begin(), counts.end() - 1);
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < ku; ++j) {
      const auto t = knn.indices[i * ku + j];
      const float w = directed[i * ku + j];
      both[std::size_t(fill[i]++)] = {t, w};
      both[std::size_t(fill[std::size_t(t)]++)] = {static_cast<std::int32_t>(i), w};
    }
  }
  directed = {};
  // Per row: sort by target, merge pairs. A pair appears at most twice (once from each end).
  std::vector<std::int64_t> kept(rows + 1, 0);
  parallelChunks(rows, 4096, threads, [&](std::size_t begin, std::size_t end, std::size_t) {
    for (std::size_t i = begin; i < end; ++i) {
      auto* first = both.data() + counts[i];
      auto* last = both.data() + counts[i + 1];
      std::sort(first, last, [](const Edge& x, const Edge& y) {
        return x.target != y.target ? x.target < y.target : x.weight < y.weight;
      });
      auto* out = first;
      for (auto* e = first; e != last; ++e) {
        if (out != first && (out - 1)->target == e->target) {
          const float w = (out - 1)->weight;
          (out - 1)->weight = w + e->weight - w * e->weight;
        } else {
          *out++ = *e;
        }
      }
      kept[i + 1] = out - first;
    }
  });
  FuzzyGraph graph;
  graph.offsets.assign(rows + 1, 0);
  for (std::size_t i = 0; i < rows; ++i) graph.offsets[i + 1] = graph.offsets[i] + kept[i + 1];
  graph.targets.resize(std::size_t(graph.offsets[rows]));
  graph.weights.resize(std::size_t(graph.offsets[rows]));
  for (std::size_t i = 0; i < rows; ++i) {
    const Edge* e = both.data() + counts[i];
    for (std::int64_t o = graph.offsets[i]; o < graph.offsets[i + 1]; ++o, ++e) {
      graph.targets[std::size_t(o)] = e->target;
      graph.weights[std::size_t(o)] = e->weight;
    }
  }
  return graph;
}

}  // namespace reclens
