#pragma once
#include <QAbstractTableModel>
#include <QString>

#include <deque>

#include "live/liveupdate.h"

namespace reclens {

// The most recent live events, newest first: time, user, item and kind. Holds at most kMaxRows; the
// texts are made once when the events arrive, so data() only indexes.
class LiveFeedModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  enum Column { TimeColumn, UserColumn, ItemColumn, KindColumn, ColumnCount };
  static constexpr int kMaxRows = 500;
  // Answers with the dataset user row of an event (for "show this user").
  static constexpr int kUserRowRole = Qt::UserRole + 1;

  explicit LiveFeedModel(QObject* parent = nullptr);

  // Puts the new interactions of `update` on top.
  void add(const LiveUpdate& update);
  void clear();
  // Events of this dataset user row are drawn in bold (-1: none).
  void setHighlightedUser(int user);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  struct Row {
    QString time;
    QString user;
    QString item;
    QString itemToolTip;
    QString kind;
    int userRow = -1;
  };
  std::deque<Row> m_rows;
  int m_highlightedUser = -1;
};

}  // namespace reclens
