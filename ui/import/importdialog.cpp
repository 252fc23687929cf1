#include "import/importdialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include <filesystem>
#include <system_error>

#include "import/csvimportpanel.h"
#include "import/importreportdialog.h"
#include "import/presetimportpanel.h"
#include "services/jobprogressbar.h"
#include "store/projectstore.h"
#include "widgets/displayformat.h"
#include "widgets/errormessage.h"

namespace reclens {

ImportDialog::ImportDialog(const QString& startFolder, QWidget* parent)
    : QDialog(parent),
      m_modes(new QTabWidget(this)),
      m_preset(new PresetImportPanel(startFolder, this)),
      m_csv(new CsvImportPanel(this)),
      m_target(new QLineEdit(this)),
      m_message(new QLabel(this)),
      m_progress(new JobProgressBar(this)),
      m_buttons(new QDialogButtonBox(this)) {
  setWindowTitle(tr("New Project from CSV"));
  auto* layout = new QVBoxLayout(this);
  m_modes->addTab(m_preset, tr("Known dataset"));
  m_modes->addTab(m_csv, tr("CSV files"));
  m_modes->setTabToolTip(
      0, tr("UCI Online Retail, The Complete Journey or Amazon Beauty, read with a ready-made mapping"));
  m_modes->setTabToolTip(1, tr("Any interactions CSV: choose which column holds what"));
  layout->addWidget(m_modes, 1);

  auto* targetRow = new QHBoxLayout;
  targetRow->addWidget(new QLabel(tr("Project file:"), this));
  m_target->setPlaceholderText(tr("Where to save the new project (.reclens)"));
  m_target->setToolTip(tr("The project file to create; an existing project's data is replaced"));
  m_target->setText(QDir(startFolder).filePath(QStringLiteral("project.reclens")));
  targetRow->addWidget(m_target, 1);
  auto* browse = new QPushButton(tr("Browse…"), this);
  browse->setToolTip(tr("Choose where to save the project"));
  targetRow->addWidget(browse);
  layout->addLayout(targetRow);

  m_message->setWordWrap(true);
  layout->addWidget(m_message);
  m_progress->attach(&m_job);
  layout->addWidget(m_progress);
  m_importButton = m_buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
  m_importButton->setToolTip(tr("Read the files and write the project"));
  m_importButton->setDefault(true);
  m_buttons->addButton(QDialogButtonBox::Close);
  layout->addWidget(m_buttons);

  connect(browse, &QPushButton::clicked, this, &ImportDialog::chooseTarget);
  connect(m_importButton, &QPushButton::clicked, this, &ImportDialog::startImport);
  connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);
  resize(940, 680);
}

void ImportDialog::chooseTarget() {
  QString path = QFileDialog::getSaveFileName(this, tr("Save Project As"), m_target->text(),
                                              tr("RecLens projects (*.reclens)"));
  if (path.isEmpty()) return;
  if (!path.endsWith(QStringLiteral(".reclens"))) path += QStringLiteral(".reclens");
  m_target->setText(path);
}

bool ImportDialog::startImport() {
  const QString target = m_target->text().trimmed();
  auto mapping = m_modes->currentWidget() == m_preset ? m_preset->mapping() : m_csv->mapping();
  if (!mapping) {
    m_message->setText(tr("<span style='color:#b00020'>%1</span>")
                           .arg(display::text(mapping.error().message).toHtmlEscaped()));
    return false;
  }
  if (auto valid = validateImportMapping(mapping.value()); !valid) {
    m_message->setText(tr("<span style='color:#b00020'>%1</span>")
                           .arg(display::text(valid.error().message).toHtmlEscaped()));
    return false;
  }
  if (target.isEmpty()) {
    m_message->setText(
        tr("<span style='color:#b00020'>%1</span>").arg(tr("Choose the project file to create.")));
    return false;
  }
  m_message->clear();
  setBusy(true);
  const std::string targetFile = QFileInfo(target).absoluteFilePath().toStdString();
  return m_job.start<ImportReport>(
      tr("Importing"),
      [mapping = std::move(mapping).value(), targetFile](const TaskControl& control) -> Result<ImportReport> {
        const bool existed = std::filesystem::exists(targetFile);
        auto result = [&]() -> Result<ImportReport> {
          auto store = ProjectStore::open(targetFile, ProjectStore::Mode::Create);
          if (!store) return store.error();
          return runImport(mapping, *store.value(), control);
        }();
        // A cancelled or failed import into a new file leaves no empty project behind; the import's
        // own error is what the user needs to see, so a failed removal does not replace it.
        if (!result && !existed) {
          std::error_code ignored;
          std::filesystem::remove(targetFile, ignored);
        }
        return result;
      },
      [this, target](Result<ImportReport> result) { onFinished(std::move(result), target); });
}

void ImportDialog::onFinished(Result<ImportReport> result, const QString& target) {
  setBusy(false);
  if (!result) {
    if (result.error().code == ErrorCode::Cancelled) {
      m_message->setText(tr("The import was cancelled; the project file was not changed."));
    } else {
      showErrorMessage(this, tr("The import failed"), result.error());
    }
    Q_EMIT importFinished(false);
    return;
  }
  Q_EMIT importFinished(true);
  // The report outlives this dialog: it belongs to the window that opened the import.
  auto* report =
      new ImportReportDialog(result.value(), target, parentWidget() != nullptr ? parentWidget() : this);
  report->setAttribute(Qt::WA_DeleteOnClose);
  report->open();
  Q_EMIT projectImported(QFileInfo(target).absoluteFilePath());
  accept();
}

void ImportDialog::setBusy(bool busy) {
  m_modes->setEnabled(!busy);
  m_target->setEnabled(!busy);
  m_importButton->setEnabled(!busy);
}

void ImportDialog::reject() {
  // While importing, Close and Escape cancel first; the dialog stays open to say so.
  if (m_job.isRunning()) {
    m_job.cancel();
    return;
  }
  QDialog::reject();
}

}  // namespace reclens
