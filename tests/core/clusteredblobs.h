#pragma once
// Clustered test vectors and exact neighbours, for the layout tests (UMAP, t-SNE).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace reclens::test {

// `clusters` well-separated Gaussian blobs in `dim` dimensions: centres 20 apart per axis, spread 1.
struct Blobs {
  std::vector<float> matrix;
  std::vector<int> labels;
};

inline Blobs blobs(std::size_t rows, int dim, int clusters, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<std::vector<double>> centres(static_cast<std::size_t>(clusters),
                                           std::vector<double>(static_cast<std::size_t>(dim)));
  for (auto& c : centres)
    for (auto& x : c) x = 20.0 * normal(rng);
  Blobs b;
  for (std::size_t r = 0; r < rows; ++r) {
    const int label = int(r % std::size_t(clusters));
    b.labels.push_back(label);
    for (int d = 0; d < dim; ++d)
      b.matrix.push_back(float(centres[std::size_t(label)][std::size_t(d)] + normal(rng)));
  }
  return b;
}

// Exact k nearest other rows by brute force (ties by lower row).
inline std::vector<std::int32_t> exactNeighbours(const std::vector<float>& m, std::size_t rows, int dim,
                                                 int k) {
  std::vector<std::int32_t> out;
  std::vector<std::pair<double, std::int32_t>> all;
  for (std::size_t i = 0; i < rows; ++i) {
    all.clear();
    for (std::size_t j = 0; j < rows; ++j) {
      if (j == i) continue;
      double s = 0.0;
      for (int d = 0; d < dim; ++d) {
        const double diff =
            double(m[i * std::size_t(dim) + std::size_t(d)]) - m[j * std::size_t(dim) + std::size_t(d)];
        s += diff * diff;
      }
      all.emplace_back(s, std::int32_t(j));
    }
    std::partial_sort(all.begin(), all.begin() + k, all.end());
    for (int j = 0; j < k; ++j) out.push_back(all[std::size_t(j)].second);
  }
  return out;
}

// Of each point's k nearest points in a 2-D layout, the share that carries its own blob label.
inline double labelAgreement(const Blobs& data, const std::vector<float>& layout, std::size_t rows, int k) {
  const auto near2d = exactNeighbours(layout, rows, 2, k);
  std::size_t same = 0;
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < std::size_t(k); ++j)
      same += data.labels[std::size_t(near2d[i * std::size_t(k) + j])] == data.labels[i];
  return double(same) / double(rows * std::size_t(k));
}

}  // namespace reclens::test
