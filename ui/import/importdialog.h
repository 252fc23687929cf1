#pragma once
#include <QDialog>

#include "data/importer.h"
#include "services/backgroundjob.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;

namespace reclens {

class CsvImportPanel;
class JobProgressBar;
class PresetImportPanel;

// "New project from CSV": a preset or a generic mapping, a target project file, then the import
// runs in the background with progress and Cancel, and its report is shown at the end.
class ImportDialog : public QDialog {
  Q_OBJECT

 public:
  explicit ImportDialog(const QString& startFolder, QWidget* parent = nullptr);

  PresetImportPanel* presetPanel() const { return m_preset; }
  CsvImportPanel* csvPanel() const { return m_csv; }
  QLineEdit* targetEdit() const { return m_target; }
  BackgroundJob& job() { return m_job; }
  // Starts the import with the current settings; false when the settings are incomplete.
  bool startImport();

 Q_SIGNALS:
  // The import succeeded (its report is showing); the project can be opened.
  void projectImported(const QString& path);
  // The import finished (successfully or not) with this report or error; used by tests.
  void importFinished(bool ok);

 protected:
  void reject() override;

 private:
  void chooseTarget();
  void setBusy(bool busy);
  void onFinished(Result<ImportReport> result, const QString& target);

  QTabWidget* m_modes;
  PresetImportPanel* m_preset;
  CsvImportPanel* m_csv;
  QLineEdit* m_target;
  QLabel* m_message;
  JobProgressBar* m_progress;
  QDialogButtonBox* m_buttons;
  QPushButton* m_importButton;
  BackgroundJob m_job;
};

}  // namespace reclens
