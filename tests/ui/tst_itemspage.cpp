// The catalog browser's member filter on a set-valued attribute, over the movie-style sample
// (tests/data/import/movies): items 1 Comedy|Drama, 3 Action|Comedy, 2 Action, 4 Drama, 5 none.
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "data/importer.h"
#include "services/datasetsnapshot.h"
#include "store/projectstore.h"
#include "tables/itemspage.h"

using namespace reclens;

class TestItemsPage : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void memberFilter() {
    QTemporaryDir dir;
    const auto project = dir.filePath(QStringLiteral("movies.reclens")).toStdString();
    auto store = ProjectStore::open(project, ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    auto mapping = loadImportMapping(RECLENS_TEST_DATA_DIR "/import/movies/mapping.json");
    QVERIFY2(mapping.ok(), mapping.ok() ? "" : mapping.error().message.c_str());
    QVERIFY(runImport(mapping.value(), *store.value()).ok());
    auto dataset = store.value()->loadDataset();
    QVERIFY(dataset.ok());
    auto snapshot = DatasetSnapshot::build(std::move(dataset).value(), project);
    QVERIFY(snapshot.ok());

    ItemsPage page;
    page.setSnapshot(snapshot.value());
    QAbstractItemModelTester tester(page.view()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(page.memberFilters().size(), std::size_t{1});
    QComboBox* genre = page.memberFilters().front();
    QCOMPARE(genre->objectName(), QStringLiteral("filter_set_genre"));
    QStringList entries;
    for (int i = 1; i < genre->count(); ++i) entries << genre->itemText(i);
    QCOMPARE(entries, (QStringList{"Action", "Comedy", "Drama"}));
    QCOMPARE(page.view()->model()->rowCount(), 5);
    const auto shownIds = [&page] {
      QStringList ids;
      for (int r = 0; r < page.view()->model()->rowCount(); ++r)
        ids << page.view()->model()->index(r, 0).data().toString();
      ids.sort();
      return ids;
    };
    genre->setCurrentIndex(genre->findText(QStringLiteral("Comedy")));
    QCOMPARE(shownIds(), (QStringList{"1", "3"}));
    genre->setCurrentIndex(genre->findText(QStringLiteral("Drama")));
    QCOMPARE(shownIds(), (QStringList{"1", "4"}));
    genre->setCurrentIndex(genre->findText(QStringLiteral("Action")));
    QCOMPARE(shownIds(), (QStringList{"2", "3"}));
    genre->setCurrentIndex(0);
    QCOMPARE(page.view()->model()->rowCount(), 5);
  }
};

QTEST_MAIN(TestItemsPage)
#include "tst_itemspage.moc"
