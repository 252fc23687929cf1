// A full disk or a read-only location must give a clear error from import and save, and the project
// saved before must still open intact. The disk is "filled" with a file size limit (RLIMIT_FSIZE) in a
// forked child, which needs no root rights and no special file system.
#include <QTemporaryDir>
#include <QtTest>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>

#include "data/generator.h"
#include "data/importer.h"
#include "store/projectstore.h"

using namespace reclens;

namespace {

struct ChildResult {
  bool ran = false;
  ErrorCode code = ErrorCode::Internal;
  bool failed = false;
  std::string message;
};

// Runs `work` in a forked child whose files may not grow beyond `maxFileBytes`; the child reports the
// error it got (if any) through a pipe.
ChildResult runWithFileSizeLimit(std::uint64_t maxFileBytes, const std::function<Status()>& work) {
  int fds[2];
  if (pipe(fds) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    std::signal(SIGXFSZ, SIG_IGN);  // writes past the limit then fail with EFBIG instead of killing us
    const rlimit limit{maxFileBytes, maxFileBytes};
    setrlimit(RLIMIT_FSIZE, &limit);
    const Status s = work();
    std::string out = s.ok() ? std::string("ok")
                             : std::to_string(static_cast<int>(s.error().code)) + " " + s.error().message;
    const auto written = write(fds[1], out.data(), out.size());
    _exit(written == static_cast<ssize_t>(out.size()) ? 0 : 1);
  }
  close(fds[1]);
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;)
    text.append(buffer, static_cast<std::size_t>(n));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  ChildResult r;
  r.ran = WIFEXITED(status) && WEXITSTATUS(status) == 0 && !text.empty();
  if (r.ran && text != "ok") {
    r.failed = true;
    const auto space = text.find(' ');
    r.code = static_cast<ErrorCode>(std::stoi(text.substr(0, space)));
    r.message = text.substr(space + 1);
  }
  return r;
}

GeneratorConfig world(std::int64_t items, std::int64_t users, std::int64_t interactions) {
  GeneratorConfig c;
  c.seed = 5;
  c.items = items;
  c.users = users;
  c.interactions = interactions;
  return c;
}

}  // namespace

class TestDiskFull : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;
  std::string m_project;
  ProjectStore::Counts m_counts;
  std::string m_fingerprint;

  // The project must open and hold exactly what was saved before the failed write.
  void verifyProjectIntact() {
    auto store = ProjectStore::open(m_project, ProjectStore::Mode::ReadOnly);
    QVERIFY2(store.ok(), store.ok() ? "" : store.error().message.c_str());
    auto counts = store.value()->counts();
    QVERIFY(counts.ok());
    QCOMPARE(counts.value().interactions, m_counts.interactions);
    QCOMPARE(counts.value().items, m_counts.items);
    QCOMPARE(counts.value().users, m_counts.users);
    auto dataset = store.value()->loadDataset();
    QVERIFY(dataset.ok());
    QCOMPARE(catalogFingerprint(dataset.value().items), m_fingerprint);
  }

  std::uint64_t projectBytes() const { return std::filesystem::file_size(m_project); }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_project = m_dir.filePath("shop.reclens").toStdString();
    auto store = ProjectStore::open(m_project, ProjectStore::Mode::Create);
    QVERIFY(store.ok());
    QVERIFY(generateProject(world(300, 200, 3000), *store.value()).ok());
    m_counts = store.value()->counts().value();
    m_fingerprint = catalogFingerprint(store.value()->loadDataset().value().items);
    // An interactions file far larger than the room left under the limit below.
    std::ofstream csv(m_dir.filePath("interactions.csv").toStdString());
    csv << "user,item,time\n";
    for (int i = 0; i < 40000; ++i) csv << 'u' << i % 700 << ",i" << i % 900 << ',' << 1600000000 + i << '\n';
  }

  void saveOnAFullDiskFailsAndKeepsTheProject() {
    const auto project = m_project;
    const auto r = runWithFileSizeLimit(projectBytes() + 16 * 1024, [project] {
      auto store = ProjectStore::open(project, ProjectStore::Mode::ReadWrite);
      if (!store) return Status(store.error());
      auto summary = generateProject(world(2000, 1000, 40000), *store.value());
      return summary ? Status::success() : Status(summary.error());
    });
    QVERIFY2(r.ran, "the child did not report");
    QVERIFY2(r.failed, "saving must fail when the file cannot grow");
    QCOMPARE(r.code, ErrorCode::Io);
    QVERIFY2(QString::fromStdString(r.message).contains("full"), r.message.c_str());
    QVERIFY2(r.message.rfind(m_project, 0) == 0, "the message must name the project");
    verifyProjectIntact();
  }

  void importOnAFullDiskFailsAndKeepsTheProject() {
    const auto project = m_project;
    const auto csv = m_dir.filePath("interactions.csv").toStdString();
    const auto r = runWithFileSizeLimit(projectBytes() + 16 * 1024, [project, csv] {
      auto store = ProjectStore::open(project, ProjectStore::Mode::ReadWrite);
      if (!store) return Status(store.error());
      ImportMapping m;
      m.datasetName = "big";
      m.interactions.path = csv;
      m.interactions.userColumn = "user";
      m.interactions.itemColumn = "item";
      m.interactions.timestampColumn = "time";
      auto report = runImport(m, *store.value());
      return report ? Status::success() : Status(report.error());
    });
    QVERIFY2(r.ran, "the child did not report");
    QVERIFY2(r.failed, "the import must fail when the file cannot grow");
    QCOMPARE(r.code, ErrorCode::Io);
    QVERIFY2(QString::fromStdString(r.message).contains("full"), r.message.c_str());
    verifyProjectIntact();
  }

  void readOnlyProjectRefusesWritesAndStaysIntact() {
    if (geteuid() == 0) QSKIP("file permissions do not bind root");
    const QString copy = m_dir.filePath("readonly.reclens");
    QVERIFY(QFile::copy(QString::fromStdString(m_project), copy));
    QVERIFY(QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::ReadGroup));
    auto store = ProjectStore::open(copy.toStdString(), ProjectStore::Mode::ReadWrite);
    std::string message = store ? std::string() : store.error().message;
    if (store) {
      auto written = generateProject(world(300, 200, 3000), *store.value());
      QVERIFY2(!written.ok(), "writing to a read-only project must fail");
      message = written.error().message;
    }
    QVERIFY2(message.rfind(copy.toStdString(), 0) == 0, message.c_str());
    auto again = ProjectStore::open(copy.toStdString(), ProjectStore::Mode::ReadOnly);
    QVERIFY(again.ok());
    QCOMPARE(again.value()->counts().value().interactions, m_counts.interactions);
  }

  void projectInAnUnwritableFolderGivesAClearError() {
    // /proc accepts no new files, not even from root.
    const std::string path = "/proc/reclens-test-project.reclens";
    auto store = ProjectStore::open(path, ProjectStore::Mode::Create);
    QVERIFY(!store.ok());
    QCOMPARE(store.error().code, ErrorCode::Io);
    QVERIFY2(store.error().message.rfind(path, 0) == 0, store.error().message.c_str());
  }
};

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_diskfull.moc"
