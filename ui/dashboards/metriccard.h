#pragma once
#include <QFrame>

class QLabel;

namespace reclens {

// A dashboard card: a small caption above one large value, with a tooltip that says what the
// number means. Shows "–" until a value is set.
class MetricCard : public QFrame {
  Q_OBJECT

 public:
  MetricCard(const QString& caption, const QString& toolTip, QWidget* parent = nullptr);

  void setValue(const QString& value, const QString& detail = {});
  void clear();
  QString value() const;

 private:
  QLabel* m_caption;
  QLabel* m_value;
  QLabel* m_detail;
};

}  // namespace reclens
