#pragma once
// Test helper: a user's profile with some history positions removed, written out independently of the
// deletion test's own code so that the tests recompute what it measures.
#include <algorithm>
#include <cstddef>
#include <vector>

#include "engine/userprofile.h"

namespace reclens::testing {

inline UserProfile profileWithout(const UserProfile& profile, const std::vector<std::size_t>& removed) {
  UserProfile after;
  after.fieldCodes = profile.fieldCodes;
  for (std::size_t l = 0; l < profile.items.size(); ++l) {
    if (std::find(removed.begin(), removed.end(), l) != removed.end()) continue;
    after.items.push_back(profile.items[l]);
    after.weights.push_back(profile.weights[l]);
  }
  return after;
}

}  // namespace reclens::testing
