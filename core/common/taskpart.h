#pragma once
#include <string_view>

#include "common/taskcontrol.h"

namespace reclens {

// A TaskControl for one stage of a longer task: the same cancel flag, and a stage's progress f reported to
// `whole` as from + (to − from)·f. `whole` must outlive the result.
inline TaskControl taskPart(const TaskControl& whole, double from, double to) {
  TaskControl part;
  part.cancel = whole.cancel;
  part.progress = [&whole, from, to](double f, std::string_view stage) {
    whole.report(from + (to - from) * f, stage);
  };
  return part;
}

}  // namespace reclens
