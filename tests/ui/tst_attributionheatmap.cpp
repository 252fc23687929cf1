#include <qcustomplot.h>
#include <QSignalSpy>
#include <QtTest>

#include <cmath>

#include "explanation/attributionheatmap.h"

using namespace reclens;
using Kind = AttributionHeatmap::Column::Kind;

namespace {
constexpr int kHistory = 14;  // two more than the heatmap shows as columns of their own

// History h of row r: (h + 1) * 0.01 * (r + 1), negative for odd h; history 5 is the strongest
// (-0.9 in row 2). User fields gender = F and region missing; item parts item and category.
Explanation sampleExplanation(int rows = 3) {
  Explanation e;
  e.options.method = AttributionMethod::IntegratedGradients;
  for (int r = 0; r < rows; ++r) {
    ItemExplanation item;
    item.item = 100 + r;
    item.output = 1.0 + r;
    item.baselineOutput = 0.25;
    for (int h = 0; h < kHistory; ++h) {
      double a = (h + 1) * 0.01 * (r + 1) * (h % 2 == 1 ? -1.0 : 1.0);
      if (h == 5) a = -0.3 * (r + 1);
      item.fields.push_back(
          {FieldKind::History, h, 10 + h, "Title " + std::to_string(h), "id" + std::to_string(h), a, 0.0});
    }
    item.fields.push_back({FieldKind::UserField, 0, -1, "gender", "F", 0.2, 0.0});
    item.fields.push_back({FieldKind::UserField, 1, -1, "region", "", -0.05 * r, 0.0});
    item.fields.push_back({FieldKind::ItemPart, 0, -1, "item", "i" + std::to_string(r), 0.4, 0.0});
    item.fields.push_back({FieldKind::ItemPart, 1, -1, "category", "cat" + std::to_string(r), 0.1 * r, 0.0});
    double total = 0.0;
    for (const auto& f : item.fields) total += f.attribution;
    item.completenessDelta = total - (item.output - item.baselineOutput);
    e.items.push_back(item);
  }
  return e;
}

QStringList labels(int rows = 3) {
  QStringList out;
  for (int r = 0; r < rows; ++r) out << QStringLiteral("%1. Recommended item %1").arg(r + 1);
  return out;
}

// Index of the column whose single field is `field` (position in ItemExplanation::fields), -1 if none.
int columnOfField(const AttributionHeatmap& map, int field) {
  for (int c = 0; c < map.columnCount(); ++c)
    if (map.column(c).fields == std::vector<int>{field}) return c;
  return -1;
}
}  // namespace

class TestAttributionHeatmap : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void groupsTheColumnsAndCapsTheHistory() {
    AttributionHeatmap map;
    map.setExplanation(sampleExplanation(), labels());
    QCOMPARE(map.rowCount(), 3);
    // 2 user fields, 2 item parts, 12 history items and one column for the other 2.
    QCOMPARE(map.columnCount(), 2 + 2 + AttributionHeatmap::kMaxHistoryColumns + 1);
    QCOMPARE(map.column(0).kind, Kind::UserField);
    QCOMPARE(map.column(0).label, QStringLiteral("gender: F"));
    QCOMPARE(map.column(1).label, QStringLiteral("region: (missing)"));
    QCOMPARE(map.column(2).kind, Kind::ItemPart);
    QCOMPARE(map.column(3).label, QStringLiteral("category"));
    // The strongest history item (history 5, field 5) comes first, then by total |attribution|.
    QCOMPARE(map.column(4).kind, Kind::History);
    QCOMPARE(map.column(4).fields, std::vector<int>{5});
    QCOMPARE(map.column(4).label, QStringLiteral("Title 5"));
    QCOMPARE(map.column(5).fields, std::vector<int>{13});
    const auto& other = map.column(map.columnCount() - 1);
    QCOMPARE(other.kind, Kind::OtherHistory);
    // The two weakest: history 0 and 1.
    QCOMPARE(other.fields, (std::vector<int>{0, 1}));
    QVERIFY(other.label.contains(QStringLiteral("2")));
  }

  // Recency order (sequential models): the newest events first, labelled by position, whatever their
  // strength; the oldest share the last column.
  void recencyOrderShowsTheNewestEventsFirst() {
    AttributionHeatmap map;
    map.setRecencyOrder(true);
    map.setExplanation(sampleExplanation(), labels());
    QCOMPARE(map.columnCount(), 2 + 2 + AttributionHeatmap::kMaxHistoryColumns + 1);
    QCOMPARE(map.column(4).fields, std::vector<int>{kHistory - 1});
    QCOMPARE(map.column(4).label, QStringLiteral("−1 Title %1").arg(kHistory - 1));
    QCOMPARE(map.column(5).fields, std::vector<int>{kHistory - 2});
    QCOMPARE(map.column(5).label, QStringLiteral("−2 Title %1").arg(kHistory - 2));
    const auto& older = map.column(map.columnCount() - 1);
    QCOMPARE(older.kind, Kind::OtherHistory);
    QCOMPARE(older.fields, (std::vector<int>{0, 1}));
    QVERIFY(older.label.startsWith(QStringLiteral("Older history")));
    // Back to strength order at the next explanation.
    map.setRecencyOrder(false);
    map.setExplanation(sampleExplanation(), labels());
    QCOMPARE(map.column(4).fields, std::vector<int>{5});
  }

  void mapsCellsToAttributions_data() {
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("field");  // position in ItemExplanation::fields
    QTest::addColumn<double>("expected");
    QTest::newRow("history 3, row 0") << 0 << 3 << -0.04;
    QTest::newRow("history 5, row 2") << 2 << 5 << -0.9;
    QTest::newRow("history 12, row 1") << 1 << 12 << 0.26;
    QTest::newRow("gender, row 1") << 1 << kHistory << 0.2;
    QTest::newRow("region, row 2") << 2 << kHistory + 1 << -0.1;
    QTest::newRow("category, row 2") << 2 << kHistory + 3 << 0.2;
  }

  void mapsCellsToAttributions() {
    QFETCH(int, row);
    QFETCH(int, field);
    QFETCH(double, expected);
    AttributionHeatmap map;
    map.setExplanation(sampleExplanation(), labels());
    const int column = columnOfField(map, field);
    QVERIFY(column >= 0);
    QVERIFY(std::abs(map.value(row, column) - expected) < 1e-12);
  }

  void sumsTheRestOfTheHistory() {
    AttributionHeatmap map;
    map.setExplanation(sampleExplanation(), labels());
    const int other = map.columnCount() - 1;
    // Row 1: history 0 = +0.02, history 1 = -0.04.
    QVERIFY(std::abs(map.value(1, other) - (-0.02)) < 1e-12);
    QCOMPARE(map.valueText(1, other), QStringLiteral("2 items"));
  }

  void centresASymmetricColourRangeOnZero() {
    AttributionHeatmap map;
    map.setExplanation(sampleExplanation(), labels());
    QVERIFY(std::abs(map.colourLimit() - 0.9) < 1e-12);
    QCOMPARE(map.colourRangeLower(), -map.colourRangeUpper());
    QVERIFY(std::abs(map.colourRangeUpper() - 0.9) < 1e-12);
    const QColor zero = map.colourAt(0.0);
    QVERIFY2(zero.red() > 230 && zero.green() > 230 && zero.blue() > 230, qPrintable(zero.name()));
    const QColor positive = map.colourAt(0.9);
    const QColor negative = map.colourAt(-0.9);
    QVERIFY2(positive.red() > positive.blue() + 50, qPrintable(positive.name()));
    QVERIFY2(negative.blue() > negative.red() + 50, qPrintable(negative.name()));

    // Only positive values still give a range centred on zero.
    Explanation e = sampleExplanation(1);
    for (auto& f : e.items[0].fields) f.attribution = std::abs(f.attribution);
    map.setExplanation(e, labels(1));
    QCOMPARE(map.colourRangeLower(), -map.colourRangeUpper());
    QVERIFY(map.colourRangeUpper() > 0.0);
  }

  void clickSelectsTheCellUnderTheMouse() {
    AttributionHeatmap map;
    map.resize(1000, 500);
    map.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    map.setExplanation(sampleExplanation(), labels());
    map.plot()->replot();
    QSignalSpy selected(&map, &AttributionHeatmap::cellSelected);
    const int column = columnOfField(map, 5);
    QTest::mouseClick(map.plot(), Qt::LeftButton, {}, map.cellCentre(2, column));
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).toInt(), 2);
    QCOMPARE(selected.at(0).at(1).toInt(), column);
    QCOMPARE(map.selectedRow(), 2);
    QCOMPARE(map.selectedColumn(), column);
    // The selected cell is history item 5 of the third row's item.
    const auto& field = map.explanation().items[2].fields[std::size_t(map.column(column).fields.front())];
    QCOMPARE(field.kind, FieldKind::History);
    QCOMPARE(field.item, 15);
    QCOMPARE(map.explanation().items[2].item, 102);
    const QString tip = map.cellToolTip(2, column);
    QVERIFY2(tip.contains(QStringLiteral("Recommended item 3")) && tip.contains(QStringLiteral("Title 5")) &&
                 tip.contains(QStringLiteral("id5")) && tip.contains(QStringLiteral("-0.9")),
             qPrintable(tip));

    // A click beside the map selects nothing; the arrow keys move the selection.
    QTest::mouseClick(map.plot(), Qt::LeftButton, {}, QPoint(map.plot()->width() - 2, 2));
    QCOMPARE(selected.count(), 1);
    QTest::keyClick(&map, Qt::Key_Up);
    QCOMPARE(selected.count(), 2);
    QCOMPARE(map.selectedRow(), 1);
    QTest::keyClick(&map, Qt::Key_Left);
    QCOMPARE(map.selectedColumn(), column - 1);
  }

  void showsASingleRow() {
    AttributionHeatmap map;
    map.resize(800, 300);
    map.show();
    QVERIFY(QTest::qWaitForWindowExposed(&map));
    map.setExplanation(sampleExplanation(1), labels(1));
    map.plot()->replot();
    QCOMPARE(map.rowCount(), 1);
    QCOMPARE(map.cellAt(map.cellCentre(0, 0)), QPoint(0, 0));
    map.clear();
    QCOMPARE(map.rowCount(), 0);
    QCOMPARE(map.columnCount(), 0);
    QCOMPARE(map.selectedRow(), -1);
  }
};

QTEST_MAIN(TestAttributionHeatmap)
#include "tst_attributionheatmap.moc"
