#pragma once
#include <QWidget>

namespace reclens {

// The caption of a presentation step: a dark translucent panel over the bottom of the window with
// the step's title, a sentence, and which keys move on. Follows its parent's size.
class PresentationCaption : public QWidget {
  Q_OBJECT

 public:
  explicit PresentationCaption(QWidget* parent);

  void setCaption(const QString& title, const QString& text, int step, int steps);
  QString title() const { return m_title; }
  QString text() const { return m_text; }

 protected:
  void paintEvent(QPaintEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void place();

  QString m_title;
  QString m_text;
  QString m_footer;
};

}  // namespace reclens
