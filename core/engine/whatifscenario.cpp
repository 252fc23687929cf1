#include "engine/whatifscenario.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>

namespace reclens {

namespace {

using nlohmann::json;

constexpr int kScenarioVersion = 1;

Error parseError(const std::string& what) {
  return makeError(ErrorCode::Parse, "what-if scenario: " + what);
}

std::unordered_map<std::string, std::int32_t> rowsById(const Catalog& catalog) {
  std::unordered_map<std::string, std::int32_t> rows;
  rows.reserve(catalog.size());
  for (std::size_t r = 0; r < catalog.size(); ++r) rows.emplace(catalog.ids[r], static_cast<std::int32_t>(r));
  return rows;
}

}  // namespace

const char* whatIfEditKindName(WhatIfEdit::Kind kind) {
  switch (kind) {
    case WhatIfEdit::Kind::RemoveItem:
      return "remove";
    case WhatIfEdit::Kind::AddItem:
      return "add";
    case WhatIfEdit::Kind::SetWeight:
      return "weight";
    case WhatIfEdit::Kind::SetUserField:
      return "field";
  }
  return "remove";
}

bool parseWhatIfEditKind(const std::string& name, WhatIfEdit::Kind& kind) {
  for (const auto k : {WhatIfEdit::Kind::RemoveItem, WhatIfEdit::Kind::AddItem, WhatIfEdit::Kind::SetWeight,
                       WhatIfEdit::Kind::SetUserField}) {
    if (name == whatIfEditKindName(k)) {
      kind = k;
      return true;
    }
  }
  return false;
}

WhatIfScenario describeScenario(const std::vector<WhatIfEdit>& edits,
                                const std::vector<std::int32_t>& delistedItems,
                                const std::vector<std::string>& delistedBrands, const Catalog& catalog,
                                const ModelMetadata& metadata) {
  const auto itemId = [&catalog](std::int32_t row) {
    return row >= 0 && static_cast<std::size_t>(row) < catalog.size()
               ? catalog.ids[static_cast<std::size_t>(row)]
               : std::string();
  };
  WhatIfScenario s;
  for (const auto& e : edits) {
    WhatIfScenario::Edit out;
    out.kind = e.kind;
    out.weight = e.weight;
    if (e.kind == WhatIfEdit::Kind::SetUserField) {
      if (e.field >= 0 && static_cast<std::size_t>(e.field) < metadata.userFields.size()) {
        const auto& field = metadata.userFields[static_cast<std::size_t>(e.field)];
        out.field = field.name;
        if (e.code >= 0 && static_cast<std::size_t>(e.code) < field.vocabulary.size())
          out.value = field.vocabulary[static_cast<std::size_t>(e.code)];
      }
    } else {
      out.item = itemId(e.item);
    }
    s.edits.push_back(std::move(out));
  }
  for (const auto row : delistedItems) s.delistedItems.push_back(itemId(row));
  s.delistedBrands = delistedBrands;
  return s;
}

std::string scenarioToJson(const WhatIfScenario& scenario) {
  json edits = json::array();
  for (const auto& e : scenario.edits) {
    json j{{"kind", whatIfEditKindName(e.kind)}};
    if (e.kind == WhatIfEdit::Kind::SetUserField) {
      j["field"] = e.field;
      j["value"] = e.value;
    } else {
      j["item"] = e.item;
      if (e.kind != WhatIfEdit::Kind::RemoveItem) j["weight"] = e.weight;
    }
    edits.push_back(std::move(j));
  }
  const json doc{{"version", kScenarioVersion},
                 {"edits", std::move(edits)},
                 {"delisted_items", scenario.delistedItems},
                 {"delisted_brands", scenario.delistedBrands}};
  return doc.dump();
}

Result<WhatIfScenario> scenarioFromJson(const std::string& text) {
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return parseError("the text is not a JSON object");
  if (!doc.contains("version") || !doc["version"].is_number_integer() ||
      doc["version"].get<int>() != kScenarioVersion)
    return parseError("the version must be " + std::to_string(kScenarioVersion));
  WhatIfScenario s;
  const auto strings = [&doc](const char* key, std::vector<std::string>& out) -> Status {
    if (!doc.contains(key)) return Status::success();
    if (!doc[key].is_array()) return parseError(std::string("'") + key + "' must be a list");
    for (const auto& v : doc[key]) {
      if (!v.is_string()) return parseError(std::string("'") + key + "' must hold strings");
      out.push_back(v.get<std::string>());
    }
    return Status::success();
  };
  if (auto st = strings("delisted_items", s.delistedItems); !st) return st.error();
  if (auto st = strings("delisted_brands", s.delistedBrands); !st) return st.error();
  if (!doc.contains("edits") || !doc["edits"].is_array()) return parseError("'edits' must be a list");
  for (std::size_t i = 0; i < doc["edits"].size(); ++i) {
    const auto& j = doc["edits"][i];
    const std::string where = "edit " + std::to_string(i + 1);
    WhatIfScenario::Edit e;
    if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string() ||
        !parseWhatIfEditKind(j["kind"].get<std::string>(), e.kind))
      return parseError(where + " has no known 'kind' (remove, add, weight or field)");
    if (e.kind == WhatIfEdit::Kind::SetUserField) {
      if (!j.contains("field") || !j["field"].is_string() || !j.contains("value") || !j["value"].is_string())
        return parseError(where + " needs the strings 'field' and 'value'");
      e.field = j["field"].get<std::string>();
      e.value = j["value"].get<std::string>();
    } else {
      if (!j.contains("item") || !j["item"].is_string())
        return parseError(where + " needs the string 'item'");
      e.item = j["item"].get<std::string>();
      if (e.kind != WhatIfEdit::Kind::RemoveItem) {
        if (!j.contains("weight") || !j["weight"].is_number())
          return parseError(where + " needs the number 'weight'");
        e.weight = j["weight"].get<float>();
      }
    }
    s.edits.push_back(std::move(e));
  }
  return s;
}

Result<std::vector<WhatIfEdit>> resolveScenarioEdits(const WhatIfScenario& scenario, const Catalog& catalog,
                                                     const ModelMetadata& metadata) {
  const auto rows = rowsById(catalog);
  std::vector<WhatIfEdit> out;
  for (const auto& e : scenario.edits) {
    if (e.kind == WhatIfEdit::Kind::SetUserField) {
      const auto field = std::find_if(metadata.userFields.begin(), metadata.userFields.end(),
                                      [&e](const ModelMetadata::UserField& f) { return f.name == e.field; });
      if (field == metadata.userFields.end())
        return makeError(ErrorCode::NotFound, "the model has no user field '" + e.field + "'");
      std::int32_t code = -1;
      if (!e.value.empty()) {
        const auto v = std::find(field->vocabulary.begin(), field->vocabulary.end(), e.value);
        if (v == field->vocabulary.end())
          return makeError(ErrorCode::NotFound,
                           "the model knows no value '" + e.value + "' of '" + e.field + "'");
        code = static_cast<std::int32_t>(v - field->vocabulary.begin());
      }
      out.push_back(WhatIfEdit::setUserField(static_cast<int>(field - metadata.userFields.begin()), code));
      continue;
    }
    const auto row = rows.find(e.item);
    if (row == rows.end()) return makeError(ErrorCode::NotFound, "the catalog has no item '" + e.item + "'");
    out.push_back({e.kind, row->second, e.weight, -1, -1});
  }
  return out;
}

std::vector<std::int32_t> resolveDelistedItems(const WhatIfScenario& scenario, const Catalog& catalog) {
  const auto rows = rowsById(catalog);
  std::vector<std::int32_t> out;
  for (const auto& id : scenario.delistedItems) {
    if (const auto it = rows.find(id); it != rows.end()) out.push_back(it->second);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace reclens
