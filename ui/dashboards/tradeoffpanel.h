#pragma once
#include <QWidget>

#include <vector>

#include "audit/tradeoff.h"
#include "engine/rerank.h"

class QComboBox;
class QCustomPlot;
class QLabel;

namespace reclens {

class AuditService;
class TradeoffSweep;

// The trade-off of one re-ranking knob against any pair of metrics for the audited model: pick the
// knob (popularity penalty, user-aware penalty, MMR, calibration, provider fairness) and the two axes
// (NDCG, recall, HR, coverage, Gini, APLT, ARP, miscalibration, provider exposure distance, or the NDCG
// gap between the groups of a user attribute). A new knob is swept off the GUI thread on a seeded user
// sample and drawn point by point; a new pair of axes is drawn from the points already there. The
// Recommendations page's current value of the knob is marked.
class TradeoffPanel : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kSweepUsers = 500;
  static constexpr std::uint64_t kSweepSeed = 1;  // the user sample's seed, so the curve is reproducible

  // The axes on offer; GroupGap entries follow, one per attribute of the sample.
  enum Metric { Ndcg, Recall, Hit, Coverage, Gini, Aplt, Arp, Miscalibration, ProviderDistance, GroupGap };

  explicit TradeoffPanel(AuditService& audit, QWidget* parent = nullptr);

  // The values swept for `knob`: 0 to 1 in steps of 0.05 (0 to 2 for the user-aware penalty).
  static std::vector<double> sweepValues(TradeoffKnob knob);

  // Sweeps the chosen knob for the audit now shown; clear() stops and empties the plot.
  void start();
  void clear(const QString& hint);
  // The re-ranking now set on the Recommendations page: its value of the chosen knob is marked.
  void setCurrentReRank(const ReRankOptions& options);
  double currentValue() const;

  QCustomPlot* plot() const { return m_plot; }
  TradeoffSweep& sweep() const { return *m_sweep; }
  QComboBox* knobBox() const { return m_knob; }
  QComboBox* xBox() const { return m_x; }
  QComboBox* yBox() const { return m_y; }
  TradeoffKnob knob() const;
  // The points received so far for the audit shown, in the knob's order.
  const std::vector<TradeoffPoint>& points() const { return m_points; }
  // Chooses the knob by key (popularity, useraware, mmr, calibration, provider); false for another key.
  bool setKnob(const QString& key);
  // Chooses the axes by key (ndcg, recall, hr, coverage, gini, aplt, arp, miscalibration, provider, or
  // gap:ATTRIBUTE), now or as soon as the sample offers them; false for a key that is none of these.
  bool setAxes(const QString& x, const QString& y);
  // The value of axis entry `data` (a Metric, or GroupGap + attribute index) at `point`.
  static double metricValue(const TradeoffPoint& point, int metric);

 private:
  void fillAxes(const QStringList& attributes, bool categories, const QString& providerField);
  QString metricTitle(int metric) const;
  QString metricKey(int metric) const;
  void applyPreferredAxes();
  void draw();

  AuditService& m_audit;
  TradeoffSweep* m_sweep;
  QComboBox* m_knob;
  QComboBox* m_x;
  QComboBox* m_y;
  QCustomPlot* m_plot;
  QLabel* m_status;
  std::vector<TradeoffPoint> m_points;
  QStringList m_attributes;
  ReRankOptions m_current;
  QString m_preferX, m_preferY;  // axis keys asked for (setAxes)
};

}  // namespace reclens
