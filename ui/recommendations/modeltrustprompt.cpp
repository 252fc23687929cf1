#include "recommendations/modeltrustprompt.h"

#include <QMessageBox>
#include <QStringList>

#include "widgets/displayformat.h"

namespace reclens {

namespace {
QString shortHash(const std::string& hex) {
  return display::text(hex.substr(0, 12));
}
}  // namespace

QString ModelTrustPrompt::question(const ModelTrust& trust, const ProjectStore::ModelRecord& record) {
  const QString file = display::text(trust.path).toHtmlEscaped();
  QStringList reasons;
  if (trust.outsideFolder) reasons << tr("It lies outside the project's folder.");
  if (trust.hashChanged && record.sha256.empty()) {
    reasons << tr(
        "The project records no SHA-256 for it, so RecLens cannot tell whether it is the file "
        "that was registered.");
  } else if (trust.hashChanged) {
    reasons << tr("It has changed since it was registered: its SHA-256 begins %1, the registered one %2.")
                   .arg(shortHash(trust.sha256), shortHash(record.sha256));
  }
  return tr("<p>The project asks to load the model <b>%1</b> from<br><tt>%2</tt></p><p>%3</p>"
            "<p>A model file is a program that RecLens runs. Load it only if you trust where it came "
            "from.</p><p>Load this model?</p>")
      .arg(display::text(record.name).toHtmlEscaped(), file, reasons.join(QStringLiteral(" ")));
}

bool ModelTrustPrompt::ask(QWidget* parent, const QString& question) {
  QMessageBox box(QMessageBox::Warning, tr("Load this model?"), question, QMessageBox::Yes | QMessageBox::No,
                  parent);
  box.setTextFormat(Qt::RichText);
  box.setDefaultButton(QMessageBox::No);
  return box.exec() == QMessageBox::Yes;
}

}  // namespace reclens
