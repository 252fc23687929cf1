#include "whatif/whatifeditor.h"

#include <QUndoStack>

#include <algorithm>

#include "whatif/whatifcommand.h"

namespace reclens {

WhatIfEditor::WhatIfEditor(QObject* parent) : QObject(parent), m_undo(new QUndoStack(this)) {}

void WhatIfEditor::setBase(UserProfile base) {
  m_base = std::move(base);
  m_undo->clear();
  m_state = {};
  Q_EMIT stateChanged();
}

bool WhatIfEditor::inBase(std::int32_t item) const {
  return std::find(m_base.items.begin(), m_base.items.end(), item) != m_base.items.end();
}

float WhatIfEditor::baseWeight(std::int32_t item) const {
  const auto it = std::find(m_base.items.begin(), m_base.items.end(), item);
  return it == m_base.items.end() ? 0.0f
                                  : m_base.weights[static_cast<std::size_t>(it - m_base.items.begin())];
}

void WhatIfEditor::setIncluded(std::int32_t item, bool included, const QString& text) {
  WhatIfState next = m_state;
  if (included) {
    next.removed.erase(item);
  } else {
    next.removed.insert(item);
  }
  push(std::move(next), text);
}

void WhatIfEditor::setWeight(std::int32_t item, float weight, const QString& text) {
  WhatIfState next = m_state;
  if (next.isAdded(item)) {
    for (auto& a : next.added) {
      if (a.first == item) a.second = weight;
    }
  } else if (weight == baseWeight(item)) {
    next.weights.erase(item);
  } else {
    next.weights[item] = weight;
  }
  push(std::move(next), text, item);
}

void WhatIfEditor::addItem(std::int32_t item, float weight, const QString& text) {
  WhatIfState next = m_state;
  if (inBase(item) || next.isAdded(item)) {
    // Adding what is already there turns it back on.
    next.removed.erase(item);
  } else {
    next.added.emplace_back(item, weight);
  }
  push(std::move(next), text);
}

void WhatIfEditor::moveToNewest(std::int32_t item, const QString& text) {
  if (!inBase(item)) return;
  WhatIfState next = m_state;
  next.removed.erase(item);
  next.moved.erase(std::remove(next.moved.begin(), next.moved.end(), item), next.moved.end());
  next.moved.push_back(item);
  push(std::move(next), text);
}

void WhatIfEditor::setField(int field, std::int32_t code, const QString& text) {
  WhatIfState next = m_state;
  const auto index = static_cast<std::size_t>(field);
  if (index < m_base.fieldCodes.size() && m_base.fieldCodes[index] == code) {
    next.fields.erase(field);
  } else {
    next.fields[field] = code;
  }
  push(std::move(next), text);
}

void WhatIfEditor::setItemDelisted(std::int32_t item, bool delisted, const QString& text) {
  WhatIfState next = m_state;
  if (delisted) {
    next.delistedItems.insert(item);
  } else {
    next.delistedItems.erase(item);
  }
  push(std::move(next), text);
}

void WhatIfEditor::setBrandDelisted(const std::string& brand, bool delisted, const QString& text) {
  WhatIfState next = m_state;
  if (delisted) {
    next.delistedBrands.insert(brand);
  } else {
    next.delistedBrands.erase(brand);
  }
  push(std::move(next), text);
}

void WhatIfEditor::replaceState(WhatIfState state, const QString& text) {
  push(std::move(state), text);
}

void WhatIfEditor::reset() {
  push({}, tr("Reset"));
}

void WhatIfEditor::push(WhatIfState next, const QString& text, int mergeItem) {
  if (next == m_state) return;
  m_undo->push(new WhatIfCommand(*this, m_state, std::move(next), text, mergeItem));
}

void WhatIfEditor::setState(const WhatIfState& state) {
  m_state = state;
  Q_EMIT stateChanged();
}

}  // namespace reclens
