#include "widgets/displayformat.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <cmath>

namespace reclens::display {

QString time(std::int64_t value, TimeUnit unit) {
  if (value == kNoTime) return {};
  if (unit == TimeUnit::Sequence) return QStringLiteral("#%1").arg(value);
  return QDateTime::fromSecsSinceEpoch(value, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString count(std::int64_t value) {
  return QLocale().toString(static_cast<qlonglong>(value));
}

QString price(double value) {
  if (std::isnan(value)) return {};
  return QLocale().toString(value, 'f', 2);
}

}  // namespace reclens::display
