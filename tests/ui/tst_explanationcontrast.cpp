// Explanations for rankings in the GUI: the Compare with box, each row against the other rows or against
// one item (checked against the core's explanation of the whole scores, worked out here), the collapse
// diagnostic still of the whole scores, and the Recommendations page's "why is one above the other".
#include <QAction>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "engine/scoringengine.h"
#include "explain/collapse.h"
#include "explanation/attributionheatmap.h"
#include "explanation/explanationcontrols.h"
#include "explanation/explanationpage.h"
#include "recommendations/recommendationmodel.h"
#include "recommendations/recommendationspage.h"
#include "services/explanationservice.h"
#include "services/modelsession.h"
#include "ui/explanationwait.h"
#include "ui/testsession.h"

using namespace reclens;
using reclens::testing::waitForExplanation;

class TestExplanationContrast : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  std::shared_ptr<const ModelSession> m_session;
  std::vector<std::int32_t> m_list;  // the top 20 of user 0
  static constexpr int kTimeoutMs = 30000;

  static ComputeDevice cpu() { return {ComputeDevice::Kind::Cpu, 0, "CPU (test)"}; }

  static void saveScreenshot(QWidget* widget, const QString& name) {
    const QString dir = QStringLiteral(RECLENS_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
  }

  // The core's explanation of the whole scores of `items` with the page's default settings.
  Explanation whole(const std::vector<std::int32_t>& items) {
    auto e = explainItems(*m_session->model(), m_session->profiles().profile(0), items, AttributionOptions{},
                          &m_snapshot->dataset().items);
    if (!e) qFatal("%s", e.error().message.c_str());
    return e.value();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    auto loaded = testing::loadTinySession(m_dir.filePath(QStringLiteral("tiny.reclens")));
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    m_snapshot = loaded.value().snapshot;
    m_session = loaded.value().session;
    auto list = testing::topItems(*m_session, 0, 20);
    QVERIFY2(list.ok(), list.ok() ? "" : list.error().message.c_str());
    m_list = list.value();
  }

  void offersWhatToCompareWith() {
    ExplanationControls controls;
    QComboBox* box = controls.contrastBox();
    QCOMPARE(box->count(), 3);
    QCOMPARE(box->currentData().toInt(), int(ExplanationControls::kDefaultContrast));
    QCOMPARE(ExplanationControls::kDefaultContrast, ExplanationContrast::Automatic);
    QVERIFY(box->itemData(0, Qt::ToolTipRole).toString().contains(QStringLiteral("tell one story")));
    QVERIFY(box->itemData(2, Qt::ToolTipRole).toString().contains(QStringLiteral("rather than the others")));
    QSignalSpy changed(&controls, &ExplanationControls::changed);
    controls.setVersusItem(7, QStringLiteral("Teapot"));
    QCOMPARE(box->count(), 4);
    QCOMPARE(box->currentText(), QStringLiteral("“Teapot”"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(controls.options().contrast, ExplanationContrast::Item);
    QCOMPARE(controls.options().versusItem, 7);
    controls.setVersusItem(7, QStringLiteral("Teapot"));  // nothing changes
    QCOMPARE(changed.count(), 1);
    controls.setVersusItem(8, QStringLiteral("Kettle"));  // same entry, another item
    QCOMPARE(changed.count(), 2);
    QCOMPARE(box->count(), 4);
    QCOMPARE(controls.options().versusItem, 8);
    controls.clearVersusItem();
    QCOMPARE(box->count(), 3);
    QCOMPARE(controls.versusItem(), -1);
    QCOMPARE(controls.options().contrast, ExplanationControls::kDefaultContrast);
    // Gradient × Input and occlusion compare too: the box stays enabled for every method.
    controls.setMethod(AttributionMethod::Occlusion);
    QVERIFY(box->isEnabled());
  }

  void explainsEachRowAgainstTheOthers() {
    ExplanationPage page;
    page.resize(1500, 950);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy shown(&page, &ExplanationPage::explanationShown);
    page.controls()->setContrast(ExplanationContrast::None);
    page.showList(m_session, 0, m_list);
    waitForExplanation(page, shown);
    const auto plain = page.collapse();

    shown.clear();
    page.controls()->setContrast(ExplanationContrast::OtherItems);
    waitForExplanation(page, shown);
    const auto& shownExplanation = page.heatmap()->explanation();
    QCOMPARE(shownExplanation.options.contrast, ExplanationContrast::OtherItems);
    const std::vector<std::int32_t> rows(m_list.begin(), m_list.begin() + ExplanationControls::kDefaultRows);
    QCOMPARE(page.explainedItems(), rows);
    const auto reference = whole(rows);
    const double n = static_cast<double>(rows.size());
    for (std::size_t k = 0; k < rows.size(); ++k) {
      const auto& e = shownExplanation.items[k];
      for (std::size_t at = 0; at < reference.items[k].fields.size(); ++at) {
        if (reference.items[k].fields[at].kind == FieldKind::ItemPart) continue;
        double others = 0.0;
        for (std::size_t j = 0; j < rows.size(); ++j)
          if (j != k) others += reference.items[j].fields[at].attribution / (n - 1.0);
        const double expected = reference.items[k].fields[at].attribution - others;
        QVERIFY2(std::abs(e.fields[at].attribution - expected) <= 1e-5 * (1.0 + std::abs(e.output)),
                 qPrintable(QStringLiteral("row %1 field %2: %3 vs %4")
                                .arg(k)
                                .arg(at)
                                .arg(e.fields[at].attribution)
                                .arg(expected)));
      }
    }
    // The heatmap shows each item part net of the other rows' mean part; the reasons say what was
    // compared.
    bool netColumn = false;
    for (int c = 0; c < page.heatmap()->columnCount(); ++c) {
      const auto& column = page.heatmap()->column(c);
      if (!column.label.endsWith(QStringLiteral("(net)"))) continue;
      netColumn = true;
      QCOMPARE(column.fields.size(), std::size_t(2));
      const auto& fields = shownExplanation.items[0].fields;
      QVERIFY(!fields[std::size_t(column.fields[0])].reference &&
              fields[std::size_t(column.fields[1])].reference);
      QVERIFY(std::abs(page.heatmap()->value(0, c) - (fields[std::size_t(column.fields[0])].attribution +
                                                      fields[std::size_t(column.fields[1])].attribution)) <
              1e-12);
    }
    QVERIFY(netColumn);
    QCOMPARE(page.reasonList()->count(), int(rows.size()));
    for (int r = 0; r < page.reasonList()->count(); ++r) {
      const QString text = page.reasonList()->item(r)->text();
      QVERIFY2(text.contains(QStringLiteral("the other recommendations on average")), qPrintable(text));
    }
    // The collapse diagnostic describes the whole scores whatever is compared.
    QCOMPARE(page.collapse().sameLead, plain.sameLead);
    QVERIFY(std::abs(page.collapse().meanCosine - plain.meanCosine) < 1e-9 ||
            (std::isnan(page.collapse().meanCosine) && std::isnan(plain.meanCosine)));
    QVERIFY(page.detailLabel()->text().contains(QStringLiteral("Compared with")));
    if (page.collapse().collapsed)
      QVERIFY(
          page.collapseLabel()->text().contains(QStringLiteral("this notice describes their whole scores")));
    saveScreenshot(&page, QStringLiteral("page-explanation-versus-others.png"));
  }

  // The default, Automatic, compares the rows exactly when the core's explanations of the whole scores
  // collapse (automaticContrast), says so in the notice, and otherwise shows the whole scores with a
  // link to compare the rows.
  void automaticFollowsTheDiagnostic() {
    ExplanationPage page;
    page.resize(1500, 950);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(page.controls()->options().contrast, ExplanationContrast::Automatic);
    QSignalSpy shown(&page, &ExplanationPage::explanationShown);
    page.showList(m_session, 0, m_list);
    waitForExplanation(page, shown);
    const std::vector<std::int32_t> rows(m_list.begin(), m_list.begin() + ExplanationControls::kDefaultRows);
    const auto expected = automaticContrast(whole(rows));
    QCOMPARE(page.heatmap()->explanation().options.contrast, expected);
    const QString notice = page.collapseLabel()->text();
    qInfo("user 0: %s; notice: %s", explanationContrastName(expected), qPrintable(notice.left(120)));
    if (expected == ExplanationContrast::OtherItems) {
      QVERIFY2(notice.contains(QStringLiteral("Compare with: Automatic")), qPrintable(notice));
      QVERIFY(!leadsWithSameHistoryItem(page.heatmap()->explanation()));
    } else if (page.collapse().collapsed) {
      QVERIFY2(notice.contains(QStringLiteral("href=\"others\"")), qPrintable(notice));
    } else {
      QVERIFY(page.collapseLabel()->isHidden());
    }
    // The notice's link (or the box) compares the rows whatever the diagnostic says.
    shown.clear();
    Q_EMIT page.collapseLabel()->linkActivated(QStringLiteral("others"));
    QCOMPARE(page.controls()->options().contrast, ExplanationContrast::OtherItems);
    waitForExplanation(page, shown);
    QCOMPARE(page.heatmap()->explanation().options.contrast, ExplanationContrast::OtherItems);
  }

  void explainsOneItemAgainstAnother() {
    ExplanationPage page;
    page.resize(1500, 950);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy shown(&page, &ExplanationPage::explanationShown);
    page.showList(m_session, 0, m_list);
    waitForExplanation(page, shown);
    shown.clear();
    // The 12th item is outside the ten rows: it is computed along and not shown as a row.
    const std::int32_t first = m_list[0];
    const std::int32_t versus = m_list[11];
    page.compareItems(0, first, versus);
    waitForExplanation(page, shown);
    const auto& e = page.heatmap()->explanation();
    QCOMPARE(e.options.contrast, ExplanationContrast::Item);
    QCOMPARE(e.options.versusItem, versus);
    QCOMPARE(page.selectedItem(), first);
    QVERIFY(std::find(page.explainedItems().begin(), page.explainedItems().end(), versus) ==
            page.explainedItems().end());
    const auto reference = whole({first, versus});
    const auto& top = e.items.front();
    QVERIFY(std::abs(top.output - (reference.items[0].output - reference.items[1].output)) < 1e-5);
    QVERIFY(top.reason.above);
    const QString title = QString::fromStdString(m_snapshot->dataset().items.titles[std::size_t(versus)]);
    QVERIFY2(page.reasonList()->item(0)->text().contains(QStringLiteral("above “%1”").arg(title)),
             qPrintable(page.reasonList()->item(0)->text()));
    QCOMPARE(page.controls()->contrastBox()->currentText(), QStringLiteral("“%1”").arg(title));
    saveScreenshot(&page, QStringLiteral("page-explanation-versus-item.png"));
    // Another user withdraws the item compared with.
    shown.clear();
    page.showList(m_session, 1, m_list);
    QCOMPARE(page.controls()->versusItem(), -1);
    QCOMPARE(page.controls()->options().contrast, ExplanationControls::kDefaultContrast);
  }

  void recommendationsAskWhyOneIsAboveTheOther() {
    RecommendationsPage page(cpu());
    page.resize(1280, 700);
    QSignalSpy loaded(&page, &RecommendationsPage::modelLoaded);
    page.setSnapshot(m_snapshot);
    QVERIFY(loaded.wait(kTimeoutMs));
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    RecommendationModel* model = page.recommendations();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 4, kTimeoutMs);
    QAction* compare = page.compareAction();
    QVERIFY(!compare->isEnabled());
    QCOMPARE(compare->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_W));
    QVERIFY(page.table()->actions().contains(compare));
    // Select the rows of ranks 4 and 2 (in that order): the higher-ranked one comes first.
    auto* selection = page.table()->selectionModel();
    auto* sorted = page.sortedRecommendations();
    const auto rowIndex = [&](int sourceRow) { return sorted->mapFromSource(model->index(sourceRow, 0)); };
    selection->select(rowIndex(3), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QVERIFY(!compare->isEnabled());
    selection->select(rowIndex(1), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QVERIFY(compare->isEnabled());
    QVERIFY2(compare->text().startsWith(QStringLiteral("Why Is “")), qPrintable(compare->text()));
    QSignalSpy asked(&page, &RecommendationsPage::comparisonRequested);
    compare->trigger();
    QCOMPARE(asked.count(), 1);
    QCOMPARE(asked.front().at(0).toInt(), page.currentUser());
    QCOMPARE(asked.front().at(1).toInt(), model->itemAt(1));
    QCOMPARE(asked.front().at(2).toInt(), model->itemAt(3));
    selection->select(rowIndex(0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QVERIFY(!compare->isEnabled());  // three rows: no pair
  }
};

QTEST_MAIN(TestExplanationContrast)
#include "tst_explanationcontrast.moc"
