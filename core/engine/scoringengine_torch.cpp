#include <torch/script.h>
#include <torch/torch.h>

#include <algorithm>
#include <array>
#include <mutex>
#include <optional>

#include "engine/nearbytopk.h"
#include "engine/scoringengine.h"
#include "engine/topk.h"

namespace reclens {

namespace detail {
// Defined in model/modelfile_torch.cpp.
torch::jit::Module modelModule(const ModelFile& model);
torch::Tensor modelItemEmbeddings(const ModelFile& model);
torch::Device modelTorchDevice(const ModelFile& model);
}  // namespace detail

namespace {
// Largest score matrix of one batch, in floats (128 MiB), so that 1M-item catalogs stay in memory.
constexpr std::int64_t kMaxBatchFloats = std::int64_t{32} << 20;

std::string firstLine(const std::string& text) {
  const auto end = text.find('\n');
  return end == std::string::npos ? text : text.substr(0, end);
}

Error torchError(const std::string& what, const std::exception& e) {
  return makeError(ErrorCode::Internal, what + ": " + firstLine(e.what()));
}
}  // namespace

struct ScoringEngine::Impl {
  torch::jit::Module module;  // absent (no methods) for a bare item matrix
  std::optional<torch::jit::Method> historyInputs;
  std::optional<torch::jit::Method> userFieldInputs;
  std::optional<torch::jit::Method> userVector;
  torch::Tensor items;  // [N, D] on the device
  torch::Device device;
  ComputeDevice computeDevice;
  bool onCpu = true;
  torch::Tensor scores;           // [N] reusable buffer on the device
  torch::Tensor batchScores;      // [B, N] reusable buffer
  std::vector<float> hostScores;  // a device row copied to the host when its top-K has boundary ties
  std::vector<Recommendation> top;
  std::once_flag cpuCopyOnce;
  std::vector<float> cpuItems;
  // CPU only: the scores of two full passes, for ranking nearby user vectors (engine/nearbytopk.h).
  // Two, so that the unedited profile's stay while an edit too far from them is scored in full: a new
  // full pass replaces the scores that answered fewer queries (the older on a tie).
  bool nearbyOn = true;
  bool nearbyReady = false;
  std::array<NearbyTopK, 2> nearby;
  std::array<std::uint64_t, 2> nearbyUsed{};
  std::uint64_t tick = 0;
  std::vector<float> itemNorms;
  std::vector<float> fullScores;  // the full pass's output; swapped into `nearby` afterwards
  RankStats stats;

  void prepareNearby() {
    if (nearbyReady) return;
    items = items.contiguous();
    const auto norms = torch::linalg_vector_norm(items, 2, {1}).contiguous();
    itemNorms.assign(norms.data_ptr<float>(), norms.data_ptr<float>() + norms.numel());
    for (auto& n : nearby) {
      n.setItems(items.data_ptr<float>(), static_cast<std::size_t>(items.size(0)),
                 static_cast<int>(items.size(1)), itemNorms.data());
    }
    nearbyReady = true;
  }

  explicit Impl(const ModelFile& model)
      : module(detail::modelModule(model)),
        historyInputs(module.get_method("history_inputs")),
        userFieldInputs(module.get_method("user_field_inputs")),
        userVector(module.get_method("user_vector")),
        items(detail::modelItemEmbeddings(model)),
        device(detail::modelTorchDevice(model)),
        computeDevice(model.device()),
        onCpu(device.is_cpu()) {}
  Impl(torch::Tensor matrix, const ComputeDevice& d)
      : items(std::move(matrix)), device(items.device()), computeDevice(d), onCpu(device.is_cpu()) {}

  // Top-k of each row of `scores` [B, N] (a device other than the CPU): exclusion by -inf, torch::topk
  // on the device, and only the k winners copied back. A row whose k-th value is tied with items left
  // out (or is -inf) is copied whole and selected on the host, so the result equals the CPU path's.
  void topOnDevice(const torch::Tensor& scores, int k,
                   const std::vector<const std::vector<std::int32_t>*>& exclude,
                   std::vector<std::vector<Recommendation>>& lists) {
    const std::int64_t rows = scores.size(0);
    const std::int64_t n = scores.size(1);
    std::vector<std::int64_t> flat;
    for (std::int64_t j = 0; j < rows && !exclude.empty(); ++j) {
      if (exclude[static_cast<std::size_t>(j)] == nullptr) continue;
      for (const auto item : *exclude[static_cast<std::size_t>(j)]) {
        if (item >= 0 && item < n) flat.push_back(j * n + item);
      }
    }
    if (!flat.empty())
      scores.view({-1}).index_fill_(0, torch::tensor(flat, torch::kInt64).to(device), -INFINITY);
    const std::int64_t kk = std::min<std::int64_t>(k, n);
    if (kk <= 0) {
      for (auto& l : lists) l.clear();
      return;
    }
    const auto [values, indices] = torch::topk(scores, kk, 1, true, true);
    const auto kth = values.narrow(1, kk - 1, 1);
    const auto atLeast = (scores >= kth).sum(1).to(torch::kCPU);
    const auto v = values.to(torch::kCPU);
    const auto ix = indices.to(torch::kCPU);
    for (std::int64_t j = 0; j < rows; ++j) {
      auto& out = lists[static_cast<std::size_t>(j)];
      if (atLeast[j].item<std::int64_t>() > kk) {
        hostScores.resize(static_cast<std::size_t>(n));
        torch::from_blob(hostScores.data(), {n}).copy_(scores[j]);
        selectTopK(hostScores.data(), static_cast<std::size_t>(n), k, out);
        continue;
      }
      out.clear();
      const float* pv = v[j].data_ptr<float>();
      const std::int64_t* pi = ix[j].data_ptr<std::int64_t>();
      for (std::int64_t r = 0; r < kk; ++r) out.push_back({static_cast<std::int32_t>(pi[r]), pv[r], 0});
      std::sort(out.begin(), out.end(), [](const Recommendation& x, const Recommendation& y) {
        return x.score > y.score || (x.score == y.score && x.item < y.item);
      });
      for (std::size_t r = 0; r < out.size(); ++r) out[r].rank = static_cast<int>(r) + 1;
    }
  }
};

ScoringEngine::ScoringEngine(std::shared_ptr<const ModelFile> model)
    : m_model(std::move(model)), m_impl(std::make_unique<Impl>(*m_model)) {}
ScoringEngine::ScoringEngine(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
ScoringEngine::~ScoringEngine() = default;

Result<std::unique_ptr<ScoringEngine>> ScoringEngine::forItemMatrix(const std::vector<float>& items,
                                                                    std::int64_t numItems, int dim,
                                                                    const ComputeDevice& device) {
  if (numItems <= 0 || dim <= 0 ||
      static_cast<std::size_t>(numItems) * static_cast<std::size_t>(dim) != items.size()) {
    return makeError(ErrorCode::InvalidArgument, "the item matrix does not have " + std::to_string(numItems) +
                                                     " x " + std::to_string(dim) + " values");
  }
  try {
    c10::InferenceMode guard;
    const torch::Device dev = device.kind == ComputeDevice::Kind::Cuda
                                  ? torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(device.index))
                                  : torch::Device(torch::kCPU);
    auto matrix = torch::from_blob(const_cast<float*>(items.data()), {numItems, dim})
                      .to(dev, torch::kFloat32, false, true);
    return std::unique_ptr<ScoringEngine>(
        new ScoringEngine(std::make_unique<Impl>(std::move(matrix), device)));
  } catch (const std::exception& e) {
    return torchError("cannot place the item matrix on " + device.description, e);
  }
}

std::size_t ScoringEngine::numItems() const {
  return static_cast<std::size_t>(m_impl->items.size(0));
}
int ScoringEngine::dim() const {
  return static_cast<int>(m_impl->items.size(1));
}
const ComputeDevice& ScoringEngine::device() const {
  return m_impl->computeDevice;
}

Result<std::vector<float>> ScoringEngine::userVector(const UserProfile& profile) {
  if (!m_model)
    return makeError(ErrorCode::InvalidArgument, "this engine has no model to compute user vectors");
  const auto& meta = m_model->metadata();
  if (profile.weights.size() != profile.items.size()) {
    return makeError(ErrorCode::InvalidArgument, "the history has " + std::to_string(profile.items.size()) +
                                                     " items but " + std::to_string(profile.weights.size()) +
                                                     " weights");
  }
  for (const auto item : profile.items) {
    if (item < 0 || item >= meta.numItems) {
      return makeError(ErrorCode::InvalidArgument, "history item row " + std::to_string(item) +
                                                       " is outside the model's catalog of " +
                                                       std::to_string(meta.numItems) + " items");
    }
  }
  if (profile.fieldCodes.size() != meta.userFields.size()) {
    return makeError(ErrorCode::InvalidArgument, "the profile has " +
                                                     std::to_string(profile.fieldCodes.size()) +
                                                     " user field codes, the model has " +
                                                     std::to_string(meta.userFields.size()) + " user fields");
  }
  for (std::size_t f = 0; f < profile.fieldCodes.size(); ++f) {
    const auto c = profile.fieldCodes[f];
    if (c < -1 || c >= static_cast<std::int32_t>(meta.userFields[f].vocabulary.size())) {
      return makeError(ErrorCode::InvalidArgument, "code " + std::to_string(c) + " of user field '" +
                                                       meta.userFields[f].name +
                                                       "' is outside its vocabulary");
    }
  }
  try {
    c10::InferenceMode guard;
    auto& m = *m_impl;
    const auto items =
        torch::tensor(std::vector<std::int64_t>(profile.items.begin(), profile.items.end()), torch::kInt64)
            .to(m.device);
    const auto weights = torch::tensor(profile.weights, torch::kFloat32).to(m.device);
    const auto codes =
        torch::tensor(std::vector<std::int64_t>(profile.fieldCodes.begin(), profile.fieldCodes.end()),
                      torch::kInt64)
            .to(m.device);
    const auto history = (*m.historyInputs)({items}).toTensor();
    const auto fields = (*m.userFieldInputs)({codes}).toTensor();
    const auto u =
        (*m.userVector)({history, weights, fields}).toTensor().to(torch::kCPU, torch::kFloat32).contiguous();
    if (u.dim() != 1 || u.size(0) != meta.dim) {
      return makeError(ErrorCode::Schema, "user_vector returned " + std::to_string(u.numel()) +
                                              " values, expected " + std::to_string(meta.dim));
    }
    return std::vector<float>(u.data_ptr<float>(), u.data_ptr<float>() + u.numel());
  } catch (const std::exception& e) {
    return torchError("cannot compute the user vector", e);
  }
}

Result<std::vector<float>> ScoringEngine::scores(const std::vector<float>& userVector) {
  if (static_cast<int>(userVector.size()) != dim()) {
    return makeError(ErrorCode::InvalidArgument, "user vector has " + std::to_string(userVector.size()) +
                                                     " values, the model's dimension is " +
                                                     std::to_string(dim()));
  }
  try {
    c10::InferenceMode guard;
    auto& m = *m_impl;
    const auto u = torch::from_blob(const_cast<float*>(userVector.data()), {dim()}).to(m.device);
    const auto s = torch::mv(m.items, u).to(torch::kCPU).contiguous();
    return std::vector<float>(s.data_ptr<float>(), s.data_ptr<float>() + s.numel());
  } catch (const std::exception& e) {
    return torchError("cannot score the catalog", e);
  }
}

Result<std::vector<Recommendation>> ScoringEngine::topK(const std::vector<float>& userVector, int k,
                                                        const std::vector<std::int32_t>& exclude) {
  if (static_cast<int>(userVector.size()) != dim()) {
    return makeError(ErrorCode::InvalidArgument, "user vector has " + std::to_string(userVector.size()) +
                                                     " values, the model's dimension is " +
                                                     std::to_string(dim()));
  }
  if (k < 0) return makeError(ErrorCode::InvalidArgument, "k must not be negative");
  try {
    c10::InferenceMode guard;
    auto& m = *m_impl;
    if (m.onCpu) {
      if (m.nearbyOn) {
        m.prepareNearby();
        const std::size_t closest =
            m.nearby[1].distance(userVector) < m.nearby[0].distance(userVector) ? 1 : 0;
        NearbyTopK::Stats st;
        if (m.nearby[closest].topK(userVector, k, exclude, m.top, &st)) {
          m.nearbyUsed[closest] = ++m.tick;
          m.stats = {true, st.scored, st.sortedNow};
          return m.top;
        }
      }
      m.stats = {false, numItems(), false};
      m.fullScores.resize(numItems());
      auto out = torch::from_blob(m.fullScores.data(), {m.items.size(0)});
      at::mv_out(out, m.items, torch::from_blob(const_cast<float*>(userVector.data()), {dim()}));
      float* p = m.fullScores.data();
      for (const auto item : exclude) {
        if (item >= 0 && static_cast<std::size_t>(item) < numItems()) p[item] = -INFINITY;
      }
      selectTopK(p, numItems(), k, m.top);
      if (m.nearbyOn) {
        const auto& a = m.nearby[0];
        const auto& b = m.nearby[1];
        const std::size_t older =
            !b.hasScores() ||
                    (a.hasScores() && (b.answered() < a.answered() ||
                                       (b.answered() == a.answered() && m.nearbyUsed[1] < m.nearbyUsed[0])))
                ? 1
                : 0;
        m.nearby[older].remember(userVector, m.fullScores, exclude, m.top);
        m.nearbyUsed[older] = ++m.tick;
      }
    } else {
      if (!m.scores.defined()) m.scores = torch::empty({m.items.size(0)}, m.items.options());
      // mv_out reuses the buffer: no allocation per call.
      at::mv_out(m.scores, m.items,
                 torch::from_blob(const_cast<float*>(userVector.data()), {dim()}).to(m.device));
      std::vector<std::vector<Recommendation>> one(1);
      m.topOnDevice(m.scores.unsqueeze(0), k, {&exclude}, one);
      m.top = std::move(one[0]);
      m.stats = {false, numItems(), false};
    }
    return m.top;
  } catch (const std::exception& e) {
    return torchError("cannot rank the catalog", e);
  }
}

Result<std::vector<Recommendation>> ScoringEngine::recommend(const UserProfile& profile, int k,
                                                             const Options& options) {
  auto u = userVector(profile);
  if (!u) return u.error();
  const std::vector<std::int32_t> none;
  const auto& exclude = options.excludeSeen ? profile.items : none;
  if (!options.reRank.active()) return topK(u.value(), k, exclude);
  const auto candidates = options.reRank.candidateCount(k, numItems());
  auto top = topK(u.value(), static_cast<int>(candidates), exclude);
  if (!top) return top.error();
  ReRankContext context = options.context;
  if (options.reRank.diversity > 0.0) {
    context.embeddings = itemEmbeddingsOnCpu().data();
    context.dim = dim();
  }
  if (context.history == nullptr) context.history = &profile.items;
  return reRank(top.value(), k, options.reRank, context);
}

Status ScoringEngine::topKBatch(const std::vector<float>& userVectors, std::size_t count, int k,
                                const std::vector<const std::vector<std::int32_t>*>& exclude,
                                std::vector<std::vector<Recommendation>>& lists) {
  if (k < 0) return makeError(ErrorCode::InvalidArgument, "k must not be negative");
  if (userVectors.size() != count * static_cast<std::size_t>(dim())) {
    return makeError(ErrorCode::InvalidArgument, "expected " + std::to_string(count) + " user vectors of " +
                                                     std::to_string(dim()) + " values");
  }
  if (!exclude.empty() && exclude.size() != count) {
    return makeError(ErrorCode::InvalidArgument, "one exclusion list per user is needed");
  }
  auto& m = *m_impl;
  const std::int64_t n = m.items.size(0);
  lists.resize(count);
  try {
    c10::InferenceMode guard;
    const std::int64_t rows = static_cast<std::int64_t>(count);
    const auto users = torch::from_blob(const_cast<float*>(userVectors.data()), {rows, dim()});
    if (!m.batchScores.defined() || m.batchScores.size(0) < rows)
      m.batchScores = torch::empty({rows, n}, m.items.options());
    auto out = m.batchScores.narrow(0, 0, rows);
    at::mm_out(out, m.onCpu ? users : users.to(m.device), m.items.t());
    static const std::vector<std::int32_t> kNone;
    const auto excluded = [&](std::size_t j) -> const std::vector<std::int32_t>& {
      return exclude.empty() || exclude[j] == nullptr ? kNone : *exclude[j];
    };
    if (m.onCpu) {
      // Rows are independent: exclusion and selection run in parallel over the batch.
      float* base = out.data_ptr<float>();
      at::parallel_for(0, rows, 1, [&](std::int64_t lo, std::int64_t hi) {
        for (auto j = lo; j < hi; ++j) {
          float* p = base + j * n;
          for (const auto item : excluded(static_cast<std::size_t>(j))) {
            if (item >= 0 && item < n) p[item] = -INFINITY;
          }
          selectTopK(p, static_cast<std::size_t>(n), k, lists[static_cast<std::size_t>(j)]);
        }
      });
    } else {
      m.topOnDevice(out, k, exclude, lists);
    }
  } catch (const std::exception& e) {
    return torchError("cannot rank a batch of users", e);
  }
  return Status::success();
}

Status ScoringEngine::recommendAll(
    std::size_t count, const std::function<UserProfile(std::size_t)>& profileOf, int k, bool excludeSeen,
    int batchSize, const std::function<void(std::size_t, const std::vector<Recommendation>&)>& sink,
    const TaskControl& control) {
  const std::int64_t n = m_impl->items.size(0);
  const auto batch = static_cast<std::size_t>(std::max<std::int64_t>(
      1, std::min<std::int64_t>(std::max(batchSize, 1), kMaxBatchFloats / std::max<std::int64_t>(n, 1))));
  const auto d = static_cast<std::size_t>(dim());
  std::vector<UserProfile> profiles;
  std::vector<float> vectors;
  std::vector<const std::vector<std::int32_t>*> exclude;
  std::vector<std::vector<Recommendation>> lists;
  for (std::size_t first = 0; first < count; first += batch) {
    if (control.cancelled()) return makeError(ErrorCode::Cancelled, "cancelled while recommending");
    const auto b = std::min(batch, count - first);
    profiles.resize(b);
    vectors.resize(b * d);
    exclude.assign(excludeSeen ? b : 0, nullptr);
    for (std::size_t j = 0; j < b; ++j) {
      profiles[j] = profileOf(first + j);
      auto u = userVector(profiles[j]);
      if (!u)
        return makeError(u.error().code, "user " + std::to_string(first + j) + ": " + u.error().message);
      std::copy(u.value().begin(), u.value().end(), vectors.begin() + static_cast<std::ptrdiff_t>(j * d));
      if (excludeSeen) exclude[j] = &profiles[j].items;
    }
    if (auto s = topKBatch(vectors, b, k, exclude, lists); !s) return s;
    for (std::size_t j = 0; j < b; ++j) sink(first + j, lists[j]);
    control.report(double(first + b) / double(count), "scoring users");
  }
  return Status::success();
}

ScoringEngine::RankStats ScoringEngine::lastRankStats() const {
  return m_impl->stats;
}

void ScoringEngine::setNearbyRanking(bool on) {
  m_impl->nearbyOn = on;
  if (!on) {
    for (auto& n : m_impl->nearby) n.clear();
  }
}

const std::vector<float>& ScoringEngine::itemEmbeddingsOnCpu() {
  std::call_once(m_impl->cpuCopyOnce, [this] {
    c10::InferenceMode guard;
    const auto cpu = m_impl->items.to(torch::kCPU).contiguous();
    m_impl->cpuItems.assign(cpu.data_ptr<float>(), cpu.data_ptr<float>() + cpu.numel());
  });
  return m_impl->cpuItems;
}

}  // namespace reclens
