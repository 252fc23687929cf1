// Opening a project loads its newest model on the Recommendations page: only without asking when the
// file lies in the project's folder and hashes to the registered SHA-256; and always from a private copy
// of the bytes that were hashed.
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "common/sha256.h"
#include "recommendations/recommendationspage.h"
#include "services/modelsession.h"
#include "store/projectstore.h"
#include "ui/testmodel.h"

using namespace reclens;

class TestModelTrustPrompt : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  QString m_project;
  ProjectStore::ModelRecord m_record;  // as registered by the tiny project (relative path)
  QStringList m_questions;             // every question the page asked
  bool m_answer = false;
  static constexpr int kTimeoutMs = 60000;

  static ComputeDevice cpu() { return {ComputeDevice::Kind::Cpu, 0, "CPU (test)"}; }

  // Registers `record` again (same name: it replaces the row) and gives a fresh snapshot of the project.
  std::shared_ptr<const DatasetSnapshot> reregister(const ProjectStore::ModelRecord& record) {
    auto store = ProjectStore::open(m_project.toStdString(), ProjectStore::Mode::ReadWrite);
    if (!store || !store.value()->registerModel(record).ok()) return nullptr;
    auto dataset = store.value()->loadDataset();
    if (!dataset) return nullptr;
    auto snapshot = DatasetSnapshot::build(std::move(dataset).value(), m_project.toStdString());
    return snapshot ? snapshot.value() : nullptr;
  }

  // Records each question and answers it with m_answer.
  ModelConfirmation answerer() {
    return [this](const QString& question) {
      m_questions << question;
      return m_answer;
    };
  }

  // Shows `snapshot` on `page`: 1 when a model loaded, 0 when the page reported that it did not, -1 when
  // it did neither in time.
  int open(RecommendationsPage& page, std::shared_ptr<const DatasetSnapshot> snapshot) {
    QSignalSpy loaded(&page, &RecommendationsPage::modelLoaded);
    QSignalSpy failed(&page, &RecommendationsPage::modelFailed);
    page.setSnapshot(std::move(snapshot));
    if (!QTest::qWaitFor([&] { return loaded.count() + failed.count() > 0; }, kTimeoutMs)) {
      return -1;
    }
    return loaded.count() > 0 ? 1 : 0;
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_project = m_dir.filePath("tiny.reclens");
    auto snapshot = testing::tinyProject(m_project, "bpr-test");
    QVERIFY2(snapshot.ok(), snapshot.ok() ? "" : snapshot.error().message.c_str());
    auto store = ProjectStore::open(m_project.toStdString(), ProjectStore::Mode::ReadOnly);
    QVERIFY(store.ok());
    auto models = store.value()->models();
    QVERIFY(models.ok() && models.value().size() == 1);
    m_record = models.value().front();
    QVERIFY(!m_record.sha256.empty());
  }

  void init() {
    m_questions.clear();
    m_answer = false;
  }

  // The registered model in the folder loads without a question, from a private copy of its bytes.
  void trustedModelLoadsWithoutAsking() {
    RecommendationsPage page(cpu());
    page.setModelConfirmation(answerer());
    QCOMPARE(open(page, reregister(m_record)), 1);
    QVERIFY(m_questions.isEmpty());
    const auto& session = *page.session();
    const QString original = QDir(m_dir.path()).filePath(QString::fromStdString(m_record.path));
    QCOMPARE(QString::fromStdString(session.sourcePath()), QDir::cleanPath(original));
    QVERIFY(session.model()->path() != session.sourcePath());
    auto copyHash = sha256File(session.model()->path());
    QVERIFY(copyHash.ok());
    QCOMPARE(copyHash.value(), m_record.sha256);
  }

  // The registered hash is not the file's: asked; No leaves no model, Yes loads it.
  void swappedModelIsAskedAbout() {
    auto swapped = m_record;
    swapped.sha256 = sha256Hex("the bytes that were registered");
    RecommendationsPage page(cpu());
    page.setModelConfirmation(answerer());
    QCOMPARE(open(page, reregister(swapped)), 0);
    QCOMPARE(m_questions.size(), 1);
    QVERIFY2(m_questions[0].contains("changed since it was registered"), qPrintable(m_questions[0]));
    QVERIFY(!page.session());
    QVERIFY2(page.messageLabel()->text().contains("was not loaded"), qPrintable(page.messageLabel()->text()));
    m_answer = true;
    QCOMPARE(open(page, reregister(swapped)), 1);
    QCOMPARE(m_questions.size(), 2);
    QVERIFY(page.session());
    QCOMPARE(sha256File(page.session()->model()->path()).value(), m_record.sha256);
  }

  // The right bytes in another folder: asked.
  void modelOutsideTheFolderIsAskedAbout() {
    QTemporaryDir elsewhere;
    QVERIFY(elsewhere.isValid());
    const QString original = QDir(m_dir.path()).filePath(QString::fromStdString(m_record.path));
    const QString moved = elsewhere.filePath("model.pt");
    QVERIFY(QFile::copy(original, moved));
    auto outside = m_record;
    outside.path = moved.toStdString();
    RecommendationsPage page(cpu());
    page.setModelConfirmation(answerer());
    QCOMPARE(open(page, reregister(outside)), 0);
    QCOMPARE(m_questions.size(), 1);
    QVERIFY2(m_questions[0].contains("outside the project's folder"), qPrintable(m_questions[0]));
    QVERIFY(!page.session());
  }

  // A Yes is for the bytes the user was asked about: other bytes at the same path are not loaded on it.
  void confirmationCoversOnlyTheBytesAskedAbout() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString original = QDir(m_dir.path()).filePath(QString::fromStdString(m_record.path));
    auto outside = m_record;
    outside.path = dir.filePath("model.pt").toStdString();
    QVERIFY(QFile::copy(original, dir.filePath("model.pt")));
    auto snapshot = reregister(outside);
    QVERIFY(snapshot);
    auto first = ModelSession::loadIfTrusted(snapshot, outside, cpu());
    QVERIFY2(first.ok(), first.ok() ? "" : first.error().message.c_str());
    QVERIFY(!first->session);
    QCOMPARE(first->trust.sha256, m_record.sha256);
    // Swapped after the question: the confirmed hash no longer matches, so it is asked about again.
    QFile file(dir.filePath("model.pt"));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("not the model the user agreed to");
    file.close();
    auto second = ModelSession::loadIfTrusted(snapshot, outside, cpu(), first->trust.sha256);
    QVERIFY(second.ok());
    QVERIFY(!second->session);
    QCOMPARE(second->trust.sha256, sha256Hex("not the model the user agreed to"));
    // Without a way to ask, load() refuses with the reason.
    auto refused = ModelSession::load(snapshot, outside, cpu());
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message.find("outside the project's folder") != std::string::npos,
             refused.error().message.c_str());
  }
};

QTEST_MAIN(TestModelTrustPrompt)
#include "tst_modeltrustprompt.moc"
