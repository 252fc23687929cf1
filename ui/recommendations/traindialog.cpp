#include "recommendations/traindialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "widgets/displayformat.h"

namespace reclens {

TrainDialog::TrainDialog(QWidget* parent)
    : QDialog(parent),
      m_kind(new QComboBox(this)),
      m_dim(new QSpinBox(this)),
      m_epochs(new QSpinBox(this)),
      m_historyWeight(new QComboBox(this)) {
  setWindowTitle(tr("Train a Model"));
  for (const auto& kind : trainableModelKinds()) m_kind->addItem(display::text(kind), display::text(kind));
  m_kind->setCurrentIndex(m_kind->findData(QStringLiteral("bpr")));
  m_kind->setToolTip(
      tr("popularity: most popular items for everyone; bpr: matrix factorisation; lightgcn: graph "
         "convolution over the interactions; twotower: user and item towers with attributes"));
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
  connect(m_kind, &QComboBox::currentIndexChanged, this,
          [this] { m_dim->setEnabled(m_kind->currentData().toString() != QStringLiteral("popularity")); });

  auto* form = new QFormLayout;
  form->addRow(tr("&Model:"), m_kind);
  form->addRow(tr("&Embedding size:"), m_dim);
  form->addRow(tr("Most &epochs:"), m_epochs);
  form->addRow(tr("&History weights:"), m_historyWeight);
  auto* note =
      new QLabel(tr("The model is trained on the older interactions, checked on the newer ones, saved "
                    "beside the project and registered with it."),
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

TrainConfig TrainDialog::config() const {
  TrainConfig config = defaultTrainConfig(m_kind->currentData().toString().toStdString());
  config.dim = m_dim->value();
  config.epochs = m_epochs->value();
  config.historyWeighting = static_cast<HistoryWeighting>(m_historyWeight->currentData().toInt());
  return config;
}

}  // namespace reclens
