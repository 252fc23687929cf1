#pragma once
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include "explain/attribution.h"

namespace reclens {

// The plain-language reason line of one recommendation, built in the user's language from the
// parts the core names (ReasonParts), never from the core's English sentence.
class ReasonLine {
  Q_DECLARE_TR_FUNCTIONS(ReasonLine)

 public:
  // The whole sentence, e.g. "Recommended because you interacted with “A” and “B”, your region is
  // North and its category is Books."; with a contrast "Scored above “C” because ..." (or below).
  static QString text(const ReasonParts& parts);
  // The clauses alone, joined, for a "Why" column, e.g. "You interacted with “A” and its category is
  // Books"; "" when no field raises the score.
  static QString brief(const ReasonParts& parts);
  // What sets the item apart from the other items explained with it, e.g. "Unlike your other
  // recommendations, this one rests on “A” and “B”."; "" when nothing does.
  static QString distinctive(const ReasonParts& parts);
  // The same for a "Why" column, e.g. "Rests on “A” and “B”, unlike your other items"; "" when nothing does.
  static QString distinctiveBrief(const ReasonParts& parts);
  // The clauses of that sentence without the lead-in, in the order history, user field, item part.
  static QStringList clauses(const ReasonParts& parts);
  // What a contrast compares with ("the other recommendations on average" or the quoted title of the
  // item), "" without a contrast.
  static QString versus(const ReasonParts& parts);
  // `items` joined as "A", "A and B" or "A, B and C".
  static QString joinList(const QStringList& items);
};

}  // namespace reclens
