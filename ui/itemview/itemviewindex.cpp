#include "itemview/itemviewindex.h"

#include "engine/scoringengine.h"

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

}  // namespace reclens
