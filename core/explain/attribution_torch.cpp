// Attribution methods on the model contract. The score of item k is s_k = u(H, w, F) . v(P_k) with
// u = user_vector, v = item_vectors; the fields are the history rows (row of H and weight w together),
// the user field rows of F and the item parts P_k[g]. Every method handles all K items at once.
#include <torch/script.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>

#include "explain/rawattribution.h"

namespace reclens {

namespace detail {
// Defined in model/modelfile_torch.cpp.
torch::jit::Module modelModule(const ModelFile& model);
torch::Device modelTorchDevice(const ModelFile& model);
}  // namespace detail

namespace {

using detail::RawAttribution;
using torch::Tensor;

std::string firstLine(const std::string& text) {
  const auto end = text.find('\n');
  return end == std::string::npos ? text : text.substr(0, end);
}

// The model's inputs for one user and K items, and their baseline.
struct Inputs {
  torch::jit::Module module;
  Tensor history, weights, fields, parts;      // [L, H], [L], [F, H], [K, G, E]
  Tensor history0, weights0, fields0, parts0;  // the baseline, same shapes
  Tensor missingFields;                        // [F, H]: every field's row for a missing value

  Tensor userVector(const Tensor& h, const Tensor& w, const Tensor& f) {
    return module.get_method("user_vector")({h, w, f}).toTensor();
  }
  Tensor itemVectors(const Tensor& p) { return module.get_method("item_vectors")({p}).toTensor(); }
  std::int64_t numHistory() const { return weights.size(0); }
  std::int64_t numFields() const { return fields.size(0); }
  std::int64_t numParts() const { return parts.size(1); }
  std::int64_t numItems() const { return parts.size(0); }
};

Inputs makeInputs(const ModelFile& model, const UserProfile& profile, const std::vector<std::int32_t>& items,
                  AttributionBaseline baseline) {
  torch::NoGradGuard noGrad;
  Inputs in;
  in.module = detail::modelModule(model);
  const auto device = detail::modelTorchDevice(model);
  const auto longs = [&](const std::vector<std::int32_t>& v) {
    return torch::tensor(std::vector<std::int64_t>(v.begin(), v.end()), torch::kInt64).to(device);
  };
  const auto codes = longs(profile.fieldCodes);
  in.history = in.module.get_method("history_inputs")({longs(profile.items)}).toTensor().to(torch::kFloat32);
  in.weights = torch::tensor(profile.weights, torch::kFloat32).to(device);
  in.fields = in.module.get_method("user_field_inputs")({codes}).toTensor().to(torch::kFloat32);
  in.parts = in.module.get_method("item_field_inputs")({longs(items)}).toTensor().to(torch::kFloat32);
  in.missingFields =
      in.module.get_method("user_field_inputs")({torch::full_like(codes, -1)}).toTensor().to(torch::kFloat32);
  in.history0 = torch::zeros_like(in.history);
  in.weights0 = torch::zeros_like(in.weights);
  in.fields0 =
      baseline == AttributionBaseline::MissingFields ? in.missingFields : torch::zeros_like(in.fields);
  in.parts0 = torch::zeros_like(in.parts);
  return in;
}

std::vector<double> toDoubles(const Tensor& t) {
  const auto c = t.detach().to(torch::kCPU, torch::kFloat64).contiguous();
  return {c.data_ptr<double>(), c.data_ptr<double>() + c.numel()};
}

// s_k for the given inputs: [K].
Tensor scoresAt(Inputs& in, const Tensor& h, const Tensor& w, const Tensor& f, const Tensor& p) {
  return torch::mv(in.itemVectors(p), in.userVector(h, w, f));
}

void fillOutputs(Inputs& in, RawAttribution& raw) {
  torch::NoGradGuard noGrad;
  raw.output = toDoubles(scoresAt(in, in.history, in.weights, in.fields, in.parts));
  raw.baseline = toDoubles(scoresAt(in, in.history0, in.weights0, in.fields0, in.parts0));
}

// Integrated Gradients (and Gradient×Input: one point at alpha = 1 with weight 1). The path points of
// every step are leaves of one graph: S user vectors U [S, D] and S·K item vectors V [S, K, D]. The
// item side needs one backward pass (each (step, item) has its own parts); the user side is shared by
// the items, so it takes min(K, D) vector-Jacobian products of U, with V[:, k] or a unit vector.
void gradientAttribution(Inputs& in, const std::vector<double>& alphas, const std::vector<double>& coefs,
                         const TaskControl& control, RawAttribution& raw) {
  const auto s = static_cast<std::int64_t>(alphas.size());
  const auto l = in.numHistory(), nf = in.numFields(), g = in.numParts(), k = in.numItems();
  const auto opts = in.weights.options();
  const auto alpha = torch::tensor(alphas, torch::kFloat64).to(opts);
  const auto coef = torch::tensor(coefs, torch::kFloat64).to(opts);
  const auto dh = in.history - in.history0, dw = in.weights - in.weights0, df = in.fields - in.fields0,
             dp = in.parts - in.parts0;
  const auto along = [&](const Tensor& x0, const Tensor& dx) {
    std::vector<std::int64_t> shape(static_cast<std::size_t>(dx.dim()) + 1, 1);
    shape[0] = s;
    return (x0.unsqueeze(0) + alpha.view(shape) * dx.unsqueeze(0)).detach().requires_grad_(true);
  };
  auto hs = along(in.history0, dh), ws = along(in.weights0, dw), fs = along(in.fields0, df),
       ps = along(in.parts0, dp);
  std::vector<Tensor> users;
  for (std::int64_t i = 0; i < s; ++i) users.push_back(in.userVector(hs[i], ws[i], fs[i]));
  const auto u = torch::stack(users);                                             // [S, D]
  const auto v = in.itemVectors(ps.reshape({s * k, g, -1})).reshape({s, k, -1});  // [S, K, D]
  const auto d = u.size(1);

  // Item parts: d(u_s . v_sk)/dP_sk, integrated and multiplied by the input difference.
  const auto itemTotal = (u.detach().unsqueeze(1) * v).sum();
  const auto gp = torch::autograd::grad({itemTotal}, {ps}, {}, true, false, true)[0];
  Tensor itemAttr = torch::zeros({k, g}, opts);
  if (gp.defined()) itemAttr = ((coef.view({s, 1, 1, 1}) * gp).sum(0) * dp).sum(-1);

  // User side: per-step projections q[s, field] of a gradient onto the input difference.
  const auto vd = v.detach();
  const auto project = [&](const Tensor& gradOut) {
    const auto gr = torch::autograd::grad({u}, {hs, ws, fs}, {gradOut}, true, false, true);
    auto qh = gr[0].defined() ? (gr[0] * dh.unsqueeze(0)).sum(-1) : torch::zeros({s, l}, opts);
    if (gr[1].defined()) qh = qh + gr[1] * dw.unsqueeze(0);
    const auto qf = gr[2].defined() ? (gr[2] * df.unsqueeze(0)).sum(-1) : torch::zeros({s, nf}, opts);
    return torch::cat({qh, qf}, 1);  // [S, L + F]
  };
  Tensor userAttr = torch::zeros({k, l + nf}, opts);
  if (l + nf > 0) {
    if (k <= d) {
      for (std::int64_t j = 0; j < k && !control.cancelled(); ++j)
        userAttr[j] = (coef.unsqueeze(1) * project(vd.select(1, j))).sum(0);
    } else {
      for (std::int64_t j = 0; j < d && !control.cancelled(); ++j) {
        const auto unit =
            torch::zeros_like(u).index_fill_(1, torch::tensor({j}, torch::kInt64).to(u.device()), 1);
        userAttr += torch::matmul((coef.unsqueeze(1) * vd.select(2, j)).t(), project(unit));
      }
    }
  }
  const auto all = torch::cat({userAttr, itemAttr}, 1).to(torch::kCPU, torch::kFloat64).contiguous();
  for (std::int64_t j = 0; j < k; ++j) raw.values.push_back(toDoubles(all[j]));
}

// Occlusion: each field removed on its own and every score recomputed exactly.
void occlusionAttribution(Inputs& in, const TaskControl& control, RawAttribution& raw) {
  torch::NoGradGuard noGrad;
  const auto l = in.numHistory(), nf = in.numFields(), g = in.numParts(), k = in.numItems();
  const auto vx = in.itemVectors(in.parts);                          // [K, D]
  const auto ux = in.userVector(in.history, in.weights, in.fields);  // [D]
  const auto fx = torch::mv(vx, ux);                                 // [K]
  std::vector<Tensor> users;
  for (std::int64_t i = 0; i < l && !control.cancelled(); ++i) {
    const auto keep = torch::cat({torch::arange(0, i), torch::arange(i + 1, l)}).to(in.weights.device());
    users.push_back(
        in.userVector(in.history.index_select(0, keep), in.weights.index_select(0, keep), in.fields));
  }
  for (std::int64_t f = 0; f < nf && !control.cancelled(); ++f) {
    auto fields = in.fields.clone();
    fields[f] = in.missingFields[f];
    users.push_back(in.userVector(in.history, in.weights, fields));
  }
  Tensor userAttr = torch::zeros({k, 0}, fx.options());
  if (!users.empty()) userAttr = fx.unsqueeze(1) - torch::matmul(vx, torch::stack(users).t());  // [K, L + F]
  // Part g zeroed for every item at once: [G, K, G, E] -> [G·K, D].
  auto occluded = in.parts.unsqueeze(0).repeat({g, 1, 1, 1});
  for (std::int64_t j = 0; j < g; ++j) occluded[j].select(1, j).zero_();
  const auto vo = in.itemVectors(occluded.reshape({g * k, g, -1})).reshape({g, k, -1});
  const auto itemAttr = fx.unsqueeze(1) - torch::matmul(vo, ux).t();  // [K, G]
  const auto all = torch::cat({userAttr, itemAttr}, 1);
  for (std::int64_t j = 0; j < k; ++j) raw.values.push_back(toDoubles(all[j]));
}

// Sampled Shapley values by permutation sampling with antithetic pairs (each permutation and its
// reverse). Absent fields take their baseline value; every permutation's marginal contributions add
// up to f(x) − f(x') exactly, so the estimates do too. The standard error is over the pair means.
void shapleyAttribution(Inputs& in, int samples, std::uint64_t seed, const TaskControl& control,
                        RawAttribution& raw) {
  torch::NoGradGuard noGrad;
  const auto l = in.numHistory(), nf = in.numFields(), g = in.numParts(), k = in.numItems();
  const auto n = static_cast<std::size_t>(l + nf + g);
  const auto opts = in.weights.options();
  std::map<std::uint64_t, Tensor> itemCache;  // item-part mask -> item vectors [K, D]
  const auto itemVectorsFor = [&](std::uint64_t mask) {
    auto it = itemCache.find(mask);
    if (it != itemCache.end()) return it->second;
    auto on = torch::zeros({g}, opts);
    for (std::int64_t j = 0; j < g; ++j) on[j] = ((mask >> j) & 1U) != 0 ? 1.0 : 0.0;
    const auto p = in.parts0 + on.view({1, g, 1}) * (in.parts - in.parts0);
    return itemCache.emplace(mask, in.itemVectors(p)).first->second;
  };
  const auto userVectorFor = [&](const Tensor& on) {  // on: [L + F] of 0/1
    const auto oh = on.narrow(0, 0, l), of = on.narrow(0, l, nf);
    return in.userVector(in.history0 + oh.unsqueeze(1) * (in.history - in.history0),
                         in.weights0 + oh * (in.weights - in.weights0),
                         in.fields0 + of.unsqueeze(1) * (in.fields - in.fields0));
  };

  const int pairs = std::max(1, (samples + 1) / 2);
  std::vector<double> sum(static_cast<std::size_t>(k) * n, 0.0), sumSq(sum.size(), 0.0);
  std::vector<double> pairMean(sum.size());
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::mt19937_64 rng(seed);
  for (int pair = 0; pair < pairs && !control.cancelled(); ++pair) {
    std::shuffle(order.begin(), order.end(), rng);
    std::fill(pairMean.begin(), pairMean.end(), 0.0);
    for (int side = 0; side < 2; ++side) {
      std::vector<std::size_t> perm = order;
      if (side == 1) std::reverse(perm.begin(), perm.end());
      // Values of the n + 1 prefixes of the permutation, for every item: [n + 1, K].
      auto on = torch::zeros({l + nf}, opts);
      std::uint64_t mask = 0;
      Tensor u = userVectorFor(on);
      std::vector<Tensor> values{torch::mv(itemVectorsFor(mask), u)};
      for (const auto player : perm) {
        const auto p = static_cast<std::int64_t>(player);
        if (p < l + nf) {
          on[p] = 1.0;
          u = userVectorFor(on);
        } else {
          mask |= std::uint64_t{1} << (p - l - nf);
        }
        values.push_back(torch::mv(itemVectorsFor(mask), u));
      }
      const auto vals = toDoubles(torch::stack(values));  // row-major [n + 1, K]
      for (std::size_t step = 0; step < n; ++step) {
        for (std::int64_t j = 0; j < k; ++j) {
          const auto uk = static_cast<std::size_t>(j);
          const auto kk = static_cast<std::size_t>(k);
          pairMean[uk * n + perm[step]] += 0.5 * (vals[(step + 1) * kk + uk] - vals[step * kk + uk]);
        }
      }
    }
    for (std::size_t i = 0; i < sum.size(); ++i) {
      sum[i] += pairMean[i];
      sumSq[i] += pairMean[i] * pairMean[i];
    }
    control.report(double(pair + 1) / pairs, "sampling permutations");
  }
  for (std::int64_t j = 0; j < k; ++j) {
    std::vector<double> mean(n), se(n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto at = static_cast<std::size_t>(j) * n + i;
      mean[i] = sum[at] / pairs;
      const double var =
          pairs > 1 ? std::max(0.0, (sumSq[at] - pairs * mean[i] * mean[i]) / (pairs - 1)) : NAN;
      se[i] = std::sqrt(var / pairs);
    }
    raw.values.push_back(std::move(mean));
    raw.standardErrors.push_back(std::move(se));
  }
}

}  // namespace

namespace detail {

Result<RawAttribution> computeRawAttribution(const ModelFile& model, const UserProfile& profile,
                                             const std::vector<std::int32_t>& items,
                                             const AttributionOptions& options, const TaskControl& control) {
  try {
    // Gradients are needed here, whatever mode the calling thread is in.
    c10::InferenceMode notInference(false);
    RawAttribution raw;
    auto baseline = options.method == AttributionMethod::GradientTimesInput ? AttributionBaseline::Zero
                                                                            : options.baseline;
    auto in = makeInputs(model, profile, items, baseline);
    if (in.numParts() > 63 && options.method == AttributionMethod::Shapley) {
      return makeError(ErrorCode::InvalidArgument, "Shapley values support at most 63 item parts");
    }
    fillOutputs(in, raw);
    switch (options.method) {
      case AttributionMethod::IntegratedGradients: {
        std::vector<double> alphas, coefs;
        const int steps = options.steps;
        if (options.rule == IntegrationRule::Midpoint) {
          for (int i = 0; i < steps; ++i) alphas.push_back((i + 0.5) / steps);
          coefs.assign(static_cast<std::size_t>(steps), 1.0 / steps);
        } else {
          for (int i = 0; i <= steps; ++i) alphas.push_back(double(i) / steps);
          coefs.assign(static_cast<std::size_t>(steps) + 1, 1.0 / steps);
          coefs.front() = coefs.back() = 0.5 / steps;
        }
        torch::AutoGradMode grad(true);
        gradientAttribution(in, alphas, coefs, control, raw);
        break;
      }
      case AttributionMethod::GradientTimesInput: {
        torch::AutoGradMode grad(true);
        gradientAttribution(in, {1.0}, {1.0}, control, raw);
        break;
      }
      case AttributionMethod::Occlusion:
        occlusionAttribution(in, control, raw);
        break;
      case AttributionMethod::Shapley:
        shapleyAttribution(in, options.samples, options.seed, control, raw);
        break;
    }
    if (control.cancelled()) return makeError(ErrorCode::Cancelled, "the explanation was cancelled");
    return raw;
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Internal, "cannot compute the attributions: " + firstLine(e.what()));
  }
}

}  // namespace detail

}  // namespace reclens
