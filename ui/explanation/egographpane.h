#pragma once
#include <QWidget>

#include <vector>

#include "data/popularitytiers.h"
#include "explain/egograph.h"
#include "services/datasetsnapshot.h"
#include "services/explanationresult.h"

class QLabel;

namespace reclens {

class EgoGraphView;

// The graph half of the Explanation page: a title, zoom buttons, the EgoGraphView, and under it the
// sums (ExplanationDetail::graphSummary) and a legend of the colours and of what the paths mean.
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
  // Shows the graph of `result` for `user` and `item` (`snapshot` gives the item nodes' popularity
  // tiers), or its error (cancelled or failed); false for an error.
  bool showResult(const GraphResult& result, const DatasetSnapshot& snapshot, const QString& user,
                  const QString& item);
  void clear();

  EgoGraphView* view() const { return m_view; }
  QLabel* summaryLabel() const { return m_summary; }
  QLabel* legendLabel() const { return m_legend; }

  // The legend under a graph made by `method`: the colours, then what a path and its edges mean.
  static QString legendText(EgoGraphMethod method);

 private:
  static QString colourLegend();
  void setSummary(const QString& text, bool error);

  QLabel* m_title;
  EgoGraphView* m_view;
  QLabel* m_summary;
  QLabel* m_legend;
};

}  // namespace reclens
