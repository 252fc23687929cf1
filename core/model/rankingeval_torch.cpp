#include <torch/torch.h>

#include <algorithm>
#include <cmath>

#include "model/rankingeval.h"

namespace reclens {

namespace {
constexpr std::size_t kUsersPerChunk = 512;
// Scores held at once (users × items, 4 bytes each): 256 MiB, so a 1M-item catalog is ranked 64 users at a
// time. Fewer users per product would save memory but cost time: the BLAS packs the whole item matrix
// again for every product.
constexpr std::int64_t kScoreBudget = std::int64_t{1} << 26;
}  // namespace

Result<double> meanNdcg(TrainableModel& model, const std::vector<std::int64_t>& users,
                        const UserHistories& history, const std::vector<std::vector<std::int32_t>>& relevant,
                        int k, const std::string& device, const TaskControl& control) {
  torch::NoGradGuard noGrad;
  const torch::Device dev(device);
  const int dim = model.dim();
  auto itemsPlain = model.itemMatrix();
  const auto numItems = static_cast<std::int64_t>(itemsPlain.size()) / dim;
  const auto items = torch::from_blob(itemsPlain.data(), {numItems, dim}, torch::kFloat).to(dev);
  const auto topK = std::min<std::int64_t>(k, numItems);

  std::vector<std::int64_t> evaluated;
  for (const auto u : users) {
    if (!relevant[static_cast<std::size_t>(u)].empty()) evaluated.push_back(u);
  }
  // A sequential model pads each chunk to its longest history: chunks of similar lengths cost less.
  if (model.sequential()) {
    std::stable_sort(evaluated.begin(), evaluated.end(), [&history](std::int64_t a, std::int64_t b) {
      const auto ua = static_cast<std::size_t>(a), ub = static_cast<std::size_t>(b);
      return history.start[ua + 1] - history.start[ua] < history.start[ub + 1] - history.start[ub];
    });
  }
  const auto usersPerChunk = static_cast<std::size_t>(std::clamp<std::int64_t>(
      kScoreBudget / std::max<std::int64_t>(numItems, 1), 1, static_cast<std::int64_t>(kUsersPerChunk)));
  // One score buffer for every chunk: a fresh tensor of this size per chunk is a fresh mapping from
  // the system each time, and touching its pages cost more than the products themselves.
  const auto scoreBuffer = torch::empty(
      {static_cast<std::int64_t>(std::min(usersPerChunk, std::max<std::size_t>(evaluated.size(), 1))),
       numItems},
      items.options());
  double sum = 0.0;
  for (std::size_t begin = 0; begin < evaluated.size(); begin += usersPerChunk) {
    if (control.cancelled()) return makeError(ErrorCode::Cancelled, "training was cancelled");
    const auto end = std::min(evaluated.size(), begin + usersPerChunk);
    const std::vector<std::int64_t> chunk(evaluated.begin() + static_cast<std::ptrdiff_t>(begin),
                                          evaluated.begin() + static_cast<std::ptrdiff_t>(end));
    auto vectorsPlain = model.userVectors(chunk, history);
    auto vectors =
        torch::from_blob(vectorsPlain.data(), {static_cast<std::int64_t>(chunk.size()), dim}, torch::kFloat)
            .to(dev);
    auto scores = scoreBuffer.narrow(0, 0, static_cast<std::int64_t>(chunk.size()));
    torch::mm_out(scores, vectors, items.t());
    std::vector<std::int64_t> rows, cols;
    for (std::size_t r = 0; r < chunk.size(); ++r) {
      const auto u = static_cast<std::size_t>(chunk[r]);
      for (auto e = history.start[u]; e < history.start[u + 1]; ++e) {
        rows.push_back(static_cast<std::int64_t>(r));
        cols.push_back(history.item[static_cast<std::size_t>(e)]);
      }
    }
    scores.index_put_({torch::tensor(rows, torch::kLong).to(dev), torch::tensor(cols, torch::kLong).to(dev)},
                      -std::numeric_limits<float>::infinity());
    const auto top = std::get<1>(scores.topk(topK, 1)).to(torch::kCPU).contiguous();
    const auto* idx = top.data_ptr<std::int64_t>();
    for (std::size_t r = 0; r < chunk.size(); ++r) {
      const auto& rel = relevant[static_cast<std::size_t>(chunk[r])];
      double dcg = 0.0;
      for (std::int64_t pos = 0; pos < topK; ++pos) {
        const auto item = static_cast<std::int32_t>(idx[static_cast<std::int64_t>(r) * topK + pos]);
        if (std::binary_search(rel.begin(), rel.end(), item))
          dcg += 1.0 / std::log2(static_cast<double>(pos) + 2.0);
      }
      double ideal = 0.0;
      const auto hits = std::min<std::int64_t>(topK, static_cast<std::int64_t>(rel.size()));
      for (std::int64_t pos = 0; pos < hits; ++pos) ideal += 1.0 / std::log2(static_cast<double>(pos) + 2.0);
      sum += dcg / ideal;
    }
    control.report(static_cast<double>(end) / static_cast<double>(evaluated.size()), "ranking users");
  }
  return evaluated.empty() ? 0.0 : sum / static_cast<double>(evaluated.size());
}

std::vector<float> trainerScores(TrainableModel& model, std::int64_t user, const UserHistories& history) {
  torch::NoGradGuard noGrad;
  const int dim = model.dim();
  auto itemsPlain = model.itemMatrix();
  auto vectorPlain = model.userVectors({user}, history);
  const auto items = torch::from_blob(
      itemsPlain.data(), {static_cast<std::int64_t>(itemsPlain.size()) / dim, dim}, torch::kFloat);
  const auto scores =
      torch::mv(items, torch::from_blob(vectorPlain.data(), {dim}, torch::kFloat)).contiguous();
  return {scores.data_ptr<float>(), scores.data_ptr<float>() + scores.numel()};
}

}  // namespace reclens
