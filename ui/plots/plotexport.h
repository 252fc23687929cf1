#pragma once
#include <QString>

#include <functional>

class QAbstractItemModel;
class QCustomPlot;
class QTableView;
class QWidget;

namespace reclens {

// Export of what the analysis pages show: any QCustomPlot as PNG or SVG, any item model as CSV,
// and the context menus and file dialogs that offer it.
namespace plotexport {

// Writes `plot` as a PNG at twice its on-screen resolution. False (with `error` set) on failure.
bool savePng(QCustomPlot* plot, const QString& path, QString* error = nullptr);
// Writes `plot` as an SVG drawing (vector text and lines) at its on-screen size.
bool saveSvg(QCustomPlot* plot, const QString& path, QString* error = nullptr);
// Writes `plot` as PNG or SVG, chosen by the file suffix (".svg" → SVG, anything else → PNG).
bool savePlot(QCustomPlot* plot, const QString& path, QString* error = nullptr);

// The model as RFC 4180 CSV (UTF-8, header row from the horizontal header, "\r\n" line ends). Cells
// take the model's EditRole when it has one (raw numbers), else the DisplayRole text. Only the
// columns for which `columnShown` is true are written (all when it is empty).
QString csvText(const QAbstractItemModel& model, const std::function<bool(int)>& columnShown = {});
bool saveCsv(const QAbstractItemModel& model, const QString& path, QString* error = nullptr,
             const std::function<bool(int)>& columnShown = {});
// The visible columns of `view`'s model, in model order, as CSV.
bool saveTableCsv(const QTableView& view, const QString& path, QString* error = nullptr);

// Asks for a file name (PNG or SVG) and saves `plot` there; errors are shown in a message box.
void exportPlot(QWidget* parent, QCustomPlot* plot, const QString& baseName);
// Asks for a file name and saves the visible columns of `view` as CSV.
void exportTable(QWidget* parent, QTableView* view, const QString& baseName);

// Gives `plot` a context menu with "Save as PNG/SVG…" (file name suggested from `baseName`).
void installPlotMenu(QCustomPlot* plot, const QString& baseName);
// Gives `view` a context menu with "Export as CSV…".
void installTableMenu(QTableView* view, const QString& baseName);

}  // namespace plotexport
}  // namespace reclens
