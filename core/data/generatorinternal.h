#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "data/dataset.h"
#include "data/generator.h"

namespace reclens {

class SyntheticWorld;

// Shared by the project and CSV writers of the generator; not part of the public API.
namespace generator_detail {

// What the writers counted while streaming, for the observed values in the planted truth.
struct Tally {
  std::int64_t interactions = 0;
  std::int64_t underExposedBrand = 0;  // interactions with the under-exposed brand's items
};

// Checks every field of the config; errors name the offending setting.
Status validate(const GeneratorConfig& config);
// Name and provenance line of the generated dataset.
DatasetInfo datasetInfo(const GeneratorConfig& config);
// The generator settings as a JSON object (stored in the project's metadata and truth.json).
std::string configJson(const GeneratorConfig& config);
// The planted ground truth: key -> JSON object text.
std::vector<std::pair<std::string, std::string>> plantedTruth(const SyntheticWorld& world,
                                                              const Tally& tally);
// All entries as one JSON object {key: object, ...}.
std::string plantedTruthObject(const std::vector<std::pair<std::string, std::string>>& entries);

}  // namespace generator_detail
}  // namespace reclens
