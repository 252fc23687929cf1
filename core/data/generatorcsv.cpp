#include <cstdio>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "data/generator.h"
#include "data/generatorcsvfile.h"
#include "data/generatorinternal.h"
#include "data/sessionsampler.h"
#include "data/syntheticworld.h"

namespace reclens {

namespace {

namespace fs = std::filesystem;
namespace gd = generator_detail;

// Files are written under a temporary name and renamed at the end, so a cancelled or failed run
// never leaves a complete-looking but truncated file.
const char* const kFiles[] = {"items.csv", "users.csv", "interactions.csv", "truth.json"};

std::string partPath(const fs::path& dir, const char* name) {
  return (dir / (std::string(name) + ".part")).string();
}

void removeParts(const fs::path& dir) {
  std::error_code ec;
  for (const char* name : kFiles) fs::remove(partPath(dir, name), ec);
}

Status writeItems(const SyntheticWorld& world, const fs::path& dir) {
  const auto& cat = world.catalog();
  GeneratorCsvFile f;
  if (auto st = f.open(partPath(dir, "items.csv")); !st) return st;
  f.put("item_id,title,category,brand,price,first_seen\n");
  for (std::size_t i = 0; i < cat.size(); ++i) {
    f.put(cat.ids[i]);
    f.put(',');
    f.putField(cat.titles[i]);
    f.put(',');
    f.putField(cat.fields[0].valueAt(i));
    f.put(',');
    f.putField(cat.fields[1].valueAt(i));
    f.put(',');
    f.putFixed2(cat.prices[i]);
    f.put(',');
    f.putUtc(cat.firstSeen[i]);
    f.put('\n');
  }
  return f.close();
}

Status writeUsers(const SyntheticWorld& world, const fs::path& dir) {
  const auto& users = world.users();
  GeneratorCsvFile f;
  if (auto st = f.open(partPath(dir, "users.csv")); !st) return st;
  f.put("user_id,gender,age_band,region\n");
  for (std::size_t u = 0; u < users.size(); ++u) {
    f.put(users.ids[u]);
    for (const auto& field : users.fields) {
      f.put(',');
      f.putField(field.valueAt(u));
    }
    f.put('\n');
  }
  return f.close();
}

Result<gd::Tally> writeInteractions(const SyntheticWorld& world, const fs::path& dir,
                                    const TaskControl& control) {
  GeneratorCsvFile f;
  if (auto st = f.open(partPath(dir, "interactions.csv")); !st) return st.error();
  f.put("user_id,item_id,timestamp,kind,weight\n");
  const auto& users = world.users();
  const auto& items = world.catalog().ids;
  // Kind and weight columns together, e.g. ",view,1\n".
  std::vector<std::string> tails;
  for (std::size_t k = 0; k < SessionSampler::kindNames().size(); ++k) {
    tails.push_back(
        "," + SessionSampler::kindNames()[k] + "," +
        std::to_string(static_cast<int>(SessionSampler::kindWeight(static_cast<std::uint8_t>(k)))) + "\n");
  }
  SessionSampler sampler(world);
  std::vector<GeneratedEvent> events;
  gd::Tally tally;
  const auto planned = static_cast<double>(std::max<std::int64_t>(1, world.plannedInteractions()));
  const int underBrand = world.underExposedBrand();
  const auto nUsers = static_cast<std::int32_t>(users.size());
  for (std::int32_t u = 0; u < nUsers; ++u) {
    if ((u & 255) == 0) {
      if (control.cancelled()) return makeError(ErrorCode::Cancelled, "generation was cancelled");
      control.report(0.02 + 0.96 * static_cast<double>(tally.interactions) / planned,
                     "writing interactions.csv");
    }
    sampler.sample(u, events);
    const auto& uid = users.ids[static_cast<std::size_t>(u)];
    for (const auto& e : events) {
      f.put(uid);
      f.put(',');
      f.put(items[static_cast<std::size_t>(e.item)]);
      f.put(',');
      f.putUtc(e.ts);
      f.put(tails[e.kind]);
      tally.underExposedBrand += world.itemBrand(e.item) == underBrand ? 1 : 0;
    }
    tally.interactions += static_cast<std::int64_t>(events.size());
  }
  if (auto st = f.close(); !st) return st.error();
  return tally;
}

Status writeTruth(const GeneratorConfig& config,
                  const std::vector<std::pair<std::string, std::string>>& truth, const fs::path& dir) {
  nlohmann::json doc;
  doc["generator"] = nlohmann::json::parse(gd::configJson(config));
  doc["planted_truth"] = nlohmann::json::parse(gd::plantedTruthObject(truth));
  GeneratorCsvFile f;
  if (auto st = f.open(partPath(dir, "truth.json")); !st) return st;
  f.put(doc.dump(2));
  f.put('\n');
  return f.close();
}

Status writeAll(const GeneratorConfig& config, const fs::path& dir, const TaskControl& control,
                GeneratorSummary& summary) {
  control.report(0.0, "building catalog and users");
  const SyntheticWorld world(config);
  if (control.cancelled()) return makeError(ErrorCode::Cancelled, "generation was cancelled");
  if (auto st = writeItems(world, dir); !st) return st;
  if (auto st = writeUsers(world, dir); !st) return st;
  auto tally = writeInteractions(world, dir, control);
  if (!tally) return tally.error();
  const auto truth = gd::plantedTruth(world, tally.value());
  if (auto st = writeTruth(config, truth, dir); !st) return st;
  for (const char* name : kFiles) {
    std::error_code ec;
    fs::rename(partPath(dir, name), dir / name, ec);
    if (ec)
      return makeError(ErrorCode::Io, "cannot rename the finished file: " + ec.message(),
                       (dir / name).string());
  }
  summary.items = config.items;
  summary.users = config.users;
  summary.interactions = tally.value().interactions;
  summary.plantedTruthJson = gd::plantedTruthObject(truth);
  control.report(1.0, "done");
  return Status::success();
}

}  // namespace

Result<GeneratorSummary> generateCsv(const GeneratorConfig& config, const std::string& dir,
                                     const TaskControl& control) {
  if (auto st = gd::validate(config); !st) return st.error();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir, ec)) {
    return makeError(ErrorCode::Io,
                     "cannot create the output folder" + (ec ? ": " + ec.message() : std::string()), dir);
  }
  GeneratorSummary summary;
  if (auto st = writeAll(config, fs::path(dir), control, summary); !st) {
    removeParts(fs::path(dir));
    return st.error();
  }
  return summary;
}

}  // namespace reclens
