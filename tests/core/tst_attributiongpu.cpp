// CPU/CUDA parity of the attribution engines (ctest label gpu). Skips where no CUDA device is present;
// on a GPU machine every method, engine and built-in model must give the CPU's attributions within 1e-4
// relative.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <random>

#include "engine/computedevice.h"
#include "engine/scoringengine.h"
#include "engine/userprofilebuilder.h"
#include "explain/attribution.h"
#include "model/modelfile.h"
#include "model/trainer.h"

using namespace reclens;

Q_DECLARE_METATYPE(AttributionMethod)

namespace {

Dataset parityDataset() {
  Dataset d;
  d.info.name = "gpu parity";
  d.users.fields.emplace_back("segment");
  d.items.fields.emplace_back("category");
  for (int i = 0; i < 200; ++i) {
    d.items.ids.push_back("i" + std::to_string(i));
    d.items.fields[0].append(i % 3 == 0 ? "x" : "y");
  }
  std::mt19937_64 rng(3);
  const auto kind = d.interactions.kindIndex("view");
  for (int u = 0; u < 60; ++u) {
    d.users.ids.push_back("u" + std::to_string(u));
    d.users.fields[0].append(u % 2 == 0 ? "a" : "b");
    for (int n = 0; n < 30; ++n) d.interactions.append(u, static_cast<int>(rng() % 200), n, 1.0f, kind);
  }
  return d;
}

}  // namespace

class TestAttributionGpu : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void cpuAndCudaAgree_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<AttributionMethod>("method");
    QTest::addColumn<bool>("closedForm");
    for (const char* kind : {"bpr", "lightgcn", "twotower"}) {
      for (const auto method : {AttributionMethod::IntegratedGradients, AttributionMethod::Occlusion,
                                AttributionMethod::Shapley}) {
        for (const bool closed : {true, false}) {
          QTest::addRow("%s %s %s", kind, attributionMethodName(method), closed ? "closed" : "autograd")
              << kind << method << closed;
        }
      }
    }
  }
  void cpuAndCudaAgree() {
    QFETCH(QString, kind);
    QFETCH(AttributionMethod, method);
    QFETCH(bool, closedForm);
    std::string note;
    const auto cuda = chooseComputeDevice("cuda", &note);
    if (cuda.kind != ComputeDevice::Kind::Cuda) QSKIP("no CUDA device: the GPU parity checks need one");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto data = parityDataset();
    TrainConfig c;
    c.kind = kind.toStdString();
    c.dim = 16;
    c.epochs = 2;
    c.threads = 1;
    c.device = "cpu";
    const auto path = dir.filePath("model.pt").toStdString();
    auto report = trainModel(data, c, path);
    QVERIFY2(report.ok(), report.ok() ? "" : report.error().message.c_str());
    auto onCpu = ModelFile::load(path, ComputeDevice{}, &data.items);
    auto onGpu = ModelFile::load(path, cuda, &data.items);
    QVERIFY(onCpu.ok() && onGpu.ok());
    const auto profile = UserProfileBuilder(data, onCpu.value()->metadata()).profile(5);
    ScoringEngine engine(onCpu.value());
    const auto top = engine.recommend(profile, 10, {});
    QVERIFY(top.ok());
    std::vector<std::int32_t> items;
    for (const auto& r : top.value()) items.push_back(r.item);
    AttributionOptions options;
    options.method = method;
    options.samples = 32;
    options.closedForm = closedForm;
    auto a = explainItems(*onCpu.value(), profile, items, options);
    auto b = explainItems(*onGpu.value(), profile, items, options);
    QVERIFY2(a.ok() && b.ok(),
             a.ok() ? (b.ok() ? "" : b.error().message.c_str()) : a.error().message.c_str());
    for (std::size_t k = 0; k < items.size(); ++k) {
      double scale = 1e-6;
      for (const auto& f : a->items[k].fields) scale = std::max(scale, std::abs(f.attribution));
      for (std::size_t i = 0; i < a->items[k].fields.size(); ++i) {
        const double gap = std::abs(a->items[k].fields[i].attribution - b->items[k].fields[i].attribution);
        QVERIFY2(gap <= 1e-4 * scale, qPrintable(QString("item %1 field %2: %3 vs %4")
                                                     .arg(k)
                                                     .arg(i)
                                                     .arg(a->items[k].fields[i].attribution)
                                                     .arg(b->items[k].fields[i].attribution)));
      }
    }
  }
};

QTEST_GUILESS_MAIN(TestAttributionGpu)
#include "tst_attributiongpu.moc"
