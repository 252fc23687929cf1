#pragma once
#include <QColor>
#include <QString>

class QCPAxis;
class QCustomPlot;

namespace reclens {

// The one look of RecLens plots: white background, light grid, a bold title above the axes rect, the
// legend inside the plot, and a qualitative colour palette shared by every page.
namespace plotstyle {

// Styles `plot` and gives it `title` (replacing an earlier title).
void apply(QCustomPlot* plot, const QString& title);
// Colour `index` of a qualitative palette of ten distinguishable colours (cycles beyond ten).
QColor series(int index);
// Shows `axis` on a log10 scale with 10^n tick labels.
void logAxis(QCPAxis* axis);
// Replots `plot` now when it is visible, else the next time it is shown: a hidden plot has no usable
// paint buffer.
void replotShown(QCustomPlot* plot);
// Moves the legend out of the axis rect into a row below it, its entries side by side (for plots
// whose data fill the whole rect).
void legendBelow(QCustomPlot* plot);
// Draws "text" centred in the plot's axis rect (for "no data yet" states); empty text removes it.
void setPlaceholder(QCustomPlot* plot, const QString& text);

}  // namespace plotstyle
}  // namespace reclens
