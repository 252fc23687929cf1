#pragma once
#include <cstdint>
#include <vector>

class QCustomPlot;

namespace reclens {

// Draws the popularity distribution of the catalog on log-log axes: items ranked by train
// interactions (a line of their counts) with, at the same rank, how many lists the item appears in
// (dots), and a dashed line where the short head (80% of train interactions) ends. Items with a zero
// count cannot sit on a log scale; a note says how many items have no train interaction.
void drawPopularityDistribution(QCustomPlot* plot, const std::vector<std::int64_t>& train,
                                const std::vector<std::int64_t>& exposure);

}  // namespace reclens
