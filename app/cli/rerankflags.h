#pragma once
// The re-ranking flags shared by recommend and audit.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include "engine/rerank.h"

namespace reclens::cli {

// Adds --pop-penalty, --mmr, --category-cap, --calibration, --provider-fair, --provider-field,
// --provider-target and --user-aware-penalty to `sub`, filling `options`; `purpose` starts each
// description ("Re-rank" or "Audit the lists re-ranked"). Returns the options added.
std::vector<CLI::Option*> addReRankFlags(CLI::App* sub, ReRankOptions& options, const std::string& purpose);

// The knobs as JSON (the same keys as an audit's config.rerank).
nlohmann::json reRankJson(const ReRankOptions& options);

}  // namespace reclens::cli
