#include "import/csvpreviewmodel.h"

#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace reclens {

namespace {
// Enough bytes for the header and twenty rows of any sane CSV.
constexpr qint64 kPreviewBytes = 256 * 1024;
}  // namespace

CsvPreviewModel::CsvPreviewModel(QObject* parent) : QAbstractTableModel(parent) {}

std::vector<QStringList> CsvPreviewModel::parseRecords(const QString& text, QChar delimiter, int maxRecords) {
  std::vector<QStringList> records;
  QStringList record;
  QString field;
  bool quoted = false;
  bool fieldStarted = false;
  auto endField = [&] {
    record << field;
    field.clear();
    fieldStarted = false;
  };
  auto endRecord = [&] {
    endField();
    if (!(record.size() == 1 && record.front().isEmpty())) records.push_back(record);
    record.clear();
  };
  for (qsizetype i = 0; i < text.size() && static_cast<int>(records.size()) < maxRecords; ++i) {
    const QChar c = text[i];
    if (quoted) {
      if (c == QLatin1Char('"')) {
        if (i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
          field += c;
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == QLatin1Char('"') && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c == delimiter) {
      endField();
    } else if (c == QLatin1Char('\n')) {
      endRecord();
    } else if (c != QLatin1Char('\r')) {
      field += c;
      fieldStarted = true;
    }
  }
  if ((!field.isEmpty() || !record.isEmpty()) && static_cast<int>(records.size()) < maxRecords) endRecord();
  return records;
}

Status CsvPreviewModel::load(const QString& path, QChar delimiter, bool header, TextEncoding encoding,
                             int maxRows) {
  beginResetModel();
  m_header.clear();
  m_rows.clear();
  QFile file(path);
  Status status;
  if (!file.open(QIODevice::ReadOnly)) {
    status = makeError(ErrorCode::Io, "Cannot read the file: " + file.errorString().toStdString(),
                       path.toStdString());
  } else {
    QByteArray bytes = file.read(kPreviewBytes);
    // Drop a partial last line (unless the whole file fit) so the preview never shows a cut row.
    if (!file.atEnd()) {
      const auto lastNewline = bytes.lastIndexOf('\n');
      if (lastNewline > 0) bytes.truncate(lastNewline + 1);
    }
    if (encoding == TextEncoding::Utf8 && bytes.startsWith("\xEF\xBB\xBF")) bytes.remove(0, 3);
    if (encoding != TextEncoding::Utf8) {
      QByteArray converted(bytes.size() * 3, Qt::Uninitialized);
      converted.truncate(static_cast<qsizetype>(convertToUtf8(
          bytes.constData(), static_cast<std::size_t>(bytes.size()), encoding, converted.data())));
      bytes = converted;
    }
    auto records = parseRecords(QString::fromUtf8(bytes), delimiter, maxRows + (header ? 1 : 0));
    m_firstLine = header ? 2 : 1;
    if (records.empty()) {
      status = makeError(ErrorCode::Empty, "The file is empty.", path.toStdString());
    } else if (header) {
      m_header = records.front();
      m_rows.assign(std::make_move_iterator(records.begin() + 1), std::make_move_iterator(records.end()));
    } else {
      for (int c = 1; c <= records.front().size(); ++c) m_header << QString::number(c);
      m_rows = std::move(records);
    }
  }
  endResetModel();
  return status;
}

void CsvPreviewModel::clear() {
  beginResetModel();
  m_header.clear();
  m_rows.clear();
  endResetModel();
}

int CsvPreviewModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int CsvPreviewModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_header.size());
}

QVariant CsvPreviewModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
  if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
  const QStringList& row = m_rows[static_cast<std::size_t>(index.row())];
  return index.column() < row.size() ? row[index.column()] : QString();
}

QVariant CsvPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole) return {};
  if (orientation == Qt::Horizontal)
    return section >= 0 && section < m_header.size() ? m_header[section] : QVariant();
  return section + m_firstLine;  // file line number (the header, when there is one, is line 1)
}

}  // namespace reclens
