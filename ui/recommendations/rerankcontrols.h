#pragma once
#include <QStringList>
#include <QWidget>

#include "engine/rerank.h"

class QComboBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace reclens {

// The re-ranking knobs in two rows: popularity penalty λ, user-aware popularity penalty λ, MMR
// diversity λ, calibration κ and provider fairness φ (with the provider groups' field) as sliders from
// 0 to 1, and a per-category cap (0 = off). Emits changed() on every move.
class ReRankControls : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kSliderSteps = 100;

  explicit ReRankControls(QWidget* parent = nullptr);

  // The knobs as re-ranking options.
  ReRankOptions options() const;
  // The provider groupings offered ("tier" and the catalog's item fields): the user's earlier choice
  // when offered again, else brand when there.
  void setProviderFields(const QStringList& fields);
  QSlider* popularitySlider() const { return m_popularity; }
  QSlider* userAwareSlider() const { return m_userAware; }
  QSlider* diversitySlider() const { return m_diversity; }
  QSlider* calibrationSlider() const { return m_calibration; }
  QSlider* providerSlider() const { return m_provider; }
  QComboBox* providerFieldBox() const { return m_providerField; }
  QSpinBox* categoryCapBox() const { return m_categoryCap; }

 Q_SIGNALS:
  void changed();

 private:
  QSlider* addSlider(const QString& label, const QString& toolTip, int row, int column);

  QSlider* m_popularity = nullptr;
  QSlider* m_userAware = nullptr;
  QSlider* m_diversity = nullptr;
  QSlider* m_calibration = nullptr;
  QSlider* m_provider = nullptr;
  QComboBox* m_providerField = nullptr;
  QSpinBox* m_categoryCap = nullptr;
  bool m_providerChosen = false;  // the provider field was picked by the user
};

}  // namespace reclens
