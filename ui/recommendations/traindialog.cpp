#include "recommendations/traindialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "model/historyweight.h"
#include "model/modelfile.h"
#include "model/trainingmetadata.h"
#include "widgets/displayformat.h"

namespace reclens {

TrainDialog::TrainDialog(QWidget* parent)
    : QDialog(parent),
      m_kind(new QComboBox(this)),
      m_dim(new QSpinBox(this)),
      m_epochs(new QSpinBox(this)),
      m_historyWeight(new QComboBox(this)),
      m_split(new QComboBox(this)),
      m_startFrom(new QComboBox(this)) {
  setWindowTitle(tr("Train a Model"));
  for (const auto& kind : trainableModelKinds()) m_kind->addItem(display::text(kind), display::text(kind));
  m_kind->setCurrentIndex(m_kind->findData(QStringLiteral("bpr")));
  m_kind->setToolTip(
      tr("popularity: most popular items for everyone; bpr: matrix factorisation; lightgcn: graph "
         "convolution over the interactions; twotower: user and item towers with attributes; sasrec: "
         "self-attention over the history in time order, so the newest events weigh most (sequential)"));
  const TrainConfig defaults;
  m_dim->setRange(4, 512);
  m_dim->setValue(defaults.dim);
  m_dim->setToolTip(tr("Embedding size of users and items"));
  m_epochs->setRange(1, 500);
  m_epochs->setValue(defaults.epochs);
  m_epochs->setToolTip(tr("Upper bound; training stops early when validation NDCG stops improving"));
  m_historyWeight->addItem(tr("Sum of the interactions"), static_cast<int>(HistoryWeighting::Sum));
  m_historyWeight->addItem(tr("log(1 + sum): damp repeated items"),
                           static_cast<int>(HistoryWeighting::Log1p));
  m_historyWeight->setCurrentIndex(m_historyWeight->findData(static_cast<int>(defaults.historyWeighting)));
  m_historyWeight->setToolTip(
      tr("How much an item the user interacted with many times weighs in their history: the sum of the "
         "interactions, or log(1 + sum) so that one repeated item cannot dominate the user. The model "
         "remembers the choice and builds every profile the same way."));
  m_split->addItem(tr("By time: the last item tested (leave-one-out)"), QStringLiteral("time:1"));
  m_split->addItem(tr("By time: 80/10/10 of each user's items"), QStringLiteral("temporal:0.8,0.1"));
  m_split->addItem(tr("At random: 80/10/10 of each user's items"), QStringLiteral("random:0.8,0.1,42"));
  m_split->addItem(tr("One calendar: the first 80% of all rows in time, then 10%, 10% (cold start)"),
                   QStringLiteral("global:0.8,0.1"));
  m_split->setCurrentIndex(m_split->findData(display::text(defaults.split.name())));
  m_split->setToolTip(tr(
      "How each user's items are split into train, validation (for early stopping) and test (the "
      "final figure). By time predicts what comes next; at random (80/10/10, seed 42) is the protocol of "
      "many published tables; one calendar cuts everyone's log at the same dates, so items launched late are "
      "cold (no training rows): the cold-start protocol. The model remembers the split, and evaluation "
      "uses it."));
  connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
    const auto kind = m_kind->currentData().toString();
    m_dim->setEnabled(m_startFrom->currentIndex() <= 0 && kind != QStringLiteral("popularity"));
    // Each kind's own upper bound (sasrec climbs for longer); a warm start keeps its few epochs.
    if (m_startFrom->currentIndex() <= 0) m_epochs->setValue(defaultTrainConfig(kind.toStdString()).epochs);
  });
  m_startFrom->addItem(tr("Nothing (random start)"), QString());
  m_startFrom->setToolTip(
      tr("Fine-tune a model trained before (a warm start): its learned tables start the run, items and "
         "attribute values added since start fresh, and the new model records it as its parent. It keeps "
         "the parent's kind, size and history weights; a few epochs are usually enough."));
  connect(m_startFrom, &QComboBox::currentIndexChanged, this, [this](int index) {
    const bool warm = index > 0;
    if (warm) {
      m_kind->setCurrentIndex(m_kind->findData(m_startFrom->itemData(index, Qt::UserRole + 1)));
      m_dim->setValue(m_startFrom->itemData(index, Qt::UserRole + 2).toInt());
      m_historyWeight->setCurrentIndex(
          m_historyWeight->findData(m_startFrom->itemData(index, Qt::UserRole + 3)));
      const auto split = m_startFrom->itemData(index, Qt::UserRole + 4).toString();
      if (m_split->findData(split) < 0) m_split->addItem(split, split);
      m_split->setCurrentIndex(m_split->findData(split));
    }
    m_epochs->setValue(warm ? 3 : defaultTrainConfig(m_kind->currentData().toString().toStdString()).epochs);
    for (QWidget* w : {static_cast<QWidget*>(m_kind), static_cast<QWidget*>(m_dim),
                       static_cast<QWidget*>(m_historyWeight), static_cast<QWidget*>(m_split)}) {
      w->setEnabled(!warm);
    }
  });

  auto* form = new QFormLayout;
  form->addRow(tr("&Start from:"), m_startFrom);
  form->addRow(tr("&Model:"), m_kind);
  form->addRow(tr("&Embedding size:"), m_dim);
  form->addRow(tr("Most &epochs:"), m_epochs);
  form->addRow(tr("&History weights:"), m_historyWeight);
  form->addRow(tr("S&plit:"), m_split);
  auto* note = new QLabel(tr("The model is trained on the train part, stopped early on the validation part, "
                             "measured on the test part, saved beside the project and registered with it."),
                          this);
  note->setWordWrap(true);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("&Train"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(note);
  layout->addWidget(buttons);
}

void TrainDialog::setStartModels(const std::vector<ProjectStore::ModelRecord>& models) {
  while (m_startFrom->count() > 1) m_startFrom->removeItem(1);
  for (const auto& record : models) {
    auto meta = parseModelMetadata(record.metadataJson);
    auto weighting = historyWeightingOf(record.metadataJson);
    auto split = trainingSplitOf(record.metadataJson);
    if (!meta || !weighting || !split || meta.value().trainedBy.rfind("RecLens ", 0) != 0 ||
        meta.value().kind == "popularity") {
      continue;
    }
    const auto& m = meta.value();
    m_startFrom->addItem(
        tr("%1 (%2, size %3)").arg(display::text(record.name), display::text(m.kind)).arg(m.dim),
        display::text(record.path));
    const int row = m_startFrom->count() - 1;
    m_startFrom->setItemData(row, display::text(record.name), Qt::ToolTipRole);
    m_startFrom->setItemData(row, display::text(m.kind), Qt::UserRole + 1);
    m_startFrom->setItemData(row, m.dim, Qt::UserRole + 2);
    m_startFrom->setItemData(row, static_cast<int>(weighting.value()), Qt::UserRole + 3);
    m_startFrom->setItemData(row, display::text(split.value() ? split.value()->name() : SplitSpec{}.name()),
                             Qt::UserRole + 4);
  }
}

QString TrainDialog::startModelName() const {
  return m_startFrom->currentIndex() > 0 ? m_startFrom->currentData(Qt::ToolTipRole).toString() : QString();
}

TrainConfig TrainDialog::config() const {
  TrainConfig config = defaultTrainConfig(m_kind->currentData().toString().toStdString());
  config.dim = m_dim->value();
  config.epochs = m_epochs->value();
  config.historyWeighting = static_cast<HistoryWeighting>(m_historyWeight->currentData().toInt());
  config.warmStartPath = m_startFrom->currentData().toString().toStdString();
  if (auto split = SplitSpec::parse(m_split->currentData().toString().toStdString()))
    config.split = split.value();
  return config;
}

}  // namespace reclens
