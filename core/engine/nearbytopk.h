#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/recommendation.h"

namespace reclens {

// Exact top-K for a user vector close to one whose full-catalog scores are known: a what-if edit of a
// profile moves its user vector u0 by a small Δ, and every item's score by v·Δ, which is at most
// |v|·|Δ| (Cauchy–Schwarz). Only items whose remembered score s0 plus that bound can reach the k-th
// best are scored exactly:
// - first query of remembered scores: the remembered top list, scored anew, gives a floor for the
//   k-th best; one pass over s0 and the item norms picks the items that can reach it;
// - later queries: s0 sorted once, items are visited best first and the visit stops as soon as no
//   item left can reach the k-th best score found so far (a few dot products, no pass over the catalog).
// Either gives the list of scoring the whole catalog; when the bound lets too much through, topK()
// says so and the caller scores everything.
//
// The bound carries a rounding allowance of the float scores, so an item is never skipped because of
// rounding; the scores themselves are exact dot products (accumulated in double, then rounded to
// float), equal to a full pass's up to the float rounding of its sums. Not thread-safe.
class NearbyTopK {
 public:
  struct Stats {
    std::size_t scored = 0;  // items whose exact score was computed
    bool sortedNow = false;  // this call sorted the remembered scores first
    bool fellBack = false;   // the bound could not settle the list: the caller scores everything
  };

  // The item matrix, row-major [n, dim], and the Euclidean norm of every row; not copied, must outlive
  // this object and stay unchanged.
  void setItems(const float* items, std::size_t n, int dim, const float* norms);
  // Forgets the remembered scores.
  void clear();
  // Remembers the full scores of `userVector` (scores[i] for catalog row i; rows in `excluded` may hold
  // -inf, their true scores are recomputed here) and `top`, the best items found with them. Takes over
  // `scores`' storage by swapping.
  void remember(const std::vector<float>& userVector, std::vector<float>& scores,
                const std::vector<std::int32_t>& excluded, const std::vector<Recommendation>& top);
  bool hasScores() const { return m_valid; }
  // Queries answered from the remembered scores.
  int answered() const { return m_answered; }
  // |userVector − u0|; infinite with no remembered scores.
  double distance(const std::vector<float>& userVector) const;

  // The top `k` of `userVector` never listing `exclude`, into `out` (as selectTopK orders them); false,
  // with `out` untouched, when the remembered scores cannot settle it (no scores, a vector too far
  // from them, or more of the catalog to visit than the sorted part holds): then score everything.
  bool topK(const std::vector<float>& userVector, int k, const std::vector<std::int32_t>& exclude,
            std::vector<Recommendation>& out, Stats* stats = nullptr);

 private:
  void sortRemembered();
  float exactScore(std::size_t row, const std::vector<float>& u) const;
  bool bySortedScores(const std::vector<float>& u, std::size_t k, double reach, double slack,
                      std::vector<Recommendation>& heap, Stats& st) const;
  bool byOnePass(const std::vector<float>& u, std::size_t k, double reach, double slack,
                 std::vector<Recommendation>& out, Stats& st);
  bool excluded(std::int32_t row) const;

  const float* m_items = nullptr;
  const float* m_norms = nullptr;
  std::size_t m_n = 0;
  int m_dim = 0;
  float m_maxNorm = 0.0f;

  bool m_valid = false;
  bool m_sorted = false;
  bool m_sortable = true;                            // every remembered score is a number
  int m_answered = 0;                                // queries answered from these scores
  bool m_cheap = false;                              // the last one-pass answer scored few rows
  std::vector<float> m_user;                         // u0
  double m_userNorm = 0.0;                           // |u0|
  std::vector<float> m_scores;                       // s0 per catalog row
  std::vector<std::int32_t> m_top;                   // the remembered top list's rows
  std::vector<std::int32_t> m_order;                 // the best rows by s0, best first
  std::vector<float> m_sortedScores, m_sortedNorms;  // s0 and |v| of m_order's rows, in its order
  float m_restBound = 0.0f;                          // no row outside m_order has s0 above this
  std::vector<std::int32_t> m_sortedExclude;         // scratch: the query's exclusions, sorted
  std::vector<float> m_compact;                      // scratch: exact scores of one pass's candidates
  std::vector<std::int32_t> m_rows;                  // scratch: their rows
};

}  // namespace reclens
