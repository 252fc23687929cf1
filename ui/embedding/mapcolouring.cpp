#include "embedding/mapcolouring.h"

#include "engine/mapgroups.h"
#include "plots/plotstyle.h"
#include "services/datasetsnapshot.h"
#include "tables/itemtablemodel.h"
#include "widgets/displayformat.h"
#include "widgets/tierbadgedelegate.h"

namespace reclens {

MapColouring MapColouring::make(const DatasetSnapshot& snapshot, const KMeansClustering* clustering,
                                int key) {
  MapColouring c;
  const std::size_t items = snapshot.itemCount();
  const auto& fields = snapshot.dataset().items.fields;
  if (key == kByCluster && clustering != nullptr && clustering->labels.size() == items) {
    c.groups = clustering->labels;
    for (int g = 0; g < clustering->k; ++g) {
      c.legend.push_back(
          {tr("Cluster %1").arg(g + 1), plotstyle::series(g), clustering->sizes[std::size_t(g)]});
      c.order.push_back(g);
    }
    return c;
  }
  if (key >= kByField && std::size_t(key - kByField) < fields.size()) {
    const auto grouping = fieldGrouping(fields[std::size_t(key - kByField)], items, kMaxFieldValues);
    c.groups = grouping.groups;
    for (std::size_t g = 0; g < grouping.names.size(); ++g) {
      const int group = int(g);
      QString name = display::text(grouping.names[g]);
      QColor colour = plotstyle::series(group);
      if (group == grouping.otherGroup) {
        name = tr("Other values");
        colour = QColor(0x9a, 0x9a, 0x9a);
      } else if (group == grouping.missingGroup) {
        name = tr("No value");
        colour = QColor(0xc8, 0xc8, 0xc8);
      }
      c.legend.push_back({name, colour, grouping.sizes[g]});
    }
    // The grey groups at the bottom, then the values from the most frequent up: rare values on top.
    if (grouping.missingGroup >= 0) c.order.push_back(grouping.missingGroup);
    if (grouping.otherGroup >= 0) c.order.push_back(grouping.otherGroup);
    for (int g = 0; g < int(grouping.names.size()); ++g) {
      if (g != grouping.otherGroup && g != grouping.missingGroup) c.order.push_back(g);
    }
    return c;
  }
  // Tiers: the many tail items first, the few head items last (on top).
  c.groups.resize(items);
  for (std::size_t i = 0; i < items; ++i) c.groups[i] = static_cast<std::int32_t>(snapshot.itemTier(i));
  for (int t = 0; t < 3; ++t) {
    const auto tier = static_cast<PopularityTier>(t);
    c.legend.push_back(
        {ItemTableModel::tierName(tier), TierBadgeDelegate::colour(tier), snapshot.tierSize(tier)});
  }
  c.order = {2, 1, 0};
  return c;
}

}  // namespace reclens
