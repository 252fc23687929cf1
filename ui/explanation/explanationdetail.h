#pragma once
#include <QCoreApplication>
#include <QString>

#include "explain/attribution.h"
#include "explain/background.h"
#include "explain/collapse.h"
#include "explain/egograph.h"

namespace reclens {

// The texts of the Explanation page that describe numbers: the method, the completeness check, the
// detail of one heatmap cell and the sums under the ego graph. Kept apart from the page's wiring.
class ExplanationDetail {
  Q_DECLARE_TR_FUNCTIONS(ExplanationDetail)

 public:
  // The method's name as shown in the selector.
  static QString methodName(AttributionMethod method);
  // The baseline's name as shown in the selector.
  static QString baselineName(AttributionBaseline baseline);
  // The baseline as the method text names it, e.g. "average-user baseline (120 users)".
  static QString baselineText(const AttributionOptions& options);
  // The method with its settings, e.g. "Integrated Gradients, 32 steps (midpoint rule), zero baseline".
  static QString methodText(const AttributionOptions& options);
  // Largest |completeness delta| over the items, and as a share of |f(x) − f(x′)|; NaN when the
  // method has none (occlusion) or there are no items.
  static double maxAbsDelta(const Explanation& explanation);
  static double maxRelativeDelta(const Explanation& explanation);
  // One line for beside the heatmap, e.g. "Completeness: max |Δ| 2.1e-07 (0.00001 % of |f(x) − f(x′)|)".
  static QString completenessText(const Explanation& explanation);
  // Rich text for one cell: the item, its reason line, the field and its value, the exact
  // attribution (± standard error for Shapley), the method, f(x), f(x′), the common and personal parts
  // of the score when `split` is given, and the completeness delta.
  static QString cellHtml(const Explanation& explanation, int row, const QString& rowTitle,
                          const QString& fieldKind, const QString& fieldLabel, const QString& fieldValue,
                          double attribution, double standardError, const ScoreSplit* split = nullptr);
  // The collapse warning in words for an explanation made with `baseline`, as rich text with the links
  // "average" (explain against the average user) and "personal" (order by the personal part); "" when
  // the diagnostic does not say collapsed.
  static QString collapseHtml(const CollapseDiagnostic& diagnostic, AttributionBaseline baseline);
  // The notice above the heatmap: collapseHtml(), and when the rows were compared with something else
  // (`shown`, as `requested`) what they were compared with; "" when there is nothing to say.
  static QString collapseNotice(const CollapseDiagnostic& diagnostic, AttributionBaseline baseline,
                                ExplanationContrast requested, ExplanationContrast shown, std::size_t rows);
  // The sums under the ego graph: for an exact LightGCN split score = paths (with the checked gap); for
  // the attribution allocation score = history + item parts + user fields + baseline + quadrature, and
  // a line saying that the co-user paths allocate the history's attribution. Then the core's note.
  static QString graphSummary(const EgoGraph& graph);
  // A number with its sign and `digits` significant digits.
  static QString signedNumber(double value, int digits = 4);
};

}  // namespace reclens
