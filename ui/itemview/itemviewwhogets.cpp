#include "itemview/itemviewwhogets.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

#include "engine/scoringengine.h"
#include "itemview/itemviewlistmodel.h"
#include "services/jobprogressbar.h"
#include "widgets/displayformat.h"

namespace reclens {

ItemWhoGetsPanel::ItemWhoGetsPanel(QWidget* parent)
    : QWidget(parent),
      m_find(new QPushButton(tr("&Find Users"), this)),
      m_k(new QSpinBox(this)),
      m_summary(new QLabel(this)),
      m_progress(new JobProgressBar(this)),
      m_model(new ItemViewListModel({tr("User"), tr("Rank"), tr("Score")}, this)),
      m_view(new QTableView(this)) {
  m_find->setToolTip(tr("Score every user with the model and list those whose top-K holds this item"));
  m_k->setRange(1, 500);
  m_k->setValue(20);
  m_k->setPrefix(tr("top-"));
  m_k->setToolTip(tr("Length of each user's list"));
  m_summary->setWordWrap(true);
  m_progress->attach(&m_job);
  auto* proxy = new QSortFilterProxyModel(this);
  proxy->setSourceModel(m_model);
  proxy->setSortRole(Qt::EditRole);
  m_view->setModel(proxy);
  m_view->setSortingEnabled(true);
  m_view->sortByColumn(1, Qt::AscendingOrder);  // by rank
  m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_view->setAlternatingRowColors(true);
  m_view->verticalHeader()->hide();
  m_view->horizontalHeader()->setStretchLastSection(true);
  m_view->setToolTip(tr("Double-click a user to see their recommendations"));

  auto* title = new QLabel(tr("<b>Who gets it</b>"), this);
  auto* top = new QHBoxLayout;
  top->addWidget(title);
  top->addStretch(1);
  top->addWidget(m_k);
  top->addWidget(m_find);
  auto* column = new QVBoxLayout(this);
  column->setContentsMargins(0, 0, 0, 0);
  column->addLayout(top);
  column->addWidget(m_progress);
  column->addWidget(m_summary);
  column->addWidget(m_view, 1);

  connect(m_find, &QPushButton::clicked, this, &ItemWhoGetsPanel::run);
  connect(m_k, &QSpinBox::valueChanged, this, [this] {
    m_result.reset();
    m_error.clear();
    m_model->clear();
    updateState();
  });
  connect(m_view, &QTableView::doubleClicked, this, [this, proxy](const QModelIndex& index) {
    const int user = proxy->data(index, ItemViewListModel::kKeyRole).toInt();
    if (user >= 0) Q_EMIT userRequested(user);
  });
  connect(&m_job, &BackgroundJob::started, this, &ItemWhoGetsPanel::updateState);
  connect(&m_job, &BackgroundJob::finished, this, &ItemWhoGetsPanel::updateState);
  updateState();
}

ItemWhoGetsPanel::~ItemWhoGetsPanel() = default;

void ItemWhoGetsPanel::setSession(std::shared_ptr<const ModelSession> session) {
  if (session == m_session) return;
  m_job.cancel();
  m_session = std::move(session);
  m_result.reset();
  m_error.clear();
  m_model->clear();
  updateState();
}

void ItemWhoGetsPanel::setItem(std::int32_t item) {
  if (item == m_item) return;
  m_job.cancel();
  m_item = item;
  m_result.reset();
  m_error.clear();
  m_model->clear();
  updateState();
}

bool ItemWhoGetsPanel::run() {
  if (!m_session || m_item < 0 || m_job.isRunning()) return false;
  auto session = m_session;
  const auto item = m_item;
  const int k = m_k->value();
  return m_job.start<std::shared_ptr<const ReverseLookupResult>>(
      tr("Finding who gets the item"),
      [session, item, k](const TaskControl& control) -> Result<std::shared_ptr<const ReverseLookupResult>> {
        // The page's own engine: the recompute service's engine belongs to its thread.
        ScoringEngine engine(session->model());
        const auto& profiles = session->profiles();
        auto result = reverseLookup(
            engine, profiles.users(),
            [&profiles](std::size_t u) { return profiles.profile(static_cast<std::int32_t>(u)); }, item, k,
            true, control);
        if (!result) return result.error();
        return std::make_shared<const ReverseLookupResult>(std::move(result).value());
      },
      [this, session, item](Result<std::shared_ptr<const ReverseLookupResult>> result) {
        if (session != m_session || item != m_item) return;  // the item or model changed meanwhile
        if (!result) {
          m_error = result.error().code == ErrorCode::Cancelled
                        ? tr("Cancelled.")
                        : tr("Could not score the users: %1").arg(display::text(result.error().message));
          updateState();
          Q_EMIT lookupFinished();
          return;
        }
        show(result.value());
        Q_EMIT lookupFinished();
      });
}

void ItemWhoGetsPanel::show(const std::shared_ptr<const ReverseLookupResult>& result) {
  m_result = result;
  const auto& ids = m_session->snapshot().dataset().users.ids;
  std::vector<ItemViewListModel::Row> rows;
  for (const auto& hit : result->users) {
    if (static_cast<int>(rows.size()) == kMaxRows) break;
    const auto user = static_cast<std::size_t>(hit.user);
    rows.push_back({hit.user,
                    {user < ids.size() ? display::text(ids[user]) : QString::number(hit.user), hit.rank,
                     static_cast<double>(hit.score)},
                    {}});
  }
  m_model->setRows(std::move(rows));
  m_view->resizeColumnsToContents();
  const auto found = static_cast<qint64>(result->users.size());
  const auto scored = static_cast<qint64>(result->usersScored);
  const double share = scored > 0 ? 100.0 * static_cast<double>(found) / static_cast<double>(scored) : 0.0;
  QString text = tr("%1 of %2 users (%3%) get it in their top-%4; %5 have it in their history already.")
                     .arg(display::count(found), display::count(scored), QLocale().toString(share, 'f', 1))
                     .arg(result->k)
                     .arg(display::count(static_cast<qint64>(result->usersWithItemInHistory)));
  if (found > kMaxRows)
    text += QLatin1Char(' ') + tr("Listing the first %1 by rank.").arg(display::count(kMaxRows));
  m_summary->setText(text);
  updateState();
}

void ItemWhoGetsPanel::updateState() {
  m_find->setEnabled(m_session && m_item >= 0 && !m_job.isRunning());
  if (m_job.isRunning() || m_result) return;  // the progress bar, or the result's summary, is on screen
  if (!m_error.isEmpty())
    m_summary->setText(m_error);
  else if (!m_session)
    m_summary->setText(tr("Load a model on the Recommendations page to see who gets this item."));
  else if (m_item < 0)
    m_summary->setText(tr("Choose an item."));
  else
    m_summary->setText(tr("Scores all %1 users with %2; press Find Users.")
                           .arg(display::count(static_cast<qint64>(m_session->profiles().users())),
                                display::text(m_session->name())));
}

}  // namespace reclens
