#include "whatif/replaycontroller.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <iterator>

#include "widgets/displayformat.h"

namespace reclens {

ReplayController::ReplayController(QWidget* parent)
    : QWidget(parent),
      m_play(new QToolButton(this)),
      m_slider(new QSlider(Qt::Horizontal, this)),
      m_speed(new QComboBox(this)),
      m_label(new QLabel(this)),
      m_timer(new QTimer(this)) {
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  auto* title = new QLabel(tr("Replay:"), this);
  m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
  m_play->setToolTip(tr("Play the history from its start, recomputing at each step"));
  m_play->setCheckable(true);
  m_slider->setToolTip(tr("Cut the history at this time; the right end is the whole history"));
  m_slider->setEnabled(false);
  m_slider->setPageStep(5);
  for (const QString& speed : {tr("0.5×"), tr("1×"), tr("2×"), tr("5×")}) m_speed->addItem(speed);
  m_speed->setCurrentIndex(1);
  m_speed->setToolTip(tr("Replay speed"));
  m_label->setMinimumWidth(210);
  m_label->setTextFormat(Qt::PlainText);
  row->addWidget(title);
  row->addWidget(m_play);
  row->addWidget(m_slider, 1);
  row->addWidget(m_label);
  row->addWidget(m_speed);
  connect(m_play, &QToolButton::toggled, this, [this](bool on) { on ? play() : pause(); });
  connect(m_slider, &QSlider::valueChanged, this, [this] {
    updateLabel();
    Q_EMIT replayTimeChanged(asOf());
  });
  connect(m_speed, &QComboBox::currentIndexChanged, this, [this](int i) {
    m_timer->setInterval(kIntervalsMs[std::clamp(i, 0, int(std::size(kIntervalsMs)) - 1)]);
  });
  m_timer->setInterval(kIntervalsMs[1]);
  connect(m_timer, &QTimer::timeout, this, &ReplayController::step);
  updateLabel();
}

void ReplayController::setSteps(std::vector<std::int64_t> steps, TimeUnit unit) {
  pause();
  m_steps = std::move(steps);
  m_unit = unit;
  const QSignalBlocker block(m_slider);
  m_slider->setRange(0, std::max(0, stepCount() - 1));
  m_slider->setValue(m_slider->maximum());
  m_slider->setEnabled(stepCount() > 1);
  m_play->setEnabled(stepCount() > 1);
  updateLabel();
}

void ReplayController::setPosition(int index) {
  m_slider->setValue(std::clamp(index, 0, std::max(0, stepCount() - 1)));
}

int ReplayController::position() const {
  return m_slider->value();
}

std::optional<std::int64_t> ReplayController::asOf() const {
  if (m_steps.empty() || position() >= stepCount() - 1) return std::nullopt;
  return m_steps[static_cast<std::size_t>(position())];
}

bool ReplayController::isPlaying() const {
  return m_timer->isActive();
}

void ReplayController::play() {
  if (stepCount() < 2 || isPlaying()) return;
  if (position() >= stepCount() - 1) setPosition(0);
  m_timer->start();
  const QSignalBlocker block(m_play);
  m_play->setChecked(true);
  m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
  Q_EMIT playingChanged(true);
}

void ReplayController::pause() {
  const bool was = isPlaying();
  m_timer->stop();
  const QSignalBlocker block(m_play);
  m_play->setChecked(false);
  m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
  if (was) Q_EMIT playingChanged(false);
}

void ReplayController::step() {
  setPosition(position() + 1);
  if (position() >= stepCount() - 1) pause();
}

void ReplayController::updateLabel() {
  if (m_steps.empty()) {
    m_label->setText(tr("no history"));
    return;
  }
  const auto at = asOf();
  m_label->setText(
      at ? tr("%1 · step %2 of %3").arg(display::time(*at, m_unit)).arg(position() + 1).arg(stepCount())
         : tr("whole history · %n step(s)", nullptr, stepCount()));
}

}  // namespace reclens
