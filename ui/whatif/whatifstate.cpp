#include "whatif/whatifstate.h"

#include <algorithm>

namespace reclens {

bool WhatIfState::isAdded(std::int32_t item) const {
  return std::any_of(added.begin(), added.end(), [item](const auto& a) { return a.first == item; });
}

bool WhatIfState::isMoved(std::int32_t item) const {
  return std::find(moved.begin(), moved.end(), item) != moved.end();
}

float WhatIfState::weightOf(std::int32_t item, float original) const {
  if (const auto it = weights.find(item); it != weights.end()) return it->second;
  for (const auto& [row, weight] : added) {
    if (row == item) return weight;
  }
  return original;
}

std::vector<WhatIfEdit> WhatIfState::edits(const UserProfile& base) const {
  std::vector<WhatIfEdit> out;
  for (std::size_t i = 0; i < base.items.size(); ++i) {
    if (removed.count(base.items[i]) != 0) out.push_back(WhatIfEdit::removeItem(base.items[i]));
  }
  const auto inBase = [&base](std::int32_t item) {
    return std::find(base.items.begin(), base.items.end(), item) != base.items.end();
  };
  // Moves that would not change the order (the items moved already end the history, in that order) are
  // left out.
  std::vector<std::int32_t> moves;
  {
    std::vector<std::int32_t> kept;
    for (const auto item : base.items) {
      if (removed.count(item) == 0) kept.push_back(item);
    }
    for (const auto item : moved) {
      if (removed.count(item) == 0 && inBase(item)) moves.push_back(item);
    }
    if (std::equal(moves.begin(), moves.end(), kept.end() - static_cast<std::ptrdiff_t>(moves.size())))
      moves.clear();
  }
  for (const auto item : moves) out.push_back(WhatIfEdit::removeItem(item));
  for (std::size_t i = 0; i < base.items.size(); ++i) {
    const auto item = base.items[i];
    const auto it = weights.find(item);
    const bool isMove = std::find(moves.begin(), moves.end(), item) != moves.end();
    if (removed.count(item) == 0 && !isMove && it != weights.end() && it->second != base.weights[i])
      out.push_back(WhatIfEdit::setWeight(item, it->second));
  }
  for (const auto item : moves) {
    const auto at = std::find(base.items.begin(), base.items.end(), item) - base.items.begin();
    out.push_back(WhatIfEdit::addItem(item, weightOf(item, base.weights[static_cast<std::size_t>(at)])));
  }
  for (const auto& [item, weight] : added) {
    if (removed.count(item) == 0 && !inBase(item)) out.push_back(WhatIfEdit::addItem(item, weight));
  }
  for (const auto& [field, code] : fields) {
    const auto index = static_cast<std::size_t>(field);
    if (index >= base.fieldCodes.size() || base.fieldCodes[index] != code)
      out.push_back(WhatIfEdit::setUserField(field, code));
  }
  return out;
}

WhatIfState WhatIfState::fromEdits(const std::vector<WhatIfEdit>& edits, const UserProfile& base) {
  WhatIfState s;
  const auto inBase = [&base](std::int32_t item) {
    return std::find(base.items.begin(), base.items.end(), item) != base.items.end();
  };
  for (const auto& e : edits) {
    switch (e.kind) {
      case WhatIfEdit::Kind::RemoveItem:
        if (inBase(e.item) || s.isAdded(e.item)) s.removed.insert(e.item);
        break;
      case WhatIfEdit::Kind::AddItem:
        if (inBase(e.item) && s.removed.count(e.item) != 0) {
          // Removed and added again: moved to the newest place.
          s.removed.erase(e.item);
          s.moved.push_back(e.item);
          const auto at = std::find(base.items.begin(), base.items.end(), e.item) - base.items.begin();
          if (e.weight != base.weights[static_cast<std::size_t>(at)]) s.weights[e.item] = e.weight;
        } else if (inBase(e.item)) {
          s.weights[e.item] = e.weight;
        } else if (!s.isAdded(e.item)) {
          s.added.emplace_back(e.item, e.weight);
        } else {
          s.removed.erase(e.item);
        }
        break;
      case WhatIfEdit::Kind::SetWeight:
        if (s.isAdded(e.item)) {
          for (auto& a : s.added) {
            if (a.first == e.item) a.second = e.weight;
          }
        } else {
          s.weights[e.item] = e.weight;
        }
        break;
      case WhatIfEdit::Kind::SetUserField:
        s.fields[e.field] = e.code;
        break;
    }
  }
  return s;
}

}  // namespace reclens
