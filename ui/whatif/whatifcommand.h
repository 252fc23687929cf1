#pragma once
#include <QUndoCommand>

#include "whatif/whatifstate.h"

namespace reclens {

class WhatIfEditor;

// One undoable step of the what-if editor: the state before and after. Re-weights of the same item
// in a row (a spin box being stepped) merge into one command.
class WhatIfCommand : public QUndoCommand {
 public:
  // `mergeItem` >= 0 marks a re-weight of that catalog row, merged with the next re-weight of it.
  WhatIfCommand(WhatIfEditor& editor, WhatIfState before, WhatIfState after, const QString& text,
                int mergeItem);

  void undo() override;
  void redo() override;
  int id() const override;
  bool mergeWith(const QUndoCommand* other) override;

 private:
  WhatIfEditor& m_editor;
  WhatIfState m_before;
  WhatIfState m_after;
  int m_mergeItem;
};

}  // namespace reclens
