#pragma once
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "audit/auditrun.h"

namespace reclens {

// Two audit runs side by side (docs/audit.md, "Saved runs and comparison"): every statistic of both,
// the difference B − A, and for the per-user metrics a paired bootstrap interval of the difference
// over the users audited in both runs. The CLI's `audit compare`, the GUI's run comparison and the
// comparison report all read this one table.

inline constexpr double kNotAvailable = std::numeric_limits<double>::quiet_NaN();

struct RunComparisonRow {
  std::string
      section;  // "Users", "Accuracy", "Long tail", "Fairness", "Popularity lift", "Item groups", "Flips"
  std::string metric;  // e.g. "NDCG@20", "NDCG@20 by region: Islands", "Gini"
  double a = kNotAvailable;
  double b = kNotAvailable;
  double difference = kNotAvailable;  // b − a (NaN when either is)
  // Per-user metrics of paired runs: the 95% percentile interval of the mean of b_u − a_u over the
  // users with a held-out item in both runs (of the group, for a group's mean), from resamples of those
  // users with replacement. NaN where the row has no per-user values or the runs cannot be paired.
  double ciLow = kNotAvailable;
  double ciHigh = kNotAvailable;
  std::size_t pairedUsers = 0;
  bool significant = false;  // the interval lies entirely above or below 0
};

struct RunComparison {
  std::vector<RunComparisonRow> rows;  // in run A's order, then rows only B has
  std::vector<std::string> notes;      // different data, K, re-ranking; why nothing is paired
  bool paired = false;                 // both runs kept per-user records of the same data
  std::size_t pairedUsers = 0;         // users with a held-out item in both runs
  int bootstrapSamples = 0;
};

struct RunComparisonOptions {
  int bootstrapSamples = 1000;
  std::uint64_t seed = 1;
};

// Compares run A with run B. Runs pair when both hold per-user records (saved runs keep them; JSON
// written with --json-records too) and audited the same data; otherwise every row still has A, B and
// B − A, and a note says why there are no intervals. Deterministic for a given seed.
RunComparison compareAuditRuns(const AuditRun& a, const AuditRun& b,
                               const RunComparisonOptions& options = {});

// The comparison as a standalone HTML page: both runs' provenance, the notes, and the table with the
// significant differences marked.
std::string runComparisonHtml(const AuditRun& a, const AuditRun& b, const RunComparison& comparison);

}  // namespace reclens
