#pragma once
#include <QWidget>

#include "engine/rerank.h"

class QLabel;
class QSlider;
class QSpinBox;

namespace reclens {

// The re-ranking knobs in one row: popularity penalty λ and MMR diversity λ as sliders from 0 to 1,
// and a per-category cap (0 = off). Emits changed() on every move.
class ReRankControls : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kSliderSteps = 100;

  explicit ReRankControls(QWidget* parent = nullptr);

  // The knobs as re-ranking options.
  ReRankOptions options() const;
  QSlider* popularitySlider() const { return m_popularity; }
  QSlider* diversitySlider() const { return m_diversity; }
  QSpinBox* categoryCapBox() const { return m_categoryCap; }

 Q_SIGNALS:
  void changed();

 private:
  QSlider* m_popularity;
  QSlider* m_diversity;
  QLabel* m_popularityValue;
  QLabel* m_diversityValue;
  QSpinBox* m_categoryCap;
};

}  // namespace reclens
