#include <QProcess>
#include <QProcessEnvironment>
#include <QtTest>

#include <cstdlib>

#include "common/memoryallocator.h"

using namespace reclens;

// The allocator settings: set once, described for the benchmarks' reports, handed to child processes,
// and a user's own setting left alone.
class TestMemoryAllocator : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void thresholdsAreSetAndInherited() {
#if !defined(__GLIBC__)
    QSKIP("not built against glibc: the allocator is left as it is");
#else
    if (std::getenv("MALLOC_MMAP_THRESHOLD_") || std::getenv("MALLOC_TRIM_THRESHOLD_") ||
        std::getenv("GLIBC_TUNABLES"))
      QSKIP("this test's own environment already sets the allocator");
    QCOMPARE(QString::fromStdString(memoryAllocatorDescription()), QStringLiteral("library default"));
    tuneMemoryAllocator();
    const auto description = QString::fromStdString(memoryAllocatorDescription());
    QVERIFY2(description.startsWith(QStringLiteral("glibc ")), qPrintable(description));
    QVERIFY2(description.contains(QStringLiteral("heap blocks up to 32 MiB, 256 MiB of freed memory kept")),
             qPrintable(description));
    QCOMPARE(QString::fromLatin1(std::getenv("MALLOC_MMAP_THRESHOLD_")),
             QString::number(kAllocatorMmapThreshold));
    QCOMPARE(QString::fromLatin1(std::getenv("MALLOC_TRIM_THRESHOLD_")),
             QString::number(kAllocatorTrimThreshold));
    // A child process (a benchmark's baseline) sees the same settings.
    QProcess child;
    child.start(
        QStringLiteral("/bin/sh"),
        {QStringLiteral("-c"), QStringLiteral("echo $MALLOC_MMAP_THRESHOLD_ $MALLOC_TRIM_THRESHOLD_")});
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(QString::fromLatin1(child.readAllStandardOutput()).trimmed(),
             QStringLiteral("33554432 268435456"));
#endif
  }

  void aUsersOwnSettingIsKept() {
#if !defined(__GLIBC__)
    QSKIP("not built against glibc");
#else
    // A second process, started with the user's own threshold: it must report it as the environment's.
    QProcess child;
    auto env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("MALLOC_TRIM_THRESHOLD_"));
    env.insert(QStringLiteral("MALLOC_MMAP_THRESHOLD_"), QStringLiteral("1048576"));
    child.setProcessEnvironment(env);
    child.start(
        QStringLiteral(RECLENS_CLI_PATH),
        {QStringLiteral("bench"), QStringLiteral("score"), QStringLiteral("--items"), QStringLiteral("200"),
         QStringLiteral("--users"), QStringLiteral("20"), QStringLiteral("--repeat"), QStringLiteral("10"),
         QStringLiteral("--no-baseline"), QStringLiteral("--json")});
    QVERIFY(child.waitForFinished(120000));
    const auto out = QString::fromUtf8(child.readAllStandardOutput());
    QVERIFY2(child.exitCode() == 0, qPrintable(QString::fromUtf8(child.readAllStandardError())));
    QVERIFY2(out.contains(QStringLiteral("as set in the environment")), qPrintable(out.left(400)));
#endif
  }
};

QTEST_GUILESS_MAIN(TestMemoryAllocator)
#include "tst_memoryallocator.moc"
