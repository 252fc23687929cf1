#include "data/generator.h"

#include <climits>

#include <nlohmann/json.hpp>

#include "data/generatorinternal.h"
#include "data/generatorvocabulary.h"
#include "data/sessionsampler.h"
#include "data/syntheticworld.h"
#include "store/projectstore.h"

namespace reclens {

const std::vector<std::string>& GeneratorConfig::presetNames() {
  static const std::vector<std::string> kNames = {"tiny", "demo", "large", "huge"};
  return kNames;
}

Result<GeneratorConfig> GeneratorConfig::preset(const std::string& size) {
  GeneratorConfig c;
  c.size = size;
  if (size == "tiny") {
    c.items = 300;
    c.users = 200;
    c.interactions = 5000;
    c.categories = 8;
    c.brands = 16;
    c.days = 180;
  } else if (size == "demo") {
    c.items = 5000;
    c.users = 2000;
    c.interactions = 100000;
    c.categories = 12;
    c.brands = 60;
  } else if (size == "large") {
    c.items = 100000;
    c.users = 50000;
    c.interactions = 2000000;
    c.categories = 16;
    c.brands = 300;
  } else if (size == "huge") {
    c.items = 1000000;
    c.users = 1000000;
    c.interactions = 50000000;
    c.categories = 20;
    c.brands = 600;
    c.days = 730;
  } else {
    return makeError(ErrorCode::InvalidArgument,
                     "unknown generator size '" + size + "' (expected tiny, demo, large or huge)");
  }
  return c;
}

namespace generator_detail {

Status validate(const GeneratorConfig& c) {
  auto bad = [](const std::string& what) { return Status(makeError(ErrorCode::InvalidArgument, what)); };
  const auto maxCategories = static_cast<int>(generatorCategories().size());
  if (c.categories < 4 || c.categories > maxCategories) {
    return bad("categories must be between 4 and " + std::to_string(maxCategories));
  }
  if (c.brands < c.categories || c.brands > generatorBrandNameCount()) {
    return bad("brands must be between the number of categories (" + std::to_string(c.categories) + ") and " +
               std::to_string(generatorBrandNameCount()));
  }
  if (c.items < 10 * static_cast<std::int64_t>(c.categories) || c.items > INT32_MAX) {
    return bad("items must be between " + std::to_string(10 * c.categories) + " (10 per category) and " +
               std::to_string(INT32_MAX));
  }
  if (c.users < 1 || c.users > INT32_MAX)
    return bad("users must be between 1 and " + std::to_string(INT32_MAX));
  if (c.interactions < c.users) return bad("interactions must be at least the number of users");
  if (c.interactions / c.users > c.items / 2) {
    return bad("interactions per user must stay below half the catalog (repeats are kept rare)");
  }
  if (c.days < 2 || c.days > 36500) return bad("days must be between 2 and 36500");
  if (!(c.zipfExponent >= 0.0 && c.zipfExponent <= 4.0))
    return bad("the Zipf exponent must be between 0 and 4");
  return Status::success();
}

DatasetInfo datasetInfo(const GeneratorConfig& c) {
  DatasetInfo info;
  info.name = "Synthetic shop (" + c.size + ", seed " + std::to_string(c.seed) + ")";
  info.source = "RecLens generator: " + c.size + " size, seed " + std::to_string(c.seed) + ", " +
                std::to_string(c.items) + " items, " + std::to_string(c.users) + " users, about " +
                std::to_string(c.interactions) + " interactions";
  info.timeUnit = TimeUnit::UnixSeconds;
  return info;
}

std::string configJson(const GeneratorConfig& c) {
  return nlohmann::json{{"size", c.size},
                        {"seed", c.seed},
                        {"items", c.items},
                        {"users", c.users},
                        {"interactions", c.interactions},
                        {"categories", c.categories},
                        {"brands", c.brands},
                        {"zipf_exponent", c.zipfExponent},
                        {"start_time", c.startTime},
                        {"days", c.days}}
      .dump();
}

}  // namespace generator_detail

Result<GeneratorSummary> generateProject(const GeneratorConfig& config, ProjectStore& store,
                                         const TaskControl& control) {
  namespace gd = generator_detail;
  if (auto st = gd::validate(config); !st) return st.error();
  control.report(0.0, "building catalog and users");
  const SyntheticWorld world(config);
  if (control.cancelled()) return makeError(ErrorCode::Cancelled, "generation was cancelled");
  auto writer = store.beginDataset();
  if (!writer) return writer.error();
  auto& w = *writer.value();

  SessionSampler sampler(world);
  std::vector<GeneratedEvent> events;
  gd::Tally tally;
  const auto planned = static_cast<double>(std::max<std::int64_t>(1, world.plannedInteractions()));
  const auto users = static_cast<std::int32_t>(config.users);
  const int underBrand = world.underExposedBrand();
  for (std::int32_t u = 0; u < users; ++u) {
    if ((u & 255) == 0) {
      if (control.cancelled()) return makeError(ErrorCode::Cancelled, "generation was cancelled");
      control.report(0.02 + 0.88 * static_cast<double>(tally.interactions) / planned,
                     "generating interactions");
    }
    sampler.sample(u, events);
    for (const auto& e : events) {
      if (auto st = w.addInteraction(u, e.item, e.ts, SessionSampler::kindWeight(e.kind), e.kind); !st) {
        return st.error();
      }
      tally.underExposedBrand += world.itemBrand(e.item) == underBrand ? 1 : 0;
    }
    tally.interactions += static_cast<std::int64_t>(events.size());
  }
  const auto truth = gd::plantedTruth(world, tally);
  for (const auto& [key, json] : truth) w.setPlantedTruth(key, json);
  w.setMeta("generator.config", gd::configJson(config));
  if (auto st = w.commit(gd::datasetInfo(config), world.catalog(), world.users(), SessionSampler::kindNames(),
                         control);
      !st) {
    return st.error();
  }
  GeneratorSummary summary;
  summary.items = config.items;
  summary.users = config.users;
  summary.interactions = tally.interactions;
  summary.plantedTruthJson = gd::plantedTruthObject(truth);
  return summary;
}

}  // namespace reclens
