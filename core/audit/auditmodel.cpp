#include <algorithm>

#include "audit/audit.h"
#include "audit/auditinternal.h"
#include "audit/rerankinputs.h"
#include "common/sha256.h"
#include "engine/userprofilebuilder.h"

namespace reclens {

namespace {

using audit_detail::AuditContext;

// Largest score matrix of one scoring call, in floats (as the engine's own batches: 128 MiB).
constexpr std::size_t kMaxScoreFloats = std::size_t{32} << 20;

// Where a flip attribute lives in the model and which codes it can take.
struct FlipField {
  std::size_t modelField = 0;
  std::int32_t values = 0;
};

Result<std::vector<FlipField>> resolveFlips(const ModelMetadata& meta,
                                            const std::vector<std::string>& names) {
  std::vector<FlipField> out;
  for (const auto& name : names) {
    const auto it = std::find_if(meta.userFields.begin(), meta.userFields.end(),
                                 [&name](const ModelMetadata::UserField& f) { return f.name == name; });
    if (it == meta.userFields.end()) {
      return makeError(ErrorCode::InvalidArgument,
                       "the model does not use user attribute '" + name + "', so it cannot be flipped");
    }
    out.push_back({static_cast<std::size_t>(it - meta.userFields.begin()),
                   static_cast<std::int32_t>(it->vocabulary.size())});
  }
  return out;
}

// Jaccard overlap of the item sets of two lists (1 when both are empty); `a` and `b` are scratch.
double jaccard(const std::vector<Recommendation>& x, const std::vector<Recommendation>& y,
               std::vector<std::int32_t>& a, std::vector<std::int32_t>& b) {
  a.clear();
  b.clear();
  for (const auto& r : x) a.push_back(r.item);
  for (const auto& r : y) b.push_back(r.item);
  if (a.empty() && b.empty()) return 1.0;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::size_t shared = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++shared;
      ++i;
      ++j;
    }
  }
  return double(shared) / double(a.size() + b.size() - shared);
}

bool sameRanking(const std::vector<Recommendation>& x, const std::vector<Recommendation>& y) {
  return std::equal(x.begin(), x.end(), y.begin(), y.end(),
                    [](const Recommendation& a, const Recommendation& b) { return a.item == b.item; });
}

// The scoring loop of one audit: batches of users, their lists, and their counterfactual flips.
class ModelAuditRun {
 public:
  ModelAuditRun(ScoringEngine& engine, const Dataset& dataset, const TrainTestSplit& split,
                AuditPartial& partial, std::vector<FlipField> flips)
      : m_engine(engine),
        m_dataset(dataset),
        m_split(split),
        m_partial(partial),
        m_flips(std::move(flips)),
        m_context(audit_detail::makeContext(dataset, split, partial)),
        m_profiles(dataset, engine.model().metadata(), &m_context.historyRows),
        m_similarity(ItemSimilarity::fromEmbeddings(engine.itemEmbeddingsOnCpu().data(), engine.numItems(),
                                                    engine.dim())) {
    const auto n = std::max<std::size_t>(engine.numItems(), 1);
    m_maxRows = std::max<std::size_t>(
        1, std::min(static_cast<std::size_t>(partial.config.batchSize), kMaxScoreFloats / n));
    const auto& rerank = partial.config.rerank;
    m_fetch = partial.config.k;
    if (rerank.active()) {
      m_fetch = static_cast<int>(rerank.candidateCount(partial.config.k, engine.numItems()));
      if (auto inputs = makeReRankInputs(dataset, m_context.trainCounts, rerank)) {
        m_rerankInputs = std::move(inputs).value();
        m_rerankContext = m_rerankInputs.context();
      } else {
        m_setupError = inputs.error();
      }
      if (rerank.diversity > 0.0) {
        m_rerankContext.embeddings = engine.itemEmbeddingsOnCpu().data();
        m_rerankContext.dim = engine.dim();
      }
    }
  }

  Status run(const TaskControl& control) {
    if (!m_setupError) return m_setupError;
    const auto& config = m_partial.config;
    std::vector<std::int32_t> users;
    for (std::size_t u = static_cast<std::size_t>(config.shardIndex); u < m_partial.numUsers;
         u += static_cast<std::size_t>(config.shardCount)) {
      users.push_back(static_cast<std::int32_t>(u));
    }
    m_partial.users.resize(users.size());
    for (std::size_t first = 0; first < users.size(); first += m_maxRows) {
      if (control.cancelled()) return makeError(ErrorCode::Cancelled, "cancelled while auditing");
      const auto count = std::min(m_maxRows, users.size() - first);
      if (auto s = auditBatch(users, first, count); !s) return s;
      control.report(double(first + count) / double(users.size()), "auditing users");
    }
    return Status::success();
  }

 private:
  Status auditBatch(const std::vector<std::int32_t>& users, std::size_t first, std::size_t count) {
    const auto d = static_cast<std::size_t>(m_engine.dim());
    m_batchProfiles.resize(count);
    m_vectors.resize(count * d);
    m_exclude.resize(count);
    for (std::size_t j = 0; j < count; ++j) {
      m_batchProfiles[j] = m_profiles.profile(users[first + j]);
      auto v = m_engine.userVector(m_batchProfiles[j]);
      if (!v) return userError(users[first + j], v.error());
      std::copy(v.value().begin(), v.value().end(), m_vectors.begin() + static_cast<std::ptrdiff_t>(j * d));
      m_exclude[j] = &m_batchProfiles[j].items;
    }
    if (auto s = m_engine.topKBatch(m_vectors, count, m_fetch, m_exclude, m_lists); !s) return s;
    for (std::size_t j = 0; j < count; ++j) {
      reRankList(m_lists[j], m_batchProfiles[j]);
      auto& record = m_partial.users[first + j];
      audit_detail::recordList(users[first + j], m_lists[j], m_context, m_split, m_dataset, m_similarity,
                               m_partial, record, m_scratch);
      record.flipped.assign(m_flips.size(), 0);
      record.flipJaccard.assign(m_flips.size(), 0.0);
    }
    if (m_flips.empty()) return Status::success();
    return flipBatch(users, first, count);
  }

  // Every other value of every flip attribute for the users of the batch: user vectors, then top-k in
  // chunks of at most m_maxRows rows, each compared with the user's original list.
  Status flipBatch(const std::vector<std::int32_t>& users, std::size_t first, std::size_t count) {
    struct Variant {
      std::size_t user;  // index in the batch
      std::size_t flip;
    };
    std::vector<Variant> variants;
    std::vector<std::size_t> perUserFlip(count * m_flips.size(), 0);
    std::vector<float> vectors;
    std::vector<const std::vector<std::int32_t>*> exclude;
    std::vector<std::vector<Recommendation>> lists;
    std::vector<std::int32_t> a;
    std::vector<std::int32_t> b;
    std::size_t next = 0;  // first variant not yet scored
    const auto scoreVariants = [&]() -> Status {
      const auto rows = variants.size() - next;
      if (rows == 0) return Status::success();
      if (auto s = m_engine.topKBatch(vectors, rows, m_fetch, exclude, lists); !s) return s;
      for (std::size_t r = 0; r < rows; ++r) {
        const auto& v = variants[next + r];
        reRankList(lists[r], m_batchProfiles[v.user]);
        auto& record = m_partial.users[first + v.user];
        const auto& original = m_lists[v.user];
        if (!sameRanking(original, lists[r])) record.flipped[v.flip] = 1;
        record.flipJaccard[v.flip] += jaccard(original, lists[r], a, b);
      }
      next = variants.size();
      vectors.clear();
      exclude.clear();
      return Status::success();
    };
    for (std::size_t j = 0; j < count; ++j) {
      auto& profile = m_batchProfiles[j];
      for (std::size_t f = 0; f < m_flips.size(); ++f) {
        const auto field = m_flips[f].modelField;
        const auto own = profile.fieldCodes[field];
        for (std::int32_t value = 0; value < m_flips[f].values; ++value) {
          if (value == own) continue;
          profile.fieldCodes[field] = value;
          auto v = m_engine.userVector(profile);
          profile.fieldCodes[field] = own;
          if (!v) return userError(users[first + j], v.error());
          vectors.insert(vectors.end(), v.value().begin(), v.value().end());
          exclude.push_back(&profile.items);
          variants.push_back({j, f});
          ++perUserFlip[j * m_flips.size() + f];
          if (variants.size() - next == m_maxRows) {
            if (auto s = scoreVariants(); !s) return s;
          }
        }
      }
    }
    if (auto s = scoreVariants(); !s) return s;
    for (std::size_t j = 0; j < count; ++j) {
      auto& record = m_partial.users[first + j];
      for (std::size_t f = 0; f < m_flips.size(); ++f) {
        const auto n = perUserFlip[j * m_flips.size() + f];
        record.flipJaccard[f] = n > 0 ? record.flipJaccard[f] / double(n) : 1.0;
      }
    }
    return Status::success();
  }

  // The audited list from the model's candidates: re-ranked with the audit's knobs when they are on
  // (calibration against the user's history), else the candidates are already the top-k.
  void reRankList(std::vector<Recommendation>& list, const UserProfile& profile) const {
    const auto& rerank = m_partial.config.rerank;
    if (!rerank.active()) return;
    ReRankContext context = m_rerankContext;
    context.history = &profile.items;
    list = reRank(list, m_partial.config.k, rerank, context);
  }

  static Error userError(std::int32_t user, const Error& e) {
    return makeError(e.code, "user row " + std::to_string(user) + ": " + e.message);
  }

  ScoringEngine& m_engine;
  const Dataset& m_dataset;
  const TrainTestSplit& m_split;
  AuditPartial& m_partial;
  std::vector<FlipField> m_flips;
  AuditContext m_context;
  UserProfileBuilder m_profiles;
  ItemSimilarity m_similarity;
  std::size_t m_maxRows = 1;
  int m_fetch = 0;  // candidates per user: k, or the re-ranker's candidate count
  ReRankInputs m_rerankInputs;
  Status m_setupError;  // why the re-ranking inputs could not be made
  ReRankContext m_rerankContext;
  std::vector<UserProfile> m_batchProfiles;
  std::vector<float> m_vectors;
  std::vector<const std::vector<std::int32_t>*> m_exclude;
  std::vector<std::vector<Recommendation>> m_lists;
  audit_detail::RecordScratch m_scratch;
};

}  // namespace

Result<AuditPartial> auditModel(ScoringEngine& engine, const Dataset& dataset, const TrainTestSplit& split,
                                const AuditConfig& config, const TaskControl& control) {
  if (!engine.hasModel()) return makeError(ErrorCode::InvalidArgument, "the engine has no model to audit");
  if (auto s = checkModelCatalog(engine.model().metadata(), dataset.items); !s) return s.error();
  auto started = audit_detail::startPartial(dataset, split, config, "model");
  if (!started) return started.error();
  auto partial = std::move(started).value();
  auto flips = resolveFlips(engine.model().metadata(), config.flipAttributes);
  if (!flips) return flips.error();
  for (const auto& name : config.flipAttributes) {
    if (std::find(partial.flipAttributes.begin(), partial.flipAttributes.end(), name) !=
        partial.flipAttributes.end())
      return makeError(ErrorCode::InvalidArgument, "flip attribute '" + name + "' is given twice");
    partial.flipAttributes.push_back(name);
  }
  auto sha = sha256File(engine.model().path());
  if (!sha) return sha.error();
  partial.modelSha256 = sha.value();
  ModelAuditRun run(engine, dataset, split, partial, std::move(flips).value());
  if (auto s = run.run(control); !s) return s.error();
  return partial;
}

}  // namespace reclens
