#include <QAbstractItemModelTester>
#include <QtTest>

#include "tables/itemtablemodel.h"
#include "tables/snapshotfilterproxymodel.h"
#include "ui/testdataset.h"

using namespace reclens;

class TestItemTableModel : public QObject {
  Q_OBJECT

 private:
  static std::shared_ptr<const DatasetSnapshot> snapshot() {
    return DatasetSnapshot::build(testing::smallDataset(), "p").value();
  }
  static QStringList column(const QAbstractItemModel& model, int col) {
    QStringList values;
    for (int r = 0; r < model.rowCount(); ++r) values << model.index(r, col).data().toString();
    return values;
  }

 private Q_SLOTS:
  void passesTheModelTester() {
    ItemTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(snapshot());
    QCOMPARE(model.rowCount(), 6);
    QCOMPARE(model.columnCount(), 8);  // id, title, category, brand, price, interactions, first seen, tier
  }

  void showsColumns() {
    ItemTableModel model;
    model.setSnapshot(snapshot());
    QStringList headers;
    for (int c = 0; c < model.columnCount(); ++c) headers << model.headerData(c, Qt::Horizontal).toString();
    QCOMPARE(headers, (QStringList{"Item", "Title", "Category", "Brand", "Price", "Interactions",
                                   "First seen", "Tier"}));
    QCOMPARE(column(model, ItemTableModel::kTitleColumn).first(), QStringLiteral("Green tea"));
    QCOMPARE(column(model, model.tierColumn()), (QStringList{"Head", "Head", "Head", "Mid", "Tail", "Tail"}));
    QCOMPARE(column(model, model.interactionsColumn()), (QStringList{"10", "4", "3", "2", "1", "0"}));
    QCOMPARE(model.index(0, model.priceColumn()).data().toString(), QStringLiteral("3.50"));
    QCOMPARE(model.index(2, model.priceColumn()).data().toString(), QString());
    QCOMPARE(model.index(1, model.firstSeenColumn()).data().toString(), QStringLiteral("2020-09-13 12:26"));
    QVERIFY(model.headerData(model.tierColumn(), Qt::Horizontal, Qt::ToolTipRole).toString().contains("80%"));
    QVERIFY(model.index(0, model.tierColumn()).data(Qt::ForegroundRole).isValid());
  }

  void sorts_data() {
    QTest::addColumn<int>("column");  // -1 = price, -2 = tier
    QTest::addColumn<int>("order");
    QTest::addColumn<QStringList>("ids");
    QTest::newRow("id: numbers numerically, then text")
        << 0 << int(Qt::AscendingOrder) << QStringList{"9", "10", "100", "a-3", "B-7", "x"};
    QTest::newRow("title ignores case")
        << 1 << int(Qt::AscendingOrder) << QStringList{"B-7", "9", "10", "100", "x", "a-3"};
    QTest::newRow("price numerically, unknown first")
        << -1 << int(Qt::AscendingOrder) << QStringList{"B-7", "a-3", "100", "10", "9", "x"};
    QTest::newRow("tier desc keeps popularity order")
        << -2 << int(Qt::DescendingOrder) << QStringList{"100", "x", "a-3", "10", "9", "B-7"};
  }
  void sorts() {
    QFETCH(int, column);
    QFETCH(int, order);
    QFETCH(QStringList, ids);
    ItemTableModel model;
    model.setSnapshot(snapshot());
    SnapshotFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setTableModel(&model);
    const int c = column == -1 ? model.priceColumn() : column == -2 ? model.tierColumn() : column;
    proxy.sort(c, Qt::SortOrder(order));
    QCOMPARE(this->column(proxy, 0), ids);
  }

  void filtersByTextAndTier() {
    ItemTableModel model;
    model.setSnapshot(snapshot());
    SnapshotFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setTableModel(&model);
    proxy.setTextFilter(QStringLiteral("  TEA "));
    QCOMPARE(column(proxy, 0), (QStringList{"10"}));
    proxy.setTextFilter(QStringLiteral("a-"));  // matches the id a-3
    QCOMPARE(column(proxy, 0), (QStringList{"a-3"}));
    proxy.setTextFilter(QString());
    proxy.setValueFilter(model.tierColumn(), int(PopularityTier::Tail));
    QCOMPARE(column(proxy, 0), (QStringList{"100", "x"}));
    proxy.clearValueFilters();
    QCOMPARE(proxy.rowCount(), 6);
  }
};

QTEST_GUILESS_MAIN(TestItemTableModel)
#include "tst_itemtablemodel.moc"
