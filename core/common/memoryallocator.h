#pragma once
#include <string>

namespace reclens {

// The C library's allocator, set up for tensor work (docs/benchmarks.md, "The memory allocator").
//
// By default glibc hands every freed block above a moving threshold back to the kernel and gets fresh,
// zero-filled pages for the next one; a training epoch or a simulation round allocates and frees tens of
// MiB per batch, so the first epoch of every training ran about four times slower than the next ones on
// a virtual machine where a page fault is dear. tuneMemoryAllocator() fixes the two thresholds instead:
// blocks up to kAllocatorMmapThreshold come from the heap, and up to kAllocatorTrimThreshold of freed
// heap stays with the process. It also writes them into the environment, so that child processes (the
// benchmarks' Python baselines) run with the same allocator. Settings the user made (MALLOC_MMAP_THRESHOLD_,
// MALLOC_TRIM_THRESHOLD_ or GLIBC_TUNABLES with glibc.malloc) are left as they are. Call it first thing in
// main(), before any thread starts. Without glibc it does nothing.
void tuneMemoryAllocator();

// What the allocator runs with, in words, for the benchmarks' reports: "glibc 2.36, heap blocks up to 32
// MiB, 256 MiB of freed memory kept (both sides)", "glibc 2.36, as set in the environment", "library
// default".
std::string memoryAllocatorDescription();

inline constexpr long kAllocatorMmapThreshold = 32L << 20;  // glibc's largest accepted value
inline constexpr long kAllocatorTrimThreshold = 256L << 20;

}  // namespace reclens
