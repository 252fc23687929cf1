#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "data/dataset.h"
#include "engine/whatif.h"
#include "model/modelcontract.h"

namespace reclens {

// A what-if scenario in external terms (item ids, user field names and values, brand names), so that
// it survives a re-import of the dataset and a retrained model. Saved as JSON in the project file.
struct WhatIfScenario {
  struct Edit {
    WhatIfEdit::Kind kind = WhatIfEdit::Kind::RemoveItem;
    std::string item;  // item id (RemoveItem, AddItem, SetWeight)
    float weight = 1.0f;
    std::string field;  // user field name (SetUserField)
    std::string value;  // its value; "" means missing
  };
  std::vector<Edit> edits;
  std::vector<std::string> delistedItems;   // item ids left out of every list
  std::vector<std::string> delistedBrands;  // brands whose items are left out of every list
};

// `edits` (catalog rows of `catalog`, codes of `metadata`) and the delisted rows and brands in
// external terms. Rows or codes outside the catalog or vocabulary become "".
WhatIfScenario describeScenario(const std::vector<WhatIfEdit>& edits,
                                const std::vector<std::int32_t>& delistedItems,
                                const std::vector<std::string>& delistedBrands, const Catalog& catalog,
                                const ModelMetadata& metadata);

// The scenario as compact JSON: {"version":1,"edits":[...],"delisted_items":[...],"delisted_brands":[...]}.
std::string scenarioToJson(const WhatIfScenario& scenario);
// Reads scenarioToJson's text back; Parse errors name what is malformed.
Result<WhatIfScenario> scenarioFromJson(const std::string& text);

// The scenario's edits in rows of `catalog` and codes of `metadata`; NotFound names the first item id,
// field or value that they lack.
Result<std::vector<WhatIfEdit>> resolveScenarioEdits(const WhatIfScenario& scenario, const Catalog& catalog,
                                                     const ModelMetadata& metadata);
// The rows of the scenario's delisted item ids (ids the catalog lacks are left out), sorted.
std::vector<std::int32_t> resolveDelistedItems(const WhatIfScenario& scenario, const Catalog& catalog);

// Short stable names of edit kinds ("remove", "add", "weight", "field") and the reverse; false when unknown.
const char* whatIfEditKindName(WhatIfEdit::Kind kind);
bool parseWhatIfEditKind(const std::string& name, WhatIfEdit::Kind& kind);

}  // namespace reclens
