#pragma once
#include <QWidget>

#include <cstdint>
#include <optional>
#include <vector>

#include "data/dataset.h"

class QComboBox;
class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace reclens {

// Replays a user's history: a slider over the distinct times of the history (the last position is
// the whole history), play/pause that steps the slider on a timer, and a speed choice. Every move
// says which time the history is cut at; the page recomputes through its debounced service.
class ReplayController : public QWidget {
  Q_OBJECT

 public:
  // Step intervals of the speeds offered, slowest first.
  static constexpr int kIntervalsMs[] = {1200, 600, 250, 100};

  explicit ReplayController(QWidget* parent = nullptr);

  // The times of the history to replay (increasing) and how to print them; resets to the whole history.
  void setSteps(std::vector<std::int64_t> steps, TimeUnit unit);
  // Moves to step `index` (clamped); the last step is the whole history.
  void setPosition(int index);
  int position() const;
  int stepCount() const { return static_cast<int>(m_steps.size()); }
  // The replay time, or none at the last step (the whole history).
  std::optional<std::int64_t> asOf() const;
  bool isPlaying() const;
  // Starts playing from the first step when at the end; stops at the last step.
  void play();
  void pause();

  QSlider* slider() const { return m_slider; }
  QToolButton* playButton() const { return m_play; }
  QComboBox* speedBox() const { return m_speed; }

 Q_SIGNALS:
  // The replay time changed (none: the whole history).
  void replayTimeChanged(std::optional<std::int64_t> asOf);
  void playingChanged(bool playing);

 private:
  void step();
  void updateLabel();

  std::vector<std::int64_t> m_steps;
  TimeUnit m_unit = TimeUnit::UnixSeconds;
  QToolButton* m_play;
  QSlider* m_slider;
  QComboBox* m_speed;
  QLabel* m_label;
  QTimer* m_timer;
};

}  // namespace reclens
