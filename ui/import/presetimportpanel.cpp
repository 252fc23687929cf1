#include "import/presetimportpanel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include "data/importer.h"
#include "widgets/displayformat.h"

namespace reclens {

PresetImportPanel::PresetImportPanel(const QString& startFolder, QWidget* parent)
    : QWidget(parent),
      m_preset(new QComboBox(this)),
      m_description(new QLabel(this)),
      m_folder(new QLineEdit(this)) {
  auto* form = new QFormLayout(this);
  for (const auto& preset : importPresets()) {
    m_preset->addItem(display::text(preset.title), display::text(preset.name));
  }
  m_preset->setToolTip(tr("A public dataset whose layout RecLens knows"));
  form->addRow(tr("Dataset:"), m_preset);
  m_description->setWordWrap(true);
  m_description->setTextFormat(Qt::RichText);
  m_description->setMinimumHeight(80);
  form->addRow(QString(), m_description);
  auto* folderRow = new QHBoxLayout;
  m_folder->setText(startFolder);
  m_folder->setToolTip(tr("The folder that holds the dataset's files"));
  folderRow->addWidget(m_folder, 1);
  auto* browse = new QPushButton(tr("Browse…"), this);
  browse->setToolTip(tr("Choose the dataset folder"));
  folderRow->addWidget(browse);
  form->addRow(tr("Folder:"), folderRow);
  connect(m_preset, &QComboBox::currentIndexChanged, this, &PresetImportPanel::showPreset);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Choose the Dataset Folder"), folder());
    if (!chosen.isEmpty()) setFolder(chosen);
  });
  showPreset();
}

QString PresetImportPanel::presetName() const {
  return m_preset->currentData().toString();
}

QString PresetImportPanel::folder() const {
  return m_folder->text().trimmed();
}

void PresetImportPanel::setFolder(const QString& folder) {
  m_folder->setText(folder);
}

void PresetImportPanel::showPreset() {
  const auto& presets = importPresets();
  const int index = m_preset->currentIndex();
  if (index < 0 || index >= static_cast<int>(presets.size())) {
    m_description->clear();
    return;
  }
  const auto& preset = presets[static_cast<std::size_t>(index)];
  QStringList files;
  for (const auto& file : preset.expectedFiles) files << display::text(file).toHtmlEscaped();
  m_description->setText(
      tr("%1<br><i>Expected files:</i> %2")
          .arg(display::text(preset.description).toHtmlEscaped(), files.join(QStringLiteral(", "))));
}

Result<ImportMapping> PresetImportPanel::mapping() const {
  if (folder().isEmpty())
    return makeError(ErrorCode::Mapping, tr("Choose the dataset folder.").toStdString());
  return presetMapping(presetName().toStdString(), folder().toStdString());
}

}  // namespace reclens
