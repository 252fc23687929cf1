#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <random>
#include <string>

#include "engine/embeddingprojection.h"

namespace reclens {

namespace {

// Rows handled per step: bounds the temporaries (a chunk in double precision, a chunk × k distance
// matrix) whatever the catalog size.
constexpr std::int64_t kChunkRows = 65536;

Status checkShape(const std::vector<float>& matrix, std::size_t rows, int dim) {
  if (rows == 0 || dim <= 0 || matrix.size() != rows * static_cast<std::size_t>(dim)) {
    return makeError(ErrorCode::InvalidArgument, "the matrix does not have " + std::to_string(rows) + " x " +
                                                     std::to_string(dim) + " values");
  }
  return {};
}

// A view of the caller's data; never written through.
torch::Tensor viewOf(const std::vector<float>& matrix, std::size_t rows, int dim) {
  return torch::from_blob(const_cast<float*>(matrix.data()), {static_cast<std::int64_t>(rows), dim},
                          torch::kFloat);
}

// Uniform double in [0, 1) from 53 random bits: the same sequence on every standard library.
double unitDouble(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

// Squared distances of every row to every centroid, chunk by chunk: (nearest label, its distance).
void assign(const torch::Tensor& x, const torch::Tensor& centroids, std::vector<std::int32_t>& labels,
            std::vector<double>& nearest) {
  const std::int64_t n = x.size(0);
  const auto c = centroids.to(torch::kDouble);
  const auto cNorm = c.pow(2).sum(1);
  for (std::int64_t begin = 0; begin < n; begin += kChunkRows) {
    const std::int64_t end = std::min(n, begin + kChunkRows);
    const auto chunk = x.slice(0, begin, end).to(torch::kDouble);
    const auto d = (chunk.pow(2).sum(1, true) - 2.0 * chunk.mm(c.t()) + cNorm.unsqueeze(0)).clamp_min(0.0);
    const auto [minValues, minIndex] = d.min(1);
    const auto values = minValues.contiguous();
    const auto index = minIndex.contiguous();
    const double* v = values.data_ptr<double>();
    const std::int64_t* i = index.data_ptr<std::int64_t>();
    for (std::int64_t r = begin; r < end; ++r) {
      labels[static_cast<std::size_t>(r)] = static_cast<std::int32_t>(i[r - begin]);
      nearest[static_cast<std::size_t>(r)] = v[r - begin];
    }
  }
}

// Squared distance of every row to row `row`.
std::vector<double> distancesTo(const torch::Tensor& x, std::int64_t row) {
  const auto d = (x - x[row].unsqueeze(0)).to(torch::kDouble).pow(2).sum(1).contiguous();
  return {d.data_ptr<double>(), d.data_ptr<double>() + d.numel()};
}

// k-means++: the first centre uniformly, each next one with probability proportional to the squared
// distance to the nearest centre chosen so far.
std::vector<std::int64_t> seedCentres(const torch::Tensor& x, int k, std::mt19937_64& rng) {
  const auto n = static_cast<std::size_t>(x.size(0));
  std::vector<std::int64_t> centres;
  centres.push_back(
      static_cast<std::int64_t>(std::min(n - 1, static_cast<std::size_t>(unitDouble(rng) * n))));
  std::vector<double> nearest = distancesTo(x, centres.back());
  while (static_cast<int>(centres.size()) < k) {
    double total = 0.0;
    for (const double d : nearest) total += d;
    std::size_t pick = 0;
    if (total > 0.0) {
      const double target = unitDouble(rng) * total;
      double running = 0.0;
      pick = n - 1;
      for (std::size_t r = 0; r < n; ++r) {
        running += nearest[r];
        if (running > target && nearest[r] > 0.0) {
          pick = r;
          break;
        }
      }
    } else {
      // Every row coincides with a centre already: take the first row not chosen yet.
      while (std::find(centres.begin(), centres.end(), static_cast<std::int64_t>(pick)) != centres.end())
        ++pick;
    }
    centres.push_back(static_cast<std::int64_t>(pick));
    const auto next = distancesTo(x, centres.back());
    for (std::size_t r = 0; r < n; ++r) nearest[r] = std::min(nearest[r], next[r]);
  }
  return centres;
}

}  // namespace

Result<EmbeddingProjection> principalComponents(const std::vector<float>& matrix, std::size_t rows, int dim,
                                                int components) {
  if (auto shape = checkShape(matrix, rows, dim); !shape) return shape.error();
  if (components < 1) return makeError(ErrorCode::InvalidArgument, "at least one component is needed");
  try {
    c10::InferenceMode guard;
    const auto x = viewOf(matrix, rows, dim);
    const auto n = static_cast<std::int64_t>(rows);
    const auto mean = x.to(torch::kDouble).mean(0, true);
    // The right singular vectors of the centred matrix are the eigenvectors of its Gram matrix; the
    // [dim, dim] Gram matrix is accumulated in double precision chunk by chunk.
    auto gram = torch::zeros({dim, dim}, torch::kDouble);
    for (std::int64_t begin = 0; begin < n; begin += kChunkRows) {
      const auto chunk = x.slice(0, begin, std::min(n, begin + kChunkRows)).to(torch::kDouble) - mean;
      gram.add_(chunk.t().mm(chunk));
    }
    const double divisor = n > 1 ? static_cast<double>(n - 1) : 1.0;
    const auto [eigenvalues, eigenvectors] = torch::linalg::eigh(gram, "L");  // ascending
    const int available = std::min(components, dim);
    // Descending order, signs fixed by the largest-magnitude loading.
    auto basis = eigenvectors.flip(1).slice(1, 0, available).contiguous();
    const auto largest = basis.abs().argmax(0);
    const auto signs = basis.gather(0, largest.unsqueeze(0)).sign().clamp_min(0.0) * 2.0 - 1.0;
    basis = basis * signs;
    const auto values = eigenvalues.flip(0).slice(0, 0, available).clamp_min(0.0).contiguous();

    EmbeddingProjection projection;
    projection.components = components;
    projection.totalVariance = gram.trace().item<double>() / divisor;
    projection.variance.assign(static_cast<std::size_t>(components), 0.0);
    for (int c = 0; c < available; ++c)
      projection.variance[static_cast<std::size_t>(c)] = values[c].item<double>() / divisor;
    projection.coordinates.assign(rows * static_cast<std::size_t>(components), 0.0f);
    for (std::int64_t begin = 0; begin < n; begin += kChunkRows) {
      const std::int64_t end = std::min(n, begin + kChunkRows);
      const auto scores =
          ((x.slice(0, begin, end).to(torch::kDouble) - mean).mm(basis)).to(torch::kFloat).contiguous();
      const float* s = scores.data_ptr<float>();
      for (std::int64_t r = begin; r < end; ++r) {
        for (int c = 0; c < available; ++c) {
          projection.coordinates[static_cast<std::size_t>(r) * static_cast<std::size_t>(components) +
                                 static_cast<std::size_t>(c)] = s[(r - begin) * available + c];
        }
      }
    }
    return projection;
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Internal, std::string("principal components failed: ") + e.what());
  }
}

Result<KMeansClustering> kMeans(const std::vector<float>& matrix, std::size_t rows, int dim, int k,
                                std::uint64_t seed, int maxIterations, const TaskControl& control) {
  if (auto shape = checkShape(matrix, rows, dim); !shape) return shape.error();
  if (k < 1 || static_cast<std::size_t>(k) > rows) {
    return makeError(ErrorCode::InvalidArgument,
                     "k must be between 1 and the number of rows (" + std::to_string(rows) + ")");
  }
  try {
    c10::InferenceMode guard;
    const auto x = viewOf(matrix, rows, dim);
    const auto n = static_cast<std::int64_t>(rows);
    std::mt19937_64 rng(seed);
    control.report(0.0, "seeding clusters");
    const auto centres = seedCentres(x, k, rng);
    auto centroids = x.index_select(0, torch::tensor(centres, torch::kLong)).to(torch::kDouble);

    KMeansClustering result;
    result.k = k;
    result.labels.assign(rows, -1);
    std::vector<std::int32_t> previous;
    std::vector<double> nearest(rows, 0.0);
    const int iterations = std::max(1, maxIterations);
    for (int it = 1; it <= iterations; ++it) {
      if (control.cancelled()) return makeError(ErrorCode::Cancelled, "k-means was cancelled");
      control.report(static_cast<double>(it - 1) / iterations, "clustering");
      assign(x, centroids, result.labels, nearest);
      if (result.labels == previous) break;
      previous = result.labels;
      result.iterations = it;
      // New centroids: the mean of each cluster's rows.
      auto sums = torch::zeros({k, dim}, torch::kDouble);
      const auto labels = torch::from_blob(result.labels.data(), {n}, torch::kInt).to(torch::kLong);
      for (std::int64_t begin = 0; begin < n; begin += kChunkRows) {
        const std::int64_t end = std::min(n, begin + kChunkRows);
        sums.index_add_(0, labels.slice(0, begin, end), x.slice(0, begin, end).to(torch::kDouble));
      }
      const auto counts = torch::bincount(labels, {}, k).to(torch::kDouble);
      centroids = sums / counts.clamp_min(1.0).unsqueeze(1);
      const auto countValues = counts.contiguous();
      for (int c = 0; c < k; ++c) {
        if (countValues[c].item<double>() > 0.0) continue;
        // An empty cluster restarts at the row farthest from its centroid (the first such row).
        const auto far = std::max_element(nearest.begin(), nearest.end()) - nearest.begin();
        centroids[c] = x[far].to(torch::kDouble);
        nearest[static_cast<std::size_t>(far)] = 0.0;
      }
    }
    result.centroids.resize(static_cast<std::size_t>(k) * static_cast<std::size_t>(dim));
    const auto c = centroids.to(torch::kFloat).contiguous();
    std::copy(c.data_ptr<float>(), c.data_ptr<float>() + c.numel(), result.centroids.begin());
    result.sizes.assign(static_cast<std::size_t>(k), 0);
    for (const auto label : result.labels) ++result.sizes[static_cast<std::size_t>(label)];
    // Inertia against the final centroids.
    const auto labels = torch::from_blob(result.labels.data(), {n}, torch::kInt).to(torch::kLong);
    for (std::int64_t begin = 0; begin < n; begin += kChunkRows) {
      const std::int64_t end = std::min(n, begin + kChunkRows);
      const auto diff =
          x.slice(0, begin, end).to(torch::kDouble) - centroids.index_select(0, labels.slice(0, begin, end));
      result.inertia += diff.pow(2).sum().item<double>();
    }
    control.report(1.0, "clustering");
    return result;
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Internal, std::string("k-means failed: ") + e.what());
  }
}

}  // namespace reclens
