#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/sha256.h"
#include "model/modeltrust.h"

using namespace reclens;

namespace {

void writeBytes(const QString& path, const std::string& bytes) {
  std::ofstream out(path.toStdString(), std::ios::binary | std::ios::trunc);
  out << bytes;
}

std::string readBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream all;
  all << in.rdbuf();
  return all.str();
}

// FIPS 180-2, appendix B.1: SHA-256("abc").
constexpr const char* kAbcSha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

}  // namespace

class TestModelTrust : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  QString m_project;  // <dir>/shop/shop.reclens (never opened: only its folder matters)
  QString m_model;    // <dir>/shop/shop.bpr-8.pt holding "abc"
  QString m_elsewhere;

  ProjectStore::ModelRecord record(const std::string& path, const std::string& sha256) const {
    ProjectStore::ModelRecord r;
    r.id = 1;
    r.name = "bpr-8";
    r.path = path;
    r.sha256 = sha256;
    return r;
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    QVERIFY(QDir(m_dir.path()).mkpath("shop/models"));
    QVERIFY(QDir(m_dir.path()).mkpath("elsewhere"));
    m_project = m_dir.filePath("shop/shop.reclens");
    m_model = m_dir.filePath("shop/shop.bpr-8.pt");
    m_elsewhere = m_dir.filePath("elsewhere/shop.bpr-8.pt");
    writeBytes(m_model, "abc");
    writeBytes(m_elsewhere, "abc");
  }

  // The registered file, where it was registered: trusted, however the path is written.
  void registeredFileInsideIsTrusted_data() {
    QTest::addColumn<QString>("path");
    QTest::newRow("relative") << "shop.bpr-8.pt";
    QTest::newRow("relative through a subfolder") << "models/../shop.bpr-8.pt";
    QTest::newRow("absolute") << QFileInfo(m_model).absoluteFilePath();
  }
  void registeredFileInsideIsTrusted() {
    QFETCH(QString, path);
    const auto trust = checkModelTrust(m_project.toStdString(), record(path.toStdString(), kAbcSha256));
    QVERIFY2(trust.ok(), modelTrustReason(trust, record(path.toStdString(), kAbcSha256)).c_str());
    QCOMPARE(QString::fromStdString(trust.sha256), QString(kAbcSha256));
    QCOMPARE(QFileInfo(QString::fromStdString(trust.path)).canonicalFilePath(),
             QFileInfo(m_model).canonicalFilePath());
    QVERIFY(modelTrustReason(trust, record(path.toStdString(), kAbcSha256)).empty());
  }

  // Another file at the registered path: refused, with both hashes named.
  void swappedFileIsNotTrusted() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString project = dir.filePath("p.reclens");
    const QString model = dir.filePath("m.pt");
    writeBytes(model, "abc");
    const auto registered = record("m.pt", kAbcSha256);
    QVERIFY(checkModelTrust(project.toStdString(), registered).ok());
    writeBytes(model, "abd");
    const auto trust = checkModelTrust(project.toStdString(), registered);
    QVERIFY(!trust.ok());
    QVERIFY(trust.hashChanged);
    QVERIFY(!trust.outsideFolder);
    QVERIFY(!trust.missing);
    QCOMPARE(trust.sha256, sha256Hex("abd"));
    QVERIFY(trust.sha256 != kAbcSha256);
    const auto reason = modelTrustReason(trust, registered);
    QVERIFY2(reason.find("changed since it was registered") != std::string::npos, reason.c_str());
    QVERIFY2(reason.find(trust.sha256.substr(0, 12)) != std::string::npos, reason.c_str());
    QVERIFY2(reason.find(std::string(kAbcSha256).substr(0, 12)) != std::string::npos, reason.c_str());
  }

  // A project that records no hash cannot vouch for its file.
  void missingRegisteredHashIsNotTrusted() {
    const auto trust = checkModelTrust(m_project.toStdString(), record("shop.bpr-8.pt", ""));
    QVERIFY(trust.hashChanged);
    QVERIFY(!trust.ok());
    QVERIFY(modelTrustReason(trust, record("shop.bpr-8.pt", "")).find("no SHA-256") != std::string::npos);
  }

  // The right bytes in the wrong place: refused, by whatever path the project names them.
  void fileOutsideTheFolderIsNotTrusted_data() {
    QTest::addColumn<QString>("path");
    QTest::newRow("absolute") << m_elsewhere;
    QTest::newRow("relative, up and over") << "../elsewhere/shop.bpr-8.pt";
    QTest::newRow("through a link inside the folder") << "link.pt";
  }
  void fileOutsideTheFolderIsNotTrusted() {
    QFETCH(QString, path);
    std::error_code ec;
    const auto link = std::filesystem::path(m_dir.filePath("shop/link.pt").toStdString());
    if (!std::filesystem::is_symlink(link, ec))
      std::filesystem::create_symlink(m_elsewhere.toStdString(), link);
    const auto registered = record(path.toStdString(), kAbcSha256);
    const auto trust = checkModelTrust(m_project.toStdString(), registered);
    QVERIFY(trust.outsideFolder);
    QVERIFY(!trust.hashChanged);
    QVERIFY(!trust.ok());
    QCOMPARE(QFileInfo(QString::fromStdString(trust.path)).canonicalFilePath(),
             QFileInfo(m_elsewhere).canonicalFilePath());
    QVERIFY(modelTrustReason(trust, registered).find("outside the project's folder") != std::string::npos);
  }

  void unreadableFileIsMissing() {
    const auto trust = checkModelTrust(m_project.toStdString(), record("gone.pt", kAbcSha256));
    QVERIFY(trust.missing);
    QVERIFY(trust.sha256.empty());
    QVERIFY(!trust.ok());
  }

  // assessModelTrust judges the hash it is given, not the file on disk: the bytes that will be loaded.
  void assessJudgesTheGivenHash() {
    const auto registered = record("shop.bpr-8.pt", kAbcSha256);
    QVERIFY(assessModelTrust(m_project.toStdString(), registered, kAbcSha256).ok());
    QVERIFY(assessModelTrust(m_project.toStdString(), registered, sha256Hex("abd")).hashChanged);
  }

  // The copy holds the source's bytes and their hash, stays as it was when the source changes, is
  // private to the user, and goes away with its folder.
  void privateCopyIsTheHashedBytes() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString source = dir.filePath("big.pt");
    std::string bytes;
    for (int i = 0; i < (3 << 20) + 17; ++i) bytes.push_back(static_cast<char>((i * 131) % 251));
    writeBytes(source, bytes);
    std::string folder;
    {
      auto copy = PrivateModelCopy::make(source.toStdString());
      QVERIFY2(copy.ok(), copy.ok() ? "" : copy.error().message.c_str());
      const auto& c = *copy.value();
      QCOMPARE(c.sha256(), sha256Hex(bytes));
      QVERIFY(c.path() != source.toStdString());
      QVERIFY(readBytes(c.path()) == bytes);
      folder = std::filesystem::path(c.path()).parent_path().string();
      const auto perms = std::filesystem::status(folder).permissions();
      QCOMPARE(perms & (std::filesystem::perms::group_all | std::filesystem::perms::others_all),
               std::filesystem::perms::none);
      writeBytes(source, "swapped");
      QVERIFY(readBytes(c.path()) == bytes);
      // An error about the copy is told about the source.
      const auto told = c.aboutSource(makeError(ErrorCode::Parse, "bad archive", c.path()), "/models/m.pt");
      QCOMPARE(told.message, std::string("/models/m.pt: bad archive"));
      QCOMPARE(told.file, std::string("/models/m.pt"));
    }
    QVERIFY(!std::filesystem::exists(folder));
  }

  void copyOfAMissingFileIsAnError() {
    auto copy = PrivateModelCopy::make(m_dir.filePath("no-such.pt").toStdString());
    QVERIFY(!copy.ok());
    QCOMPARE(copy.error().code, ErrorCode::Io);
    QVERIFY(copy.error().message.find("no-such.pt") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(TestModelTrust)
#include "tst_modeltrust.moc"
