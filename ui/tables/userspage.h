#pragma once
#include <vector>

#include "tables/tablepage.h"

class QCheckBox;
class QComboBox;

namespace reclens {

class Bookmarks;
class UserTableModel;

// The user browser: every user with attributes and activity, a text filter on the id and one
// value filter per user attribute.
class UsersPage : public TablePage {
  Q_OBJECT

 public:
  // Attributes with more distinct values than this get no filter combo (it would be unusable).
  static constexpr int kMaxComboValues = 200;

  explicit UsersPage(QWidget* parent = nullptr);

  const std::vector<QComboBox*>& attributeFilters() const { return m_combos; }
  // Dataset row of the user in the current table row, -1 when none is selected.
  int currentUser() const;
  // Makes dataset user row `user` the current row (clearing the filters that hide it).
  void selectUser(int user);
  // Stars bookmarked users and offers bookmarking and the "Bookmarked only" filter.
  void setBookmarks(Bookmarks* bookmarks);
  // Flips the bookmark of the current user.
  void toggleBookmark();
  QCheckBox* bookmarkedOnly() const { return m_bookmarkedOnly; }

 Q_SIGNALS:
  // The user asked to see recommendations for dataset user row `user` (double-click, Enter or the
  // context menu).
  void recommendationsRequested(int user);
  // The current row now shows dataset user row `user`.
  void currentUserChanged(int user);

 protected:
  void snapshotChanged() override;
  QString countText(qint64 shown, qint64 total) const override;

 private:
  void applyBookmarkFilter();

  UserTableModel* m_users;
  std::vector<QComboBox*> m_combos;
  Bookmarks* m_bookmarks = nullptr;
  QCheckBox* m_bookmarkedOnly;
};

}  // namespace reclens
