// LightGCN without user id embeddings, so that a user is exactly their propagated history.
// Items: E0 is learned; E(k) = A^T A E(k-1) with the symmetric normalised train graph
// A[u, i] = w_ui / sqrt(d_u d_i); the item representation is the mean of E(0..K).
// Users: one propagation step from the user's own history over those representations,
// user = sum_i w_i e_i / sqrt(d_i) / sqrt(max(sum_i w_i, 1)). history_inputs(i) = e_i / sqrt(d_i), so a
// what-if edit of the history is exact for the user's own layer; the item side (higher-order
// neighbours) is frozen at export time. Training computes users the same way (leaving the positive
// item out of its own user's sum), so served scores equal trained ones.
// Graph export (docs/model-contract.md): besides the contract the file carries E(0) (emb0), the
// normalised train graph A in compressed rows (graph_start, graph_item, graph_value) and K
// (graph_layers()), from which explain/ splits a score exactly over graph paths.
// Speed: the propagation P = mean(I, M, .., M^K) with M = A^T A is linear and symmetric, so a batch
// propagates E0 once without autograd, takes the loss gradient G with respect to the propagated items,
// and sets the gradient of E0 to P G (one more propagation) instead of differentiating K sparse
// products. On the CPU the sparse products are plain loops over compressed rows, each output row
// written by one thread (deterministic).
#include <torch/torch.h>

#include <ATen/Parallel.h>

#include <cmath>

#include "model/historybatch.h"
#include "model/tensorconvert.h"
#include "model/trainablemodel.h"
#include "model/warmstart.h"

namespace reclens {

namespace {

const char* const kLightGcnSource = R"(
def item_embeddings(self) -> Tensor:
    return self.emb

def history_inputs(self, items: Tensor) -> Tensor:
    return self.emb.index_select(0, items) * self.inv_sqrt_degree.index_select(0, items).unsqueeze(1)

def user_field_inputs(self, codes: Tensor) -> Tensor:
    return torch.zeros([codes.size(0), self.emb.size(1)], dtype=self.emb.dtype, device=self.emb.device)

def user_vector(self, history: Tensor, weights: Tensor, fields: Tensor) -> Tensor:
    total = torch.clamp(weights.sum(), min=1.0)
    return (weights.unsqueeze(1) * history).sum(0) / torch.sqrt(total) + fields.sum(0)

def item_field_inputs(self, items: Tensor) -> Tensor:
    return self.emb.index_select(0, items).unsqueeze(1)

def item_vectors(self, parts: Tensor) -> Tensor:
    return parts.sum(1)
)";

// A sparse matrix in compressed rows: row r owns entries [start[r], start[r + 1]).
struct Csr {
  std::int64_t rows = 0;
  std::vector<std::int64_t> start{0};
  std::vector<std::int64_t> column;
  std::vector<float> value;
  at::Tensor rowOfEntry, columnTensor, valueTensor;  // the entries as tensors on the model's device
};

// The transpose of `a`, whose column count is `columns`.
Csr transposed(const Csr& a, std::int64_t columns) {
  Csr t;
  t.rows = columns;
  t.start.assign(static_cast<std::size_t>(columns) + 1, 0);
  for (const auto c : a.column) ++t.start[static_cast<std::size_t>(c) + 1];
  for (std::size_t c = 0; c < static_cast<std::size_t>(columns); ++c) t.start[c + 1] += t.start[c];
  t.column.resize(a.column.size());
  t.value.resize(a.value.size());
  auto next = t.start;
  for (std::int64_t r = 0; r < a.rows; ++r) {
    for (auto e = a.start[static_cast<std::size_t>(r)]; e < a.start[static_cast<std::size_t>(r) + 1]; ++e) {
      const auto slot =
          static_cast<std::size_t>(next[static_cast<std::size_t>(a.column[static_cast<std::size_t>(e)])]++);
      t.column[slot] = r;
      t.value[slot] = a.value[static_cast<std::size_t>(e)];
    }
  }
  return t;
}

void placeOnDevice(Csr& a, const torch::Device& device) {
  std::vector<std::int64_t> rowOf(a.column.size());
  for (std::int64_t r = 0; r < a.rows; ++r) {
    for (auto e = a.start[static_cast<std::size_t>(r)]; e < a.start[static_cast<std::size_t>(r) + 1]; ++e) {
      rowOf[static_cast<std::size_t>(e)] = r;
    }
  }
  a.rowOfEntry = longTensor(rowOf, device);
  a.columnTensor = longTensor(a.column, device);
  a.valueTensor = floatTensor(a.value, device).unsqueeze(1);
}

// a [R, C] times x [C, D] -> [R, D], without autograd.
at::Tensor times(const Csr& a, const at::Tensor& x) {
  if (!x.is_cpu()) {
    return torch::zeros({a.rows, x.size(1)}, x.options())
        .index_add_(0, a.rowOfEntry, a.valueTensor * x.index_select(0, a.columnTensor));
  }
  const auto src = x.contiguous();
  auto out = torch::zeros({a.rows, src.size(1)}, src.options());
  const auto d = src.size(1);
  const float* in = src.data_ptr<float>();
  float* dst = out.data_ptr<float>();
  at::parallel_for(0, a.rows, 64, [&](std::int64_t begin, std::int64_t end) {
    for (auto r = begin; r < end; ++r) {
      float* row = dst + r * d;
      for (auto e = a.start[static_cast<std::size_t>(r)]; e < a.start[static_cast<std::size_t>(r) + 1]; ++e) {
        const float v = a.value[static_cast<std::size_t>(e)];
        const float* from = in + a.column[static_cast<std::size_t>(e)] * d;
        for (std::int64_t j = 0; j < d; ++j) row[j] += v * from[j];
      }
    }
  });
  return out;
}

class LightGcnModel final : public TrainableModel {
 public:
  LightGcnModel(const TrainingData& data, const TrainConfig& config, const std::string& device)
      : m_data(data), m_device(device), m_l2(config.l2), m_layers(std::max(0, config.layers)) {
    std::vector<float> invSqrtDegree(static_cast<std::size_t>(data.numItems));
    for (std::size_t i = 0; i < invSqrtDegree.size(); ++i) {
      invSqrtDegree[i] = 1.0f / std::sqrt(std::max(1.0f, data.itemDegree[i]));
    }
    m_userItem.rows = static_cast<std::int64_t>(data.train.users());
    m_userItem.start = data.train.start;
    m_userItem.column = data.train.item;
    for (std::size_t u = 0; u < data.train.users(); ++u) {
      float total = 0.0f;
      for (auto e = data.train.start[u]; e < data.train.start[u + 1]; ++e) total += data.train.weight[e];
      const float userNorm = 1.0f / std::sqrt(std::max(1.0f, total));
      for (auto e = data.train.start[u]; e < data.train.start[u + 1]; ++e) {
        const auto item = data.train.item[static_cast<std::size_t>(e)];
        m_userItem.value.push_back(data.train.weight[e] * userNorm *
                                   invSqrtDegree[static_cast<std::size_t>(item)]);
      }
    }
    m_itemUser = transposed(m_userItem, data.numItems);
    placeOnDevice(m_userItem, m_device);
    placeOnDevice(m_itemUser, m_device);
    m_invSqrtDegree = floatTensor(invSqrtDegree, m_device);
    m_e0 = (torch::randn({data.numItems, config.dim}) * 0.1).to(m_device).requires_grad_();
    m_opt = std::make_unique<torch::optim::Adam>(std::vector<at::Tensor>{m_e0},
                                                 torch::optim::AdamOptions(config.lr));
  }

  bool learned() const override { return true; }
  int dim() const override { return static_cast<int>(m_e0.size(1)); }

  double trainBatch(const std::vector<std::int64_t>& users, const std::vector<std::int64_t>& positives,
                    const std::vector<std::int64_t>& negatives) override {
    const auto b = gatherHistories(m_data.train, users, &positives);
    at::Tensor propagated;
    {
      torch::NoGradGuard noGrad;
      propagated = propagate(m_e0);
    }
    const auto emb = propagated.requires_grad_();
    const auto history = emb * m_invSqrtDegree.unsqueeze(1);
    const auto pos = longTensor(positives, m_device);
    const auto neg = longTensor(negatives, m_device);
    const auto owner = longTensor(b.tripletOwner, m_device);
    const auto posWeight = floatTensor(b.positiveWeight, m_device).unsqueeze(1);
    auto sums = torch::zeros({static_cast<std::int64_t>(b.users.size()), emb.size(1)}, emb.options())
                    .index_add(0, longTensor(b.owner, m_device),
                               floatTensor(b.weight, m_device).unsqueeze(1) *
                                   history.index_select(0, longTensor(b.item, m_device)));
    auto total = floatTensor(b.total, m_device).index_select(0, owner).unsqueeze(1) - posWeight;
    auto u = (sums.index_select(0, owner) - posWeight * history.index_select(0, pos)) /
             torch::sqrt(torch::clamp_min(total, 1.0));
    auto x = (u * (emb.index_select(0, pos) - emb.index_select(0, neg))).sum(1);
    // L2 on the layer-0 rows the batch touched, as LightGCN does.
    auto loss = -torch::log_sigmoid(x).mean() +
                m_l2 * (m_e0.index_select(0, pos).pow(2).sum() + m_e0.index_select(0, neg).pow(2).sum()) /
                    static_cast<double>(users.size());
    m_opt->zero_grad();
    loss.backward();
    {
      torch::NoGradGuard noGrad;
      // The propagation is symmetric, so the gradient flowing back to E0 is the propagated gradient.
      auto grad = propagate(emb.grad());
      if (m_e0.grad().defined()) grad.add_(m_e0.grad());
      m_e0.mutable_grad() = grad;
    }
    m_opt->step();
    return loss.item<double>();
  }

  std::vector<float> userVectors(const std::vector<std::int64_t>& users,
                                 const UserHistories& histories) override {
    torch::NoGradGuard noGrad;
    const auto b = gatherHistories(histories, users, nullptr);
    const auto history = propagate(m_e0) * m_invSqrtDegree.unsqueeze(1);
    auto sums = torch::zeros({static_cast<std::int64_t>(b.users.size()), history.size(1)}, history.options())
                    .index_add(0, longTensor(b.owner, m_device),
                               floatTensor(b.weight, m_device).unsqueeze(1) *
                                   history.index_select(0, longTensor(b.item, m_device)));
    auto u = sums / torch::sqrt(torch::clamp_min(floatTensor(b.total, m_device), 1.0)).unsqueeze(1);
    return plain(u.index_select(0, longTensor(b.tripletOwner, m_device)));
  }

  std::vector<float> itemMatrix() override {
    torch::NoGradGuard noGrad;
    return plain(propagate(m_e0));
  }

  void rememberBest() override { m_best = m_e0.detach().clone(); }
  void restoreBest() override {
    if (!m_best.defined()) return;
    torch::NoGradGuard noGrad;
    m_e0.copy_(m_best);
  }

  // The layer-0 table E0 is what is learned; the propagation runs over this run's graph.
  Status warmStart(const WarmStartParent& parent) override {
    return copyParentRows(parent, "emb0", m_e0, leadingRows(parent.metadata.numItems, m_data.numItems));
  }

  ExportSpec exportSpec() override {
    torch::NoGradGuard noGrad;
    const auto emb = propagate(m_e0);
    ExportSpec spec;
    spec.className = "LightGcnModel";
    spec.tensors.push_back({"emb", {emb.size(0), emb.size(1)}, plain(emb), {}, false});
    spec.tensors.push_back({"inv_sqrt_degree", {m_invSqrtDegree.size(0)}, plain(m_invSqrtDegree), {}, false});
    // The graph export: E(0), A and K, so that a score splits exactly over graph paths.
    spec.tensors.push_back({"emb0", {m_e0.size(0), m_e0.size(1)}, plain(m_e0.detach()), {}, false});
    spec.tensors.push_back(
        {"graph_start", {static_cast<std::int64_t>(m_userItem.start.size())}, {}, m_userItem.start, true});
    spec.tensors.push_back(
        {"graph_item", {static_cast<std::int64_t>(m_userItem.column.size())}, {}, m_userItem.column, true});
    spec.tensors.push_back(
        {"graph_value", {static_cast<std::int64_t>(m_userItem.value.size())}, m_userItem.value, {}, false});
    spec.source = std::string(kLightGcnSource) + pooledSqrtUserSource() +
                  "\ndef graph_layers(self) -> int:\n    return " + std::to_string(m_layers) + "\n";
    spec.itemParts = {"item"};
    return spec;
  }

 private:
  // Mean of the item layers X(0..K), X(0) = x, X(k) = A^T A X(k-1).
  at::Tensor propagate(const at::Tensor& x) const {
    auto layer = x;
    auto sum = x;
    for (int k = 0; k < m_layers; ++k) {
      layer = times(m_itemUser, times(m_userItem, layer));
      sum = sum + layer;
    }
    return sum / static_cast<double>(m_layers + 1);
  }

  const TrainingData& m_data;
  torch::Device m_device;
  double m_l2;
  int m_layers;
  Csr m_userItem, m_itemUser;  // A [users, items] and its transpose
  at::Tensor m_invSqrtDegree;
  at::Tensor m_e0, m_best;
  std::unique_ptr<torch::optim::Adam> m_opt;
};

}  // namespace

std::unique_ptr<TrainableModel> makeLightGcnModel(const TrainingData& data, const TrainConfig& config,
                                                  const std::string& device) {
  return std::make_unique<LightGcnModel>(data, config, device);
}

}  // namespace reclens
