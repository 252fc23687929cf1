#include "bookmarks/bookmarksdock.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "bookmarks/bookmarksmodel.h"

namespace reclens {

BookmarksDock::BookmarksDock(Bookmarks& bookmarks, QWidget* parent)
    : QDockWidget(tr("Bookmarks and Notes"), parent),
      m_bookmarks(bookmarks),
      m_model(new BookmarksModel(bookmarks, this)),
      m_view(new QTableView(this)),
      m_empty(new QLabel(this)) {
  setObjectName(QStringLiteral("bookmarksDock"));
  auto* body = new QWidget(this);
  auto* column = new QVBoxLayout(body);
  column->setContentsMargins(4, 4, 4, 4);
  m_view->setModel(m_model);
  m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_view->setSelectionMode(QAbstractItemView::SingleSelection);
  m_view->setAlternatingRowColors(true);
  m_view->setWordWrap(false);
  m_view->verticalHeader()->hide();
  m_view->horizontalHeader()->setStretchLastSection(true);
  m_view->setToolTip(tr("Double-click to show the user or item"));
  m_empty->setWordWrap(true);
  m_empty->setText(tr("Nothing bookmarked yet. Press Ctrl+D on a user or an item to bookmark it."));
  auto* remove = new QPushButton(tr("&Remove Bookmark"), body);
  remove->setToolTip(tr("Remove the bookmark of the selected row (its note stays)"));
  auto* buttons = new QHBoxLayout;
  buttons->addStretch(1);
  buttons->addWidget(remove);
  column->addWidget(m_empty);
  column->addWidget(m_view, 1);
  column->addLayout(buttons);
  setWidget(body);

  auto* open = new QAction(tr("Show"), m_view);
  open->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
  open->setShortcutContext(Qt::WidgetShortcut);
  m_view->addAction(open);
  connect(open, &QAction::triggered, this, [this] { activate(m_view->currentIndex()); });
  connect(m_view, &QTableView::doubleClicked, this, &BookmarksDock::activate);
  connect(remove, &QPushButton::clicked, this, [this] {
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid()) return;
    m_bookmarks.setBookmarked(m_model->targetAt(index.row()), m_model->refAt(index.row()), false);
  });
  connect(m_model, &QAbstractItemModel::modelReset, this, &BookmarksDock::updateEmptyText);
  updateEmptyText();
}

void BookmarksDock::activate(const QModelIndex& index) {
  if (!index.isValid()) return;
  const QString id = QString::fromStdString(m_model->refAt(index.row()));
  if (m_model->targetAt(index.row()) == Bookmarks::Target::Item)
    Q_EMIT itemRequested(id);
  else
    Q_EMIT userRequested(id);
}

void BookmarksDock::updateEmptyText() {
  m_empty->setVisible(m_model->rowCount() == 0);
  m_view->resizeColumnsToContents();
}

}  // namespace reclens
