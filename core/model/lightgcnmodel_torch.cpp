// LightGCN without user id embeddings, so that a user is exactly their propagated history.
// Items: E0 is learned; E(k) = A^T A E(k-1) with the symmetric normalised train graph
// A[u, i] = w_ui / sqrt(d_u d_i); the item representation is the mean of E(0..K).
// Users: one propagation step from the user's own history over those representations,
// user = sum_i w_i e_i / sqrt(d_i) / sqrt(max(sum_i w_i, 1)). history_inputs(i) = e_i / sqrt(d_i), so a
// what-if edit of the history is exact for the user's own layer; the item side (higher-order
// neighbours) is frozen at export time. Training computes users the same way (leaving the positive
// item out of its own user's sum), so served scores equal trained ones.
#include <torch/torch.h>

#include <cmath>

#include "model/historybatch.h"
#include "model/trainablemodel.h"

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

at::Tensor longTensor(const std::vector<std::int64_t>& v, const torch::Device& d) {
  return torch::tensor(v, torch::kLong).to(d);
}
at::Tensor floatTensor(const std::vector<float>& v, const torch::Device& d) {
  return torch::tensor(v, torch::kFloat).to(d);
}
std::vector<float> plain(const at::Tensor& t) {
  auto c = t.detach().to(torch::kCPU).contiguous();
  return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
}

class LightGcnModel final : public TrainableModel {
 public:
  LightGcnModel(const TrainingData& data, const TrainConfig& config, const std::string& device)
      : m_data(data), m_device(device), m_l2(config.l2), m_layers(std::max(0, config.layers)) {
    std::vector<std::int64_t> edgeUser, edgeItem;
    std::vector<float> edgeNorm;
    std::vector<float> invSqrtDegree(static_cast<std::size_t>(data.numItems));
    for (std::size_t i = 0; i < invSqrtDegree.size(); ++i) {
      invSqrtDegree[i] = 1.0f / std::sqrt(std::max(1.0f, data.itemDegree[i]));
    }
    for (std::size_t u = 0; u < data.train.users(); ++u) {
      float total = 0.0f;
      for (auto e = data.train.start[u]; e < data.train.start[u + 1]; ++e) total += data.train.weight[e];
      const float userNorm = 1.0f / std::sqrt(std::max(1.0f, total));
      for (auto e = data.train.start[u]; e < data.train.start[u + 1]; ++e) {
        const auto item = data.train.item[static_cast<std::size_t>(e)];
        edgeUser.push_back(static_cast<std::int64_t>(u));
        edgeItem.push_back(item);
        edgeNorm.push_back(data.train.weight[e] * userNorm * invSqrtDegree[static_cast<std::size_t>(item)]);
      }
    }
    m_edgeUser = longTensor(edgeUser, m_device);
    m_edgeItem = longTensor(edgeItem, m_device);
    m_edgeNorm = floatTensor(edgeNorm, m_device).unsqueeze(1);
    m_invSqrtDegree = floatTensor(invSqrtDegree, m_device);
    m_e0 = (torch::randn({data.numItems, config.dim}) * 0.1).to(m_device).requires_grad_();
    m_opt = std::make_unique<torch::optim::Adam>(std::vector<at::Tensor>{m_e0}, torch::optim::AdamOptions(config.lr));
  }

  bool learned() const override { return true; }
  int dim() const override { return static_cast<int>(m_e0.size(1)); }

  double trainBatch(const std::vector<std::int64_t>& users, const std::vector<std::int64_t>& positives,
                    const std::vector<std::int64_t>& negatives) override {
    const auto b = gatherHistories(m_data.train, users, &positives);
    const auto emb = propagate();
    const auto history = emb * m_invSqrtDegree.unsqueeze(1);
    const auto pos = longTensor(positives, m_device);
    const auto owner = longTensor(b.tripletOwner, m_device);
    const auto posWeight = floatTensor(b.positiveWeight, m_device).unsqueeze(1);
    auto sums = torch::zeros({static_cast<std::int64_t>(b.users.size()), emb.size(1)}, emb.options())
                    .index_add(0, longTensor(b.owner, m_device),
                               floatTensor(b.weight, m_device).unsqueeze(1) *
                                   history.index_select(0, longTensor(b.item, m_device)));
    auto total = floatTensor(b.total, m_device).index_select(0, owner).unsqueeze(1) - posWeight;
    auto u = (sums.index_select(0, owner) - posWeight * history.index_select(0, pos)) /
             torch::sqrt(torch::clamp_min(total, 1.0));
    auto p = emb.index_select(0, pos);
    auto n = emb.index_select(0, longTensor(negatives, m_device));
    auto x = (u * (p - n)).sum(1);
    // L2 on the layer-0 rows the batch touched, as LightGCN does.
    auto p0 = m_e0.index_select(0, pos);
    auto n0 = m_e0.index_select(0, longTensor(negatives, m_device));
    auto loss = -torch::log_sigmoid(x).mean() +
                m_l2 * (p0.pow(2).sum() + n0.pow(2).sum()) / static_cast<double>(users.size());
    m_opt->zero_grad();
    loss.backward();
    m_opt->step();
    return loss.item<double>();
  }

  std::vector<float> userVectors(const std::vector<std::int64_t>& users, const UserHistories& histories) override {
    torch::NoGradGuard noGrad;
    const auto b = gatherHistories(histories, users, nullptr);
    const auto history = propagate() * m_invSqrtDegree.unsqueeze(1);
    auto sums = torch::zeros({static_cast<std::int64_t>(b.users.size()), history.size(1)}, history.options())
                    .index_add(0, longTensor(b.owner, m_device),
                               floatTensor(b.weight, m_device).unsqueeze(1) *
                                   history.index_select(0, longTensor(b.item, m_device)));
    auto u = sums / torch::sqrt(torch::clamp_min(floatTensor(b.total, m_device), 1.0)).unsqueeze(1);
    return plain(u.index_select(0, longTensor(b.tripletOwner, m_device)));
  }

  std::vector<float> itemMatrix() override {
    torch::NoGradGuard noGrad;
    return plain(propagate());
  }

  void rememberBest() override { m_best = m_e0.detach().clone(); }
  void restoreBest() override {
    if (!m_best.defined()) return;
    torch::NoGradGuard noGrad;
    m_e0.copy_(m_best);
  }

  ExportSpec exportSpec() override {
    torch::NoGradGuard noGrad;
    const auto emb = propagate();
    ExportSpec spec;
    spec.className = "LightGcnModel";
    spec.tensors.push_back({"emb", {emb.size(0), emb.size(1)}, plain(emb), {}, false});
    spec.tensors.push_back({"inv_sqrt_degree", {m_invSqrtDegree.size(0)}, plain(m_invSqrtDegree), {}, false});
    spec.source = kLightGcnSource;
    spec.itemParts = {"item"};
    return spec;
  }

 private:
  // Mean of the item layers E(0..K), E(k) = A^T A E(k-1), with index_add over the train edges.
  at::Tensor propagate() const {
    auto layer = m_e0;
    auto sum = m_e0;
    const auto numUsers = static_cast<std::int64_t>(m_data.train.users());
    for (int k = 0; k < m_layers; ++k) {
      auto users = torch::zeros({numUsers, layer.size(1)}, layer.options())
                       .index_add(0, m_edgeUser, m_edgeNorm * layer.index_select(0, m_edgeItem));
      layer = torch::zeros_like(layer).index_add(0, m_edgeItem, m_edgeNorm * users.index_select(0, m_edgeUser));
      sum = sum + layer;
    }
    return sum / static_cast<double>(m_layers + 1);
  }

  const TrainingData& m_data;
  torch::Device m_device;
  double m_l2;
  int m_layers;
  at::Tensor m_edgeUser, m_edgeItem, m_edgeNorm, m_invSqrtDegree;
  at::Tensor m_e0, m_best;
  std::unique_ptr<torch::optim::Adam> m_opt;
};

}  // namespace

std::unique_ptr<TrainableModel> makeLightGcnModel(const TrainingData& data, const TrainConfig& config,
                                                  const std::string& device) {
  return std::make_unique<LightGcnModel>(data, config, device);
}

}  // namespace reclens
