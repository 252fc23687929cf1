// WhatIfPage: the requests to the what-if service and the display of its results.
#include <QComboBox>
#include <QLabel>
#include <QSpinBox>
#include <QTableView>

#include <algorithm>

#include "explanation/attributionheatmap.h"
#include "explanation/egographpane.h"
#include "explanation/explanationdetail.h"
#include "model/modelcontract.h"
#include "services/whatifservice.h"
#include "whatif/historytimeline.h"
#include "whatif/replaycontroller.h"
#include "whatif/whatifcatalogpanel.h"
#include "whatif/whatifeditor.h"
#include "whatif/whatiflistmodel.h"
#include "whatif/whatifmixplot.h"
#include "whatif/whatifpage.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
constexpr int kImpactUsers = 300;
}

QString WhatIfPage::itemTitle(std::int32_t item) const {
  if (!m_snapshot || item < 0 || static_cast<std::size_t>(item) >= m_snapshot->itemCount()) return {};
  return display::itemName(m_snapshot->dataset().items, static_cast<std::size_t>(item));
}

std::vector<std::int32_t> WhatIfPage::delistedRows(const WhatIfState& state) const {
  std::vector<std::int32_t> rows(state.delistedItems.begin(), state.delistedItems.end());
  if (m_snapshot && !state.delistedBrands.empty()) {
    const auto& items = m_snapshot->dataset().items;
    const int field = items.fieldIndex("brand");
    if (field >= 0) {
      const auto& brand = items.fields[static_cast<std::size_t>(field)];
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (state.delistedBrands.count(brand.valueAt(i)) != 0) rows.push_back(static_cast<std::int32_t>(i));
      }
    }
  }
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  return rows;
}

void WhatIfPage::onStateChanged() {
  const auto& state = m_editor->state();
  m_timeline->setState(state);
  m_catalog->setState(state);
  syncAttributes();
  auto delisted = delistedRows(state);
  const bool delistingChanged = delisted != m_delisted;
  m_delisted = std::move(delisted);
  requestCompute();
  if (delistingChanged) requestImpact();
}

WhatIfRequest WhatIfPage::currentRequest() const {
  WhatIfRequest r;
  r.session = m_session;
  r.user = m_user;
  r.k = m_k->value();
  r.asOf = m_replay->asOf();
  r.edits = m_editor->state().edits(m_editor->base());
  r.delisted = m_delisted;
  if (m_compareEdits) {
    r.compareEdits = m_compareEdits;
    r.compareDelisted = m_compareDelisted;
  } else if (m_baseline) {
    r.baseline = m_baseline;
  }
  r.explainRows = kExplainRows;
  r.attribution.method = static_cast<AttributionMethod>(m_method->currentData().toInt());
  r.attribution.steps = 32;
  return r;
}

void WhatIfPage::requestCompute() {
  if (!m_session || m_user < 0) return;
  if (!isVisible()) {
    m_dirty = true;
    return;
  }
  m_dirty = false;
  m_timing->setText(tr("computing…"));
  m_service->compute(currentRequest());
}

void WhatIfPage::requestGraph() {
  if (!m_outcome || !m_session) return;
  int row = m_listView->currentIndex().row();
  if (row < 0) row = 0;
  const std::int32_t item = m_listModel->itemAt(row);
  if (item < 0) {
    m_graph->clear();
    return;
  }
  m_graphItem = item;
  WhatIfGraphRequest request;
  request.scenario = m_outcome->request;
  request.target = item;
  const auto& users = m_snapshot->dataset().users.ids;
  m_graph->showComputing(display::text(users[static_cast<std::size_t>(m_user)]), itemTitle(item));
  m_service->computeGraph(std::move(request));
}

void WhatIfPage::requestImpact() {
  if (!m_session) return;
  if (m_delisted.empty()) {
    m_catalog->showPending(true);
    return;
  }
  m_catalog->showPending(false);
  WhatIfImpactRequest request;
  request.session = m_session;
  request.k = m_k->value();
  request.users = kImpactUsers;
  request.delisted = m_delisted;
  m_service->computeImpact(std::move(request));
}

void WhatIfPage::showMessage(const QString& text, bool error) {
  m_message->setText(text);
  m_message->setStyleSheet(error ? QStringLiteral("color: #b03a2e;")
                                 : QStringLiteral("color: palette(mid);"));
  m_message->setVisible(!text.isEmpty());
}

void WhatIfPage::showOutcome(const WhatIfOutcome& outcome) {
  if (outcome.request.session != m_session || outcome.request.user != m_user) return;
  if (outcome.error) {
    showMessage(tr("The what-if could not be computed: %1").arg(display::text(outcome.error->message)), true);
    m_timing->clear();
    Q_EMIT resultShown();
    return;
  }
  showMessage({}, false);
  if (!outcome.request.compareEdits && !outcome.request.baseline) {
    m_baseline = std::make_shared<const std::vector<Recommendation>>(outcome.result.baseline);
  }
  const std::int32_t selected = m_listModel->itemAt(m_listView->currentIndex().row());
  m_outcome = outcome;
  m_listModel->setResult(m_snapshot, outcome.result);
  const auto& c = outcome.result.comparison;
  const int listed = static_cast<int>(outcome.result.list.size());
  const QString against = m_compareEdits ? tr("against scenario “%1”").arg(m_compareName.toHtmlEscaped())
                                         : tr("against the unedited history");
  QString replay;
  if (outcome.request.asOf) {
    replay = tr(" · history as of <b>%1</b> (%n item(s))", nullptr,
                static_cast<int>(outcome.result.profile.items.size()))
                 .arg(display::time(*outcome.request.asOf, m_snapshot->dataset().info.timeUnit));
  }
  m_summary->setText(tr("<b>Overlap</b> %1 of %2 (%3%) · <b>Jaccard</b> %4 · <span "
                        "style='color:#1f5fbf'><b>%5 new</b></span> · "
                        "<span style='color:#b03a2e'><b>%6 dropped</b></span> · %7 moved · %8 in place <span "
                        "style='color:gray'>— %9</span>%10")
                         .arg(c.same + c.moved)
                         .arg(listed)
                         .arg(c.overlap * 100.0, 0, 'f', 0)
                         .arg(c.jaccard, 0, 'f', 3)
                         .arg(c.added)
                         .arg(c.dropped)
                         .arg(c.moved)
                         .arg(c.same)
                         .arg(against, replay));
  QStringList categories;
  if (const int field = m_snapshot->dataset().items.fieldIndex("category"); field >= 0) {
    for (const auto& v : m_snapshot->dataset().items.fields[static_cast<std::size_t>(field)].vocabulary())
      categories << display::text(v);
  }
  m_mix->setMix(categories, outcome.historyMix, outcome.baselineMix, outcome.listMix);
  if (outcome.explanationError) {
    m_heatmap->clear();
    m_heatmapNote->setText(tr("No attributions: %1").arg(display::text(outcome.explanationError->message)));
  } else {
    QStringList labels;
    for (const auto& item : outcome.explanation.items) labels << itemTitle(item.item);
    // A sequential model's attributions are per position: the newest events first.
    m_heatmap->setRecencyOrder(m_session && isSequentialKind(m_session->model()->metadata().kind));
    m_heatmap->setExplanation(outcome.explanation, labels);
    m_heatmapNote->setText(ExplanationDetail::methodText(outcome.explanation.options) +
                           QStringLiteral(" · ") + ExplanationDetail::completenessText(outcome.explanation));
  }
  m_timing->setText(tr("Round trip %1 ms (attributions %2 ms)")
                        .arg(outcome.milliseconds, 0, 'f', 1)
                        .arg(outcome.explainMilliseconds, 0, 'f', 1));
  int row = 0;
  for (int r = 0; r < m_listModel->rowCount(); ++r) {
    if (selected >= 0 && m_listModel->itemAt(r) == selected) row = r;
  }
  if (m_listModel->rowCount() > 0) {
    const QSignalBlocker block(m_listView->selectionModel());
    m_listView->selectRow(row);
  }
  Q_EMIT resultShown();
  requestGraph();
}

void WhatIfPage::showGraphOutcome(const WhatIfGraphOutcome& outcome) {
  const auto& scenario = outcome.request.scenario;
  if (scenario.session != m_session || scenario.user != m_user) return;
  const auto& users = m_snapshot->dataset().users.ids;
  const QString user = display::text(users[static_cast<std::size_t>(m_user)]);
  if (outcome.error) {
    if (outcome.error->code != ErrorCode::Cancelled)
      m_graph->showError(tr("No graph: %1").arg(display::text(outcome.error->message)));
    Q_EMIT graphShown();
    return;
  }
  std::vector<PopularityTier> tiers;
  for (const auto& node : outcome.graph.nodes) {
    const bool isItem = node.kind == EgoNodeKind::Item && node.row >= 0;
    tiers.push_back(isItem ? m_snapshot->itemTier(static_cast<std::size_t>(node.row)) : PopularityTier::Tail);
  }
  m_graph->showGraph(user, itemTitle(outcome.request.target), outcome.graph, std::move(tiers),
                     outcome.milliseconds);
  Q_EMIT graphShown();
}

void WhatIfPage::delistSelected() {
  const std::int32_t item = m_listModel->itemAt(m_listView->currentIndex().row());
  if (item < 0) return;
  m_editor->setItemDelisted(item, true, tr("Delist %1").arg(itemTitle(item)));
}

}  // namespace reclens
