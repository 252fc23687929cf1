#pragma once
#include <QWidget>

#include <vector>

#include "audit/tradeoff.h"

class QCustomPlot;
class QLabel;
class QToolButton;

namespace reclens {

class AuditRunBar;
class AuditService;
class MetricCard;
class TradeoffSweep;

// The Long-tail dashboard for the audited model: cards with the catalog-level metrics at K, the
// popularity distribution of the items (rank vs train count, log-log) with their exposure, the
// Lorenz curves of exposure and of train interactions, exposure by popularity tier, and the
// accuracy-vs-coverage trade-off as the popularity penalty λ sweeps (computed after each audit on a
// seeded user sample and drawn point by point), with the Recommendations page's current λ marked.
class LongTailPage : public QWidget {
  Q_OBJECT

 public:
  enum Card { Coverage, Gini, Arp, Aplt, TailShare, Novelty, Diversity, Entropy, Ndcg, CardCount };
  // λ values of the sweep: 0 to 1 in steps of 0.05, the range of the re-ranking slider.
  static std::vector<double> sweepLambdas();
  static constexpr int kSweepUsers = 500;

  explicit LongTailPage(AuditService& audit, QWidget* parent = nullptr);
  ~LongTailPage() override;

  // The popularity penalty λ now set on the Recommendations page (marked on the trade-off curve).
  void setCurrentPenalty(double lambda);
  double currentPenalty() const { return m_currentLambda; }

  AuditRunBar* runBar() const { return m_runBar; }
  MetricCard* card(Card card) const { return m_cards[card]; }
  QCustomPlot* popularityPlot() const { return m_popularity; }
  QCustomPlot* lorenzPlot() const { return m_lorenz; }
  QCustomPlot* tierPlot() const { return m_tiers; }
  QCustomPlot* tradeoffPlot() const { return m_tradeoff; }
  TradeoffSweep& sweep() const { return *m_sweep; }
  // The trade-off points received so far for the audit shown, in λ order.
  const std::vector<TradeoffPoint>& tradeoffPoints() const { return m_points; }

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  QWidget* buildCards();
  QToolButton* buildExportButton();
  void clear();
  void showOutcome();
  void drawPopularity();
  void drawLorenz();
  void drawTradeoff();
  void startSweep();

  AuditService& m_audit;
  TradeoffSweep* m_sweep;
  AuditRunBar* m_runBar;
  MetricCard* m_cards[CardCount] = {};
  QCustomPlot* m_popularity;
  QCustomPlot* m_lorenz;
  QCustomPlot* m_tiers;
  QCustomPlot* m_tradeoff;
  QLabel* m_sweepStatus;
  std::vector<TradeoffPoint> m_points;
  double m_currentLambda = 0.0;
};

}  // namespace reclens
