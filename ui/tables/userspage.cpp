#include "tables/userspage.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QTableView>

#include <algorithm>
#include <numeric>

#include "bookmarks/bookmarks.h"
#include "bookmarks/bookmarkstardelegate.h"
#include "tables/snapshotfilterproxymodel.h"
#include "tables/usertablemodel.h"
#include "widgets/displayformat.h"

namespace reclens {

UsersPage::UsersPage(QWidget* parent)
    : TablePage(new UserTableModel, tr("Filter users by id…"), parent),
      m_users(static_cast<UserTableModel*>(model())),
      m_bookmarkedOnly(new QCheckBox(tr("Bookmarked only"), this)) {
  // Double-click, Enter or the context menu open the Recommendations page for the user.
  auto* show = new QAction(tr("Show &Recommendations"), view());
  show->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
  show->setShortcutContext(Qt::WidgetShortcut);
  show->setStatusTip(tr("Show what the model recommends to this user"));
  view()->addAction(show);
  view()->setContextMenuPolicy(Qt::ActionsContextMenu);
  const auto request = [this] {
    if (const int user = currentUser(); user >= 0) Q_EMIT recommendationsRequested(user);
  };
  connect(show, &QAction::triggered, this, request);
  connect(view(), &QTableView::doubleClicked, this, request);
  connect(view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
    if (const int user = currentUser(); user >= 0) Q_EMIT currentUserChanged(user);
  });
  m_bookmarkedOnly->setToolTip(tr("Show only the bookmarked users"));
  m_bookmarkedOnly->setEnabled(false);
  filterBar()->addWidget(m_bookmarkedOnly);
  connect(m_bookmarkedOnly, &QCheckBox::toggled, this, &UsersPage::applyBookmarkFilter);
}

void UsersPage::setBookmarks(Bookmarks* bookmarks) {
  m_bookmarks = bookmarks;
  m_bookmarkedOnly->setEnabled(bookmarks != nullptr);
  if (bookmarks == nullptr) return;
  const auto idOf = [this](const QModelIndex& index) -> std::string {
    const auto& snapshot = m_users->snapshot();
    const int row = proxy()->mapToSource(index).row();
    if (!snapshot || row < 0 || static_cast<std::size_t>(row) >= snapshot->userCount()) return {};
    return snapshot->dataset().users.ids[static_cast<std::size_t>(row)];
  };
  view()->setItemDelegateForColumn(
      0, new BookmarkStarDelegate(*bookmarks, Bookmarks::Target::User, idOf, view()));
  auto* mark = new QAction(tr("&Bookmark User"), view());
  mark->setStatusTip(tr("Bookmark or un-bookmark this user (Ctrl+D)"));
  view()->addAction(mark);
  connect(mark, &QAction::triggered, this, &UsersPage::toggleBookmark);
  connect(bookmarks, &Bookmarks::changed, this, [this] {
    if (m_bookmarkedOnly->isChecked()) applyBookmarkFilter();
    view()->viewport()->update();
  });
}

void UsersPage::toggleBookmark() {
  const int user = currentUser();
  if (m_bookmarks == nullptr || user < 0) return;
  m_bookmarks->toggle(Bookmarks::Target::User,
                      m_users->snapshot()->dataset().users.ids[static_cast<std::size_t>(user)]);
}

void UsersPage::applyBookmarkFilter() {
  if (m_bookmarks == nullptr || !m_bookmarkedOnly->isChecked()) {
    proxy()->setRowFilter({});
    return;
  }
  proxy()->setRowFilter([this](int row) {
    const auto& snapshot = m_users->snapshot();
    return snapshot &&
           m_bookmarks->isBookmarked(Bookmarks::Target::User,
                                     snapshot->dataset().users.ids[static_cast<std::size_t>(row)]);
  });
}

void UsersPage::selectUser(int user) {
  const auto& snapshot = m_users->snapshot();
  if (!snapshot || user < 0 || static_cast<std::size_t>(user) >= snapshot->userCount()) return;
  QModelIndex index = proxy()->mapFromSource(m_users->index(user, 0));
  if (!index.isValid()) {
    // Filtered out: clear the filters rather than select nothing.
    filterEdit()->clear();
    proxy()->setTextFilter({});
    for (auto* combo : m_combos) combo->setCurrentIndex(0);
    m_bookmarkedOnly->setChecked(false);
    index = proxy()->mapFromSource(m_users->index(user, 0));
  }
  view()->setCurrentIndex(index);
  view()->scrollTo(index);
}

int UsersPage::currentUser() const {
  const QModelIndex index = view()->currentIndex();
  if (!index.isValid()) return -1;
  return proxy()->mapToSource(index).row();
}

void UsersPage::snapshotChanged() {
  for (auto* combo : m_combos) delete combo;
  m_combos.clear();
  const auto& snapshot = m_users->snapshot();
  if (!snapshot) return;
  const auto& fields = snapshot->dataset().users.fields;
  for (std::size_t f = 0; f < fields.size(); ++f) {
    const auto& vocabulary = fields[f].vocabulary();
    if (vocabulary.empty() || vocabulary.size() > static_cast<std::size_t>(kMaxComboValues)) continue;
    const QString name = display::text(fields[f].name());
    auto* combo = new QComboBox(this);
    combo->setObjectName(QStringLiteral("filter_%1").arg(name));
    combo->setToolTip(tr("Show only users with this %1").arg(name));
    combo->addItem(tr("Any %1").arg(name), -1);
    std::vector<std::int32_t> codes(vocabulary.size());
    std::iota(codes.begin(), codes.end(), 0);
    std::sort(codes.begin(), codes.end(), [&](std::int32_t a, std::int32_t b) {
      return snapshot->userValueRank(f, a) < snapshot->userValueRank(f, b);
    });
    for (const auto code : codes)
      combo->addItem(display::text(vocabulary[static_cast<std::size_t>(code)]), code);
    const int column = UserTableModel::attributeColumn(static_cast<int>(f));
    connect(combo, &QComboBox::currentIndexChanged, this,
            [this, combo, column] { proxy()->setValueFilter(column, combo->currentData().toInt()); });
    filterBar()->addWidget(combo);
    m_combos.push_back(combo);
  }
  // Most active users first: the ones an analyst usually starts with.
  view()->sortByColumn(m_users->interactionsColumn(), Qt::DescendingOrder);
}

QString UsersPage::countText(qint64 shown, qint64 total) const {
  return tr("Showing %1 of %2 users").arg(display::count(shown), display::count(total));
}

}  // namespace reclens
