#include "itemview/itemviewpage.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>

#include "bookmarks/bookmarks.h"
#include "itemview/itemviewexposure.h"
#include "itemview/itemviewlistmodel.h"
#include "itemview/itemviewwhogets.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
QString tierName(PopularityTier tier) {
  switch (tier) {
    case PopularityTier::Head:
      return ItemViewPage::tr("head");
    case PopularityTier::Mid:
      return ItemViewPage::tr("mid");
    case PopularityTier::Tail:
      return ItemViewPage::tr("tail");
  }
  return {};
}
}  // namespace

ItemViewPage::ItemViewPage(Bookmarks& bookmarks, QWidget* parent) : QWidget(parent), m_bookmarks(bookmarks) {
  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->setObjectName(QStringLiteral("itemViewSplitter"));
  splitter->setChildrenCollapsible(false);
  splitter->addWidget(buildSearch());
  splitter->addWidget(buildDetails());
  splitter->setStretchFactor(0, 1);
  splitter->setStretchFactor(1, 3);
  splitter->setSizes({340, 1000});
  auto* layout = new QHBoxLayout(this);
  layout->addWidget(splitter);

  connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
  connect(m_searchDelay, &QTimer::timeout, this, &ItemViewPage::runSearch);
  connect(m_search, &QLineEdit::returnPressed, this, &ItemViewPage::runSearch);
  connect(m_resultsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) {
            if (current.isValid()) showItem(m_results->keyAt(current.row()));
          });
  for (auto* view : {m_similarView, m_togetherView}) {
    connect(view, &QTableView::doubleClicked, this, [this, view](const QModelIndex& index) {
      showItem(view->model()->data(index, ItemViewListModel::kKeyRole).toInt());
    });
    view->setToolTip(tr("Double-click to show this item"));
  }
  connect(m_window, &QComboBox::currentIndexChanged, this, &ItemViewPage::showTogether);
  connect(m_similarBy, &QComboBox::currentIndexChanged, this, &ItemViewPage::showSimilar);
  connect(m_bookmark, &QToolButton::clicked, this, &ItemViewPage::toggleBookmark);
  connect(&m_bookmarks, &Bookmarks::changed, this, &ItemViewPage::updateBookmark);
  connect(m_note, &QPlainTextEdit::textChanged, m_noteDelay, qOverload<>(&QTimer::start));
  connect(m_noteDelay, &QTimer::timeout, this, &ItemViewPage::saveNote);
  connect(m_whoGets, &ItemWhoGetsPanel::userRequested, this, &ItemViewPage::userRequested);
  showItem(-1);
}

ItemViewPage::~ItemViewPage() = default;

void ItemViewPage::setSnapshot(std::shared_ptr<const DatasetSnapshot> snapshot) {
  if (m_noteDelay->isActive()) saveNote();
  m_snapshot = std::move(snapshot);
  m_index.reset();
  m_similar.reset();
  m_content.reset();
  m_contentJob.cancel();
  m_session.reset();
  m_whoGets->setSession(nullptr);
  m_results->clear();
  m_searchCount->clear();
  showItem(-1);
  startIndexing();
}

void ItemViewPage::setSession(std::shared_ptr<const ModelSession> session) {
  if (session && &session->snapshot() != m_snapshot.get()) return;  // made for another project
  if (session == m_session) return;
  m_session = std::move(session);
  m_similar.reset();
  m_whoGets->setSession(m_session);
  showSimilar();
  startSimilar();
}

void ItemViewPage::startIndexing() {
  if (!m_snapshot) return;
  if (m_indexJob.isRunning()) {
    m_indexJob.cancel();  // its result is dropped and indexing restarts for the new snapshot
    return;
  }
  auto snapshot = m_snapshot;
  m_searchCount->setText(tr("Indexing the catalog…"));
  m_indexJob.start<std::shared_ptr<const ItemViewIndex>>(
      tr("Indexing the catalog"),
      [snapshot](const TaskControl& control) { return ItemViewIndex::build(*snapshot, control); },
      [this, snapshot](Result<std::shared_ptr<const ItemViewIndex>> result) {
        if (snapshot != m_snapshot) {
          QTimer::singleShot(0, this, &ItemViewPage::startIndexing);
          return;
        }
        if (!result) {
          m_searchCount->setText(
              tr("Could not index the catalog: %1").arg(display::text(result.error().message)));
          return;
        }
        m_index = std::move(result).value();
        m_searchCount->clear();
        runSearch();
        showTogether();
        Q_EMIT indexed();
      });
}

void ItemViewPage::startSimilar() {
  if (!m_session) return;
  if (m_similarJob.isRunning()) {
    m_similarJob.cancel();
    return;
  }
  auto session = m_session;
  m_similarJob.start<std::shared_ptr<const SimilarItems>>(
      tr("Preparing similar items"), [session](const TaskControl&) { return buildSimilarItems(*session); },
      [this, session](Result<std::shared_ptr<const SimilarItems>> result) {
        if (session != m_session) {
          QTimer::singleShot(0, this, &ItemViewPage::startSimilar);
          return;
        }
        if (!result) {
          m_similarMessage->setText(tr("Could not read the model's item embeddings: %1")
                                        .arg(display::text(result.error().message)));
          return;
        }
        m_similar = std::move(result).value();
        showSimilar();
      });
}

void ItemViewPage::startContentSimilarity() {
  if (!m_snapshot || m_contentJob.isRunning()) return;
  auto snapshot = m_snapshot;
  m_contentJob.start<std::shared_ptr<const SimilarItems>>(
      tr("Comparing the items' content"),
      [snapshot](const TaskControl& control) { return buildContentSimilarity(*snapshot, control); },
      [this, snapshot](Result<std::shared_ptr<const SimilarItems>> result) {
        if (snapshot != m_snapshot) return;  // setSnapshot cleared it; asked again when shown
        if (!result) {
          if (result.error().code != ErrorCode::Cancelled)
            m_similarMessage->setText(display::text(result.error().message));
          return;
        }
        m_content = std::move(result).value();
        showSimilar();
      });
}

void ItemViewPage::focusSearch() {
  m_search->setFocus(Qt::ShortcutFocusReason);
  m_search->selectAll();
}

void ItemViewPage::runSearch() {
  m_searchDelay->stop();
  if (!m_index || !m_snapshot) return;
  const std::string query = m_search->text().toStdString();
  const auto found = m_index->search.search(query, kSearchLimit);
  const auto& items = m_snapshot->dataset().items;
  std::vector<ItemViewListModel::Row> rows;
  for (const auto& hit : found.hits) {
    const auto i = static_cast<std::size_t>(hit.item);
    rows.push_back({hit.item,
                    {display::text(items.ids[i]), display::text(items.titles[i]),
                     static_cast<qint64>(m_snapshot->itemInteractions(i))},
                    display::text(items.titles[i])});
  }
  m_results->setRows(std::move(rows));
  m_resultsView->resizeColumnToContents(0);
  if (m_search->text().trimmed().isEmpty())
    m_searchCount->setText(
        tr("Type to search %1 items").arg(display::count(static_cast<qint64>(items.size()))));
  else if (found.total > found.hits.size())
    m_searchCount->setText(tr("%1 matches, best %2 shown")
                               .arg(display::count(static_cast<qint64>(found.total)))
                               .arg(found.hits.size()));
  else
    m_searchCount->setText(tr("%n match(es)", nullptr, static_cast<int>(found.total)));
  // The best hit is shown at once, so typing alone walks through the catalog.
  if (!found.hits.empty()) m_resultsView->setCurrentIndex(m_results->index(0, 0));
}

void ItemViewPage::showItem(int item) {
  if (m_noteDelay->isActive()) saveNote();
  const bool valid = m_snapshot && item >= 0 && static_cast<std::size_t>(item) < m_snapshot->itemCount();
  m_item = valid ? item : -1;
  updateHeader();
  updateBookmark();
  {
    // Loading the note must not look like an edit.
    const QSignalBlocker blocker(m_note);
    m_noteRef = valid ? m_snapshot->dataset().items.ids[static_cast<std::size_t>(item)] : std::string();
    m_note->setPlainText(valid ? m_bookmarks.note(Bookmarks::Target::Item, m_noteRef) : QString());
  }
  m_note->setEnabled(valid && m_bookmarks.isOpen());
  if (valid) {
    const int row = m_results->rowOfKey(item);
    if (row >= 0 && m_resultsView->currentIndex().row() != row) {
      const QSignalBlocker blocker(m_resultsView->selectionModel());
      m_resultsView->setCurrentIndex(m_results->index(row, 0));
    }
  }
  showSimilar();
  showTogether();
  m_exposure->showItem(m_snapshot, m_item);
  m_whoGets->setItem(m_item);
  Q_EMIT itemShown(m_item);
}

void ItemViewPage::updateHeader() {
  if (m_item < 0) {
    m_title->setText(m_snapshot ? tr("No item chosen") : tr("Open a project to look at its items"));
    m_facts->setText(m_snapshot ? tr("Search the catalog on the left and pick an item.") : QString());
    return;
  }
  const auto i = static_cast<std::size_t>(m_item);
  const auto& items = m_snapshot->dataset().items;
  m_title->setText(display::itemName(items, i));
  QStringList facts{tr("id %1").arg(display::text(items.ids[i]))};
  for (const auto& field : items.fields) {
    if (!field.valueAt(i).empty())
      facts << tr("%1 %2").arg(display::text(field.name()), display::text(field.valueAt(i)));
  }
  if (const QString price = display::price(items.prices[i]); !price.isEmpty())
    facts << tr("price %1").arg(price);
  const auto firstSeen = m_snapshot->itemFirstSeen(i);
  if (firstSeen != kNoTime)
    facts << tr("first seen %1").arg(display::time(firstSeen, m_snapshot->dataset().info.timeUnit));
  facts << tr("%1 interactions").arg(display::count(m_snapshot->itemInteractions(i)))
        << tr("%1 popularity tier").arg(tierName(m_snapshot->itemTier(i)));
  m_facts->setText(facts.join(QStringLiteral(" · ")));
}

void ItemViewPage::showSimilar() {
  const bool byContent = m_similarBy->currentData().toString() == QStringLiteral("content");
  if (byContent) {
    if (!m_content) startContentSimilarity();
    listSimilar(m_content.get(), tr("Comparing the items' titles and attributes…"));
    return;
  }
  if (!m_session) {
    m_similarModel->clear();
    m_similarMessage->setText(
        tr("Load a model on the Recommendations page to see similar items, or compare by content."));
    m_similarMessage->show();
    return;
  }
  listSimilar(m_similar.get(), tr("Reading the model's item embeddings…"));
}

void ItemViewPage::listSimilar(const SimilarItems* similar, const QString& waiting) {
  m_similarModel->clear();
  if (!similar) {
    m_similarMessage->setText(waiting);
    m_similarMessage->show();
    return;
  }
  if (m_item < 0) {
    m_similarMessage->hide();
    return;
  }
  if (m_item >= static_cast<int>(similar->numItems())) {
    m_similarMessage->setText(tr("This item is newer than the model: it has no embedding yet."));
    m_similarMessage->show();
    return;
  }
  auto top = similar->similarTo(m_item, kListLength);
  if (!top) {
    m_similarMessage->setText(display::text(top.error().message));
    m_similarMessage->show();
    return;
  }
  m_similarMessage->hide();
  const auto& items = m_snapshot->dataset().items;
  std::vector<ItemViewListModel::Row> rows;
  for (const auto& r : top.value()) {
    const auto i = static_cast<std::size_t>(r.item);
    rows.push_back(
        {r.item, {display::text(items.ids[i]), display::text(items.titles[i]), double(r.score)}, {}});
  }
  m_similarModel->setRows(std::move(rows));
  m_similarView->resizeColumnToContents(0);
  Q_EMIT similarShown();
}

void ItemViewPage::showTogether() {
  m_togetherModel->clear();
  if (m_item < 0 || !m_index) {
    m_togetherMessage->setVisible(m_snapshot && !m_index);
    m_togetherMessage->setText(tr("Indexing the interactions…"));
    return;
  }
  const auto window = m_window->currentData().toLongLong();
  const auto top = m_index->together.together(m_item, kListLength, window);
  const auto& items = m_snapshot->dataset().items;
  std::vector<ItemViewListModel::Row> rows;
  for (const auto& c : top) {
    const auto i = static_cast<std::size_t>(c.item);
    rows.push_back({c.item,
                    {display::text(items.ids[i]), display::text(items.titles[i]),
                     static_cast<qint64>(c.together), c.lift},
                    tr("%1 of the %2 users of the shown item also have this one (confidence %3)")
                        .arg(display::count(c.together), display::count(m_index->together.usersOf(m_item)),
                             QLocale().toString(c.confidence, 'f', 2))});
  }
  m_togetherMessage->setVisible(rows.empty());
  m_togetherMessage->setText(tr("No other item shares a user with this one."));
  m_togetherModel->setRows(std::move(rows));
  m_togetherView->resizeColumnToContents(0);
}

void ItemViewPage::toggleBookmark() {
  if (m_item < 0) return;
  const auto i = static_cast<std::size_t>(m_item);
  const auto& items = m_snapshot->dataset().items;
  m_bookmarks.toggle(Bookmarks::Target::Item, items.ids[i], items.titles[i]);
  updateBookmark();
}

void ItemViewPage::updateBookmark() {
  const bool valid = m_item >= 0 && m_bookmarks.isOpen();
  const bool on =
      valid && m_bookmarks.isBookmarked(Bookmarks::Target::Item,
                                        m_snapshot->dataset().items.ids[static_cast<std::size_t>(m_item)]);
  m_bookmark->setEnabled(valid);
  m_bookmark->setChecked(on);
  m_bookmark->setText(on ? tr("★ Bookmarked") : tr("☆ Bookmark"));
}

void ItemViewPage::saveNote() {
  m_noteDelay->stop();
  if (m_noteRef.empty()) return;
  m_bookmarks.setNote(Bookmarks::Target::Item, m_noteRef, m_note->toPlainText());
}

}  // namespace reclens
