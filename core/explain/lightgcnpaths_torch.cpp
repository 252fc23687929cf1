// The numbers of LightGcnPaths: the model's own score, the propagated table W on the rows the paths
// reach, and every path's contribution (explain/lightgcnpaths.h has the formula).
#include <torch/script.h>
#include <torch/torch.h>

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>

#include "explain/lightgcngraph.h"
#include "explain/lightgcnpaths.h"

namespace reclens {

namespace detail {
// Defined in model/modelfile_torch.cpp.
torch::jit::Module modelModule(const ModelFile& model);
torch::Tensor modelItemEmbeddings(const ModelFile& model);
torch::Device modelTorchDevice(const ModelFile& model);
}  // namespace detail

namespace {

std::string firstLine(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

// The score the engine serves: user_vector(history_inputs, weights, user_field_inputs) · E[target].
double modelScore(const ModelFile& model, const UserProfile& profile, std::int32_t target) {
  c10::InferenceMode guard;
  auto module = detail::modelModule(model);
  const auto device = detail::modelTorchDevice(model);
  const auto longs = [&](const std::vector<std::int32_t>& v) {
    return torch::tensor(std::vector<std::int64_t>(v.begin(), v.end()), torch::kInt64).to(device);
  };
  const auto history = module.get_method("history_inputs")({longs(profile.items)}).toTensor();
  const auto fields = module.get_method("user_field_inputs")({longs(profile.fieldCodes)}).toTensor();
  const auto weights = torch::tensor(profile.weights, torch::kFloat32).to(device);
  const auto user = module.get_method("user_vector")({history, weights, fields}).toTensor();
  return (user * detail::modelItemEmbeddings(model)[target]).sum().item<double>();
}

// The transpose of the graph's A: item i owns entries [start[i], start[i + 1]) of (user, value).
struct ItemMajor {
  std::vector<std::int64_t> start;
  std::vector<std::int32_t> user;
  std::vector<double> value;
};

ItemMajor transpose(const LightGcnGraph& g) {
  ItemMajor t;
  t.start.assign(static_cast<std::size_t>(g.items) + 1, 0);
  for (const auto i : g.item) ++t.start[static_cast<std::size_t>(i) + 1];
  for (std::size_t i = 0; i < static_cast<std::size_t>(g.items); ++i) t.start[i + 1] += t.start[i];
  t.user.resize(g.item.size());
  t.value.resize(g.item.size());
  auto next = t.start;
  for (std::int64_t u = 0; u < g.users; ++u) {
    for (auto e = g.start[static_cast<std::size_t>(u)]; e < g.start[static_cast<std::size_t>(u) + 1]; ++e) {
      const auto slot =
          static_cast<std::size_t>(next[static_cast<std::size_t>(g.item[static_cast<std::size_t>(e)])]++);
      t.user[slot] = static_cast<std::int32_t>(u);
      t.value[slot] = g.value[static_cast<std::size_t>(e)];
    }
  }
  return t;
}

// M x = Aᵀ(A x) for x [N, D] row-major, in double; each output row is written by one thread.
std::vector<double> propagateOnce(const LightGcnGraph& g, const ItemMajor& t, const std::vector<double>& x) {
  const auto d = static_cast<std::size_t>(g.dim);
  std::vector<double> users(static_cast<std::size_t>(g.users) * d, 0.0);
  at::parallel_for(0, g.users, 64, [&](std::int64_t begin, std::int64_t end) {
    for (auto u = begin; u < end; ++u) {
      double* row = users.data() + static_cast<std::size_t>(u) * d;
      for (auto e = g.start[static_cast<std::size_t>(u)]; e < g.start[static_cast<std::size_t>(u) + 1]; ++e) {
        const double v = g.value[static_cast<std::size_t>(e)];
        const double* from = x.data() + static_cast<std::size_t>(g.item[static_cast<std::size_t>(e)]) * d;
        for (std::size_t k = 0; k < d; ++k) row[k] += v * from[k];
      }
    }
  });
  std::vector<double> items(x.size(), 0.0);
  at::parallel_for(0, g.items, 64, [&](std::int64_t begin, std::int64_t end) {
    for (auto i = begin; i < end; ++i) {
      double* row = items.data() + static_cast<std::size_t>(i) * d;
      for (auto e = t.start[static_cast<std::size_t>(i)]; e < t.start[static_cast<std::size_t>(i) + 1]; ++e) {
        const double v = t.value[static_cast<std::size_t>(e)];
        const double* from = users.data() + static_cast<std::size_t>(t.user[static_cast<std::size_t>(e)]) * d;
        for (std::size_t k = 0; k < d; ++k) row[k] += v * from[k];
      }
    }
  });
  return items;
}

// W = (E(0) + … + E(K−1)) / (K + 1), [N, D] row-major in double (K ≥ 1).
std::vector<double> innerLayers(const LightGcnGraph& g, const ItemMajor& t) {
  std::vector<double> layer(g.emb0.begin(), g.emb0.end());
  auto sum = layer;
  for (int k = 1; k < g.layers; ++k) {
    layer = propagateOnce(g, t, layer);
    for (std::size_t n = 0; n < sum.size(); ++n) sum[n] += layer[n];
  }
  for (auto& v : sum) v /= static_cast<double>(g.layers + 1);
  return sum;
}

}  // namespace

namespace detail {

Result<LightGcnPaths> LightGcnPaths::compute(const ModelFile& model, std::int32_t user,
                                             const UserProfile& profile, std::int32_t target, int keep,
                                             int anchors, const TaskControl& control) {
  auto read = readLightGcnGraph(model);
  if (!read) return read.error();
  const auto& g = read.value();
  const auto cancelled = [] {
    return makeError(ErrorCode::Cancelled, "the graph explanation was cancelled");
  };
  for (const auto h : profile.items) {
    if (h < 0 || h >= g.items) return makeError(ErrorCode::InvalidArgument, "history item row out of range");
  }
  LightGcnPaths p;
  p.m_user = user;
  p.m_target = target;
  p.m_layers = g.layers;
  try {
    p.m_score = modelScore(model, profile, target);
    const auto d = static_cast<std::size_t>(g.dim);
    const auto tRow = static_cast<std::size_t>(target);
    // The user's own layer: c_h = A[u, h]·E[h], A[u, h] = w_h / sqrt(max(Σw, 1)) / sqrt(max(d_h, 1)).
    double total = 0.0;
    for (const auto w : profile.weights) total += w;
    const double userNorm = 1.0 / std::sqrt(std::max(1.0, total));
    const auto L = profile.items.size();
    std::vector<double> c(L * d);
    for (std::size_t l = 0; l < L; ++l) {
      const auto h = static_cast<std::size_t>(profile.items[l]);
      p.m_history.push_back(profile.items[l]);
      p.m_alpha.push_back(profile.weights[l] * userNorm * g.invSqrtDegree[h]);
      for (std::size_t k = 0; k < d; ++k) c[l * d + k] = p.m_alpha[l] * g.emb[h * d + k];
    }
    if (control.cancelled()) return cancelled();

    // The target's users v and their items j: the steps t ← v ← j.
    p.m_reachIndex.assign(static_cast<std::size_t>(g.items), -1);
    double selfCoefficient = 0.0;  // Σ_v A[v, t]², the steps that return to t
    std::vector<double> w;         // W, only when K ≥ 1
    if (g.layers > 0) {
      const auto byItem = transpose(g);
      for (auto e = byItem.start[tRow]; e < byItem.start[tRow + 1]; ++e) {
        const auto v = byItem.user[static_cast<std::size_t>(e)];
        const double avt = byItem.value[static_cast<std::size_t>(e)];
        p.m_neighbours[v] = {avt, 0.0};
        for (auto f = g.start[static_cast<std::size_t>(v)]; f < g.start[static_cast<std::size_t>(v) + 1];
             ++f) {
          const auto j = static_cast<std::int32_t>(g.item[static_cast<std::size_t>(f)]);
          const double coefficient = avt * g.value[static_cast<std::size_t>(f)];
          if (j == target) {
            selfCoefficient += coefficient;
            continue;
          }
          auto& r = p.m_reachIndex[static_cast<std::size_t>(j)];
          if (r < 0) {
            r = static_cast<std::int32_t>(p.m_reach.size());
            p.m_reach.push_back(j);
          }
          p.m_steps.push_back({v, r, coefficient});
        }
      }
      w = innerLayers(g, byItem);
    }
    if (control.cancelled()) return cancelled();

    // Path u → h → t: c_h·(E(0)[t]/(K+1) + Σ_v A[v, t]²·W[t]).
    std::vector<double> self(d);
    for (std::size_t k = 0; k < d; ++k) {
      self[k] = g.emb0[tRow * d + k] / static_cast<double>(g.layers + 1) +
                (w.empty() ? 0.0 : selfCoefficient * w[tRow * d + k]);
    }
    for (std::size_t l = 0; l < L; ++l) {
      double dot = 0.0;
      for (std::size_t k = 0; k < d; ++k) dot += c[l * d + k] * self[k];
      p.m_direct.push_back(dot);
    }
    p.m_dim = d;
    p.m_parts = std::move(c);
    p.m_reachVectors.resize(p.m_reach.size() * d);
    for (std::size_t r = 0; r < p.m_reach.size(); ++r) {
      std::copy_n(w.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(p.m_reach[r]) * d), d,
                  p.m_reachVectors.begin() + static_cast<std::ptrdiff_t>(r * d));
    }
    if (control.cancelled()) return cancelled();
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Internal, "the graph explanation failed: " + firstLine(e.what()),
                     model.path());
  }
  p.finish();
  p.keepStrongest(keep);
  p.anchorNeighbours(anchors);
  if (control.cancelled()) return cancelled();
  return p;
}

}  // namespace detail

}  // namespace reclens
