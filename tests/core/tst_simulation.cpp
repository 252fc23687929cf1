#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "audit/exposure.h"
#include "data/generator.h"
#include "data/syntheticworld.h"
#include "model/modelfile.h"
#include "model/trainer.h"
#include "sim/oracle.h"
#include "sim/simjson.h"
#include "sim/simretrain.h"
#include "sim/simulation.h"
#include "store/projectstore.h"

using namespace reclens;
using namespace reclens::sim;

// The simulation loop on a small generated world with a quickly trained BPR model.
class TestSimulation : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  Dataset m_data;
  std::string m_generatorConfig;
  std::shared_ptr<const ModelFile> m_model;
  std::unique_ptr<Oracle> m_oracle;

  SimConfig config(const std::string& policies, int rounds, int seeds) {
    SimConfig c;
    auto p = PolicySpec::parseList(policies);
    if (p.ok()) c.policies = p.value();
    c.rounds = rounds;
    c.seeds = seeds;
    c.k = 10;
    c.seed = 11;
    return c;
  }

  SimResult run(const SimConfig& c) {
    auto r = runSimulation(m_data, m_model, *m_oracle, c);
    if (!r.ok()) qFatal("%s", r.error().message.c_str());
    return std::move(r).value();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    auto gen = GeneratorConfig::preset("demo");
    QVERIFY(gen.ok());
    gen->seed = 5;
    gen->items = 800;
    gen->users = 300;
    gen->interactions = 12000;
    gen->brands = 30;
    auto store = ProjectStore::open(m_dir.filePath("w.reclens").toStdString(), ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    QVERIFY(generateProject(gen.value(), *store.value()).ok());
    auto loaded = store.value()->loadDataset();
    QVERIFY(loaded.ok());
    m_data = std::move(loaded).value();
    auto meta = store.value()->metaValue("generator.config");
    QVERIFY(meta.ok() && !meta.value().empty());
    m_generatorConfig = meta.value();
    auto train = defaultTrainConfig("bpr");
    train.dim = 16;
    train.epochs = 8;
    train.evalUsers = 300;
    train.threads = 2;
    train.device = "cpu";
    const auto path = m_dir.filePath("bpr.pt").toStdString();
    auto trained = trainModel(m_data, train, path);
    QVERIFY2(trained.ok(), trained.ok() ? "" : trained.error().message.c_str());
    auto model = ModelFile::load(path, {}, &m_data.items);
    QVERIFY(model.ok());
    m_model = model.value();
    auto oracle = makeSyntheticOracle(m_generatorConfig, m_data, 0.02);
    QVERIFY2(oracle.ok(), oracle.ok() ? "" : oracle.error().message.c_str());
    m_oracle = std::move(oracle).value();
  }

  void truthIsTheGeneratorsChoiceDistribution() {
    // appeal = 1 - exp(-s N pi): inverting gives pi, which must be a probability distribution over the
    // catalog for every user (the generator's picks come from exactly this distribution).
    std::vector<double> appeal;
    const double n = static_cast<double>(m_data.items.size());
    for (std::int32_t u : {0, 17, 150, 299}) {
      m_oracle->appeal(u, appeal);
      double total = 0.0;
      for (double a : appeal) {
        QVERIFY(a >= 0.0 && a < 1.0);
        total += -std::log1p(-a) / (0.02 * n);
      }
      QVERIFY2(std::abs(total - 1.0) < 1e-6, qPrintable(QString::number(total, 'g', 12)));
    }
    // The taste mix sums to 1 too.
    const auto mix = m_oracle->tasteMix(3);
    double total = 0.0;
    for (double m : mix) total += m;
    QVERIFY(std::abs(total - 1.0) < 1e-9);
  }

  void projectWithoutGeneratorHasNoTruth() {
    auto none = makeSyntheticOracle("", m_data, 0.02);
    QVERIFY(!none.ok());
    QCOMPARE(none.error().code, ErrorCode::NotFound);
    Dataset other = m_data;
    for (auto& id : other.items.ids) id += "x";
    auto mismatch = makeSyntheticOracle(m_generatorConfig, other, 0.02);
    QVERIFY(!mismatch.ok());
    QVERIFY(mismatch.error().message.find("do not match") != std::string::npos);
  }

  void oraclePolicyHasNoRegretAndSamplesMatchExpectations() {
    const auto r = run(config("oracle,greedy", 6, 1));
    const auto& oracle = r.runs[0].seeds[0].rounds;
    double sampled = 0.0, expected = 0.0;
    for (const auto& round : oracle) {
      QVERIFY(std::abs(round.values[kRegret]) < 1e-12);
      QVERIFY(std::abs(round.values[kNdcg] - 1.0) < 1e-12);
      sampled += round.values[kTakes];
      expected += round.values[kExpectedTakes];
    }
    // 6 rounds x 300 users: the sampled takes are within a few standard errors of the expectation.
    const double se = std::sqrt(expected / 1800.0 / 6.0) * 6.0 / std::sqrt(300.0);
    QVERIFY2(std::abs(sampled - expected) < 4.0 * se + 0.02,
             qPrintable(QString("sampled %1 expected %2").arg(sampled).arg(expected)));
    // The model is worse than the truth: positive regret every round.
    for (const auto& round : r.runs[1].seeds[0].rounds) QVERIFY(round.values[kRegret] > 0.0);
  }

  void explorationWidensCoverageAndFindsThePlantedBrand() {
    const auto r = run(config("greedy,egreedy:0.2,random", 8, 2));
    const int last = 7;
    const auto greedyCoverage = metricInterval(r.runs[0], kCumulativeCoverage, last).mean;
    const auto egreedyCoverage = metricInterval(r.runs[1], kCumulativeCoverage, last).mean;
    QVERIFY2(egreedyCoverage > greedyCoverage + 0.05,
             qPrintable(QString("%1 vs %2").arg(egreedyCoverage).arg(greedyCoverage)));
    // The brand the shop hid has a tiny share under the model trained on the shop's log, and more once
    // items are shown at random.
    const auto greedyBrand = metricInterval(r.runs[0], kPlantedBrandShare, last).mean;
    const auto randomBrand = metricInterval(r.runs[2], kPlantedBrandShare, last).mean;
    QVERIFY(std::isfinite(greedyBrand));
    QVERIFY2(randomBrand > 2.0 * greedyBrand,
             qPrintable(QString("%1 vs %2").arg(randomBrand).arg(greedyBrand)));
    // Random slates take far less than the model's.
    QVERIFY(metricInterval(r.runs[2], kCumulativeTakes, last).mean <
            0.5 * metricInterval(r.runs[0], kCumulativeTakes, last).mean);
  }

  // Item-group exposure: each value's position-weighted exposure, recomputed from the slates shown; the
  // catalog shares; the gap as the total variation distance; the planted brand's share as the brand's.
  void itemGroupExposureFollowsTheSlates() {
    auto c = config("greedy,random", 3, 1);
    c.keepSlates = true;
    const auto r = run(c);
    QCOMPARE(r.itemAttributes.size(), std::size_t(2));
    QCOMPARE(r.itemAttributes[0].name, std::string("category"));
    QCOMPARE(r.itemAttributes[1].name, std::string("brand"));
    for (std::size_t a = 0; a < r.itemAttributes.size(); ++a) {
      const auto& attribute = r.itemAttributes[a];
      const auto& field =
          m_data.items.fields[static_cast<std::size_t>(m_data.items.fieldIndex(attribute.name))];
      std::vector<double> count(attribute.values.size(), 0.0);
      for (std::size_t i = 0; i < m_data.items.size(); ++i)
        count[static_cast<std::size_t>(field.codeAt(i))] += 1.0;
      for (std::size_t v = 0; v < count.size(); ++v)
        QVERIFY(std::abs(attribute.catalogShares[v] - count[v] / double(m_data.items.size())) < 1e-12);
      for (std::size_t p = 0; p < r.runs.size(); ++p) {
        const auto& seed = r.runs[p].seeds[0];
        for (int t = 0; t < c.rounds; ++t) {
          std::vector<double> exposure(attribute.values.size(), 0.0);
          for (const auto& slate : seed.slates[static_cast<std::size_t>(t)])
            for (std::size_t k = 0; k < slate.items.size(); ++k)
              exposure[static_cast<std::size_t>(field.codeAt(static_cast<std::size_t>(slate.items[k])))] +=
                  exposureAtRank(static_cast<int>(k) + 1);
          const auto& measured = seed.rounds[static_cast<std::size_t>(t)].itemExposure[a];
          QCOMPARE(measured.size(), exposure.size());
          double total = 0.0, tv = 0.0;
          for (std::size_t v = 0; v < exposure.size(); ++v) {
            QVERIFY(std::abs(measured[v] - exposure[v]) < 1e-9 * (1.0 + exposure[v]));
            total += exposure[v];
          }
          for (std::size_t v = 0; v < exposure.size(); ++v) {
            QVERIFY(std::abs(itemExposureShareInterval(r.runs[p], a, v, t).mean - exposure[v] / total) <
                    1e-12);
            tv += std::abs(exposure[v] / total - attribute.catalogShares[v]);
          }
          QVERIFY(std::abs(itemExposureGapInterval(r, r.runs[p], a, t).mean - 0.5 * tv) < 1e-12);
        }
      }
    }
    // The planted brand's share is its brand group's share.
    const auto planted = m_oracle->plantedBrandCode();
    QVERIFY(planted >= 0 && static_cast<std::size_t>(planted) < r.itemAttributes[1].values.size());
    for (std::size_t p = 0; p < r.runs.size(); ++p)
      QVERIFY(std::abs(metricInterval(r.runs[p], kPlantedBrandShare, 2).mean -
                       itemExposureShareInterval(r.runs[p], 1, static_cast<std::size_t>(planted), 2).mean) <
              1e-12);
    // The model's slates lean away from the catalog more than random ones do.
    QVERIFY(itemExposureGapInterval(r, r.runs[0], 1, 2).mean >
            itemExposureGapInterval(r, r.runs[1], 1, 2).mean);
  }

  void runsAreReproducibleAndShardsMergeExactly() {
    auto c = config("greedy,thompson,linucb", 4, 3);
    c.usersPerRound = 120;
    const auto whole = run(c);
    const auto again = run(c);
    auto strip = [](SimResult r) {
      r.seconds = 0.0;
      return simResultToJson(r);
    };
    QCOMPARE(strip(again), strip(whole));
    std::vector<SimResult> parts;
    for (int s = 0; s < 2; ++s) {
      auto sc = c;
      sc.shardIndex = s;
      sc.shardCount = 2;
      parts.push_back(run(sc));
    }
    // Merged in either order, through JSON, the shards give the whole run.
    std::vector<SimResult> read;
    for (int s = 1; s >= 0; --s) {
      auto back = simResultFromJson(simResultToJson(parts[static_cast<std::size_t>(s)]), "part");
      QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
      read.push_back(std::move(back).value());
    }
    auto merged = mergeSimResults(read);
    QVERIFY(merged.ok());
    QCOMPARE(strip(merged.value()), strip(whole));
    // A seed twice, or one missing, is refused.
    QVERIFY(!mergeSimResults({parts[0], parts[0]}).ok());
    QVERIFY(!mergeSimResults({parts[0]}).ok());
    // The re-training window travels through JSON, and partials with different windows do not merge.
    auto windowed = parts[1];
    windowed.config.retrainWindow = 6;
    auto back = simResultFromJson(simResultToJson(windowed), "part");
    QVERIFY(back.ok());
    QCOMPARE(back.value().config.retrainWindow, 6);
    QVERIFY(!mergeSimResults({parts[0], windowed}).ok());
    // A result written before the window existed reads as "all the data".
    auto old = nlohmann::json::parse(simResultToJson(parts[1]));
    old["config"].erase("retrain_window");
    old.erase("item_attributes");  // nor item groups
    for (auto& policy : old["runs"])
      for (auto& seed : policy["seeds"])
        for (auto& round : seed["rounds"]) round.erase("item_exposure");
    auto oldBack = simResultFromJson(old.dump(), "part");
    QVERIFY2(oldBack.ok(), oldBack.ok() ? "" : oldBack.error().message.c_str());
    QCOMPARE(oldBack.value().config.retrainWindow, 0);
    QVERIFY(oldBack.value().itemAttributes.empty());
    QVERIFY(!parts[1].itemAttributes.empty());
    // Item exposure that does not match its attributes is refused with the reason.
    auto broken = nlohmann::json::parse(simResultToJson(parts[1]));
    broken["item_attributes"][0]["catalog_shares"].erase(0);
    auto refused = simResultFromJson(broken.dump(), "part");
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.find("catalog shares") != std::string::npos,
             refused.error().message.c_str());
  }

  void modelTruthWithTheSameModelIsRecovered() {
    // The semi-synthetic truth of imported projects, with the policy's own model as the truth: greedy
    // shows the truth's best slate in the first round (before any fold-in moves its user vectors).
    LinkCalibration calibration;
    auto truth = makeModelOracle(m_model, m_data, 20, 3, &calibration);
    QVERIFY2(truth.ok(), truth.ok() ? "" : truth.error().message.c_str());
    QVERIFY(calibration.slope > 0.0);
    QVERIFY(calibration.fitPairs > 0 && calibration.checkPairs > 0);
    // The link is fitted on one half of the users and checked on the other: close, not perfect.
    QVERIFY2(calibration.expectedCalibrationError < 0.05,
             qPrintable(QString::number(calibration.expectedCalibrationError)));
    QVERIFY(truth.value()->description().find("calibration error") != std::string::npos);
    auto r = runSimulation(m_data, m_model, *truth.value(), config("greedy,oracle", 2, 1));
    QVERIFY(r.ok());
    const auto& greedy = r.value().runs[0].seeds[0].rounds;
    const auto& oracle = r.value().runs[1].seeds[0].rounds;
    QVERIFY2(std::abs(greedy[0].values[kRegret]) < 1e-9,
             qPrintable(QString::number(greedy[0].values[kRegret])));
    QCOMPARE(greedy[0].values[kTakes],
             oracle[0].values[kTakes]);  // the same slates on the same random numbers
    // Another catalog is refused.
    Dataset other = m_data;
    other.items.ids.pop_back();
    QVERIFY(!makeModelOracle(m_model, other, 20, 3).ok());
  }

  // Calibrated slates follow the category mix of each user's history so far, which the generator drew
  // from the user's true tastes: their category mix drifts less from the truth than the model's own.
  void calibratedSlatesFollowTheUsersMix() {
    const auto r = run(config("greedy,calibrated:0.9", 3, 1));
    QCOMPARE(r.runs.size(), std::size_t(2));
    QCOMPARE(QString::fromStdString(r.runs[1].policy), QString("calibrated:0.9"));
    const auto greedy = metricInterval(r.runs[0], kInterestDrift, 2).mean;
    const auto calibrated = metricInterval(r.runs[1], kInterestDrift, 2).mean;
    qInfo("interest drift: greedy %.3f, calibrated %.3f", greedy, calibrated);
    QVERIFY2(calibrated < greedy, qPrintable(QString("%1 vs %2").arg(calibrated).arg(greedy)));
    QVERIFY(!PolicySpec::parse("calibrated:1.5").ok());
  }

  void badConfigurationsAreRefused() {
    QVERIFY(!PolicySpec::parse("egreedy:2").ok());
    QVERIFY(!PolicySpec::parse("greedy:1").ok());
    QVERIFY(!PolicySpec::parse("bandit").ok());
    QVERIFY(!PolicySpec::parseList("greedy,greedy").ok());
    QVERIFY(!Examination::parse("pbm:-1").ok());
    auto c = config("greedy", 0, 1);
    auto r = runSimulation(m_data, m_model, *m_oracle, c);
    QVERIFY(!r.ok());
    QVERIFY(r.error().message.find("rounds") != std::string::npos);
    c = config("greedy", 2, 1);
    c.retrainEvery = 1;
    QVERIFY(!runSimulation(m_data, m_model, *m_oracle, c).ok());  // no trainer given
  }

  // A re-training is a fine-tuning: all its epochs run and the last one's weights are kept, whatever the
  // validation (each user's newest take, which the current model showed) says; and the loop with it differs
  // from the frozen loop from the first re-training on.
  void reTrainingKeepsItsLastEpoch() {
    ComputeDevice cpu;
    const auto retrain = makeSimRetrainer(cpu);
    auto fine = retrain(m_data, *m_model, 3, 5, {});
    QVERIFY2(fine.ok(), fine.ok() ? "" : fine.error().message.c_str());
    const auto meta = nlohmann::json::parse(fine.value()->metadata().json);
    QCOMPARE(meta.at("training").at("epochs_run").get<int>(), 3);
    QCOMPARE(meta.at("training").at("best_epoch").get<int>(), 3);
    QCOMPARE(meta.at("training").at("stopped_early").get<bool>(), false);
    QVERIFY(meta.at("config").value("keep_last_epoch", false));

    auto c = config("greedy", 3, 1);
    auto frozen = runSimulation(m_data, m_model, *m_oracle, c);
    c.retrainEvery = 1;
    c.retrainEpochs = 2;
    auto retrained = runSimulation(m_data, m_model, *m_oracle, c, retrain);
    QVERIFY(frozen.ok() && retrained.ok());
    const auto& f = frozen->runs[0].seeds[0];
    const auto& r = retrained->runs[0].seeds[0];
    QCOMPARE(r.rounds[0].values[kExpectedTakes], f.rounds[0].values[kExpectedTakes]);  // before any
    QVERIFY(r.rounds[1].values[kExpectedTakes] != f.rounds[1].values[kExpectedTakes]);
  }

  // With a re-training window, a re-training sees only the last W rounds: the simulated takes of those
  // rounds and the project's events of the days the window reaches back before the first round.
  void reTrainingWindowKeepsTheLastRounds() {
    std::int64_t end = 0;
    for (auto ts : m_data.interactions.ts) end = std::max(end, ts);
    std::size_t logInLastDay = 0;
    for (auto ts : m_data.interactions.ts) logInLastDay += ts > end - 86400 ? 1 : 0;
    QVERIFY(logInLastDay > 0);
    struct Seen {
      int round = 0;
      std::size_t log = 0, simulated = 0;
      std::int64_t first = 0;
    };
    std::vector<Seen> seen;
    int calls = 0;
    const Retrainer spy = [&](const Dataset& extended, const ModelFile& current, int, std::uint64_t,
                              const TaskControl&) -> Result<std::shared_ptr<const ModelFile>> {
      Seen s;
      s.round = 2 * ++calls;
      s.first = std::numeric_limits<std::int64_t>::max();
      const auto& names = extended.interactions.kindNames;
      const auto simulated =
          static_cast<std::size_t>(std::find(names.begin(), names.end(), "simulated") - names.begin());
      for (std::size_t r = 0; r < extended.interactions.size(); ++r) {
        (extended.interactions.kind[r] == simulated ? s.simulated : s.log) += 1;
        s.first = std::min(s.first, extended.interactions.ts[r]);
      }
      seen.push_back(s);
      return std::shared_ptr<const ModelFile>(m_model, &current);  // the same model: only the data is checked
    };
    auto c = config("greedy", 7, 1);
    c.retrainEvery = 2;
    c.retrainWindow = 3;
    c.keepSlates = true;
    auto r = runSimulation(m_data, m_model, *m_oracle, c, spy);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(seen.size(), std::size_t(3));  // rounds 2, 4, 6
    std::vector<std::size_t> takes;         // per round
    for (const auto& round : r->runs[0].seeds[0].slates) {
      std::size_t n = 0;
      for (const auto& slate : round)
        for (auto t : slate.taken) n += t;
      takes.push_back(n);
    }
    // Round 2: rounds 1-2 and the log's last day; round 4: rounds 2-4; round 6: rounds 4-6.
    QCOMPARE(seen[0].simulated, takes[0] + takes[1]);
    QCOMPARE(seen[0].log, logInLastDay);
    QVERIFY(seen[0].first > end - 86400);
    QCOMPARE(seen[1].simulated, takes[1] + takes[2] + takes[3]);
    QCOMPARE(seen[1].log, std::size_t(0));
    QCOMPARE(seen[1].first, end + 2 * 86400);
    QCOMPARE(seen[2].simulated, takes[3] + takes[4] + takes[5]);
    QCOMPARE(seen[2].first, end + 4 * 86400);
    // Without a window, everything.
    c.retrainWindow = 0;
    seen.clear();
    calls = 0;
    QVERIFY(runSimulation(m_data, m_model, *m_oracle, c, spy).ok());
    QCOMPARE(seen[2].log, m_data.interactions.size());
    QCOMPARE(seen[2].first, *std::min_element(m_data.interactions.ts.begin(), m_data.interactions.ts.end()));
    c.retrainWindow = -1;
    QVERIFY(!validateSimConfig(c).ok());
  }

  // Popularity amplification (Chaney et al. 2018): a model re-trained on what it showed (a window of recent
  // rounds, the project's log aged out) narrows what it shows round after round: greedy's exposure Gini
  // rises, its coverage and its users' variety fall, where the same loop with a frozen model does not
  // narrow; exploring or penalising popularity keeps more of the catalog in the slates.
  void reTrainingOnItsOwnFeedbackAmplifiesPopularity() {
    ComputeDevice cpu;
    auto c = config("greedy,egreedy:0.1,popularity:0.5", 24, 1);
    const auto frozen = run(c);
    c.retrainEvery = 2;
    c.retrainEpochs = 3;
    c.retrainWindow = 4;
    auto looped = runSimulation(m_data, m_model, *m_oracle, c, makeSimRetrainer(cpu));
    QVERIFY2(looped.ok(), looped.ok() ? "" : looped.error().message.c_str());
    auto at = [](const SimResult& r, int policy, int round, int metric) {
      return r.runs[policy].seeds[0].rounds[round].values[metric];
    };
    const int last = c.rounds - 1;
    auto describe = [&](const SimResult& r, int policy) {
      return QString("gini %1 -> %2, coverage %3 -> %4, homogenisation %5 -> %6")
          .arg(at(r, policy, 0, kGini))
          .arg(at(r, policy, last, kGini))
          .arg(at(r, policy, 0, kCoverage))
          .arg(at(r, policy, last, kCoverage))
          .arg(at(r, policy, 0, kHomogenisation))
          .arg(at(r, policy, last, kHomogenisation));
    };
    const auto& l = looped.value();
    qInfo("greedy re-trained: %s", qPrintable(describe(l, 0)));
    qInfo("greedy frozen:     %s", qPrintable(describe(frozen, 0)));
    qInfo("egreedy re-trained: %s", qPrintable(describe(l, 1)));
    qInfo("popularity re-trained: %s", qPrintable(describe(l, 2)));
    // Greedy re-trained on its own feedback narrows over the rounds ...
    QVERIFY2(at(l, 0, last, kGini) > at(l, 0, 0, kGini) + 0.03, qPrintable(describe(l, 0)));
    QVERIFY2(at(l, 0, last, kCoverage) < 0.9 * at(l, 0, 0, kCoverage), qPrintable(describe(l, 0)));
    QVERIFY2(at(l, 0, last, kHomogenisation) > 1.5 * at(l, 0, 0, kHomogenisation),
             qPrintable(describe(l, 0)));
    // ... which the frozen model does not.
    QVERIFY2(at(frozen, 0, last, kGini) < at(l, 0, last, kGini) - 0.02, qPrintable(describe(frozen, 0)));
    QVERIFY2(at(frozen, 0, last, kCoverage) > 1.15 * at(l, 0, last, kCoverage),
             qPrintable(describe(frozen, 0)));
    // Exploration and the popularity penalty end with more of the catalog shown than greedy.
    for (int p : {1, 2}) {
      QVERIFY2(at(l, p, last, kCoverage) > 1.15 * at(l, 0, last, kCoverage), qPrintable(describe(l, p)));
      QVERIFY2(at(l, p, last, kCumulativeCoverage) > at(l, 0, last, kCumulativeCoverage),
               qPrintable(describe(l, p)));
    }
  }

  void cancelStops() {
    std::atomic<bool> cancel{true};
    TaskControl control;
    control.cancel = &cancel;
    auto r = runSimulation(m_data, m_model, *m_oracle, config("greedy", 3, 1), {}, control);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().code, ErrorCode::Cancelled);
  }
};

QTEST_GUILESS_MAIN(TestSimulation)
#include "tst_simulation.moc"
