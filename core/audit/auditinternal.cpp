#include "audit/auditinternal.h"

#include <algorithm>
#include <iterator>

#include "audit/auditgroupings.h"
#include "audit/beyondaccuracy.h"
#include "audit/exposure.h"
#include "audit/longtailmetrics.h"
#include "audit/rerankinputs.h"
#include "engine/userprofilebuilder.h"

namespace reclens::audit_detail {

Status checkAuditInputs(const Dataset& dataset, const TrainTestSplit& split, const AuditConfig& config) {
  const auto bad = [](const std::string& what) { return makeError(ErrorCode::InvalidArgument, what); };
  if (config.k < 1)
    return bad("the audited list length k must be at least 1, got " + std::to_string(config.k));
  if (config.batchSize < 1)
    return bad("the batch size must be at least 1, got " + std::to_string(config.batchSize));
  if (config.shardCount < 1)
    return bad("the shard count must be at least 1, got " + std::to_string(config.shardCount));
  if (config.shardIndex < 0 || config.shardIndex >= config.shardCount) {
    return bad("shard " + std::to_string(config.shardIndex) + " is outside 0.." +
               std::to_string(config.shardCount - 1));
  }
  if (!(config.tailRatio > 0.0 && config.tailRatio <= 1.0))
    return bad("the tail ratio must be in (0, 1], got " + std::to_string(config.tailRatio));
  if (config.bootstrapSamples < 0) return bad("the number of bootstrap samples must not be negative");
  if (config.permutations < 0) return bad("the number of permutations must not be negative");
  if (auto s = checkReRankOptions(config.rerank, dataset); !s) return s;
  if (split.part.size() != dataset.interactions.size())
    return bad("the split does not belong to this dataset (" + std::to_string(split.part.size()) +
               " rows, the log has " + std::to_string(dataset.interactions.size()) + ")");
  return Status::success();
}

std::size_t userCount(const Dataset& dataset, const TrainTestSplit& split) {
  return std::max(dataset.users.size(), split.users());
}

namespace {

// "the project's user attributes are: a, b" (or that it has none), for an unknown name's message.
std::string knownNames(const std::vector<CategoricalField>& fields, const char* what) {
  if (fields.empty()) return std::string("the project has no ") + what;
  std::string out = std::string("the project's ") + what + " are: ";
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i == 0 ? "" : ", ") + fields[i].name();
  return out;
}

}  // namespace

}  // namespace reclens::audit_detail

namespace reclens {

std::vector<std::string> defaultItemGroupings(const Dataset& dataset) {
  std::vector<std::string> out = {"tier"};
  for (const char* name : {"category", "brand"}) {
    if (dataset.items.fieldIndex(name) >= 0) out.emplace_back(name);
  }
  for (const auto& f : dataset.items.fields) {
    if (f.setValued() && f.name() != "category" && f.name() != "brand") out.push_back(f.name());
  }
  // The cold-start groupings (unless the catalog has attributes of these names, already listed or not).
  for (const char* name : {audit_detail::kInteractionsGrouping, audit_detail::kLaunchGrouping}) {
    if (audit_detail::builtInItemGrouping(dataset, name)) out.emplace_back(name);
  }
  return out;
}

}  // namespace reclens

namespace reclens::audit_detail {

Result<std::vector<std::string>> resolveItemGroupings(const Dataset& dataset,
                                                      const std::vector<std::string>& asked) {
  if (asked.empty()) return defaultItemGroupings(dataset);
  std::vector<std::string> out;
  for (const auto& name : asked) {
    if (!audit_detail::builtInItemGrouping(dataset, name) && dataset.items.fieldIndex(name) < 0) {
      return makeError(ErrorCode::InvalidArgument,
                       "unknown item grouping '" + name +
                           "' (use tier, interactions, launch or a catalog attribute; " +
                           knownNames(dataset.items.fields, "catalog attributes") + ")");
    }
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

Result<AuditPartial> startPartial(const Dataset& dataset, const TrainTestSplit& split,
                                  const AuditConfig& config, const std::string& source) {
  if (auto s = checkAuditInputs(dataset, split, config); !s) return s.error();
  if (auto groupings = resolveItemGroupings(dataset, config.itemGroupings); !groupings)
    return groupings.error();
  AuditPartial p;
  p.config = config;
  p.source = source;
  p.dataFingerprint = auditDataFingerprint(dataset);
  p.numItems = dataset.items.size();
  p.numUsers = userCount(dataset, split);
  if (config.userAttributes.empty()) {
    for (const auto& f : dataset.users.fields) p.userAttributes.push_back(f.name());
  } else {
    for (const auto& name : config.userAttributes) {
      if (dataset.users.fieldIndex(name) < 0)
        return makeError(ErrorCode::InvalidArgument, "unknown user attribute '" + name + "'; " +
                                                         knownNames(dataset.users.fields, "user attributes"));
      if (std::find(p.userAttributes.begin(), p.userAttributes.end(), name) == p.userAttributes.end())
        p.userAttributes.push_back(name);
    }
  }
  for (const auto& pair : config.intersections) {
    if (pair.size() != 2 || pair[0] == pair[1]) {
      return makeError(ErrorCode::InvalidArgument,
                       "an intersection needs two different user attributes, e.g. gender:age_band");
    }
    for (const auto& name : pair) {
      if (std::find(p.userAttributes.begin(), p.userAttributes.end(), name) == p.userAttributes.end())
        return makeError(ErrorCode::InvalidArgument,
                         "intersection attribute '" + name + "' is not among the audited user attributes");
    }
  }
  for (const auto& name : p.userAttributes) {
    p.userAttributeValues.push_back(
        dataset.users.fields[static_cast<std::size_t>(dataset.users.fieldIndex(name))].vocabulary());
  }
  p.exposureCount.assign(p.numItems, 0);
  p.exposureWeight.assign(p.numItems, 0.0);
  p.shards = {config.shardIndex};
  return p;
}

AuditContext makeContext(const Dataset& dataset, const TrainTestSplit& split, const AuditPartial& partial) {
  AuditContext c;
  c.historyRows.resize(split.part.size());
  for (std::size_t r = 0; r < split.part.size(); ++r) c.historyRows[r] = split.part[r] != SplitPart::Test;
  c.trainCounts = itemPopularity(dataset.interactions, dataset.items.size(), &c.historyRows);
  const auto head = shortHeadItems(c.trainCounts);
  c.longTail.resize(head.size());
  for (std::size_t i = 0; i < head.size(); ++i) c.longTail[i] = head[i] ? 0 : 1;
  // RecBole's item counter holds the items that occur in the train data.
  std::vector<std::uint8_t> seen(c.trainCounts.size());
  for (std::size_t i = 0; i < seen.size(); ++i) seen[i] = c.trainCounts[i] > 0 ? 1 : 0;
  c.tail = tailItems(c.trainCounts, partial.config.tailRatio, seen);
  c.novelty = itemNovelty(c.trainCounts);
  c.popular = popularItems(c.trainCounts);
  if (const int f = dataset.items.fieldIndex(kCalibrationField); f >= 0) {
    const auto& field = dataset.items.fields[static_cast<std::size_t>(f)];
    c.categories = field.vocabulary().size();
    c.category.resize(dataset.items.size());
    for (std::size_t i = 0; i < c.category.size(); ++i) c.category[i] = field.codeAt(i);
  }
  for (const auto& name : partial.userAttributes) c.userFields.push_back(dataset.users.fieldIndex(name));
  return c;
}

void historyItemsOf(const TrainTestSplit& split, std::size_t u, std::vector<std::int32_t>& out) {
  out.clear();
  if (u >= split.train.size()) return;
  const auto& train = split.train[u];
  if (u >= split.validation.size()) {
    out = train;
    return;
  }
  const auto& validation = split.validation[u];
  std::set_union(train.begin(), train.end(), validation.begin(), validation.end(), std::back_inserter(out));
}

namespace {

// Steck's miscalibration of one user: history categories against the first `depth` listed items.
double userMiscalibration(const std::vector<Recommendation>& list, std::size_t depth, const AuditContext& c,
                          RecordScratch& scratch) {
  if (c.category.empty()) return 0.0;
  return listMiscalibration(scratch.history, list, depth, c.category, c.categories, scratch.historyCategories,
                            scratch.listCategories);
}

}  // namespace

void recordList(std::int32_t user, const std::vector<Recommendation>& list, const AuditContext& context,
                const TrainTestSplit& split, const Dataset& dataset, const ItemSimilarity& similarity,
                AuditPartial& partial, AuditUserRecord& record, RecordScratch& scratch) {
  auto& flagsBuffer = scratch.flags;
  const auto k = static_cast<std::size_t>(partial.config.k);
  const auto depth = std::min(k, list.size());
  const auto u = static_cast<std::size_t>(user);
  record.user = user;
  record.listLength = static_cast<std::int32_t>(depth);
  static const std::vector<std::int32_t> kNone;
  const auto& relevant = u < split.test.size() ? split.test[u] : kNone;
  record.hasTest = !relevant.empty();
  if (record.hasTest) {
    flagsBuffer.assign(depth, 0);
    for (std::size_t j = 0; j < depth; ++j)
      flagsBuffer[j] = std::binary_search(relevant.begin(), relevant.end(), list[j].item) ? 1 : 0;
    record.accuracy = userAccuracy(flagsBuffer, relevant.size(), partial.config.k);
  } else {
    record.accuracy = {};
  }
  record.averagePopularity = listAveragePopularity(list, context.trainCounts, k);
  record.longTailShare = listFlaggedShare(list, context.longTail, k);
  record.tailPercentage = listFlaggedShare(list, context.tail, k);
  double novelty = 0.0;
  for (std::size_t j = 0; j < depth; ++j) {
    const auto item = static_cast<std::size_t>(list[j].item);
    novelty += context.novelty[item];
    ++partial.exposureCount[item];
    partial.exposureWeight[item] += exposureAtRank(static_cast<int>(j) + 1);
  }
  record.novelty = novelty;
  record.intraListDiversity = similarity.intraListDiversity(list, k);
  record.items.resize(depth);
  for (std::size_t j = 0; j < depth; ++j) record.items[j] = list[j].item;
  historyItemsOf(split, u, scratch.history);
  record.historyLength = static_cast<std::int32_t>(scratch.history.size());
  double historyPopularity = 0.0, popular = 0.0;
  for (const auto item : scratch.history) {
    const auto i = static_cast<std::size_t>(item);
    if (i < context.trainCounts.size()) historyPopularity += double(context.trainCounts[i]);
    if (i < context.popular.size()) popular += context.popular[i];
  }
  const double h = double(scratch.history.size());
  record.historyPopularity = h > 0 ? historyPopularity / h : 0.0;
  record.historyPopularShare = h > 0 ? popular / h : 0.0;
  record.miscalibration = userMiscalibration(list, depth, context, scratch);
  record.groupCodes.resize(context.userFields.size());
  for (std::size_t a = 0; a < context.userFields.size(); ++a) {
    record.groupCodes[a] = dataset.users.fields[static_cast<std::size_t>(context.userFields[a])].codeAt(u);
  }
}

}  // namespace reclens::audit_detail
