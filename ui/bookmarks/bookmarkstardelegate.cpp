#include "bookmarks/bookmarkstardelegate.h"

namespace reclens {

BookmarkStarDelegate::BookmarkStarDelegate(const Bookmarks& bookmarks, Bookmarks::Target target,
                                           std::function<std::string(const QModelIndex&)> refOf,
                                           QObject* parent)
    : QStyledItemDelegate(parent), m_bookmarks(bookmarks), m_target(target), m_refOf(std::move(refOf)) {}

void BookmarkStarDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const {
  QStyledItemDelegate::initStyleOption(option, index);
  if (m_bookmarks.isBookmarked(m_target, m_refOf(index))) option->text = QStringLiteral("★ ") + option->text;
}

}  // namespace reclens
