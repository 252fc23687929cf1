#include "live/livefeeddock.h"

#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <vector>

#include "itemview/itemviewpage.h"
#include "live/livefeedmodel.h"
#include "live/livewatcher.h"
#include "mainwindow/mainwindow.h"
#include "recommendations/recommendationspage.h"
#include "services/auditservice.h"
#include "tables/itemspage.h"
#include "tables/userspage.h"
#include "whatif/whatifpage.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
std::vector<int> distinct(std::vector<int> rows) {
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  return rows;
}
}  // namespace

LiveFeedDock::LiveFeedDock(MainWindow& window)
    : QDockWidget(tr("Live Events"), &window),
      m_window(window),
      m_watcher(new LiveWatcher(this)),
      m_model(new LiveFeedModel(this)),
      m_view(new QTableView(this)),
      m_pause(new QToolButton(this)),
      m_rate(new QLabel(this)),
      m_status(new QLabel(this)),
      m_rateTimer(new QTimer(this)) {
  setObjectName(QStringLiteral("liveEventsDock"));
  auto* body = new QWidget(this);
  auto* column = new QVBoxLayout(body);
  column->setContentsMargins(4, 4, 4, 4);
  m_pause->setText(tr("&Pause"));
  m_pause->setCheckable(true);
  m_pause->setToolTip(
      tr("Stop following new events; when resumed, everything that landed meanwhile is read at once"));
  m_rate->setToolTip(tr("Events that landed in the project per second, over the last two seconds"));
  auto* top = new QHBoxLayout;
  top->addWidget(m_pause);
  top->addWidget(m_rate, 1);
  column->addLayout(top);
  m_status->setWordWrap(true);
  m_status->hide();
  column->addWidget(m_status);
  m_view->setModel(m_model);
  m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_view->setSelectionMode(QAbstractItemView::SingleSelection);
  m_view->setAlternatingRowColors(true);
  m_view->setWordWrap(false);
  m_view->verticalHeader()->hide();
  m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
  // Widths from the font rather than from the contents, so that rows arriving never re-lay the table.
  QFont bold = m_view->font();
  bold.setBold(true);  // the shown user's rows
  const QFontMetrics metrics(bold);
  const int pad = metrics.averageCharWidth() * 2;
  m_view->setColumnWidth(LiveFeedModel::TimeColumn,
                         metrics.horizontalAdvance(QStringLiteral("2024-12-31 23:59")) + pad);
  m_view->setColumnWidth(LiveFeedModel::UserColumn, metrics.averageCharWidth() * 10 + pad);
  m_view->setColumnWidth(LiveFeedModel::KindColumn, metrics.averageCharWidth() * 7 + pad);
  m_view->horizontalHeader()->setSectionResizeMode(LiveFeedModel::ItemColumn, QHeaderView::Stretch);
  m_view->setMinimumWidth(m_view->fontMetrics().averageCharWidth() * 64);
  m_view->setToolTip(tr("The newest events first; the shown user's in bold. Double-click to show that user"));
  column->addWidget(m_view, 1);
  setWidget(body);
  m_rateTimer->setInterval(500);
  connect(m_rateTimer, &QTimer::timeout, this, &LiveFeedDock::updateRate);
  updateRate();

  connect(&window, &MainWindow::projectOpened, this, &LiveFeedDock::projectOpened);
  RecommendationsPage* recs = window.recommendationsPage();
  const auto followModel = [this, recs] {
    m_watcher->setSession(recs->session());
    pagesFollowModel(recs->session());
  };
  connect(recs, &RecommendationsPage::modelLoaded, this, followModel);
  connect(recs, &RecommendationsPage::modelFailed, this, followModel);
  connect(recs, &RecommendationsPage::resultShown, this,
          [this](const RecomputeResult& result) { m_model->setHighlightedUser(result.request.user); });
  connect(m_watcher, &LiveWatcher::updated, this, &LiveFeedDock::apply);
  connect(m_watcher, &LiveWatcher::failed, this, [this](const QString& message) {
    m_status->setText(message);
    m_status->show();
  });
  connect(m_pause, &QToolButton::toggled, this, [this](bool paused) {
    m_watcher->setPaused(paused);
    m_status->setText(paused ? tr("Paused: new events are read when you resume.") : QString());
    m_status->setVisible(paused);
  });
  connect(m_view, &QTableView::activated, this, &LiveFeedDock::showUserOf);
}

LiveFeedDock::~LiveFeedDock() = default;

void LiveFeedDock::pagesFollowModel(const std::shared_ptr<const ModelSession>& session) {
  if (!session || !m_opened || &session->snapshot() == m_opened.get()) return;
  // A model loaded after events grew the project was loaded over the grown snapshot, and may know
  // items the snapshot of the project as opened lacks: the pages that follow the model (connected
  // before this dock, so they already have it) get the grown snapshot with it, or their rows would not
  // match the model's.
  const std::shared_ptr<const DatasetSnapshot> grown(session, &session->snapshot());
  m_window.itemViewPage()->setSnapshot(grown);
  m_window.itemViewPage()->setSession(session);
  m_window.auditService()->setSnapshot(grown);
  m_window.auditService()->setSession(session);
  m_window.whatIfPage()->setSnapshot(grown);
  m_window.whatIfPage()->setSession(session);
  m_opened = grown;
}

void LiveFeedDock::projectOpened() {
  m_opened = m_window.projects().snapshot();
  m_model->clear();
  m_recent.clear();
  m_seen = 0;
  m_status->hide();
  m_pause->setChecked(false);
  m_watcher->follow(m_window.projects().snapshot());
  updateRate();
}

void LiveFeedDock::apply(const LiveUpdate& update) {
  const auto& log = update.snapshot->dataset().interactions;
  RecommendationsPage* recs = m_window.recommendationsPage();
  const int shown = recs->currentUser();
  std::vector<int> users;
  std::vector<int> items;
  bool userChanged = false;
  for (std::size_t r = update.firstRow; r < log.size(); ++r) {
    users.push_back(log.user[r]);
    items.push_back(log.item[r]);
    userChanged = userChanged || log.user[r] == shown;
  }
  // A model that caught up with the project (no new rows) changes what the list was computed from.
  userChanged = userChanged || (update.session && update.session != update.baseSession && users.empty());
  m_window.projects().growSnapshot(update.snapshot);
  m_window.usersPage()->growSnapshot(update.snapshot, distinct(std::move(users)));
  m_window.itemsPage()->growSnapshot(update.snapshot, distinct(std::move(items)));
  recs->followLive(update.snapshot, update.session, userChanged);
  m_model->add(update);
  const auto added = static_cast<std::int64_t>(log.size() - update.firstRow);
  m_seen += added;
  m_recent.emplace_back(m_watcher->elapsedMs(), added);
  updateRate();
  if (!m_rateTimer->isActive()) m_rateTimer->start();
  Q_EMIT applied(update);
}

double LiveFeedDock::eventsPerSecond() const {
  const qint64 now = m_watcher->elapsedMs();
  std::int64_t events = 0;
  for (const auto& [ms, n] : m_recent)
    if (now - ms <= kRateWindowMs) events += n;
  return static_cast<double>(events) * 1000.0 / kRateWindowMs;
}

void LiveFeedDock::updateRate() {
  const qint64 now = m_watcher->elapsedMs();
  while (!m_recent.empty() && now - m_recent.front().first > kRateWindowMs) m_recent.pop_front();
  // Nothing in the window: the timer can rest until the next update.
  if (m_recent.empty()) m_rateTimer->stop();
  m_rate->setText(tr("%1 events/s · %2 since the project was opened")
                      .arg(QLocale().toString(eventsPerSecond(), 'f', 0), display::count(m_seen)));
}

void LiveFeedDock::showUserOf(const QModelIndex& index) {
  const int user = index.data(LiveFeedModel::kUserRowRole).toInt();
  if (user < 0) return;
  m_window.usersPage()->selectUser(user);
  m_window.showRecommendations(user);
}

}  // namespace reclens
