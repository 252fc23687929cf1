#include <torch/torch.h>

#include <algorithm>
#include <string>

#include "engine/targetstanding.h"

namespace reclens {

namespace detail {
// Defined in model/modelfile_torch.cpp.
torch::Tensor modelItemEmbeddings(const ModelFile& model);
}  // namespace detail

namespace {
// Largest score matrix of one batch, in floats (64 MiB), so that large catalogs stay in memory.
constexpr std::int64_t kMaxBatchFloats = std::int64_t{16} << 20;
}  // namespace

Result<std::vector<TargetStanding>> targetStandings(const ModelFile& model,
                                                    const std::vector<float>& userVectors, std::size_t count,
                                                    std::int32_t target,
                                                    const std::vector<std::int32_t>& seen) {
  try {
    c10::InferenceMode guard;
    const auto items = detail::modelItemEmbeddings(model);  // [N, D] on the model's device
    const std::int64_t n = items.size(0);
    const std::int64_t dim = items.size(1);
    if (target < 0 || target >= n)
      return makeError(ErrorCode::InvalidArgument,
                       "target row " + std::to_string(target) + " is outside the catalog");
    if (userVectors.size() != count * static_cast<std::size_t>(dim))
      return makeError(ErrorCode::InvalidArgument, "expected " + std::to_string(count) + " user vectors of " +
                                                       std::to_string(dim) + " values");
    std::vector<TargetStanding> out(count);
    if (count == 0) return out;
    const auto device = items.device();
    const auto rows = torch::arange(n, torch::TensorOptions().dtype(torch::kInt64).device(device));
    // Seen items never compete: they get -inf, which no finite target score is below or equal to.
    std::vector<std::int64_t> seenRows;
    for (const auto s : seen) {
      if (s >= 0 && s < n && s != target) seenRows.push_back(s);
    }
    const auto seenIndex = torch::tensor(seenRows, torch::kInt64).to(device);
    const auto before = rows < target;  // a tie goes to the lower row
    const std::int64_t batch = std::max<std::int64_t>(1, kMaxBatchFloats / std::max<std::int64_t>(n, 1));
    for (std::int64_t first = 0; first < static_cast<std::int64_t>(count); first += batch) {
      const std::int64_t b = std::min<std::int64_t>(batch, static_cast<std::int64_t>(count) - first);
      const auto users =
          torch::from_blob(const_cast<float*>(userVectors.data()) + first * dim, {b, dim}).to(device);
      auto scores = torch::mm(users, items.t());  // [b, N]
      const auto own = scores.select(1, target).unsqueeze(1).clone();
      if (!seenRows.empty()) scores.index_fill_(1, seenIndex, -INFINITY);
      const auto ahead = (scores > own).logical_or((scores == own).logical_and(before));
      const auto rank = (ahead.sum(1) + 1).to(torch::kCPU).contiguous();
      const auto score = own.squeeze(1).to(torch::kCPU, torch::kDouble).contiguous();
      for (std::int64_t j = 0; j < b; ++j) {
        out[static_cast<std::size_t>(first + j)] = {score.data_ptr<double>()[j],
                                                    static_cast<int>(rank.data_ptr<std::int64_t>()[j])};
      }
    }
    return out;
  } catch (const std::exception& e) {
    std::string what = e.what();
    what = what.substr(0, what.find('\n'));
    return makeError(ErrorCode::Internal, "cannot score the target: " + what);
  }
}

}  // namespace reclens
