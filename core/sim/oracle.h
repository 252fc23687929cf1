#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "data/dataset.h"

namespace reclens::sim {

// The "truth" a simulated user answers from: for a user row, the probability of taking each catalog
// row once they look at it (its appeal). Position bias is applied on top (sim/examination.h).
class Oracle {
 public:
  virtual ~Oracle() = default;
  virtual std::size_t numItems() const = 0;
  // Replaces `out` with the appeal of every catalog row for `user` (values in [0, 1]).
  virtual void appeal(std::int32_t user, std::vector<double>& out) const = 0;
  // One sentence for reports: where the truth comes from and the assumptions made.
  virtual std::string description() const = 0;
  // Items the truth treats specially (the planted under-exposed brand), or -1 when none.
  virtual int plantedBrandCode() const { return -1; }
  // Category code per catalog row when the oracle knows the user's category mix, for interest drift.
  virtual bool hasTasteMix() const { return false; }
  // The user's true category mix over the catalog's "category" vocabulary (sums to 1); empty when unknown.
  virtual std::vector<double> tasteMix(std::int32_t /*user*/) const { return {}; }
};

// The truth of a project made by the generator, rebuilt from its stored configuration (project
// metadata "generator.config"). A user's choice distribution pi_u(i) is exactly the one the
// generator samples picks from (docs/simulation.md gives the formula), with the planted shop-side
// suppression of the under-exposed brand removed: users like its items as much as any other; the
// shop hid them. Appeal is 1 - exp(-scale * N * pi_u(i)), N the catalog size, so an item as likely as
// a uniform pick has appeal about `scale`.
// Fails (ErrorCode::NotFound) when the configuration is missing or the dataset is not that world.
Result<std::unique_ptr<Oracle>> makeSyntheticOracle(const std::string& generatorConfigJson,
                                                    const Dataset& dataset, double scale);

}  // namespace reclens::sim
