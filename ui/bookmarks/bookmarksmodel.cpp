#include "bookmarks/bookmarksmodel.h"

#include <set>

#include "widgets/displayformat.h"

namespace reclens {

BookmarksModel::BookmarksModel(const Bookmarks& bookmarks, QObject* parent)
    : QAbstractTableModel(parent), m_bookmarks(bookmarks) {
  connect(&bookmarks, &Bookmarks::changed, this, &BookmarksModel::refresh);
  refresh();
}

void BookmarksModel::refresh() {
  beginResetModel();
  m_rows.clear();
  m_labels.clear();
  std::set<Bookmarks::Key> listed;
  for (const auto& b : m_bookmarks.bookmarks()) {
    m_rows.emplace_back(b.target, b.ref);
    m_labels.push_back(b.label);
    listed.emplace(b.target, b.ref);
  }
  for (const auto& [key, body] : m_bookmarks.notes()) {
    if (listed.count(key) != 0) continue;
    m_rows.push_back(key);
    m_labels.emplace_back();
  }
  endResetModel();
}

int BookmarksModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int BookmarksModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant BookmarksModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  const auto row = static_cast<std::size_t>(index.row());
  const auto& [target, ref] = m_rows[row];
  const QString note = m_bookmarks.note(target, ref);
  if (role == Qt::ToolTipRole) return note.isEmpty() ? QVariant() : QVariant(note);
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case MarkColumn:
      return m_bookmarks.isBookmarked(target, ref) ? QStringLiteral("★") : QString();
    case KindColumn:
      return target == Bookmarks::Target::Item ? tr("Item") : tr("User");
    case IdColumn:
      return display::text(ref);
    case LabelColumn:
      return display::text(m_labels[row]);
    case NoteColumn:
      return note.section(QLatin1Char('\n'), 0, 0);
    default:
      return {};
  }
}

QVariant BookmarksModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::ToolTipRole && section == MarkColumn) return tr("Bookmarked");
  if (role != Qt::DisplayRole) return {};
  switch (section) {
    case MarkColumn:
      return QStringLiteral("★");
    case KindColumn:
      return tr("Kind");
    case IdColumn:
      return tr("Id");
    case LabelColumn:
      return tr("Label");
    case NoteColumn:
      return tr("Note");
    default:
      return {};
  }
}

}  // namespace reclens
