#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <fstream>
#include <iterator>

#include "model/modelarchive.h"

using namespace reclens;

namespace {

void putLe(std::string& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

void putZeros(std::string& out, int bytes) {
  out.append(static_cast<std::size_t>(bytes), '\0');
}

// A stored (uncompressed) zip archive of `entries`; CRCs are left 0, which the structural check ignores.
std::string zipOf(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out;
  std::string dir;
  for (const auto& [name, data] : entries) {
    const auto offset = out.size();
    putLe(out, 0x04034b50, 4);
    putLe(out, 20, 2);
    putZeros(out, 2 + 2 + 2 + 2 + 4);
    putLe(out, data.size(), 4);
    putLe(out, data.size(), 4);
    putLe(out, name.size(), 2);
    putLe(out, 0, 2);
    out += name + data;
    putLe(dir, 0x02014b50, 4);
    putLe(dir, 20, 2);
    putLe(dir, 20, 2);
    putZeros(dir, 2 + 2 + 2 + 2 + 4);
    putLe(dir, data.size(), 4);
    putLe(dir, data.size(), 4);
    putLe(dir, name.size(), 2);
    putZeros(dir, 2 + 2 + 2 + 2 + 4);
    putLe(dir, offset, 4);
    dir += name;
  }
  const auto dirOffset = out.size();
  out += dir;
  putLe(out, 0x06054b50, 4);
  putLe(out, 0, 4);
  putLe(out, entries.size(), 2);
  putLe(out, entries.size(), 2);
  putLe(out, dir.size(), 4);
  putLe(out, dirOffset, 4);
  putLe(out, 0, 2);
  return out;
}

std::vector<std::pair<std::string, std::string>> torchScriptLayout() {
  return {{"m/data.pkl", "pickle"},
          {"m/code/__torch__.py", "def f(): pass"},
          {"m/constants.pkl", "c"},
          {"m/version", "3\n"}};
}

Result<ModelArchive> inspect(const std::string& bytes) {
  const ArchiveReader read = [&bytes](std::uint64_t offset, std::size_t n, char* out) {
    if (offset > bytes.size() || n > bytes.size() - offset) return false;
    std::memcpy(out, bytes.data() + offset, n);
    return true;
  };
  return inspectModelArchive(read, bytes.size());
}

std::string fileBytes(const QString& path) {
  std::ifstream in(path.toStdString(), std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

class TestModelArchive : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void acceptsATorchScriptLayout() {
    const auto archive = inspect(zipOf(torchScriptLayout()));
    QVERIFY2(archive.ok(), archive.ok() ? "" : archive.error().message.c_str());
    QCOMPARE(archive.value().root, std::string("m"));
    QCOMPARE(archive.value().entries.size(), std::size_t(4));
  }

  void acceptsAFileWrittenByTorch() {
    const auto archive = inspectModelArchiveFile(RECLENS_TEST_DATA_DIR "/models/valid.pt");
    QVERIFY2(archive.ok(), archive.ok() ? "" : archive.error().message.c_str());
    QCOMPARE(archive.value().root, std::string("valid"));
  }

  void refusesEveryTruncation() {
    const auto bytes = fileBytes(QStringLiteral(RECLENS_TEST_DATA_DIR "/models/valid.pt"));
    QVERIFY(bytes.size() > 1000);
    for (std::size_t keep = 0; keep < bytes.size(); keep += 97) {
      const auto archive = inspect(bytes.substr(0, keep));
      QVERIFY2(!archive.ok(), qPrintable(QStringLiteral("truncated to %1 bytes").arg(keep)));
      QCOMPARE(archive.error().code, ErrorCode::Parse);
    }
  }

  void refusesBrokenArchives_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    const auto bytesOf = [](const std::string& s) {
      return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
    };
    auto layout = torchScriptLayout();
    QTest::newRow("empty") << QByteArray() << "too short";
    QTest::newRow("no directory") << QByteArray(200, 'x') << "no zip directory";
    QTest::newRow("torch.save, not TorchScript")
        << bytesOf(zipOf({{"m/data.pkl", "p"}, {"m/version", "3"}})) << "holds no TorchScript code";
    QTest::newRow("no data.pkl") << bytesOf(zipOf({{"m/code/x.py", "x"}, {"m/constants.pkl", "c"}}))
                                 << "has no 'm/data.pkl'";
    auto escape = layout;
    escape.push_back({"m/../../etc/passwd", "x"});
    QTest::newRow("path escape") << bytesOf(zipOf(escape)) << "is not a plain relative path";
    auto absolute = layout;
    absolute.push_back({"/etc/passwd", "x"});
    QTest::newRow("absolute path") << bytesOf(zipOf(absolute)) << "is not a plain relative path";
    auto twoRoots = layout;
    twoRoots.push_back({"other/data.pkl", "x"});
    QTest::newRow("two roots") << bytesOf(zipOf(twoRoots)) << "two root folders";
    auto twice = layout;
    twice.push_back({"m/data.pkl", "again"});
    QTest::newRow("duplicate") << bytesOf(zipOf(twice)) << "appears twice";
    // An entry whose declared size runs into the directory.
    auto big = zipOf(layout);
    const auto at = big.find("m/data.pkl") - 30 + 18;
    big[at] = static_cast<char>(0xff);
    big[at + 1] = static_cast<char>(0xff);
    const auto dirAt = big.find(std::string("PK\x01\x02", 4)) + 20;
    big[dirAt] = static_cast<char>(0xff);
    big[dirAt + 1] = static_cast<char>(0xff);
    QTest::newRow("entry outside the file") << bytesOf(big) << "lies outside the file";
    auto manyEntries = zipOf(layout);
    manyEntries[manyEntries.size() - 22 + 10] = static_cast<char>(0xff);
    manyEntries[manyEntries.size() - 22 + 11] = static_cast<char>(0xff);
    QTest::newRow("entry count") << bytesOf(manyEntries) << "shorter than its entry count";
  }

  void refusesBrokenArchives() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    const auto archive = inspect(bytes.toStdString());
    QVERIFY(!archive.ok());
    QCOMPARE(archive.error().code, ErrorCode::Parse);
    QVERIFY2(QString::fromStdString(archive.error().message).contains(message),
             archive.error().message.c_str());
    QVERIFY(QString::fromStdString(archive.error().message).startsWith("not a TorchScript model file: "));
  }

  void fileErrorsNameTheFile() {
    QTemporaryDir dir;
    const auto path = dir.filePath("cut.pt").toStdString();
    const auto bytes = fileBytes(QStringLiteral(RECLENS_TEST_DATA_DIR "/models/valid.pt"));
    std::ofstream(path, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    const auto archive = inspectModelArchiveFile(path);
    QVERIFY(!archive.ok());
    QVERIFY2(archive.error().message.rfind(path + ": ", 0) == 0, archive.error().message.c_str());
    QVERIFY(!inspectModelArchiveFile(path + ".missing").ok());
  }
};

QTEST_GUILESS_MAIN(TestModelArchive)
#include "tst_modelarchive.moc"
