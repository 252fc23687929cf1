#pragma once
#include <QDialog>

#include "data/importer.h"

class QTableWidget;

namespace reclens {

// Shows what an import did: rows read and written, and each group of skipped or filtered rows
// with its reason, count and first line numbers.
class ImportReportDialog : public QDialog {
  Q_OBJECT

 public:
  ImportReportDialog(const ImportReport& report, const QString& projectPath, QWidget* parent = nullptr);

  QTableWidget* issuesTable() const { return m_issues; }

 private:
  QTableWidget* m_issues;
};

}  // namespace reclens
