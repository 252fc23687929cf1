#include "explain/attribution.h"

#include <algorithm>
#include <cmath>

#include "explain/background.h"
#include "explain/distinctive.h"
#include "explain/rawattribution.h"

namespace reclens {

namespace {

Status checkRequest(const ModelMetadata& meta, const UserProfile& profile,
                    const std::vector<std::int32_t>& items, const AttributionOptions& options) {
  const auto invalid = [](const std::string& message) {
    return makeError(ErrorCode::InvalidArgument, message);
  };
  if (profile.weights.size() != profile.items.size()) {
    return invalid("the history has " + std::to_string(profile.items.size()) + " items but " +
                   std::to_string(profile.weights.size()) + " weights");
  }
  for (const auto item : profile.items) {
    if (item < 0 || item >= meta.numItems) {
      return invalid("history item row " + std::to_string(item) + " is outside the model's catalog of " +
                     std::to_string(meta.numItems) + " items");
    }
  }
  for (const auto w : profile.weights) {
    if (!std::isfinite(w)) return invalid("history weights must be finite numbers");
  }
  if (profile.fieldCodes.size() != meta.userFields.size()) {
    return invalid("the profile has " + std::to_string(profile.fieldCodes.size()) +
                   " user field codes, the model has " + std::to_string(meta.userFields.size()) +
                   " user fields");
  }
  for (std::size_t f = 0; f < profile.fieldCodes.size(); ++f) {
    const auto c = profile.fieldCodes[f];
    if (c < -1 || c >= static_cast<std::int32_t>(meta.userFields[f].vocabulary.size())) {
      return invalid("code " + std::to_string(c) + " of user field '" + meta.userFields[f].name +
                     "' is outside its vocabulary");
    }
  }
  if (items.empty()) return invalid("no item to explain");
  for (const auto item : items) {
    if (item < 0 || item >= meta.numItems) {
      return invalid("item row " + std::to_string(item) + " is outside the model's catalog of " +
                     std::to_string(meta.numItems) + " items");
    }
  }
  if (options.steps < 1 || options.steps > 4096)
    return invalid("the number of steps must be between 1 and 4096");
  if (options.samples < 1 || options.samples > 100000)
    return invalid("the number of Shapley samples must be between 1 and 100000");
  if (options.baseline == AttributionBaseline::AverageUser &&
      options.method != AttributionMethod::GradientTimesInput) {
    const auto* b = options.background.get();
    if (b == nullptr) return invalid("the average-user baseline needs the average user of the model's users");
    if (b->dim != meta.dim || b->fieldRows.size() != meta.userFields.size() * std::size_t(b->width))
      return invalid("the average user was computed for another model");
  }
  return Status::success();
}

std::string itemTitle(const Catalog* catalog, std::int32_t item) {
  const auto i = static_cast<std::size_t>(item);
  if (catalog == nullptr || i >= catalog->size()) return "item row " + std::to_string(item);
  if (i < catalog->titles.size() && !catalog->titles[i].empty()) return catalog->titles[i];
  return catalog->ids[i];
}

std::string itemId(const Catalog* catalog, std::int32_t item) {
  const auto i = static_cast<std::size_t>(item);
  return catalog != nullptr && i < catalog->size() ? catalog->ids[i] : std::to_string(item);
}

// The item's value for part `part`: the catalog field of that name, or the item's id for the id part.
std::string partValue(const Catalog* catalog, const std::string& part, std::int32_t item) {
  if (catalog == nullptr || static_cast<std::size_t>(item) >= catalog->size()) return {};
  const int f = catalog->fieldIndex(part);
  if (f >= 0) return catalog->fields[static_cast<std::size_t>(f)].valueAt(static_cast<std::size_t>(item));
  return part == "item" ? catalog->ids[static_cast<std::size_t>(item)] : std::string();
}

std::string joinTitles(const std::vector<std::string>& titles) {
  std::string out;
  for (std::size_t i = 0; i < titles.size(); ++i) {
    if (i > 0) out += i + 1 == titles.size() ? " and " : ", ";
    out += "\"" + titles[i] + "\"";
  }
  return out;
}

// The reason line: the strongest positive history items, user field and item part, in one sentence.
ReasonParts reasonFor(const ItemExplanation& e) {
  ReasonParts r;
  std::vector<const FieldAttribution*> history;
  const FieldAttribution* field = nullptr;
  const FieldAttribution* part = nullptr;
  for (const auto& f : e.fields) {
    if (!(f.attribution > 0.0)) continue;
    if (f.kind == FieldKind::History) history.push_back(&f);
    if (f.kind == FieldKind::UserField && !f.value.empty() && (!field || f.attribution > field->attribution))
      field = &f;
    if (f.kind == FieldKind::ItemPart && (!part || f.attribution > part->attribution)) part = &f;
  }
  std::stable_sort(history.begin(), history.end(),
                   [](const auto* a, const auto* b) { return a->attribution > b->attribution; });
  for (std::size_t i = 0; i < history.size() && i < 3; ++i) r.historyTitles.push_back(history[i]->label);
  std::vector<std::string> clauses;
  if (!r.historyTitles.empty()) clauses.push_back("you interacted with " + joinTitles(r.historyTitles));
  if (field != nullptr) {
    r.userField = field->label;
    r.userValue = field->value;
    clauses.push_back("your " + r.userField + " is " + r.userValue);
  }
  if (part != nullptr) {
    r.itemPart = part->label;
    r.itemPartValue = part->value;
    if (r.itemPart == "item")
      clauses.push_back("the item itself fits your profile");
    else if (r.itemPartValue.empty())
      clauses.push_back("its " + r.itemPart + " fits your profile");
    else
      clauses.push_back("its " + r.itemPart + " is " + r.itemPartValue);
  }
  if (clauses.empty()) {
    r.text = "No single field raises the score of this recommendation.";
    return r;
  }
  r.text = "Recommended because ";
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    if (i > 0) r.text += i + 1 == clauses.size() ? " and " : ", ";
    r.text += clauses[i];
  }
  r.text += ".";
  return r;
}

}  // namespace

Result<Explanation> explainItems(const ModelFile& model, const UserProfile& profile,
                                 const std::vector<std::int32_t>& items, const AttributionOptions& options,
                                 const Catalog* catalog, const TaskControl& control) {
  const auto& meta = model.metadata();
  if (auto s = checkRequest(meta, profile, items, options); !s) return s.error();
  auto raw = detail::computeRawAttribution(model, profile, items, options, control);
  if (!raw) return raw.error();
  const auto& r = raw.value();
  Explanation out;
  out.options = options;
  out.engine = r.engine;
  const bool additive = options.method != AttributionMethod::Occlusion;
  // Labels of the user's fields, the same for every item: history rows, then user fields.
  std::vector<FieldAttribution> userFields;
  userFields.reserve(profile.items.size() + meta.userFields.size());
  for (std::size_t i = 0; i < profile.items.size(); ++i) {
    userFields.push_back({FieldKind::History, static_cast<int>(i), profile.items[i],
                          itemTitle(catalog, profile.items[i]), itemId(catalog, profile.items[i]), 0.0, 0.0});
  }
  for (std::size_t f = 0; f < meta.userFields.size(); ++f) {
    const auto code = profile.fieldCodes[f];
    const auto& field = meta.userFields[f];
    userFields.push_back({FieldKind::UserField, static_cast<int>(f), -1, field.name,
                          code >= 0 ? field.vocabulary[static_cast<std::size_t>(code)] : std::string(), 0.0,
                          0.0});
  }
  out.items.reserve(items.size());
  for (std::size_t k = 0; k < items.size(); ++k) {
    ItemExplanation e;
    e.item = items[k];
    e.output = r.output[k];
    e.baselineOutput = r.baseline[k];
    e.fields.reserve(userFields.size() + meta.itemParts.size());
    e.fields = userFields;
    for (std::size_t g = 0; g < meta.itemParts.size(); ++g) {
      e.fields.push_back({FieldKind::ItemPart, static_cast<int>(g), -1, meta.itemParts[g],
                          partValue(catalog, meta.itemParts[g], items[k]), 0.0, 0.0});
    }
    for (std::size_t at = 0; at < e.fields.size(); ++at) {
      e.fields[at].attribution = r.values[k][at];
      if (!r.standardErrors.empty()) e.fields[at].standardError = r.standardErrors[k][at];
    }
    double total = 0.0;
    for (const auto& f : e.fields) total += f.attribution;
    e.completenessDelta = additive ? total - (e.output - e.baselineOutput) : NAN;
    e.reason = reasonFor(e);
    out.items.push_back(std::move(e));
  }
  addDistinctiveReasons(out);
  return out;
}

const char* attributionMethodName(AttributionMethod method) {
  switch (method) {
    case AttributionMethod::IntegratedGradients:
      return "ig";
    case AttributionMethod::GradientTimesInput:
      return "gradxinput";
    case AttributionMethod::Occlusion:
      return "occlusion";
    case AttributionMethod::Shapley:
      return "shapley";
  }
  return "ig";
}

const char* attributionBaselineName(AttributionBaseline baseline) {
  switch (baseline) {
    case AttributionBaseline::Zero:
      return "zero";
    case AttributionBaseline::MissingFields:
      return "missing";
    case AttributionBaseline::AverageUser:
      return "average";
  }
  return "zero";
}

bool parseAttributionBaseline(const std::string& name, AttributionBaseline& baseline) {
  for (const auto b :
       {AttributionBaseline::Zero, AttributionBaseline::MissingFields, AttributionBaseline::AverageUser}) {
    if (name == attributionBaselineName(b)) {
      baseline = b;
      return true;
    }
  }
  return false;
}

const char* fieldKindName(FieldKind kind) {
  switch (kind) {
    case FieldKind::History:
      return "history";
    case FieldKind::UserField:
      return "user_field";
    case FieldKind::ItemPart:
      return "item_part";
  }
  return "history";
}

bool parseAttributionMethod(const std::string& name, AttributionMethod& method) {
  for (const auto m : {AttributionMethod::IntegratedGradients, AttributionMethod::GradientTimesInput,
                       AttributionMethod::Occlusion, AttributionMethod::Shapley}) {
    if (name == attributionMethodName(m)) {
      method = m;
      return true;
    }
  }
  return false;
}

}  // namespace reclens
