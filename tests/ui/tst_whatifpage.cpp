#include <qcustomplot.h>
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

#include <algorithm>

#include "explanation/attributionheatmap.h"
#include "explanation/egographpane.h"
#include "explanation/egographview.h"
#include "services/whatifservice.h"
#include "ui/testsession.h"
#include "whatif/historytimeline.h"
#include "whatif/whatifcatalogpanel.h"
#include "whatif/whatifeditor.h"
#include "whatif/whatifhistorymodel.h"
#include "whatif/whatiflistmodel.h"
#include "whatif/whatifpage.h"
#include "whatif/whatifscenariobar.h"
#include "whatif/whatifsearchbox.h"

using namespace reclens;

namespace {

constexpr int kWaitMs = 20000;

std::vector<std::int32_t> listItems(const WhatIfOutcome& outcome) {
  std::vector<std::int32_t> out;
  for (const auto& r : outcome.result.list) out.push_back(r.item);
  return out;
}

// Every heatmap cell, row by row, with the column labels: what the heatmap shows.
QStringList heatmapCells(const AttributionHeatmap* heatmap) {
  QStringList cells;
  for (int c = 0; c < heatmap->columnCount(); ++c) cells << heatmap->column(c).label;
  for (int r = 0; r < heatmap->rowCount(); ++r) {
    for (int c = 0; c < heatmap->columnCount(); ++c) cells << QString::number(heatmap->value(r, c), 'g', 6);
  }
  return cells;
}

}  // namespace

class TestWhatIfPage : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  std::shared_ptr<const ModelSession> m_session;
  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  int m_user = -1;

  // Waits (bounded) for the next result of `page`; results only arrive from the event loop, so the
  // spy made after the edit still sees it.
  static bool nextResult(WhatIfPage& page) {
    QSignalSpy shown(&page, &WhatIfPage::resultShown);
    return shown.wait(kWaitMs) && page.outcome().has_value();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    auto session = testing::tinySession(m_dir.filePath(QStringLiteral("tiny.reclens")));
    QVERIFY2(session.ok(), session.ok() ? "" : session.error().message.c_str());
    m_session = session.value();
    // The snapshot lives as long as the session that holds it.
    m_snapshot = std::shared_ptr<const DatasetSnapshot>(m_session, &m_session->snapshot());
    for (std::size_t u = 0; u < m_snapshot->userCount(); ++u) {
      if (m_user < 0 || m_snapshot->userInteractions(u) > m_snapshot->userInteractions(std::size_t(m_user)))
        m_user = static_cast<int>(u);
    }
  }

  void editUndoRedoReset() {
    WhatIfPage page;
    page.resize(1600, 1000);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&page));
    QAbstractItemModelTester historyTester(page.historyModel());
    QAbstractItemModelTester listTester(page.listModel());
    page.setSnapshot(m_snapshot);
    page.setSession(m_session);
    QSignalSpy shown(&page, &WhatIfPage::resultShown);
    page.showUser(m_user);
    QVERIFY(shown.wait(kWaitMs));
    const WhatIfOutcome baseline = *page.outcome();
    QVERIFY(!baseline.error);
    QCOMPARE(int(baseline.result.list.size()), page.kBox()->value());
    QCOMPARE(baseline.result.comparison.same, int(baseline.result.list.size()));
    QCOMPARE(page.heatmap()->rowCount(), WhatIfPage::kExplainRows);
    const QStringList baselineCells = heatmapCells(page.heatmap());
    const auto before = listItems(baseline);

    // Remove the heaviest history item: select its check box in the history table and press Space.
    const std::int32_t top = page.heaviestHistoryItem();
    QVERIFY(top >= 0);
    const int row = page.historyModel()->rowOf(top);
    QVERIFY(row >= 0);
    page.historyView()->setFocus();
    page.historyView()->setCurrentIndex(page.historyModel()->index(row, WhatIfHistoryModel::IncludeColumn));
    QTest::keyClick(page.historyView(), Qt::Key_Space);
    QCOMPARE(page.editor()->state().removed.count(top), std::size_t(1));
    QVERIFY(nextResult(page));
    const WhatIfOutcome removed = *page.outcome();
    QVERIFY(!removed.error);
    QVERIFY(std::find(removed.result.profile.items.begin(), removed.result.profile.items.end(), top) ==
            removed.result.profile.items.end());
    QVERIFY2(listItems(removed) != before, "removing the heaviest history item changes the list");
    QVERIFY(removed.result.comparison.same < int(before.size()));
    QVERIFY(heatmapCells(page.heatmap()) != baselineCells);
    QVERIFY(page.summaryLabel()->text().contains(QStringLiteral("Jaccard")));
    QCOMPARE(page.timeline()->removedCount() > 0, true);

    // Ctrl+Z brings it back: the baseline list and heatmap again.
    QTest::keyClick(page.historyView(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(page.editor()->state().isEmpty());
    QVERIFY(nextResult(page));
    const WhatIfOutcome undone = *page.outcome();
    QCOMPARE(listItems(undone), before);
    QCOMPARE(heatmapCells(page.heatmap()), baselineCells);

    // Ctrl+Shift+Z redoes; the Reset button goes back to the unedited history (itself undoable).
    QTest::keyClick(page.historyView(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(page.editor()->state().removed.count(top), std::size_t(1));
    QVERIFY(nextResult(page));
    QCOMPARE(listItems(*page.outcome()), listItems(removed));
    QTest::mouseClick(page.resetButton(), Qt::LeftButton);
    QVERIFY(page.editor()->state().isEmpty());
    QVERIFY(nextResult(page));
    QCOMPARE(listItems(*page.outcome()), before);
    QVERIFY(page.editor()->undoStack()->canUndo());

    // A click on a dot of the timeline toggles the item under it too.
    const QPoint dot = page.timeline()->dotPosition(top);
    QVERIFY(!dot.isNull());
    QSignalSpy clicked(page.timeline(), &HistoryTimeline::itemClicked);
    // Listening before the click: no graph delivered from here on can be missed.
    QSignalSpy graph(&page, &WhatIfPage::graphShown);
    QTest::mouseClick(page.timeline()->plot(), Qt::LeftButton, {}, dot);
    QCOMPARE(clicked.count(), 1);
    const std::int32_t hit = clicked.at(0).at(0).toInt();
    QCOMPARE(page.editor()->state().removed.count(hit), std::size_t(1));
    QVERIFY(nextResult(page));
    const auto& profile = page.outcome()->result.profile.items;
    QVERIFY(std::find(profile.begin(), profile.end(), hit) == profile.end());

    // The screenshot once the ego graph of the selected row is drawn too: a graph has been shown since the
    // click, and nothing is left to compute (so it is the graph of the last list, not of an earlier one).
    QTRY_VERIFY_WITH_TIMEOUT(graph.count() > 0 && !page.service()->isBusy(), kWaitMs);
    QCOMPARE(page.graphPane()->view()->graph().target,
             page.listModel()->itemAt(std::max(0, page.listView()->currentIndex().row())));
    const QString dir = QStringLiteral(RECLENS_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(page.grab().save(QDir(dir).filePath(QStringLiteral("page-whatif.png"))));
  }

  // Order edits: a history item moved to the newest place is removed and added again (so the profile a
  // model scores has it last), survives a round trip through edits, and a move that changes nothing is
  // no edit. On the page, Ctrl+Shift+End moves the selected item and Ctrl+Shift+Backspace turns off the
  // newest one still on.
  void moveToNewestAndDropNewest() {
    UserProfile base;
    base.items = {4, 7, 9};
    base.weights = {1.0f, 2.0f, 1.0f};
    WhatIfState state;
    state.moved = {4};
    const auto edits = state.edits(base);
    QCOMPARE(edits.size(), std::size_t(2));
    QCOMPARE(static_cast<int>(edits[0].kind), static_cast<int>(WhatIfEdit::Kind::RemoveItem));
    QCOMPARE(static_cast<int>(edits[1].kind), static_cast<int>(WhatIfEdit::Kind::AddItem));
    ModelMetadata metadata;
    metadata.numItems = 20;
    auto profile = applyWhatIfEdits(base, edits, metadata);
    QVERIFY2(profile.ok(), profile.ok() ? "" : profile.error().message.c_str());
    QCOMPARE(profile->items, (std::vector<std::int32_t>{7, 9, 4}));
    QCOMPARE(profile->weights, (std::vector<float>{2.0f, 1.0f, 1.0f}));
    QCOMPARE(WhatIfState::fromEdits(edits, base), state);
    state.weights[4] = 3.0f;
    QCOMPARE(WhatIfState::fromEdits(state.edits(base), base), state);
    WhatIfState newest;
    newest.moved = {9};
    QVERIFY(newest.edits(base).empty());

    WhatIfPage page;
    page.resize(1600, 1000);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setSnapshot(m_snapshot);
    page.setSession(m_session);
    QSignalSpy shown(&page, &WhatIfPage::resultShown);
    page.showUser(m_user);
    QVERIFY(shown.wait(kWaitMs));
    const auto before = page.outcome()->result.profile.items;
    QVERIFY(before.size() >= 2);
    const std::int32_t oldest = before.front();
    page.historyView()->setFocus();
    page.historyView()->selectRow(page.historyModel()->rowOf(oldest));
    QTest::keyClick(page.historyView(), Qt::Key_End, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(page.editor()->state().isMoved(oldest));
    QCOMPARE(page.historyModel()->rowOf(oldest), page.historyModel()->rowCount() - 1);
    QVERIFY(nextResult(page));
    QCOMPARE(page.outcome()->result.profile.items.back(), oldest);
    QCOMPARE(page.outcome()->result.profile.items.size(), before.size());
    QTest::keyClick(page.historyView(), Qt::Key_Backspace, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(page.editor()->state().removed.count(oldest), std::size_t(1));
    QVERIFY(nextResult(page));
    QCOMPARE(page.outcome()->result.profile.items.size(), before.size() - 1);
  }

  void addFromCatalogAndDelist() {
    WhatIfPage page;
    page.resize(1600, 1000);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setSnapshot(m_snapshot);
    QSignalSpy indexed(page.searchBox(), &WhatIfSearchBox::indexed);
    page.setSession(m_session);
    QSignalSpy shown(&page, &WhatIfPage::resultShown);
    page.showUser(m_user);
    QVERIFY(shown.wait(kWaitMs));
    const auto before = listItems(*page.outcome());
    if (!page.searchBox()->isIndexed()) QVERIFY(indexed.wait(kWaitMs));

    // Add the baseline's first recommendation to the history by searching for its id.
    const std::int32_t first = before.front();
    const auto& id = m_snapshot->dataset().items.ids[std::size_t(first)];
    const int rows = page.historyModel()->rowCount();
    QTest::keyClicks(page.searchBox()->searchEdit(), QString::fromStdString(id));
    QTest::keyClick(page.searchBox()->searchEdit(), Qt::Key_Return);
    QCOMPARE(page.historyModel()->rowCount(), rows + 1);
    QVERIFY(nextResult(page));
    const WhatIfOutcome added = *page.outcome();
    QVERIFY(std::find(added.result.profile.items.begin(), added.result.profile.items.end(), first) !=
            added.result.profile.items.end());
    // An item in the history is not recommended again.
    const auto now = listItems(added);
    QVERIFY(std::find(now.begin(), now.end(), first) == now.end());

    // Delist the new first row from the list: it is gone, and the sampled users' lists change.
    page.editor()->reset();
    QVERIFY(nextResult(page));
    const auto reset = listItems(*page.outcome());
    QCOMPARE(reset, before);
    QSignalSpy impact(&page, &WhatIfPage::impactShown);
    page.listView()->selectRow(0);
    QTest::mouseClick(page.delistButton(), Qt::LeftButton);
    QCOMPARE(page.editor()->state().delistedItems.count(first), std::size_t(1));
    QVERIFY(nextResult(page));
    const WhatIfOutcome delisted = *page.outcome();
    const auto after = listItems(delisted);
    QVERIFY(std::find(after.begin(), after.end(), first) == after.end());
    QCOMPARE(delisted.result.comparison.dropped, 1);
    QVERIFY(impact.wait(kWaitMs));
    const QString baselineShare = page.catalogPanel()->impactTable()->item(4, 1)->text();
    QVERIFY2(baselineShare != QStringLiteral("0.0%"), qPrintable(baselineShare));
    QCOMPARE(page.catalogPanel()->impactTable()->item(4, 2)->text(), QStringLiteral("0.0%"));
    QVERIFY(page.catalogPanel()->summaryLabel()->text().contains(QStringLiteral("users sampled")));
  }

  void scenarioSaveLoadCompare() {
    WhatIfPage page;
    page.resize(1600, 1000);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.setSnapshot(m_snapshot);
    page.setSession(m_session);
    QSignalSpy shown(&page, &WhatIfPage::resultShown);
    page.showUser(m_user);
    QVERIFY(shown.wait(kWaitMs));
    const auto before = listItems(*page.outcome());
    const std::int32_t top = page.heaviestHistoryItem();
    page.editor()->setIncluded(top, false, QStringLiteral("remove"));
    page.editor()->setWeight(page.editor()->base().items.front() == top ? page.editor()->base().items.back()
                                                                        : page.editor()->base().items.front(),
                             4.5f, QStringLiteral("weight"));
    QVERIFY(nextResult(page));
    const auto edited = listItems(*page.outcome());
    const WhatIfState saved = page.editor()->state();
    QVERIFY(page.saveScenario(QStringLiteral("no top item")));
    QCOMPARE(page.scenarioBar()->scenarios().size(), std::size_t(1));

    page.editor()->reset();
    QVERIFY(nextResult(page));
    QCOMPARE(listItems(*page.outcome()), before);
    QVERIFY(page.loadScenario(QStringLiteral("no top item")));
    QVERIFY(page.editor()->state() == saved);
    QVERIFY(nextResult(page));
    QCOMPARE(listItems(*page.outcome()), edited);

    // A second page on the same project sees the scenario (it is in the file).
    WhatIfPage other;
    other.setSnapshot(m_snapshot);
    other.setSession(m_session);
    other.showUser(m_user);
    QCOMPARE(other.scenarioBar()->scenarios().size(), std::size_t(1));
    QVERIFY(!other.loadScenario(QStringLiteral("missing")));

    // Compared with the saved scenario, the same edits show no change.
    QComboBox* compare = page.scenarioBar()->compareBox();
    QCOMPARE(compare->count(), 2);
    compare->setCurrentIndex(1);
    Q_EMIT compare->activated(1);
    QVERIFY(nextResult(page));
    const WhatIfOutcome same = *page.outcome();
    QCOMPARE(same.result.comparison.same, int(edited.size()));
    QVERIFY(page.summaryLabel()->text().contains(QStringLiteral("no top item")));
  }

  void serviceDeliversOnlyTheLatest() {
    WhatIfService service;
    QSignalSpy ready(&service, &WhatIfService::resultReady);
    for (int k = 1; k <= 5; ++k) {
      WhatIfRequest r;
      r.session = m_session;
      r.user = m_user;
      r.k = k;
      r.explainRows = 0;
      service.compute(r);
    }
    QVERIFY(ready.wait(kWaitMs));
    QVERIFY(!ready.wait(10 * WhatIfService::kDebounceMs));  // nothing stale follows
    QCOMPARE(ready.count(), 1);
    const auto outcome = ready.takeFirst().at(0).value<WhatIfOutcome>();
    QCOMPARE(outcome.request.k, 5);
    QCOMPARE(int(outcome.result.list.size()), 5);
  }
};

QTEST_MAIN(TestWhatIfPage)
#include "tst_whatifpage.moc"
