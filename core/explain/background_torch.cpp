// The average user of a model (explain/background.h) and the baseline rows it gives the attribution
// engines (explain/attributionengines.h).
#include <torch/script.h>
#include <torch/torch.h>

#include <cmath>
#include <map>
#include <stdexcept>

#include "explain/attributionengines.h"
#include "explain/background.h"

namespace reclens {

namespace detail {
// Defined in model/modelfile_torch.cpp.
torch::jit::Module modelModule(const ModelFile& model);
torch::Device modelTorchDevice(const ModelFile& model);
torch::Tensor modelItemEmbeddings(const ModelFile& model);

torch::Tensor backgroundHistoryRows(const UserBackground& background, const torch::Tensor& history) {
  if (background.width != history.size(1) || background.historyRow.size() != std::size_t(history.size(1)))
    throw std::invalid_argument("the average user was computed for inputs of another width");
  const auto row = torch::tensor(background.historyRow, torch::kFloat64).to(history.options());
  return row.unsqueeze(0).expand_as(history).clone();
}

torch::Tensor backgroundFieldRows(const UserBackground& background, const torch::Tensor& fields) {
  if (background.fieldRows.size() != std::size_t(fields.numel()) || background.width != fields.size(1))
    throw std::invalid_argument("the average user was computed for other user fields");
  return torch::tensor(background.fieldRows, torch::kFloat64)
      .to(fields.options())
      .view(fields.sizes())
      .clone();
}
}  // namespace detail

namespace {

using torch::Tensor;

Status checkProfile(const ModelMetadata& meta, const UserProfile& p) {
  const auto invalid = [](const std::string& m) { return makeError(ErrorCode::InvalidArgument, m); };
  if (p.items.size() != p.weights.size()) return invalid("a profile has as many weights as history items");
  for (const auto i : p.items)
    if (i < 0 || i >= meta.numItems)
      return invalid("history item row " + std::to_string(i) + " is outside the catalog");
  for (const auto w : p.weights)
    if (!std::isfinite(w)) return invalid("history weights must be finite numbers");
  if (p.fieldCodes.size() != meta.userFields.size()) return invalid("a profile has one code per user field");
  for (std::size_t f = 0; f < p.fieldCodes.size(); ++f) {
    if (p.fieldCodes[f] < -1 || p.fieldCodes[f] >= std::int32_t(meta.userFields[f].vocabulary.size()))
      return invalid("a user field code is outside its vocabulary");
  }
  return Status::success();
}

struct Calls {
  torch::jit::Module module;
  torch::Device device;
  Tensor longs(const std::vector<std::int32_t>& v) const {
    return torch::tensor(std::vector<std::int64_t>(v.begin(), v.end()), torch::kInt64).to(device);
  }
  Tensor history(const std::vector<std::int32_t>& items) {
    return module.get_method("history_inputs")({longs(items)}).toTensor().to(torch::kFloat64);
  }
  Tensor fields(const std::vector<std::int32_t>& codes) {
    return module.get_method("user_field_inputs")({longs(codes)}).toTensor().to(torch::kFloat64);
  }
  Tensor user(const UserProfile& p) {
    const auto h = module.get_method("history_inputs")({longs(p.items)}).toTensor();
    const auto w = torch::tensor(p.weights, torch::kFloat32).to(device);
    const auto f = module.get_method("user_field_inputs")({longs(p.fieldCodes)}).toTensor();
    return module.get_method("user_vector")({h, w, f}).toTensor().to(torch::kFloat64);
  }
};

std::vector<double> doubles(const Tensor& t) {
  const auto c = t.to(torch::kCPU, torch::kFloat64).contiguous();
  return {c.data_ptr<double>(), c.data_ptr<double>() + c.numel()};
}

std::string firstLine(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

}  // namespace

Result<UserBackground> computeUserBackground(const ModelFile& model, std::size_t count,
                                             const std::function<UserProfile(std::size_t)>& profileOf,
                                             const TaskControl& control) {
  if (count == 0) return makeError(ErrorCode::Empty, "no user to average");
  const auto& meta = model.metadata();
  try {
    c10::InferenceMode inference;
    Calls calls{detail::modelModule(model), detail::modelTorchDevice(model)};
    UserBackground b;
    b.users = count;
    b.dim = meta.dim;
    std::map<std::int32_t, double> coef;  // item -> Σ over users of w / T
    std::map<std::vector<std::int32_t>, std::size_t> codeCounts;
    Tensor userSum = torch::zeros({meta.dim}, torch::kFloat64).to(calls.device);
    for (std::size_t i = 0; i < count; ++i) {
      if (i % 256 == 0) {
        if (control.cancelled()) return makeError(ErrorCode::Cancelled, "averaging the users was cancelled");
        control.report(double(i) / double(count), "averaging the users");
      }
      const auto p = profileOf(i);
      if (auto s = checkProfile(meta, p); !s) return s.error();
      double total = 0.0;
      for (const auto w : p.weights) total += w;
      if (total > 0.0) {
        ++b.historyUsers;
        for (std::size_t l = 0; l < p.items.size(); ++l) coef[p.items[l]] += p.weights[l] / total;
      }
      ++codeCounts[p.fieldCodes];
      userSum += calls.user(p);
    }
    b.meanUserVector = doubles(userSum / double(count));
    // H from the model itself, also when no user has a history.
    b.width = calls.history({0}).size(1);
    Tensor row = torch::zeros({b.width}, torch::kFloat64).to(calls.device);
    std::vector<std::int32_t> items;
    std::vector<double> weights;
    const auto flush = [&] {
      if (items.empty()) return;
      const auto w = torch::tensor(weights, torch::kFloat64).to(calls.device);
      row += torch::mv(calls.history(items).t(), w);
      items.clear();
      weights.clear();
    };
    for (const auto& [item, c] : coef) {
      items.push_back(item);
      weights.push_back(c);
      if (items.size() == 65536) flush();
    }
    flush();
    if (b.historyUsers > 0) row /= double(b.historyUsers);
    b.historyRow = doubles(row);
    Tensor fields =
        torch::zeros({std::int64_t(meta.userFields.size()), b.width}, torch::kFloat64).to(calls.device);
    for (const auto& [codes, n] : codeCounts) fields += double(n) * calls.fields(codes);
    b.fieldRows = doubles(fields / double(count));
    return b;
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Internal, "cannot average the users: " + firstLine(e.what()));
  }
}

Result<std::vector<ScoreSplit>> splitScores(const ModelFile& model, const UserProfile& profile,
                                            const UserBackground& background,
                                            const std::vector<std::int32_t>& items) {
  const auto& meta = model.metadata();
  if (auto s = checkProfile(meta, profile); !s) return s.error();
  if (background.dim != meta.dim || background.meanUserVector.size() != std::size_t(meta.dim))
    return makeError(ErrorCode::InvalidArgument, "the average user was computed for another model");
  for (const auto i : items) {
    if (i < 0 || i >= meta.numItems)
      return makeError(ErrorCode::InvalidArgument,
                       "item row " + std::to_string(i) + " is outside the catalog");
  }
  try {
    c10::InferenceMode inference;
    Calls calls{detail::modelModule(model), detail::modelTorchDevice(model)};
    const auto u = calls.user(profile);
    const auto mean = torch::tensor(background.meanUserVector, torch::kFloat64).to(u.device());
    const auto v = detail::modelItemEmbeddings(model).index_select(0, calls.longs(items)).to(torch::kFloat64);
    const auto score = doubles(torch::mv(v, u)), common = doubles(torch::mv(v, mean)),
               personal = doubles(torch::mv(v, u - mean));
    std::vector<ScoreSplit> out;
    for (std::size_t k = 0; k < items.size(); ++k)
      out.push_back({items[k], score[k], common[k], personal[k]});
    return out;
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Internal, "cannot split the scores: " + firstLine(e.what()));
  }
}

}  // namespace reclens
