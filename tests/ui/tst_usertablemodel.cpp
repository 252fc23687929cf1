#include <QAbstractItemModelTester>
#include <QtTest>

#include "tables/snapshotfilterproxymodel.h"
#include "tables/usertablemodel.h"
#include "ui/testdataset.h"

using namespace reclens;

class TestUserTableModel : public QObject {
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
    UserTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setSnapshot(snapshot());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), 6);  // id, gender, region, interactions, first, last
    model.setSnapshot(nullptr);
    QCOMPARE(model.rowCount(), 0);
  }

  void showsColumns() {
    UserTableModel model;
    model.setSnapshot(snapshot());
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("User"));
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("gender"));
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("region"));
    QCOMPARE(model.interactionsColumn(), 3);
    QCOMPARE(column(model, 0), (QStringList{"u2", "u10", "u1", "U3"}));
    QCOMPARE(column(model, 1), (QStringList{"F", "M", "F", ""}));
    QCOMPARE(column(model, 3), (QStringList{"8", "6", "6", "0"}));
    QCOMPARE(model.index(0, model.firstActivityColumn()).data().toString(),
             QStringLiteral("2021-01-01 00:00"));
    QCOMPARE(model.index(0, model.lastActivityColumn()).data().toString(),
             QStringLiteral("2021-01-01 19:00"));
    QCOMPARE(model.index(3, model.lastActivityColumn()).data().toString(), QString());
    QVERIFY(
        !model.headerData(model.interactionsColumn(), Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
  }

  void sortRoleIsNumeric() {
    UserTableModel model;
    model.setSnapshot(snapshot());
    const QVariant key = model.index(0, model.interactionsColumn()).data(SnapshotTableModel::SortKeyRole);
    QCOMPARE(key.typeId(), QMetaType::Double);
    QCOMPARE(key.toDouble(), 8.0);
  }

  void sorts_data() {
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    QTest::addColumn<QStringList>("ids");
    QTest::newRow("id natural") << 0 << int(Qt::AscendingOrder) << QStringList{"u1", "u10", "u2", "U3"};
    QTest::newRow("interactions desc")
        << 3 << int(Qt::DescendingOrder) << QStringList{"u2", "u10", "u1", "U3"};
    QTest::newRow("region") << 2 << int(Qt::AscendingOrder) << QStringList{"U3", "u2", "u10", "u1"};
    QTest::newRow("first activity") << 4 << int(Qt::AscendingOrder) << QStringList{"U3", "u2", "u10", "u1"};
  }
  void sorts() {
    QFETCH(int, column);
    QFETCH(int, order);
    QFETCH(QStringList, ids);
    UserTableModel model;
    model.setSnapshot(snapshot());
    SnapshotFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setTableModel(&model);
    proxy.sort(column, Qt::SortOrder(order));
    QCOMPARE(this->column(proxy, 0), ids);
  }

  void filters() {
    UserTableModel model;
    SnapshotFilterProxyModel proxy;
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setTableModel(&model);
    model.setSnapshot(snapshot());
    proxy.sort(0, Qt::AscendingOrder);
    proxy.setTextFilter(QStringLiteral("U1"));
    QCOMPARE(column(proxy, 0), (QStringList{"u1", "u10"}));
    const int gender = UserTableModel::attributeColumn(0);
    const int female = snapshot()->dataset().users.fields[0].codeAt(0);
    proxy.setValueFilter(gender, female);
    QCOMPARE(column(proxy, 0), (QStringList{"u1"}));
    proxy.setTextFilter(QString());
    QCOMPARE(column(proxy, 0), (QStringList{"u1", "u2"}));
    proxy.setValueFilter(gender, -1);
    QCOMPARE(proxy.rowCount(), 4);
    proxy.setTextFilter(QStringLiteral("nobody"));
    QCOMPARE(proxy.rowCount(), 0);
    model.setSnapshot(snapshot());  // a reset keeps the filter
    QCOMPARE(proxy.rowCount(), 0);
  }
};

QTEST_GUILESS_MAIN(TestUserTableModel)
#include "tst_usertablemodel.moc"
