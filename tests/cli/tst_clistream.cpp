#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <SQLiteCpp/Database.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cli/clirun.h"
#include "store/projectstore.h"

using namespace reclens;
using namespace reclens::test;

namespace {

// The n-th event of the follow tests: a new user and item every few events, known ones otherwise.
struct Ev {
  QString user;
  QString item;
  qint64 ts;
};
Ev eventAt(int n, const Dataset& d) {
  const auto known = [](const std::vector<std::string>& ids, int k) {
    return QString::fromStdString(ids[static_cast<std::size_t>(k) % ids.size()]);
  };
  Ev e;
  e.user = n % 4 == 0 ? QStringLiteral("su%1").arg(n % 37) : known(d.users.ids, n * 7);
  e.item = n % 3 == 0 ? QStringLiteral("si%1").arg(n % 53) : known(d.items.ids, n * 11);
  e.ts = 1700000000 + n;
  return e;
}
QByteArray csvLine(const Ev& e) {
  return QStringLiteral("%1,%2,%3,view,1\n").arg(e.user, e.item).arg(e.ts).toUtf8();
}

// Sends `bytes` in one connection to 127.0.0.1:`port` and closes it.
bool sendTo(int port, const QByteArray& bytes) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                  ::send(fd, bytes.constData(), static_cast<std::size_t>(bytes.size()), 0) == bytes.size();
  if (fd >= 0) ::close(fd);
  return ok;
}

bool appendTo(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  if (!f.open(QIODevice::Append)) return false;
  return f.write(bytes) == bytes.size() && f.flush();
}

// Reads the stream's stderr until it reports at least `n` committed events (or the time runs out);
// returns the last count seen, -1 when none.
qint64 waitForCommitted(QProcess& p, QByteArray& err, qint64 n, int timeoutMs) {
  static const QRegularExpression kCommitted(QStringLiteral("stream: committed (\\d+) events"));
  QElapsedTimer timer;
  timer.start();
  qint64 last = -1;
  while (true) {
    err += p.readAllStandardError();
    auto it = kCommitted.globalMatch(QString::fromUtf8(err));
    while (it.hasNext()) last = it.next().captured(1).toLongLong();
    if (last >= n || timer.elapsed() > timeoutMs || p.state() == QProcess::NotRunning) return last;
    p.waitForReadyRead(100);
  }
}

}  // namespace

class TestCliStream : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;

  // A tiny generated project; its dataset before streaming in `before`.
  QString makeProject(const QString& name, Dataset& before) {
    const auto project = m_dir.filePath(name);
    const auto gen = runCli({"generate", "--project", project, "--size", "tiny", "--seed", "5", "--quiet"});
    if (gen.exitCode != 0) return {};
    auto store = ProjectStore::open(project.toStdString(), ProjectStore::Mode::ReadOnly);
    if (!store) return {};
    auto d = store.value()->loadDataset();
    if (!d) return {};
    before = std::move(d.value());
    return project;
  }

  static Dataset load(const QString& project) {
    auto store = ProjectStore::open(project.toStdString(), ProjectStore::Mode::ReadWrite);
    if (!store) qFatal("cannot open %s: %s", qPrintable(project), store.error().message.c_str());
    auto d = store.value()->loadDataset();
    if (!d) qFatal("cannot load %s: %s", qPrintable(project), d.error().message.c_str());
    return std::move(d.value());
  }

  // Rows `from`.. of `after` are exactly the first events of eventAt(), in order; returns how many.
  static qint64 checkPrefix(const Dataset& after, std::size_t from, const Dataset& before) {
    const auto& log = after.interactions;
    for (std::size_t r = from; r < log.size(); ++r) {
      const auto want = eventAt(static_cast<int>(r - from), before);
      if (QString::fromStdString(after.users.ids[static_cast<std::size_t>(log.user[r])]) != want.user ||
          QString::fromStdString(after.items.ids[static_cast<std::size_t>(log.item[r])]) != want.item ||
          log.ts[r] != want.ts) {
        return -1;
      }
    }
    return static_cast<qint64>(log.size() - from);
  }

 private Q_SLOTS:
  void appendsAFileAndReportsBadLines() {
    Dataset before;
    const auto project = makeProject("a.reclens", before);
    QVERIFY(!project.isEmpty());
    const auto input = m_dir.filePath("a.csv");
    const auto u0 = QString::fromStdString(before.users.ids[0]);
    const auto i0 = QString::fromStdString(before.items.ids[0]);
    QVERIFY(appendTo(input, QStringLiteral("user,item,time,kind,weight\n"
                                           "%1,%2,1700000000,,2\n"
                                           "newuser,%2,2023-11-14T22:13:21Z,view,1\n"
                                           "%1,newitem,not-a-time,view,1\n"
                                           "%1,newitem,1700000002,fresh-kind\n"
                                           "only,two\n")
                                .arg(u0, i0)
                                .toUtf8()));
    const auto r = runCli({"stream", "--project", project, "--input", input, "--json"});
    QCOMPARE(r.exitCode, 0);
    const auto json = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(jsonNumber(json, "events"), 3.0);
    QCOMPARE(jsonNumber(json, "bad_lines"), 2.0);
    QCOMPARE(jsonNumber(json, "users_created"), 1.0);
    QCOMPARE(jsonNumber(json, "items_created"), 1.0);
    QCOMPARE(jsonNumber(json, "kinds_created"), 1.0);
    QVERIFY2(r.err.contains(QStringLiteral("%1:4: skipped: time \"not-a-time\"").arg(input).toUtf8()),
             r.err.constData());
    QVERIFY2(r.err.contains(QStringLiteral("%1:6: skipped: has 2 fields").arg(input).toUtf8()),
             r.err.constData());
    QVERIFY(r.err.contains("stream: committed 3 events"));

    const auto after = load(project);
    const auto n = before.interactions.size();
    QCOMPARE(after.interactions.size(), n + 3);
    QCOMPARE(after.users.size(), before.users.size() + 1);
    QCOMPARE(after.items.size(), before.items.size() + 1);
    QCOMPARE(after.users.ids.back(), std::string("newuser"));
    QCOMPARE(after.items.ids.back(), std::string("newitem"));
    const auto& log = after.interactions;
    QCOMPARE(log.user[n], 0);
    QCOMPARE(log.item[n], 0);
    QCOMPARE(log.weight[n], 2.0f);
    QCOMPARE(log.kindNames[log.kind[n]], before.interactions.kindNames[0]);  // no kind: the first one
    QCOMPARE(after.users.ids[static_cast<std::size_t>(log.user[n + 1])], std::string("newuser"));
    QCOMPARE(log.ts[n + 1], std::int64_t(1700000001));  // 2023-11-14T22:13:21Z
    QCOMPARE(log.kindNames[log.kind[n + 2]], std::string("fresh-kind"));
    QCOMPARE(after.items.firstSeen.back(), std::int64_t(1700000002));
  }

  void readsJsonLinesFromStandardInput() {
    Dataset before;
    const auto project = makeProject("b.reclens", before);
    QVERIFY(!project.isEmpty());
    QProcess p;
    p.start(QStringLiteral(RECLENS_CLI_PATH),
            {"stream", "--project", project, "--input", "-", "--json", "--quiet"});
    QVERIFY(p.waitForStarted());
    p.write(
        R"({"user": "j1", "item": 5, "time": 1700000000, "kind": "view"})"
        "\n{broken\n"
        R"({"user": "j1", "item": "5", "time": "2023-11-14 22:13:21", "weight": 4})");  // no final line end
    p.closeWriteChannel();
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    const auto json = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    QCOMPARE(jsonNumber(json, "events"), 2.0);
    QCOMPARE(jsonNumber(json, "bad_lines"), 1.0);
    QCOMPARE(jsonNumber(json, "users_created"), 1.0);
    QCOMPARE(jsonNumber(json, "items_created"), 1.0);  // 5 and "5" are the same item
    const auto after = load(project);
    QCOMPARE(after.interactions.size(), before.interactions.size() + 2);
    QCOMPARE(after.interactions.weight.back(), 4.0f);
  }

  void refusesABadHeaderAndBadOptions() {
    Dataset before;
    const auto project = makeProject("c.reclens", before);
    QVERIFY(!project.isEmpty());
    const auto input = m_dir.filePath("c.csv");
    QVERIFY(appendTo(input, "customer,product,when\nc,p,1\n"));
    const auto r = runCli({"stream", "--project", project, "--input", input});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(QStringLiteral("%1:1: ").arg(input).toUtf8()), r.err.constData());
    QCOMPARE(runCli({"stream", "--project", project}).exitCode, 2);
    QCOMPARE(runCli({"stream", "--project", project, "--input", "-", "--follow"}).exitCode, 2);
    QCOMPARE(runCli({"stream", "--project", project, "--replay", input, "--speed", "fast"}).exitCode, 2);
    QCOMPARE(load(project).interactions.size(), before.interactions.size());
  }

  // SIGKILL mid-stream: every event reported as committed is in the file, nothing else is half there.
  void killLosesNothingAcknowledged() {
    Dataset before;
    const auto project = makeProject("k.reclens", before);
    QVERIFY(!project.isEmpty());
    const auto input = m_dir.filePath("k.csv");
    QVERIFY(appendTo(input, "user,item,time,kind,weight\n"));
    QProcess p;
    p.start(QStringLiteral(RECLENS_CLI_PATH), {"stream", "--project", project, "--input", input, "--follow",
                                               "--batch", "50", "--batch-ms", "20"});
    QVERIFY(p.waitForStarted());
    QByteArray err;
    constexpr int kFirst = 1000;
    constexpr int kTotal = 4000;
    QByteArray chunk;
    for (int n = 0; n < kFirst; ++n) chunk += csvLine(eventAt(n, before));
    QVERIFY(appendTo(input, chunk));
    QCOMPARE(waitForCommitted(p, err, kFirst, 30000), qint64(kFirst));
    // Keep appending in small pieces and kill it while it is still committing.
    qint64 acked = kFirst;
    for (int n = kFirst; n < kTotal; n += 100) {
      chunk.clear();
      for (int k = n; k < n + 100; ++k) chunk += csvLine(eventAt(k, before));
      QVERIFY(appendTo(input, chunk));
      if (n == 2500) acked = waitForCommitted(p, err, 2000, 30000);
    }
    QVERIFY(acked >= 2000);
    err += p.readAllStandardError();
    ::kill(static_cast<pid_t>(p.processId()), SIGKILL);
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);
    err += p.readAllStandardError();
    static const QRegularExpression kCommitted(QStringLiteral("stream: committed (\\d+) events"));
    for (auto it = kCommitted.globalMatch(QString::fromUtf8(err)); it.hasNext();)
      acked = std::max(acked, it.next().captured(1).toLongLong());

    {
      SQLite::Database db(project.toStdString(), SQLite::OPEN_READWRITE);
      QCOMPARE(db.execAndGet("PRAGMA integrity_check").getString(), std::string("ok"));
    }
    const auto after = load(project);  // checks every row refers to a user and item that exist
    const auto got = checkPrefix(after, before.interactions.size(), before);
    QVERIFY2(got >= acked, qPrintable(QStringLiteral("%1 rows, %2 acknowledged").arg(got).arg(acked)));
    QVERIFY(got <= kTotal);
    qInfo("killed after %lld acknowledged events; %lld rows in the file", static_cast<long long>(acked),
          static_cast<long long>(got));
  }

  // The followed file is renamed away and created anew, then truncated: both are read from the start.
  void followsRotationAndStopsOnSigterm() {
    Dataset before;
    const auto project = makeProject("r.reclens", before);
    QVERIFY(!project.isEmpty());
    const auto input = m_dir.filePath("r.csv");
    const auto lines = [&](int from, int to) {
      QByteArray b;
      for (int n = from; n < to; ++n) b += csvLine(eventAt(n, before));
      return b;
    };
    QVERIFY(appendTo(input, "user,item,time,kind,weight\n" + lines(0, 3)));
    QProcess p;
    p.start(QStringLiteral(RECLENS_CLI_PATH),
            {"stream", "--project", project, "--input", input, "--follow", "--json"});
    QVERIFY(p.waitForStarted());
    QByteArray err;
    QCOMPARE(waitForCommitted(p, err, 3, 30000), qint64(3));
    QVERIFY(QFile::rename(input, input + ".1"));
    QVERIFY(appendTo(input, "user,item,time,kind,weight\n" + lines(3, 5)));
    QCOMPARE(waitForCommitted(p, err, 5, 30000), qint64(5));
    {
      QFile f(input);  // truncated in place and written again, without a header this time
      QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
      QVERIFY(f.write(lines(5, 6)) > 0);
    }
    QCOMPARE(waitForCommitted(p, err, 6, 30000), qint64(6));
    QVERIFY(appendTo(input, lines(6, 8)));
    QCOMPARE(waitForCommitted(p, err, 8, 30000), qint64(8));
    p.terminate();  // SIGTERM
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    const auto json = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    QCOMPARE(jsonNumber(json, "events"), 8.0);
    QCOMPARE(jsonNumber(json, "bad_lines"), 0.0);
    QCOMPARE(jsonNumber(json, "reopened"), 2.0);
    QVERIFY(jsonAt(json, "interrupted").isBool() && jsonAt(json, "interrupted").toBool());
    QCOMPARE(checkPrefix(load(project), before.interactions.size(), before), qint64(8));
  }

  // Two connections to --listen: the first with a CSV header, the second going straight on with events.
  void readsEventsFromALocalSocket() {
    Dataset before;
    const auto project = makeProject("s.reclens", before);
    QVERIFY(!project.isEmpty());
    QProcess p;
    p.start(QStringLiteral(RECLENS_CLI_PATH), {"stream", "--project", project, "--listen", "0", "--json"});
    QVERIFY(p.waitForStarted());
    static const QRegularExpression kListening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
    QByteArray err;
    QRegularExpressionMatch m;
    for (int tries = 0; tries < 100 && !m.hasMatch(); ++tries) {
      p.waitForReadyRead(100);
      err += p.readAllStandardError();
      m = kListening.match(QString::fromUtf8(err));
    }
    QVERIFY2(m.hasMatch(), err.constData());
    const int port = m.captured(1).toInt();
    QByteArray first = "user,item,time,kind,weight\n";
    for (int n = 0; n < 3; ++n) first += csvLine(eventAt(n, before));
    QVERIFY(sendTo(port, first));
    QVERIFY(
        sendTo(port, csvLine(eventAt(3, before)) + csvLine(eventAt(4, before)).chopped(1)));  // no line end
    QCOMPARE(waitForCommitted(p, err, 5, 30000), qint64(5));
    p.terminate();
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    const auto json = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    QCOMPARE(jsonNumber(json, "events"), 5.0);
    QCOMPARE(jsonNumber(json, "reopened"), 2.0);  // connections
    QCOMPARE(checkPrefix(load(project), before.interactions.size(), before), qint64(5));
  }

  void replaysAtTheGivenSpeed() {
    Dataset before;
    const auto project = makeProject("p.reclens", before);
    QVERIFY(!project.isEmpty());
    const auto input = m_dir.filePath("p.jsonl");
    // 3 events spanning 60 s of event time: at 60x they take one second, at 600x a tenth.
    QVERIFY(appendTo(input, R"({"user": "p1", "item": "q1", "time": 1700000000})"
                            "\n"
                            R"({"user": "p1", "item": "q2", "time": 1700000030})"
                            "\n"
                            R"({"user": "p1", "item": "q3", "time": 1700000060})"
                            "\n"));
    // The summary's seconds run from the first line read to the last commit, without the start-up.
    const auto slow = runCli({"stream", "--project", project, "--replay", input, "--speed", "60x", "--json"});
    QCOMPARE(slow.exitCode, 0);
    const auto slowJson = QJsonDocument::fromJson(slow.out).object();
    QCOMPARE(jsonNumber(slowJson, "events"), 3.0);
    QVERIFY2(jsonNumber(slowJson, "seconds") >= 0.99, slow.out.constData());
    const auto fast = runCli({"stream", "--project", project, "--replay", input, "--speed", "600", "--json"});
    QCOMPARE(fast.exitCode, 0);
    const auto fastJson = QJsonDocument::fromJson(fast.out).object();
    QVERIFY2(jsonNumber(fastJson, "seconds") >= 0.099 && jsonNumber(fastJson, "seconds") < 0.6,
             fast.out.constData());
    QCOMPARE(load(project).interactions.size(), before.interactions.size() + 6);
  }
};

QTEST_GUILESS_MAIN(TestCliStream)
#include "tst_clistream.moc"
