#pragma once
// What the ego graph tests share: display options that list everything, comparisons, lookups in a
// graph, and a small trained model.
#include <QByteArray>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "data/generator.h"
#include "explain/attribution.h"
#include "explain/egograph.h"
#include "model/modelfile.h"
#include "model/trainer.h"
#include "store/projectstore.h"

namespace reclens::test {

// Everything listed: the display limits do not cut, so the listed paths are all the paths.
inline EgoGraphOptions everything() {
  EgoGraphOptions o;
  o.maxPaths = 1000000;
  o.maxNodes = 1000000;
  o.neighbours = 1000000;
  return o;
}

inline bool close(double a, double b, double relative) {
  return std::abs(a - b) <= relative * std::max({1.0, std::abs(a), std::abs(b)});
}

inline QByteArray text(const Error& e) {
  return QByteArray::fromStdString(e.message);
}

// The exported graph's item table row `row` dotted with row `other`.
inline double dotRows(const std::vector<float>& table, std::size_t dim, std::int32_t row,
                      std::int32_t other) {
  double sum = 0.0;
  for (std::size_t k = 0; k < dim; ++k)
    sum += double(table[std::size_t(row) * dim + k]) * double(table[std::size_t(other) * dim + k]);
  return sum;
}

// The index of the item node for catalog row `item`, or -1.
inline int itemNode(const EgoGraph& g, std::int32_t item) {
  for (std::size_t n = 0; n < g.nodes.size(); ++n) {
    if (g.nodes[n].kind == EgoNodeKind::Item && g.nodes[n].row == item) return int(n);
  }
  return -1;
}

// The listed edge from -> to, or nullptr.
inline const EgoEdge* findEdge(const EgoGraph& g, int from, int to) {
  for (const auto& e : g.edges) {
    if (e.from == from && e.to == to) return &e;
  }
  return nullptr;
}

// Integrated Gradients as the graph explanation runs it (explainItems' defaults: the midpoint rule),
// for a score f(α·x) along the straight path from the zero baseline: the quadrature of the history's
// share of df/dα, given that share as a function of α.
template <typename Share>
inline double midpointIntegral(Share share) {
  const AttributionOptions defaults;
  const int n = defaults.steps;
  double sum = 0.0;
  for (int s = 0; s < n; ++s) sum += share((s + 0.5) / n);
  return sum / n;
}

// The tiny generated shop, written to a project at `path` and read back.
inline Result<Dataset> tinyGeneratedDataset(const std::string& path) {
  auto store = ProjectStore::open(path, ProjectStore::Mode::Create);
  if (!store) return store.error();
  auto config = GeneratorConfig::preset("tiny");
  if (!config) return config.error();
  if (auto st = generateProject(config.value(), *store.value()); !st) return st.error();
  return store.value()->loadDataset();
}

// A small model of `kind` (LightGCN with `layers` steps) trained on `data`, written into `dir`; null on
// failure.
inline std::shared_ptr<const ModelFile> trainEgoModel(const Dataset& data, const std::string& dir,
                                                      const std::string& kind, int layers) {
  TrainConfig c = defaultTrainConfig(kind);
  c.dim = 8;
  c.epochs = 3;
  c.layers = layers;
  c.evalK = 5;
  c.evalUsers = 50;
  c.threads = 1;
  c.device = "cpu";
  const auto path = dir + "/" + kind + "-" + std::to_string(layers) + ".pt";
  auto report = trainModel(data, c, path);
  if (!report) qWarning("%s", report.error().message.c_str());
  auto model = ModelFile::load(path, {}, &data.items);
  return model ? model.value() : nullptr;
}

}  // namespace reclens::test
