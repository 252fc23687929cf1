#include "dashboards/runcomparisondialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFont>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <cmath>

#include "store/projectstore.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {

const QString kCurrent = QStringLiteral("current");
constexpr int kNameRole = Qt::UserRole + 1;  // a saved run's name in the run boxes

QString number(double v) {
  return std::isfinite(v) ? QString::number(v, 'g', 4) : QStringLiteral("–");
}

QString runLabel(const AuditRunInfo& info) {
  const auto& p = info.provenance;
  const QString source =
      p.logPath.empty() ? display::text(p.modelName) : QObject::tr("log %1").arg(display::text(p.logPath));
  QString label = QObject::tr("%1 — %2 @%3").arg(display::text(info.name), source).arg(info.config.k);
  if (info.config.rerank.active())
    label += QObject::tr(" (re-ranked: %1)").arg(QString::fromStdString(describeReRank(info.config.rerank)));
  return label;
}

}  // namespace

RunComparisonModel::RunComparisonModel(QObject* parent) : QAbstractTableModel(parent) {}

QString RunComparisonModel::sectionTitle(const std::string& section) {
  if (section == "Users") return tr("Users");
  if (section == "Accuracy") return tr("Accuracy");
  if (section == "Long tail") return tr("Long tail");
  if (section == "Fairness") return tr("Fairness");
  if (section == "Popularity lift") return tr("Popularity lift");
  if (section == "Item groups") return tr("Item groups");
  if (section == "Flips") return tr("Flips");
  return QString::fromStdString(section);
}

void RunComparisonModel::setComparison(RunComparison comparison) {
  beginResetModel();
  m_comparison = std::move(comparison);
  endResetModel();
}

int RunComparisonModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_comparison.rows.size());
}

int RunComparisonModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunComparisonModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const auto& r = m_comparison.rows[static_cast<std::size_t>(index.row())];
  const bool hasInterval = std::isfinite(r.ciLow);
  if (role == kSignificantRole) return r.significant;
  if (role == Qt::DisplayRole) {
    switch (index.column()) {
      case Section:
        return sectionTitle(r.section);
      case Metric:
        return display::text(r.metric);
      case A:
        return number(r.a);
      case B:
        return number(r.b);
      case Difference:
        if (!r.significant) return number(r.difference);
        return (r.difference > 0 ? QStringLiteral("▲ ") : QStringLiteral("▼ ")) + number(r.difference);
      case Interval:
        return hasInterval ? QStringLiteral("[%1, %2]").arg(number(r.ciLow), number(r.ciHigh))
                           : QStringLiteral("–");
      case Users:
        return hasInterval ? QVariant(static_cast<qulonglong>(r.pairedUsers)) : QVariant(QStringLiteral("–"));
      default:
        return {};
    }
  }
  if (role == Qt::FontRole && r.significant) {
    QFont bold;
    bold.setBold(true);
    return bold;
  }
  if (role == Qt::TextAlignmentRole && index.column() >= A)
    return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
  if (role == Qt::ToolTipRole) {
    if (r.significant) {
      return tr(
          "Changed significantly: the 95% paired bootstrap interval of B − A over %n user(s) excludes 0",
          nullptr, static_cast<int>(r.pairedUsers));
    }
    if (hasInterval) {
      return tr("Not a significant change: the 95% paired bootstrap interval over %n user(s) includes 0",
                nullptr, static_cast<int>(r.pairedUsers));
    }
    return tr("A statistic of the whole run (or runs that cannot be paired): the difference has no interval");
  }
  return {};
}

QVariant RunComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Section:
      return tr("Section");
    case Metric:
      return tr("Metric");
    case A:
      return tr("A");
    case B:
      return tr("B");
    case Difference:
      return tr("B − A");
    case Interval:
      return tr("95% interval (paired)");
    case Users:
      return tr("Users");
    default:
      return {};
  }
}

void RunComparisonFilter::setText(const QString& text) {
  m_text = text;
  invalidateFilter();
}

void RunComparisonFilter::setSignificantOnly(bool on) {
  m_significantOnly = on;
  invalidateFilter();
}

bool RunComparisonFilter::filterAcceptsRow(int row, const QModelIndex& parent) const {
  const auto* source = sourceModel();
  if (m_significantOnly && !source->index(row, 0, parent).data(RunComparisonModel::kSignificantRole).toBool())
    return false;
  if (m_text.isEmpty()) return true;
  const QString metric = source->index(row, RunComparisonModel::Metric, parent).data().toString();
  const QString section = source->index(row, RunComparisonModel::Section, parent).data().toString();
  return metric.contains(m_text, Qt::CaseInsensitive) || section.contains(m_text, Qt::CaseInsensitive);
}

RunComparisonDialog::RunComparisonDialog(const std::string& projectPath,
                                         std::shared_ptr<const AuditRun> current, QWidget* parent)
    : QDialog(parent),
      m_projectPath(projectPath),
      m_current(std::move(current)),
      m_runA(new QComboBox(this)),
      m_runB(new QComboBox(this)),
      m_filter(new QLineEdit(this)),
      m_significantOnly(new QCheckBox(tr("&Significant changes only"), this)),
      m_notes(new QLabel(this)),
      m_table(new QTableView(this)),
      m_export(new QPushButton(tr("Export &Report…"), this)),
      m_model(new RunComparisonModel(this)),
      m_proxy(new RunComparisonFilter(this)) {
  setWindowTitle(tr("Compare Audit Runs"));
  resize(1100, 720);
  m_runA->setToolTip(tr("Run A: the reference (for example the model without a re-ranker)"));
  m_runB->setToolTip(tr("Run B: compared with A; differences are B − A"));
  m_filter->setPlaceholderText(tr("Filter metrics (e.g. NDCG, region, Gini)"));
  m_filter->setClearButtonEnabled(true);
  m_significantOnly->setToolTip(tr("Show only the rows whose paired interval excludes 0"));
  m_notes->setWordWrap(true);
  m_notes->setTextFormat(Qt::RichText);
  m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_proxy->setSourceModel(m_model);
  m_table->setModel(m_proxy);
  m_table->setObjectName(QStringLiteral("run-comparison"));
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->setAlternatingRowColors(true);
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setSectionResizeMode(RunComparisonModel::Metric, QHeaderView::Stretch);
  m_export->setToolTip(tr("Write the comparison as a self-contained HTML page"));
  m_export->setEnabled(false);

  auto* form = new QFormLayout;
  form->addRow(tr("Run &A:"), m_runA);
  form->addRow(tr("Run &B:"), m_runB);
  auto* filters = new QHBoxLayout;
  auto* filterLabel = new QLabel(tr("&Filter:"), this);
  filterLabel->setBuddy(m_filter);
  filters->addWidget(filterLabel);
  filters->addWidget(m_filter, 1);
  filters->addWidget(m_significantOnly);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  buttons->addButton(m_export, QDialogButtonBox::ActionRole);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addLayout(filters);
  layout->addWidget(m_notes);
  layout->addWidget(m_table, 1);
  layout->addWidget(buttons);

  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_export, &QPushButton::clicked, this, &RunComparisonDialog::askAndExport);
  connect(m_filter, &QLineEdit::textChanged, m_proxy, &RunComparisonFilter::setText);
  connect(m_significantOnly, &QCheckBox::toggled, m_proxy, &RunComparisonFilter::setSignificantOnly);
  connect(&m_watcher, &QFutureWatcher<Result<Outcome>>::finished, this, &RunComparisonDialog::showOutcome);
  listRuns();
  for (auto* box : {m_runA, m_runB})
    connect(box, &QComboBox::currentIndexChanged, this, &RunComparisonDialog::compare);
  compare();
}

RunComparisonDialog::~RunComparisonDialog() {
  m_watcher.waitForFinished();
}

void RunComparisonDialog::listRuns() {
  const QSignalBlocker blockA(m_runA);
  const QSignalBlocker blockB(m_runB);
  if (m_current) {
    QString label = tr("The audit on screen (not saved)");
    const auto& rerank = m_current->result.partial.config.rerank;
    if (rerank.active()) label += tr(" (re-ranked: %1)").arg(QString::fromStdString(describeReRank(rerank)));
    m_runA->addItem(label, kCurrent);
    m_runB->addItem(label, kCurrent);
  }
  auto store = ProjectStore::open(m_projectPath, ProjectStore::Mode::ReadOnly);
  if (!store) {
    m_listError =
        tr("Cannot read the saved runs: %1").arg(display::text(store.error().message).toHtmlEscaped());
    return;
  }
  auto runs = listAuditRuns(*store.value());
  if (!runs) {
    m_listError =
        tr("Cannot read the saved runs: %1").arg(display::text(runs.error().message).toHtmlEscaped());
    return;
  }
  for (const auto& info : runs.value()) {  // newest first
    const QString id = QString::number(info.id);
    for (auto* box : {m_runA, m_runB}) {
      box->addItem(runLabel(info), id);
      box->setItemData(box->count() - 1, display::text(info.name), kNameRole);
    }
  }
  // B: the newest (the audit on screen when there is one); A: the run saved before it.
  const int count = m_runA->count();
  m_runB->setCurrentIndex(0);
  m_runA->setCurrentIndex(count > 1 ? 1 : 0);
}

bool RunComparisonDialog::selectRuns(const QString& a, const QString& b) {
  const auto find = [this](const QString& run) {
    for (int i = 0; i < m_runA->count(); ++i) {
      if (m_runA->itemData(i, kNameRole).toString() == run || m_runA->itemData(i).toString() == run) return i;
    }
    return -1;
  };
  const int rowA = find(a);
  const int rowB = find(b);
  if (rowA < 0 || rowB < 0) return false;
  {
    const QSignalBlocker block(m_runA);
    m_runA->setCurrentIndex(rowA);
  }
  m_runB->setCurrentIndex(rowB);
  compare();
  return true;
}

void RunComparisonDialog::compare() {
  if (!m_listError.isEmpty()) {  // the project's runs could not be read: say so, not "no runs"
    m_notes->setText(m_listError);
    Q_EMIT comparisonShown();
    return;
  }
  if (m_runA->count() - (m_current ? 1 : 0) <= 0) {
    m_notes->setText(
        tr("The project has no saved audit runs: run an audit and press Save Run… to keep one, "
           "then save another (for example with a re-ranker) to compare."));
    Q_EMIT comparisonShown();
    return;
  }
  if (m_watcher.isRunning()) {
    m_again = true;
    return;
  }
  const QString a = m_runA->currentData().toString();
  const QString b = m_runB->currentData().toString();
  m_notes->setText(tr("Comparing…"));
  const auto current = m_current;
  const std::string path = m_projectPath;
  m_watcher.setFuture(QtConcurrent::run([path, current, a, b]() -> Result<Outcome> {
    std::unique_ptr<ProjectStore> store;
    const auto load = [&](const QString& entry) -> Result<std::shared_ptr<const AuditRun>> {
      if (entry == kCurrent) return current;
      if (!store) {
        auto opened = ProjectStore::open(path, ProjectStore::Mode::ReadOnly);
        if (!opened) return opened.error();
        store = std::move(opened).value();
      }
      auto run = loadAuditRun(*store, entry.toStdString());
      if (!run) return run.error();
      return std::make_shared<const AuditRun>(std::move(run).value());
    };
    auto runA = load(a);
    if (!runA) return runA.error();
    auto runB = load(b);
    if (!runB) return runB.error();
    Outcome out{runA.value(), runB.value(), compareAuditRuns(*runA.value(), *runB.value())};
    return out;
  }));
}

void RunComparisonDialog::showOutcome() {
  auto result = m_watcher.result();
  if (m_again) {
    m_again = false;
    compare();
    return;
  }
  if (!result) {
    m_shown.reset();
    m_model->setComparison({});
    m_export->setEnabled(false);
    m_notes->setText(
        tr("Could not compare the runs: %1").arg(display::text(result.error().message).toHtmlEscaped()));
    Q_EMIT comparisonShown();
    return;
  }
  m_shown = std::move(result).value();
  const auto& c = m_shown->comparison;
  QStringList notes;
  if (c.paired) {
    int significant = 0;
    for (const auto& r : c.rows) significant += r.significant ? 1 : 0;
    notes << tr("Paired over the %1 users with a held-out item in both runs (95% bootstrap, %2 resamples): "
                "%n row(s) changed significantly (bold, ▲/▼).",
                nullptr, significant)
                 .arg(display::count(static_cast<qint64>(c.pairedUsers)))
                 .arg(c.bootstrapSamples);
  }
  for (const auto& n : c.notes) notes << tr("Note: %1").arg(display::text(n).toHtmlEscaped());
  m_notes->setText(notes.join(QStringLiteral("<br>")));
  m_model->setComparison(c);
  m_table->resizeColumnsToContents();
  m_table->horizontalHeader()->setSectionResizeMode(RunComparisonModel::Metric, QHeaderView::Stretch);
  m_export->setEnabled(true);
  Q_EMIT comparisonShown();
}

bool RunComparisonDialog::exportReport(const QString& path, QString* error) {
  if (!m_shown) {
    if (error) *error = tr("There is no comparison to export");
    return false;
  }
  QSaveFile file(path);
  const auto html = runComparisonHtml(*m_shown->a, *m_shown->b, m_shown->comparison);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
      file.write(html.data(), static_cast<qint64>(html.size())) != static_cast<qint64>(html.size()) ||
      !file.commit()) {
    if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

void RunComparisonDialog::askAndExport() {
  const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  const QString path = QFileDialog::getSaveFileName(this, tr("Export Comparison Report"),
                                                    folder + QStringLiteral("/audit-comparison.html"),
                                                    tr("HTML report (*.html)"));
  if (path.isEmpty()) return;
  QString error;
  if (!exportReport(path, &error)) QMessageBox::warning(this, tr("Could not export the comparison"), error);
}

}  // namespace reclens
