// The three attribution engines (closed form, batched autograd, autograd row by row) give the same
// numbers; a declared closed form is used only when it matches the model's own methods.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>
#include <random>

#include "engine/scoringengine.h"
#include "engine/userprofilebuilder.h"
#include "explain/attribution.h"
#include "model/modelfile.h"
#include "model/trainer.h"
#include "smalltraining.h"

using namespace reclens;

Q_DECLARE_METATYPE(AttributionMethod)

namespace {

const std::string kModels = RECLENS_TEST_DATA_DIR "/models/";

constexpr int kItems = 50;
constexpr int kUsers = 30;

Dataset smallDataset() {
  Dataset d;
  d.info.name = "engines";
  d.users.fields.emplace_back("segment");
  d.items.fields.emplace_back("category");
  for (int i = 0; i < kItems; ++i) {
    d.items.ids.push_back("i" + std::to_string(i));
    d.items.titles.push_back("Item " + std::to_string(i));
    d.items.fields[0].append(i % 2 == 0 ? "even" : "odd");
  }
  std::mt19937_64 rng(5);
  const auto kind = d.interactions.kindIndex("view");
  for (int u = 0; u < kUsers; ++u) {
    d.users.ids.push_back("u" + std::to_string(u));
    d.users.fields[0].append(u % 3 == 0 ? "a" : (u % 3 == 1 ? "b" : "c"));
    for (int n = 0; n < 12; ++n) {
      const int item = static_cast<int>((u % 2) + 2 * (rng() % (kItems / 2)));
      // Weights 0.25 .. 1.5, so that some users' total weight stays near the clamp of the norm.
      d.interactions.append(u, item, 100 + n, 0.25f * float(1 + n % 6), kind);
    }
  }
  return d;
}

// Largest |a − b| over every field of every item, relative to the largest |a|.
double relativeGap(const Explanation& a, const Explanation& b) {
  double worst = 0.0, scale = 1e-9;
  for (std::size_t k = 0; k < a.items.size(); ++k) {
    for (std::size_t i = 0; i < a.items[k].fields.size(); ++i) {
      scale = std::max(scale, std::abs(a.items[k].fields[i].attribution));
      worst = std::max(worst, std::abs(a.items[k].fields[i].attribution - b.items[k].fields[i].attribution));
    }
    worst = std::max(worst, std::abs(a.items[k].output - b.items[k].output));
    worst = std::max(worst, std::abs(a.items[k].baselineOutput - b.items[k].baselineOutput));
  }
  return worst / scale;
}

}  // namespace

class TestAttributionEngines : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  Dataset m_data;
  std::map<QString, std::shared_ptr<const ModelFile>> m_trained;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_data = smallDataset();
    for (const char* kind : {"bpr", "lightgcn", "twotower"}) {
      const auto path = m_dir.filePath(QString(kind) + ".pt").toStdString();
      auto model = test::trainSmallModel(m_data, kind, path, 3, 64);
      QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
      m_trained[kind] = model.value();
    }
  }

  // Every built-in learned model is written to contract 2 with a closed form that the loader accepts.
  void builtInModelsDeclareAClosedForm_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("form");
    QTest::newRow("bpr") << "bpr"
                         << "pooled, sqrt norm, clamp 1";
    QTest::newRow("lightgcn") << "lightgcn"
                              << "pooled, sqrt norm, clamp 1";
    QTest::newRow("twotower") << "twotower"
                              << "pooled + MLP, sqrt norm, clamp 1";
  }
  void builtInModelsDeclareAClosedForm() {
    QFETCH(QString, kind);
    QFETCH(QString, form);
    const auto& model = m_trained.at(kind);
    QCOMPARE(model->contractVersion(), 2);
    QVERIFY(model->hasBatchedUserVectors());
    QCOMPARE(QString::fromStdString(model->closedFormName()), form);
    QCOMPARE(QString::fromStdString(model->closedFormNote()), QString());
  }

  // Closed form and batched autograd agree for every method, baseline and several users.
  void closedFormEqualsAutograd_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<AttributionMethod>("method");
    QTest::addColumn<bool>("missingBaseline");
    for (const char* kind : {"bpr", "lightgcn", "twotower"}) {
      for (const auto method : {AttributionMethod::IntegratedGradients, AttributionMethod::GradientTimesInput,
                                AttributionMethod::Occlusion, AttributionMethod::Shapley}) {
        for (const bool missing : {false, true}) {
          QTest::addRow("%s %s %s", kind, attributionMethodName(method), missing ? "missing" : "zero")
              << kind << method << missing;
        }
      }
    }
  }
  void closedFormEqualsAutograd() {
    QFETCH(QString, kind);
    QFETCH(AttributionMethod, method);
    QFETCH(bool, missingBaseline);
    const auto& model = m_trained.at(kind);
    const UserProfileBuilder builder(m_data, model->metadata());
    ScoringEngine engine(model);
    for (const std::int32_t user : {0, 7, 14}) {
      auto profile = builder.profile(user);
      if (user == 14) {  // a light user: total weight below the norm's clamp
        profile.items.resize(2);
        profile.weights = {0.25f, 0.5f};
      }
      const auto top = engine.recommend(profile, 6, {});
      QVERIFY(top.ok());
      std::vector<std::int32_t> items;
      for (const auto& r : top.value()) items.push_back(r.item);
      AttributionOptions options;
      options.method = method;
      options.steps = 16;
      options.rule = user == 7 ? IntegrationRule::Trapezoid : IntegrationRule::Midpoint;
      options.samples = 24;
      options.baseline = missingBaseline ? AttributionBaseline::MissingFields : AttributionBaseline::Zero;
      auto closed = explainItems(*model, profile, items, options, &m_data.items);
      QVERIFY2(closed.ok(), closed.ok() ? "" : closed.error().message.c_str());
      QVERIFY(closed->engine.rfind("closed form", 0) == 0);
      options.closedForm = false;
      auto autograd = explainItems(*model, profile, items, options, &m_data.items);
      QVERIFY2(autograd.ok(), autograd.ok() ? "" : autograd.error().message.c_str());
      QCOMPARE(QString::fromStdString(autograd->engine), QString("autograd, batched (user_vectors)"));
      const double gap = relativeGap(autograd.value(), closed.value());
      QVERIFY2(gap < 2e-5, qPrintable(QString("user %1: relative gap %2").arg(user).arg(gap)));
      if (method == AttributionMethod::Shapley) {
        for (std::size_t k = 0; k < items.size(); ++k) {
          for (std::size_t i = 0; i < closed->items[k].fields.size(); ++i) {
            const auto a = closed->items[k].fields[i].standardError,
                       b = autograd->items[k].fields[i].standardError;
            QVERIFY(std::abs(a - b) <= 1e-4 * std::max(1.0, std::abs(a)));
          }
        }
      }
    }
  }

  // A version-1 file (no user_vectors, one graph per step) and its version-2 twin give the same numbers,
  // and so does the closed form the twin declares.
  void versionOneEqualsVersionTwo_data() {
    QTest::addColumn<AttributionMethod>("method");
    for (const auto method : {AttributionMethod::IntegratedGradients, AttributionMethod::GradientTimesInput,
                              AttributionMethod::Occlusion, AttributionMethod::Shapley}) {
      QTest::newRow(attributionMethodName(method)) << method;
    }
  }
  void versionOneEqualsVersionTwo() {
    QFETCH(AttributionMethod, method);
    auto v1 = ModelFile::load(kModels + "valid.pt");
    auto v2 = ModelFile::load(kModels + "valid_v2.pt");
    auto declared = ModelFile::load(kModels + "declares_pooled_sum.pt");
    QVERIFY(v1.ok() && v2.ok() && declared.ok());
    QCOMPARE(v1.value()->contractVersion(), 1);
    QVERIFY(!v1.value()->hasBatchedUserVectors());
    QCOMPARE(QString::fromStdString(declared.value()->closedFormName()), QString("pooled, no norm"));
    const UserProfile profile{{1, 2, 4}, {1.0f, 2.0f, 0.5f}, {1}};
    const std::vector<std::int32_t> items{0, 1, 3};
    AttributionOptions options;
    options.method = method;
    options.steps = 7;
    options.samples = 10;
    auto a = explainItems(*v1.value(), profile, items, options);
    auto b = explainItems(*v2.value(), profile, items, options);
    auto c = explainItems(*declared.value(), profile, items, options);
    QVERIFY(a.ok() && b.ok() && c.ok());
    QCOMPARE(QString::fromStdString(a->engine), QString("autograd, one user_vector call per row"));
    QCOMPARE(QString::fromStdString(c->engine), QString("closed form (pooled, no norm)"));
    QVERIFY2(relativeGap(a.value(), b.value()) < 1e-6, "version 1 and version 2 differ");
    QVERIFY2(relativeGap(a.value(), c.value()) < 1e-6, "autograd and the closed form differ");
  }

  // A declaration that does not match the model is ignored with a note, and autograd is used.
  void aWrongDeclarationIsIgnored() {
    auto m = ModelFile::load(kModels + "declares_wrong_structure.pt");
    QVERIFY2(m.ok(), m.ok() ? "" : m.error().message.c_str());
    QCOMPARE(QString::fromStdString(m.value()->closedFormName()), QString());
    QVERIFY2(
        m.value()->closedFormNote().find("user_vector differs from the declared form") != std::string::npos,
        m.value()->closedFormNote().c_str());
    const UserProfile profile{{1, 2}, {1.0f, 2.0f}, {1}};
    auto e = explainItems(*m.value(), profile, {1}, {});
    QVERIFY(e.ok());
    QCOMPARE(QString::fromStdString(e->engine), QString("autograd, batched (user_vectors)"));
    // The hand-made model's exact IG value for item i1 (tst_attribution.cpp): f(x) = 6.
    QVERIFY(std::abs(e->items[0].output - 6.0) < 1e-5);
  }
};

QTEST_GUILESS_MAIN(TestAttributionEngines)
#include "tst_attributionengines.moc"
