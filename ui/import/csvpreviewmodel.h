#pragma once
#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

#include "common/result.h"
#include "data/textencoding.h"

namespace reclens {

// The header and first rows of a delimited text file, for choosing columns in the import dialog.
// Reads only as much of the file as the preview needs.
class CsvPreviewModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  static constexpr int kDefaultRows = 20;

  explicit CsvPreviewModel(QObject* parent = nullptr);

  // Reads the header and up to `maxRows` data rows of `path`, converting `encoding` to text. Without
  // a header row (`header` false) the columns are named by position, "1", "2", ..., as the importer
  // names them. On error the model is left empty.
  Status load(const QString& path, QChar delimiter, bool header = true,
              TextEncoding encoding = TextEncoding::Utf8, int maxRows = kDefaultRows);
  void clear();
  QStringList header() const { return m_header; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  // Splits `text` into records of fields (RFC 4180 quoting, "" inside quotes, CRLF or LF),
  // stopping after `maxRecords`.
  static std::vector<QStringList> parseRecords(const QString& text, QChar delimiter, int maxRecords);

 private:
  QStringList m_header;
  std::vector<QStringList> m_rows;
  int m_firstLine = 2;  // file line of the first data row
};

}  // namespace reclens
