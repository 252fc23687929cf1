#pragma once
#include <QWidget>

#include <map>
#include <string>
#include <vector>

#include "data/importmapping.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace reclens {

class CsvPreviewModel;

// One CSV file of an import: the file, its delimiter, whether its first row is a header, its encoding, a
// preview of its first rows and a column picker per role (user, item, timestamp, ...), filled from the
// file's header (or with the column positions 1, 2, ... of a file without one).
class CsvSourceForm : public QWidget {
  Q_OBJECT

 public:
  struct Role {
    QString key;    // e.g. "user"
    QString label;  // e.g. tr("User column")
    bool required = false;
    QStringList hints;  // lower-case header fragments that pre-select a column, e.g. {"user", "customer"}
  };

  CsvSourceForm(std::vector<Role> roles, QWidget* parent = nullptr);

  QString path() const;
  void setPath(const QString& path);
  CsvFormat format() const;
  // The column chosen for `key`, or "" when none.
  std::string column(const QString& key) const;
  // Every header column not chosen for any role.
  std::vector<std::string> unusedColumns() const;
  QStringList header() const;
  CsvPreviewModel* preview() const { return m_preview; }
  QComboBox* roleCombo(const QString& key) const;
  QComboBox* delimiterCombo() const { return m_delimiter; }
  QCheckBox* headerCheck() const { return m_header; }
  QComboBox* encodingCombo() const { return m_encoding; }

 Q_SIGNALS:
  void changed();

 private:
  void browse();
  void reload();

  std::vector<Role> m_roles;
  QLineEdit* m_path;
  QComboBox* m_delimiter;
  QCheckBox* m_header;
  QComboBox* m_encoding;
  QLabel* m_message;
  std::map<QString, QComboBox*> m_combos;
  CsvPreviewModel* m_preview;
  QTableView* m_view;
};

}  // namespace reclens
