#include "dashboards/metriccard.h"

#include <QLabel>
#include <QVBoxLayout>

namespace reclens {

MetricCard::MetricCard(const QString& caption, const QString& toolTip, QWidget* parent)
    : QFrame(parent),
      m_caption(new QLabel(caption, this)),
      m_value(new QLabel(this)),
      m_detail(new QLabel(this)) {
  setFrameShape(QFrame::StyledPanel);
  setToolTip(toolTip);
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
  QFont captionFont = m_caption->font();
  captionFont.setPointSizeF(captionFont.pointSizeF() * 0.9);
  m_caption->setFont(captionFont);
  m_caption->setStyleSheet(QStringLiteral("color: #4a4a4a;"));
  QFont valueFont = m_value->font();
  valueFont.setPointSizeF(valueFont.pointSizeF() * 1.6);
  valueFont.setBold(true);
  m_value->setFont(valueFont);
  m_detail->setFont(captionFont);
  m_detail->setStyleSheet(QStringLiteral("color: #6a6a6a;"));
  auto* column = new QVBoxLayout(this);
  column->setContentsMargins(10, 6, 10, 6);
  column->setSpacing(1);
  column->addWidget(m_caption);
  column->addWidget(m_value);
  column->addWidget(m_detail);
  clear();
}

void MetricCard::setValue(const QString& value, const QString& detail) {
  m_value->setText(value);
  m_detail->setText(detail);
}

void MetricCard::clear() {
  setValue(QStringLiteral("–"), QStringLiteral(" "));
}

QString MetricCard::value() const {
  return m_value->text();
}

}  // namespace reclens
