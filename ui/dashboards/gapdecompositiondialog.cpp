#include "dashboards/gapdecompositiondialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <cmath>

#include "dashboards/auditmetrics.h"
#include "dashboards/exposureplot.h"
#include "widgets/displayformat.h"

namespace reclens {

namespace {

QString number(double v) {
  return std::isfinite(v) ? QString::number(v, 'g', 4) : QStringLiteral("–");
}

}  // namespace

GapDecompositionDialog::GapDecompositionDialog(std::shared_ptr<const AuditOutcome> outcome,
                                               const std::string& attribute, const std::string& metric,
                                               const std::string& grouping, QWidget* parent)
    : QDialog(parent),
      m_outcome(std::move(outcome)),
      m_attribute(attribute),
      m_metric(new QComboBox(this)),
      m_grouping(new QComboBox(this)),
      m_high(new QComboBox(this)),
      m_low(new QComboBox(this)),
      m_summary(new QLabel(this)),
      m_table(new QTableWidget(this)) {
  setWindowTitle(tr("Why This Gap? — %1").arg(display::text(attribute)));
  resize(820, 560);
  const auto& result = m_outcome->result;
  const int k = result.partial.config.k;
  for (const auto& name : decomposableGapMetrics())
    m_metric->addItem(auditmetrics::title(name, k), display::text(name));
  for (const auto& g : result.itemGroups)
    m_grouping->addItem(itemGroupingTitle(g.name), display::text(g.name));
  const auto fairness = std::find_if(result.fairness.begin(), result.fairness.end(),
                                     [&](const AttributeFairness& a) { return a.attribute == attribute; });
  if (fairness != result.fairness.end() && !fairness->metrics.empty()) {
    for (const auto& g : fairness->metrics.front().groups) {
      m_high->addItem(display::text(g.group), display::text(g.group));
      m_low->addItem(display::text(g.group), display::text(g.group));
    }
  }
  m_metric->setCurrentIndex(std::max(0, m_metric->findData(display::text(metric))));
  m_grouping->setCurrentIndex(std::max(0, m_grouping->findData(display::text(grouping))));
  m_metric->setToolTip(tr("The per-user metric whose gap between the two groups is split"));
  m_grouping->setToolTip(tr("Split the gap over the groups of this item grouping"));
  m_high->setToolTip(
      tr("The first group (its mean minus the second's is the gap); first shown: the group "
         "with the largest mean"));
  m_low->setToolTip(tr("The second group; first shown: the group with the smallest mean"));
  // The audit's own high and low groups of the chosen metric first.
  if (fairness != result.fairness.end()) {
    const auto stats = std::find_if(fairness->metrics.begin(), fairness->metrics.end(),
                                    [&](const MetricFairness& m) { return m.metric == metric; });
    if (stats != fairness->metrics.end()) {
      m_high->setCurrentIndex(std::max(0, m_high->findData(display::text(stats->highGroup))));
      m_low->setCurrentIndex(std::max(0, m_low->findData(display::text(stats->lowGroup))));
    }
  }
  m_summary->setWordWrap(true);
  m_summary->setTextFormat(Qt::RichText);
  m_table->setColumnCount(5);
  m_table->setHorizontalHeaderLabels(
      {tr("Item group"), tr("First group"), tr("Second group"), tr("Difference"), tr("Share of the gap")});
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
  m_table->verticalHeader()->hide();
  m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_table->setObjectName(QStringLiteral("gap-decomposition"));

  auto* form = new QFormLayout;
  form->addRow(tr("&Metric:"), m_metric);
  form->addRow(tr("&Split by:"), m_grouping);
  auto* groups = new QHBoxLayout;
  groups->addWidget(m_high, 1);
  groups->addWidget(new QLabel(tr("minus"), this));
  groups->addWidget(m_low, 1);
  auto* groupsLabel = new QLabel(tr("&Groups:"), this);
  groupsLabel->setBuddy(m_high);
  form->addRow(groupsLabel, groups);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(m_summary);
  layout->addWidget(m_table, 1);
  layout->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(&m_watcher, &QFutureWatcher<Result<GapDecomposition>>::finished, this, [this] {
    auto decomposition = m_watcher.result();
    if (m_again) {
      m_again = false;
      compute();
      return;
    }
    showDecomposition(std::move(decomposition));
  });
  for (auto* box : {m_metric, m_grouping, m_high, m_low})
    connect(box, &QComboBox::currentIndexChanged, this, &GapDecompositionDialog::compute);
  compute();
}

GapDecompositionDialog::~GapDecompositionDialog() {
  m_watcher.waitForFinished();
}

void GapDecompositionDialog::compute() {
  if (m_watcher.isRunning()) {
    m_again = true;
    return;
  }
  m_summary->setText(tr("Computing…"));
  const auto outcome = m_outcome;
  const std::string attribute = m_attribute;
  const std::string metric = m_metric->currentData().toString().toStdString();
  const std::string grouping = m_grouping->currentData().toString().toStdString();
  const std::string high = m_high->currentData().toString().toStdString();
  const std::string low = m_low->currentData().toString().toStdString();
  m_watcher.setFuture(QtConcurrent::run([outcome, attribute, metric, grouping, high, low] {
    return decomposeGap(outcome->result, outcome->session->snapshot().dataset(), *outcome->split, attribute,
                        metric, grouping, high, low);
  }));
}

void GapDecompositionDialog::showDecomposition(Result<GapDecomposition> result) {
  m_table->setRowCount(0);
  if (!result) {
    m_shown.reset();
    m_summary->setText(
        tr("The gap cannot be decomposed: %1").arg(display::text(result.error().message).toHtmlEscaped()));
    Q_EMIT decompositionShown();
    return;
  }
  m_shown = std::move(result).value();
  const auto& d = *m_shown;
  const int k = m_outcome->result.partial.config.k;
  const bool accuracy = d.metric == "ndcg" || d.metric == "recall" || d.metric == "hit";
  m_summary->setText(
      tr("<b>%1</b> of <b>%2</b> %3 (%4 users) minus <b>%5</b> %6 (%7 users) = gap <b>%8</b>. %9")
          .arg(auditmetrics::title(d.metric, k), display::text(d.highGroup).toHtmlEscaped(),
               number(d.highMean))
          .arg(d.highUsers)
          .arg(display::text(d.lowGroup).toHtmlEscaped(), number(d.lowMean))
          .arg(d.lowUsers)
          .arg(
              number(d.gap),
              accuracy
                  ? tr("Each row is what the held-out items of that group that the lists hit earn, per user.")
                  : tr("Each row is what the listed items of that group contribute, per user.")));
  m_table->setHorizontalHeaderLabels({tr("Item group"), display::text(d.highGroup), display::text(d.lowGroup),
                                      tr("Difference"), tr("Share of the gap")});
  m_table->setRowCount(static_cast<int>(d.parts.size()));
  for (int r = 0; r < m_table->rowCount(); ++r) {
    const auto& p = d.parts[static_cast<std::size_t>(r)];
    const QString cells[] = {display::text(p.itemGroup), number(p.high), number(p.low), number(p.difference),
                             std::isfinite(p.shareOfGap)
                                 ? QStringLiteral("%1 %").arg(p.shareOfGap * 100.0, 0, 'f', 1)
                                 : QStringLiteral("–")};
    for (int c = 0; c < 5; ++c) {
      auto* item = new QTableWidgetItem(cells[c]);
      if (c > 0) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
      m_table->setItem(r, c, item);
    }
  }
  m_table->resizeColumnsToContents();
  m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  Q_EMIT decompositionShown();
}

}  // namespace reclens
