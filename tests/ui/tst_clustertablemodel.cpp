#include <QAbstractItemModelTester>
#include <QtTest>

#include "embedding/clustertablemodel.h"

using namespace reclens;

class TestClusterTableModel : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void showsEachCluster() {
    ClusterTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    // Catalog: tail share 0.5, 15.5 interactions per item; cluster 1 is tail-heavy.
    ClusterTailSummary summary;
    summary.catalogTailShare = 0.5;
    summary.catalogMeanInteractions = 15.5;
    summary.clusters = {{3, 2.0 / 3.0, 11.0, true}, {2, 0.5, 5.0, false}};
    model.setSummary(summary, {Qt::red, Qt::blue});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), int(ClusterTableModel::ColumnCount));
    QCOMPARE(model.index(0, ClusterTableModel::ClusterColumn).data().toString(), QStringLiteral("Cluster 1"));
    QCOMPARE(model.index(0, ClusterTableModel::ItemsColumn).data().toString(), QStringLiteral("3"));
    QCOMPARE(model.index(0, ClusterTableModel::TailShareColumn).data().toString(), QStringLiteral("66.7%"));
    QCOMPARE(model.index(0, ClusterTableModel::PopularityColumn).data().toString(), QStringLiteral("11.0"));
    QCOMPARE(model.index(0, ClusterTableModel::FlagColumn).data().toString(), QStringLiteral("Tail-heavy"));
    QCOMPARE(model.index(1, ClusterTableModel::FlagColumn).data().toString(), QString());
    QCOMPARE(model.index(1, ClusterTableModel::TailShareColumn).data(Qt::UserRole).toDouble(), 0.5);
    QCOMPARE(model.index(1, ClusterTableModel::ClusterColumn).data(Qt::DecorationRole).value<QColor>(),
             QColor(Qt::blue));
    const QString tip = model.index(0, ClusterTableModel::ItemsColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("66.7%")) && tip.contains(QStringLiteral("50.0%")) &&
                 tip.contains(QStringLiteral("Tail-heavy")),
             qPrintable(tip));
    QVERIFY(!model.index(1, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("Tail-heavy")));
    QVERIFY(model.headerData(ClusterTableModel::FlagColumn, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("10 percentage points")));
  }
};

QTEST_MAIN(TestClusterTableModel)
#include "tst_clustertablemodel.moc"
