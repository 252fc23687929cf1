#include "explanation/reasonline.h"

#include "widgets/displayformat.h"

namespace reclens {

namespace {
QStringList quoted(const std::vector<std::string>& titles) {
  QStringList out;
  for (const auto& title : titles) out << ReasonLine::tr("“%1”").arg(display::text(title));
  return out;
}
}  // namespace

QString ReasonLine::joinList(const QStringList& items) {
  if (items.isEmpty()) return {};
  QString out = items.front();
  for (qsizetype i = 1; i < items.size(); ++i) {
    out = i + 1 == items.size() ? tr("%1 and %2").arg(out, items[i]) : tr("%1, %2").arg(out, items[i]);
  }
  return out;
}

QStringList ReasonLine::clauses(const ReasonParts& parts) {
  QStringList clauses;
  if (!parts.historyTitles.empty()) {
    clauses << tr("you interacted with %1").arg(joinList(quoted(parts.historyTitles)));
  }
  if (!parts.userField.empty()) {
    clauses << tr("your %1 is %2").arg(display::text(parts.userField), display::text(parts.userValue));
  }
  if (!parts.itemPart.empty()) {
    // The "item" part is the item's own embedding: it has no value to name.
    if (parts.itemPart == "item") {
      clauses << tr("the item itself fits your profile");
    } else if (parts.itemPartValue.empty()) {
      clauses << tr("its %1 fits your profile").arg(display::text(parts.itemPart));
    } else {
      clauses << tr("its %1 is %2").arg(display::text(parts.itemPart), display::text(parts.itemPartValue));
    }
  }
  return clauses;
}

QString ReasonLine::distinctive(const ReasonParts& parts) {
  if (parts.distinctiveTitles.empty()) return {};
  return tr("Unlike your other recommendations, this one rests on %1.")
      .arg(joinList(quoted(parts.distinctiveTitles)));
}

QString ReasonLine::distinctiveBrief(const ReasonParts& parts) {
  if (parts.distinctiveTitles.empty()) return {};
  return tr("Rests on %1, unlike your other items").arg(joinList(quoted(parts.distinctiveTitles)));
}

QString ReasonLine::versus(const ReasonParts& parts) {
  switch (parts.contrast) {
    case ExplanationContrast::None:
    case ExplanationContrast::Automatic:  // resolved to one of the others before any reason is written
      return {};
    case ExplanationContrast::OtherItems:
      return tr("the other recommendations on average");
    case ExplanationContrast::Item:
      return tr("“%1”").arg(display::text(parts.versusTitle));
  }
  return {};
}

QString ReasonLine::brief(const ReasonParts& parts) {
  QString out = joinList(clauses(parts));
  if (parts.contrast == ExplanationContrast::OtherItems && !out.isEmpty())
    return parts.above ? tr("Above the rest: %1").arg(out) : tr("Below the rest; in its favour: %1").arg(out);
  if (parts.contrast == ExplanationContrast::Item && !out.isEmpty())
    return parts.above ? tr("Above %1: %2").arg(versus(parts), out)
                       : tr("Below %1; in its favour: %2").arg(versus(parts), out);
  if (!out.isEmpty()) out[0] = out[0].toUpper();
  return out;
}

QString ReasonLine::text(const ReasonParts& parts) {
  const QStringList list = clauses(parts);
  if (parts.contrast != ExplanationContrast::None) {
    if (list.isEmpty()) return tr("No single field favours this item over %1.").arg(versus(parts));
    return parts.above ? tr("Scored above %1 because %2.").arg(versus(parts), joinList(list))
                       : tr("Scored below %1; in its favour: %2.").arg(versus(parts), joinList(list));
  }
  if (list.isEmpty()) return tr("No single field raises the score of this recommendation.");
  return tr("Recommended because %1.").arg(joinList(list));
}

}  // namespace reclens
