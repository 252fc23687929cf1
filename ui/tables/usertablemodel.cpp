#include "tables/usertablemodel.h"

#include "widgets/displayformat.h"

namespace reclens {

UserTableModel::UserTableModel(QObject* parent) : SnapshotTableModel(parent) {}

int UserTableModel::fieldCount() const {
  return snapshot() ? static_cast<int>(snapshot()->dataset().users.fields.size()) : 0;
}

int UserTableModel::interactionsColumn() const {
  return 1 + fieldCount();
}

int UserTableModel::fieldOf(int column) const {
  const int field = column - 1;
  return field >= 0 && field < fieldCount() ? field : -1;
}

int UserTableModel::rowsIn(const DatasetSnapshot& snapshot) const {
  return static_cast<int>(snapshot.userCount());
}

int UserTableModel::columnsIn(const DatasetSnapshot& snapshot) const {
  return 4 + static_cast<int>(snapshot.dataset().users.fields.size());
}

QVariant UserTableModel::display(int row, int column) const {
  const auto& s = *snapshot();
  const auto& users = s.dataset().users;
  const auto r = static_cast<std::size_t>(row);
  const auto unit = s.dataset().info.timeUnit;
  if (column == 0) return display::text(users.ids[r]);
  if (const int field = fieldOf(column); field >= 0) {
    return display::text(users.fields[static_cast<std::size_t>(field)].valueAt(r));
  }
  if (column == interactionsColumn()) return display::count(s.userInteractions(r));
  if (column == firstActivityColumn()) return display::time(s.userFirstTime(r), unit);
  if (column == lastActivityColumn()) return display::time(s.userLastTime(r), unit);
  return {};
}

double UserTableModel::sortKey(int row, int column) const {
  const auto& s = *snapshot();
  const auto r = static_cast<std::size_t>(row);
  if (column == 0) return s.userIdRank(r);
  if (const int field = fieldOf(column); field >= 0) {
    const auto f = static_cast<std::size_t>(field);
    return s.userValueRank(f, s.dataset().users.fields[f].codeAt(r));
  }
  if (column == interactionsColumn()) return static_cast<double>(s.userInteractions(r));
  if (column == firstActivityColumn()) return static_cast<double>(s.userFirstTime(r));
  if (column == lastActivityColumn()) return static_cast<double>(s.userLastTime(r));
  return 0.0;
}

bool UserTableModel::matchesText(int row, std::string_view lowerNeedle) const {
  return DatasetSnapshot::containsIgnoringCase(snapshot()->dataset().users.ids[static_cast<std::size_t>(row)],
                                               lowerNeedle);
}

int UserTableModel::valueCode(int row, int column) const {
  const int field = fieldOf(column);
  if (field < 0) return -1;
  return snapshot()->dataset().users.fields[static_cast<std::size_t>(field)].codeAt(
      static_cast<std::size_t>(row));
}

QString UserTableModel::columnTitle(int column) const {
  if (column == 0) return tr("User");
  if (const int field = fieldOf(column); field >= 0) {
    return display::text(snapshot()->dataset().users.fields[static_cast<std::size_t>(field)].name());
  }
  if (column == interactionsColumn()) return tr("Interactions");
  if (column == firstActivityColumn()) return tr("First activity");
  if (column == lastActivityColumn()) return tr("Last activity");
  return {};
}

QString UserTableModel::columnToolTip(int column) const {
  if (column == 0) return tr("The user's id in the source data");
  if (fieldOf(column) >= 0) return tr("User attribute \"%1\" as imported").arg(columnTitle(column));
  if (column == interactionsColumn()) return tr("Number of interactions of the user");
  if (column == firstActivityColumn()) return tr("Time of the user's first interaction (UTC)");
  if (column == lastActivityColumn()) return tr("Time of the user's last interaction (UTC)");
  return {};
}

bool UserTableModel::isNumeric(int column) const {
  return column == interactionsColumn();
}

}  // namespace reclens
