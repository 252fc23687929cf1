// BPR matrix factorisation in its asymmetric (FISM-style) form, so that a user is a function of the
// history alone: user = sum_i w_i q_i / sqrt(max(sum_i w_i, 1)), score(user, j) = user . p_j.
// q (history side) and p (target side) are separate item tables. While training, the positive item is
// left out of its own user's sum (as FISM does); otherwise the model would learn q_i . p_i.
#include <torch/torch.h>

#include "model/historybatch.h"
#include "model/tensorconvert.h"
#include "model/trainablemodel.h"
#include "model/warmstart.h"

namespace reclens {

namespace {

const char* const kBprSource = R"(
def item_embeddings(self) -> Tensor:
    return self.p

def history_inputs(self, items: Tensor) -> Tensor:
    return self.q.index_select(0, items)

def user_field_inputs(self, codes: Tensor) -> Tensor:
    return torch.zeros([codes.size(0), self.q.size(1)], dtype=self.q.dtype, device=self.q.device)

def user_vector(self, history: Tensor, weights: Tensor, fields: Tensor) -> Tensor:
    total = torch.clamp(weights.sum(), min=1.0)
    return (weights.unsqueeze(1) * history).sum(0) / torch.sqrt(total) + fields.sum(0)

def item_field_inputs(self, items: Tensor) -> Tensor:
    return self.p.index_select(0, items).unsqueeze(1)

def item_vectors(self, parts: Tensor) -> Tensor:
    return parts.sum(1)
)";

class BprModel final : public TrainableModel {
 public:
  BprModel(const TrainingData& data, const TrainConfig& config, const std::string& device)
      : m_data(data), m_device(device), m_l2(config.l2) {
    m_q = (torch::randn({data.numItems, config.dim}) * 0.1).to(m_device).requires_grad_();
    m_p = (torch::randn({data.numItems, config.dim}) * 0.1).to(m_device).requires_grad_();
    m_opt = std::make_unique<torch::optim::Adam>(std::vector<at::Tensor>{m_q, m_p},
                                                 torch::optim::AdamOptions(config.lr));
  }

  bool learned() const override { return true; }
  int dim() const override { return static_cast<int>(m_p.size(1)); }

  double trainBatch(const std::vector<std::int64_t>& users, const std::vector<std::int64_t>& positives,
                    const std::vector<std::int64_t>& negatives) override {
    const auto b = gatherHistories(m_data.train, users, &positives);
    const auto pos = longTensor(positives, m_device);
    const auto owner = longTensor(b.tripletOwner, m_device);
    const auto posWeight = floatTensor(b.positiveWeight, m_device).unsqueeze(1);
    auto sums = torch::zeros({static_cast<std::int64_t>(b.users.size()), m_q.size(1)}, m_q.options())
                    .index_add(0, longTensor(b.owner, m_device),
                               floatTensor(b.weight, m_device).unsqueeze(1) *
                                   m_q.index_select(0, longTensor(b.item, m_device)));
    auto total = floatTensor(b.total, m_device).index_select(0, owner).unsqueeze(1) - posWeight;
    auto u = (sums.index_select(0, owner) - posWeight * m_q.index_select(0, pos)) /
             torch::sqrt(torch::clamp_min(total, 1.0));
    auto p = m_p.index_select(0, pos);
    auto n = m_p.index_select(0, longTensor(negatives, m_device));
    auto x = (u * (p - n)).sum(1);
    auto loss = -torch::log_sigmoid(x).mean() +
                m_l2 * (u.pow(2).sum() + p.pow(2).sum() + n.pow(2).sum()) / static_cast<double>(users.size());
    m_opt->zero_grad();
    loss.backward();
    m_opt->step();
    return loss.item<double>();
  }

  std::vector<float> userVectors(const std::vector<std::int64_t>& users,
                                 const UserHistories& histories) override {
    torch::NoGradGuard noGrad;
    const auto b = gatherHistories(histories, users, nullptr);
    auto sums = torch::zeros({static_cast<std::int64_t>(b.users.size()), m_q.size(1)}, m_q.options())
                    .index_add(0, longTensor(b.owner, m_device),
                               floatTensor(b.weight, m_device).unsqueeze(1) *
                                   m_q.index_select(0, longTensor(b.item, m_device)));
    auto u = sums / torch::sqrt(torch::clamp_min(floatTensor(b.total, m_device), 1.0)).unsqueeze(1);
    return plain(u.index_select(0, longTensor(b.tripletOwner, m_device)));
  }

  std::vector<float> itemMatrix() override { return plain(m_p); }

  void rememberBest() override {
    m_bestQ = m_q.detach().clone();
    m_bestP = m_p.detach().clone();
  }
  void restoreBest() override {
    if (!m_bestQ.defined()) return;
    torch::NoGradGuard noGrad;
    m_q.copy_(m_bestQ);
    m_p.copy_(m_bestP);
  }

  Status warmStart(const WarmStartParent& parent) override {
    const auto rows = leadingRows(parent.metadata.numItems, m_data.numItems);
    if (auto s = copyParentRows(parent, "q", m_q, rows); !s) return s;
    return copyParentRows(parent, "p", m_p, rows);
  }

  ExportSpec exportSpec() override {
    ExportSpec spec;
    spec.className = "BprModel";
    spec.tensors.push_back({"q", {m_q.size(0), m_q.size(1)}, plain(m_q), {}, false});
    spec.tensors.push_back({"p", {m_p.size(0), m_p.size(1)}, plain(m_p), {}, false});
    spec.source = std::string(kBprSource) + pooledSqrtUserSource();
    spec.itemParts = {"item"};
    return spec;
  }

 private:
  const TrainingData& m_data;
  torch::Device m_device;
  double m_l2;
  at::Tensor m_q, m_p, m_bestQ, m_bestP;
  std::unique_ptr<torch::optim::Adam> m_opt;
};

}  // namespace

std::unique_ptr<TrainableModel> makeBprModel(const TrainingData& data, const TrainConfig& config,
                                             const std::string& device) {
  return std::make_unique<BprModel>(data, config, device);
}

}  // namespace reclens
