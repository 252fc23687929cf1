#include "engine/whatifreplay.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace reclens {

std::vector<HistoryEvent> userHistoryEvents(const Dataset& dataset, std::int32_t user) {
  const auto& log = dataset.interactions;
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < log.size(); ++r) {
    if (log.user[r] == user) rows.push_back(r);
  }
  // Rows are already in log order, so a stable sort by time keeps equal times in log order.
  std::stable_sort(rows.begin(), rows.end(),
                   [&log](std::size_t a, std::size_t b) { return log.ts[a] < log.ts[b]; });
  std::vector<HistoryEvent> events;
  events.reserve(rows.size());
  for (const std::size_t r : rows) {
    const float w = log.weight[r];
    events.push_back({log.ts[r], log.item[r], std::isfinite(w) ? w : 1.0f});
  }
  return events;
}

std::vector<std::int64_t> replaySteps(const std::vector<HistoryEvent>& events) {
  std::vector<std::int64_t> steps;
  steps.reserve(events.size());
  for (const auto& e : events) steps.push_back(e.ts);
  std::sort(steps.begin(), steps.end());
  steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
  return steps;
}

UserProfile profileAsOf(const UserProfile& full, const std::vector<HistoryEvent>& events,
                        std::int64_t cutoff) {
  const bool whole =
      std::all_of(events.begin(), events.end(), [cutoff](const HistoryEvent& e) { return e.ts <= cutoff; });
  if (whole) return full;
  // Summed in time order, as the profile builder sums them.
  std::unordered_map<std::int32_t, float> weight;
  for (const auto& e : events) {
    if (e.ts <= cutoff) weight[e.item] += e.weight;
  }
  UserProfile p;
  p.fieldCodes = full.fieldCodes;
  for (const std::int32_t item : full.items) {
    const auto it = weight.find(item);
    if (it == weight.end()) continue;
    p.items.push_back(item);
    p.weights.push_back(it->second);
  }
  return p;
}

std::vector<WhatIfEdit> applicableEdits(const UserProfile& base, const std::vector<WhatIfEdit>& edits) {
  std::unordered_set<std::int32_t> history(base.items.begin(), base.items.end());
  std::vector<WhatIfEdit> out;
  out.reserve(edits.size());
  for (const auto& edit : edits) {
    const bool present = history.count(edit.item) != 0;
    switch (edit.kind) {
      case WhatIfEdit::Kind::RemoveItem:
        if (!present) continue;
        history.erase(edit.item);
        break;
      case WhatIfEdit::Kind::AddItem:
        if (present) continue;
        history.insert(edit.item);
        break;
      case WhatIfEdit::Kind::SetWeight:
        if (!present) continue;
        break;
      case WhatIfEdit::Kind::SetUserField:
        break;
    }
    out.push_back(edit);
  }
  return out;
}

}  // namespace reclens
