// Explanations against the average user: the baseline's exact completeness in both engines, the common
// and personal parts of a score, the collapse diagnostic and distinctive reasons.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>
#include <random>

#include "backgroundworld.h"
#include "engine/scoringengine.h"
#include "engine/userprofilebuilder.h"
#include "explain/attribution.h"
#include "explain/background.h"
#include "explain/collapse.h"
#include "explain/distinctive.h"
#include "model/modelexport.h"
#include "smalltraining.h"

using namespace reclens;
using namespace reclens::backgroundworld;

class TestExplainBackground : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  Dataset m_data;
  std::vector<std::vector<double>> m_emb, m_region;
  std::shared_ptr<const ModelFile> m_mean;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_data = shop();
    m_emb = randomTable(kItems, 5, 1.0);
    m_region = {{0.4, -0.2, 0.1, 0.3}, {-0.3, 0.5, 0.2, -0.1}, {0.05, 0.05, -0.1, 0.0}};
    const auto path = m_dir.filePath("mean.pt").toStdString();
    QVERIFY(writeMeanModel(m_data, m_emb, m_region, path).ok());
    auto m = ModelFile::load(path, {}, &m_data.items);
    QVERIFY2(m.ok(), m.ok() ? "" : m.error().message.c_str());
    m_mean = m.value();
    QCOMPARE(QString::fromStdString(m_mean->closedFormName()).left(6), QString("pooled"));
  }

  // The average user computed by hand from the table: the mean over users of each user's weighted mean
  // history row, and the mean region row. Under mean pooling u(x̄) is then exactly ū, so f(x̄) = ū·v,
  // and IG is exact along the path (the weights stay the user's own), in both engines.
  void averageUserIsExactForMeanPooling() {
    const auto profiles = allProfiles(m_data, *m_mean);
    const auto background = backgroundOf(profiles, *m_mean);
    std::vector<double> hbar(kDim, 0.0), fbar(kDim, 0.0), ubar(kDim, 0.0);
    for (const auto& p : profiles) {
      double total = 0.0;
      std::vector<double> row(kDim, 0.0);
      for (std::size_t l = 0; l < p.items.size(); ++l) {
        total += p.weights[l];
        for (int k = 0; k < kDim; ++k) row[k] += p.weights[l] * m_emb[std::size_t(p.items[l])][k];
      }
      const auto code = p.fieldCodes[0] < 0 ? 2 : p.fieldCodes[0];
      for (int k = 0; k < kDim; ++k) {
        hbar[k] += row[k] / total / double(profiles.size());
        fbar[k] += m_region[std::size_t(code)][k] / double(profiles.size());
      }
    }
    for (int k = 0; k < kDim; ++k) {
      QVERIFY(std::abs(background->historyRow[k] - hbar[k]) < 1e-6);
      QVERIFY(std::abs(background->fieldRows[k] - fbar[k]) < 1e-6);
      ubar[k] = hbar[k] + fbar[k];
      QVERIFY(std::abs(background->meanUserVector[k] - ubar[k]) < 1e-5);
    }
    for (const std::int32_t user : {0, 4, 11}) {
      const auto& p = profiles[std::size_t(user)];
      const auto items = topItems(m_mean, p, 5);
      QCOMPARE(items.size(), std::size_t(5));
      AttributionOptions options;
      options.baseline = AttributionBaseline::AverageUser;
      options.background = background;
      options.steps = 4;
      for (const bool closed : {true, false}) {
        options.closedForm = closed;
        auto e = explainItems(*m_mean, p, items, options, &m_data.items);
        QVERIFY2(e.ok(), e.ok() ? "" : e.error().message.c_str());
        QCOMPARE(e->engine.rfind("closed form", 0) == 0, closed);
        for (const auto& item : e->items) {
          double fbarScore = 0.0;
          for (int k = 0; k < kDim; ++k) fbarScore += ubar[k] * m_emb[std::size_t(item.item)][k];
          QVERIFY2(std::abs(item.baselineOutput - fbarScore) < 1e-5,
                   qPrintable(QString("f(x̄) %1 against %2").arg(item.baselineOutput).arg(fbarScore)));
          QVERIFY(std::abs(attributionSum(item) - (item.output - item.baselineOutput)) < 1e-5);
          QVERIFY(std::abs(item.completenessDelta) < 1e-5);
          QCOMPARE(item.fields.back().attribution, 0.0);  // the item part is its own baseline
        }
      }
    }
  }

  // Trained models: both engines agree on the average-user baseline, completeness holds with 64 steps
  // (exactly for the pooled models, whose score is linear along this path), and without a background
  // the request is refused.
  void averageUserOnTrainedModels() {
    for (const char* kind : {"bpr", "lightgcn", "twotower"}) {
      const auto path = m_dir.filePath(QString(kind) + ".pt").toStdString();
      auto model = test::trainSmallModel(m_data, kind, path, 3, 64);
      QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
      const auto& m = model.value();
      const auto profiles = allProfiles(m_data, *m);
      const auto background = backgroundOf(profiles, *m);
      for (const std::int32_t user : {1, 8}) {
        const auto& p = profiles[std::size_t(user)];
        const auto items = topItems(m, p, 6);
        AttributionOptions options;
        options.baseline = AttributionBaseline::AverageUser;
        options.steps = 64;
        auto refused = explainItems(*m, p, items, options);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
        options.background = background;
        auto closed = explainItems(*m, p, items, options);
        options.closedForm = false;
        auto autograd = explainItems(*m, p, items, options);
        QVERIFY(closed.ok() && autograd.ok());
        QVERIFY(closed->engine.rfind("closed form", 0) == 0);
        for (std::size_t k = 0; k < items.size(); ++k) {
          const auto& a = closed->items[k];
          const auto& b = autograd->items[k];
          const double scale = std::max(1e-3, std::abs(a.output - a.baselineOutput));
          QVERIFY2(std::abs(a.baselineOutput - b.baselineOutput) < 1e-4 * std::max(1.0, std::abs(a.output)),
                   kind);
          QVERIFY2(std::abs(a.completenessDelta) <= 1e-2 * scale, kind);
          QVERIFY2(std::abs(b.completenessDelta) <= 1e-2 * scale + 1e-5, kind);
          for (std::size_t i = 0; i < a.fields.size(); ++i)
            QVERIFY2(
                std::abs(a.fields[i].attribution - b.fields[i].attribution) <= 2e-4 * std::max(1.0, scale),
                kind);
          if (QString(kind) != "twotower") QVERIFY2(std::abs(a.completenessDelta) <= 1e-6 * scale, kind);
        }
      }
    }
  }

  // score = common + personal, the score is the engine's, and common is v·ū with ū the mean of the
  // engine's user vectors.
  void splitAddsUpToTheScore() {
    const auto path = m_dir.filePath("split.pt").toStdString();
    auto model = test::trainSmallModel(m_data, "twotower", path, 2, 64);
    QVERIFY(model.ok());
    const auto& m = model.value();
    const auto profiles = allProfiles(m_data, *m);
    const auto background = backgroundOf(profiles, *m);
    ScoringEngine engine(m);
    std::vector<double> ubar(std::size_t(m->metadata().dim), 0.0);
    for (const auto& p : profiles) {
      auto u = engine.userVector(p);
      QVERIFY(u.ok());
      for (std::size_t k = 0; k < ubar.size(); ++k) ubar[k] += u.value()[k] / double(profiles.size());
    }
    const auto& itemMatrix = engine.itemEmbeddingsOnCpu();
    for (const std::int32_t user : {2, 9, 30}) {
      const auto& p = profiles[std::size_t(user)];
      auto u = engine.userVector(p);
      auto scores = engine.scores(u.value());
      QVERIFY(scores.ok());
      std::vector<std::int32_t> items{0, 3, 17, 39};
      auto split = splitScores(*m, p, *background, items);
      QVERIFY2(split.ok(), split.ok() ? "" : split.error().message.c_str());
      for (std::size_t k = 0; k < items.size(); ++k) {
        const auto& s = split.value()[k];
        QCOMPARE(s.item, items[k]);
        QVERIFY(std::abs(s.common + s.personal - s.score) < 1e-9 * std::max(1.0, std::abs(s.score)));
        QVERIFY(std::abs(s.score - scores.value()[std::size_t(items[k])]) <
                1e-4 * std::max(1.0, std::abs(s.score)));
        double common = 0.0;
        for (std::size_t d = 0; d < ubar.size(); ++d)
          common += ubar[d] * itemMatrix[std::size_t(items[k]) * ubar.size() + d];
        QVERIFY(std::abs(s.common - common) < 1e-4 * std::max(1.0, std::abs(common)));
      }
    }
    QVERIFY(!splitScores(*m, profiles[0], *background, {kItems}).ok());
  }

  // One shared direction: every explanation tells the same story and most of every score is common.
  // Random directions: neither. (On the first model the personal part lies along the same direction,
  // so the average-user baseline collapses too: the diagnostic reports what is there.)
  void collapseDiagnostic() {
    const auto sharedPath = m_dir.filePath("shared.pt").toStdString();
    const auto randomPath = m_dir.filePath("random.pt").toStdString();
    QVERIFY(writeSqrtModel(m_data, sharedDirectionTable(), sharedPath).ok());
    QVERIFY(writeSqrtModel(m_data, randomTable(kItems, 23, 1.0), randomPath).ok());
    std::map<std::string, ModelCollapse> zero, average;
    for (const auto& path : {sharedPath, randomPath}) {
      auto m = ModelFile::load(path, {}, &m_data.items);
      QVERIFY2(m.ok(), m.ok() ? "" : m.error().message.c_str());
      const auto profiles = allProfiles(m_data, *m.value());
      const auto background = backgroundOf(profiles, *m.value());
      CollapseOptions options;
      options.topK = 8;
      options.users = 30;
      options.attribution.steps = 8;
      auto z = measureCollapse(m.value(), profiles, background.get(), options);
      QVERIFY2(z.ok(), z.ok() ? "" : z.error().message.c_str());
      zero[path] = z.value();
      options.attribution.baseline = AttributionBaseline::AverageUser;
      options.attribution.background = background;
      auto a = measureCollapse(m.value(), profiles, background.get(), options);
      QVERIFY(a.ok());
      average[path] = a.value();
      // Compared with the other items, the explanations as shown no longer share a lead, while the
      // diagnostic of the whole scores is unchanged.
      options.attribution.contrast = ExplanationContrast::OtherItems;
      auto c = measureCollapse(m.value(), profiles, background.get(), options);
      QVERIFY2(c.ok(), c.ok() ? "" : c.error().message.c_str());
      QCOMPARE(c->sameLeadShare, a->sameLeadShare);
      QCOMPARE(c->meanCosine, a->meanCosine);
      QCOMPARE(c->shownSameLeadShare, 0.0);
      QCOMPARE(a->shownSameLeadShare, a->sameLeadShare);
      // Automatic compares exactly the users whose whole-score explanations lead alike or point one way.
      options.attribution.contrast = ExplanationContrast::Automatic;
      auto t = measureCollapse(m.value(), profiles, background.get(), options);
      QVERIFY2(t.ok(), t.ok() ? "" : t.error().message.c_str());
      double compared = 0.0;
      for (const auto& d : a->perUser)
        compared +=
            d.items >= 2 && (d.sameLead || (std::isfinite(d.meanCosine) && d.meanCosine >= kCollapseCosine));
      QCOMPARE(t->comparedShare, compared / double(a->users));
      QCOMPARE(t->shownSameLeadShare, 0.0);
      QCOMPARE(c->comparedShare, 1.0);
      QCOMPARE(a->comparedShare, 0.0);
      qInfo(
          "%s: zero cos %.3f common %.3f collapsed %.2f same lead %.2f; average cos %.3f collapsed %.2f "
          "same lead %.2f",
          path == sharedPath ? "shared" : "random", z->meanCosine, z->meanCommonShare, z->collapsedShare,
          z->sameLeadShare, a->meanCosine, a->collapsedShare, a->sameLeadShare);
    }
    const auto& s = zero[sharedPath];
    const auto& r = zero[randomPath];
    QCOMPARE(s.users, std::size_t(30));
    QVERIFY(s.meanCosine >= kCollapseCosine);
    QVERIFY(s.meanCommonShare >= kCollapseCommonShare);
    QVERIFY(s.collapsedShare >= 0.9);
    QVERIFY(s.sameLeadShare >= 0.9);
    QVERIFY(r.meanCosine < kCollapseCosine);
    QVERIFY(r.meanCommonShare < kCollapseCommonShare);
    QVERIFY(r.collapsedShare <= 0.1);
    QVERIFY(r.sameLeadShare <= 0.5);
    QVERIFY(average[sharedPath].meanCosine >= kCollapseCosine);
    QVERIFY(average[randomPath].meanCosine < kCollapseCosine);
  }

  // Compare with "Automatic": the rows are compared with each other exactly when the explanations of
  // the whole scores lead with one history item or point one way, and what is then shown is the
  // comparison with the other rows; otherwise the whole scores, unchanged.
  void automaticComparison() {
    const auto sharedPath = m_dir.filePath("shared-auto.pt").toStdString();
    const auto randomPath = m_dir.filePath("random-auto.pt").toStdString();
    QVERIFY(writeSqrtModel(m_data, sharedDirectionTable(), sharedPath).ok());
    QVERIFY(writeSqrtModel(m_data, randomTable(kItems, 23, 1.0), randomPath).ok());
    std::size_t comparedOnShared = 0, comparedOnRandom = 0, users = 0;
    for (const auto& path : {sharedPath, randomPath}) {
      auto m = ModelFile::load(path, {}, &m_data.items);
      QVERIFY2(m.ok(), m.ok() ? "" : m.error().message.c_str());
      const auto profiles = allProfiles(m_data, *m.value());
      ScoringEngine engine(m.value());
      AttributionOptions automatic;
      automatic.steps = 8;
      automatic.contrast = ExplanationContrast::Automatic;
      users = 0;
      for (const auto& profile : profiles) {
        if (profile.items.empty()) continue;
        auto top = engine.recommend(profile, 8, {});
        QVERIFY(top.ok());
        std::vector<std::int32_t> items;
        for (const auto& r : top.value()) items.push_back(r.item);
        auto both = explainAndCompare(*m.value(), profile, items, automatic);
        QVERIFY2(both.ok(), both.ok() ? "" : both.error().message.c_str());
        const auto& whole = both.value().whole;
        const auto& shown = both.value().shown;
        const auto d = diagnoseCollapse(whole, {});
        const bool expectCompared = items.size() >= 2 && (d.sameLead || d.meanCosine >= kCollapseCosine);
        QCOMPARE(automaticContrast(whole),
                 expectCompared ? ExplanationContrast::OtherItems : ExplanationContrast::None);
        QCOMPARE(shown.options.contrast, automaticContrast(whole));
        auto expected = contrastExplanation(whole, ExplanationContrast::OtherItems);
        QVERIFY(expected.ok());
        const auto& reference = expectCompared ? expected.value() : whole;
        QCOMPARE(shown.items.size(), reference.items.size());
        for (std::size_t k = 0; k < shown.items.size(); ++k) {
          QCOMPARE(shown.items[k].fields.size(), reference.items[k].fields.size());
          for (std::size_t f = 0; f < shown.items[k].fields.size(); ++f)
            QCOMPARE(shown.items[k].fields[f].attribution, reference.items[k].fields[f].attribution);
        }
        QVERIFY(!leadsWithSameHistoryItem(shown));
        ++users;
        (path == sharedPath ? comparedOnShared : comparedOnRandom) += expectCompared ? 1 : 0;
      }
    }
    qInfo(
        "automatic comparison: %zu of %zu users compared on the shared-direction model, %zu on the random "
        "one",
        comparedOnShared, users, comparedOnRandom);
    QVERIFY(comparedOnShared >= users * 9 / 10);
    QVERIFY(comparedOnRandom <= users / 2);
    // One item has no other rows: its whole score.
    auto m = ModelFile::load(sharedPath, {}, &m_data.items);
    QVERIFY(m.ok());
    const auto profiles = allProfiles(m_data, *m.value());
    AttributionOptions automatic;
    automatic.contrast = ExplanationContrast::Automatic;
    auto one = explainAndCompare(*m.value(), profiles[0], {0}, automatic);
    QVERIFY2(one.ok(), one.ok() ? "" : one.error().message.c_str());
    QCOMPARE(one.value().shown.options.contrast, ExplanationContrast::None);
    QVERIFY(!contrastExplanation(one.value().whole, ExplanationContrast::Automatic).ok());
    QCOMPARE(QString(explanationContrastName(ExplanationContrast::Automatic)), QString("auto"));
  }

  // The rule of distinctive reasons on hand-made attributions.
  void distinctiveReasons() {
    Explanation e;
    // Proportional attributions (every item the same story, scaled): nothing stands out.
    for (int k = 0; k < 3; ++k) e.items.push_back(handItem(k, {3.0 * (k + 1), 1.0 * (k + 1), 0.5 * (k + 1)}));
    addDistinctiveReasons(e);
    for (const auto& item : e.items) QVERIFY(item.reason.distinctiveTitles.empty());
    // Item 1 also leans on h2; items 0 and 2 do not.
    e.items[1] = handItem(1, {3.0, 1.0, 4.0});
    addDistinctiveReasons(e);
    QCOMPARE(e.items[1].reason.distinctiveTitles, std::vector<std::string>{"h2"});
    QVERIFY(e.items[1].reason.distinctiveText.find("\"h2\"") != std::string::npos);
    // For the others h0 and h1 take a larger share than on item 1.
    QCOMPARE(e.items[0].reason.distinctiveTitles, (std::vector<std::string>{"h0", "h1"}));
    // A negative attribution is never a reason, however it differs.
    e.items[1] = handItem(1, {3.0, 1.0, -4.0});
    addDistinctiveReasons(e);
    QVERIFY(e.items[1].reason.distinctiveTitles.empty());
    // One item alone has nothing to be set apart from.
    e.items.resize(1);
    addDistinctiveReasons(e);
    QVERIFY(e.items[0].reason.distinctiveTitles.empty());
  }

  void baselineNames() {
    AttributionBaseline b = AttributionBaseline::Zero;
    QVERIFY(parseAttributionBaseline("average", b));
    QCOMPARE(b, AttributionBaseline::AverageUser);
    QVERIFY(parseAttributionBaseline("missing", b));
    QCOMPARE(b, AttributionBaseline::MissingFields);
    QVERIFY(!parseAttributionBaseline("mean", b));
    QCOMPARE(QString(attributionBaselineName(AttributionBaseline::AverageUser)), QString("average"));
  }
};

QTEST_GUILESS_MAIN(TestExplainBackground)
#include "tst_explainbackground.moc"
