#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

#include "data/generator.h"
#include "engine/scoringengine.h"
#include "engine/userprofilebuilder.h"
#include "explain/attribution.h"
#include "model/modelfile.h"
#include "model/trainer.h"
#include "store/projectstore.h"

using namespace reclens;

namespace {
// The share of (group user, preferred-category item in their top-K) pairs whose strongest user field
// by Integrated Gradients must be the planted attribute.
constexpr double kMinShareFirst = 0.7;
constexpr int kTopK = 10;
constexpr std::size_t kMinPairs = 30;  // enough pairs for the share to mean something
}  // namespace

class TestExplainPlantedTruth : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;

 private Q_SLOTS:
  // The generator plants "users of region R prefer category C"; a twotower model trained on that world
  // must credit the region field first when it recommends C items to R users.
  void regionFieldExplainsThePlantedPreference() {
    QVERIFY(m_dir.isValid());
    auto config = GeneratorConfig::preset("tiny");
    QVERIFY(config.ok());
    config->seed = 11;
    config->users = 800;
    config->interactions = 16000;
    auto store =
        ProjectStore::open(m_dir.filePath("world.reclens").toStdString(), ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    QVERIFY(generateProject(config.value(), *store.value()).ok());
    auto loaded = store.value()->loadDataset();
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    const auto& data = loaded.value();
    auto truths = store.value()->plantedTruth();
    QVERIFY(truths.ok());
    QJsonObject truth;
    for (const auto& [key, json] : truths.value()) {
      if (key == "region_category_preference")
        truth = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
    }
    const auto attribute = truth.value("attribute").toString().toStdString();
    const auto group = truth.value("group").toString().toStdString();
    const auto category = truth.value("category").toString().toStdString();
    QVERIFY2(!attribute.empty() && !group.empty() && !category.empty(), "the planted truth is missing");

    auto train = defaultTrainConfig("twotower");
    train.dim = 16;
    train.epochs = 10;
    train.evalK = 10;
    train.threads = 2;
    train.device = "cpu";
    const auto path = m_dir.filePath("twotower.pt").toStdString();
    auto trained = trainModel(data, train, path);
    QVERIFY2(trained.ok(), trained.ok() ? "" : trained.error().message.c_str());
    auto model = ModelFile::load(path, {}, &data.items);
    QVERIFY2(model.ok(), model.ok() ? "" : model.error().message.c_str());
    const auto& meta = model.value()->metadata();

    int field = -1;
    std::int32_t groupCode = -1;
    for (std::size_t f = 0; f < meta.userFields.size(); ++f) {
      if (meta.userFields[f].name != attribute) continue;
      field = static_cast<int>(f);
      const auto& vocab = meta.userFields[f].vocabulary;
      for (std::size_t c = 0; c < vocab.size(); ++c) {
        if (vocab[c] == group) groupCode = static_cast<std::int32_t>(c);
      }
    }
    QVERIFY2(field >= 0 && groupCode >= 0, "the model has no field value for the planted group");
    const int categoryField = data.items.fieldIndex("category");
    QVERIFY(categoryField >= 0);
    const auto& categories = data.items.fields[static_cast<std::size_t>(categoryField)];

    const UserProfileBuilder builder(data, meta);
    ScoringEngine engine(model.value());
    AttributionOptions options;
    options.steps = 8;
    std::size_t pairs = 0, first = 0, users = 0, otherPairs = 0, otherFirst = 0;
    for (std::size_t u = 0; u < builder.users(); ++u) {
      const auto profile = builder.profile(static_cast<std::int32_t>(u));
      if (profile.fieldCodes[static_cast<std::size_t>(field)] != groupCode || profile.items.empty()) continue;
      auto top = engine.recommend(profile, kTopK, {});
      QVERIFY(top.ok());
      std::vector<std::int32_t> items;
      std::vector<bool> preferred;
      for (const auto& r : top.value()) {
        const auto code = categories.codeAt(static_cast<std::size_t>(r.item));
        items.push_back(r.item);
        preferred.push_back(code >= 0 && categories.vocabulary()[static_cast<std::size_t>(code)] == category);
      }
      if (std::find(preferred.begin(), preferred.end(), true) == preferred.end()) continue;
      ++users;
      auto e = explainItems(*model.value(), profile, items, options);
      QVERIFY2(e.ok(), e.ok() ? "" : e.error().message.c_str());
      for (std::size_t k = 0; k < items.size(); ++k) {
        const auto& item = e->items[k];
        const FieldAttribution* best = nullptr;
        for (const auto& f : item.fields) {
          if (f.kind == FieldKind::UserField && (best == nullptr || f.attribution > best->attribution))
            best = &f;
        }
        QVERIFY(best != nullptr);
        if (!preferred[k]) {
          ++otherPairs;
          if (best->label == attribute) ++otherFirst;
          continue;
        }
        ++pairs;
        if (best->label == attribute) ++first;
      }
    }
    const double share = pairs == 0 ? 0.0 : double(first) / double(pairs);
    const double otherShare = otherPairs == 0 ? 0.0 : double(otherFirst) / double(otherPairs);
    qInfo(
        "%s = %s users with %s items in their top-%d: %zu users, %zu pairs; %s ranks first among user fields "
        "in %.1f%% (other items of the same lists: %.1f%% of %zu)",
        attribute.c_str(), group.c_str(), category.c_str(), kTopK, users, pairs, attribute.c_str(),
        100.0 * share, 100.0 * otherShare, otherPairs);
    QVERIFY2(pairs >= kMinPairs, qPrintable(QString("only %1 pairs").arg(pairs)));
    QVERIFY2(share >= kMinShareFirst, qPrintable(QString("share %1").arg(share)));
    // The control: on the other items of the same lists the field is not the usual first reason.
    QVERIFY2(otherShare < 0.5, qPrintable(QString("other items %1").arg(otherShare)));
  }
};

QTEST_GUILESS_MAIN(TestExplainPlantedTruth)
#include "tst_explainplantedtruth.moc"
