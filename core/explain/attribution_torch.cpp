// Attribution methods on the model contract. The score of item k is s_k = u(H, w, F) . v(P_k) with
// u = user_vector, v = item_vectors; the fields are the history rows (row of H and weight w together),
// the user field rows of F and the item parts P_k[g]. Every method handles all K items at once, and
// its cost grows linearly with the steps, the samples and K.
//
// Two engines compute the same numbers:
// - autograd on the model's own methods (this file): all steps (or coalitions) go through
//   user_vectors in one batch when the file has it (contract 2), else through user_vector row by row
//   with every row's graph kept separate; then one vector-Jacobian product per item over that graph;
// - the closed form the file declares (attributionclosed_torch.cpp). Tests hold the two to the same
//   results (tests/core/tst_attributionengines.cpp).
#include <torch/script.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>

#include "explain/attributionengines.h"
#include "model/explainstructure.h"

namespace reclens {

namespace detail {
// Defined in model/modelfile_torch.cpp.
torch::jit::Module modelModule(const ModelFile& model);
torch::Device modelTorchDevice(const ModelFile& model);
const ExplainStructure* modelExplainStructure(const ModelFile& model);
bool modelHasBatchedUserVectors(const ModelFile& model);

using torch::Tensor;

std::vector<double> toDoubles(const Tensor& t) {
  const auto c = t.detach().to(torch::kCPU, torch::kFloat64).contiguous();
  return {c.data_ptr<double>(), c.data_ptr<double>() + c.numel()};
}

void storeRows(const Tensor& all, RawAttribution& raw) {  // all: [K, L + F + G]
  const auto values = toDoubles(all);
  const auto width = static_cast<std::size_t>(all.size(1));
  for (std::int64_t j = 0; j < all.size(0); ++j) {
    const auto at = values.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(j) * width);
    raw.values.emplace_back(at, at + static_cast<std::ptrdiff_t>(width));
  }
}

// Sampled Shapley values by permutation sampling with antithetic pairs (each permutation and its
// reverse). Absent fields take their baseline value; every permutation's marginal contributions add
// up to f(x) − f(x') exactly, so the estimates do too. The standard error is over the pair means.
void shapleyAttribution(std::int64_t l, std::int64_t nf, std::int64_t g, std::int64_t k, int samples,
                        std::uint64_t seed, const TaskControl& control, const PrefixValues& values,
                        RawAttribution& raw) {
  const auto n = l + nf + g;
  const int pairs = std::max(1, (samples + 1) / 2);
  // Players in order of each permutation: [2·pairs, n], the reverse right after each draw.
  std::vector<std::int64_t> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), std::int64_t{0});
  std::mt19937_64 rng(seed);
  auto perms = torch::empty({2 * pairs, n}, torch::kInt64);
  auto* pp = perms.data_ptr<std::int64_t>();
  for (int pair = 0; pair < pairs; ++pair) {
    std::shuffle(order.begin(), order.end(), rng);
    std::copy(order.begin(), order.end(), pp + static_cast<std::ptrdiff_t>(2 * pair) * n);
    std::copy(order.rbegin(), order.rend(), pp + static_cast<std::ptrdiff_t>(2 * pair + 1) * n);
  }
  // Slices of whole permutations, so that cancel is honoured and memory stays bounded; `values` scores
  // the n + 1 prefixes of each permutation of a slice: [count·(n + 1), K].
  const auto perSlice = std::max<std::int64_t>(2, (std::int64_t{1} << 16) / std::max<std::int64_t>(1, n + 1));
  std::vector<Tensor> slices;
  for (std::int64_t from = 0; from < 2 * pairs && !control.cancelled(); from += perSlice) {
    const auto count = std::min(perSlice, 2 * pairs - from);
    auto v = values(perms.narrow(0, from, count));
    if (!v.defined()) return;
    slices.push_back(v.to(torch::kCPU, torch::kFloat64));
    control.report(double(from + count) / (2 * pairs), "sampling permutations");
  }
  if (control.cancelled()) return;
  const auto vals = torch::cat(slices, 0).reshape({2 * pairs, n + 1, k});
  // Marginal contribution of the player at position j, moved to the player's own column.
  const auto step = vals.narrow(1, 1, n) - vals.narrow(1, 0, n);  // [2·pairs, n, K]
  const auto contrib = torch::zeros_like(step).scatter_(1, perms.unsqueeze(2).expand_as(step), step);
  const auto pairMean = 0.5 * contrib.reshape({pairs, 2, n, k}).sum(1);  // [pairs, n, K]
  const auto mean = pairMean.mean(0).t().contiguous();                   // [K, n]
  Tensor se = torch::full_like(mean, NAN);
  if (pairs > 1) {
    const auto centred = pairMean - pairMean.mean(0, true);
    se = (centred.pow(2).sum(0) / double(pairs - 1) / double(pairs)).sqrt().t().contiguous();
  }
  storeRows(mean, raw);
  const auto errors = toDoubles(se);
  for (std::int64_t j = 0; j < k; ++j) {
    const auto at = errors.begin() + static_cast<std::ptrdiff_t>(j * n);
    raw.standardErrors.emplace_back(at, at + static_cast<std::ptrdiff_t>(n));
  }
}

Quadrature quadrature(const AttributionOptions& options) {
  Quadrature q;
  if (options.method == AttributionMethod::GradientTimesInput) return {{1.0}, {1.0}};
  const int steps = options.steps;
  if (options.rule == IntegrationRule::Midpoint) {
    for (int i = 0; i < steps; ++i) q.alphas.push_back((i + 0.5) / steps);
    q.coefs.assign(static_cast<std::size_t>(steps), 1.0 / steps);
  } else {
    for (int i = 0; i <= steps; ++i) q.alphas.push_back(double(i) / steps);
    q.coefs.assign(static_cast<std::size_t>(steps) + 1, 1.0 / steps);
    q.coefs.front() = q.coefs.back() = 0.5 / steps;
  }
  return q;
}

}  // namespace detail

namespace {

using detail::Quadrature;
using detail::quadrature;
using detail::RawAttribution;
using detail::shapleyAttribution;
using detail::storeRows;
using detail::toDoubles;
using torch::Tensor;

std::string firstLine(const std::string& text) {
  const auto end = text.find('\n');
  return end == std::string::npos ? text : text.substr(0, end);
}

// The 0/1 masks [c·(n + 1), n] of the prefixes of c permutations of n players: prefix j of a
// permutation holds its first j players.
Tensor prefixMasks(const Tensor& perms) {
  const auto n = perms.size(1);
  const auto rank =
      torch::empty_like(perms).scatter_(1, perms, torch::arange(0, n, torch::kInt64).expand_as(perms));
  const auto steps = torch::arange(0, n + 1, torch::kInt64).view({1, -1, 1});
  return (rank.unsqueeze(1) < steps).to(torch::kFloat64).reshape({perms.size(0) * (n + 1), n});
}

// Rows of a batched user-side call are processed in slices of at most this many input floats.
constexpr std::int64_t kMaxBatchFloats = std::int64_t{1} << 22;

// The model's inputs for one user and K items, and their baseline.
struct Inputs {
  torch::jit::Module module;
  bool batched = false;
  Tensor history, weights, fields, parts;      // [L, H], [L], [F, H], [K, G, E]
  Tensor history0, weights0, fields0, parts0;  // the baseline, same shapes
  Tensor missingFields;                        // [F, H]: every field's row for a missing value

  Tensor userVector(const Tensor& h, const Tensor& w, const Tensor& f) {
    return module.get_method("user_vector")({h, w, f}).toTensor();
  }
  // [B, D] for B rows of inputs; user_vectors when the file has it, else one call per row.
  Tensor userVectors(const Tensor& h, const Tensor& w, const Tensor& f) {
    if (batched) return module.get_method("user_vectors")({h, w, f}).toTensor();
    std::vector<Tensor> rows;
    for (std::int64_t b = 0; b < w.size(0); ++b) rows.push_back(userVector(h[b], w[b], f[b]));
    return torch::stack(rows);
  }
  Tensor itemVectors(const Tensor& p) { return module.get_method("item_vectors")({p}).toTensor(); }
  std::int64_t numHistory() const { return weights.size(0); }
  std::int64_t numFields() const { return fields.size(0); }
  std::int64_t numParts() const { return parts.size(1); }
  std::int64_t numItems() const { return parts.size(0); }
};

// The inputs in `dtype`: float32 for autograd on the model's methods, float64 for the closed form.
Inputs makeInputs(const ModelFile& model, const UserProfile& profile, const std::vector<std::int32_t>& items,
                  AttributionBaseline baseline, const UserBackground* background, torch::ScalarType dtype) {
  torch::NoGradGuard noGrad;
  Inputs in;
  in.module = detail::modelModule(model);
  in.batched = detail::modelHasBatchedUserVectors(model);
  const auto device = detail::modelTorchDevice(model);
  const auto longs = [&](const std::vector<std::int32_t>& v) {
    return torch::tensor(std::vector<std::int64_t>(v.begin(), v.end()), torch::kInt64).to(device);
  };
  const auto codes = longs(profile.fieldCodes);
  in.history = in.module.get_method("history_inputs")({longs(profile.items)}).toTensor().to(dtype);
  in.weights = torch::tensor(profile.weights, torch::kFloat32).to(device, dtype);
  in.fields = in.module.get_method("user_field_inputs")({codes}).toTensor().to(dtype);
  in.parts = in.module.get_method("item_field_inputs")({longs(items)}).toTensor().to(dtype);
  in.missingFields =
      in.module.get_method("user_field_inputs")({torch::full_like(codes, -1)}).toTensor().to(dtype);
  in.history0 = torch::zeros_like(in.history);
  in.weights0 = torch::zeros_like(in.weights);
  in.fields0 =
      baseline == AttributionBaseline::MissingFields ? in.missingFields : torch::zeros_like(in.fields);
  in.parts0 = torch::zeros_like(in.parts);
  if (baseline == AttributionBaseline::AverageUser && background != nullptr) {
    in.history0 = detail::backgroundHistoryRows(*background, in.history);
    in.weights0 = in.weights.clone();
    in.fields0 = detail::backgroundFieldRows(*background, in.fields);
    in.parts0 = in.parts.clone();
  }
  return in;
}

// ---------------------------------------------------------------------------------------------
// Autograd on the model's methods.

// Integrated Gradients (and Gradient×Input: one point at alpha = 1 with weight 1). The path points of
// all steps are leaves of one graph (one batched user_vectors call), or of S separate graphs (one
// user_vector call each) for files without it. The item side needs one backward pass; the user side
// one vector-Jacobian product per item, each over every step at once.
Tensor autogradAttribution(Inputs& in, const Quadrature& q, const TaskControl& control) {
  const auto s = static_cast<std::int64_t>(q.alphas.size());
  const auto l = in.numHistory(), nf = in.numFields(), g = in.numParts(), k = in.numItems();
  const auto opts = in.weights.options();
  const auto alpha = torch::tensor(q.alphas, torch::kFloat64).to(opts);
  const auto coef = torch::tensor(q.coefs, torch::kFloat64).to(opts);
  const auto dh = in.history - in.history0, dw = in.weights - in.weights0, df = in.fields - in.fields0,
             dp = in.parts - in.parts0;
  const auto along = [&](const Tensor& x0, const Tensor& dx) {
    std::vector<std::int64_t> shape(static_cast<std::size_t>(dx.dim()) + 1, 1);
    shape[0] = s;
    return (x0.unsqueeze(0) + alpha.view(shape) * dx.unsqueeze(0)).detach();
  };
  auto ps = along(in.parts0, dp).requires_grad_(true);
  const auto v = in.itemVectors(ps.reshape({s * k, g, -1})).reshape({s, k, -1});  // [S, K, D]

  // The user side: outputs and leaves, either [S, ...] tensors or S separate ones.
  std::vector<Tensor> outputs, hsList, wsList, fsList;
  const auto hsAll = along(in.history0, dh), wsAll = along(in.weights0, dw), fsAll = along(in.fields0, df);
  Tensor u;
  if (in.batched) {
    hsList = {hsAll.requires_grad_(true)};
    wsList = {wsAll.requires_grad_(true)};
    fsList = {fsAll.requires_grad_(true)};
    u = in.userVectors(hsList[0], wsList[0], fsList[0]);
    outputs = {u};
  } else {
    for (std::int64_t i = 0; i < s; ++i) {
      hsList.push_back(hsAll[i].clone().requires_grad_(true));
      wsList.push_back(wsAll[i].clone().requires_grad_(true));
      fsList.push_back(fsAll[i].clone().requires_grad_(true));
      outputs.push_back(in.userVector(hsList.back(), wsList.back(), fsList.back()));
    }
    u = torch::stack(outputs);
  }

  // Item parts: d(u_s . v_sk)/dP_sk, integrated and multiplied by the input difference.
  const auto itemTotal = (u.detach().unsqueeze(1) * v).sum();
  const auto gp = torch::autograd::grad({itemTotal}, {ps}, {}, false, false, true)[0];
  Tensor itemAttr = torch::zeros({k, g}, opts);
  if (gp.defined()) itemAttr = ((coef.view({s, 1, 1, 1}) * gp).sum(0) * dp).sum(-1);

  std::vector<Tensor> leaves;
  for (const auto* list : {&hsList, &wsList, &fsList})
    leaves.insert(leaves.end(), list->begin(), list->end());
  const auto stacked = [&](const std::vector<Tensor>& grads, std::size_t from, std::size_t count,
                           const Tensor& like) {
    if (in.batched) return grads[from].defined() ? grads[from] : torch::zeros_like(like);
    std::vector<Tensor> rows;
    for (std::size_t i = 0; i < count; ++i) {
      const auto& gr = grads[from + i];
      rows.push_back(gr.defined() ? gr : torch::zeros_like(like[static_cast<std::int64_t>(i)]));
    }
    return torch::stack(rows);
  };
  const auto vd = v.detach();
  const auto per = in.batched ? std::size_t{1} : static_cast<std::size_t>(s);
  Tensor userAttr = torch::zeros({k, l + nf}, opts);
  for (std::int64_t j = 0; j < k && l + nf > 0 && !control.cancelled(); ++j) {
    std::vector<Tensor> gradOut;
    if (in.batched) {
      gradOut = {vd.select(1, j)};
    } else {
      for (std::int64_t i = 0; i < s; ++i) gradOut.push_back(vd[i][j]);
    }
    const auto gr = torch::autograd::grad(outputs, leaves, gradOut, true, false, true);
    const auto gh = stacked(gr, 0, per, hsAll), gw = stacked(gr, per, per, wsAll),
               gf = stacked(gr, 2 * per, per, fsAll);
    const auto qh = (gh * dh.unsqueeze(0)).sum(-1) + gw * dw.unsqueeze(0);  // [S, L]
    const auto qf = (gf * df.unsqueeze(0)).sum(-1);                         // [S, F]
    userAttr[j] = (coef.unsqueeze(1) * torch::cat({qh, qf}, 1)).sum(0);
  }
  return torch::cat({userAttr, itemAttr}, 1);
}

// Occlusion: each field removed on its own and every score recomputed exactly; all history removals
// go through user_vectors as one batch.
Tensor autogradOcclusion(Inputs& in, const TaskControl& control) {
  torch::NoGradGuard noGrad;
  const auto l = in.numHistory(), nf = in.numFields(), g = in.numParts(), k = in.numItems();
  const auto vx = in.itemVectors(in.parts);                          // [K, D]
  const auto ux = in.userVector(in.history, in.weights, in.fields);  // [D]
  const auto fx = torch::mv(vx, ux);                                 // [K]
  std::vector<Tensor> users;
  if (l > 0 && !control.cancelled()) {
    // Row i of `keep` lists every history position but i: [L, L - 1].
    const auto all = torch::arange(0, l, torch::TensorOptions().dtype(torch::kInt64));
    auto keep =
        all.unsqueeze(0).expand({l, l}).masked_select(~torch::eye(l, torch::kBool)).reshape({l, l - 1});
    keep = keep.to(in.weights.device());
    // The row width is spelled out: with a single history item L - 1 is 0 and -1 could be anything.
    const auto h = in.history.index_select(0, keep.reshape(-1)).reshape({l, l - 1, in.history.size(1)});
    const auto w = in.weights.index_select(0, keep.reshape(-1)).reshape({l, l - 1});
    users.push_back(in.userVectors(h, w, in.fields.unsqueeze(0).expand({l, nf, in.fields.size(1)})));
  }
  if (nf > 0 && !control.cancelled()) {
    const auto eye = torch::eye(nf, in.fields.options()).unsqueeze(2);  // [F, F, 1]
    const auto fields = in.fields.unsqueeze(0) * (1 - eye) + in.missingFields.unsqueeze(0) * eye;
    users.push_back(in.userVectors(in.history.unsqueeze(0).expand({nf, l, in.history.size(1)}),
                                   in.weights.unsqueeze(0).expand({nf, l}), fields));
  }
  Tensor userAttr = torch::zeros({k, 0}, fx.options());
  if (!users.empty()) userAttr = fx.unsqueeze(1) - torch::matmul(vx, torch::cat(users, 0).t());  // [K, L + F]
  // Part g zeroed for every item at once: [G, K, G, E] -> [G·K, D].
  const auto keepParts = (1 - torch::eye(g, in.parts.options())).view({g, 1, g, 1});
  const auto occluded = in.parts.unsqueeze(0) * keepParts;
  const auto vo = in.itemVectors(occluded.reshape({g * k, g, -1})).reshape({g, k, -1});
  const auto itemAttr = fx.unsqueeze(1) - torch::matmul(vo, ux).t();  // [K, G]
  return torch::cat({userAttr, itemAttr}, 1);
}

// Scores [R, K] of R coalitions through the model's methods (see closedValues); user rows go through
// user_vectors in slices, item vectors once per distinct part mask.
Tensor autogradValues(Inputs& in, const Tensor& hb, const Tensor& wb, const Tensor& fb, const Tensor& pb,
                      const Tensor& mh, const Tensor& mf, const Tensor& mg, const TaskControl& control) {
  const auto r = mh.size(0), l = in.numHistory(), nf = in.numFields(), k = in.numItems();
  const auto width = std::max<std::int64_t>(1, (l + nf) * std::max<std::int64_t>(1, in.history.size(1)));
  const auto slice = std::max<std::int64_t>(1, kMaxBatchFloats / width);
  std::vector<Tensor> users;
  for (std::int64_t from = 0; from < r && !control.cancelled(); from += slice) {
    const auto n = std::min(slice, r - from);
    const auto m1 = mh.narrow(0, from, n).to(torch::kFloat32), m2 = mf.narrow(0, from, n).to(torch::kFloat32);
    users.push_back(in.userVectors(hb.unsqueeze(0) + m1.unsqueeze(2) * (in.history - hb).unsqueeze(0),
                                   wb.unsqueeze(0) + m1 * (in.weights - wb).unsqueeze(0),
                                   fb.unsqueeze(0) + m2.unsqueeze(2) * (in.fields - fb).unsqueeze(0)));
  }
  if (control.cancelled()) return {};
  const auto u = torch::cat(users, 0).to(torch::kFloat64);  // [R, D]
  // Item vectors per distinct part mask.
  const auto g = in.numParts();
  const auto bits =
      torch::matmul(mg.to(torch::kFloat64).cpu(), torch::pow(2.0, torch::arange(0, g, torch::kFloat64)))
          .to(torch::kInt64);
  auto out = torch::empty({r, k}, u.options());
  const auto codes = bits.contiguous();
  const auto* code = codes.data_ptr<std::int64_t>();
  std::map<std::int64_t, std::vector<std::int64_t>> rowsOf;
  for (std::int64_t i = 0; i < r; ++i) rowsOf[code[i]].push_back(i);
  for (const auto& [mask, rows] : rowsOf) {
    auto on = torch::zeros({g}, in.parts.options());
    for (std::int64_t j = 0; j < g; ++j) on[j] = ((mask >> j) & 1) != 0 ? 1.0 : 0.0;
    const auto v = in.itemVectors(pb + on.view({1, g, 1}) * (in.parts - pb)).to(torch::kFloat64);  // [K, D]
    const auto idx = torch::tensor(rows, torch::kInt64).to(u.device());
    out.index_copy_(0, idx, torch::matmul(u.index_select(0, idx), v.t()));
  }
  return out;
}

void computeAutograd(Inputs& in, const AttributionOptions& options, const TaskControl& control,
                     RawAttribution& raw) {
  {
    torch::NoGradGuard noGrad;
    const auto scores = [&](const Tensor& h, const Tensor& w, const Tensor& f, const Tensor& p) {
      return torch::mv(in.itemVectors(p), in.userVector(h, w, f));
    };
    raw.output = toDoubles(scores(in.history, in.weights, in.fields, in.parts));
    raw.baseline = toDoubles(scores(in.history0, in.weights0, in.fields0, in.parts0));
  }
  switch (options.method) {
    case AttributionMethod::IntegratedGradients:
    case AttributionMethod::GradientTimesInput: {
      torch::AutoGradMode grad(true);
      storeRows(autogradAttribution(in, quadrature(options), control), raw);
      break;
    }
    case AttributionMethod::Occlusion:
      storeRows(autogradOcclusion(in, control), raw);
      break;
    case AttributionMethod::Shapley: {
      torch::NoGradGuard noGrad;
      const auto dev = in.weights.device();
      shapleyAttribution(
          in.numHistory(), in.numFields(), in.numParts(), in.numItems(), options.samples, options.seed,
          control,
          [&](const Tensor& perms) {
            const auto m = prefixMasks(perms);
            const auto l = in.numHistory(), nf = in.numFields(), g = in.numParts();
            return autogradValues(in, in.history0, in.weights0, in.fields0, in.parts0,
                                  m.narrow(1, 0, l).to(dev), m.narrow(1, l, nf).to(dev),
                                  m.narrow(1, l + nf, g), control);
          },
          raw);
      break;
    }
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
    const auto* structure = options.closedForm ? modelExplainStructure(model) : nullptr;
    auto in = makeInputs(model, profile, items, baseline, options.background.get(),
                         structure != nullptr ? torch::kFloat64 : torch::kFloat32);
    if (in.numParts() > 62 && options.method == AttributionMethod::Shapley) {
      return makeError(ErrorCode::InvalidArgument, "Shapley values support at most 62 item parts");
    }
    if (structure != nullptr) {
      raw.engine = "closed form (" + explainStructureName(*structure) + ")";
      computeClosedAttribution(model, *structure,
                               {in.history, in.weights, in.fields, in.parts, in.history0, in.weights0,
                                in.fields0, in.parts0, in.missingFields},
                               options, control, raw);
    } else {
      raw.engine = in.batched ? "autograd, batched (user_vectors)" : "autograd, one user_vector call per row";
      computeAutograd(in, options, control, raw);
    }
    if (control.cancelled()) return makeError(ErrorCode::Cancelled, "the explanation was cancelled");
    return raw;
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Internal, "cannot compute the attributions: " + firstLine(e.what()));
  }
}

}  // namespace detail

}  // namespace reclens
