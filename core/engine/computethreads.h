#pragma once

namespace reclens {

// Sets how many CPU threads the compute library uses inside one operation (matrix products, top-K);
// `threads` <= 0 keeps the library default. Call it once at start-up, before choosing the device.
void setComputeThreads(int threads);

// The number of CPU threads the compute library uses inside one operation.
int computeThreads();

}  // namespace reclens
