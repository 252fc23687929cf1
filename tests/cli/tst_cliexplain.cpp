#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "cli/clirun.h"

#include <cmath>

#include "common/sha256.h"
#include "store/projectstore.h"

using namespace reclens;

namespace {
using Run = reclens::test::CliRun;
const auto cli = reclens::test::runCli;
// The six items of tests/data/models/valid.pt (embeddings (1,0) (0,1) (1,1) (0.5,0) (2,0) (1,0); user
// vector = Σ weight·embedding + region (North (0,0), South (0,3))). User B (South) bought i0, i5, i2 in
// that order: u = (3, 4); item i1 = (0, 1) scores 4 = i2's term 1 + the region's term 3.
Dataset tinyDataset() {
  Dataset d;
  d.info.name = "explain test";
  d.items.ids = {"i0", "i1", "i2", "i3", "i4", "i5"};
  d.items.titles = {"Zero", "One", "Two", "Three", "Four", "Five"};
  d.items.prices = {1, 2, 3, 4, 5, 6};
  d.items.firstSeen.assign(6, kNoTime);
  d.users.ids = {"A", "B"};
  d.users.fields.emplace_back("region");
  for (const char* r : {"North", "South"}) d.users.fields.back().append(r);
  const auto k = d.interactions.kindIndex("purchase");
  d.interactions.append(0, 1, 100, 1.0f, k);
  d.interactions.append(1, 0, 100, 1.0f, k);
  d.interactions.append(1, 5, 200, 1.0f, k);
  d.interactions.append(1, 2, 300, 1.0f, k);
  return d;
}
}  // namespace

class TestCliExplain : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  QString m_project;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_project = m_dir.filePath("tiny.reclens");
    QVERIFY(QFile::copy(RECLENS_TEST_DATA_DIR "/models/valid.pt", m_dir.filePath("valid.pt")));
    auto store = ProjectStore::open(m_project.toStdString(), ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    QVERIFY(store.value()->writeDataset(tinyDataset()).ok());
    ProjectStore::ModelRecord record;
    record.name = "hand-made";
    record.path = "valid.pt";
    record.contractVersion = 1;
    record.created = 1700000000;
    auto sha = sha256File(m_dir.filePath("valid.pt").toStdString());  // a registered file is trusted by hash
    QVERIFY(sha.ok());
    record.sha256 = sha.value();
    QVERIFY(store.value()->registerModel(record).ok());
  }

  void integratedGradientsJson() {
    const auto r = cli({"explain", "--project", m_project, "--user", "B", "--item", "i1", "--method", "ig",
                        "--steps", "64", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto doc = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(doc.value("method").toString(), QString("ig"));
    QCOMPARE(RECLENS_JSON_INT(doc, "steps"), qint64(64));
    const auto items = doc.value("items").toArray();
    QCOMPARE(items.size(), 1);
    const auto item = items[0].toObject();
    QCOMPARE(item.value("item").toString(), QString("i1"));
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(item, "output") - 4.0) < 1e-5);
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(item, "baseline_output")) < 1e-6);
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(item, "completeness_delta")) < 1e-3);
    const auto fields = item.value("fields").toArray();
    QCOMPARE(fields.size(), 5);  // three history items, the region, the item part
    QStringList kinds, labels;
    for (const auto& f : fields) {
      kinds << f.toObject().value("kind").toString();
      labels << f.toObject().value("label").toString();
    }
    QCOMPARE(kinds, (QStringList{"history", "history", "history", "user_field", "item_part"}));
    QCOMPARE(labels, (QStringList{"Zero", "Five", "Two", "region", "item"}));
    // i2's degree-3 term 1 gives 2/3 to its history row; the region's term 3 is split in half.
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(fields[2].toObject(), "attribution") - 2.0 / 3) < 1e-3);
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(fields[3].toObject(), "attribution") - 1.5) < 1e-3);
    QCOMPARE(fields[3].toObject().value("value").toString(), QString("South"));
    const auto reason = item.value("reason").toObject();
    QVERIFY(reason.value("text").toString().contains("Two"));
    QCOMPARE(reason.value("user_value").toString(), QString("South"));
  }

  // Against the average user of A (history i1, North) and B (i0, i5, i2, South): the mean history row
  // is ((0, 1) + (2/3, 1/3)) / 2 = (1/3, 2/3) and the mean region row (0, 1.5). B's baseline keeps B's
  // weights, so u(x̄) = 3·(1/3, 2/3) + (0, 1.5) = (1, 3.5) and i1 = (0, 1) scores 3.5 there. The mean
  // user vector is ((0, 1) + (3, 4)) / 2 = (1.5, 2.5): i1's common part 2.5, personal part 1.5.
  void averageBaselineJson() {
    const auto r = cli({"explain", "--project", m_project, "--user", "B", "--item", "i1", "--method", "ig",
                        "--steps", "8", "--baseline", "average", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto doc = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(doc.value("baseline").toString(), QString("average"));
    const auto items = doc.value("items").toArray();
    QCOMPARE(items.size(), 1);
    const auto item = items[0].toObject();
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(item, "output") - 4.0) < 1e-5);
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(item, "baseline_output") - 3.5) < 1e-5);
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(item, "completeness_delta")) < 1e-5);
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(item, "common") - 2.5) < 1e-5);
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(item, "personal") - 1.5) < 1e-5);
    const auto fields = item.value("fields").toArray();
    QCOMPARE(fields.size(), 5);
    // (h − h̄)·v per history row: i0 and i5 (1, 0) give −2/3 each, i2 (1, 1) gives 1/3; the region
    // ((0, 3) − (0, 1.5))·(0, 1) = 1.5; the item part is its own baseline.
    const double expected[] = {-2.0 / 3, -2.0 / 3, 1.0 / 3, 1.5, 0.0};
    for (int i = 0; i < 5; ++i)
      QVERIFY2(std::abs(RECLENS_JSON_NUMBER(fields[i].toObject(), "attribution") - expected[i]) < 1e-5,
               r.out.constData());
    QVERIFY(doc.value("collapse").isObject());
    const auto collapse = doc.value("collapse").toObject();
    QCOMPARE(RECLENS_JSON_INT(collapse, "background_users"), qint64(2));
    QVERIFY(collapse.value("mean_cosine").isNull());  // one item: no pair
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(collapse, "common_share") - 2.5 / 4.0) < 1e-5);
    QVERIFY(collapse.value("collapsed").isBool());
    QVERIFY(collapse.value("collapsed").toBool());  // 62.5% of the score is common, above 60%
  }

  // i1 = (0, 1) against i3 = (0.5, 0) for B (u = (3, 4)): scores 4 and 1.5, difference 2.5. The region's
  // term is (0, 3)·v: 3 for i1 (half of it attributed to the region, as above), 0 for i3, so the region's
  // contrast is 1.5; i3's own item part comes last, marked as the reference, with its attribution negated.
  void versusAnotherItemJson() {
    const auto r = cli({"explain", "--project", m_project, "--user", "B", "--item", "i1", "--versus", "i3",
                        "--steps", "64", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto doc = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(doc.value("contrast").toString(), QString("item"));
    QCOMPARE(doc.value("versus").toString(), QString("i3"));
    const auto items = doc.value("items").toArray();
    QCOMPARE(items.size(), 1);
    const auto item = items[0].toObject();
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(item, "output") - 2.5) < 1e-5);
    const auto fields = item.value("fields").toArray();
    QCOMPARE(fields.size(), 6);
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(fields[3].toObject(), "attribution") - 1.5) < 1e-3);
    QVERIFY(!fields[4].toObject().contains("reference"));
    QVERIFY(fields[5].toObject().value("reference").toBool());
    QCOMPARE(fields[5].toObject().value("label").toString(), QString("item"));
    QCOMPARE(fields[5].toObject().value("value").toString(), QString("i3"));
    double total = 0.0;
    for (const auto& f : fields) total += RECLENS_JSON_NUMBER(f.toObject(), "attribution");
    QVERIFY(std::abs(total -
                     (RECLENS_JSON_NUMBER(item, "output") - RECLENS_JSON_NUMBER(item, "baseline_output")) -
                     RECLENS_JSON_NUMBER(item, "completeness_delta")) < 1e-9);
    const auto reason = item.value("reason").toObject();
    QVERIFY(reason.value("above").toBool());
    QVERIFY2(reason.value("text").toString().startsWith("Scored above \"Three\" because"), r.out.constData());
    // The table says what is compared.
    const auto table =
        cli({"explain", "--project", m_project, "--user", "B", "--top", "3", "--versus-others"});
    QVERIFY2(table.exitCode == 0, table.err.constData());
    QVERIFY(table.out.contains("compared with the mean score of the other items"));
    QVERIFY(table.out.contains("score difference"));
  }

  // Two items: the diagnostic compares their attribution vectors, and the table says so in words.
  void collapseTable() {
    const auto r =
        cli({"explain", "--project", m_project, "--user", "B", "--top", "2", "--baseline", "average"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("personal part"));
    QVERIFY(r.out.contains("mean pairwise cosine"));
    const auto j = cli(
        {"explain", "--project", m_project, "--user", "B", "--top", "2", "--baseline", "average", "--json"});
    QVERIFY2(j.exitCode == 0, j.err.constData());
    const auto collapse = QJsonDocument::fromJson(j.out).object().value("collapse").toObject();
    // i4 = (2, 0): (4/3, 4/3, 4/3, 0) over i0, i5, i2, region; i1: (−2/3, −2/3, 1/3, 3/2); their cosine is
    // −(4/3)/((4/3)·√3 · √(13/4)) = −1/√(39/4).
    QVERIFY2(std::abs(RECLENS_JSON_NUMBER(collapse, "mean_cosine") + 1.0 / std::sqrt(39.0 / 4.0)) < 1e-5,
             j.out.constData());
    QVERIFY(!collapse.value("same_lead").toBool());
    QCOMPARE(RECLENS_JSON_INT(collapse, "items"), qint64(2));
    // --versus-auto compares the rows only when the whole scores' explanations collapse: these two
    // point apart (cosine −0.32, different leads), so the whole scores are explained.
    const auto a = cli({"explain", "--project", m_project, "--user", "B", "--top", "2", "--baseline",
                        "average", "--versus-auto", "--json"});
    QVERIFY2(a.exitCode == 0, a.err.constData());
    const auto automatic = QJsonDocument::fromJson(a.out).object();
    QCOMPARE(automatic.value("contrast").toString(), QString("none"));
    QCOMPARE(automatic.value("contrast_requested").toString(), QString("auto"));
    const auto t = cli({"explain", "--project", m_project, "--user", "B", "--top", "2", "--baseline",
                        "average", "--versus-auto"});
    QVERIFY2(t.exitCode == 0, t.err.constData());
    QVERIFY2(t.out.contains("The whole scores are explained"), t.out.constData());
    // With the zero baseline the rule decides from that explanation's own diagnostic.
    const auto z = cli({"explain", "--project", m_project, "--user", "B", "--top", "3", "--versus-auto",
                        "--diagnose-users", "2", "--json"});
    QVERIFY2(z.exitCode == 0, z.err.constData());
    const auto zd = QJsonDocument::fromJson(z.out).object();
    const auto zc = zd.value("collapse").toObject();
    const bool collapsed = zc.value("same_lead").toBool() ||
                           (zc.value("mean_cosine").isDouble() && zc.value("mean_cosine").toDouble() >= 0.9);
    QCOMPARE(zd.value("contrast").toString(), collapsed ? QString("others") : QString("none"));
    QVERIFY(zd.value("model_collapse").toObject().value("compared_share").isDouble());
  }

  void shapleyAndOcclusionJson_data() {
    QTest::addColumn<QString>("method");
    QTest::newRow("shapley") << "shapley";
    QTest::newRow("occlusion") << "occlusion";
    QTest::newRow("gradxinput") << "gradxinput";
  }
  void shapleyAndOcclusionJson() {
    QFETCH(QString, method);
    const auto r = cli({"explain", "--project", m_project, "--user", "B", "--top", "2", "--method", method,
                        "--samples", "8", "--seed", "3", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto items = QJsonDocument::fromJson(r.out).object().value("items").toArray();
    QCOMPARE(items.size(), 2);
    // B's unseen items by score: i4 (6), i1 (4).
    QCOMPARE(items[0].toObject().value("item").toString(), QString("i4"));
    const auto field = items[1].toObject().value("fields").toArray()[3].toObject();
    QCOMPARE(field.contains("standard_error"), method == "shapley");
    const double expected = method == "shapley" ? 1.5 : 3.0;  // the region's term 3: half, or all of it
    QVERIFY2(std::abs(RECLENS_JSON_NUMBER(field, "attribution") - expected) < 1e-4, r.out.constData());
    // Occlusion's attributions need not add up: its delta is NaN, written as null. Gradient×Input's
    // need not either, but its delta is a number; Shapley's add up.
    const auto delta = items[1].toObject().value("completeness_delta");
    if (method == "occlusion")
      QVERIFY2(delta.isNull(), r.out.constData());
    else if (method == "gradxinput")
      QVERIFY2(std::isfinite(RECLENS_JSON_NUMBER(items[1].toObject(), "completeness_delta")),
               r.out.constData());
    else
      QVERIFY2(std::abs(RECLENS_JSON_NUMBER(items[1].toObject(), "completeness_delta")) < 1e-3,
               r.out.constData());
  }

  void tableForPeople() {
    const auto r = cli({"explain", "--project", m_project, "--user", "B", "--top", "1"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("attribution"));
    QVERIFY(r.out.contains("completeness delta"));
    QVERIFY(r.out.contains("Recommended because"));
  }

  // B's history i0, i5, i2 (u = (3, 4)) against i1 = (0, 1): the terms are 0, 0 and 1 and the region's 3,
  // so every method removes i2 first, then i0 and i5 (ties to the earlier position). Deletion leaves
  // u = (2, 3), (1, 3), (0, 3): scores 4, 3, 3, 3; insertion from (0, 3) adds i2, i0, i5: 3, 4, 4, 4.
  // Among the unseen i1 = u_y, i3 = u_x / 2 and i4 = 2·u_x, i1 is second while 2·u_x > u_y (i4 wins a
  // tie only as the higher row). Normalised by full − empty = 1: AUCs 1/6 and 5/6. Every order's
  // deletion(k) + insertion(k) is full + empty = 7 (the terms add up), so the random means are too.
  void faithfulnessCurvesJson() {
    const auto r = cli({"explain", "--project", m_project, "--user", "B", "--item", "i1", "--curves",
                        "--curves-methods", "ig,occlusion", "--curves-random", "2000", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto doc = QJsonDocument::fromJson(r.out).object();
    QVERIFY2(doc.value("faithfulness_curves").isObject(), r.out.constData());
    const auto curves = doc.value("faithfulness_curves").toObject();
    QCOMPARE(RECLENS_JSON_INT(curves, "random_orders"), qint64(2000));
    QVERIFY(curves.value("items").isArray());
    QCOMPARE(curves.value("items").toArray().size(), 1);
    const auto item = curves.value("items").toArray()[0].toObject();
    QCOMPARE(item.value("item").toString(), QString("i1"));
    QCOMPARE(RECLENS_JSON_INT(item, "steps"), qint64(3));
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(item, "full_score") - 4.0) < 1e-5);
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(item, "empty_score") - 3.0) < 1e-5);
    QVERIFY(item.value("methods").isArray());
    const auto methods = item.value("methods").toArray();
    QCOMPARE(methods.size(), 2);
    const auto points = [](const QJsonObject& curve, const char* key) {
      QList<double> values;
      const auto list = curve.value("points").toArray();
      for (const auto& p : list) values << RECLENS_JSON_NUMBER(p.toObject(), key);
      return values;
    };
    const auto near = [](const QList<double>& got, const QList<double>& want, double tolerance) {
      if (got.size() != want.size()) return false;
      for (qsizetype k = 0; k < got.size(); ++k)
        if (!(std::abs(got[k] - want[k]) <= tolerance)) return false;
      return true;
    };
    for (const auto& m : methods) {
      const auto method = m.toObject();
      QStringList order;
      for (const auto& o : method.value("order").toArray()) order << o.toObject().value("item").toString();
      QCOMPARE(order, (QStringList{"i2", "i0", "i5"}));
      const auto deletion = method.value("deletion").toObject();
      const auto insertion = method.value("insertion").toObject();
      QVERIFY2(near(points(deletion, "score"), {4, 3, 3, 3}, 1e-5), r.out.constData());
      QVERIFY2(near(points(deletion, "rank"), {2, 2, 1, 1}, 0), r.out.constData());
      QVERIFY2(near(points(insertion, "score"), {3, 4, 4, 4}, 1e-5), r.out.constData());
      QVERIFY2(near(points(insertion, "rank"), {1, 1, 1, 2}, 0), r.out.constData());
      QVERIFY(std::abs(RECLENS_JSON_NUMBER(deletion, "auc") - 1.0 / 6) < 1e-5);
      QVERIFY(std::abs(RECLENS_JSON_NUMBER(insertion, "auc") - 5.0 / 6) < 1e-5);
    }
    const auto random = item.value("random").toObject();
    const auto deletion = points(random.value("deletion").toObject(), "score");
    const auto insertion = points(random.value("insertion").toObject(), "score");
    QCOMPARE(deletion.size(), 4);
    QCOMPARE(insertion.size(), 4);
    for (qsizetype k = 0; k < 4; ++k) {
      QVERIFY(std::abs(deletion[k] + insertion[k] - 7.0) < 1e-4);
      // i2 is among the first k of a random order with probability k/3.
      QVERIFY2(std::abs(deletion[k] - (4.0 - double(k) / 3)) < 0.06,
               qPrintable(QString::number(deletion[k])));
    }
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(random.value("deletion").toObject(), "auc") - 0.5) < 0.03);
  }

  void faithfulnessCurvesTable() {
    const auto r = cli({"explain", "--project", m_project, "--user", "B", "--item", "i1", "--curves",
                        "--curves-methods", "occlusion", "--curves-random", "4"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("Faithfulness curves of item i1"));
    QVERIFY(r.out.contains("Deletion: the most-attributed"));
    QVERIFY(r.out.contains("Insertion: the most-attributed"));
    QVERIFY2(r.out.contains("AUC  0.1667") && r.out.contains("AUC  0.8333"), r.out.constData());
  }

  // valid.pt is no LightGCN: the graph is weighted by attribution. B's history i0, i5, i2 against i1:
  // only i2's term (1) is non-zero, 2/3 of it to the history row; nobody else has both i2 and i1.
  void graphAttributionWeightedJson() {
    const auto r =
        cli({"explain", "--project", m_project, "--user", "B", "--item", "i1", "--graph", "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto item = QJsonDocument::fromJson(r.out).object().value("items").toArray()[0].toObject();
    QCOMPARE(item.value("method").toString(), QString("attribution_weighted"));
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(item, "score") - 4.0) < 1e-5);
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(item, "path_sum") - 2.0 / 3) < 1e-3);
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(item, "residual") - 10.0 / 3) < 1e-3);
    QCOMPARE(RECLENS_JSON_INT(item, "total_paths"), qint64(3));
    const auto nodes = item.value("nodes").toArray();
    QVERIFY(nodes[0].toObject().value("root").toBool());
    QCOMPARE(nodes[0].toObject().value("id").toString(), QString("B"));
    const auto paths = item.value("paths").toArray();
    QCOMPARE(paths.size(), 3);
    const auto strongest = paths[0].toObject();
    QVERIFY(std::abs(RECLENS_JSON_NUMBER(strongest, "contribution") - 2.0 / 3) < 1e-3);
    const auto via = strongest.value("nodes").toArray();
    QCOMPARE(via.size(), 3);
    QCOMPARE(nodes[via[1].toInt()].toObject().value("label").toString(), QString("Two"));
    QVERIFY(nodes[via[2].toInt()].toObject().value("target").toBool());
    QCOMPARE(item.value("edges").toArray().size(), 6);  // B → each history item, each item ⇢ One
  }

  // A LightGCN model trained on a generated shop: its paths add up to its score.
  void graphLightGcnIsExact() {
    const auto shop = m_dir.filePath("shop.reclens");
    auto r = cli({"generate", "--size", "tiny", "--project", shop, "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = cli({"train", "--project", shop, "--model", "lightgcn", "--dim", "8", "--epochs", "2", "--layers",
             "2", "--threads", "1", "--device", "cpu", "--name", "lgcn", "--quiet"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = cli({"explain", "--project", shop, "--model", "lgcn", "--user", "U000001", "--top", "2", "--graph",
             "--json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto items = QJsonDocument::fromJson(r.out).object().value("items").toArray();
    QCOMPARE(items.size(), 2);
    // The score the paths must add up to is the one `recommend` serves (the scoring engine), not only
    // the graph's own idea of it.
    const auto served =
        cli({"recommend", "--project", shop, "--model", "lgcn", "--user", "U000001", "--k", "2", "--json"});
    QVERIFY2(served.exitCode == 0, served.err.constData());
    const auto list = QJsonDocument::fromJson(served.out).object().value("recommendations").toArray();
    QCOMPARE(list.size(), 2);
    for (qsizetype i = 0; i < items.size(); ++i) {
      const auto item = items[i].toObject();
      QCOMPARE(item.value("item").toString(), list[i].toObject().value("item").toString());
      QCOMPARE(item.value("method").toString(), QString("lightgcn_paths"));
      const double score = RECLENS_JSON_NUMBER(item, "score");
      const double engineScore = RECLENS_JSON_NUMBER(list[i].toObject(), "score");
      QVERIFY2(std::abs(score - engineScore) <= 1e-5 * std::max(1.0, std::abs(engineScore)),
               qPrintable(QString("graph score %1, served score %2").arg(score).arg(engineScore)));
      QVERIFY2(
          std::abs(RECLENS_JSON_NUMBER(item, "path_sum") - score) <= 1e-4 * std::max(std::abs(score), 1e-3),
          r.out.constData());
      QVERIFY(item.value("paths").toArray().size() <= 40);
      QVERIFY(RECLENS_JSON_NUMBER(item, "total_paths") >= item.value("paths").toArray().size());
    }
    r = cli({"explain", "--project", shop, "--model", "lgcn", "--user", "U000001", "--top", "1", "--graph"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.contains("lightgcn_paths"));
    QVERIFY(r.out.contains("path sum"));
    QVERIFY(r.out.contains("user U000001"));
  }

  void errors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("neither item nor top") << QStringList{"--user", "B"} << 2;
    QTest::newRow("both item and top") << QStringList{"--user", "B", "--item", "i1", "--top", "2"} << 2;
    QTest::newRow("unknown method") << QStringList{"--user", "B", "--top", "2", "--method", "lime"} << 2;
    QTest::newRow("unknown user") << QStringList{"--user", "Z", "--top", "2"} << 3;
    QTest::newRow("unknown item") << QStringList{"--user", "B", "--item", "nope"} << 3;
    QTest::newRow("graph with faithfulness")
        << QStringList{"--user", "B", "--top", "2", "--graph", "--faithfulness", "2"} << 2;
    QTest::newRow("graph with curves")
        << QStringList{"--user", "B", "--item", "i1", "--graph", "--curves"} << 2;
    QTest::newRow("curves options without curves")
        << QStringList{"--user", "B", "--item", "i1", "--curves-random", "3"} << 2;
    QTest::newRow("no random order") << QStringList{"--user",          "B", "--item", "i1", "--curves",
                                                    "--curves-random", "0"}
                                     << 2;
    QTest::newRow("versus an unknown item")
        << QStringList{"--user", "B", "--item", "i1", "--versus", "nope"} << 3;
    QTest::newRow("versus others with one item")
        << QStringList{"--user", "B", "--item", "i1", "--versus-others"} << 2;
    QTest::newRow("both comparisons")
        << QStringList{"--user", "B", "--top", "2", "--versus", "i1", "--versus-others"} << 2;
    QTest::newRow("versus-auto with versus-others")
        << QStringList{"--user", "B", "--top", "2", "--versus-auto", "--versus-others"} << 2;
    QTest::newRow("group without the average baseline")
        << QStringList{"--user", "B", "--top", "2", "--background-group", "region"} << 2;
    QTest::newRow("group of an unknown field")
        << QStringList{"--user", "B", "--top", "2", "--baseline", "average", "--background-group", "age"}
        << 2;
    QTest::newRow("graph with one node")
        << QStringList{"--user", "B", "--top", "2", "--graph", "--max-nodes", "1"} << 2;
  }
  void errors() {
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    const auto r = cli(QStringList{"explain", "--project", m_project} + args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY(r.err.startsWith("reclens-cli: error:"));
    QCOMPARE(r.err.count('\n'), 1);
  }
};

QTEST_GUILESS_MAIN(TestCliExplain)
#include "tst_cliexplain.moc"
