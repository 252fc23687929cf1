#include <QTemporaryDir>
#include <QtTest>

#include <bit>
#include <cmath>
#include <map>

#include "attributionfixture.h"
#include "engine/scoringengine.h"
#include "explain/attribution.h"
#include "model/modelfile.h"
#include "smalltraining.h"

using namespace reclens;

// Sampled Shapley values of a non-linear model against a full enumeration of coalitions.
class TestShapleyExact : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  Dataset m_data;
  std::map<QString, std::shared_ptr<const ModelFile>> m_trained;

  std::pair<UserProfile, std::vector<std::int32_t>> userAndTop(
      const std::shared_ptr<const ModelFile>& model) {
    return test::userAndTop(m_data, model);
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_data = test::plantedDataset();
    const auto path = m_dir.filePath("twotower.pt").toStdString();
    auto model = test::trainSmallModel(m_data, "twotower", path, 2, 128);
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
    m_trained["twotower"] = model.value();
  }

  // Sampled Shapley values against exact ones from a full enumeration of coalitions, on the trained
  // two-tower model (non-linear: an MLP reads the pooled history and the user field), and computed
  // through the public scoring API only, not through the Shapley code.
  // Players: the history rows and user fields (the user side, U of them) and the item parts. With the
  // MissingFields baseline an absent history row (weight 0, row 0) adds nothing to the pooled sum nor to
  // the total weight, so it is the profile without that item, and an absent user field is the code -1.
  // An absent item part is a zero part and the item vector is the sum of its parts, so the score of a
  // coalition is Σ_g [g present]·u(S)·P_g. In the game [g present]·w(S) a user-side player i gets
  // Σ_{S ⊆ U∖i} (s+1)!(U−s−1)!/(U+1)!·(w(S ∪ i) − w(S)) (g must come before i); summed over g that is
  // the same formula applied to F(S) = u(S)·v, the item's score for the restricted profile. So every
  // user-side value is exact from engine scores alone. The item parts' single values need the parts,
  // which the public API does not expose; their sum is Σ_{S ⊆ U} s!(U−s)!/(U+1)!·F(S), checked as a sum.
  void shapleyMatchesExactEnumeration() {
    const auto& model = m_trained.at("twotower");
    const auto [profile, top] = userAndTop(model);
    const std::size_t L = profile.items.size(), F = profile.fieldCodes.size();
    const std::size_t G = model->metadata().itemParts.size();
    const std::size_t U = L + F;
    QVERIFY(L >= 2 && F >= 1 && G >= 2 && top.size() >= 3);
    QVERIFY2(L + F + G <= 12, "the exact enumeration is kept to at most 12 players");
    for (const auto code : profile.fieldCodes) QVERIFY(code >= 0);  // a present field differs from absent
    const std::vector<std::int32_t> items(top.begin(), top.begin() + 3);

    // F(S) per coalition of the user side (bit l: history row l, bit L + f: user field f), per item.
    ScoringEngine engine(model);
    std::vector<std::vector<double>> value(std::size_t{1} << U);
    double scale = 0.0;
    for (std::size_t mask = 0; mask < value.size(); ++mask) {
      UserProfile p;
      for (std::size_t l = 0; l < L; ++l) {
        if (((mask >> l) & 1U) == 0) continue;
        p.items.push_back(profile.items[l]);
        p.weights.push_back(profile.weights[l]);
      }
      for (std::size_t f = 0; f < F; ++f)
        p.fieldCodes.push_back(((mask >> (L + f)) & 1U) ? profile.fieldCodes[f] : -1);
      auto u = engine.userVector(p);
      QVERIFY2(u.ok(), u.ok() ? "" : u.error().message.c_str());
      auto scores = engine.scores(u.value());
      QVERIFY(scores.ok());
      for (const auto item : items) {
        value[mask].push_back(scores.value()[std::size_t(item)]);
        scale = std::max(scale, std::abs(value[mask].back()));
      }
    }
    std::vector<double> factorial(U + 2, 1.0);
    for (std::size_t n = 1; n < factorial.size(); ++n) factorial[n] = factorial[n - 1] * double(n);
    const double all = factorial[U + 1];
    std::vector<std::vector<double>> exact(items.size(), std::vector<double>(U, 0.0));
    std::vector<double> exactParts(items.size(), 0.0);
    for (std::size_t mask = 0; mask < value.size(); ++mask) {
      const auto s = std::size_t(std::popcount(mask));
      for (std::size_t k = 0; k < items.size(); ++k) {
        exactParts[k] += factorial[s] * factorial[U - s] / all * value[mask][k];
        for (std::size_t i = 0; i < U; ++i) {
          if ((mask >> i) & 1U) continue;
          exact[k][i] += factorial[s + 1] * factorial[U - s - 1] / all *
                         (value[mask | (std::size_t{1} << i)][k] - value[mask][k]);
        }
      }
    }
    // Exact values add up to F(everything) − 0 (no item part, no score): a check of the enumeration.
    for (std::size_t k = 0; k < items.size(); ++k) {
      double sum = exactParts[k];
      for (const double v : exact[k]) sum += v;
      QVERIFY2(std::abs(sum - value.back()[k]) <= 1e-9 * std::max(1.0, scale),
               qPrintable(QString::number(sum)));
    }

    AttributionOptions options;
    options.method = AttributionMethod::Shapley;
    options.baseline = AttributionBaseline::MissingFields;
    options.seed = 7;
    const auto sampled = [&](int samples) {
      options.samples = samples;
      return explainItems(*model, profile, items, options);
    };
    const auto fine = sampled(1024);
    QVERIFY2(fine.ok(), fine.ok() ? "" : fine.error().message.c_str());
    // Float32 model arithmetic: a floor far below the values and their standard errors.
    const double floor = 1e-5 * std::max(1.0, scale);
    // Each value within 4 standard errors (27 values: at 3 a correct sampler would fail about one seed in
    // fifteen), and the errors in standard-error units of about unit size (root mean square 0.4-2), so
    // that an overstated standard error cannot widen the bound unnoticed.
    double largestError = 0.0, sumZSquared = 0.0, largestStandardError = 0.0;
    std::size_t values = 0;
    for (std::size_t k = 0; k < items.size(); ++k) {
      const auto& item = fine->items[k];
      QCOMPARE(item.fields.size(), L + F + G);
      QVERIFY(std::abs(item.output - value.back()[k]) <= floor);
      QVERIFY(std::abs(item.baselineOutput) <= floor);  // zero item parts score 0
      for (std::size_t i = 0; i < U; ++i) {
        const auto& f = item.fields[i];
        QCOMPARE(f.kind, i < L ? FieldKind::History : FieldKind::UserField);
        QVERIFY(std::isfinite(f.standardError));
        const double z = std::abs(f.attribution - exact[k][i]) / (f.standardError + floor);
        largestError = std::max(largestError, z);
        largestStandardError = std::max(largestStandardError, f.standardError);
        sumZSquared += z * z;
        ++values;
        QVERIFY2(std::abs(f.attribution - exact[k][i]) <= 4.0 * f.standardError + floor,
                 qPrintable(QString("item %1 field %2: sampled %3 ± %4, exact %5")
                                .arg(items[k])
                                .arg(i)
                                .arg(f.attribution)
                                .arg(f.standardError)
                                .arg(exact[k][i])));
      }
      // The standard error of a sum is at most the sum of the standard errors.
      double parts = 0.0, partsError = 0.0;
      for (std::size_t g = U; g < U + G; ++g) {
        QCOMPARE(item.fields[g].kind, FieldKind::ItemPart);
        parts += item.fields[g].attribution;
        partsError += item.fields[g].standardError;
      }
      QVERIFY2(std::abs(parts - exactParts[k]) <= 4.0 * partsError + floor,
               qPrintable(QString("item parts: sampled %1 ± %2, exact %3")
                              .arg(parts)
                              .arg(partsError)
                              .arg(exactParts[k])));
    }
    const double rmsZ = std::sqrt(sumZSquared / double(values));
    qInfo(
        "|sampled - exact| / standard error: largest %.2f, root mean square %.2f; largest standard error "
        "%.2g",
        largestError, rmsZ, largestStandardError);
    QVERIFY2(rmsZ >= 0.4 && rmsZ <= 2.0, qPrintable(QString::number(rmsZ)));

    // The standard error shrinks like 1/sqrt(samples): four times the samples, half the error (root mean
    // square over the user-side values of the three items).
    const auto coarse = sampled(256);
    QVERIFY(coarse.ok());
    double fineSq = 0.0, coarseSq = 0.0;
    for (std::size_t k = 0; k < items.size(); ++k) {
      for (std::size_t i = 0; i < U; ++i) {
        fineSq += std::pow(fine->items[k].fields[i].standardError, 2);
        coarseSq += std::pow(coarse->items[k].fields[i].standardError, 2);
      }
    }
    QVERIFY(coarseSq > 0.0);
    const double ratio = std::sqrt(fineSq / coarseSq);
    qInfo("standard error ratio for 4x samples: %.3f", ratio);
    QVERIFY2(ratio >= 0.35 && ratio <= 0.65, qPrintable(QString::number(ratio)));
  }
};

QTEST_GUILESS_MAIN(TestShapleyExact)
#include "tst_shapleyexact.moc"
