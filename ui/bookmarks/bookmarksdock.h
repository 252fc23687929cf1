#pragma once
#include <QDockWidget>

#include "bookmarks/bookmarks.h"

class QLabel;
class QTableView;

namespace reclens {

class BookmarksModel;

// A dock listing the bookmarked users and items and those with notes. Double-click (or Enter) on a
// row asks to show that user or item (by its external id); a button removes the selected bookmark.
class BookmarksDock : public QDockWidget {
  Q_OBJECT

 public:
  BookmarksDock(Bookmarks& bookmarks, QWidget* parent = nullptr);

  QTableView* view() const { return m_view; }
  BookmarksModel* model() const { return m_model; }

 Q_SIGNALS:
  void userRequested(const QString& id);
  void itemRequested(const QString& id);

 private:
  void activate(const QModelIndex& index);
  void updateEmptyText();

  Bookmarks& m_bookmarks;
  BookmarksModel* m_model;
  QTableView* m_view;
  QLabel* m_empty;
};

}  // namespace reclens
