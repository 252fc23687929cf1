#pragma once
#include <QObject>
#include <QString>

#include <cstdint>
#include <string>

#include "engine/userprofile.h"
#include "whatif/whatifstate.h"

class QUndoStack;

namespace reclens {

// The what-if editor's model: the current WhatIfState of one user and its undo stack. Every change
// (toggle, re-weight, add, attribute, delisting, reset, a loaded scenario) is one undoable command;
// successive re-weights of the same item merge into one. stateChanged() follows every change.
class WhatIfEditor : public QObject {
  Q_OBJECT

 public:
  explicit WhatIfEditor(QObject* parent = nullptr);

  // Starts over for a user whose unedited profile is `base`: an empty state and an empty undo stack.
  void setBase(UserProfile base);
  const UserProfile& base() const { return m_base; }
  const WhatIfState& state() const { return m_state; }
  QUndoStack* undoStack() const { return m_undo; }

  // Each pushes one undoable command named `text` (nothing when the state would not change).
  void setIncluded(std::int32_t item, bool included, const QString& text);
  void setWeight(std::int32_t item, float weight, const QString& text);
  void addItem(std::int32_t item, float weight, const QString& text);
  // Moves history item `item` to the newest place (and turns it on); the order matters to sequential
  // models. Nothing happens for an item that is not in the history or already the last one moved.
  void moveToNewest(std::int32_t item, const QString& text);
  void setField(int field, std::int32_t code, const QString& text);
  void setItemDelisted(std::int32_t item, bool delisted, const QString& text);
  void setBrandDelisted(const std::string& brand, bool delisted, const QString& text);
  // Replaces the whole state (a loaded scenario, Reset) as one command.
  void replaceState(WhatIfState state, const QString& text);
  // Undoable return to the unedited profile.
  void reset();

  // The original weight of history item `item`, 0 when it is not in the base history.
  float baseWeight(std::int32_t item) const;
  bool inBase(std::int32_t item) const;

 Q_SIGNALS:
  void stateChanged();

 private:
  friend class WhatIfCommand;
  void push(WhatIfState next, const QString& text, int mergeItem = -1);
  void setState(const WhatIfState& state);

  QUndoStack* m_undo;
  UserProfile m_base;
  WhatIfState m_state;
};

}  // namespace reclens
