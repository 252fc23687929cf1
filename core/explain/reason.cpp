#include <algorithm>

#include "explain/rawattribution.h"

namespace reclens::detail {

std::string joinTitles(const std::vector<std::string>& titles) {
  std::string out;
  for (std::size_t i = 0; i < titles.size(); ++i) {
    if (i > 0) out += i + 1 == titles.size() ? " and " : ", ";
    out += "\"" + titles[i] + "\"";
  }
  return out;
}

// The reason line: the strongest positive history items, user field and item part, in one sentence.
ReasonParts reasonFor(const ItemExplanation& e, ExplanationContrast contrast,
                      const std::string& versusTitle) {
  ReasonParts r;
  std::vector<const FieldAttribution*> history;
  const FieldAttribution* field = nullptr;
  const FieldAttribution* part = nullptr;
  double partValue = 0.0;
  // In a contrast an item part speaks for the item by what it adds beyond the same part of the item (or
  // items) compared with: its own attribution plus the negated reference one.
  const auto net = [&e](const FieldAttribution& own) {
    double v = own.attribution;
    for (const auto& f : e.fields)
      if (f.reference && f.kind == FieldKind::ItemPart && f.index == own.index) v += f.attribution;
    return v;
  };
  for (const auto& f : e.fields) {
    if (f.reference) continue;
    if (f.kind == FieldKind::ItemPart) {
      const double v = contrast == ExplanationContrast::None ? f.attribution : net(f);
      if (v > 0.0 && (!part || v > partValue)) {
        part = &f;
        partValue = v;
      }
      continue;
    }
    if (!(f.attribution > 0.0)) continue;
    if (f.kind == FieldKind::History) history.push_back(&f);
    if (f.kind == FieldKind::UserField && !f.value.empty() && (!field || f.attribution > field->attribution))
      field = &f;
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
  std::string joined;
  for (std::size_t i = 0; i < clauses.size(); ++i) {
    if (i > 0) joined += i + 1 == clauses.size() ? " and " : ", ";
    joined += clauses[i];
  }
  r.contrast = contrast;
  r.versusTitle = versusTitle;
  r.above = !(e.output < 0.0);
  if (contrast != ExplanationContrast::None) {
    const std::string versus = contrast == ExplanationContrast::Item ? "\"" + versusTitle + "\""
                                                                     : "the other recommendations on average";
    if (clauses.empty())
      r.text = "No single field favours this item over " + versus + ".";
    else if (r.above)
      r.text = "Scored above " + versus + " because " + joined + ".";
    else
      r.text = "Scored below " + versus + "; in its favour: " + joined + ".";
    return r;
  }
  if (clauses.empty()) {
    r.text = "No single field raises the score of this recommendation.";
    return r;
  }
  r.text = "Recommended because " + joined + ".";
  return r;
}

}  // namespace reclens::detail
