// Reads the graph export that built-in LightGCN files carry since it was added to the trainer's
// export (core/model/lightgcnmodel_torch.cpp): buffers emb0, graph_start, graph_item, graph_value
// and the method graph_layers().
#include <torch/script.h>
#include <torch/torch.h>

#include "explain/lightgcngraph.h"

namespace reclens {

namespace detail {
// Defined in model/modelfile_torch.cpp.
torch::jit::Module modelModule(const ModelFile& model);
torch::Tensor modelItemEmbeddings(const ModelFile& model);
}  // namespace detail

namespace {

const char* const kBuffers[] = {"emb0", "graph_start", "graph_item", "graph_value", "inv_sqrt_degree"};

template <typename T>
std::vector<T> copyOut(const torch::Tensor& t, torch::ScalarType type) {
  const auto c = t.detach().to(torch::kCPU, type).contiguous();
  return std::vector<T>(c.data_ptr<T>(), c.data_ptr<T>() + c.numel());
}

Error schemaError(const ModelFile& model, const std::string& what) {
  return makeError(ErrorCode::Schema, "the LightGCN graph export is inconsistent: " + what, model.path());
}

Result<LightGcnGraph> read(const ModelFile& model) {
  auto module = detail::modelModule(model);
  LightGcnGraph g;
  const auto layers = module.get_method("graph_layers")({});
  if (!layers.isInt() || layers.toInt() < 0) return schemaError(model, "graph_layers() must be an int >= 0");
  g.layers = static_cast<int>(layers.toInt());
  const auto emb = detail::modelItemEmbeddings(model);
  g.items = emb.size(0);
  g.dim = static_cast<int>(emb.size(1));
  g.emb = copyOut<float>(emb, torch::kFloat32);
  const auto emb0 = module.attr("emb0").toTensor();
  if (emb0.dim() != 2 || emb0.size(0) != g.items || emb0.size(1) != g.dim)
    return schemaError(model, "emb0 must have the shape of item_embeddings()");
  g.emb0 = copyOut<float>(emb0, torch::kFloat32);
  g.invSqrtDegree = copyOut<float>(module.attr("inv_sqrt_degree").toTensor(), torch::kFloat32);
  if (static_cast<std::int64_t>(g.invSqrtDegree.size()) != g.items)
    return schemaError(model, "inv_sqrt_degree must have one entry per item");
  g.start = copyOut<std::int64_t>(module.attr("graph_start").toTensor(), torch::kInt64);
  g.item = copyOut<std::int64_t>(module.attr("graph_item").toTensor(), torch::kInt64);
  g.value = copyOut<float>(module.attr("graph_value").toTensor(), torch::kFloat32);
  if (g.start.empty() || g.start.front() != 0 || g.item.size() != g.value.size() ||
      g.start.back() != static_cast<std::int64_t>(g.item.size()))
    return schemaError(model, "graph_start, graph_item and graph_value do not describe one sparse matrix");
  for (std::size_t u = 0; u + 1 < g.start.size(); ++u) {
    if (g.start[u + 1] < g.start[u]) return schemaError(model, "graph_start must not decrease");
  }
  for (const auto i : g.item) {
    if (i < 0 || i >= g.items) return schemaError(model, "graph_item names an item outside the catalog");
  }
  g.users = static_cast<std::int64_t>(g.start.size()) - 1;
  return g;
}

}  // namespace

bool hasLightGcnGraph(const ModelFile& model) {
  try {
    auto module = detail::modelModule(model);
    if (!module.find_method("graph_layers")) return false;
    for (const char* name : kBuffers) {
      if (!module.hasattr(name) || !module.attr(name).isTensor()) return false;
    }
    return true;
  } catch (const std::exception&) {
    return false;  // an unreadable attribute means no usable export; readLightGcnGraph names the problem
  }
}

Result<LightGcnGraph> readLightGcnGraph(const ModelFile& model) {
  if (!hasLightGcnGraph(model)) {
    return makeError(ErrorCode::NotFound, "the model file has no LightGCN graph export", model.path());
  }
  try {
    torch::NoGradGuard noGrad;
    return read(model);
  } catch (const std::exception& e) {
    const std::string what = e.what();
    return makeError(ErrorCode::Internal,
                     "reading the LightGCN graph export failed: " + what.substr(0, what.find('\n')),
                     model.path());
  }
}

}  // namespace reclens
