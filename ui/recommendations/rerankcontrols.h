#pragma once
#include <QWidget>

#include "engine/rerank.h"

class QLabel;
class QSlider;
class QSpinBox;

namespace reclens {

// The re-ranking knobs in one row: popularity penalty λ, MMR diversity λ and calibration κ as sliders
// from 0 to 1, and a per-category cap (0 = off). Emits changed() on every move.
class ReRankControls : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kSliderSteps = 100;

  explicit ReRankControls(QWidget* parent = nullptr);

  // The knobs as re-ranking options.
  ReRankOptions options() const;
  QSlider* popularitySlider() const { return m_popularity; }
  QSlider* diversitySlider() const { return m_diversity; }
  QSlider* calibrationSlider() const { return m_calibration; }
  QSpinBox* categoryCapBox() const { return m_categoryCap; }

 Q_SIGNALS:
  void changed();

 private:
  QSlider* m_popularity;
  QSlider* m_diversity;
  QSlider* m_calibration;
  QLabel* m_popularityValue;
  QLabel* m_diversityValue;
  QLabel* m_calibrationValue;
  QSpinBox* m_categoryCap;
};

}  // namespace reclens
