#pragma once
#include <string>
#include <vector>

#include "common/result.h"

namespace reclens::sim {

// How a simulated user looks down a slate (position bias).
// - Position-based ("pbm:eta"): the slot at rank r (1-based) is examined with probability 1/r^eta,
//   independently of the others; an examined item is taken with its appeal.
// - Cascade ("cascade"): the user reads from the top and stops at the first item taken, so rank r is
//   examined only when nothing above it was taken.
struct Examination {
  enum class Kind { PositionBased, Cascade };
  Kind kind = Kind::PositionBased;
  double eta = 1.0;

  // "pbm", "pbm:<eta>" (eta in [0, 4]) or "cascade"; the error names the text.
  static Result<Examination> parse(const std::string& text);
  std::string name() const;
  // Examination probability of rank r (1-based) under the position-based model.
  double positionWeight(int rank) const;
  // Expected number of items taken from a slate whose items have appeal `appeal` in slate order.
  double expectedTakes(const std::vector<double>& appeal) const;
};

}  // namespace reclens::sim
