#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "data/generator.h"
#include "data/sessionsampler.h"
#include "data/syntheticworld.h"
#include "sim/oracle.h"

namespace reclens::sim {

namespace {

Result<GeneratorConfig> parseConfig(const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return makeError(ErrorCode::Parse, "the project's generator configuration is not a JSON object");
  GeneratorConfig c;
  try {
    c.size = j.value("size", c.size);
    c.seed = j.at("seed").get<std::uint64_t>();
    c.items = j.at("items").get<std::int64_t>();
    c.users = j.at("users").get<std::int64_t>();
    c.interactions = j.at("interactions").get<std::int64_t>();
    c.categories = j.at("categories").get<int>();
    c.brands = j.at("brands").get<int>();
    c.zipfExponent = j.at("zipf_exponent").get<double>();
    c.startTime = j.at("start_time").get<std::int64_t>();
    c.days = j.at("days").get<int>();
  } catch (const nlohmann::json::exception& e) {
    return makeError(ErrorCode::Parse, std::string("the project's generator configuration: ") + e.what());
  }
  return c;
}

class SyntheticOracle final : public Oracle {
 public:
  SyntheticOracle(const GeneratorConfig& config, const Dataset& dataset, double scale)
      : m_world(config), m_scale(scale), m_rows(dataset.items.size()) {}

  Status init(const Dataset& dataset) {
    std::unordered_map<std::string, std::int32_t> worldItem;
    const auto& ids = m_world.catalog().ids;
    for (std::size_t i = 0; i < ids.size(); ++i) worldItem.emplace(ids[i], static_cast<std::int32_t>(i));
    m_item.assign(m_rows, -1);
    std::size_t matched = 0;
    for (std::size_t r = 0; r < m_rows; ++r) {
      const auto it = worldItem.find(dataset.items.ids[r]);
      if (it != worldItem.end()) {
        m_item[r] = it->second;
        ++matched;
      }
    }
    std::unordered_map<std::string, std::int32_t> worldUser;
    const auto& uids = m_world.users().ids;
    for (std::size_t u = 0; u < uids.size(); ++u) worldUser.emplace(uids[u], static_cast<std::int32_t>(u));
    m_user.assign(dataset.users.size(), -1);
    std::size_t usersMatched = 0;
    for (std::size_t u = 0; u < dataset.users.size(); ++u) {
      const auto it = worldUser.find(dataset.users.ids[u]);
      if (it != worldUser.end()) {
        m_user[u] = it->second;
        ++usersMatched;
      }
    }
    if (matched * 10 < m_rows * 9 || usersMatched * 10 < dataset.users.size() * 9) {
      return makeError(ErrorCode::NotFound,
                       "the project's catalog or users do not match its generator configuration (" +
                           std::to_string(matched) + " of " + std::to_string(m_rows) + " items and " +
                           std::to_string(usersMatched) + " of " + std::to_string(dataset.users.size()) +
                           " users found); regenerate it or use a model as the truth");
    }
    SessionSampler sampler(m_world);
    m_tastes.resize(static_cast<std::size_t>(m_world.users().size()));
    for (std::size_t u = 0; u < m_tastes.size(); ++u) {
      auto taste = sampler.taste(static_cast<std::int32_t>(u));
      double total = 0.0;
      for (double w : taste.after) total += w;
      for (double& w : taste.after) w /= total;
      taste.before.clear();
      m_tastes[u] = std::move(taste);
    }
    // Dataset category code of each world category, for the taste mix.
    const int field = dataset.items.fieldIndex("category");
    m_categoryCode.assign(static_cast<std::size_t>(m_world.categoryCount()), -1);
    if (field >= 0) {
      const auto& vocab = dataset.items.fields[static_cast<std::size_t>(field)].vocabulary();
      m_categoryVocabulary = vocab.size();
      for (int c = 0; c < m_world.categoryCount(); ++c) {
        for (std::size_t v = 0; v < vocab.size(); ++v) {
          if (vocab[v] == m_world.categoryName(c))
            m_categoryCode[static_cast<std::size_t>(c)] = static_cast<int>(v);
        }
      }
    }
    const int brandField = dataset.items.fieldIndex("brand");
    if (brandField >= 0) {
      const auto& vocab = dataset.items.fields[static_cast<std::size_t>(brandField)].vocabulary();
      for (std::size_t v = 0; v < vocab.size(); ++v) {
        if (vocab[v] == m_world.brandName(m_world.underExposedBrand())) m_plantedBrand = static_cast<int>(v);
      }
    }
    return Status::success();
  }

  std::size_t numItems() const override { return m_rows; }

  void appeal(std::int32_t user, std::vector<double>& out) const override {
    out.assign(m_rows, 0.0);
    const auto wu = user >= 0 && static_cast<std::size_t>(user) < m_user.size()
                        ? m_user[static_cast<std::size_t>(user)]
                        : -1;
    if (wu < 0) return;
    const auto& t = m_tastes[static_cast<std::size_t>(wu)];
    const double n = static_cast<double>(m_world.catalog().size());
    const double other = 1.0 - SessionSampler::kCellShare - SessionSampler::kBrandShare;
    const double styleShare[2] = {SessionSampler::kPrimaryStyle, 1.0 - SessionSampler::kPrimaryStyle};
    const int styles[2] = {t.primaryStyle, t.secondaryStyle};
    for (std::size_t r = 0; r < m_rows; ++r) {
      const auto i = m_item[r];
      if (i < 0) continue;
      const int c = m_world.itemCategory(i);
      const int s = m_world.itemStyle(i);
      const int b = m_world.itemBrand(i);
      const double w = m_world.itemWeight(i);
      const double inCategory = w / m_world.categoryWeight(c);
      double cell = 0.0;
      for (int k = 0; k < 2; ++k) {
        const double cw = m_world.cellWeight(c, styles[k]);
        // An empty style cell falls back to the category, as the generator's sampleInCell does.
        cell += styleShare[k] * (cw > 0.0 ? (s == styles[k] ? w / cw : 0.0) : inCategory);
      }
      double pi =
          t.after[static_cast<std::size_t>(c)] * (SessionSampler::kCellShare * cell + other * inCategory);
      for (int k = 0; k < 2; ++k) {
        if (b == t.brands[k]) pi += SessionSampler::kBrandShare * 0.5 * w / m_world.brandWeight(b);
      }
      if (t.noisy)
        pi = SyntheticWorld::kIslandsRandomShare / n + (1.0 - SyntheticWorld::kIslandsRandomShare) * pi;
      out[r] = 1.0 - std::exp(-m_scale * n * pi);
    }
  }

  bool concurrentAppeal() const override { return true; }  // reads the world, writes only `out`

  std::string description() const override {
    return "the generator's true tastes of each user (category mix after the drift switch, style cells, two "
           "favourite brands, popularity inside them; the under-exposed brand's shop-side suppression "
           "removed), "
           "appeal = 1 - exp(-" +
           formatScale() + " * N * pi)";
  }

  int plantedBrandCode() const override { return m_plantedBrand; }
  bool hasTasteMix() const override { return m_categoryVocabulary > 0; }
  std::vector<double> tasteMix(std::int32_t user) const override {
    std::vector<double> mix(m_categoryVocabulary, 0.0);
    const auto wu = user >= 0 && static_cast<std::size_t>(user) < m_user.size()
                        ? m_user[static_cast<std::size_t>(user)]
                        : -1;
    if (wu < 0) return mix;
    const auto& t = m_tastes[static_cast<std::size_t>(wu)];
    for (std::size_t c = 0; c < m_categoryCode.size(); ++c) {
      if (m_categoryCode[c] >= 0) mix[static_cast<std::size_t>(m_categoryCode[c])] += t.after[c];
    }
    return mix;
  }

 private:
  std::string formatScale() const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", m_scale);
    return buf;
  }

  SyntheticWorld m_world;
  double m_scale;
  std::size_t m_rows;
  std::vector<std::int32_t> m_item;  // world item of each catalog row, -1 when unknown
  std::vector<std::int32_t> m_user;  // world user of each user row
  std::vector<SessionSampler::Taste> m_tastes;
  std::vector<int> m_categoryCode;
  std::size_t m_categoryVocabulary = 0;
  int m_plantedBrand = -1;
};

}  // namespace

Result<std::unique_ptr<Oracle>> makeSyntheticOracle(const std::string& generatorConfigJson,
                                                    const Dataset& dataset, double scale) {
  if (generatorConfigJson.empty()) {
    return makeError(
        ErrorCode::NotFound,
        "the project was not made by the generator (no stored generator configuration), so it has "
        "no true tastes; use a model as the truth");
  }
  if (!(scale > 0.0) || !std::isfinite(scale))
    return makeError(ErrorCode::InvalidArgument, "the appeal scale must be a positive number");
  auto config = parseConfig(generatorConfigJson);
  if (!config) return config.error();
  auto oracle = std::make_unique<SyntheticOracle>(config.value(), dataset, scale);
  if (auto st = oracle->init(dataset); !st) return st.error();
  return std::unique_ptr<Oracle>(std::move(oracle));
}

}  // namespace reclens::sim
