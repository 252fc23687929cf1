#include "import/csvsourceform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "import/csvpreviewmodel.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {
constexpr int kRoleColumns = 2;  // label/combo pairs per grid row

// The column whose lower-case name equals a hint, else the first that contains one; -1 if none.
int guessColumn(const QStringList& columns, const QStringList& hints) {
  for (const QString& hint : hints) {
    for (int c = 0; c < columns.size(); ++c) {
      if (columns[c].toLower() == hint) return c;
    }
  }
  for (const QString& hint : hints) {
    for (int c = 0; c < columns.size(); ++c) {
      if (columns[c].toLower().contains(hint)) return c;
    }
  }
  return -1;
}
}  // namespace

CsvSourceForm::CsvSourceForm(std::vector<Role> roles, QWidget* parent)
    : QWidget(parent),
      m_roles(std::move(roles)),
      m_path(new QLineEdit(this)),
      m_delimiter(new QComboBox(this)),
      m_header(new QCheckBox(tr("First row is a header"), this)),
      m_encoding(new QComboBox(this)),
      m_message(new QLabel(this)),
      m_preview(new CsvPreviewModel(this)),
      m_view(new QTableView(this)) {
  auto* layout = new QVBoxLayout(this);
  auto* fileRow = new QHBoxLayout;
  fileRow->addWidget(new QLabel(tr("File:"), this));
  m_path->setPlaceholderText(tr("Choose a .csv or .tsv file"));
  m_path->setToolTip(tr("The file to import"));
  fileRow->addWidget(m_path, 1);
  auto* browseButton = new QPushButton(tr("Browse…"), this);
  browseButton->setToolTip(tr("Choose the file"));
  fileRow->addWidget(browseButton);
  fileRow->addWidget(new QLabel(tr("Delimiter:"), this));
  m_delimiter->addItem(tr("Comma ( , )"), QChar(QLatin1Char(',')));
  m_delimiter->addItem(tr("Semicolon ( ; )"), QChar(QLatin1Char(';')));
  m_delimiter->addItem(tr("Tab"), QChar(QLatin1Char('\t')));
  m_delimiter->addItem(tr("Pipe ( | )"), QChar(QLatin1Char('|')));
  m_delimiter->setToolTip(tr("The character that separates the fields of a row"));
  fileRow->addWidget(m_delimiter);
  layout->addLayout(fileRow);
  auto* layoutRow = new QHBoxLayout;
  m_header->setChecked(true);
  m_header->setObjectName(QStringLiteral("first_row_header"));
  m_header->setToolTip(
      tr("Checked: the first row names the columns. Unchecked: every row is data and "
         "the columns are named by position, 1, 2, 3, ..."));
  layoutRow->addWidget(m_header);
  layoutRow->addStretch(1);
  layoutRow->addWidget(new QLabel(tr("Encoding:"), this));
  m_encoding->setObjectName(QStringLiteral("encoding"));
  m_encoding->addItem(tr("UTF-8"), static_cast<int>(TextEncoding::Utf8));
  m_encoding->addItem(tr("Latin-1 (ISO-8859-1)"), static_cast<int>(TextEncoding::Latin1));
  m_encoding->addItem(tr("Windows-1252"), static_cast<int>(TextEncoding::Cp1252));
  m_encoding->setToolTip(
      tr("The character encoding of the file; Latin-1 and Windows-1252 are converted "
         "to UTF-8 as the file is read. Rows that are not valid UTF-8 are skipped "
         "under UTF-8."));
  layoutRow->addWidget(m_encoding);
  layout->addLayout(layoutRow);

  auto* grid = new QGridLayout;
  for (std::size_t i = 0; i < m_roles.size(); ++i) {
    const Role& role = m_roles[i];
    auto* combo = new QComboBox(this);
    combo->setObjectName(QStringLiteral("column_%1").arg(role.key));
    combo->setToolTip(role.required ? tr("Required: the column holding this value")
                                    : tr("Optional: the column holding this value, or (none)"));
    combo->setMinimumContentsLength(14);
    const int row = static_cast<int>(i) / kRoleColumns;
    const int col = (static_cast<int>(i) % kRoleColumns) * 2;
    auto* label = new QLabel(role.required ? tr("%1 *").arg(role.label) : role.label, this);
    label->setBuddy(combo);
    grid->addWidget(label, row, col);
    grid->addWidget(combo, row, col + 1);
    grid->setColumnStretch(col + 1, 1);
    m_combos[role.key] = combo;
    connect(combo, &QComboBox::currentIndexChanged, this, &CsvSourceForm::changed);
  }
  layout->addLayout(grid);

  m_message->setWordWrap(true);
  layout->addWidget(m_message);
  m_view->setModel(m_preview);
  m_view->setToolTip(tr("The first rows of the file, as they will be read"));
  m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
  m_view->setWordWrap(false);
  layout->addWidget(m_view, 1);

  connect(browseButton, &QPushButton::clicked, this, &CsvSourceForm::browse);
  connect(m_path, &QLineEdit::editingFinished, this, &CsvSourceForm::reload);
  connect(m_delimiter, &QComboBox::currentIndexChanged, this, &CsvSourceForm::reload);
  connect(m_header, &QCheckBox::toggled, this, &CsvSourceForm::reload);
  connect(m_encoding, &QComboBox::currentIndexChanged, this, &CsvSourceForm::reload);
  reload();
}

QString CsvSourceForm::path() const {
  return m_path->text().trimmed();
}

void CsvSourceForm::setPath(const QString& path) {
  m_path->setText(path);
  // Guess the delimiter from the extension; the user can still change it.
  m_delimiter->setCurrentIndex(path.endsWith(QStringLiteral(".tsv"), Qt::CaseInsensitive) ||
                                       path.endsWith(QStringLiteral(".tab"), Qt::CaseInsensitive)
                                   ? 2
                                   : m_delimiter->currentIndex());
  reload();
}

CsvFormat CsvSourceForm::format() const {
  CsvFormat format;
  format.delimiter = m_delimiter->currentData().toChar().toLatin1();
  format.header = m_header->isChecked();
  format.encoding = static_cast<TextEncoding>(m_encoding->currentData().toInt());
  return format;
}

std::string CsvSourceForm::column(const QString& key) const {
  const auto it = m_combos.find(key);
  if (it == m_combos.end() || it->second->currentIndex() <= 0) return {};
  return it->second->currentText().toStdString();
}

std::vector<std::string> CsvSourceForm::unusedColumns() const {
  std::vector<std::string> unused;
  for (const QString& name : m_preview->header()) {
    const bool used = std::any_of(m_combos.begin(), m_combos.end(), [&](const auto& entry) {
      return entry.second->currentIndex() > 0 && entry.second->currentText() == name;
    });
    if (!used) unused.push_back(name.toStdString());
  }
  return unused;
}

QStringList CsvSourceForm::header() const {
  return m_preview->header();
}

QComboBox* CsvSourceForm::roleCombo(const QString& key) const {
  const auto it = m_combos.find(key);
  return it == m_combos.end() ? nullptr : it->second;
}

void CsvSourceForm::browse() {
  const QString start = path().isEmpty() ? QString() : QFileInfo(path()).absolutePath();
  const QString chosen = QFileDialog::getOpenFileName(
      this, tr("Choose a CSV File"), start, tr("Delimited text (*.csv *.tsv *.txt);;All files (*)"));
  if (!chosen.isEmpty()) setPath(chosen);
}

void CsvSourceForm::reload() {
  const QString file = path();
  Status status;
  if (file.isEmpty()) {
    m_preview->clear();
  } else {
    const auto f = format();
    status = m_preview->load(file, m_delimiter->currentData().toChar(), f.header, f.encoding);
  }
  const QStringList columns = m_preview->header();
  for (const Role& role : m_roles) {
    QComboBox* combo = m_combos[role.key];
    const QString previous = combo->currentText();
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(tr("(none)"));
    combo->addItems(columns);
    int chosen = combo->findText(previous);
    if (chosen <= 0) chosen = guessColumn(columns, role.hints) + 1;
    combo->setCurrentIndex(chosen);
  }
  if (!status.ok()) {
    m_message->setText(tr("<span style='color:#b00020'>%1</span>")
                           .arg(display::text(status.error().message).toHtmlEscaped()));
  } else if (!file.isEmpty()) {
    m_message->setText(
        tr("%1 columns; showing the first %2 rows").arg(columns.size()).arg(m_preview->rowCount()));
  } else {
    m_message->clear();
  }
  m_view->resizeColumnsToContents();
  Q_EMIT changed();
}

}  // namespace reclens
