#pragma once
#include <QWidget>

#include <vector>

#include "data/popularitytiers.h"
#include "explain/egograph.h"

class QLabel;

namespace reclens {

class EgoGraphView;

// The graph half of the Explanation page: a title, zoom buttons, the EgoGraphView, and under it
// score = pathSum + residual with a legend of the colours.
class EgoGraphPane : public QWidget {
  Q_OBJECT

 public:
  explicit EgoGraphPane(QWidget* parent = nullptr);

  // Says which (user, item) graph is being computed.
  void showComputing(const QString& user, const QString& item);
  // Shows `graph` (`tiers`: one per node) for `user` and `item`; false when it could not be laid out.
  bool showGraph(const QString& user, const QString& item, EgoGraph graph, std::vector<PopularityTier> tiers,
                 double milliseconds);
  void showError(const QString& text);
  void clear();

  EgoGraphView* view() const { return m_view; }
  QLabel* summaryLabel() const { return m_summary; }

 private:
  void setSummary(const QString& text, bool error);

  QLabel* m_title;
  EgoGraphView* m_view;
  QLabel* m_summary;
};

}  // namespace reclens
