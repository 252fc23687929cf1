#pragma once
// Skips that show. A test that cannot run for want of something outside the source tree (the shared
// datasets and reference vectors, a python3 that can import torch) skips with RECLENS_SKIP_UNLESS, and
// ctest reports the executable as skipped, not passed (SKIP_REGULAR_EXPRESSION in tests/CMakeLists.txt).
// Under CI=true the same check is a failure that names what is missing: CI is set up with all of it,
// so a skip there would hide a broken setup. Tests that need a GPU keep a plain QSKIP (CI has none).
#include <QByteArray>
#include <QDir>
#include <QString>
#include <QtTest>

namespace reclens::test {

// True when the tests run in continuous integration (the environment variable CI is "true").
inline bool inCi() {
  return qgetenv("CI") == "true";
}

// The folder of the shared real datasets: $RECLENS_SHARED_DATASETS_DIR when set (read at run time),
// else the folder the build was configured with (the CMake cache variable RECLENS_SHARED_DATASETS).
inline QString sharedDatasetsDir() {
  const auto fromEnvironment = qEnvironmentVariable("RECLENS_SHARED_DATASETS_DIR");
  return fromEnvironment.isEmpty() ? QStringLiteral(RECLENS_SHARED_DATASETS_DIR) : fromEnvironment;
}

// A file of the shared reference vectors, in the folder next to the datasets (../shared/reference).
inline QString sharedReferenceFile(const QString& name) {
  return QDir::cleanPath(sharedDatasetsDir() + QStringLiteral("/../reference/") + name);
}

}  // namespace reclens::test

// Skips the current test function unless `condition` holds; `missing` (const char* or QByteArray)
// says what is missing. With CI=true it fails instead, with the same message.
#define RECLENS_SKIP_UNLESS(condition, missing)                                                          \
  do {                                                                                                   \
    if (!(condition)) {                                                                                  \
      const QByteArray reclensWhy = QByteArray("missing: ") + QByteArray(missing);                       \
      if (::reclens::test::inCi())                                                                       \
        QFAIL((reclensWhy + " (CI=true: this test must run, so its absence is a failure)").constData()); \
      QSKIP(reclensWhy.constData());                                                                     \
    }                                                                                                    \
  } while (false)
