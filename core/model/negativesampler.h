#pragma once
#include <cstdint>
#include <random>
#include <vector>

#include "model/trainablemodel.h"

namespace reclens {

// BPR training triplets: every distinct (user, train item) pair once per epoch, grouped by user (users
// and each user's items in a seeded random order), each with `negatives` items drawn uniformly from those the
// user has no train interaction with.
class NegativeSampler {
 public:
  NegativeSampler(const UserHistories& train, std::int64_t numItems, std::uint64_t seed);

  // 32-bit rows: an epoch of a 20M-row log holds three of these per training pair at once.
  struct Triplets {
    std::vector<std::int32_t> users;
    std::vector<std::int32_t> positives;
    std::vector<std::int32_t> negatives;
  };
  // The triplets of the next epoch, user by user; deterministic for a given seed and epoch sequence.
  Triplets epoch(int negatives);
  // An item the user has not interacted with in train (any item when the user has them all).
  std::int64_t sampleNegative(std::int64_t user);

 private:
  const UserHistories& m_train;
  std::int64_t m_numItems;
  std::mt19937_64 m_rng;
};

}  // namespace reclens
