#pragma once
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace reclens {

// Runs `fn(begin, end, worker)` over [0, count) in chunks of `grain` indices on `threads` threads, the
// calling one included as worker 0. Which worker runs a chunk varies from run to run, so callers make
// each chunk's effect depend on its indices only; that keeps their results independent of `threads`.
template <class Fn>
void parallelChunks(std::size_t count, std::size_t grain, int threads, Fn&& fn) {
  grain = std::max<std::size_t>(grain, 1);
  const std::size_t chunks = (count + grain - 1) / grain;
  const auto workers =
      std::max<std::size_t>(1, std::min<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), chunks));
  std::atomic<std::size_t> next{0};
  const auto work = [&](std::size_t worker) {
    for (std::size_t c = next++; c < chunks; c = next++)
      fn(c * grain, std::min(count, (c + 1) * grain), worker);
  };
  std::vector<std::thread> helpers;
  helpers.reserve(workers - 1);
  for (std::size_t w = 1; w < workers; ++w) helpers.emplace_back(work, w);
  work(0);
  for (auto& h : helpers) h.join();
}

}  // namespace reclens
