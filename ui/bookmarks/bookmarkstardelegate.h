#pragma once
#include <QStyledItemDelegate>

#include <functional>
#include <string>

#include "bookmarks/bookmarks.h"

namespace reclens {

// Puts a star before the text of the cells whose row is bookmarked (e.g. the id column of the users
// table). `refOf` gives the user or item id a view index stands for ("" for none).
class BookmarkStarDelegate : public QStyledItemDelegate {
  Q_OBJECT

 public:
  BookmarkStarDelegate(const Bookmarks& bookmarks, Bookmarks::Target target,
                       std::function<std::string(const QModelIndex&)> refOf, QObject* parent = nullptr);

 protected:
  void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;

 private:
  const Bookmarks& m_bookmarks;
  Bookmarks::Target m_target;
  std::function<std::string(const QModelIndex&)> m_refOf;
};

}  // namespace reclens
