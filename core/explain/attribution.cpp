#include "explain/attribution.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "explain/background.h"
#include "explain/collapse.h"
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
  if (options.contrast == ExplanationContrast::OtherItems && items.size() < 2)
    return invalid("comparing each item with the other items needs at least two items");
  if (options.contrast == ExplanationContrast::Item &&
      (options.versusItem < 0 || options.versusItem >= meta.numItems))
    return invalid("the item to compare with (row " + std::to_string(options.versusItem) +
                   ") is outside the model's catalog of " + std::to_string(meta.numItems) + " items");
  if (options.steps < 1 || options.steps > 4096)
    return invalid("the number of steps must be between 1 and 4096");
  if (options.samples < 1 || options.samples > 100000)
    return invalid("the number of Shapley samples must be between 1 and 100000");
  // A background's shape must be the model's (dimension, user fields).
  const auto madeFor = [&meta](const UserBackground& b) {
    return b.dim == meta.dim && b.fieldRows.size() == meta.userFields.size() * std::size_t(b.width);
  };
  if (options.baseline == AttributionBaseline::AverageUser &&
      options.method != AttributionMethod::GradientTimesInput) {
    const auto* b = options.background.get();
    if (b == nullptr) return invalid("the average-user baseline needs the average user of the model's users");
    if (!madeFor(*b)) return invalid("the average user was computed for another model");
  }
  if (options.baseline == AttributionBaseline::SampledUsers &&
      (options.method == AttributionMethod::IntegratedGradients ||
       options.method == AttributionMethod::Shapley)) {
    if (!options.sample || options.sample->empty())
      return invalid("the sampled-users baseline needs a sample of background users");
    if (!std::all_of(options.sample->begin(), options.sample->end(), madeFor))
      return invalid("the background users were sampled for another model");
  }
  return Status::success();
}

// Expected gradients: the raw attributions against each background user of options.sample, averaged,
// with the spread over them as the standard error.
Result<detail::RawAttribution> sampledAttribution(const ModelFile& model, const UserProfile& profile,
                                                  const std::vector<std::int32_t>& items,
                                                  const AttributionOptions& options,
                                                  const TaskControl& control) {
  const auto& sample = *options.sample;
  const double k = static_cast<double>(sample.size());
  detail::RawAttribution out;
  std::vector<std::vector<double>> squares;
  for (std::size_t b = 0; b < sample.size(); ++b) {
    if (control.cancelled()) return makeError(ErrorCode::Cancelled, "the explanation was cancelled");
    TaskControl part = control;
    if (control.progress) {
      part.progress = [&control, b, k](double f, std::string_view what) {
        control.progress((double(b) + f) / k, what);
      };
    }
    auto one = options;
    one.baseline = AttributionBaseline::AverageUser;
    one.background = std::shared_ptr<const UserBackground>(options.sample, &sample[b]);
    auto raw = detail::computeRawAttribution(model, profile, items, one, part);
    if (!raw) return raw.error();
    auto& r = raw.value();
    if (b == 0) {
      out.output = r.output;
      out.engine = r.engine;
      out.baseline.assign(r.baseline.size(), 0.0);
      out.values.assign(r.values.size(), {});
      squares.assign(r.values.size(), {});
      for (std::size_t i = 0; i < r.values.size(); ++i) {
        out.values[i].assign(r.values[i].size(), 0.0);
        squares[i].assign(r.values[i].size(), 0.0);
      }
    }
    for (std::size_t i = 0; i < r.values.size(); ++i) {
      out.baseline[i] += r.baseline[i] / k;
      for (std::size_t f = 0; f < r.values[i].size(); ++f) {
        out.values[i][f] += r.values[i][f] / k;
        squares[i][f] += r.values[i][f] * r.values[i][f];
      }
    }
  }
  out.standardErrors.assign(out.values.size(), {});
  for (std::size_t i = 0; i < out.values.size(); ++i) {
    out.standardErrors[i].assign(out.values[i].size(), 0.0);
    if (sample.size() < 2) continue;
    for (std::size_t f = 0; f < out.values[i].size(); ++f) {
      const double mean = out.values[i][f];
      const double variance = std::max(0.0, (squares[i][f] - k * mean * mean) / (k - 1.0));
      out.standardErrors[i][f] = std::sqrt(variance / k);
    }
  }
  out.engine += ", averaged over " + std::to_string(sample.size()) + " background users";
  return out;
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
  const auto i = static_cast<std::size_t>(item);
  if (f >= 0) return catalog->fields[static_cast<std::size_t>(f)].valueAt(i);
  if (part == "item") return catalog->ids[i];
  // The content parts of the two-tower model: the title it read, the price its band came from.
  if (part == kTitlePart && i < catalog->titles.size()) return catalog->titles[i];
  if (part == kPriceBandPart && i < catalog->prices.size() && std::isfinite(catalog->prices[i])) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", catalog->prices[i]);
    return buf;
  }
  return {};
}

}  // namespace

namespace {

// The explanation of the whole scores of `items`, with the versus item of an Item contrast appended
// last when it is not among them (`appended`): what every contrast is derived from.
Result<Explanation> explainWhole(const ModelFile& model, const UserProfile& profile,
                                 const std::vector<std::int32_t>& items, const AttributionOptions& options,
                                 const Catalog* catalog, const TaskControl& control, bool& appended) {
  const auto& meta = model.metadata();
  if (auto s = checkRequest(meta, profile, items, options); !s) return s.error();
  std::vector<std::int32_t> computed = items;
  appended = options.contrast == ExplanationContrast::Item &&
             std::find(items.begin(), items.end(), options.versusItem) == items.end();
  if (appended) computed.push_back(options.versusItem);
  const bool sampled = options.baseline == AttributionBaseline::SampledUsers &&
                       (options.method == AttributionMethod::IntegratedGradients ||
                        options.method == AttributionMethod::Shapley);
  auto raw = sampled ? sampledAttribution(model, profile, computed, options, control)
                     : detail::computeRawAttribution(model, profile, computed, options, control);
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
  out.items.reserve(computed.size());
  for (std::size_t k = 0; k < computed.size(); ++k) {
    ItemExplanation e;
    e.item = computed[k];
    e.output = r.output[k];
    e.baselineOutput = r.baseline[k];
    e.fields.reserve(userFields.size() + meta.itemParts.size());
    e.fields = userFields;
    for (std::size_t g = 0; g < meta.itemParts.size(); ++g) {
      e.fields.push_back({FieldKind::ItemPart, static_cast<int>(g), -1, meta.itemParts[g],
                          partValue(catalog, meta.itemParts[g], computed[k]), 0.0, 0.0});
    }
    for (std::size_t at = 0; at < e.fields.size(); ++at) {
      e.fields[at].attribution = r.values[k][at];
      if (!r.standardErrors.empty()) e.fields[at].standardError = r.standardErrors[k][at];
    }
    double total = 0.0;
    for (const auto& f : e.fields) total += f.attribution;
    e.completenessDelta = additive ? total - (e.output - e.baselineOutput) : NAN;
    e.reason = detail::reasonFor(e, ExplanationContrast::None, {});
    out.items.push_back(std::move(e));
  }
  out.options.contrast = ExplanationContrast::None;
  out.options.versusItem = -1;
  return out;
}

}  // namespace

Result<Explanation> explainItems(const ModelFile& model, const UserProfile& profile,
                                 const std::vector<std::int32_t>& items, const AttributionOptions& options,
                                 const Catalog* catalog, const TaskControl& control) {
  if (options.contrast == ExplanationContrast::None) {
    bool appended = false;
    auto whole = explainWhole(model, profile, items, options, catalog, control, appended);
    if (whole) addDistinctiveReasons(whole.value());
    return whole;
  }
  auto both = explainAndCompare(model, profile, items, options, catalog, control);
  if (!both) return both.error();
  return std::move(both.value().shown);
}

Result<ComparedExplanation> explainAndCompare(const ModelFile& model, const UserProfile& profile,
                                              const std::vector<std::int32_t>& items,
                                              const AttributionOptions& options, const Catalog* catalog,
                                              const TaskControl& control) {
  bool appended = false;
  auto whole = explainWhole(model, profile, items, options, catalog, control, appended);
  if (!whole) return whole.error();
  ComparedExplanation out;
  const auto contrast = options.contrast == ExplanationContrast::Automatic ? automaticContrast(whole.value())
                                                                           : options.contrast;
  if (contrast != ExplanationContrast::None) {
    auto shown = contrastExplanation(whole.value(), contrast, options.versusItem, catalog);
    if (!shown) return shown.error();
    out.shown = std::move(shown.value());
    if (appended) out.shown.items.pop_back();
  }
  if (appended) whole.value().items.pop_back();
  addDistinctiveReasons(whole.value());
  out.whole = std::move(whole.value());
  if (contrast == ExplanationContrast::None) out.shown = out.whole;
  return out;
}

Result<Explanation> contrastExplanation(const Explanation& whole, ExplanationContrast contrast,
                                        std::int32_t versusItem, const Catalog* catalog) {
  const auto invalid = [](const std::string& message) {
    return makeError(ErrorCode::InvalidArgument, message);
  };
  if (whole.options.contrast != ExplanationContrast::None)
    return invalid("the explanation to compare is already a comparison");
  if (contrast == ExplanationContrast::Automatic)
    return invalid("the automatic comparison is chosen by explainAndCompare(), not here");
  if (contrast == ExplanationContrast::None) return whole;
  const std::size_t n = whole.items.size();
  std::size_t versusAt = n;
  if (contrast == ExplanationContrast::Item) {
    for (std::size_t k = 0; k < n && versusAt == n; ++k)
      if (whole.items[k].item == versusItem) versusAt = k;
    if (versusAt == n)
      return invalid("item row " + std::to_string(versusItem) + " is not among the explained items");
  } else if (n < 2) {
    return invalid("comparing each item with the other items needs at least two items");
  }
  for (const auto& e : whole.items) {
    if (e.fields.size() != whole.items.front().fields.size())
      return invalid("the explained items do not have the same fields");
  }
  Explanation out;
  out.options = whole.options;
  out.options.contrast = contrast;
  out.options.versusItem = contrast == ExplanationContrast::Item ? versusItem : -1;
  out.engine = whole.engine;
  const bool additive = whole.options.method != AttributionMethod::Occlusion;
  const std::string versusTitle = contrast == ExplanationContrast::Item ? itemTitle(catalog, versusItem) : "";
  std::vector<const ItemExplanation*> refs;
  out.items.reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    const auto& own = whole.items[k];
    refs.clear();
    for (std::size_t j = 0; j < n; ++j) {
      if (contrast == ExplanationContrast::Item ? j == versusAt : j != k) refs.push_back(&whole.items[j]);
    }
    const double w = 1.0 / static_cast<double>(refs.size());
    // The mean over the references of one number, and the standard error of that mean (treating the
    // items' sampling errors as independent).
    const auto mean = [&](auto get) {
      double sum = 0.0;
      for (const auto* r : refs) sum += get(*r);
      return w * sum;
    };
    const auto meanError = [&](std::size_t at) {
      double sum = 0.0;
      for (const auto* r : refs) sum += r->fields[at].standardError * r->fields[at].standardError;
      return w * std::sqrt(sum);
    };
    ItemExplanation e;
    e.item = own.item;
    e.output = own.output - mean([](const ItemExplanation& r) { return r.output; });
    e.baselineOutput = own.baselineOutput - mean([](const ItemExplanation& r) { return r.baselineOutput; });
    e.fields = own.fields;
    for (std::size_t at = 0; at < e.fields.size(); ++at) {
      auto& f = e.fields[at];
      if (f.kind == FieldKind::ItemPart) continue;  // the item's own parts enter its score only
      f.attribution -= mean([at](const ItemExplanation& r) { return r.fields[at].attribution; });
      const double refError = meanError(at);
      f.standardError = std::sqrt(f.standardError * f.standardError + refError * refError);
    }
    for (std::size_t at = 0; at < own.fields.size(); ++at) {
      if (own.fields[at].kind != FieldKind::ItemPart) continue;
      FieldAttribution part = refs.front()->fields[at];
      part.reference = true;
      part.attribution = -mean([at](const ItemExplanation& r) { return r.fields[at].attribution; });
      part.standardError = meanError(at);
      for (const auto* r : refs) {
        if (r->fields[at].value != part.value) part.value.clear();
      }
      e.fields.push_back(std::move(part));
    }
    double total = 0.0;
    for (const auto& f : e.fields) total += f.attribution;
    e.completenessDelta = additive ? total - (e.output - e.baselineOutput) : NAN;
    e.reason = detail::reasonFor(e, contrast, versusTitle);
    out.items.push_back(std::move(e));
  }
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
    case AttributionBaseline::SampledUsers:
      return "sample";
  }
  return "zero";
}

bool parseAttributionBaseline(const std::string& name, AttributionBaseline& baseline) {
  for (const auto b : {AttributionBaseline::Zero, AttributionBaseline::MissingFields,
                       AttributionBaseline::AverageUser, AttributionBaseline::SampledUsers}) {
    if (name == attributionBaselineName(b)) {
      baseline = b;
      return true;
    }
  }
  return false;
}

const char* explanationContrastName(ExplanationContrast contrast) {
  switch (contrast) {
    case ExplanationContrast::None:
      return "none";
    case ExplanationContrast::OtherItems:
      return "others";
    case ExplanationContrast::Item:
      return "item";
    case ExplanationContrast::Automatic:
      return "auto";
  }
  return "none";
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
