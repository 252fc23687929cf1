#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "data/dataset.h"

namespace reclens {
class ModelFile;
}

namespace reclens::sim {

// The "truth" a simulated user answers from: for a user row, the probability of taking each catalog
// row once they look at it (its appeal). Position bias is applied on top (sim/examination.h).
class Oracle {
 public:
  virtual ~Oracle() = default;
  virtual std::size_t numItems() const = 0;
  // Replaces `out` with the appeal of every catalog row for `user` (values in [0, 1]).
  virtual void appeal(std::int32_t user, std::vector<double>& out) const = 0;
  // Whether appeal() may be called from several threads at once (for different users).
  virtual bool concurrentAppeal() const { return false; }
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

// How well a model truth's link fits: reliability bins on the users the link was not fitted on.
struct LinkCalibration {
  double intercept = 0.0;
  double slope = 0.0;
  std::size_t fitPairs = 0;               // (score, outcome) pairs the link was fitted on
  std::size_t checkPairs = 0;             // pairs of the other users, for the figures below
  double expectedCalibrationError = 0.0;  // mean |predicted - observed| over 10 bins, weighted by size
  double logLoss = 0.0;
  std::vector<double> binPredicted;  // per non-empty bin: mean predicted probability
  std::vector<double> binObserved;   // observed rate
  std::vector<std::size_t> binCount;
};

// The semi-synthetic truth of an imported project: a model trained on all the data (the user picks it)
// whose scores become probabilities through a logistic link a + b * score, fitted on each user's held-out
// item (splitByTime's test item) against `negatives` items drawn uniformly among those the user never
// touched. The link is fitted on the even user rows and checked on the odd ones (`calibration`). The
// ratio of drawn items sets the overall level of engagement, not the order: an assumption stated in
// description(), which names the model `name` ("" = its file). Deterministic in `seed`.
Result<std::unique_ptr<Oracle>> makeModelOracle(std::shared_ptr<const ModelFile> model,
                                                const Dataset& dataset, int negatives, std::uint64_t seed,
                                                LinkCalibration* calibration = nullptr,
                                                const std::string& name = "");

}  // namespace reclens::sim
