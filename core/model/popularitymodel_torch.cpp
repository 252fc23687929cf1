// The most-popular baseline in contract form: D = 1, item_embeddings = train interaction counts
// divided by the largest count, user_vector = [1.0] whatever the history, so every user gets the
// same list. The user inputs still flow into user_vector (times zero) so that gradients exist.
#include <torch/torch.h>

#include <algorithm>

#include "model/trainablemodel.h"

namespace reclens {

namespace {

const char* const kPopularitySource = R"(
def item_embeddings(self) -> Tensor:
    return self.popularity

def history_inputs(self, items: Tensor) -> Tensor:
    return torch.zeros([items.size(0), 1], dtype=self.popularity.dtype, device=self.popularity.device)

def user_field_inputs(self, codes: Tensor) -> Tensor:
    return torch.zeros([codes.size(0), 1], dtype=self.popularity.dtype, device=self.popularity.device)

def user_vector(self, history: Tensor, weights: Tensor, fields: Tensor) -> Tensor:
    inputs = (weights.unsqueeze(1) * history).sum(0) + fields.sum(0)
    return torch.ones([1], dtype=self.popularity.dtype, device=self.popularity.device) + 0.0 * inputs

def user_vectors(self, history: Tensor, weights: Tensor, fields: Tensor) -> Tensor:
    inputs = (weights.unsqueeze(2) * history).sum(1) + fields.sum(1)
    return torch.ones_like(inputs) + 0.0 * inputs

def item_field_inputs(self, items: Tensor) -> Tensor:
    return self.popularity.index_select(0, items).unsqueeze(1)

def item_vectors(self, parts: Tensor) -> Tensor:
    return parts.sum(1)
)";

class PopularityModel final : public TrainableModel {
 public:
  explicit PopularityModel(const TrainingData& data) : m_popularity(data.itemCount) {
    const float top =
        m_popularity.empty() ? 0.0f : *std::max_element(m_popularity.begin(), m_popularity.end());
    if (top > 0.0f) {
      for (auto& p : m_popularity) p /= top;
    }
  }

  bool learned() const override { return false; }
  int dim() const override { return 1; }
  double trainBatch(const std::vector<std::int64_t>&, const std::vector<std::int64_t>&,
                    const std::vector<std::int64_t>&) override {
    return 0.0;
  }
  std::vector<float> userVectors(const std::vector<std::int64_t>& users, const UserHistories&) override {
    return std::vector<float>(users.size(), 1.0f);
  }
  std::vector<float> itemMatrix() override { return m_popularity; }
  void rememberBest() override {}
  void restoreBest() override {}
  // Nothing is learned: the counts are taken again from the data.
  Status warmStart(const WarmStartParent&) override { return Status::success(); }

  ExportSpec exportSpec() override {
    ExportSpec spec;
    spec.className = "PopularityModel";
    spec.tensors.push_back(
        {"popularity", {static_cast<std::int64_t>(m_popularity.size()), 1}, m_popularity, {}, false});
    spec.source = kPopularitySource;
    spec.itemParts = {"popularity"};
    return spec;
  }

 private:
  std::vector<float> m_popularity;
};

}  // namespace

std::unique_ptr<TrainableModel> makePopularityModel(const TrainingData& data) {
  return std::make_unique<PopularityModel>(data);
}

}  // namespace reclens
