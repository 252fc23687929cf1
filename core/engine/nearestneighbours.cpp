#include "engine/nearestneighbours.h"

#include <hnswlib/hnswlib.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define RECLENS_L2_AVX2 1
#endif

#ifdef __linux__
#include <sys/mman.h>
#include <unistd.h>
#endif

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <memory>
#include <string>
#include <utility>

#include "common/parallelchunks.h"
#include "engine/computethreads.h"

namespace reclens {

namespace {

using Index = hnswlib::HierarchicalNSW<float>;

// Rows between two looks at the cancel flag while an index grows.
constexpr std::size_t kCheckEvery = 4096;
// Rows searched per work chunk.
constexpr std::size_t kSearchGrain = 2048;

#ifdef RECLENS_L2_AVX2
// Squared Euclidean distance with AVX2 and FMA, 16 floats per step. The build targets baseline x86-64,
// for which hnswlib's own distance uses SSE (4 floats per step); this one is compiled for AVX2 alone and
// chosen at run time where the processor has it. On 64 dimensions it halves the distance's time, which is
// most of the index's.
__attribute__((target("avx2,fma"))) float squaredDistanceAvx2(const void* left, const void* right,
                                                              const void* dimension) {
  const auto* x = static_cast<const float*>(left);
  const auto* y = static_cast<const float*>(right);
  const std::size_t n = *static_cast<const std::size_t*>(dimension);
  __m256 low = _mm256_setzero_ps(), high = _mm256_setzero_ps();
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m256 a = _mm256_sub_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i));
    const __m256 b = _mm256_sub_ps(_mm256_loadu_ps(x + i + 8), _mm256_loadu_ps(y + i + 8));
    low = _mm256_fmadd_ps(a, a, low);
    high = _mm256_fmadd_ps(b, b, high);
  }
  for (; i + 8 <= n; i += 8) {
    const __m256 a = _mm256_sub_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i));
    low = _mm256_fmadd_ps(a, a, low);
  }
  const __m256 both = _mm256_add_ps(low, high);
  __m128 sum = _mm_add_ps(_mm256_castps256_ps128(both), _mm256_extractf128_ps(both, 1));
  sum = _mm_add_ps(sum, _mm_movehl_ps(sum, sum));
  sum = _mm_add_ss(sum, _mm_movehdup_ps(sum));
  float total = _mm_cvtss_f32(sum);
  for (; i < n; ++i) {
    const float d = x[i] - y[i];
    total += d * d;
  }
  return total;
}
#endif

// hnswlib's L2 space, with the AVX2 distance where the processor has it.
class SquaredL2Space : public hnswlib::SpaceInterface<float> {
 public:
  explicit SquaredL2Space(std::size_t dim) : m_fallback(dim), m_dim(dim) {
    m_distance = m_fallback.get_dist_func();
#ifdef RECLENS_L2_AVX2
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) m_distance = squaredDistanceAvx2;
#endif
  }
  size_t get_data_size() override {
    return m_fallback.get_data_size();
  }
  hnswlib::DISTFUNC<float> get_dist_func() override {
    return m_distance;
  }
  void* get_dist_func_param() override {
    return &m_dim;
  }

 private:
  hnswlib::L2Space m_fallback;
  std::size_t m_dim;
  hnswlib::DISTFUNC<float> m_distance = nullptr;
};

// Asks Linux to back an index's graph with huge pages (where transparent huge pages are on "madvise",
// Debian's default). A search hops between rows all over the graph, hundreds of MiB at a million rows:
// with 4 KiB pages nearly every hop also misses the address translation cache. Advice only: a kernel
// that refuses it changes nothing but speed.
void adviseHugePages(const Index& index) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
  const auto begin = reinterpret_cast<std::uintptr_t>(index.data_level0_memory_);
  const std::uintptr_t end = begin + index.max_elements_ * index.size_data_per_element_;
  const std::uintptr_t first = (begin + page - 1) / page * page;
  if (page > 0 && end > first) madvise(reinterpret_cast<void*>(first), end - first, MADV_HUGEPAGE);
#else
  (void)index;
#endif
}

struct Shard {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::unique_ptr<Index> index;
};

}  // namespace

Result<NeighbourGraph> approximateNeighbours(const std::vector<float>& matrix, std::size_t rows, int dim,
                                             const NeighbourOptions& options, const TaskControl& control) {
  if (rows == 0 || dim <= 0 || matrix.size() != rows * static_cast<std::size_t>(dim)) {
    return makeError(ErrorCode::InvalidArgument, "the matrix does not have " + std::to_string(rows) + " x " +
                                                     std::to_string(dim) + " values");
  }
  if (options.k < 1 || static_cast<std::size_t>(options.k) >= rows) {
    return makeError(ErrorCode::InvalidArgument, "the number of neighbours must be between 1 and " +
                                                     std::to_string(rows > 0 ? rows - 1 : 0));
  }
  const int threads = options.threads > 0 ? options.threads : std::max(1, computeThreads());
  const auto k = static_cast<std::size_t>(options.k);
  const auto d = static_cast<std::size_t>(dim);
  try {
    SquaredL2Space space(d);
    const std::size_t shardRows = std::max<std::size_t>(options.shardRows, k + 1);
    const std::size_t shardCount = (rows + shardRows - 1) / shardRows;
    std::vector<Shard> shards(shardCount);
    for (std::size_t s = 0; s < shardCount; ++s) {
      shards[s].begin = s * rows / shardCount;
      shards[s].end = (s + 1) * rows / shardCount;
    }
    // Building: each shard by one thread in row order, so its graph is the same whatever the thread
    // count (hnswlib's concurrent inserts would make it depend on timing).
    std::atomic<std::size_t> built{0};
    std::atomic<bool> stop{false};
    parallelChunks(shardCount, 1, threads, [&](std::size_t first, std::size_t last, std::size_t worker) {
      for (std::size_t s = first; s < last; ++s) {
        auto& shard = shards[s];
        shard.index = std::make_unique<Index>(
            &space, shard.end - shard.begin, static_cast<std::size_t>(options.links),
            static_cast<std::size_t>(options.efConstruction), static_cast<std::size_t>(options.seed + s));
        adviseHugePages(*shard.index);
        for (std::size_t r = shard.begin; r < shard.end; ++r) {
          if ((r - shard.begin) % kCheckEvery == 0) {
            if (stop || control.cancelled()) {
              stop = true;
              return;
            }
            if (worker == 0) control.report(0.5 * double(built.load()) / double(rows), "indexing neighbours");
          }
          shard.index->addPoint(matrix.data() + r * d, static_cast<hnswlib::labeltype>(r));
          ++built;
        }
      }
    });
    if (stop || control.cancelled())
      return makeError(ErrorCode::Cancelled, "the neighbour search was cancelled");

    const std::size_t ef =
        options.efSearch > 0 ? static_cast<std::size_t>(options.efSearch) : std::max<std::size_t>(2 * k, 32);
    for (auto& shard : shards) shard.index->setEf(ef);
    NeighbourGraph graph;
    graph.k = options.k;
    graph.indices.assign(rows * k, -1);
    graph.distances.assign(rows * k, 0.0f);
    std::atomic<std::size_t> searched{0};
    parallelChunks(rows, kSearchGrain, threads, [&](std::size_t begin, std::size_t end, std::size_t worker) {
      if (stop || control.cancelled()) {
        stop = true;
        return;
      }
      std::vector<std::pair<float, std::int32_t>> found;
      for (std::size_t r = begin; r < end; ++r) {
        found.clear();
        for (const auto& shard : shards) {
          const std::size_t size = shard.end - shard.begin;
          // One more in the row's own shard: the row finds itself.
          const std::size_t want = std::min(size, k + (r >= shard.begin && r < shard.end ? 1 : 0));
          auto queue = shard.index->searchKnn(matrix.data() + r * d, want);
          for (; !queue.empty(); queue.pop()) {
            const auto row = static_cast<std::int32_t>(queue.top().second);
            if (static_cast<std::size_t>(row) != r) found.emplace_back(queue.top().first, row);
          }
        }
        // Exact ordering by (squared distance, row) makes the merge of shards deterministic.
        const std::size_t keep = std::min(k, found.size());
        std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end());
        for (std::size_t j = 0; j < keep; ++j) {
          graph.indices[r * k + j] = found[j].second;
          graph.distances[r * k + j] = std::sqrt(std::max(0.0f, found[j].first));
        }
      }
      searched += end - begin;
      if (worker == 0)
        control.report(0.5 + 0.5 * double(searched.load()) / double(rows), "searching neighbours");
    });
    if (stop || control.cancelled())
      return makeError(ErrorCode::Cancelled, "the neighbour search was cancelled");
    if (std::find(graph.indices.begin(), graph.indices.end(), -1) != graph.indices.end()) {
      return makeError(ErrorCode::Internal, "the neighbour index returned fewer than " + std::to_string(k) +
                                                " neighbours for a row; raise the search list");
    }
    return graph;
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Internal, std::string("the neighbour search failed: ") + e.what());
  }
}

}  // namespace reclens
