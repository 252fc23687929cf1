// Explanations of score differences (docs/rankings.md): for every
// method the contrast is the difference of the items' attributions, the item parts of the item compared
// with appear negated, completeness holds for the difference, an item compared with that was not asked
// for is left out, reason lines say what was compared, and the errors.
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "engine/scoringengine.h"
#include "engine/userprofilebuilder.h"
#include "explain/attribution.h"
#include "explain/collapse.h"
#include "explain/faithfulness.h"
#include "profilewithout.h"
#include "smalltraining.h"

using namespace reclens;

namespace {

constexpr int kItems = 30;
constexpr int kUsers = 40;

Dataset shop() {
  Dataset d;
  d.info.name = "contrast";
  d.users.fields.emplace_back("region");
  d.items.fields.emplace_back("category");
  for (int i = 0; i < kItems; ++i) {
    d.items.ids.push_back("i" + std::to_string(i));
    d.items.titles.push_back("Item " + std::to_string(i));
    d.items.fields[0].append(i % 3 == 0 ? "tea" : (i % 3 == 1 ? "mugs" : "pots"));
  }
  d.items.firstSeen.assign(kItems, kNoTime);
  std::mt19937_64 rng(5);
  const auto kind = d.interactions.kindIndex("view");
  for (int u = 0; u < kUsers; ++u) {
    d.users.ids.push_back("u" + std::to_string(u));
    d.users.fields[0].append(u % 2 == 0 ? "North" : "South");
    for (int n = 0; n < 6 + u % 4; ++n) {
      const int item = static_cast<int>((u * 5 + rng() % 10) % kItems);
      d.interactions.append(u, item, 100 + n, 1.0f, kind);
    }
  }
  return d;
}

double sumOf(const ItemExplanation& e) {
  double total = 0.0;
  for (const auto& f : e.fields) total += f.attribution;
  return total;
}

bool near(double a, double b, double scale) {
  return std::abs(a - b) <= 1e-5 * std::max(1.0, scale);
}

// Two items with one history row, one user field and one item part ("category"), by hand.
Explanation handMade() {
  Explanation whole;
  const auto item = [](std::int32_t row, double history, double field, double part, double out) {
    ItemExplanation e;
    e.item = row;
    e.output = out;
    e.baselineOutput = 0.0;
    e.fields = {{FieldKind::History, 0, 7, "Teapot", "i7", history, 0.0},
                {FieldKind::UserField, 0, -1, "region", "North", field, 0.0},
                {FieldKind::ItemPart, 0, -1, "category", row == 1 ? "tea" : "mugs", part, 0.0}};
    e.completenessDelta = history + field + part - out;
    return e;
  };
  whole.items = {item(1, 1.0, 0.1, -0.5, 0.6), item(2, 0.2, 0.4, -2.0, -1.4)};
  return whole;
}

}  // namespace

class TestExplainContrast : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  Dataset m_data = shop();
  std::map<std::string, std::shared_ptr<const ModelFile>> m_models;

  UserProfile profileOf(const ModelFile& model, std::int32_t user) const {
    return UserProfileBuilder(m_data, model.metadata()).profile(user);
  }

  std::vector<std::int32_t> topItems(const std::shared_ptr<const ModelFile>& model, const UserProfile& p,
                                     int k) const {
    ScoringEngine engine(model);
    auto list = engine.recommend(p, k, {});
    std::vector<std::int32_t> items;
    if (list)
      for (const auto& r : list.value()) items.push_back(r.item);
    return items;
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    for (const char* kind : {"bpr", "twotower"}) {
      auto model =
          test::trainSmallModel(m_data, kind, m_dir.filePath(QString(kind) + ".pt").toStdString(), 2, 64);
      QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
      m_models[kind] = model.value();
    }
  }

  void differenceOfAttributions_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("method");
    for (const char* kind : {"bpr", "twotower"}) {
      for (const auto method : {AttributionMethod::IntegratedGradients, AttributionMethod::GradientTimesInput,
                                AttributionMethod::Occlusion, AttributionMethod::Shapley}) {
        QTest::addRow("%s %s", kind, attributionMethodName(method))
            << QString(kind) << static_cast<int>(method);
      }
    }
  }

  // For item A against item B every user-side field gets a_A − a_B, A's own parts keep their
  // attributions, B's parts come after them negated, and the outputs are differences.
  void differenceOfAttributions() {
    QFETCH(QString, kind);
    QFETCH(int, method);
    const auto& model = m_models.at(kind.toStdString());
    const auto profile = profileOf(*model, 3);
    const auto items = topItems(model, profile, 5);
    QCOMPARE(items.size(), std::size_t(5));
    AttributionOptions options;
    options.method = static_cast<AttributionMethod>(method);
    options.samples = 8;
    options.steps = 16;
    auto whole = explainItems(*model, profile, items, options, &m_data.items);
    QVERIFY2(whole.ok(), whole.ok() ? "" : whole.error().message.c_str());
    const bool additive = options.method != AttributionMethod::Occlusion;

    // A and the next item against the last one, which is not asked for and so not returned.
    options.contrast = ExplanationContrast::Item;
    options.versusItem = items[4];
    auto versus = explainItems(*model, profile, {items[0], items[1]}, options, &m_data.items);
    QVERIFY2(versus.ok(), versus.ok() ? "" : versus.error().message.c_str());
    QCOMPARE(versus->items.size(), std::size_t(2));
    QCOMPARE(versus->options.contrast, ExplanationContrast::Item);
    const auto& b = whole->items[4];
    for (std::size_t k = 0; k < 2; ++k) {
      const auto& e = versus->items[k];
      const auto& a = whole->items[k];
      QCOMPARE(e.item, items[k]);
      QVERIFY(near(e.output, a.output - b.output, std::abs(a.output)));
      QVERIFY(near(e.baselineOutput, a.baselineOutput - b.baselineOutput, std::abs(a.output)));
      std::size_t parts = 0;
      for (std::size_t at = 0; at < a.fields.size(); ++at) {
        const auto& f = e.fields[at];
        QCOMPARE(f.kind, a.fields[at].kind);
        QVERIFY(!f.reference);
        if (f.kind == FieldKind::ItemPart) {
          QVERIFY(near(f.attribution, a.fields[at].attribution, std::abs(a.output)));
          const auto& r = e.fields[a.fields.size() + parts++];
          QVERIFY(r.reference);
          QCOMPARE(r.kind, FieldKind::ItemPart);
          QCOMPARE(r.label, b.fields[at].label);
          QCOMPARE(r.value, b.fields[at].value);
          QVERIFY(near(r.attribution, -b.fields[at].attribution, std::abs(a.output)));
        } else {
          QVERIFY(
              near(f.attribution, a.fields[at].attribution - b.fields[at].attribution, std::abs(a.output)));
        }
      }
      QCOMPARE(e.fields.size(), a.fields.size() + parts);
      QVERIFY(parts > 0);
      if (additive) {
        QVERIFY(std::abs(sumOf(e) - (e.output - e.baselineOutput) - e.completenessDelta) < 1e-9);
        QVERIFY(near(e.completenessDelta, a.completenessDelta - b.completenessDelta, std::abs(a.output)));
      } else {
        QVERIFY(std::isnan(e.completenessDelta));
      }
    }
    // The same from the whole explanation after the fact.
    auto after = contrastExplanation(whole.value(), ExplanationContrast::Item, items[4], &m_data.items);
    QVERIFY(after.ok());
    QCOMPARE(after->items.size(), std::size_t(5));
    for (std::size_t at = 0; at < after->items[0].fields.size(); ++at)
      QVERIFY(near(after->items[0].fields[at].attribution, versus->items[0].fields[at].attribution,
                   std::abs(whole->items[0].output)));
    // The item compared with itself: its user-side fields get nothing and its own parts cancel the
    // same parts taken as the reference.
    const auto& self = after->items[4];
    QCOMPARE(self.output, 0.0);
    const std::size_t own = whole->items[4].fields.size();
    std::size_t next = own;
    for (std::size_t at = 0; at < own; ++at) {
      if (self.fields[at].kind != FieldKind::ItemPart) {
        QCOMPARE(self.fields[at].attribution, 0.0);
      } else {
        QCOMPARE(self.fields[at].attribution, -self.fields[next++].attribution);
      }
    }

    // Each item against the mean of the others: every user-side field's contrasts add up to zero over
    // the list, so no history item can lead every row.
    options.contrast = ExplanationContrast::OtherItems;
    options.versusItem = -1;
    auto others = explainItems(*model, profile, items, options, &m_data.items);
    QVERIFY2(others.ok(), others.ok() ? "" : others.error().message.c_str());
    QCOMPARE(others->items.size(), items.size());
    for (std::size_t at = 0; at < whole->items[0].fields.size(); ++at) {
      if (whole->items[0].fields[at].kind == FieldKind::ItemPart) continue;
      double total = 0.0;
      for (const auto& e : others->items) total += e.fields[at].attribution;
      QVERIFY(std::abs(total) < 1e-6 * std::max(1.0, std::abs(whole->items[0].output)));
    }
    double meanOthers = 0.0;
    for (std::size_t j = 1; j < items.size(); ++j)
      meanOthers += whole->items[j].output / double(items.size() - 1);
    QVERIFY(near(others->items[0].output, whole->items[0].output - meanOthers, std::abs(meanOthers)));
    QVERIFY(!leadsWithSameHistoryItem(others.value()));
    for (const auto& e : others->items) {
      QVERIFY(e.reason.distinctiveTitles.empty());
      QCOMPARE(e.reason.contrast, ExplanationContrast::OtherItems);
      if (additive) QVERIFY(std::abs(sumOf(e) - (e.output - e.baselineOutput) - e.completenessDelta) < 1e-9);
    }
  }

  // The reason line says above or below and what with, and never names a part of the item compared with.
  void reasonSaysWhatIsCompared() {
    Catalog catalog;
    for (int i = 0; i < 3; ++i) {
      catalog.ids.push_back("i" + std::to_string(i));
      catalog.titles.push_back("Item " + std::to_string(i));
    }
    const auto whole = handMade();
    auto above = contrastExplanation(whole, ExplanationContrast::Item, 2, &catalog);
    QVERIFY(above.ok());
    const auto& r = above->items[0].reason;
    QVERIFY(r.above);
    QCOMPARE(r.versusTitle, std::string("Item 2"));
    // Item 2's category took 2.0 from its score, item 1's 0.5 from its own: the reference field holds
    // +2.0, and the category speaks for item 1 by the net 1.5.
    QCOMPARE(above->items[0].fields.back().attribution, 2.0);
    QVERIFY(above->items[0].fields.back().reference);
    QCOMPARE(r.itemPart, std::string("category"));
    QCOMPARE(r.itemPartValue, std::string("tea"));
    QCOMPARE(r.historyTitles, std::vector<std::string>{"Teapot"});
    QCOMPARE(r.text.rfind("Scored above \"Item 2\" because you interacted with \"Teapot\"", 0),
             std::size_t(0));
    auto below = contrastExplanation(whole, ExplanationContrast::Item, 1, &catalog);
    QVERIFY(below.ok());
    // Item 2 against item 1: below, with only its region (0.4 against 0.1) in its favour.
    QVERIFY(!below->items[1].reason.above);
    QCOMPARE(below->items[1].reason.text,
             std::string("Scored below \"Item 1\"; in its favour: your region is North."));
    // Item 1 against itself: nothing favours it.
    QCOMPARE(below->items[0].reason.text, std::string("No single field favours this item over \"Item 1\"."));
    auto others = contrastExplanation(whole, ExplanationContrast::OtherItems);
    QVERIFY(others.ok());
    QVERIFY(others->items[0].reason.text.find("the other recommendations") != std::string::npos);
  }

  void errors() {
    const auto& model = m_models.at("bpr");
    const auto profile = profileOf(*model, 1);
    AttributionOptions options;
    options.contrast = ExplanationContrast::OtherItems;
    auto one = explainItems(*model, profile, {0}, options);
    QVERIFY(!one.ok());
    QCOMPARE(one.error().code, ErrorCode::InvalidArgument);
    options.contrast = ExplanationContrast::Item;
    for (const std::int32_t bad : {-1, kItems}) {
      options.versusItem = bad;
      auto refused = explainItems(*model, profile, {0, 1}, options);
      QVERIFY(!refused.ok());
      QVERIFY(refused.error().message.find("compare with") != std::string::npos);
    }
    const auto whole = handMade();
    QVERIFY(!contrastExplanation(whole, ExplanationContrast::Item, 9).ok());
    auto once = contrastExplanation(whole, ExplanationContrast::OtherItems);
    QVERIFY(once.ok());
    QVERIFY(!contrastExplanation(once.value(), ExplanationContrast::OtherItems).ok());
    Explanation single;
    single.items.push_back(whole.items.front());
    QVERIFY(!contrastExplanation(single, ExplanationContrast::OtherItems).ok());
  }

  // The deletion test runs on contrasts: each target's most-attributed history items are those that
  // lift it above the other targets.
  void deletionTestWithContrast() {
    const auto& model = m_models.at("bpr");
    std::vector<UserProfile> profiles;
    for (std::int32_t u = 0; u < kUsers; ++u) profiles.push_back(profileOf(*model, u));
    FaithfulnessOptions f;
    f.methods = {AttributionMethod::IntegratedGradients};
    f.attribution.steps = 8;
    f.attribution.contrast = ExplanationContrast::OtherItems;
    f.topK = 4;
    f.deletions = 2;
    f.users = 10;
    auto report = measureFaithfulness(model, profiles, f);
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    QCOMPARE(report->usersTested, std::size_t(10));
    QCOMPARE(report->methods.front().cases.size(), std::size_t(40));
    // The explained quantity is the contrast: the target's score minus the mean score of the user's
    // other targets, before minus after the deletion, recomputed here from the engine's scores.
    ScoringEngine engine(model);
    const auto& cases = report->methods.front().cases;
    const auto scoresOf = [&engine](const UserProfile& p) {
      auto v = engine.userVector(p);
      return engine.scores(v.value()).value();
    };
    for (std::size_t k = 0; k < cases.size(); ++k) {
      const auto& c = cases[k];
      const auto first = k - k % 4;  // a user's four targets are consecutive cases
      const auto& profile = profiles[c.user];
      const auto after = testing::profileWithout(profile, c.removed);
      const auto contrast = [&](const std::vector<float>& s) {
        double others = 0.0;
        for (std::size_t j = first; j < first + 4; ++j)
          if (j != k) others += s[static_cast<std::size_t>(cases[j].target)];
        return double(s[static_cast<std::size_t>(c.target)]) - others / 3.0;
      };
      const double expected = contrast(scoresOf(profile)) - contrast(scoresOf(after));
      QVERIFY2(std::abs(c.explainedDrop - expected) < 1e-4,
               qPrintable(QString("case %1: %2 vs %3").arg(k).arg(c.explainedDrop).arg(expected)));
    }
    const auto& m = report->methods.front();
    qInfo("contrast deletion: explained drop %.4f vs random %.4f, beats random %.1f%%", m.meanExplainedDrop,
          m.meanRandomExplainedDrop, 100.0 * m.shareExplainedBeatsRandom);
    QVERIFY(m.shareExplainedBeatsRandom > 0.5);
    QVERIFY(m.meanExplainedDrop > m.meanRandomExplainedDrop);
  }
};

QTEST_GUILESS_MAIN(TestExplainContrast)
#include "tst_explaincontrast.moc"
