#pragma once
#include <QWidget>

#include <vector>

#include "audit/tradeoff.h"
#include "engine/rerank.h"

class QCustomPlot;
class QLabel;
class QToolButton;

namespace reclens {

class AuditRunBar;
class AuditService;
class MetricCard;
class TradeoffPanel;
class TradeoffSweep;

// The Long-tail dashboard for the audited model: cards with the catalog-level metrics at K, the
// popularity distribution of the items (rank vs train count, log-log) with their exposure, the
// Lorenz curves of exposure and of train interactions, exposure by popularity tier, and the trade-off
// of a re-ranking knob against any two metrics (TradeoffPanel: accuracy vs coverage as the popularity
// penalty λ sweeps by default), with the Recommendations page's current setting marked.
class LongTailPage : public QWidget {
  Q_OBJECT

 public:
  enum Card { Coverage, Gini, Arp, Aplt, TailShare, Novelty, Diversity, Entropy, Ndcg, CardCount };
  // λ values of the popularity-penalty sweep: 0 to 1 in steps of 0.05, the range of the slider.
  static std::vector<double> sweepLambdas();
  static constexpr int kSweepUsers = 500;

  explicit LongTailPage(AuditService& audit, QWidget* parent = nullptr);
  ~LongTailPage() override;

  // The re-ranking now set on the Recommendations page (its value of the swept knob is marked).
  void setCurrentReRank(const ReRankOptions& options);
  // Only the popularity penalty λ set (the rest off).
  void setCurrentPenalty(double lambda);
  double currentPenalty() const;

  AuditRunBar* runBar() const { return m_runBar; }
  MetricCard* card(Card card) const { return m_cards[card]; }
  QCustomPlot* popularityPlot() const { return m_popularity; }
  QCustomPlot* lorenzPlot() const { return m_lorenz; }
  QCustomPlot* tierPlot() const { return m_tiers; }
  QCustomPlot* tradeoffPlot() const;
  TradeoffPanel* tradeoffPanel() const { return m_tradeoff; }
  TradeoffSweep& sweep() const;
  // The trade-off points received so far for the audit shown, in the knob's order.
  const std::vector<TradeoffPoint>& tradeoffPoints() const;

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  QWidget* buildCards();
  QToolButton* buildExportButton();
  void clear();
  void showOutcome();
  void drawPopularity();
  void drawLorenz();

  AuditService& m_audit;
  AuditRunBar* m_runBar;
  MetricCard* m_cards[CardCount] = {};
  QCustomPlot* m_popularity;
  QCustomPlot* m_lorenz;
  QCustomPlot* m_tiers;
  TradeoffPanel* m_tradeoff;
};

}  // namespace reclens
