// The average user on the Explanation and Recommendations pages: the baseline choice, the common and
// personal parts of each score, the distinctive "Why" and the collapse warning, each checked against
// numbers computed here another way (the scoring engine's user vectors and scores, the attributions'
// cosines worked out in the test).
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "engine/scoringengine.h"
#include "explain/background.h"
#include "explain/collapse.h"
#include "explanation/attributionheatmap.h"
#include "explanation/explanationcontrols.h"
#include "explanation/explanationdetail.h"
#include "explanation/explanationpage.h"
#include "explanation/reasonline.h"
#include "recommendations/recommendationmodel.h"
#include "recommendations/recommendationspage.h"
#include "services/explanationservice.h"
#include "services/modelsession.h"
#include "ui/explanationwait.h"
#include "ui/testmodel.h"
#include "ui/testsession.h"

using namespace reclens;
using reclens::testing::waitForExplanation;

class TestExplanationBaseline : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  std::shared_ptr<const ModelSession> m_session;
  std::vector<std::int32_t> m_list;  // the top 20 of user 0
  std::vector<float> m_meanScores;   // every item's score for ū, the mean of the engine's user vectors
  static constexpr int kTimeoutMs = 30000;

  static ComputeDevice cpu() { return {ComputeDevice::Kind::Cpu, 0, "CPU (test)"}; }

  static void saveScreenshot(QWidget* widget, const QString& name) {
    const QString dir = QStringLiteral(RECLENS_SCREENSHOT_DIR);
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
  }

  // Mean pairwise cosine of the user-side attribution vectors (history, then user fields).
  static double meanCosine(const Explanation& e) {
    std::vector<std::vector<double>> rows;
    for (const auto& item : e.items) {
      std::vector<double> row;
      for (const auto& f : item.fields)
        if (f.kind != FieldKind::ItemPart) row.push_back(f.attribution);
      rows.push_back(std::move(row));
    }
    double sum = 0.0;
    int pairs = 0;
    for (std::size_t a = 0; a < rows.size(); ++a) {
      for (std::size_t b = a + 1; b < rows.size(); ++b) {
        double dot = 0.0, na = 0.0, nb = 0.0;
        for (std::size_t l = 0; l < rows[a].size(); ++l) {
          dot += rows[a][l] * rows[b][l];
          na += rows[a][l] * rows[a][l];
          nb += rows[b][l] * rows[b][l];
        }
        if (na > 0.0 && nb > 0.0) {
          sum += dot / std::sqrt(na * nb);
          ++pairs;
        }
      }
    }
    return pairs > 0 ? sum / pairs : NAN;
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    auto loaded = testing::loadTinySession(m_dir.filePath(QStringLiteral("tiny.reclens")));
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
    m_snapshot = loaded.value().snapshot;
    m_session = loaded.value().session;
    ScoringEngine engine(m_session->model());
    auto list = engine.recommend(m_session->profiles().profile(0), 20, {});
    QVERIFY2(list.ok(), list.ok() ? "" : list.error().message.c_str());
    for (const auto& r : list.value()) m_list.push_back(r.item);
    // ū from the scoring engine, user by user; its scores are the common parts.
    std::vector<double> mean(static_cast<std::size_t>(engine.dim()), 0.0);
    const auto users = m_session->profiles().users();
    for (std::size_t u = 0; u < users; ++u) {
      auto v = engine.userVector(m_session->profiles().profile(static_cast<std::int32_t>(u)));
      QVERIFY2(v.ok(), v.ok() ? "" : v.error().message.c_str());
      for (std::size_t d = 0; d < mean.size(); ++d) mean[d] += v.value()[d] / double(users);
    }
    auto scores = engine.scores(std::vector<float>(mean.begin(), mean.end()));
    QVERIFY2(scores.ok(), scores.ok() ? "" : scores.error().message.c_str());
    m_meanScores = scores.value();
  }

  void theBackgroundIsComputedOnceAndShared() {
    auto first = m_session->userBackground();
    QVERIFY2(first.ok(), first.ok() ? "" : first.error().message.c_str());
    auto second = m_session->userBackground();
    QVERIFY(second.ok());
    QCOMPARE(second.value().get(), first.value().get());
    QCOMPARE(first.value()->users, m_session->profiles().users());
  }

  void offersTheBaselinesWithWhatTheyAnswer() {
    ExplanationControls controls;
    QComboBox* box = controls.baselineBox();
    QCOMPARE(box->count(), 4);
    QCOMPARE(box->currentData().toInt(), int(AttributionBaseline::Zero));
    for (int i = 0; i < box->count(); ++i)
      QVERIFY(box->itemData(i, Qt::ToolTipRole).toString().contains(QStringLiteral("compared with")));
    QVERIFY(box->itemData(box->findData(int(AttributionBaseline::AverageUser)), Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("rather than a typical user")));
    QSignalSpy changed(&controls, &ExplanationControls::changed);
    controls.setBaseline(AttributionBaseline::AverageUser);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(controls.options().baseline, AttributionBaseline::AverageUser);
    // Gradient × Input has no baseline to choose.
    controls.setMethod(AttributionMethod::GradientTimesInput);
    QVERIFY(!box->isEnabled());
    controls.setMethod(AttributionMethod::Shapley);
    QVERIFY(box->isEnabled());
  }

  // "The average user of their <field>": offered per user field, and the page's baseline is the average
  // of exactly the users who share the explained user's value.
  void explainsAgainstTheAverageUserOfTheirGroup() {
    const auto& users = m_snapshot->dataset().users;
    if (users.fields.empty()) QSKIP("the tiny project has no user field");
    ExplanationPage page;
    page.resize(1430, 950);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy shown(&page, &ExplanationPage::explanationShown);
    page.controls()->setContrast(ExplanationContrast::None);
    page.showList(m_session, 0, m_list);
    waitForExplanation(page, shown);
    QComboBox* box = page.controls()->baselineBox();
    QCOMPARE(box->count(), 4 + int(users.fields.size()));
    QVERIFY(box->itemText(4).startsWith(QStringLiteral("Average user of their ")));
    shown.clear();
    page.controls()->setBackgroundGroup(0);
    QCOMPARE(page.controls()->backgroundGroupField(), 0);
    QCOMPARE(page.controls()->options().baseline, AttributionBaseline::AverageUser);
    waitForExplanation(page, shown);
    const auto members = usersSharingValue(users, 0, 0);
    auto group = computeUserBackground(*m_session->model(), members.size(), [&](std::size_t i) {
      return m_session->profiles().profile(members[i]);
    });
    QVERIFY(group.ok());
    QCOMPARE(group->users, members.size());
    AttributionOptions options;
    options.baseline = AttributionBaseline::AverageUser;
    options.background = std::make_shared<const UserBackground>(group.value());
    const auto& e = page.heatmap()->explanation();
    auto expected =
        explainItems(*m_session->model(), m_session->profiles().profile(0), page.explainedItems(), options);
    QVERIFY(expected.ok());
    for (std::size_t k = 0; k < e.items.size(); ++k)
      QVERIFY(std::abs(e.items[k].baselineOutput - expected->items[k].baselineOutput) <=
              1e-6 * (1.0 + std::abs(e.items[k].output)));
    QVERIFY(page.findChild<QLabel*>(QStringLiteral("timing"))
                ->text()
                .contains(QStringLiteral("average-user baseline (%1 users)").arg(members.size())));
  }

  void explainsAgainstTheAverageUser() {
    ExplanationPage page;
    page.resize(1430, 950);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy shown(&page, &ExplanationPage::explanationShown);
    // The whole scores: what the baselines and the score parts are about.
    page.controls()->setContrast(ExplanationContrast::None);
    page.showList(m_session, 0, m_list);
    waitForExplanation(page, shown);
    const auto zero = page.heatmap()->explanation();
    QCOMPARE(zero.options.baseline, AttributionBaseline::Zero);

    shown.clear();
    page.controls()->setBaseline(AttributionBaseline::AverageUser);
    waitForExplanation(page, shown);
    const auto& average = page.heatmap()->explanation();
    QCOMPARE(average.options.baseline, AttributionBaseline::AverageUser);
    QVERIFY(
        page.findChild<QLabel*>(QStringLiteral("timing"))
            ->text()
            .contains(QStringLiteral("average-user baseline (%1 users)").arg(m_session->profiles().users())));
    QCOMPARE(average.items.size(), std::size_t(ExplanationControls::kDefaultRows));
    for (std::size_t k = 0; k < average.items.size(); ++k) {
      const auto& item = average.items[k];
      // The same score as with the zero baseline, another reference score, and attributions that add
      // up to the difference; item parts keep the item's own values and so get nothing.
      QVERIFY(std::abs(item.output - zero.items[k].output) <= 1e-5 * (1.0 + std::abs(item.output)));
      QVERIFY(std::abs(item.baselineOutput - zero.items[k].baselineOutput) > 1e-6);
      double sum = 0.0;
      for (const auto& f : item.fields) {
        sum += f.attribution;
        if (f.kind == FieldKind::ItemPart) QVERIFY(std::abs(f.attribution) < 1e-9);
      }
      QVERIFY2(
          std::abs(sum - (item.output - item.baselineOutput)) <=
              0.01 * std::abs(item.output - item.baselineOutput) + 1e-6,
          qPrintable(
              QStringLiteral("item %1: %2 vs %3").arg(k).arg(sum).arg(item.output - item.baselineOutput)));
    }
    saveScreenshot(&page, QStringLiteral("page-explanation-average-user.png"));
    // The detail panel names the baseline and the parts of the selected item's score.
    const QString detail = page.detailLabel()->text();
    QVERIFY2(detail.contains(QStringLiteral("average-user baseline")), qPrintable(detail));
    QVERIFY(detail.contains(QStringLiteral("Common part")) &&
            detail.contains(QStringLiteral("Personal part")));
    // The parts of each score: common = ū·v from the engine, common + personal = the score.
    QCOMPARE(page.scoreSplit().size(), average.items.size());
    for (std::size_t k = 0; k < average.items.size(); ++k) {
      const auto& s = page.scoreSplit()[k];
      const double expected = m_meanScores[static_cast<std::size_t>(m_list[k])];
      QVERIFY2(std::abs(s.common - expected) <= 1e-4 * (1.0 + std::abs(expected)),
               qPrintable(QStringLiteral("%1 vs %2").arg(s.common).arg(expected)));
      QVERIFY(std::abs(s.common + s.personal - average.items[k].output) <= 1e-4 * (1.0 + std::abs(s.score)));
    }
  }

  void warnsWhenTheExplanationsCollapse() {
    ExplanationPage page;
    page.resize(1430, 950);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy shown(&page, &ExplanationPage::explanationShown);
    // The whole scores: what the baselines and the score parts are about.
    page.controls()->setContrast(ExplanationContrast::None);
    page.showList(m_session, 0, m_list);
    waitForExplanation(page, shown);
    // The diagnostic worked out here: the attributions' mean cosine and the engine's common share.
    const auto& e = page.heatmap()->explanation();
    double common = 0.0, personal = 0.0;
    for (const auto& item : e.items) {
      const double c = m_meanScores[static_cast<std::size_t>(item.item)];
      common += std::abs(c);
      personal += std::abs(item.output - c);
    }
    const double share = common / (common + personal);
    const double cosine = meanCosine(e);
    QVERIFY(std::abs(page.collapse().commonShare - share) < 1e-3);
    QVERIFY(std::abs(page.collapse().meanCosine - cosine) < 1e-6);
    const bool collapsed = share >= kCollapseCommonShare || cosine >= kCollapseCosine;
    QCOMPARE(page.collapseLabel()->isVisible(), collapsed);
    if (collapsed) {
      const QString text = page.collapseLabel()->text();
      QVERIFY2(text.contains(QStringLiteral("href=\"average\"")), qPrintable(text));
      if (share >= kCollapseCommonShare) {
        QVERIFY(text.contains(QStringLiteral("dominated by a direction shared by all users")));
        QVERIFY(text.contains(QLocale().toString(100.0 * share, 'f', 0) + QStringLiteral(" %")));
      }
    }
    // The link switches to the average user (and to Integrated Gradients when needed).
    page.controls()->setMethod(AttributionMethod::GradientTimesInput);
    waitForExplanation(page, shown);
    shown.clear();
    Q_EMIT page.collapseLabel()->linkActivated(QStringLiteral("average"));
    waitForExplanation(page, shown);
    QCOMPARE(page.heatmap()->explanation().options.method, AttributionMethod::IntegratedGradients);
    QCOMPARE(page.heatmap()->explanation().options.baseline, AttributionBaseline::AverageUser);
    QSignalSpy personalView(&page, &ExplanationPage::personalViewRequested);
    Q_EMIT page.collapseLabel()->linkActivated(QStringLiteral("personal"));
    QCOMPARE(personalView.count(), 1);
  }

  void theMethodTextNamesTheBaseline_data() {
    QTest::addColumn<int>("method");
    QTest::addColumn<int>("baseline");
    QTest::addColumn<int>("backgroundUsers");  // -1: no background
    QTest::addColumn<QString>("text");
    const int ig = int(AttributionMethod::IntegratedGradients);
    QTest::newRow("zero") << ig << int(AttributionBaseline::Zero) << -1
                          << QStringLiteral("Integrated Gradients, 32 steps (midpoint rule), zero baseline");
    QTest::newRow("missing") << ig << int(AttributionBaseline::MissingFields) << -1
                             << QStringLiteral(
                                    "Integrated Gradients, 32 steps (midpoint rule), missing-field baseline");
    QTest::newRow("average")
        << ig << int(AttributionBaseline::AverageUser) << 200
        << QStringLiteral(
               "Integrated Gradients, 32 steps (midpoint rule), average-user baseline (200 users)");
    QTest::newRow("average, not computed")
        << ig << int(AttributionBaseline::AverageUser) << -1
        << QStringLiteral("Integrated Gradients, 32 steps (midpoint rule), average-user baseline");
    QTest::newRow("shapley")
        << int(AttributionMethod::Shapley) << int(AttributionBaseline::AverageUser) << 3
        << QStringLiteral("Shapley (sampled), 64 permutations (seed 1), average-user baseline (3 users)");
    QTest::newRow("gradient x input")
        << int(AttributionMethod::GradientTimesInput) << int(AttributionBaseline::AverageUser) << 200
        << QStringLiteral("Gradient × Input");
  }

  void theMethodTextNamesTheBaseline() {
    QFETCH(int, method);
    QFETCH(int, baseline);
    QFETCH(int, backgroundUsers);
    QFETCH(QString, text);
    QLocale::setDefault(QLocale::c());
    AttributionOptions options;
    options.method = static_cast<AttributionMethod>(method);
    options.baseline = static_cast<AttributionBaseline>(baseline);
    if (backgroundUsers >= 0) {
      auto background = std::make_shared<UserBackground>();
      background->users = static_cast<std::size_t>(backgroundUsers);
      options.background = background;
    }
    QCOMPARE(ExplanationDetail::methodText(options), text);
  }

  void describesTheCollapseInWords_data() {
    QTest::addColumn<double>("cosine");
    QTest::addColumn<double>("share");
    QTest::addColumn<int>("baseline");
    QTest::addColumn<QString>("contains");
    QTest::addColumn<QString>("lacks");
    QTest::newRow("quiet") << 0.5 << 0.3 << int(AttributionBaseline::Zero) << QString() << QString();
    QTest::newRow("common part") << 0.95 << 0.73 << int(AttributionBaseline::Zero)
                                 << QStringLiteral("73 % of them is what every user gets") << QString();
    QTest::newRow("one story") << 0.97 << 0.2 << int(AttributionBaseline::Zero)
                               << QStringLiteral("tell one story") << QStringLiteral("dominated");
    QTest::newRow("in the model") << 0.98 << 0.73 << int(AttributionBaseline::AverageUser)
                                  << QStringLiteral("the collapse is in the model")
                                  << QStringLiteral("href=\"average\"");
    QTest::newRow("personal differs")
        << 0.4 << 0.73 << int(AttributionBaseline::AverageUser) << QStringLiteral("differs from item to item")
        << QStringLiteral("href=\"average\"");
  }

  void describesTheCollapseInWords() {
    QFETCH(double, cosine);
    QFETCH(double, share);
    QFETCH(int, baseline);
    QFETCH(QString, contains);
    QFETCH(QString, lacks);
    QLocale::setDefault(QLocale::c());
    CollapseDiagnostic d;
    d.items = 10;
    d.meanCosine = cosine;
    d.commonShare = share;
    d.collapsed = cosine >= kCollapseCosine || share >= kCollapseCommonShare;
    const QString text = ExplanationDetail::collapseHtml(d, static_cast<AttributionBaseline>(baseline));
    QCOMPARE(text.isEmpty(), !d.collapsed);
    if (!contains.isEmpty()) QVERIFY2(text.contains(contains), qPrintable(text));
    if (!lacks.isEmpty()) QVERIFY2(!text.contains(lacks), qPrintable(text));
    if (d.collapsed) QVERIFY(text.contains(QStringLiteral("href=\"personal\"")));
  }

  void recommendationsShowTheCommonAndPersonalParts() {
    RecommendationsPage page(cpu());
    page.resize(1280, 700);
    QSignalSpy loaded(&page, &RecommendationsPage::modelLoaded);
    page.setSnapshot(m_snapshot);
    QVERIFY(loaded.wait(kTimeoutMs));
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    RecommendationModel* model = page.recommendations();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto cell = [model](int row, int column, int role = Qt::DisplayRole) {
      return model->data(model->index(row, column), role);
    };
    QTRY_VERIFY_WITH_TIMEOUT(
        model->rowCount() > 0 &&
            cell(0, RecommendationModel::PersonalColumn, RecommendationModel::kSortRole).isValid(),
        kTimeoutMs);
    QCOMPARE(model->headerData(RecommendationModel::CommonColumn, Qt::Horizontal).toString(),
             QStringLiteral("Common"));
    QCOMPARE(model->headerData(RecommendationModel::PersonalColumn, Qt::Horizontal).toString(),
             QStringLiteral("Personal"));
    QVERIFY(model->headerData(RecommendationModel::PersonalColumn, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("this user's own")));
    const int user = page.currentUser();
    for (int row = 0; row < model->rowCount(); ++row) {
      const double score =
          cell(row, RecommendationModel::ScoreColumn, RecommendationModel::kSortRole).toDouble();
      const double common =
          cell(row, RecommendationModel::CommonColumn, RecommendationModel::kSortRole).toDouble();
      const double personal =
          cell(row, RecommendationModel::PersonalColumn, RecommendationModel::kSortRole).toDouble();
      const double expected = m_meanScores[static_cast<std::size_t>(model->itemAt(row))];
      QVERIFY2(std::abs(common - expected) <= 1e-4 * (1.0 + std::abs(expected)),
               qPrintable(QStringLiteral("row %1: %2 vs %3").arg(row).arg(common).arg(expected)));
      QVERIFY(std::abs(common + personal - score) <= 1e-4 * (1.0 + std::abs(score)));
      QVERIFY(cell(row, RecommendationModel::PersonalColumn, Qt::ToolTipRole)
                  .toString()
                  .contains(QStringLiteral("personal part")));
    }

    // The "Why" column explains the personal part (Integrated Gradients against the average user): the
    // distinctive reason when the list's explanation names one.
    auto background = m_session->userBackground();
    QVERIFY(background.ok());
    AttributionOptions personal;
    personal.baseline = AttributionBaseline::AverageUser;
    personal.background = background.value();
    auto explained = explainItems(*m_session->model(), m_session->profiles().profile(user), model->items(),
                                  personal, &m_session->snapshot().dataset().items);
    QVERIFY2(explained.ok(), explained.ok() ? "" : explained.error().message.c_str());
    QTRY_VERIFY_WITH_TIMEOUT(!cell(0, RecommendationModel::ReasonColumn).toString().isEmpty(), kTimeoutMs);
    for (int row = 0; row < model->rowCount(); ++row) {
      const auto& parts = explained.value().items[static_cast<std::size_t>(row)].reason;
      const QString why = cell(row, RecommendationModel::ReasonColumn).toString();
      if (parts.distinctiveTitles.empty()) {
        QVERIFY2(!why.startsWith(QStringLiteral("Rests on")), qPrintable(why));
      } else {
        QVERIFY2(why.startsWith(QStringLiteral("Rests on “") +
                                QString::fromStdString(parts.distinctiveTitles.front())),
                 qPrintable(why));
        QVERIFY(cell(row, RecommendationModel::ReasonColumn, Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("Unlike your other recommendations")));
      }
    }

    // Sorted by the personal part, largest first; a click on the Common header sorts by that.
    page.sortByPersonalPart();
    QSortFilterProxyModel* sorted = page.sortedRecommendations();
    QCOMPARE(page.table()->model(), sorted);
    saveScreenshot(&page, QStringLiteral("page-recommendations-by-personal-part.png"));
    const auto shown = [sorted](int row, int column) {
      return sorted->data(sorted->index(row, column), RecommendationModel::kSortRole).toDouble();
    };
    for (int row = 1; row < sorted->rowCount(); ++row)
      QVERIFY(shown(row - 1, RecommendationModel::PersonalColumn) >=
              shown(row, RecommendationModel::PersonalColumn));
    QHeaderView* header = page.table()->horizontalHeader();
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                      QPoint(header->sectionViewportPosition(RecommendationModel::CommonColumn) +
                                 header->sectionSize(RecommendationModel::CommonColumn) / 2,
                             header->height() / 2));
    QCOMPARE(header->sortIndicatorSection(), int(RecommendationModel::CommonColumn));
    const bool ascending = header->sortIndicatorOrder() == Qt::AscendingOrder;
    for (int row = 1; row < sorted->rowCount(); ++row) {
      const double a = shown(row - 1, RecommendationModel::CommonColumn);
      const double b = shown(row, RecommendationModel::CommonColumn);
      QVERIFY(ascending ? a <= b : a >= b);
    }
  }
};

QTEST_MAIN(TestExplanationBaseline)
#include "tst_explanationbaseline.moc"
