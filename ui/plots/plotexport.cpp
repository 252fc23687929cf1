#include "plots/plotexport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QSvgGenerator>
#include <QTableView>

#include <qcustomplot.h>

namespace reclens::plotexport {

namespace {

// The translation context of this file's strings.
class PlotExport {
  Q_DECLARE_TR_FUNCTIONS(PlotExport)
};

QString csvField(const QString& value) {
  const bool quote = value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"')) ||
                     value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r'));
  if (!quote) return value;
  QString escaped = value;
  escaped.replace(QStringLiteral("\""), QStringLiteral("\"\""));
  return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString cellText(const QAbstractItemModel& model, int row, int column) {
  const QModelIndex index = model.index(row, column);
  const QVariant raw = model.data(index, Qt::EditRole);
  const QVariant value = raw.isValid() ? raw : model.data(index, Qt::DisplayRole);
  if (value.typeId() == QMetaType::Double || value.typeId() == QMetaType::Float)
    return QString::number(value.toDouble(), 'g', 10);
  return value.toString();
}

QString suggestedPath(const QString& baseName, const QString& suffix) {
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  QString name = baseName;
  name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]+")), QStringLiteral("-"));
  return QDir(folder).filePath(name + suffix);
}

bool writeText(const QString& path, const QString& text, QString* error) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    if (error)
      *error = PlotExport::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
  }
  file.write(text.toUtf8());
  if (!file.commit()) {
    if (error)
      *error = PlotExport::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
  }
  return true;
}

void reportFailure(QWidget* parent, const QString& error) {
  QMessageBox::warning(parent, PlotExport::tr("Export failed"), error);
}

}  // namespace

bool savePng(QCustomPlot* plot, const QString& path, QString* error) {
  if (plot->savePng(path, plot->width(), plot->height(), 2.0)) return true;
  if (error) *error = PlotExport::tr("Cannot write the image %1").arg(QDir::toNativeSeparators(path));
  return false;
}

bool saveSvg(QCustomPlot* plot, const QString& path, QString* error) {
  const int width = plot->width();
  const int height = plot->height();
  QSvgGenerator generator;
  generator.setFileName(path);
  generator.setSize(QSize(width, height));
  generator.setViewBox(QRect(0, 0, width, height));
  generator.setTitle(plot->windowTitle());
  generator.setDescription(PlotExport::tr("Exported from RecLens"));
  QCPPainter painter;
  if (!painter.begin(&generator)) {
    if (error) *error = PlotExport::tr("Cannot write the drawing %1").arg(QDir::toNativeSeparators(path));
    return false;
  }
  plot->toPainter(&painter, width, height);
  painter.end();
  // QSvgGenerator reports no write errors; check that the file is there and not empty.
  if (QFileInfo(path).size() > 0) return true;
  if (error) *error = PlotExport::tr("Cannot write the drawing %1").arg(QDir::toNativeSeparators(path));
  return false;
}

bool savePlot(QCustomPlot* plot, const QString& path, QString* error) {
  return path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive) ? saveSvg(plot, path, error)
                                                                    : savePng(plot, path, error);
}

QString csvText(const QAbstractItemModel& model, const std::function<bool(int)>& columnShown) {
  QList<int> columns;
  for (int c = 0; c < model.columnCount(); ++c) {
    if (!columnShown || columnShown(c)) columns.push_back(c);
  }
  QStringList lines;
  QStringList header;
  for (const int c : columns) header.push_back(csvField(model.headerData(c, Qt::Horizontal).toString()));
  lines.push_back(header.join(QLatin1Char(',')));
  for (int r = 0; r < model.rowCount(); ++r) {
    QStringList cells;
    for (const int c : columns) cells.push_back(csvField(cellText(model, r, c)));
    lines.push_back(cells.join(QLatin1Char(',')));
  }
  return lines.join(QStringLiteral("\r\n")) + QStringLiteral("\r\n");
}

bool saveCsv(const QAbstractItemModel& model, const QString& path, QString* error,
             const std::function<bool(int)>& columnShown) {
  return writeText(path, csvText(model, columnShown), error);
}

bool saveTableCsv(const QTableView& view, const QString& path, QString* error) {
  if (view.model() == nullptr) {
    if (error) *error = PlotExport::tr("The table is empty");
    return false;
  }
  return saveCsv(*view.model(), path, error, [&view](int c) { return !view.isColumnHidden(c); });
}

void exportPlot(QWidget* parent, QCustomPlot* plot, const QString& baseName) {
  QString selected;
  const QString path = QFileDialog::getSaveFileName(
      parent, PlotExport::tr("Save Plot"), suggestedPath(baseName, QStringLiteral(".png")),
      PlotExport::tr("PNG image (*.png);;SVG drawing (*.svg)"), &selected);
  if (path.isEmpty()) return;
  QString target = path;
  if (QFileInfo(path).suffix().isEmpty())
    target += selected.contains(QStringLiteral("svg")) ? QStringLiteral(".svg") : QStringLiteral(".png");
  QString error;
  if (!savePlot(plot, target, &error)) reportFailure(parent, error);
}

void exportTable(QWidget* parent, QTableView* view, const QString& baseName) {
  QString path = QFileDialog::getSaveFileName(parent, PlotExport::tr("Export Table"),
                                              suggestedPath(baseName, QStringLiteral(".csv")),
                                              PlotExport::tr("CSV file (*.csv)"));
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".csv");
  QString error;
  if (!saveTableCsv(*view, path, &error)) reportFailure(parent, error);
}

void installPlotMenu(QCustomPlot* plot, const QString& baseName) {
  plot->setContextMenuPolicy(Qt::CustomContextMenu);
  QObject::connect(plot, &QWidget::customContextMenuRequested, plot, [plot, baseName](const QPoint& pos) {
    QMenu menu(plot);
    menu.addAction(PlotExport::tr("Save Plot as PNG or SVG…"), plot,
                   [plot, baseName] { exportPlot(plot, plot, baseName); });
    menu.exec(plot->mapToGlobal(pos));
  });
}

void installTableMenu(QTableView* view, const QString& baseName) {
  view->setContextMenuPolicy(Qt::CustomContextMenu);
  QObject::connect(view, &QWidget::customContextMenuRequested, view, [view, baseName](const QPoint& pos) {
    QMenu menu(view);
    menu.addAction(PlotExport::tr("Export Table as CSV…"), view,
                   [view, baseName] { exportTable(view, view, baseName); });
    menu.exec(view->viewport()->mapToGlobal(pos));
  });
}

}  // namespace reclens::plotexport
