// Provider-fair exposure and the user-aware popularity penalty (engine/rerank.h), and the inputs the
// re-rankers read from a project (audit/rerankinputs.h).
#include <QtTest>

#include <cmath>
#include <limits>
#include <random>

#include "audit/rerankinputs.h"
#include "engine/rerank.h"
#include "greedyreference.h"

using namespace reclens;
using testing::itemsOf;

Q_DECLARE_METATYPE(std::vector<std::int32_t>)

namespace {

// The total variation distance between a list's exposure shares (position r weighs 1/log2(r+1)) and
// the targets, from scratch (the re-ranker weighs it times the list's total exposure); group codes outside
// the targets form one more group whose target is the rest of 1.
double exposureDistance(const std::vector<std::int32_t>& list, const std::vector<std::int32_t>& provider,
                        std::vector<double> target) {
  double sum = 0.0;
  for (const auto t : target) sum += t;
  target.push_back(std::max(0.0, 1.0 - sum));
  std::vector<double> exposure(target.size(), 0.0);
  double total = 0.0;
  for (std::size_t r = 0; r < list.size(); ++r) {
    const auto g = provider[static_cast<std::size_t>(list[r])];
    const auto slot = g >= 0 && static_cast<std::size_t>(g) + 1 < target.size() ? static_cast<std::size_t>(g)
                                                                                : target.size() - 1;
    const double w = 1.0 / std::log2(double(r) + 2.0);
    exposure[slot] += w;
    total += w;
  }
  double tv = 0.0;
  for (std::size_t s = 0; s < target.size(); ++s) tv += std::abs(exposure[s] / total - target[s]);
  return 0.5 * tv;
}

Dataset smallShop() {
  Dataset d;
  CategoricalField brand("brand"), category("category");
  const char* brands[] = {"A", "A", "A", "B", "B", "C", "A", "B"};
  for (int i = 0; i < 8; ++i) {
    d.items.ids.push_back("i" + std::to_string(i));
    d.items.titles.push_back("Item " + std::to_string(i));
    d.items.prices.push_back(1.0);
    d.items.firstSeen.push_back(kNoTime);
    brand.append(brands[i]);
    category.append(i % 2 == 0 ? "even" : "odd");
  }
  d.items.fields = {brand, category};
  d.users.ids.push_back("u0");
  return d;
}
}  // namespace

class TestReRankFairness : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // Worked by hand: groups A = {0, 1, 2} and B = {3, 4, 5}, targets ½ each. The first pick is item 0
  // at any φ (every first item misplaces ½ of its exposure 1). For the second, the list's exposure is
  // W = 1 + 1/log2 3 = 1.630930: an A item keeps all of it on A (misplaced W·½ = 0.815465), the best B
  // item (3) misplaces W·0.113147 = 0.184535, so item 1 wins while (1−φ)·0.8 − φ·0.815465 >
  // (1−φ)·0.4 − φ·0.184535, that is for φ < 0.4 / 1.030930 = 0.388000.
  void providerFairnessWorkedByHand_data() {
    QTest::addColumn<double>("phi");
    QTest::addColumn<int>("k");
    QTest::addColumn<std::vector<std::int32_t>>("expected");
    QTest::newRow("off") << 0.0 << 2 << std::vector<std::int32_t>{0, 1};
    QTest::newRow("below the switch") << 0.38 << 2 << std::vector<std::int32_t>{0, 1};
    QTest::newRow("above the switch") << 0.40 << 2 << std::vector<std::int32_t>{0, 3};
    // φ = 1, exposure only: 0 (ties go first), 3, then B again (misplaced 0.0655 against A's 0.4345),
    // then A (0.1499 against 0.2808).
    QTest::newRow("exposure only") << 1.0 << 4 << std::vector<std::int32_t>{0, 3, 4, 1};
  }
  void providerFairnessWorkedByHand() {
    QFETCH(double, phi);
    QFETCH(int, k);
    QFETCH(std::vector<std::int32_t>, expected);
    const std::vector<std::int32_t> provider{0, 0, 0, 1, 1, 1};
    const std::vector<double> target{0.5, 0.5};
    ReRankOptions o;
    o.providerFairness = phi;
    QCOMPARE(o.active(), phi > 0.0);
    ReRankContext context;
    context.provider = &provider;
    context.providerTarget = &target;
    const auto out = reRank(testing::sixCandidates(), k, o, context);
    QCOMPARE(itemsOf(out), expected);
    QCOMPARE(out.back().rank, k);
    // The distances of the hand-worked steps, recomputed from scratch.
    QVERIFY(std::abs(exposureDistance({0, 3}, provider, target) - 0.113147) < 1e-6);
    QVERIFY(std::abs(exposureDistance({0, 3, 4}, provider, target) - 0.030721) < 1e-6);
    QVERIFY(std::abs(exposureDistance({0, 3, 1}, provider, target) - 0.203918) < 1e-6);
    // Without groups or targets there is nothing to be fair to.
    context.provider = nullptr;
    QCOMPARE(itemsOf(reRank(testing::sixCandidates(), k, o, context)),
             itemsOf(reRank(testing::sixCandidates(), k, {}, {})));
  }

  // The incremental distance against a plain greedy that scores every candidate from scratch, on
  // random catalogs with items outside every group and targets that leave some share to them; and the
  // list ends no farther from the targets than the model's own.
  void providerFairnessMatchesAFromScratchGreedy() {
    std::mt19937_64 rng(11);
    const std::size_t items = 200;
    for (int trial = 0; trial < 20; ++trial) {
      const std::size_t groups = 2 + std::size_t(trial % 5);
      std::vector<std::int32_t> provider(items);
      for (auto& g : provider) g = static_cast<std::int32_t>(rng() % (groups + 1)) - 1;
      std::vector<double> target(groups);
      double sum = 0.0;
      for (auto& t : target) sum += (t = 1.0 + double(rng() % 5));
      for (auto& t : target) t *= 0.9 / sum;  // 0.1 for the items without a group
      std::vector<Recommendation> cands;
      for (std::size_t c = 0; c < 50; ++c)
        cands.push_back(
            {static_cast<std::int32_t>(rng() % items), float(1.0 - 0.017 * double(c)), int(c) + 1});
      std::sort(cands.begin(), cands.end(), [](const auto& a, const auto& b) { return a.item < b.item; });
      cands.erase(std::unique(cands.begin(), cands.end(),
                              [](const auto& a, const auto& b) { return a.item == b.item; }),
                  cands.end());
      std::stable_sort(cands.begin(), cands.end(),
                       [](const auto& a, const auto& b) { return a.score > b.score; });
      const double phi = 0.15 + 0.2 * (trial % 5);
      ReRankOptions o;
      o.providerFairness = phi;
      ReRankContext context;
      context.provider = &provider;
      context.providerTarget = &target;
      const int k = 10;
      const auto fast = reRank(cands, k, o, context);
      const auto taken =
          testing::greedyReference(cands, k, [&](const std::vector<std::int32_t>& list, double rel) {
            double total = 0.0;
            for (std::size_t r = 0; r < list.size(); ++r) total += 1.0 / std::log2(double(r) + 2.0);
            return (1.0 - phi) * rel - phi * total * exposureDistance(list, provider, target);
          });
      QCOMPARE(itemsOf(fast), taken);
      std::vector<std::int32_t> own;
      for (int r = 0; r < k; ++r) own.push_back(cands[std::size_t(r)].item);
      QVERIFY(exposureDistance(taken, provider, target) <= exposureDistance(own, provider, target) + 1e-12);
    }
  }

  // Worked by hand: item 0 is the only popular and the most popular item (penalty term 1), the others
  // have no interactions (0). Item 0 stays first while λ·s < 0.2, the relevance gap to item 1, where s is
  // the share of the history outside the popular items.
  void userAwarePenaltyScalesByTheHistory_data() {
    QTest::addColumn<double>("lambda");
    QTest::addColumn<std::vector<std::int32_t>>("history");
    QTest::addColumn<int>("first");
    const std::vector<std::int32_t> niche{0, 6, 7, 8};        // s = 0.75
    const std::vector<std::int32_t> blockbuster{0, 0, 0, 0};  // s = 0
    QTest::newRow("niche, λs = 0.1875") << 0.25 << niche << 0;
    QTest::newRow("niche, λs = 0.225") << 0.30 << niche << 1;
    QTest::newRow("blockbuster, any λ") << 5.0 << blockbuster << 0;
    QTest::newRow("no history") << 5.0 << std::vector<std::int32_t>{} << 0;
  }
  void userAwarePenaltyScalesByTheHistory() {
    QFETCH(double, lambda);
    QFETCH(std::vector<std::int32_t>, history);
    QFETCH(int, first);
    const std::vector<std::int64_t> popularity{100, 0, 0, 0, 0, 0, 0, 0, 0};
    const std::vector<std::uint8_t> popular{1, 0, 0, 0, 0, 0, 0, 0, 0};
    ReRankOptions o;
    o.userAwarePenalty = lambda;
    QVERIFY(o.active());
    ReRankContext context;
    context.popularity = &popularity;
    context.popular = &popular;
    context.history = &history;
    QCOMPARE(reRank(testing::sixCandidates(), 3, o, context).front().item, first);
    // The same list as the plain penalty λ·s.
    double outside = 0.0;
    for (const auto i : history) outside += popular[std::size_t(i)] ? 0.0 : 1.0;
    ReRankOptions plain;
    plain.popularityPenalty = history.empty() ? 0.0 : lambda * outside / double(history.size());
    QCOMPARE(itemsOf(reRank(testing::sixCandidates(), 3, o, context)),
             itemsOf(reRank(testing::sixCandidates(), 3, plain, context)));
  }

  void describedAndCompared() {
    ReRankOptions o;
    o.providerFairness = 0.4;
    o.userAwarePenalty = 1.0;
    QCOMPARE(describeReRank(o),
             std::string("provider fairness 0.4 on brand (catalog shares), user-aware penalty 1"));
    o.providerTarget = ProviderTarget::Equal;
    o.providerField = "tier";
    QCOMPARE(describeReRank(o),
             std::string("provider fairness 0.4 on tier (equal shares), user-aware penalty 1"));
    ReRankOptions a, b;
    b.providerField = "category";  // no provider fairness: the field does not matter
    QVERIFY(a == b);
    a.providerFairness = b.providerFairness = 0.2;
    QVERIFY(!(a == b));
  }

  // Catalog shares: A holds 4 of 8 items, B 3, C 1; equal shares: a third each.
  void inputsFromAProject() {
    const auto shop = smallShop();
    ReRankOptions o;
    o.providerFairness = 0.3;
    auto inputs = makeReRankInputs(shop, {5, 0, 0, 9, 1, 0, 0, 2}, o);
    QVERIFY2(inputs, inputs ? "" : inputs.error().message.c_str());
    const auto& in = inputs.value();
    QCOMPARE(in.providerGroups, (std::vector<std::string>{"A", "B", "C"}));
    QCOMPARE(in.provider, (std::vector<std::int32_t>{0, 0, 0, 1, 1, 2, 0, 1}));
    QCOMPARE(in.providerTarget, (std::vector<double>{0.5, 0.375, 0.125}));
    QCOMPARE(providerTargets(in.provider, 3, ProviderTarget::Equal),
             (std::vector<double>{1.0 / 3, 1.0 / 3, 1.0 / 3}));
    QCOMPARE(in.category.size(), std::size_t(8));
    // Popular: the top 20% of the 4 items seen (ratio rule: one item), the most popular, item 3.
    QCOMPARE(in.popular, (std::vector<std::uint8_t>{0, 0, 0, 1, 0, 0, 0, 0}));
    const auto context = in.context();
    QVERIFY(context.provider == &in.provider);
    QVERIFY(context.popular == &in.popular);

    o.providerField = "colour";
    auto unknown = makeReRankInputs(shop, {}, o);
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::InvalidArgument);
    QVERIFY(unknown.error().message.find("'colour'") != std::string::npos);
    QVERIFY(unknown.error().message.find("brand") != std::string::npos);
    o.providerField = "tier";
    QVERIFY(makeReRankInputs(shop, {5, 0, 0, 9, 1, 0, 0, 2}, o));
    o.providerFairness = 1.5;
    QVERIFY(!checkReRankOptions(o, shop));
    o.providerFairness = 0.0;
    o.userAwarePenalty = -1.0;
    QVERIFY(!checkReRankOptions(o, shop));
  }
};

QTEST_GUILESS_MAIN(TestReRankFairness)
#include "tst_rerankfairness.moc"
