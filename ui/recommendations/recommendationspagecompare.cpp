// The Recommendations page's contrastive question: two rows selected, "why is the first above the
// second?" answered on the Explanation page.
#include <QAction>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QSortFilterProxyModel>
#include <QTableView>

#include "recommendations/recommendationmodel.h"
#include "recommendations/recommendationspage.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
constexpr int kTitleChars = 28;

QString shortTitle(const QString& title) {
  return title.size() > kTitleChars ? title.left(kTitleChars - 1) + QChar(0x2026) : title;
}
}  // namespace

void RecommendationsPage::buildCompareAction() {
  m_compare = new QAction(tr("Why Is One Above the Other?"), this);
  m_compare->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_W);
  m_compare->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  m_compare->setEnabled(false);
  m_table->addAction(m_compare);
  m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
  connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &RecommendationsPage::updateCompareAction);
  connect(m_model, &QAbstractItemModel::modelReset, this, &RecommendationsPage::updateCompareAction);
  connect(m_compare, &QAction::triggered, this, [this] {
    const auto pair = selectedPair();
    if (pair.first >= 0) Q_EMIT comparisonRequested(m_user, pair.first, pair.second);
  });
  updateCompareAction();
}

std::pair<std::int32_t, std::int32_t> RecommendationsPage::selectedPair() const {
  const auto rows = m_table->selectionModel()->selectedRows();
  if (rows.size() != 2) return {-1, -1};
  // Rows of the model are in rank order: the smaller row is the one ranked higher.
  int a = m_sorted->mapToSource(rows[0]).row();
  int b = m_sorted->mapToSource(rows[1]).row();
  if (a > b) std::swap(a, b);
  const auto first = m_model->itemAt(a);
  const auto second = m_model->itemAt(b);
  if (first < 0 || second < 0) return {-1, -1};
  return {first, second};
}

void RecommendationsPage::updateCompareAction() {
  const auto pair = selectedPair();
  const bool ready = pair.first >= 0 && m_snapshot != nullptr;
  m_compare->setEnabled(ready);
  if (!ready) {
    m_compare->setText(tr("Why Is One Above the Other?"));
    m_compare->setToolTip(
        tr("Select two rows (Ctrl+click) to explain why the higher one scores above the other"));
    return;
  }
  const auto& titles = m_snapshot->dataset().items.titles;
  const QString first = display::text(titles[static_cast<std::size_t>(pair.first)]);
  const QString second = display::text(titles[static_cast<std::size_t>(pair.second)]);
  m_compare->setText(tr("Why Is “%1” Above “%2”?").arg(shortTitle(first), shortTitle(second)));
  m_compare->setToolTip(tr("Explain the difference of the two scores on the Explanation page: which history "
                           "items and fields lift “%1” above “%2”")
                            .arg(first, second));
}

}  // namespace reclens
