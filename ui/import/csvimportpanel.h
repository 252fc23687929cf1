#pragma once
#include <QWidget>

#include "common/result.h"
#include "data/importmapping.h"

class QComboBox;
class QLineEdit;
class QTabWidget;

namespace reclens {

class CsvSourceForm;

// The generic import: an interactions CSV with column pickers, plus optional items and users files.
class CsvImportPanel : public QWidget {
  Q_OBJECT

 public:
  explicit CsvImportPanel(QWidget* parent = nullptr);

  // The mapping described by the form; errors name what is missing.
  Result<ImportMapping> mapping() const;

  CsvSourceForm* interactionsForm() const { return m_interactions; }
  CsvSourceForm* itemsForm() const { return m_items; }
  CsvSourceForm* usersForm() const { return m_users; }

 private:
  QTabWidget* m_tabs;
  CsvSourceForm* m_interactions;
  CsvSourceForm* m_items;
  CsvSourceForm* m_users;
  QComboBox* m_timeFormat;
  QLineEdit* m_name;
};

}  // namespace reclens
