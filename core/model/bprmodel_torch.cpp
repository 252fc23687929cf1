// BPR matrix factorisation in its asymmetric (FISM-style) form, so that a user is a function of the
// history alone: user = sum_i w_i q_i / sqrt(max(sum_i w_i, 1)), score(user, j) = user . p_j.
// q (history side) and p (target side) are separate item tables. While training, the positive item is
// left out of its own user's sum (as FISM does); otherwise the model would learn q_i . p_i.
// Updates: dense Adam over both tables, or with sparse updates (TrainConfig::optimizer, docs/training.md,
// "Sparse updates") Adam on the rows a batch touched only, so that a step costs the batch, not the catalog.
#include <torch/torch.h>

#include <cmath>
#include <tuple>

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

// Adam on the rows a batch touched (the "lazy" Adam of PyTorch's SparseAdam): those rows' moments and
// values are updated, the other rows and their moments stay as they are, and the bias correction uses the
// global step count. `rows` must be distinct. The second moment is kept per row (the mean of the row's
// squared gradient), as row-wise AdaGrad keeps its accumulator: a million-row table then needs one
// extra copy of itself for the first moment instead of two, and the step's scale is shared by a row's
// coordinates, which see the same examples.
class RowAdam {
 public:
  RowAdam(const at::Tensor& table, double lr)
      : m_lr(lr),
        m_m(torch::zeros_like(table.detach())),
        m_v(torch::zeros({table.size(0), 1}, table.options().requires_grad(false))) {}

  void step(at::Tensor& table, const at::Tensor& rows, const at::Tensor& grad) {
    constexpr double kBeta1 = 0.9, kBeta2 = 0.999, kEps = 1e-8;  // torch::optim::Adam's defaults
    torch::NoGradGuard noGrad;
    ++m_step;
    auto m = m_m.index_select(0, rows).mul_(kBeta1).add_(grad, 1.0 - kBeta1);
    auto v = m_v.index_select(0, rows).mul_(kBeta2).add_(grad.square().mean(1, true), 1.0 - kBeta2);
    m_m.index_copy_(0, rows, m);
    m_v.index_copy_(0, rows, v);
    const double c1 = 1.0 - std::pow(kBeta1, static_cast<double>(m_step));
    const double c2 = 1.0 - std::pow(kBeta2, static_cast<double>(m_step));
    auto update = (m / c1).div_((v / c2).sqrt_().add_(kEps)).mul_(-m_lr);
    table.index_add_(0, rows, update);
  }

 private:
  double m_lr;
  at::Tensor m_m, m_v;
  std::int64_t m_step = 0;
};

// The distinct rows of two index lists, ascending, and where each entry of their concatenation sits
// among them: what at::_unique(cat(a, b), sorted, inverse) returns, without its hash table (a node
// allocated per entry, which made the allocator the largest cost of a sparse step on a big heap).
class DistinctRows {
 public:
  explicit DistinctRows(std::int64_t rows) : m_slot(static_cast<std::size_t>(rows), -1) {}

  std::pair<at::Tensor, at::Tensor> operator()(const std::vector<std::int64_t>& a,
                                               const std::vector<std::int64_t>& b,
                                               const c10::Device& device) {
    m_rows.clear();
    const auto mark = [this](std::int64_t v) {
      auto& slot = m_slot[static_cast<std::size_t>(v)];
      if (slot < 0) {
        slot = 0;
        m_rows.push_back(v);
      }
    };
    for (const auto v : a) mark(v);
    for (const auto v : b) mark(v);
    std::sort(m_rows.begin(), m_rows.end());
    for (std::size_t k = 0; k < m_rows.size(); ++k)
      m_slot[static_cast<std::size_t>(m_rows[k])] = std::int64_t(k);
    m_at.resize(a.size() + b.size());
    for (std::size_t i = 0; i < a.size(); ++i) m_at[i] = m_slot[static_cast<std::size_t>(a[i])];
    for (std::size_t i = 0; i < b.size(); ++i) m_at[a.size() + i] = m_slot[static_cast<std::size_t>(b[i])];
    for (const auto v : m_rows) m_slot[static_cast<std::size_t>(v)] = -1;
    return {longTensor(m_rows, device), longTensor(m_at, device)};
  }

 private:
  std::vector<std::int64_t> m_slot;  // -1, or a row's place during a call
  std::vector<std::int64_t> m_rows, m_at;
};

class BprModel final : public TrainableModel {
 public:
  BprModel(const TrainingData& data, const TrainConfig& config, const std::string& device)
      : m_data(data), m_device(device), m_l2(config.l2) {
    m_q = (torch::randn({data.numItems, config.dim}) * 0.1).to(m_device).requires_grad_();
    m_p = (torch::randn({data.numItems, config.dim}) * 0.1).to(m_device).requires_grad_();
    if (sparseUpdates(config, data.numItems)) {
      m_qAdam = std::make_unique<RowAdam>(m_q, config.lr);
      m_pAdam = std::make_unique<RowAdam>(m_p, config.lr);
      m_distinct = std::make_unique<DistinctRows>(data.numItems);
    } else {
      m_opt = std::make_unique<torch::optim::Adam>(std::vector<at::Tensor>{m_q, m_p},
                                                   torch::optim::AdamOptions(config.lr));
    }
  }

  bool learned() const override { return true; }
  int dim() const override { return static_cast<int>(m_p.size(1)); }

  double trainBatch(const std::vector<std::int64_t>& users, const std::vector<std::int64_t>& positives,
                    const std::vector<std::int64_t>& negatives) override {
    const auto b = gatherHistories(m_data.train, users, &positives);
    const auto history = longTensor(b.item, m_device);
    const auto pos = longTensor(positives, m_device);
    const auto neg = longTensor(negatives, m_device);
    if (!m_opt) {
      // Sparse updates: the distinct rows the batch reads become small leaves; their gradients update
      // those rows of the tables (RowAdam).
      const auto nh = history.size(0);
      const auto np = pos.size(0);
      auto [qRows, qAt] = (*m_distinct)(b.item, positives, m_device);
      auto [pRows, pAt] = (*m_distinct)(positives, negatives, m_device);
      auto q = m_q.detach().index_select(0, qRows).requires_grad_();
      auto p = m_p.detach().index_select(0, pRows).requires_grad_();
      auto loss = batchLoss(b, users.size(), q.index_select(0, qAt.slice(0, 0, nh)),
                            q.index_select(0, qAt.slice(0, nh)), p.index_select(0, pAt.slice(0, 0, np)),
                            p.index_select(0, pAt.slice(0, np)));
      loss.backward();
      m_qAdam->step(m_q, qRows, q.grad());
      m_pAdam->step(m_p, pRows, p.grad());
      return loss.item<double>();
    }
    auto loss = batchLoss(b, users.size(), m_q.index_select(0, history), m_q.index_select(0, pos),
                          m_p.index_select(0, pos), m_p.index_select(0, neg));
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

  void endTraining() override {
    // On a million-item catalog: Adam's first moments (2 x 256 MiB) and the best copy (2 x 256 MiB).
    m_opt.reset();
    m_qAdam.reset();
    m_pAdam.reset();
    m_distinct.reset();
    m_bestQ = at::Tensor();
    m_bestP = at::Tensor();
    m_q.mutable_grad() = at::Tensor();  // dense updates leave a full-table gradient behind
    m_p.mutable_grad() = at::Tensor();
  }

  Status warmStart(const WarmStartParent& parent) override {
    const auto rows = leadingRows(parent.metadata.numItems, m_data.numItems);
    if (auto s = copyParentRows(parent, "q", m_q, rows); !s) return s;
    return copyParentRows(parent, "p", m_p, rows);
  }

  // The BPR loss of one batch from the rows it reads: the history rows of q (in the order of b.item), the
  // positives' q rows (left out of their own user's sum), the positives' and negatives' p rows.
  at::Tensor batchLoss(const HistoryBatch& b, std::size_t batchUsers, const at::Tensor& qHistory,
                       const at::Tensor& qPositive, const at::Tensor& pPositive,
                       const at::Tensor& pNegative) {
    const auto owner = longTensor(b.tripletOwner, m_device);
    const auto posWeight = floatTensor(b.positiveWeight, m_device).unsqueeze(1);
    auto sums =
        torch::zeros({static_cast<std::int64_t>(b.users.size()), qHistory.size(1)}, qHistory.options())
            .index_add(0, longTensor(b.owner, m_device),
                       floatTensor(b.weight, m_device).unsqueeze(1) * qHistory);
    auto total = floatTensor(b.total, m_device).index_select(0, owner).unsqueeze(1) - posWeight;
    auto u =
        (sums.index_select(0, owner) - posWeight * qPositive) / torch::sqrt(torch::clamp_min(total, 1.0));
    auto x = (u * (pPositive - pNegative)).sum(1);
    return -torch::log_sigmoid(x).mean() +
           m_l2 * (u.pow(2).sum() + pPositive.pow(2).sum() + pNegative.pow(2).sum()) /
               static_cast<double>(batchUsers);
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
  std::unique_ptr<DistinctRows> m_distinct;  // sparse updates only
  torch::Device m_device;
  double m_l2;
  at::Tensor m_q, m_p, m_bestQ, m_bestP;
  std::unique_ptr<torch::optim::Adam> m_opt;  // dense updates; null with sparse updates
  std::unique_ptr<RowAdam> m_qAdam, m_pAdam;  // sparse updates
};

}  // namespace

std::unique_ptr<TrainableModel> makeBprModel(const TrainingData& data, const TrainConfig& config,
                                             const std::string& device) {
  return std::make_unique<BprModel>(data, config, device);
}

}  // namespace reclens
