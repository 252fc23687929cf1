#include "itemview/itemviewindex.h"

#include "engine/scoringengine.h"
#include "model/textfeatures.h"

namespace reclens {

Result<std::shared_ptr<const ItemViewIndex>> ItemViewIndex::build(const DatasetSnapshot& snapshot,
                                                                  const TaskControl& control) {
  const auto& dataset = snapshot.dataset();
  std::vector<std::int64_t> popularity(snapshot.itemCount());
  for (std::size_t i = 0; i < popularity.size(); ++i) popularity[i] = snapshot.itemInteractions(i);
  control.report(0.0, "indexing the catalog");
  ItemSearchIndex search(dataset.items, std::move(popularity));
  if (control.cancelled()) return makeError(ErrorCode::Cancelled, "indexing was cancelled");
  control.report(0.5, "grouping the interactions");
  CooccurrenceIndex together(dataset.interactions, dataset.users.size(), dataset.items.size());
  control.report(1.0, "grouping the interactions");
  return std::make_shared<const ItemViewIndex>(ItemViewIndex{std::move(search), std::move(together)});
}

Result<std::shared_ptr<const SimilarItems>> buildSimilarItems(const ModelSession& session) {
  ScoringEngine engine(session.model());
  auto similar = SimilarItems::create(engine.itemEmbeddingsOnCpu(), engine.numItems(), engine.dim());
  if (!similar) return similar.error();
  return std::make_shared<const SimilarItems>(std::move(similar).value());
}

Result<std::shared_ptr<const SimilarItems>> buildContentSimilarity(const DatasetSnapshot& snapshot,
                                                                   const TaskControl& control) {
  const auto& items = snapshot.dataset().items;
  control.report(0.0, "comparing the items' titles and attributes");
  auto features = catalogContentFeatures(items, kContentSimilarityDim, 1);
  if (control.cancelled()) return makeError(ErrorCode::Cancelled, "comparing the content was cancelled");
  if (features.dim == 0) {
    return makeError(ErrorCode::Empty,
                     "the catalog has no titles or attributes that two items share, so there is no content "
                     "to compare");
  }
  auto similar = SimilarItems::create(std::move(features.values), items.size(), features.dim);
  if (!similar) return similar.error();
  control.report(1.0, "comparing the items' titles and attributes");
  return std::make_shared<const SimilarItems>(std::move(similar).value());
}

}  // namespace reclens
