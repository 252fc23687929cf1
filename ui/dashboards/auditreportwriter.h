#pragma once
#include <QString>

#include "audit/auditrun.h"

class QTextDocument;

namespace reclens {

// Writes the report of `run` to `path`: the self-contained HTML report (core/audit/auditreport.h), or
// for a ".pdf" path a PDF laid out from that HTML with its inline SVG figures drawn as images.
// False (with `error` set) when the file cannot be written.
bool writeAuditReport(const AuditRun& run, const QString& path, QString* error);

// `html` with every inline <svg> figure replaced by an <img> of it registered as a resource of
// `document`, since QTextDocument lays out HTML but does not draw inline SVG.
QString withFiguresAsImages(const QString& html, QTextDocument& document);

}  // namespace reclens
