#include "import/importreportdialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include "widgets/displayformat.h"

namespace reclens {

ImportReportDialog::ImportReportDialog(const ImportReport& report, const QString& projectPath,
                                       QWidget* parent)
    : QDialog(parent), m_issues(new QTableWidget(this)) {
  setWindowTitle(tr("Import Report"));
  auto* layout = new QVBoxLayout(this);
  // Rows lost to their encoding come first: the likely sign that the file is not UTF-8.
  if (const auto lost = report.invalidUtf8Count(); lost > 0) {
    auto* headline = new QLabel(this);
    headline->setObjectName(QStringLiteral("encoding_headline"));
    headline->setWordWrap(true);
    headline->setText(
        tr("<b>%n row(s) skipped: not valid UTF-8</b> (choose the Latin-1 or Windows-1252 "
           "encoding for the file and import again)",
           nullptr, static_cast<int>(lost)));
    layout->addWidget(headline);
  }
  auto* summary = new QLabel(this);
  summary->setTextFormat(Qt::RichText);
  summary->setWordWrap(true);
  summary->setText(tr("<p>Imported into <b>%1</b> in %2 s.</p>"
                      "<table cellspacing='4'>"
                      "<tr><td>Rows read:</td><td align='right'>%3</td></tr>"
                      "<tr><td>Interactions written:</td><td align='right'>%4</td></tr>"
                      "<tr><td>Users:</td><td align='right'>%5</td></tr>"
                      "<tr><td>Items:</td><td align='right'>%6</td></tr>"
                      "<tr><td>Rows skipped (errors):</td><td align='right'>%7</td></tr>"
                      "<tr><td>Rows filtered out:</td><td align='right'>%8</td></tr></table>")
                       .arg(QDir::toNativeSeparators(projectPath).toHtmlEscaped(),
                            QString::number(report.seconds, 'f', 1), display::count(report.rowsRead),
                            display::count(report.interactions), display::count(report.users),
                            display::count(report.items), display::count(report.skippedCount()),
                            display::count(report.filteredCount())));
  layout->addWidget(summary);

  m_issues->setColumnCount(5);
  m_issues->setHorizontalHeaderLabels({tr("Kind"), tr("File"), tr("Reason"), tr("Rows"), tr("First lines")});
  m_issues->horizontalHeader()->setStretchLastSection(true);
  m_issues->verticalHeader()->setVisible(false);
  m_issues->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_issues->setToolTip(tr("Rows that were not imported, grouped by reason; line 1 is the header"));
  auto addIssues = [this](const std::vector<ImportReport::RowIssue>& issues, const QString& kind) {
    for (const auto& issue : issues) {
      const int row = m_issues->rowCount();
      m_issues->insertRow(row);
      QStringList lines;
      for (const auto line : issue.firstLines) lines << QString::number(line);
      m_issues->setItem(row, 0, new QTableWidgetItem(kind));
      m_issues->setItem(row, 1, new QTableWidgetItem(display::text(issue.file)));
      m_issues->setItem(row, 2, new QTableWidgetItem(display::text(issue.reason)));
      auto* count = new QTableWidgetItem(display::count(issue.count));
      count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      m_issues->setItem(row, 3, count);
      m_issues->setItem(row, 4, new QTableWidgetItem(lines.join(QStringLiteral(", "))));
    }
  };
  addIssues(report.skipped, tr("Skipped"));
  addIssues(report.filtered, tr("Filtered"));
  m_issues->resizeColumnsToContents();
  layout->addWidget(m_issues, 1);
  m_issues->setVisible(m_issues->rowCount() > 0);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  layout->addWidget(buttons);
  resize(720, m_issues->rowCount() > 0 ? 480 : 280);
}

}  // namespace reclens
