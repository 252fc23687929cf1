#pragma once
// A small hand-made dataset shared by the ui tests: 4 users, 6 items, 20 interactions.
#include <cmath>

#include "data/dataset.h"

namespace reclens::testing {

// Item popularity: i0=10, i1=4, i2=3, i3=2, i4=1, i5=0 (20 in all). Cumulative shares from the
// top: 50%, 70%, 85%, 95%, 100% -> head {i0, i1, i2} (the prefix that reaches 80%),
// mid {i3} (up to 95%), tail {i4, i5}.
inline Dataset smallDataset() {
  Dataset d;
  d.info.name = "small shop";
  d.info.source = "hand-made for tests";
  d.items.ids = {"10", "9", "B-7", "a-3", "100", "x"};
  d.items.titles = {"Green tea", "black coffee", "Apple juice", "Water", "Milk", "Unsold thing"};
  d.items.prices = {3.5, 12.0, std::nan(""), 0.99, 1.25, 100.0};
  d.items.firstSeen = {kNoTime, 1600000000, kNoTime, kNoTime, kNoTime, 1500000000};
  d.items.fields.emplace_back("category");
  for (const char* c : {"drinks", "drinks", "juice", "drinks", "dairy", ""}) d.items.fields.back().append(c);
  d.items.fields.emplace_back("brand");
  for (const char* b : {"Acme", "Bolt", "Acme", "", "Cow", "Zed"}) d.items.fields.back().append(b);
  d.users.ids = {"u2", "u10", "u1", "U3"};
  d.users.fields.emplace_back("gender");
  for (const char* g : {"F", "M", "F", ""}) d.users.fields.back().append(g);
  d.users.fields.emplace_back("region");
  for (const char* r : {"North", "South", "South", "East"}) d.users.fields.back().append(r);
  const auto k = d.interactions.kindIndex("purchase");
  // (user, item) pairs; timestamps increase by one hour from 2021-01-01T00:00:00Z.
  const int pairs[20][2] = {{0, 0}, {0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 0}, {1, 0}, {1, 1}, {1, 3}, {1, 4},
                            {2, 0}, {2, 0}, {2, 0}, {2, 1}, {2, 2}, {2, 3}, {0, 0}, {0, 0}, {0, 1}, {0, 2}};
  for (int r = 0; r < 20; ++r)
    d.interactions.append(pairs[r][0], pairs[r][1], 1609459200 + 3600 * r, 1.0f, k);
  return d;
}

}  // namespace reclens::testing
