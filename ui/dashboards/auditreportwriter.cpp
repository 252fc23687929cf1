#include "dashboards/auditreportwriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgRenderer>
#include <QTextDocument>
#include <QUrl>

#include "audit/auditreport.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
// Figures are drawn at this multiple of their size so that they stay sharp when printed.
constexpr int kFigureScale = 2;

// The translation context of this file's strings.
class AuditReportWriter {
  Q_DECLARE_TR_FUNCTIONS(AuditReportWriter)
};

QString cannotWrite(const QString& path, const QString& reason) {
  return AuditReportWriter::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), reason);
}
}  // namespace

QString withFiguresAsImages(const QString& html, QTextDocument& document) {
  static const QRegularExpression kSvg(QStringLiteral("<svg\\b[\\s\\S]*?</svg>"),
                                       QRegularExpression::CaseInsensitiveOption);
  QString out;
  qsizetype last = 0;
  int figure = 0;
  auto it = kSvg.globalMatch(html);
  while (it.hasNext()) {
    const auto match = it.next();
    out += html.mid(last, match.capturedStart() - last);
    last = match.capturedEnd();
    QSvgRenderer renderer(match.captured().toUtf8());
    if (!renderer.isValid()) continue;  // a figure Qt cannot draw is left out rather than shown as markup
    const QSize size = renderer.defaultSize().isValid() ? renderer.defaultSize() : QSize(640, 320);
    QImage image(size * kFigureScale, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    const QUrl url(QStringLiteral("figure:%1").arg(++figure));
    document.addResource(QTextDocument::ImageResource, url, image);
    out += QStringLiteral("<img src=\"%1\" width=\"%2\" height=\"%3\">")
               .arg(url.toString())
               .arg(size.width())
               .arg(size.height());
  }
  out += html.mid(last);
  return out;
}

bool writeAuditReport(const AuditRun& run, const QString& path, QString* error) {
  const QString html = display::text(auditReportHtml(run));
  if (!path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive)) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
      if (error) *error = cannotWrite(path, file.errorString());
      return false;
    }
    file.write(html.toUtf8());
    if (!file.commit()) {
      if (error) *error = cannotWrite(path, file.errorString());
      return false;
    }
    return true;
  }
  QPdfWriter writer(path);
  writer.setPageSize(QPageSize(QPageSize::A4));
  writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
  writer.setResolution(96);
  writer.setTitle(AuditReportWriter::tr("RecLens audit report: %1").arg(display::text(run.name)));
  writer.setCreator(QStringLiteral("RecLens %1").arg(QStringLiteral(RECLENS_VERSION)));
  QTextDocument document;
  document.setHtml(withFiguresAsImages(html, document));
  document.setPageSize(writer.pageLayout().paintRectPixels(writer.resolution()).size());
  document.print(&writer);
  // QPdfWriter reports no errors itself: the file must exist and hold a PDF.
  QFile written(path);
  if (!written.open(QIODevice::ReadOnly) || written.read(5) != QByteArrayLiteral("%PDF-")) {
    if (error) *error = cannotWrite(path, AuditReportWriter::tr("the PDF could not be created"));
    return false;
  }
  return true;
}

}  // namespace reclens
