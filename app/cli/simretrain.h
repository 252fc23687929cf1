#pragma once
#include "engine/computedevice.h"
#include "sim/simulation.h"

namespace reclens::cli {

// Re-trains the simulated model as `simulate --retrain-every` asks: the current model's kind, size and
// history weighting with its tuned defaults, `epochs` epochs on the extended data, written to a
// temporary file that is loaded on `device` and removed.
sim::Retrainer makeSimRetrainer(const ComputeDevice& device);

}  // namespace reclens::cli
