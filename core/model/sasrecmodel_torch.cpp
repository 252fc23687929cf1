// A self-attentive sequential model (after SASRec, Kang and McAuley 2018): a user's history is read in
// time order (distinct items by first occurrence, oldest first, as the profiles RecLens scores later),
// the last `maxLength` of them with learned position embeddings aligned to the end (the newest event
// always sits at the last position), through `layers` blocks of causal self-attention (one head) and a
// position-wise feed-forward net; the user vector is the output at the newest position, and scores are
// its dot products with the item table, which is also the input table (shared, as in the paper).
//
// The contract's weights (docs/model-contract.md) scale each event's item embedding, not its position:
// x_l = clamp(w_l, 0, 1) * sqrt(D) * e_{i_l} + p_l. A weight of 0 leaves a blank event at its place in
// the sequence (attribution baselines and occlusion), 1 is the event as trained; a repeat purchase
// (weight above 1) counts once. Training pads short sequences at the front; padded events are left out
// of every attention row, so a sequence of n events gives the same vector padded or not.
//
// Training: every position predicts the next event of the user's train sequence, by a sampled softmax
// over the event and `negatives` items drawn for the batch (the default), or by binary cross-entropy
// against `negatives` items the user never took per event (the paper's loss); Adam, dropout on the
// embeddings, the attention output and the feed-forward layers; batches are users.
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "model/tensorconvert.h"
#include "model/trainablemodel.h"
#include "model/warmstart.h"

namespace reclens {

namespace {

// The encoder in TorchScript, the same computation as SasRecModel::encode in eval mode. Block weights are
// stacked along a leading dimension (one slice per block).
const char* const kSasRecSource = R"(
def item_embeddings(self) -> Tensor:
    return self.item

def history_inputs(self, items: Tensor) -> Tensor:
    return self.item.index_select(0, items)

def user_field_inputs(self, codes: Tensor) -> Tensor:
    return torch.zeros([codes.size(0), self.item.size(1)], dtype=self.item.dtype, device=self.item.device)

def item_field_inputs(self, items: Tensor) -> Tensor:
    return self.item.index_select(0, items).unsqueeze(1)

def item_vectors(self, parts: Tensor) -> Tensor:
    return parts.sum(1)

def user_vector(self, history: Tensor, weights: Tensor, fields: Tensor) -> Tensor:
    return self.user_vectors(history.unsqueeze(0), weights.unsqueeze(0), fields.unsqueeze(0))[0]

def user_vectors(self, history: Tensor, weights: Tensor, fields: Tensor) -> Tensor:
    d = self.item.size(1)
    longest = self.position.size(0)
    if history.size(1) == 0:
        history = torch.zeros([history.size(0), 1, d], dtype=self.item.dtype, device=self.item.device)
        weights = torch.zeros([weights.size(0), 1], dtype=self.item.dtype, device=self.item.device)
    n = history.size(1)
    if n > longest:
        history = history.narrow(1, n - longest, longest)
        weights = weights.narrow(1, n - longest, longest)
        n = longest
    x = torch.clamp(weights, 0.0, 1.0).unsqueeze(2) * history * (d ** 0.5)
    x = x + self.position.narrow(0, longest - n, n).unsqueeze(0)
    blocked = torch.triu(torch.ones([n, n], dtype=x.dtype, device=x.device), 1) > 0.5
    for b in range(self.wq.size(0)):
        q = torch.layer_norm(x, [d], self.ln1_w[b], self.ln1_b[b], 1e-8)
        queries = torch.matmul(q, self.wq[b].t()) + self.bq[b]
        keys = torch.matmul(x, self.wk[b].t()) + self.bk[b]
        values = torch.matmul(x, self.wv[b].t()) + self.bv[b]
        att = torch.matmul(queries, keys.transpose(1, 2)) / (d ** 0.5)
        att = torch.softmax(att.masked_fill(blocked, -1e9), -1)
        x = q + torch.matmul(torch.matmul(att, values), self.wo[b].t()) + self.bo[b]
        y = torch.layer_norm(x, [d], self.ln2_w[b], self.ln2_b[b], 1e-8)
        hidden = torch.relu(torch.matmul(y, self.w1[b].t()) + self.b1[b])
        x = y + torch.matmul(hidden, self.w2[b].t()) + self.b2[b]
    out = torch.layer_norm(x, [d], self.lnf_w, self.lnf_b, 1e-8)
    return out.select(1, n - 1) + fields.sum(1)
)";

// The names of the stacked block weights, in the order params() holds them after item and position.
const char* const kBlockNames[] = {"ln1_w", "ln1_b", "wq",    "bq",    "wk", "bk", "wv", "bv",
                                   "wo",    "bo",    "ln2_w", "ln2_b", "w1", "b1", "w2", "b2"};
constexpr int kBlockTensors = 16;

class SasRecModel final : public TrainableModel {
 public:
  SasRecModel(const TrainingData& data, const TrainConfig& config, const std::string& device)
      : m_data(data),
        m_device(device),
        m_dim(config.dim),
        m_longest(config.maxLength),
        m_dropout(config.dropout),
        m_l2(config.l2),
        m_negatives(config.negatives),
        m_softmax(config.sequenceLoss == "softmax"),
        m_rng(config.seed ^ 0x5a5a5a5a5a5a5a5aULL) {
    const auto d = static_cast<std::int64_t>(config.dim);
    const auto blocks = static_cast<std::int64_t>(config.layers);
    const auto xavier = [](std::vector<std::int64_t> shape, std::int64_t fanIn, std::int64_t fanOut) {
      return torch::randn(shape) * std::sqrt(2.0 / static_cast<double>(fanIn + fanOut));
    };
    m_item = xavier({data.numItems, d}, data.numItems, d);
    m_position = xavier({m_longest, d}, m_longest, d);
    const auto ones = [&] { return torch::ones({blocks, d}); };
    const auto zeros = [&] { return torch::zeros({blocks, d}); };
    const auto square = [&] { return xavier({blocks, d, d}, d, d); };
    m_blocks = {ones(),   zeros(), square(), zeros(), square(), zeros(), square(), zeros(),
                square(), zeros(), ones(),   zeros(), square(), zeros(), square(), zeros()};
    m_lnfW = torch::ones({d});
    m_lnfB = torch::zeros({d});
    for (auto* t : params()) *t = t->to(m_device).requires_grad_();
    std::vector<at::Tensor> all;
    for (auto* t : params()) all.push_back(*t);
    m_opt = std::make_unique<torch::optim::Adam>(
        all, torch::optim::AdamOptions(config.lr).betas(std::make_tuple(0.9, 0.98)));
    // Each user's train items sorted, for drawing negatives the user never took.
    m_sorted = data.train.item;
    for (std::size_t u = 0; u < data.train.users(); ++u) {
      std::sort(m_sorted.begin() + data.train.start[u], m_sorted.begin() + data.train.start[u + 1]);
    }
  }

  bool learned() const override { return true; }
  bool sequential() const override { return true; }
  int dim() const override { return m_dim; }

  double trainBatch(const std::vector<std::int64_t>&, const std::vector<std::int64_t>&,
                    const std::vector<std::int64_t>&) override {
    throw std::logic_error("the sequential model trains on sequences (trainSequences), not triplets");
  }

  double trainSequences(const std::vector<std::int64_t>& users) override {
    // Inputs: each user's train sequence but its last event; targets: the events after each input.
    std::vector<std::int64_t> inputs, targets, negatives;
    std::vector<float> present;
    std::int64_t rows = 0;
    // The batch's longest input decides its width (padding costs as much as events; the trainer batches
    // users of similar lengths together). Positions stay aligned to the newest event.
    std::int64_t L = 1;
    for (const auto u : users) {
      const auto n = m_data.train.start[static_cast<std::size_t>(u) + 1] -
                     m_data.train.start[static_cast<std::size_t>(u)];
      L = std::max(L, std::min<std::int64_t>(n - 1, m_longest));
    }
    std::uniform_int_distribution<std::int64_t> anyItem(0, m_data.numItems - 1);
    for (const auto u : users) {
      const auto begin = m_data.train.start[static_cast<std::size_t>(u)];
      const auto n = m_data.train.start[static_cast<std::size_t>(u) + 1] - begin;
      if (n < 2) continue;
      const auto m = std::min<std::int64_t>(n - 1, L);
      const auto first = begin + (n - 1 - m);
      const auto sortedBegin = m_sorted.begin() + begin, sortedEnd = sortedBegin + n;
      for (std::int64_t l = 0; l < L; ++l) {
        const auto k = l - (L - m);  // index into the user's last m inputs; negative = padding
        if (k < 0) {
          inputs.push_back(0);
          targets.push_back(0);
          present.push_back(0.0f);
          if (!m_softmax)
            for (int j = 0; j < m_negatives; ++j) negatives.push_back(0);
          continue;
        }
        inputs.push_back(m_data.train.item[static_cast<std::size_t>(first + k)]);
        targets.push_back(m_data.train.item[static_cast<std::size_t>(first + k + 1)]);
        present.push_back(1.0f);
        for (int j = 0; !m_softmax && j < m_negatives; ++j) {
          std::int64_t item = anyItem(m_rng);
          // A user who took most of the catalog would make rejection slow; a few tries are enough.
          for (int tries = 0; tries < 16 && std::binary_search(sortedBegin, sortedEnd, item); ++tries)
            item = anyItem(m_rng);
          negatives.push_back(item);
        }
      }
      ++rows;
    }
    if (rows == 0) return 0.0;
    const auto in = longTensor(inputs, m_device).view({rows, L});
    const auto mask = floatTensor(present, m_device).view({rows, L});
    auto h = encode(m_item.index_select(0, in.view(-1)).view({rows, L, m_dim}), mask, true);  // [B, L, D]
    at::Tensor loss;
    if (m_softmax) {
      // Sampled softmax: the events' positions only, each against the batch's shared negatives (drawn
      // uniformly, so no correction for how they were drawn); a negative equal to the event is left out.
      const auto at = torch::nonzero(mask.view(-1) > 0.5).view(-1);
      const auto hr = h.view({-1, m_dim}).index_select(0, at);                // [P, D]
      const auto target = longTensor(targets, m_device).index_select(0, at);  // [P]
      for (int j = 0; j < m_negatives; ++j) negatives.push_back(anyItem(m_rng));
      const auto negative = longTensor(negatives, m_device);  // [S]
      const auto pos = m_item.index_select(0, target);
      const auto posLogit = (hr * pos).sum(1, true);                            // [P, 1]
      auto negLogit = torch::matmul(hr, m_item.index_select(0, negative).t());  // [P, S]
      negLogit = negLogit.masked_fill(target.unsqueeze(1) == negative.unsqueeze(0), -1e9);
      loss = (torch::logsumexp(torch::cat({posLogit, negLogit}, 1), 1) - posLogit.squeeze(1)).mean();
      if (m_l2 > 0.0) loss = loss + m_l2 * pos.pow(2).sum(1).mean();
    } else {
      const auto pos = m_item.index_select(0, longTensor(targets, m_device)).view({rows, L, m_dim});
      const auto neg =
          m_item.index_select(0, longTensor(negatives, m_device)).view({rows, L, m_negatives, m_dim});
      const auto posLogit = (h * pos).sum(2);               // [B, L]
      const auto negLogit = (h.unsqueeze(2) * neg).sum(3);  // [B, L, K]
      auto perPosition = -torch::log_sigmoid(posLogit) - torch::log_sigmoid(-negLogit).sum(2);
      const auto count = mask.sum();
      loss = (perPosition * mask).sum() / count;
      if (m_l2 > 0.0) loss = loss + m_l2 * (pos.pow(2).sum(2) * mask).sum() / count;
    }
    m_opt->zero_grad();
    loss.backward();
    m_opt->step();
    return loss.item<double>();
  }

  std::vector<float> userVectors(const std::vector<std::int64_t>& users,
                                 const UserHistories& histories) override {
    torch::NoGradGuard noGrad;
    const auto B = static_cast<std::int64_t>(users.size());
    std::int64_t L = 1;
    for (const auto user : users) {
      const auto u = static_cast<std::size_t>(user);
      L = std::max(L, std::min<std::int64_t>(histories.start[u + 1] - histories.start[u], m_longest));
    }
    std::vector<std::int64_t> inputs(static_cast<std::size_t>(B * L), 0);
    std::vector<float> weights(static_cast<std::size_t>(B * L), 0.0f);
    std::vector<float> present(static_cast<std::size_t>(B * L), 0.0f);
    for (std::int64_t b = 0; b < B; ++b) {
      const auto u = static_cast<std::size_t>(users[static_cast<std::size_t>(b)]);
      const auto begin = histories.start[u];
      const auto n = histories.start[u + 1] - begin;
      const auto m = std::min<std::int64_t>(n, L);
      // An empty history is one blank event at the newest position, as the exported method reads it.
      if (m == 0) present[static_cast<std::size_t>(b * L + L - 1)] = 1.0f;
      for (std::int64_t k = 0; k < m; ++k) {
        const auto at = static_cast<std::size_t>(b * L + (L - m) + k);
        const auto e = static_cast<std::size_t>(begin + (n - m) + k);
        inputs[at] = histories.item[e];
        weights[at] = std::clamp(histories.weight[e], 0.0f, 1.0f);
        present[at] = 1.0f;
      }
    }
    const auto emb = m_item.index_select(0, longTensor(inputs, m_device)).view({B, L, m_dim}) *
                     floatTensor(weights, m_device).view({B, L, 1});
    auto h = encode(emb, floatTensor(present, m_device).view({B, L}), false);
    return plain(h.select(1, L - 1).contiguous());
  }

  std::vector<float> itemMatrix() override { return plain(m_item); }

  void rememberBest() override {
    m_best.clear();
    for (auto* t : params()) m_best.push_back(t->detach().clone());
  }
  void restoreBest() override {
    if (m_best.empty()) return;
    torch::NoGradGuard noGrad;
    const auto ps = params();
    for (std::size_t k = 0; k < ps.size(); ++k) ps[k]->copy_(m_best[k]);
  }
  void endTraining() override {
    m_opt.reset();
    m_best.clear();
    for (auto* t : params()) t->mutable_grad() = at::Tensor();
  }

  Status warmStart(const WarmStartParent& parent) override {
    if (auto s =
            copyParentRows(parent, "item", m_item, leadingRows(parent.metadata.numItems, m_data.numItems));
        !s)
      return s;
    if (auto s = copyParentTensor(parent, "position", m_position); !s) return s;
    for (int k = 0; k < kBlockTensors; ++k) {
      if (auto s = copyParentTensor(parent, kBlockNames[k], m_blocks[static_cast<std::size_t>(k)]); !s)
        return s;
    }
    if (auto s = copyParentTensor(parent, "lnf_w", m_lnfW); !s) return s;
    return copyParentTensor(parent, "lnf_b", m_lnfB);
  }

  ExportSpec exportSpec() override {
    ExportSpec spec;
    spec.className = "SasRecModel";
    const auto add = [&spec](const std::string& name, const at::Tensor& t) {
      spec.tensors.push_back({name, t.sizes().vec(), plain(t.contiguous()), {}, false});
    };
    add("item", m_item);
    add("position", m_position);
    for (int k = 0; k < kBlockTensors; ++k) add(kBlockNames[k], m_blocks[static_cast<std::size_t>(k)]);
    add("lnf_w", m_lnfW);
    add("lnf_b", m_lnfB);
    spec.source = kSasRecSource;
    spec.itemParts = {"item"};
    return spec;
  }

 private:
  std::vector<at::Tensor*> params() {
    std::vector<at::Tensor*> ps = {&m_item, &m_position};
    for (auto& t : m_blocks) ps.push_back(&t);
    ps.push_back(&m_lnfW);
    ps.push_back(&m_lnfB);
    return ps;
  }

  at::Tensor dropout(const at::Tensor& x, bool training) const {
    return training && m_dropout > 0.0 ? torch::dropout(x, m_dropout, true) : x;
  }

  // The encoder over [B, L, D] item embeddings (already scaled by their weights), padded at the front;
  // `present` [B, L] is 1 for an event and 0 for padding, which no attention row reads. Returns the
  // output at every position [B, L, D].
  at::Tensor encode(const at::Tensor& embedded, const at::Tensor& present, bool training) {
    const auto L = embedded.size(1);
    const double scale = std::sqrt(static_cast<double>(m_dim));
    auto x = embedded * scale + m_position.narrow(0, m_longest - L, L).unsqueeze(0);
    x = dropout(x, training);
    // Blocked: later keys (causal) and padded keys; an all-padding row still has a finite softmax.
    auto blocked =
        torch::triu(torch::ones({L, L}, torch::TensorOptions().dtype(torch::kBool).device(x.device())), 1)
            .unsqueeze(0) |
        (present < 0.5).unsqueeze(1);
    const auto& t = m_blocks;
    for (std::int64_t b = 0; b < t[2].size(0); ++b) {
      const auto q = torch::layer_norm(x, {m_dim}, t[0][b], t[1][b], 1e-8);
      const auto queries = torch::matmul(q, t[2][b].t()) + t[3][b];
      const auto keys = torch::matmul(x, t[4][b].t()) + t[5][b];
      const auto values = torch::matmul(x, t[6][b].t()) + t[7][b];
      auto att = torch::matmul(queries, keys.transpose(1, 2)) / scale;
      att = dropout(torch::softmax(att.masked_fill(blocked, -1e9), -1), training);
      x = q + dropout(torch::matmul(torch::matmul(att, values), t[8][b].t()) + t[9][b], training);
      const auto y = torch::layer_norm(x, {m_dim}, t[10][b], t[11][b], 1e-8);
      const auto hidden = dropout(torch::relu(torch::matmul(y, t[12][b].t()) + t[13][b]), training);
      x = y + dropout(torch::matmul(hidden, t[14][b].t()) + t[15][b], training);
    }
    return torch::layer_norm(x, {m_dim}, m_lnfW, m_lnfB, 1e-8);
  }

  const TrainingData& m_data;
  torch::Device m_device;
  std::int64_t m_dim;
  std::int64_t m_longest;
  double m_dropout;
  double m_l2;
  int m_negatives;  // bce: per event; softmax: shared by a batch
  bool m_softmax;
  std::mt19937_64 m_rng;
  std::vector<std::int64_t> m_sorted;
  at::Tensor m_item, m_position, m_lnfW, m_lnfB;
  std::vector<at::Tensor> m_blocks;  // kBlockTensors stacked per-block weights
  std::vector<at::Tensor> m_best;
  std::unique_ptr<torch::optim::Adam> m_opt;
};

}  // namespace

std::unique_ptr<TrainableModel> makeSasRecModel(const TrainingData& data, const TrainConfig& config,
                                                const std::string& device) {
  return std::make_unique<SasRecModel>(data, config, device);
}

}  // namespace reclens
