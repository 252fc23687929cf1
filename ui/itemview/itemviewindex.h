#pragma once
#include <memory>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/cooccurrence.h"
#include "engine/itemsearch.h"
#include "engine/similaritems.h"
#include "services/datasetsnapshot.h"
#include "services/modelsession.h"

namespace reclens {

// What the Item view looks things up in, built once per project off the GUI thread: the catalog's
// full-text index (ties by popularity) and the co-occurrence index over every interaction.
struct ItemViewIndex {
  ItemSearchIndex search;
  CooccurrenceIndex together;

  // Builds both for `snapshot`; Cancelled when `control` is cancelled between the two.
  static Result<std::shared_ptr<const ItemViewIndex>> build(const DatasetSnapshot& snapshot,
                                                            const TaskControl& control);
};

// The cosine neighbours of a loaded model's item embeddings (slow for big catalogs: call it off the
// GUI thread).
Result<std::shared_ptr<const SimilarItems>> buildSimilarItems(const ModelSession& session);

// Content similarity of the snapshot's catalog (titles and attributes, model/textfeatures.h), no model
// needed; Empty when the catalog has no content two items share.
inline constexpr int kContentSimilarityDim = 32;
Result<std::shared_ptr<const SimilarItems>> buildContentSimilarity(const DatasetSnapshot& snapshot,
                                                                   const TaskControl& control);

}  // namespace reclens
