#pragma once
// What the two attribution engines (attribution_torch.cpp: autograd and the shared steps;
// attributionclosed_torch.cpp: the declared closed form) share. Tensors are only forward declared,
// so that this header stays free of LibTorch; its users are *_torch.cpp files.
#include <cstdint>
#include <functional>
#include <vector>

#include "common/taskcontrol.h"
#include "explain/attribution.h"
#include "explain/rawattribution.h"

namespace at {
class Tensor;
}

namespace reclens {

struct ExplainStructure;

namespace detail {

// The quadrature points of a gradient method: alphas and their weights (Gradient×Input: one point at
// alpha = 1 with weight 1).
struct Quadrature {
  std::vector<double> alphas, coefs;
};
Quadrature quadrature(const AttributionOptions& options);

// The elements of `t` as doubles, copied to the CPU.
std::vector<double> toDoubles(const at::Tensor& t);
// Appends the rows of `all` [K, L + F + G] to raw.values.
void storeRows(const at::Tensor& all, RawAttribution& raw);

// Scores [c·(n + 1), K] of the n + 1 prefixes of each of c permutations [c, n] of the players.
using PrefixValues = std::function<at::Tensor(const at::Tensor& perms)>;

// Sampled Shapley values by permutation sampling with antithetic pairs into raw.values and
// raw.standardErrors; `values` scores the prefixes of a slice of permutations.
void shapleyAttribution(std::int64_t l, std::int64_t nf, std::int64_t g, std::int64_t k, int samples,
                        std::uint64_t seed, const TaskControl& control, const PrefixValues& values,
                        RawAttribution& raw);

// One user's inputs for K items (history [L, H], weights [L], fields [F, H], parts [K, G, E]), their
// baseline, and every field's row for a missing value [F, H].
struct AttributionTensors {
  const at::Tensor& history;
  const at::Tensor& weights;
  const at::Tensor& fields;
  const at::Tensor& parts;
  const at::Tensor& history0;
  const at::Tensor& weights0;
  const at::Tensor& fields0;
  const at::Tensor& parts0;
  const at::Tensor& missingFields;
};

// The average user's baseline rows for one user's inputs (background_torch.cpp): every history row
// [L, H] the users' mean history row, the user field rows [F, H] the users' mean rows, in the dtype and
// on the device of the rows given. Throw std::invalid_argument when the background has another shape.
at::Tensor backgroundHistoryRows(const UserBackground& background, const at::Tensor& history);
at::Tensor backgroundFieldRows(const UserBackground& background, const at::Tensor& fields);

// The attributions and f(x), f(x') of `options`' method under the closed form `structure` that
// `model` declares (attributionclosed_torch.cpp).
void computeClosedAttribution(const ModelFile& model, const ExplainStructure& structure,
                              const AttributionTensors& in, const AttributionOptions& options,
                              const TaskControl& control, RawAttribution& raw);

}  // namespace detail
}  // namespace reclens
