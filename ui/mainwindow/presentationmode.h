#pragma once
#include <QFont>
#include <QObject>
#include <QString>

#include <functional>
#include <vector>

class QWidget;

namespace reclens {

class MainWindow;
class PresentationCaption;
class WhatIfPage;

// Presentation mode: the main window full screen with larger type and no menus, status bar or
// navigation, and a guided walk through the open project driven by the keyboard (→ or Space: next,
// ←: back, Esc: leave) with a caption per step: the most active user, their recommendations, why
// (Explanation), a scripted what-if (their heaviest history item removed), the Long-tail and the
// Fairness dashboards. Pages the window does not have are skipped.
class PresentationMode : public QObject {
  Q_OBJECT

 public:
  // How much larger the application font gets.
  static constexpr double kFontScale = 1.35;

  struct Step {
    QWidget* page = nullptr;  // shown by the step
    QString title;
    QString text;
    std::function<void()> enter;  // after the page is shown
  };

  PresentationMode(MainWindow& window, WhatIfPage* whatIf);
  ~PresentationMode() override;

  // Enters full screen at the first step; false (and nothing changes) without an open project.
  bool start();
  // Leaves: the window, its chrome and the font as they were.
  void stop();
  void next();
  void back();
  bool isActive() const { return m_active; }
  int stepIndex() const { return m_index; }
  int stepCount() const { return static_cast<int>(m_steps.size()); }
  const Step& step(int index) const { return m_steps[static_cast<std::size_t>(index)]; }
  PresentationCaption* caption() const { return m_caption; }
  // The dataset user row the walk follows (the most active user), -1 before start().
  int user() const { return m_user; }

 Q_SIGNALS:
  void stepChanged(int index);
  void activeChanged(bool active);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void buildSteps();
  void showStep(int index);

  MainWindow& m_window;
  WhatIfPage* m_whatIf;
  PresentationCaption* m_caption;
  std::vector<Step> m_steps;
  int m_index = -1;
  int m_user = -1;
  bool m_active = false;
  // What stop() restores.
  QFont m_font;
  Qt::WindowStates m_windowState = Qt::WindowNoState;
  bool m_menuVisible = true;
  bool m_statusVisible = true;
  bool m_navVisible = true;
};

}  // namespace reclens
