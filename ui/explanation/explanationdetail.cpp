#include "explanation/explanationdetail.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

#include "explain/background.h"
#include "explanation/reasonline.h"

namespace reclens {

namespace {
QString number(double value, int digits = 4) {
  return QLocale().toString(value, 'g', digits);
}

QString row(const QString& name, const QString& value) {
  return QStringLiteral("<tr><td style='color:#555; padding-right:10px'>%1</td><td>%2</td></tr>")
      .arg(name, value);
}
}  // namespace

QString ExplanationDetail::signedNumber(double value, int digits) {
  const QString text = number(value, digits);
  return value > 0 ? QStringLiteral("+") + text : text;
}

QString ExplanationDetail::methodName(AttributionMethod method) {
  switch (method) {
    case AttributionMethod::IntegratedGradients:
      return tr("Integrated Gradients");
    case AttributionMethod::GradientTimesInput:
      return tr("Gradient × Input");
    case AttributionMethod::Occlusion:
      return tr("Occlusion");
    case AttributionMethod::Shapley:
      return tr("Shapley (sampled)");
  }
  return {};
}

QString ExplanationDetail::baselineName(AttributionBaseline baseline) {
  switch (baseline) {
    case AttributionBaseline::Zero:
      return tr("Zero");
    case AttributionBaseline::MissingFields:
      return tr("Missing fields");
    case AttributionBaseline::AverageUser:
      return tr("Average user");
    case AttributionBaseline::SampledUsers:
      return tr("Sample of users");
  }
  return {};
}

QString ExplanationDetail::baselineText(const AttributionOptions& options) {
  switch (options.baseline) {
    case AttributionBaseline::Zero:
      return tr("zero baseline");
    case AttributionBaseline::MissingFields:
      return tr("missing-field baseline");
    case AttributionBaseline::AverageUser:
      if (options.background)
        return tr("average-user baseline (%1 users)")
            .arg(QLocale().toString(static_cast<qulonglong>(options.background->users)));
      return tr("average-user baseline");
    case AttributionBaseline::SampledUsers:
      if (options.sample)
        return tr("averaged over %1 sampled users")
            .arg(QLocale().toString(static_cast<qulonglong>(options.sample->size())));
      return tr("sampled-users baseline");
  }
  return {};
}

QString ExplanationDetail::methodText(const AttributionOptions& options) {
  const QString baseline = baselineText(options);
  switch (options.method) {
    case AttributionMethod::IntegratedGradients:
      return tr("%1, %n steps (%2 rule), %3", "", options.steps)
          .arg(methodName(options.method),
               options.rule == IntegrationRule::Trapezoid ? tr("trapezoid") : tr("midpoint"), baseline);
    case AttributionMethod::Shapley:
      return tr("%1, %n permutations (seed %2), %3", "", options.samples + options.samples % 2)
          .arg(methodName(options.method))
          .arg(options.seed)
          .arg(baseline);
    case AttributionMethod::GradientTimesInput:
    case AttributionMethod::Occlusion:
      return methodName(options.method);
  }
  return {};
}

double ExplanationDetail::maxAbsDelta(const Explanation& explanation) {
  double worst = NAN;
  for (const auto& item : explanation.items) {
    if (!std::isfinite(item.completenessDelta)) continue;
    worst = std::isnan(worst) ? std::abs(item.completenessDelta)
                              : std::max(worst, std::abs(item.completenessDelta));
  }
  return worst;
}

double ExplanationDetail::maxRelativeDelta(const Explanation& explanation) {
  double worst = NAN;
  for (const auto& item : explanation.items) {
    const double span = std::abs(item.output - item.baselineOutput);
    if (!std::isfinite(item.completenessDelta) || !(span > 0.0)) continue;
    const double share = std::abs(item.completenessDelta) / span;
    worst = std::isnan(worst) ? share : std::max(worst, share);
  }
  return worst;
}

QString ExplanationDetail::completenessText(const Explanation& explanation) {
  if (explanation.items.empty()) return {};
  if (explanation.options.method == AttributionMethod::Occlusion)
    return tr("Completeness: not defined for occlusion (its attributions need not add up to the score)");
  const double delta = maxAbsDelta(explanation);
  if (std::isnan(delta)) return tr("Completeness: not available");
  const double share = maxRelativeDelta(explanation);
  if (std::isnan(share)) return tr("Completeness: max |Δ| %1").arg(number(delta, 3));
  return tr("Completeness: max |Δ| %1 (%2 % of |f(x) − f(x′)|)")
      .arg(number(delta, 3), number(100.0 * share, 3));
}

QString ExplanationDetail::cellHtml(const Explanation& explanation, int index, const QString& rowTitle,
                                    const QString& fieldKind, const QString& fieldLabel,
                                    const QString& fieldValue, double attribution, double standardError,
                                    const ScoreSplit* split) {
  if (index < 0 || index >= static_cast<int>(explanation.items.size())) return {};
  const auto& item = explanation.items[static_cast<std::size_t>(index)];
  const double span = item.output - item.baselineOutput;
  QString value = QStringLiteral("<b>%1</b>").arg(signedNumber(attribution, 9));
  if (std::abs(span) > 0.0)
    value += tr(" (%1 % of f(x) − f(x′))").arg(QLocale().toString(100.0 * attribution / span, 'f', 1));
  QString html = QStringLiteral("<p style='font-size:large'><b>%1</b></p><p><i>%2</i></p>")
                     .arg(rowTitle.toHtmlEscaped(), ReasonLine::text(item.reason).toHtmlEscaped());
  if (const QString distinctive = ReasonLine::distinctive(item.reason); !distinctive.isEmpty())
    html += QStringLiteral("<p><i>%1</i></p>").arg(distinctive.toHtmlEscaped());
  html += QStringLiteral("<table>");
  html += row(fieldKind, fieldLabel.toHtmlEscaped());
  html += row(tr("Value"), fieldValue.toHtmlEscaped());
  html += row(tr("Attribution"), value);
  const bool sampled = explanation.options.method == AttributionMethod::IntegratedGradients &&
                       explanation.options.baseline == AttributionBaseline::SampledUsers;
  if ((explanation.options.method == AttributionMethod::Shapley || sampled) && std::isfinite(standardError))
    html += row(sampled ? tr("Spread over the sampled users (standard error)") : tr("Standard error"),
                QStringLiteral("± %1").arg(number(standardError, 3)));
  html += row(tr("Method"), methodText(explanation.options).toHtmlEscaped());
  if (item.reason.contrast != ExplanationContrast::None) {
    html += row(tr("Compared with"), ReasonLine::versus(item.reason).toHtmlEscaped());
    html += row(tr("Score difference f(x)"), number(item.output, 9));
    html += row(tr("Difference at the baseline f(x′)"), number(item.baselineOutput, 9));
  } else {
    html += row(tr("Output f(x)"), number(item.output, 9));
    html += row(tr("Baseline f(x′)"), number(item.baselineOutput, 9));
  }
  if (split != nullptr) {
    html += row(tr("Common part"), number(split->common, 6));
    html += row(tr("Personal part"), number(split->personal, 6));
  }
  if (std::isfinite(item.completenessDelta)) {
    QString delta = number(item.completenessDelta, 3);
    if (std::abs(span) > 0.0)
      delta = tr("%1 (%2 % of |f(x) − f(x′)|)")
                  .arg(delta, number(100.0 * std::abs(item.completenessDelta / span), 3));
    html += row(tr("Completeness Δ"), delta);
  } else {
    html += row(tr("Completeness Δ"), tr("not defined for this method"));
  }
  return html + QStringLiteral("</table>");
}

QString ExplanationDetail::collapseHtml(const CollapseDiagnostic& d, AttributionBaseline baseline) {
  if (!d.collapsed) return {};
  const bool common = std::isfinite(d.commonShare) && d.commonShare >= kCollapseCommonShare;
  const bool alike = std::isfinite(d.meanCosine) && d.meanCosine >= kCollapseCosine;
  const QString cosine = QLocale().toString(d.meanCosine, 'f', 2);
  QString text;
  if (common) {
    text = tr("<b>These scores are dominated by a direction shared by all users</b> (mostly popularity): "
              "%1 % of them is what every user gets for these items, whoever they are.")
               .arg(QLocale().toString(100.0 * d.commonShare, 'f', 0));
    if (alike) text += QLatin1Char(' ') + tr("The items are explained alike (mean cosine %1).").arg(cosine);
  } else {
    text = tr("<b>These explanations tell one story:</b> every item is explained by the same fields in "
              "nearly the same proportions (mean cosine %1 between items).")
               .arg(cosine);
  }
  if (d.sameLead) text += QLatin1Char(' ') + tr("Every item leads with the same history item.");
  const QString personal = tr("<a href=\"personal\">Order the recommendations by their personal part</a>.");
  if (baseline != AttributionBaseline::AverageUser) {
    text += QLatin1Char(' ') +
            tr("<a href=\"average\">Explain against the average user</a> to see what is this user's own.") +
            QLatin1Char(' ') + personal;
  } else if (alike) {
    text += QLatin1Char(' ') +
            tr("Even against the average user the items are explained alike: the model's item vectors share "
               "one direction, so the collapse is in the model, not in the baseline.") +
            QLatin1Char(' ') + personal;
  } else {
    text += QLatin1Char(' ') +
            tr("Against the average user the attributions explain only this user's own part, which differs "
               "from item to item.") +
            QLatin1Char(' ') + personal;
  }
  return text;
}

QString ExplanationDetail::collapseNotice(const CollapseDiagnostic& d, AttributionBaseline baseline,
                                          ExplanationContrast requested, ExplanationContrast shown,
                                          std::size_t rows) {
  QString text = collapseHtml(d, baseline);
  // The diagnostic is of the whole scores; the rows may be compared with something else.
  if (requested == ExplanationContrast::Automatic && shown == ExplanationContrast::OtherItems) {
    // Automatic compares the rows when the explanations tell one story, which may be all there is to say.
    if (text.isEmpty())
      text = tr("<b>These explanations tell one story:</b> every item leads with the same history item.");
    text +=
        QLatin1Char(' ') + tr("<i>So the rows below are compared with each other (Compare with: Automatic): "
                              "each names what lifts it above the rest of the list; this notice describes "
                              "their whole scores.</i>");
  } else if (!text.isEmpty() && shown != ExplanationContrast::None) {
    text += QLatin1Char(' ') +
            tr("<i>The rows below are explained against %1, so each names what sets it apart; "
               "this notice describes their whole scores.</i>")
                .arg(shown == ExplanationContrast::OtherItems ? tr("the other rows") : tr("one item"));
  } else if (!text.isEmpty() && rows > 1) {
    text += QLatin1Char(' ') + tr("<a href=\"others\">Compare the rows with each other</a> to see what sets "
                                  "each apart.");
  }
  return text;
}

QString ExplanationDetail::graphSummary(const EgoGraph& graph) {
  const QString shown = tr("%1 of %2 paths shown").arg(graph.paths.size()).arg(graph.totalPaths);
  QString text;
  if (graph.method == EgoGraphMethod::LightGcnPaths) {
    text = tr("Score %1 = paths %2 (paths − score %3) · exact: the LightGCN score split over graph paths, "
              "checked against the model's own score · %4")
               .arg(number(graph.score, 6), number(graph.pathSum, 6), number(graph.graphGap, 2), shown);
  } else {
    const auto& r = graph.residualParts;
    text = tr("Score %1 = history %2 + item parts %3 + user fields %4 + baseline f(x′) %5 + IG quadrature "
              "error %6 · %7")
               .arg(number(graph.score, 6), number(graph.pathSum, 4), number(r.itemParts, 4),
                    number(r.userFields, 4), number(r.baseline, 4), number(r.quadrature, 2), shown);
    text += QLatin1Char('\n') +
            tr("An allocation, not a decomposition: each history item carries its Integrated Gradients "
               "attribution, divided among the users who have both it and this item by co-occurrence; the "
               "score itself does not depend on those users.");
  }
  // The core's note says why a LightGCN model could not be split exactly (technical, untranslated).
  if (!graph.note.empty()) text += QLatin1Char('\n') + QString::fromStdString(graph.note);
  return text;
}

}  // namespace reclens
