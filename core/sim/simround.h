#pragma once
// Internal to the simulator: one batch of users in one round, for one policy.
#include <cstdint>
#include <vector>

#include "common/result.h"
#include "sim/simstate.h"

namespace reclens::sim::detail {

struct BatchContext {
  const SimConfig* config = nullptr;
  const SharedInputs* shared = nullptr;
  std::uint64_t seed = 0;
  int round = 0;                                     // 1-based
  const std::vector<std::int32_t>* users = nullptr;  // the batch
  const std::vector<double>* appeal = nullptr;       // [batch, items]
  std::size_t firstListIndex = 0;                    // position of the batch's first user in the round
};

// Chooses the slates of the batch for `state`'s policy, samples the responses, tallies the round's
// metrics, records takes (history, bandit, simulated log). `mark` is scratch of catalog size, all zero.
Status playBatch(PolicyState& state, const BatchContext& context, std::vector<std::uint8_t>& mark);

}  // namespace reclens::sim::detail
