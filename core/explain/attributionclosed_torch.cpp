// The closed-form attribution engine: a model that declares how its user vector is built
// (model/explainstructure.h, checked against its methods at load) has its gradients written out by
// hand and evaluated in float64 on the model's device. Integrated Gradients reduces the steps to a
// few weighted sums over them before anything is multiplied by the K items, so its cost is
// O(S·D·Hd + K·(L + F + G)·D); occlusion scores all coalitions in one batch; Shapley prefixes are
// running sums along each permutation. tests/core/tst_attributionengines.cpp holds this engine to
// the autograd one (attribution_torch.cpp).
#include <torch/script.h>
#include <torch/torch.h>

#include "explain/attributionengines.h"
#include "model/explainstructure.h"

namespace reclens::detail {

// Defined in model/modelfile_torch.cpp.
const std::vector<torch::Tensor>& modelExplainTensors(const ModelFile& model);

namespace {

using torch::Tensor;

struct ClosedForm {
  ExplainStructure s;
  Tensor w1, b1, w2, b2;  // PooledMlp only: W1 [Hd, 2D], W2 [D, Hd]
  std::int64_t d = 0;

  // s(T) and its derivative s'(T); the clamp passes the gradient where T >= clampMin, as torch's does.
  std::pair<Tensor, Tensor> norm(const Tensor& total) const {
    if (s.norm == ExplainStructure::Norm::None) return {torch::ones_like(total), torch::zeros_like(total)};
    const auto t = torch::clamp_min(total, s.clampMin);
    const auto open = (total >= s.clampMin).to(total.dtype());
    if (s.norm == ExplainStructure::Norm::Mean) return {t.reciprocal(), -open * t.pow(-2)};
    return {t.rsqrt(), -0.5 * open * t.pow(-1.5)};
  }
  bool mlp() const { return s.user == ExplainStructure::UserForm::PooledMlp; }
  // u from the scaled pool p [R, D] and the field sum fs [R, D]; `z` receives the hidden pre-activation.
  Tensor user(const Tensor& p, const Tensor& fs, Tensor* z = nullptr) const {
    if (!mlp()) return p + fs;
    const auto pre = torch::addmm(b1, torch::cat({p, fs}, 1), w1.t());
    if (z != nullptr) *z = pre;
    return p + torch::addmm(b2, torch::relu(pre), w2.t());
  }
};

ClosedForm closedForm(const ModelFile& model, const ExplainStructure& s) {
  ClosedForm c;
  c.s = s;
  c.d = model.metadata().dim;
  if (c.mlp()) {
    const auto& t = modelExplainTensors(model);
    c.w1 = t[0].to(torch::kFloat64);
    c.b1 = t[1].to(torch::kFloat64);
    c.w2 = t[2].to(torch::kFloat64);
    c.b2 = t[3].to(torch::kFloat64);
  }
  return c;
}

// The inputs (float64): present values x and absent (baseline) values xb.
struct DoubleInputs {
  Tensor h, w, f, p;      // [L, D], [L], [F, D], [K, G, D]
  Tensor hb, wb, fb, pb;  // same shapes
};

// Scores [R, K] of R coalitions: row r takes history row l, field f and part g from x where its mask
// is 1 and from xb where it is 0. Removing a history row and giving it weight 0 and a zero row are
// the same in this form, so occlusion uses it too.
Tensor closedValues(const ClosedForm& c, const DoubleInputs& x, const Tensor& mh, const Tensor& mf,
                    const Tensor& mg) {
  const auto k = x.p.size(0), g = x.p.size(1);
  // (wb + m dw)(hb + m dh) = wb hb + m (w h - wb hb), as m is 0 or 1.
  const auto e = x.w.unsqueeze(1) * x.h - x.wb.unsqueeze(1) * x.hb;  // [L, D]
  const auto pool = torch::addmm((x.wb.unsqueeze(1) * x.hb).sum(0).unsqueeze(0), mh, e);
  const auto total = x.wb.sum() + torch::mv(mh, x.w - x.wb);
  const auto fs = torch::addmm(x.fb.sum(0).unsqueeze(0), mf, x.f - x.fb);
  const auto u = c.user(c.norm(total).first.unsqueeze(1) * pool, fs);  // [R, D]
  const auto r = mh.size(0), d = x.p.size(2);
  const auto q0 = torch::matmul(u, x.pb.reshape({k * g, d}).t()).reshape({r, k, g});
  const auto q1 = torch::matmul(u, (x.p - x.pb).reshape({k * g, d}).t()).reshape({r, k, g});
  return (q0 + mg.unsqueeze(1) * q1).sum(2);
}

// Integrated Gradients / Gradient×Input with the gradients of the closed form written out. Along the
// path, with α the step: a = wb + α dw, T = Σ a_l, P = Σ a_l H_l(α) = P0 + α P1 + α² P2, n = s(T),
// u = n P + F(α) (plus the MLP), v_k(α) = vb_k + α dv_k. The partial derivatives of s_k = u·v_k are
//   ds/dH_l = n a_l g_k,  ds/da_l = n g_k·H_l(α) + s'(T) g_k·P,  ds/dF_f = f_k,  ds/dp_kg = u,
// where g_k = f_k = v_k for the pooled form, and for the MLP, with m = 1[z > 0]:
//   g_k = v_k + W1aᵀ(m ⊙ W2ᵀv_k),  f_k = W1bᵀ(m ⊙ W2ᵀv_k).
// IG integrates each times the input difference. Every α-dependent factor is a power of α, n or
// s'(T), or the mask m (which does not depend on k), so each sum over steps of φ_s·g_k(α_s) is
//   G[φ] = σ(φ) vb + σ(φα) dv + (W2ᵀvb ⊙ μ(φ) + W2ᵀdv ⊙ μ(φα)) W1a,
// with σ(ψ) = Σ_s c_s ψ_s and μ(ψ) = Σ_s c_s ψ_s m_s; the items meet the steps only through six G.
// Two more points, α = 0 and α = 1 with weight 0, give f(x') and f(x) into `ends` [2, K].
Tensor closedGradientAttribution(const ClosedForm& c, const DoubleInputs& x, Quadrature q, Tensor& ends) {
  const auto opts = x.w.options();
  const auto s = static_cast<std::int64_t>(q.alphas.size());
  q.alphas.insert(q.alphas.end(), {0.0, 1.0});
  q.coefs.insert(q.coefs.end(), {0.0, 0.0});
  const auto alpha = torch::tensor(q.alphas, torch::kFloat64).to(opts.device());  // [S + 2]
  const auto coef = torch::tensor(q.coefs, torch::kFloat64).to(opts.device());
  const auto dh = x.h - x.hb, dw = x.w - x.wb, df = x.f - x.fb, dp = x.p - x.pb;
  // The path's user side, one row per step: [S, D].
  const auto p0 = torch::mv(x.hb.t(), x.wb), p1 = torch::mv(x.hb.t(), dw) + torch::mv(dh.t(), x.wb),
             p2 = torch::mv(dh.t(), dw);
  const auto powers = torch::stack({torch::ones_like(alpha), alpha, alpha * alpha}, 1);  // [S, 3]
  const auto pool = torch::matmul(powers, torch::stack({p0, p1, p2}));                   // [S, D]
  const auto total = x.wb.sum() + alpha * dw.sum();
  const auto fs = x.fb.sum(0).unsqueeze(0) + alpha.unsqueeze(1) * df.sum(0).unsqueeze(0);
  const auto [n, dn] = c.norm(total);
  Tensor z;
  const auto u = c.user(n.unsqueeze(1) * pool, fs, &z);
  // Step weights c_s φ_s of the six sums: n, nα, s', s'α, s'α², 1.
  const auto cn = coef * n, cd = coef * dn;
  const auto phi = torch::stack({cn, cn * alpha, cd, cd * alpha, cd * alpha * alpha, coef});  // [6, S]
  const auto vb = x.pb.sum(1), dv = dp.sum(1);                                                // [K, D]
  const auto sigma0 = phi.sum(1).view({-1, 1, 1}), sigma1 = torch::mv(phi, alpha).view({-1, 1, 1});
  auto gsum = sigma0 * vb.unsqueeze(0) + sigma1 * dv.unsqueeze(0);  // G[φ]: [6, K, D]
  auto fsum = gsum;                                                 // the same sums of f_k
  if (c.mlp()) {
    const auto mask = (z > 0).to(torch::kFloat64);                                      // [S, Hd]
    const auto mu0 = torch::matmul(phi, mask), mu1 = torch::matmul(phi * alpha, mask);  // [6, Hd]
    const auto y = mu0.unsqueeze(1) * torch::matmul(vb, c.w2).unsqueeze(0) +            // [6, K, Hd]
                   mu1.unsqueeze(1) * torch::matmul(dv, c.w2).unsqueeze(0);
    const auto gx = torch::matmul(y, c.w1);  // [6, K, 2D]
    gsum = gsum + gx.narrow(2, 0, c.d);
    fsum = gx.narrow(2, c.d, c.d);
  }
  const auto gn = gsum[0], gna = gsum[1];
  // Σ_s c_s s'(T_s) g_k·P_s with P_s = P0 + α P1 + α² P2: [K, 1].
  const auto q2 = (torch::mv(gsum[2], p0) + torch::mv(gsum[3], p1) + torch::mv(gsum[4], p2)).unsqueeze(1);
  const auto hist = x.wb.unsqueeze(0) * torch::matmul(gn, dh.t()) +
                    dw.unsqueeze(0) * (2.0 * torch::matmul(gna, dh.t()) + torch::matmul(gn, x.hb.t()) + q2);
  const auto fields = torch::matmul(fsum[5], df.t());            // [K, F]
  const auto parts = torch::matmul(dp, torch::mv(u.t(), coef));  // [K, G]
  const auto uEnds = u.narrow(0, s, 2);
  ends = torch::stack({torch::mv(vb, uEnds[0]), torch::mv(vb + dv, uEnds[1])});
  return torch::cat({hist, fields, parts}, 1);
}

// Scores [c·(n + 1), K] of the prefixes of c permutations (players: L history rows, F fields, G parts)
// under the closed form. Each prefix adds one player to the one before, so the pooled sums, total
// weights, field sums and part masks are running sums along the permutation; for the pooled form even
// the scores are, after projecting every increment on the item parts once.
Tensor closedPrefixValues(const ClosedForm& c, const DoubleInputs& x, const Tensor& perms) {
  const auto l = x.w.size(0), nf = x.f.size(0), k = x.p.size(0), g = x.p.size(1), n = l + nf + g;
  const auto count = perms.size(0), r = count * (n + 1);
  const auto opts = x.w.options();
  const auto idx = perms.to(opts.device()).reshape(-1);
  // Running sums along each permutation, with the empty prefix first: [count, n + 1, width].
  const auto running = [&](const Tensor& inc, const Tensor& start) {
    const auto steps = inc.index_select(0, idx).reshape({count, n, inc.size(1)}).cumsum(1);
    return torch::cat({torch::zeros({count, 1, inc.size(1)}, opts), steps}, 1) + start;
  };
  const auto zerosD = [&](std::int64_t rows) { return torch::zeros({rows, c.d}, opts); };
  const auto poolInc = torch::cat({x.w.unsqueeze(1) * x.h - x.wb.unsqueeze(1) * x.hb, zerosD(nf + g)}, 0);
  const auto fieldInc = torch::cat({zerosD(l), x.f - x.fb, zerosD(g)}, 0);
  const auto totalInc = torch::cat({x.w - x.wb, torch::zeros({nf + g}, opts)}).unsqueeze(1);
  const auto partInc = torch::cat({torch::zeros({l + nf, g}, opts), torch::eye(g, opts)}, 0);
  const auto pool0 = (x.wb.unsqueeze(1) * x.hb).sum(0), field0 = x.fb.sum(0);
  const auto total = running(totalInc, x.wb.sum()).reshape({r});  // [R]
  const auto mg = running(partInc, torch::zeros({g}, opts)).reshape({r, 1, g});
  const auto scale = c.norm(total).first.unsqueeze(1);                             // [R, 1]
  const auto parts = torch::cat({x.pb, x.p - x.pb}, 0).reshape({2 * k * g, c.d});  // absent, then difference
  Tensor q;                                                                        // [R, 2·K·G]
  if (!c.mlp()) {
    const auto pools = running(torch::matmul(poolInc, parts.t()), torch::mv(parts, pool0));
    const auto fields = running(torch::matmul(fieldInc, parts.t()), torch::mv(parts, field0));
    q = scale * pools.reshape({r, 2 * k * g}) + fields.reshape({r, 2 * k * g});
  } else {
    const auto pools = running(poolInc, pool0).reshape({r, c.d});
    const auto fields = running(fieldInc, field0).reshape({r, c.d});
    q = torch::matmul(c.user(scale * pools, fields), parts.t());
  }
  q = q.reshape({r, 2, k, g});
  return (q.select(1, 0) + mg * q.select(1, 1)).sum(2);
}

}  // namespace

void computeClosedAttribution(const ModelFile& model, const ExplainStructure& structure,
                              const AttributionTensors& in, const AttributionOptions& options,
                              const TaskControl& control, RawAttribution& raw) {
  torch::NoGradGuard noGrad;
  const auto c = closedForm(model, structure);
  const auto l = in.weights.size(0), nf = in.fields.size(0), k = in.parts.size(0), g = in.parts.size(1);
  const DoubleInputs x{in.history,  in.weights,  in.fields,  in.parts,
                       in.history0, in.weights0, in.fields0, in.parts0};
  const auto opts = x.w.options();
  // f(x') and f(x): the all-absent and all-present coalitions, or the ends of the path.
  Tensor ends;
  if (options.method != AttributionMethod::IntegratedGradients &&
      options.method != AttributionMethod::GradientTimesInput) {
    const auto m = torch::tensor({0.0, 1.0}, opts).unsqueeze(1);
    ends = closedValues(c, x, m.expand({2, l}), m.expand({2, nf}), m.expand({2, g}));
  }
  switch (options.method) {
    case AttributionMethod::IntegratedGradients:
    case AttributionMethod::GradientTimesInput:
      storeRows(closedGradientAttribution(c, x, quadrature(options), ends), raw);
      break;
    case AttributionMethod::Occlusion: {
      // Absent = removed history row, missing field value, zero part; row 0 = everything present.
      const DoubleInputs o{in.history,
                           in.weights,
                           in.fields,
                           in.parts,
                           torch::zeros_like(in.history),
                           torch::zeros_like(in.weights),
                           in.missingFields,
                           torch::zeros_like(in.parts)};
      const auto m = 1 - torch::cat({torch::zeros({1, l + nf + g}, opts), torch::eye(l + nf + g, opts)}, 0);
      const auto v = closedValues(c, o, m.narrow(1, 0, l), m.narrow(1, l, nf), m.narrow(1, l + nf, g));
      storeRows((v.narrow(0, 0, 1) - v.narrow(0, 1, l + nf + g)).t(), raw);
      break;
    }
    case AttributionMethod::Shapley:
      shapleyAttribution(
          l, nf, g, k, options.samples, options.seed, control,
          [&](const Tensor& perms) { return closedPrefixValues(c, x, perms); }, raw);
      break;
  }
  const auto values = toDoubles(ends);
  raw.baseline.assign(values.begin(), values.begin() + k);
  raw.output.assign(values.begin() + k, values.end());
}

}  // namespace reclens::detail
