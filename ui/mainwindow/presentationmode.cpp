#include "mainwindow/presentationmode.h"

#include <QApplication>
#include <QKeyEvent>
#include <QListWidget>
#include <QMenuBar>
#include <QStatusBar>

#include "dashboards/fairnesspage.h"
#include "dashboards/longtailpage.h"
#include "explanation/explanationpage.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/presentationcaption.h"
#include "recommendations/recommendationspage.h"
#include "services/auditservice.h"
#include "tables/userspage.h"
#include "whatif/whatifeditor.h"
#include "whatif/whatifpage.h"
#include "widgets/displayformat.h"

namespace reclens {

PresentationMode::PresentationMode(MainWindow& window, WhatIfPage* whatIf)
    : QObject(&window), m_window(window), m_whatIf(whatIf), m_caption(new PresentationCaption(&window)) {}

PresentationMode::~PresentationMode() {
  if (m_active) qApp->removeEventFilter(this);
}

bool PresentationMode::start() {
  if (m_active) return true;
  if (!m_window.projects().snapshot()) return false;
  buildSteps();
  if (m_steps.empty()) return false;
  m_active = true;
  m_font = QApplication::font();
  QFont large = m_font;
  large.setPointSizeF(m_font.pointSizeF() * kFontScale);
  QApplication::setFont(large);
  m_windowState = m_window.windowState();
  m_menuVisible = m_window.menuBar()->isVisible();
  m_statusVisible = m_window.statusBar()->isVisible();
  m_navVisible = m_window.navigation()->isVisible();
  m_window.menuBar()->hide();
  m_window.statusBar()->hide();
  m_window.navigation()->hide();
  m_window.setWindowState(m_windowState | Qt::WindowFullScreen);
  qApp->installEventFilter(this);
  m_caption->setFont(large);
  m_caption->show();
  Q_EMIT activeChanged(true);
  showStep(0);
  return true;
}

void PresentationMode::stop() {
  if (!m_active) return;
  m_active = false;
  qApp->removeEventFilter(this);
  m_caption->hide();
  QApplication::setFont(m_font);
  m_window.setWindowState(m_windowState);
  m_window.menuBar()->setVisible(m_menuVisible);
  m_window.statusBar()->setVisible(m_statusVisible);
  m_window.navigation()->setVisible(m_navVisible);
  m_index = -1;
  Q_EMIT activeChanged(false);
}

void PresentationMode::next() {
  if (m_active && m_index + 1 < stepCount()) showStep(m_index + 1);
}

void PresentationMode::back() {
  if (m_active && m_index > 0) showStep(m_index - 1);
}

void PresentationMode::buildSteps() {
  m_steps.clear();
  const auto& snapshot = m_window.projects().snapshot();
  m_user = 0;
  for (std::size_t u = 1; u < snapshot->userCount(); ++u) {
    if (snapshot->userInteractions(u) > snapshot->userInteractions(static_cast<std::size_t>(m_user)))
      m_user = static_cast<int>(u);
  }
  const int user = m_user;
  const QString id = display::text(snapshot->dataset().users.ids[static_cast<std::size_t>(user)]);
  const auto interactions = static_cast<qint64>(snapshot->userInteractions(static_cast<std::size_t>(user)));
  MainWindow& window = m_window;
  const auto add = [this](QWidget* page, const QString& title, const QString& text,
                          std::function<void()> enter) {
    if (page != nullptr && m_window.pageIndex(page) >= 0)
      m_steps.push_back({page, title, text, std::move(enter)});
  };
  add(window.usersPage(), tr("Meet customer %1").arg(id),
      tr("The most active customer of this shop: %1 interactions. Everything that follows is about what the "
         "model "
         "does for them.")
          .arg(display::count(interactions)),
      [&window, user] { window.usersPage()->selectUser(user); });
  add(window.recommendationsPage(), tr("What the model recommends"),
      tr("The top-K for %1 under the current model, with each item's popularity tier and a one-line reason.")
          .arg(id),
      [&window, user] { window.showRecommendations(user); });
  add(window.explanationPage(), tr("Why these items"),
      tr("What sets each recommended item apart: its score, compared with the other rows, split over the "
         "inputs (history items, user attributes and item attributes). "
         "The graph shows which paths through the interaction graph carried the score."),
      [&window, user] { window.showExplanation(user); });
  add(m_whatIf, tr("What if…"),
      tr("We take the heaviest item out of %1's history. The list, the attributions and the graph are "
         "recomputed "
         "live; Ctrl+Z brings the item back.")
          .arg(id),
      [this, user] {
        m_whatIf->showUser(user);
        const std::int32_t item = m_whatIf->heaviestHistoryItem();
        if (item >= 0) m_whatIf->editor()->setIncluded(item, false, tr("Remove the heaviest history item"));
      });
  const auto audit = [&window] {
    AuditService* service = window.auditService();
    if (service->session() && !service->outcome()) service->runAudit(service->defaultConfig(20));
  };
  add(window.longTailPage(), tr("Does the long tail get a chance?"),
      tr("Over all users: how concentrated exposure is (Lorenz curve, Gini), how much of the catalog is ever "
         "recommended, and what a popularity penalty would trade against accuracy."),
      audit);
  add(window.fairnessPage(), tr("Is it fair?"),
      tr("Accuracy per user group with confidence intervals, the gaps between groups, and item exposure by "
         "group "
         "against its share of the catalog."),
      audit);
}

void PresentationMode::showStep(int index) {
  m_index = index;
  const Step& s = m_steps[static_cast<std::size_t>(index)];
  m_window.showPage(m_window.pageIndex(s.page));
  if (s.enter) s.enter();
  m_caption->setCaption(s.title, s.text, index, stepCount());
  Q_EMIT stepChanged(index);
}

bool PresentationMode::eventFilter(QObject* watched, QEvent* event) {
  if (m_active && event->type() == QEvent::KeyPress) {
    const auto* key = static_cast<QKeyEvent*>(event);
    if (key->modifiers() == Qt::NoModifier || key->modifiers() == Qt::KeypadModifier) {
      switch (key->key()) {
        case Qt::Key_Right:
        case Qt::Key_Space:
        case Qt::Key_PageDown:
          next();
          return true;
        case Qt::Key_Left:
        case Qt::Key_PageUp:
          back();
          return true;
        case Qt::Key_Escape:
          stop();
          return true;
        default:
          break;
      }
    }
  }
  return QObject::eventFilter(watched, event);
}

}  // namespace reclens
