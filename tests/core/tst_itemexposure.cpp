#include <QtTest>

#include "data/itemexposure.h"
#include "data/utcformat.h"

using namespace reclens;

namespace {
// 2021-01-01T00:00:00Z was a Friday.
constexpr std::int64_t kNewYear2021 = 1609459200;
constexpr std::int64_t kDay = 86400;
}  // namespace

class TestItemExposure : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void bucketsFollowTheCalendar_data() {
    QTest::addColumn<qint64>("t");
    QTest::addColumn<int>("bucket");
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("next");
    QTest::newRow("week of a Friday")
        << qint64(kNewYear2021 + 3600) << int(TimeBucket::Week) << "2020-12-28T00:00:00Z"
        << "2021-01-04T00:00:00Z";
    QTest::newRow("Monday midnight") << qint64(kNewYear2021 + 3 * kDay) << int(TimeBucket::Week)
                                     << "2021-01-04T00:00:00Z"
                                     << "2021-01-11T00:00:00Z";
    QTest::newRow("before 1970") << qint64(-kDay) << int(TimeBucket::Week) << "1969-12-29T00:00:00Z"
                                 << "1970-01-05T00:00:00Z";
    QTest::newRow("month after a leap February")
        << qint64(kNewYear2021 - 300 * kDay) << int(TimeBucket::Month) << "2020-03-01T00:00:00Z"
        << "2020-04-01T00:00:00Z";
    QTest::newRow("December") << qint64(kNewYear2021 - 1) << int(TimeBucket::Month) << "2020-12-01T00:00:00Z"
                              << "2021-01-01T00:00:00Z";
  }

  void bucketsFollowTheCalendar() {
    QFETCH(qint64, t);
    QFETCH(int, bucket);
    QFETCH(QString, start);
    QFETCH(QString, next);
    const auto b = static_cast<TimeBucket>(bucket);
    const auto s = bucketStart(t, b);
    QCOMPARE(QString::fromStdString(formatUtcIso(s)), start);
    QCOMPARE(QString::fromStdString(formatUtcIso(nextBucketStart(s, b))), next);
    QVERIFY(s <= t && t < nextBucketStart(s, b));
  }

  void countsPerPeriod() {
    InteractionLog log;
    const auto k = log.kindIndex("purchase");
    log.append(0, 1, kNewYear2021, 1.0f, k);              // week of 2020-12-28
    log.append(0, 1, kNewYear2021 + kDay, 1.0f, k);       // same week, same user
    log.append(1, 1, kNewYear2021 + 2 * kDay, 1.0f, k);   // same week, another user
    log.append(2, 0, kNewYear2021 + 8 * kDay, 1.0f, k);   // another item, week of 2021-01-04
    log.append(1, 1, kNewYear2021 + 20 * kDay, 1.0f, k);  // week of 2021-01-18
    auto e = itemExposureOverTime(log, TimeUnit::UnixSeconds, 1, TimeBucket::Week);
    QVERIFY(e.ok());
    const auto& p = e.value().points;
    QCOMPARE(p.size(), std::size_t(4));  // 12-28, 01-04, 01-11, 01-18: the empty weeks are kept
    QCOMPARE(p[0].interactions, std::int64_t(3));
    QCOMPARE(p[0].users, std::int64_t(2));
    QCOMPARE(p[1].interactions, std::int64_t(0));
    QCOMPARE(p[2].interactions, std::int64_t(0));
    QCOMPARE(p[3].interactions, std::int64_t(1));
    QCOMPARE(p[3].users, std::int64_t(1));
    auto months = itemExposureOverTime(log, TimeUnit::UnixSeconds, 1, TimeBucket::Month);
    QVERIFY(months.ok());
    QCOMPARE(months.value().points.size(), std::size_t(1));
    QCOMPARE(months.value().points[0].interactions, std::int64_t(4));
    auto none = itemExposureOverTime(log, TimeUnit::UnixSeconds, 5, TimeBucket::Month);
    QVERIFY(none.ok());
    QCOMPARE(none.value().points.size(), std::size_t(1));
    QCOMPARE(none.value().points[0].interactions, std::int64_t(0));
  }

  void needsRealTimes() {
    InteractionLog log;
    log.append(0, 0, 1, 1.0f, log.kindIndex("view"));
    QCOMPARE(itemExposureOverTime(log, TimeUnit::Sequence, 0, TimeBucket::Week).error().code,
             ErrorCode::InvalidArgument);
    QVERIFY(itemExposureOverTime({}, TimeUnit::UnixSeconds, 0, TimeBucket::Week).value().points.empty());
  }
};

QTEST_GUILESS_MAIN(TestItemExposure)
#include "tst_itemexposure.moc"
