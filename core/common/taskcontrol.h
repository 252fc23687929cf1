#pragma once
#include <atomic>
#include <functional>
#include <string_view>

namespace reclens {

// Progress reporting and cancellation for long core operations (import, generation, training).
// Both parts are optional; a default TaskControl reports nothing and is never cancelled.
struct TaskControl {
  // fraction in [0, 1]; stage is a short English phrase such as "reading interactions".
  std::function<void(double fraction, std::string_view stage)> progress;
  const std::atomic<bool>* cancel = nullptr;

  bool cancelled() const { return cancel != nullptr && cancel->load(std::memory_order_relaxed); }
  void report(double fraction, std::string_view stage) const {
    if (progress) progress(fraction, stage);
  }
};

}  // namespace reclens
