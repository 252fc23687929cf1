#pragma once
#include <QAbstractTableModel>

#include <string>
#include <vector>

#include "bookmarks/bookmarks.h"

namespace reclens {

// The bookmarked users and items and every user or item with a note, as a table: bookmarked mark,
// kind, id, label and the note's first line. Rows follow Bookmarks (bookmarks oldest first, then
// notes without a bookmark); refreshed on Bookmarks::changed.
class BookmarksModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { MarkColumn, KindColumn, IdColumn, LabelColumn, NoteColumn, ColumnCount };

  explicit BookmarksModel(const Bookmarks& bookmarks, QObject* parent = nullptr);

  Bookmarks::Target targetAt(int row) const { return m_rows[static_cast<std::size_t>(row)].first; }
  const std::string& refAt(int row) const { return m_rows[static_cast<std::size_t>(row)].second; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  void refresh();

  const Bookmarks& m_bookmarks;
  std::vector<Bookmarks::Key> m_rows;
  std::vector<std::string> m_labels;
};

}  // namespace reclens
