// Feature-aware two-tower model.
// Item tower: item = id embedding + one embedding per categorical catalog field (category, brand, ...,
// and the price band), each field with a learned "missing" row, + the title part t_i W (t_i the item's
// title features, textfeatures.h); the parts are what item_field_inputs returns and item_vectors sums them.
// An item without training rows has a zero id part (it could only be noise), so its score comes from its
// content; during training each item's id part is left out of a step with chance id_dropout, so the
// content parts learn to carry a score alone (the input dropout of Volkovs et al., DropoutNet, 2017). User
// tower: pooled = sum_i w_i item_i / sqrt(max(sum_i w_i, 1)) over the history (sharing the item tower's
// vectors), f = sum of the user's attribute embeddings (one learned "missing" row per field), user = pooled +
// W2 relu(W1 [pooled; f] + b1) + b2. Score = user . item.
#include <torch/torch.h>

#include <unordered_map>

#include "model/historybatch.h"
#include "model/modelcontract.h"
#include "model/tensorconvert.h"
#include "model/textfeatures.h"
#include "model/trainablemodel.h"
#include "model/warmstart.h"

namespace reclens {

namespace {

const char* const kTwoTowerSource = R"(
def item_embeddings(self) -> Tensor:
    return self.emb

def history_inputs(self, items: Tensor) -> Tensor:
    return self.emb.index_select(0, items)

def user_field_inputs(self, codes: Tensor) -> Tensor:
    missing = (codes < 0) | (codes >= self.user_field_sizes)
    rows = torch.where(missing, self.user_field_sizes, codes) + self.user_field_offsets
    return self.user_table.index_select(0, rows)

def user_vector(self, history: Tensor, weights: Tensor, fields: Tensor) -> Tensor:
    total = torch.clamp(weights.sum(), min=1.0)
    pooled = (weights.unsqueeze(1) * history).sum(0) / torch.sqrt(total)
    hidden = torch.relu(torch.mv(self.w1, torch.cat([pooled, fields.sum(0)])) + self.b1)
    return pooled + torch.mv(self.w2, hidden) + self.b2

def user_vectors(self, history: Tensor, weights: Tensor, fields: Tensor) -> Tensor:
    total = torch.clamp(weights.sum(1), min=1.0)
    pooled = (weights.unsqueeze(2) * history).sum(1) / torch.sqrt(total).unsqueeze(1)
    hidden = torch.relu(torch.cat([pooled, fields.sum(1)], 1).matmul(self.w1.t()) + self.b1)
    return pooled + hidden.matmul(self.w2.t()) + self.b2

def explain_structure(self) -> str:
    return '{"user": {"form": "pooled_mlp", "norm": "sqrt", "clamp_min": 1.0}, "items": "sum_parts"}'

def explain_tensors(self) -> List[Tensor]:
    return [self.w1, self.b1, self.w2, self.b2]

def item_field_inputs(self, items: Tensor) -> Tensor:
    rows = self.item_rows.index_select(0, items)
    parts = self.item_table.index_select(0, rows.reshape(-1))
    return parts.reshape(rows.size(0), rows.size(1), self.item_table.size(1))

def item_vectors(self, parts: Tensor) -> Tensor:
    return parts.sum(1)
)";

// The item parts with the title part appended (models with title features).
const char* const kTitleItemParts = R"(
def item_field_inputs(self, items: Tensor) -> Tensor:
    rows = self.item_rows.index_select(0, items)
    parts = self.item_table.index_select(0, rows.reshape(-1))
    parts = parts.reshape(rows.size(0), rows.size(1), self.item_table.size(1))
    title = self.item_text.index_select(0, items).matmul(self.w_text)
    return torch.cat([parts, title.unsqueeze(1)], 1)
)";

// `source` with the definition of item_field_inputs replaced by `replacement` (a whole definition).
std::string replaceItemFieldInputs(const std::string& source, const std::string& replacement) {
  const auto from = source.find("\ndef item_field_inputs(");
  const auto to = source.find("\ndef ", from + 1);
  return source.substr(0, from) + replacement + (to == std::string::npos ? std::string() : source.substr(to));
}

std::vector<std::int64_t> plainLong(const at::Tensor& t) {
  auto c = t.to(torch::kCPU).contiguous();
  return {c.data_ptr<std::int64_t>(), c.data_ptr<std::int64_t>() + c.numel()};
}
ExportTensor exportFloat(const std::string& name, const at::Tensor& t) {
  return {name, t.sizes().vec(), plain(t), {}, false};
}
ExportTensor exportLong(const std::string& name, const at::Tensor& t) {
  return {name, t.sizes().vec(), {}, plainLong(t), true};
}

// Row of code `code` in a table whose field blocks start at `offset` and hold `size` + 1 rows.
std::int64_t fieldRow(std::int64_t code, std::int64_t size, std::int64_t offset) {
  return offset + ((code < 0 || code >= size) ? size : code);
}

class TwoTowerModel final : public TrainableModel {
 public:
  TwoTowerModel(const TrainingData& data, const TrainConfig& config, const std::string& device)
      : m_data(data), m_device(device), m_l2(config.l2), m_idDropout(config.idDropout) {
    const auto n = data.numItems;
    const auto parts = static_cast<std::int64_t>(data.itemFieldSizes.size()) + 1;
    std::vector<std::int64_t> itemRows(static_cast<std::size_t>(n * parts));
    std::int64_t offset = n;
    for (std::int64_t i = 0; i < n; ++i) itemRows[static_cast<std::size_t>(i * parts)] = i;
    for (std::size_t f = 0; f < data.itemFieldSizes.size(); ++f) {
      for (std::int64_t i = 0; i < n; ++i) {
        itemRows[static_cast<std::size_t>(i * parts) + f + 1] =
            fieldRow(data.itemFieldCodes[f][static_cast<std::size_t>(i)], data.itemFieldSizes[f], offset);
      }
      offset += data.itemFieldSizes[f] + 1;
    }
    m_itemRows = longTensor(itemRows, m_device).reshape({n, parts});

    const auto fields = data.userFieldSizes.size();
    std::vector<std::int64_t> offsets(fields), userRows(static_cast<std::size_t>(data.numUsers) * fields);
    std::int64_t userOffset = 0;
    for (std::size_t f = 0; f < fields; ++f) {
      offsets[f] = userOffset;
      for (std::size_t u = 0; u < static_cast<std::size_t>(data.numUsers); ++u) {
        userRows[u * fields + f] = fieldRow(data.userFieldCodes[f][u], data.userFieldSizes[f], userOffset);
      }
      userOffset += data.userFieldSizes[f] + 1;
    }
    m_userFieldOffsets = longTensor(offsets, m_device);
    m_userFieldSizes = longTensor(data.userFieldSizes, m_device);
    m_userRows = longTensor(userRows, m_device).reshape({data.numUsers, static_cast<std::int64_t>(fields)});

    const auto d = config.dim;
    m_itemTable = (torch::randn({offset, d}) * 0.1).to(m_device).requires_grad_();
    m_userTable =
        (torch::randn({std::max<std::int64_t>(userOffset, 1), d}) * 0.1).to(m_device).requires_grad_();
    m_w1 = (torch::randn({d, 2 * d}) * (1.0 / std::sqrt(2.0 * d))).to(m_device).requires_grad_();
    m_b1 = torch::zeros({d}).to(m_device).requires_grad_();
    m_w2 = (torch::randn({d, d}) * 0.01).to(m_device).requires_grad_();
    m_b2 = torch::zeros({d}).to(m_device).requires_grad_();
    std::vector<float> trained(static_cast<std::size_t>(n), 0.0f);
    for (std::size_t i = 0; i < trained.size() && i < data.itemCount.size(); ++i)
      trained[i] = data.itemCount[i] > 0.0f ? 1.0f : 0.0f;
    m_idKeep = floatTensor(trained, m_device);
    if (config.textDim > 0) {
      const auto text = titleFeatures(data.itemTitles, config.textDim, config.seed);
      if (text.dim > 0) {
        m_itemText = floatTensor(text.values, m_device).reshape({n, text.dim});
        m_wText = (torch::randn({text.dim, d}) * 0.1).to(m_device).requires_grad_();
      }
    }
    m_opt = std::make_unique<torch::optim::Adam>(parameters(), torch::optim::AdamOptions(config.lr));
  }

  bool learned() const override { return true; }
  int dim() const override { return static_cast<int>(m_itemTable.size(1)); }

  double trainBatch(const std::vector<std::int64_t>& users, const std::vector<std::int64_t>& positives,
                    const std::vector<std::int64_t>& negatives) override {
    const auto b = gatherHistories(m_data.train, users, &positives);
    const auto emb = itemTower(true);
    const auto pos = longTensor(positives, m_device);
    const auto owner = longTensor(b.tripletOwner, m_device);
    const auto posWeight = floatTensor(b.positiveWeight, m_device).unsqueeze(1);
    auto sums = torch::zeros({static_cast<std::int64_t>(b.users.size()), emb.size(1)}, emb.options())
                    .index_add(0, longTensor(b.owner, m_device),
                               floatTensor(b.weight, m_device).unsqueeze(1) *
                                   emb.index_select(0, longTensor(b.item, m_device)));
    auto total = floatTensor(b.total, m_device).index_select(0, owner).unsqueeze(1) - posWeight;
    auto pooled = (sums.index_select(0, owner) - posWeight * emb.index_select(0, pos)) /
                  torch::sqrt(torch::clamp_min(total, 1.0));
    auto u = userHead(pooled, longTensor(users, m_device));
    auto p = emb.index_select(0, pos);
    auto n = emb.index_select(0, longTensor(negatives, m_device));
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
    const auto emb = itemTower();
    auto sums = torch::zeros({static_cast<std::int64_t>(b.users.size()), emb.size(1)}, emb.options())
                    .index_add(0, longTensor(b.owner, m_device),
                               floatTensor(b.weight, m_device).unsqueeze(1) *
                                   emb.index_select(0, longTensor(b.item, m_device)));
    auto pooled = sums / torch::sqrt(torch::clamp_min(floatTensor(b.total, m_device), 1.0)).unsqueeze(1);
    return plain(
        userHead(pooled.index_select(0, longTensor(b.tripletOwner, m_device)), longTensor(users, m_device)));
  }

  std::vector<float> itemMatrix() override {
    torch::NoGradGuard noGrad;
    return plain(itemTower());
  }

  void rememberBest() override {
    m_best.clear();
    for (const auto& p : parameters()) m_best.push_back(p.detach().clone());
  }
  void restoreBest() override {
    if (m_best.empty()) return;
    torch::NoGradGuard noGrad;
    auto params = parameters();
    for (std::size_t i = 0; i < params.size(); ++i) params[i].copy_(m_best[i]);
  }

  // Item ids and item field values are matched through the items the parent shares with this catalog
  // (its item_rows says which parent row each of them used); user field values by field name and
  // value. The user tower's MLP is copied whole.
  Status warmStart(const WarmStartParent& parent) override {
    if (auto s = warmStartItems(parent); !s) return s;
    if (auto s = warmStartUserFields(parent); !s) return s;
    for (auto [name, tensor] : {std::pair{"w1", &m_w1}, {"b1", &m_b1}, {"w2", &m_w2}, {"b2", &m_b2}}) {
      if (auto s = copyParentTensor(parent, name, *tensor); !s) return s;
    }
    return warmStartTitle(parent);
  }

  ExportSpec exportSpec() override {
    torch::NoGradGuard noGrad;
    ExportSpec spec;
    spec.className = "TwoTowerModel";
    // The exported table holds the zero id rows of items without training rows, as itemTower reads them.
    auto table = m_itemTable.detach().clone();
    table.narrow(0, 0, m_idKeep.size(0)).mul_(m_idKeep.unsqueeze(1));
    spec.tensors = {exportFloat("emb", itemTower()),
                    exportFloat("item_table", table),
                    exportLong("item_rows", m_itemRows),
                    exportFloat("user_table", m_userTable),
                    exportLong("user_field_sizes", m_userFieldSizes),
                    exportLong("user_field_offsets", m_userFieldOffsets),
                    exportFloat("w1", m_w1),
                    exportFloat("b1", m_b1),
                    exportFloat("w2", m_w2),
                    exportFloat("b2", m_b2)};
    spec.source = kTwoTowerSource;
    spec.itemParts = {"item"};
    for (const auto& name : m_data.itemFieldNames) spec.itemParts.push_back(name);
    if (m_wText.defined()) {
      spec.tensors.push_back(exportFloat("item_text", m_itemText));
      spec.tensors.push_back(exportFloat("w_text", m_wText));
      // item_field_inputs then appends the title part to the table rows.
      spec.source = replaceItemFieldInputs(kTwoTowerSource, kTitleItemParts);
      spec.itemParts.push_back(kTitlePart);
    }
    return spec;
  }

 private:
  std::vector<at::Tensor> parameters() const {
    std::vector<at::Tensor> p{m_itemTable, m_userTable, m_w1, m_b1, m_w2, m_b2};
    if (m_wText.defined()) p.push_back(m_wText);
    return p;
  }

  // The title weights carry over only when the parent read the same title features for the items the two
  // catalogs share (same words, same basis); otherwise they start fresh.
  Status warmStartTitle(const WarmStartParent& parent) {
    if (!m_wText.defined()) return Status::success();
    const auto common = std::min(parent.metadata.numItems, m_data.numItems);
    auto parentText = torch::zeros({common, m_itemText.size(1)}, m_itemText.options());
    if (!copyParentRows(parent, "item_text", parentText, leadingRows(common, common)))
      return Status::success();
    if (!torch::allclose(parentText, m_itemText.narrow(0, 0, common), 1e-4, 1e-5)) return Status::success();
    return copyParentTensor(parent, "w_text", m_wText);
  }

  Status warmStartItems(const WarmStartParent& parent) {
    std::vector<std::int64_t> shape;
    auto parentRows = parentLongBuffer(parent, "item_rows", &shape);
    if (!parentRows) return parentRows.error();
    const auto& meta = parent.metadata;
    // The title part, when the parent has one, is last and has no row in item_rows.
    const auto tableParts = static_cast<std::int64_t>(meta.itemParts.size()) -
                            (!meta.itemParts.empty() && meta.itemParts.back() == kTitlePart ? 1 : 0);
    if (shape.size() != 2 || shape[0] != meta.numItems || shape[1] != tableParts) {
      return makeError(ErrorCode::Schema,
                       "cannot warm-start from this model: its buffer 'item_rows' does not match its "
                       "item count and parts",
                       parent.path);
    }
    const auto rows = plainLong(m_itemRows);
    const auto parts = m_itemRows.size(1);
    const auto common = std::min(meta.numItems, m_data.numItems);
    std::vector<char> taken(static_cast<std::size_t>(m_itemTable.size(0)), 0);
    RowMap map;
    const auto add = [&](std::int64_t to, std::int64_t from) {
      if (taken[static_cast<std::size_t>(to)]) return;
      taken[static_cast<std::size_t>(to)] = 1;
      map.add(to, from);
    };
    for (std::int64_t part = 0; part < parts; ++part) {
      // Part 0 is the id row; part f + 1 is item field f, found in the parent by its name.
      const auto name =
          part == 0 ? std::string("item") : m_data.itemFieldNames[static_cast<std::size_t>(part - 1)];
      const auto found = std::find(meta.itemParts.begin(), meta.itemParts.end(), name);
      if (found == meta.itemParts.end()) continue;
      const auto parentPart = found - meta.itemParts.begin();
      for (std::int64_t i = 0; i < common; ++i) {
        add(rows[static_cast<std::size_t>(i * parts + part)],
            parentRows.value()[static_cast<std::size_t>(i * shape[1] + parentPart)]);
      }
    }
    return copyParentRows(parent, "item_table", m_itemTable, map);
  }

  Status warmStartUserFields(const WarmStartParent& parent) {
    auto sizes = parentLongBuffer(parent, "user_field_sizes");
    if (!sizes) return sizes.error();
    auto offsets = parentLongBuffer(parent, "user_field_offsets");
    if (!offsets) return offsets.error();
    const auto& fields = parent.metadata.userFields;
    if (sizes.value().size() != fields.size() || offsets.value().size() != fields.size()) {
      return makeError(ErrorCode::Schema,
                       "cannot warm-start from this model: its user field buffers do not match the "
                       "user_fields of its metadata",
                       parent.path);
    }
    RowMap map;
    std::int64_t offset = 0;
    for (std::size_t f = 0; f < m_data.userFieldSizes.size(); ++f) {
      const auto size = m_data.userFieldSizes[f];
      std::size_t pf = 0;
      while (pf < fields.size() && fields[pf].name != m_data.userFieldNames[f]) ++pf;
      if (pf < fields.size()) {
        const auto parentSize = sizes.value()[pf];
        const auto parentOffset = offsets.value()[pf];
        std::unordered_map<std::string, std::int64_t> parentCode;
        for (std::int64_t c = 0;
             c < parentSize && c < static_cast<std::int64_t>(fields[pf].vocabulary.size()); ++c) {
          parentCode.emplace(fields[pf].vocabulary[static_cast<std::size_t>(c)], c);
        }
        const auto& vocabulary = m_data.userFieldVocabularies[f];
        for (std::int64_t c = 0; c < size; ++c) {
          const auto it = parentCode.find(vocabulary[static_cast<std::size_t>(c)]);
          if (it != parentCode.end()) map.add(offset + c, parentOffset + it->second);
        }
        map.add(offset + size, parentOffset + parentSize);  // the "missing" rows
      }
      offset += size + 1;
    }
    return copyParentRows(parent, "user_table", m_userTable, map);
  }

  // [N, D]: the sum of each item's parts; while training (`dropout`) each id part is left out with chance
  // id_dropout.
  at::Tensor itemTower(bool dropout = false) const {
    const auto n = m_itemRows.size(0);
    const auto parts = m_itemTable.index_select(0, m_itemRows.reshape({-1}))
                           .reshape({n, m_itemRows.size(1), m_itemTable.size(1)});
    auto keep = m_idKeep;
    if (dropout && m_idDropout > 0.0)
      keep = keep * (torch::rand({n}, keep.options()) >= m_idDropout).to(keep.dtype());
    auto v = parts.select(1, 0) * keep.unsqueeze(1);
    if (parts.size(1) > 1) v = v + parts.narrow(1, 1, parts.size(1) - 1).sum(1);
    if (m_wText.defined()) v = v + m_itemText.matmul(m_wText);
    return v;
  }

  // The user tower on top of pooled history vectors [B, D] for the given users' attribute codes.
  at::Tensor userHead(const at::Tensor& pooled, const at::Tensor& users) const {
    const auto rows = m_userRows.index_select(0, users);  // [B, F]
    auto fields = m_userTable.index_select(0, rows.reshape({-1}))
                      .reshape({rows.size(0), rows.size(1), m_userTable.size(1)})
                      .sum(1);
    auto hidden = torch::relu(torch::addmm(m_b1, torch::cat({pooled, fields}, 1), m_w1.t()));
    return pooled + torch::addmm(m_b2, hidden, m_w2.t());
  }

  const TrainingData& m_data;
  torch::Device m_device;
  double m_l2;
  double m_idDropout;
  at::Tensor m_idKeep;             // [N] 1 for items with training rows, 0 for the others
  at::Tensor m_itemText, m_wText;  // title features [N, T] and their weights [T, D]; undefined without
  at::Tensor m_itemRows, m_userRows, m_userFieldSizes, m_userFieldOffsets;
  at::Tensor m_itemTable, m_userTable, m_w1, m_b1, m_w2, m_b2;
  std::vector<at::Tensor> m_best;
  std::unique_ptr<torch::optim::Adam> m_opt;
};

}  // namespace

std::unique_ptr<TrainableModel> makeTwoTowerModel(const TrainingData& data, const TrainConfig& config,
                                                  const std::string& device) {
  return std::make_unique<TwoTowerModel>(data, config, device);
}

}  // namespace reclens
