#pragma once
#include <QString>

#include "audit/audit.h"

class QCustomPlot;

namespace reclens {

// Draws the item-side exposure of one grouping (tier, category, brand) as grouped bars: each group's
// share of the catalog, of the train interactions and of the recommendation exposure. Groups beyond
// `maxGroups` (the smallest by catalog share) are summed into one "other" group, so every share still
// adds up to one.
void drawExposureShares(QCustomPlot* plot, const ItemGrouping& grouping, int maxGroups);

// The display name of an item grouping ("tier" → "Popularity tier").
QString itemGroupingTitle(const std::string& name);

}  // namespace reclens
