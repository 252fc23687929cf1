#include <QtTest>

#include <vector>

#include "data/popularitytiers.h"

using namespace reclens;

Q_DECLARE_METATYPE(std::vector<std::int64_t>)

namespace {
// Tiers written as a string, one letter per item: H, M or T.
QString letters(const std::vector<PopularityTier>& tiers) {
  QString s;
  for (const auto tier : tiers) {
    s += tier == PopularityTier::Head  ? QLatin1Char('H')
         : tier == PopularityTier::Mid ? QLatin1Char('M')
                                       : QLatin1Char('T');
  }
  return s;
}
}  // namespace

class TestPopularityTiers : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void tiers_data() {
    QTest::addColumn<std::vector<std::int64_t>>("counts");
    QTest::addColumn<QString>("expected");
    // 20 equal items: each holds 5%; the items before the 17th hold 80%, before the 20th 95%.
    QTest::newRow("all equal") << std::vector<std::int64_t>(20, 3) << QStringLiteral("HHHHHHHHHHHHHHHHMMMT");
    // The dominant item alone holds more than 95%: everything after it is tail.
    QTest::newRow("one dominant item") << std::vector<std::int64_t>{1, 1, 97, 1} << QStringLiteral("TTHT");
    QTest::newRow("dominant item, one mid")
        << std::vector<std::int64_t>{1, 1, 90, 8} << QStringLiteral("TTHM");
    // Equal counts keep catalog order: the lower row is the more popular one.
    QTest::newRow("ties by lower row") << std::vector<std::int64_t>{5, 5, 5, 5, 5} << QStringLiteral("HHHHM");
    QTest::newRow("zero counts are tail") << std::vector<std::int64_t>{0, 8, 0, 2} << QStringLiteral("THTM");
    QTest::newRow("all zero") << std::vector<std::int64_t>{0, 0, 0} << QStringLiteral("TTT");
    QTest::newRow("empty catalog") << std::vector<std::int64_t>{} << QString();
    // 10, 4, 3, 2, 1, 0: shares before each 0%, 50%, 70%, 85%, 95%.
    QTest::newRow("small shop") << std::vector<std::int64_t>{10, 4, 3, 2, 1, 0} << QStringLiteral("HHHMTT");
  }

  void tiers() {
    QFETCH(std::vector<std::int64_t>, counts);
    QFETCH(QString, expected);
    QCOMPARE(letters(popularityTiers(counts)), expected);
  }
};

QTEST_GUILESS_MAIN(TestPopularityTiers)
#include "tst_popularitytiers.moc"
