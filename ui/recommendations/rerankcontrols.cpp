#include "recommendations/rerankcontrols.h"

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

ReRankControls::ReRankControls(QWidget* parent)
    : QWidget(parent),
      m_popularity(new QSlider(Qt::Horizontal, this)),
      m_diversity(new QSlider(Qt::Horizontal, this)),
      m_calibration(new QSlider(Qt::Horizontal, this)),
      m_popularityValue(new QLabel(sliderText(0), this)),
      m_diversityValue(new QLabel(sliderText(0), this)),
      m_calibrationValue(new QLabel(sliderText(0), this)),
      m_categoryCap(new QSpinBox(this)) {
  for (auto* slider : {m_popularity, m_diversity, m_calibration}) {
    slider->setRange(0, kSliderSteps);
    slider->setPageStep(10);
    slider->setMinimumWidth(110);
  }
  m_popularity->setToolTip(tr("Popularity penalty λ: pushes very popular items down the list (0 = off)"));
  m_diversity->setToolTip(tr("Diversity λ (MMR): prefers items unlike those already listed (0 = off)"));
  m_calibration->setToolTip(
      tr("Calibration κ (Steck 2018): brings the list's mix of categories towards the mix of the user's "
         "history, trading relevance against the KL divergence between the two (0 = off)"));
  m_categoryCap->setRange(0, 100);
  m_categoryCap->setSpecialValueText(tr("off"));
  m_categoryCap->setToolTip(tr("At most this many items of one category in the list (0 = no cap)"));

  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(new QLabel(tr("Popularity penalty:"), this));
  row->addWidget(m_popularity);
  row->addWidget(m_popularityValue);
  row->addSpacing(16);
  row->addWidget(new QLabel(tr("Diversity:"), this));
  row->addWidget(m_diversity);
  row->addWidget(m_diversityValue);
  row->addSpacing(16);
  auto* calibrationLabel = new QLabel(tr("&Calibration:"), this);
  calibrationLabel->setBuddy(m_calibration);
  row->addWidget(calibrationLabel);
  row->addWidget(m_calibration);
  row->addWidget(m_calibrationValue);
  row->addSpacing(16);
  row->addWidget(new QLabel(tr("Per-category cap:"), this));
  row->addWidget(m_categoryCap);
  row->addStretch(1);

  connect(m_categoryCap, &QSpinBox::valueChanged, this, &ReRankControls::changed);
  connect(m_popularity, &QSlider::valueChanged, this, [this](int v) {
    m_popularityValue->setText(sliderText(v));
    Q_EMIT changed();
  });
  connect(m_diversity, &QSlider::valueChanged, this, [this](int v) {
    m_diversityValue->setText(sliderText(v));
    Q_EMIT changed();
  });
  connect(m_calibration, &QSlider::valueChanged, this, [this](int v) {
    m_calibrationValue->setText(sliderText(v));
    Q_EMIT changed();
  });
}

ReRankOptions ReRankControls::options() const {
  ReRankOptions options;
  options.popularityPenalty = double(m_popularity->value()) / kSliderSteps;
  options.diversity = double(m_diversity->value()) / kSliderSteps;
  options.categoryCap = m_categoryCap->value();
  options.calibration = double(m_calibration->value()) / kSliderSteps;
  return options;
}

}  // namespace reclens
