#include "whatif/whatifhistorymodel.h"

#include <QBrush>
#include <QFont>
#include <QPalette>

#include <unordered_map>

#include "whatif/whatifeditor.h"
#include "widgets/displayformat.h"

namespace reclens {

WhatIfHistoryModel::WhatIfHistoryModel(WhatIfEditor& editor, QObject* parent)
    : QAbstractTableModel(parent), m_editor(editor) {
  connect(&m_editor, &WhatIfEditor::stateChanged, this, &WhatIfHistoryModel::syncWithEditor);
}

void WhatIfHistoryModel::setHistory(std::shared_ptr<const DatasetSnapshot> snapshot,
                                    const std::vector<HistoryEvent>& events) {
  beginResetModel();
  m_snapshot = std::move(snapshot);
  m_categoryField = m_snapshot ? m_snapshot->dataset().items.fieldIndex("category") : -1;
  m_history.clear();
  std::unordered_map<std::int32_t, std::size_t> at;
  for (const auto& e : events) {
    const auto [it, fresh] = at.emplace(e.item, m_history.size());
    if (fresh) m_history.push_back({e.item, e.ts, e.ts, 0, 0.0f, false});
    auto& entry = m_history[it->second];
    entry.last = e.ts;
    ++entry.events;
    entry.weight += e.weight;
  }
  m_entries = entriesOf(m_editor.state());
  endResetModel();
}

void WhatIfHistoryModel::setReplayTime(std::optional<std::int64_t> asOf) {
  if (asOf == m_asOf) return;
  m_asOf = asOf;
  if (!m_entries.empty()) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void WhatIfHistoryModel::syncWithEditor() {
  std::vector<Entry> entries = entriesOf(m_editor.state());
  if (entries.size() != m_entries.size()) {
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
    return;
  }
  m_entries = std::move(entries);
  if (!m_entries.empty()) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

std::vector<WhatIfHistoryModel::Entry> WhatIfHistoryModel::entriesOf(const WhatIfState& state) const {
  // The history in the scenario's order: items moved to the newest place after the others, then the
  // added items.
  std::vector<Entry> entries;
  for (const auto& e : m_history) {
    if (!state.isMoved(e.item)) entries.push_back(e);
  }
  for (const auto item : state.moved) {
    for (const auto& e : m_history) {
      if (e.item == item) entries.push_back(e);
    }
  }
  for (const auto& [item, weight] : state.added) entries.push_back({item, 0, 0, 0, weight, true});
  return entries;
}

int WhatIfHistoryModel::rowOf(std::int32_t item) const {
  for (std::size_t r = 0; r < m_entries.size(); ++r) {
    if (m_entries[r].item == item) return static_cast<int>(r);
  }
  return -1;
}

int WhatIfHistoryModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int WhatIfHistoryModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QString WhatIfHistoryModel::titleOf(std::int32_t item) const {
  const auto& items = m_snapshot->dataset().items;
  const auto row = static_cast<std::size_t>(item);
  const auto& title = items.titles[row];
  return display::text(title.empty() ? items.ids[row] : title);
}

QVariant WhatIfHistoryModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_snapshot)
    return {};
  const Entry& e = m_entries[static_cast<std::size_t>(index.row())];
  const auto& state = m_editor.state();
  const bool included = state.removed.count(e.item) == 0;
  const bool later = m_asOf && !e.added && e.first > *m_asOf;
  const float weight = state.weightOf(e.item, e.weight);
  const auto unit = m_snapshot->dataset().info.timeUnit;
  switch (role) {
    case kItemRole:
      return e.item;
    case Qt::CheckStateRole:
      return index.column() == IncludeColumn ? QVariant(included ? Qt::Checked : Qt::Unchecked) : QVariant();
    case Qt::EditRole:
      return index.column() == WeightColumn ? QVariant(static_cast<double>(weight)) : QVariant();
    case Qt::TextAlignmentRole: {
      const bool numeric = index.column() == EventsColumn || index.column() == WeightColumn;
      return QVariant::fromValue(Qt::AlignVCenter | (numeric ? Qt::AlignRight : Qt::AlignLeft));
    }
    case Qt::ForegroundRole:
      if (later || !included) return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
      if (e.added) return QBrush(QColor(0x1b, 0x7f, 0x3b));
      return {};
    case Qt::FontRole: {
      QFont font;
      font.setStrikeOut(!included);
      font.setItalic(later);
      font.setBold(index.column() == WeightColumn && weight != e.weight && !e.added);
      return font;
    }
    case Qt::ToolTipRole:
      if (later) return tr("Not yet in the history at the replay time");
      if (e.added) return tr("Added in this what-if");
      if (state.isMoved(e.item))
        return tr("%1 — moved to the newest place in this what-if (the order matters to sequential models)")
            .arg(titleOf(e.item));
      if (index.column() == WeightColumn)
        return tr("Summed interaction weight %1; double-click to change")
            .arg(static_cast<double>(e.weight), 0, 'g', 4);
      return tr("%1 — %n interaction(s), last %2", nullptr, e.events)
          .arg(titleOf(e.item), display::time(e.last, unit));
    case Qt::DisplayRole:
      break;
    default:
      return {};
  }
  switch (index.column()) {
    case DateColumn:
      // The day is enough in a narrow column; the tool tip has the time of the last interaction.
      if (e.added) return tr("added");
      if (state.isMoved(e.item)) return tr("moved: newest");
      return unit == TimeUnit::UnixSeconds ? display::time(e.first, unit).left(10)
                                           : display::time(e.first, unit);
    case TitleColumn:
      return titleOf(e.item);
    case CategoryColumn:
      return m_categoryField < 0
                 ? QString()
                 : display::text(
                       m_snapshot->dataset().items.fields[static_cast<std::size_t>(m_categoryField)].valueAt(
                           static_cast<std::size_t>(e.item)));
    case EventsColumn:
      return e.added ? QVariant() : QVariant(e.events);
    case WeightColumn:
      return QString::number(static_cast<double>(weight), 'f', 2);
    default:
      return {};
  }
}

bool WhatIfHistoryModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return false;
  const Entry& e = m_entries[static_cast<std::size_t>(index.row())];
  const QString title = titleOf(e.item);
  if (role == Qt::CheckStateRole && index.column() == IncludeColumn) {
    const bool on = value.toInt() == Qt::Checked;
    m_editor.setIncluded(e.item, on, on ? tr("Include %1").arg(title) : tr("Remove %1").arg(title));
    return true;
  }
  if (role == Qt::EditRole && index.column() == WeightColumn) {
    bool ok = false;
    const double w = value.toDouble(&ok);
    if (!ok || w < 0.0) return false;
    m_editor.setWeight(e.item, static_cast<float>(w), tr("Re-weight %1").arg(title));
    return true;
  }
  return false;
}

Qt::ItemFlags WhatIfHistoryModel::flags(const QModelIndex& index) const {
  Qt::ItemFlags f = QAbstractTableModel::flags(index);
  if (!index.isValid()) return f;
  if (index.column() == IncludeColumn) f |= Qt::ItemIsUserCheckable;
  if (index.column() == WeightColumn) f |= Qt::ItemIsEditable;
  return f;
}

QVariant WhatIfHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
    return QAbstractTableModel::headerData(section, orientation, role);
  switch (section) {
    case IncludeColumn:
      return tr("On");
    case DateColumn:
      return tr("First seen");
    case TitleColumn:
      return tr("Title");
    case CategoryColumn:
      return tr("Category");
    case EventsColumn:
      return tr("Events");
    case WeightColumn:
      return tr("Weight");
    default:
      return {};
  }
}

}  // namespace reclens
