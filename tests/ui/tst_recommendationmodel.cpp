#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include "recommendations/recommendationmodel.h"
#include "ui/testdataset.h"

using namespace reclens;

class TestRecommendationModel : public QObject {
  Q_OBJECT

 private:
  static std::shared_ptr<const DatasetSnapshot> build() {
    auto snapshot = DatasetSnapshot::build(testing::smallDataset(), "/tmp/small.reclens");
    if (!snapshot) qFatal("%s", snapshot.error().message.c_str());
    return snapshot.value();
  }

  static std::vector<Recommendation> list() { return {{4, 0.75f, 1}, {2, 0.5f, 2}, {0, -0.125f, 3}}; }

 private Q_SLOTS:
  void passesTheModelTester() {
    RecommendationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    model.setList(build(), list());
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(RecommendationModel::ColumnCount));
    model.setList(build(), {{5, 1.0f, 1}});
    QCOMPARE(model.rowCount(), 1);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
  }

  void showsTheItemOfEachRank_data() {
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    QTest::newRow("rank") << 1 << int(RecommendationModel::RankColumn) << QStringLiteral("2");
    QTest::newRow("item id") << 0 << int(RecommendationModel::ItemColumn) << QStringLiteral("100");
    QTest::newRow("title") << 0 << int(RecommendationModel::TitleColumn) << QStringLiteral("Milk");
    QTest::newRow("category") << 1 << int(RecommendationModel::CategoryColumn) << QStringLiteral("juice");
    QTest::newRow("brand") << 2 << int(RecommendationModel::BrandColumn) << QStringLiteral("Acme");
    QTest::newRow("price") << 2 << int(RecommendationModel::PriceColumn) << QStringLiteral("3.50");
    QTest::newRow("unknown price") << 1 << int(RecommendationModel::PriceColumn) << QString();
    QTest::newRow("score") << 2 << int(RecommendationModel::ScoreColumn) << QStringLiteral("-0.1250");
    QTest::newRow("tail tier") << 0 << int(RecommendationModel::TierColumn) << QStringLiteral("Tail");
    QTest::newRow("head tier") << 2 << int(RecommendationModel::TierColumn) << QStringLiteral("Head");
  }

  void showsTheItemOfEachRank() {
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, text);
    QLocale::setDefault(QLocale::c());
    RecommendationModel model;
    model.setList(build(), list());
    QCOMPARE(model.data(model.index(row, column)).toString(), text);
  }

  void answersTheTierForTheBadge() {
    RecommendationModel model;
    model.setList(build(), list());
    const auto tier = [&model](int row) {
      return model.data(model.index(row, RecommendationModel::TierColumn), RecommendationModel::kTierRole)
          .toInt();
    };
    QCOMPARE(tier(0), int(PopularityTier::Tail));
    QCOMPARE(tier(1), int(PopularityTier::Head));
    QVERIFY(!model.data(model.index(0, RecommendationModel::ScoreColumn), RecommendationModel::kTierRole)
                 .isValid());
    QCOMPARE(model.itemAt(0), 4);
    QCOMPARE(model.itemAt(3), -1);
  }

  void resetsOnANewList() {
    RecommendationModel model;
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setList(build(), list());
    model.setList(build(), {});
    QCOMPARE(reset.count(), 2);
    QCOMPARE(model.rowCount(), 0);
  }

  void showsReasonsOnlyForTheListTheyWereMadeFor() {
    RecommendationModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setList(build(), list());
    const auto reason = [&model](int row) {
      return model.data(model.index(row, RecommendationModel::ReasonColumn)).toString();
    };
    QCOMPARE(reason(0), QString());
    QCOMPARE(model.items(), (std::vector<std::int32_t>{4, 2, 0}));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // Made for another list (the list changed meanwhile): ignored.
    model.setReasons({4, 0, 2}, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    QCOMPARE(changed.count(), 0);
    model.setReasons({4, 2, 0}, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    QCOMPARE(changed.count(), 1);
    QCOMPARE(reason(1), QStringLiteral("b"));
    QCOMPARE(model.data(model.index(2, RecommendationModel::ReasonColumn), Qt::ToolTipRole).toString(),
             QStringLiteral("c"));
    // A new list starts without reasons.
    model.setList(build(), list());
    QCOMPARE(reason(1), QString());
  }
};

QTEST_MAIN(TestRecommendationModel)
#include "tst_recommendationmodel.moc"
