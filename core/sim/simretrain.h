#pragma once
#include "engine/computedevice.h"
#include "sim/simulation.h"

namespace reclens::sim {

// Re-trains a simulated model (SimConfig::retrainEvery): a warm start from the current model,
// with its kind, size, history weighting and tuned defaults, `epochs` epochs on the extended data, written
// to a temporary file that is loaded on `device` and removed once re-trained again or when the run ends.
Retrainer makeSimRetrainer(const ComputeDevice& device);

}  // namespace reclens::sim
