#pragma once
#include <QWidget>

#include "common/result.h"
#include "data/importmapping.h"

class QComboBox;
class QLabel;
class QLineEdit;

namespace reclens {

// Import of a known public dataset: choose the preset and the folder that holds its files.
class PresetImportPanel : public QWidget {
  Q_OBJECT

 public:
  explicit PresetImportPanel(const QString& startFolder, QWidget* parent = nullptr);

  // The preset's mapping for the chosen folder; errors name a missing file.
  Result<ImportMapping> mapping() const;
  QString presetName() const;
  QString folder() const;
  void setFolder(const QString& folder);

 private:
  void showPreset();

  QComboBox* m_preset;
  QLabel* m_description;
  QLineEdit* m_folder;
};

}  // namespace reclens
