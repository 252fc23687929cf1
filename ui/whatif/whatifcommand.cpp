#include "whatif/whatifcommand.h"

#include "whatif/whatifeditor.h"

namespace reclens {

namespace {
constexpr int kReweightId = 0x57494631;  // "WIF1": commands of this id may merge
}

WhatIfCommand::WhatIfCommand(WhatIfEditor& editor, WhatIfState before, WhatIfState after, const QString& text,
                             int mergeItem)
    : QUndoCommand(text),
      m_editor(editor),
      m_before(std::move(before)),
      m_after(std::move(after)),
      m_mergeItem(mergeItem) {}

void WhatIfCommand::undo() {
  m_editor.setState(m_before);
}

void WhatIfCommand::redo() {
  m_editor.setState(m_after);
}

int WhatIfCommand::id() const {
  return m_mergeItem >= 0 ? kReweightId : -1;
}

bool WhatIfCommand::mergeWith(const QUndoCommand* other) {
  const auto* next = static_cast<const WhatIfCommand*>(other);
  if (next->m_mergeItem != m_mergeItem) return false;
  m_after = next->m_after;
  setText(next->text());
  return true;
}

}  // namespace reclens
