#include "widgets/errormessage.h"

#include <QCoreApplication>
#include <QMessageBox>

#include "widgets/displayformat.h"

namespace reclens {

QString errorDetails(const Error& error) {
  QStringList lines;
  lines << QCoreApplication::translate("ErrorMessage", "Category: %1")
               .arg(QString::fromUtf8(errorCodeName(error.code)));
  if (!error.file.empty())
    lines << QCoreApplication::translate("ErrorMessage", "File: %1").arg(display::text(error.file));
  if (error.line > 0) lines << QCoreApplication::translate("ErrorMessage", "Line: %1").arg(error.line);
  if (error.column > 0) lines << QCoreApplication::translate("ErrorMessage", "Column: %1").arg(error.column);
  return lines.join(QLatin1Char('\n'));
}

void showErrorMessage(QWidget* parent, const QString& action, const Error& error) {
  QMessageBox box(QMessageBox::Warning, action, action, QMessageBox::Ok, parent);
  box.setInformativeText(display::text(error.message));
  box.setDetailedText(errorDetails(error));
  box.exec();
}

}  // namespace reclens
