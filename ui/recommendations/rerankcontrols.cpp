#include "recommendations/rerankcontrols.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSlider>
#include <QSpinBox>

namespace reclens {

namespace {
QString sliderText(int value) {
  return QLocale().toString(double(value) / ReRankControls::kSliderSteps, 'f', 2);
}
}  // namespace

ReRankControls::ReRankControls(QWidget* parent) : QWidget(parent) {
  auto* grid = new QGridLayout(this);
  grid->setContentsMargins(0, 0, 0, 0);
  grid->setHorizontalSpacing(6);
  m_popularity =
      addSlider(tr("Popularity penalty:"),
                tr("Popularity penalty λ: pushes very popular items down the list (0 = off)"), 0, 0);
  m_userAware = addSlider(tr("User-a&ware penalty:"),
                          tr("User-aware popularity penalty λ: the popularity penalty scaled by the share of "
                             "the user's history outside the popular items, so users of niche taste get "
                             "nearly all of it and blockbuster users little (0 = off)"),
                          0, 3);
  m_diversity = addSlider(tr("Diversity:"),
                          tr("Diversity λ (MMR): prefers items unlike those already listed (0 = off)"), 0, 6);
  m_calibration = addSlider(tr("&Calibration:"),
                            tr("Calibration κ (Steck 2018): brings the list's mix of categories towards the "
                               "mix of the user's history, trading relevance against the KL divergence "
                               "between the two (0 = off)"),
                            1, 0);
  m_provider = addSlider(tr("Pro&vider fairness:"),
                         tr("Provider fairness φ: brings the list's position-weighted exposure of the "
                            "provider groups towards each group's share of the catalog, trading relevance "
                            "against the distance between the two (0 = off)"),
                         1, 3);
  m_providerField = new QComboBox(this);
  m_providerField->setToolTip(
      tr("The provider groups of provider fairness: an item field, or the "
         "popularity tiers"));
  m_providerField->setAccessibleName(tr("Provider groups"));
  setProviderFields({QStringLiteral("tier")});
  grid->addWidget(m_providerField, 1, 6);
  m_categoryCap = new QSpinBox(this);
  m_categoryCap->setRange(0, 100);
  m_categoryCap->setSpecialValueText(tr("off"));
  m_categoryCap->setToolTip(tr("At most this many items of one category in the list (0 = no cap)"));
  auto* capLabel = new QLabel(tr("Per-category cap:"), this);
  capLabel->setBuddy(m_categoryCap);
  grid->addWidget(capLabel, 1, 7);
  grid->addWidget(m_categoryCap, 1, 8);
  grid->setColumnStretch(9, 1);

  connect(m_categoryCap, &QSpinBox::valueChanged, this, &ReRankControls::changed);
  connect(m_providerField, &QComboBox::activated, this, [this] { m_providerChosen = true; });
  connect(m_providerField, &QComboBox::currentIndexChanged, this, [this] {
    if (m_provider->value() > 0) Q_EMIT changed();
  });
}

QSlider* ReRankControls::addSlider(const QString& label, const QString& toolTip, int row, int column) {
  auto* grid = static_cast<QGridLayout*>(layout());
  auto* slider = new QSlider(Qt::Horizontal, this);
  slider->setRange(0, kSliderSteps);
  slider->setPageStep(10);
  slider->setMinimumWidth(110);
  slider->setToolTip(toolTip);
  auto* name = new QLabel(label, this);
  name->setBuddy(slider);
  auto* value = new QLabel(sliderText(0), this);
  grid->addWidget(name, row, column);
  grid->addWidget(slider, row, column + 1);
  grid->addWidget(value, row, column + 2);
  connect(slider, &QSlider::valueChanged, this, [this, value](int v) {
    value->setText(sliderText(v));
    Q_EMIT changed();
  });
  return slider;
}

void ReRankControls::setProviderFields(const QStringList& fields) {
  const QSignalBlocker block(m_providerField);
  const auto previous = m_providerField->currentText();
  m_providerField->clear();
  m_providerField->addItems(fields);
  // The user's choice stays while the new catalog has it; otherwise brand, where there is one.
  int index = m_providerChosen ? m_providerField->findText(previous) : -1;
  if (index < 0) index = m_providerField->findText(QStringLiteral("brand"));
  m_providerField->setCurrentIndex(std::max(index, 0));
}

ReRankOptions ReRankControls::options() const {
  ReRankOptions options;
  options.popularityPenalty = double(m_popularity->value()) / kSliderSteps;
  options.userAwarePenalty = double(m_userAware->value()) / kSliderSteps;
  options.diversity = double(m_diversity->value()) / kSliderSteps;
  options.categoryCap = m_categoryCap->value();
  options.calibration = double(m_calibration->value()) / kSliderSteps;
  options.providerFairness = double(m_provider->value()) / kSliderSteps;
  if (m_providerField->currentIndex() >= 0)
    options.providerField = m_providerField->currentText().toStdString();
  return options;
}

}  // namespace reclens
