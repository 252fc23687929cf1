// Fuzz target: the id and attribute checks of an import. The input (after a flags byte) is the body
// of an interactions file with user, item, title, kind and country columns, or a sequences file.
// Besides "no crash", it checks what the project holds after a successful import, and aborts when:
//   - a stored id, kind or attribute value holds a control character, or a title one other than
//     tab, LF or CR (the rule of docs/import.md), or an id is empty;
//   - a row went missing: every data row is either an interaction or a skipped bad row;
//   - a skipped row's message does not start with file:line:column.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "data/importer.h"
#include "data/textcheck.h"
#include "fuzzinput.h"
#include "store/projectstore.h"

namespace {

using namespace reclens;

void require(bool condition) {
  if (!condition) std::abort();
}

void requireClean(const std::string& text, TextRule rule) {
  require(firstForbiddenControl(text, rule) == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t flags = data[0];
  const bool sequences = (flags & 4) != 0;
  std::string text = sequences ? "" : "user,item,title,kind,country\n";
  text.append(reinterpret_cast<const char*>(data) + 1, size - 1);
  fuzz::MemoryFile file(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  if (!file.ok()) return 0;

  ImportMapping m;
  m.datasetName = "fuzz";
  m.strict = (flags & 1) != 0;
  auto& src = m.interactions;
  src.path = file.path();
  if (sequences) {
    m.layout = "sequences";
  } else {
    src.userColumn = "user";
    src.itemColumn = "item";
    src.timestampFormat = TimestampFormat::RowOrder;
    src.itemTitleColumn = "title";
    src.kindColumn = "kind";
    src.userAttributeColumns = {"country"};
    src.uppercaseItemIds = (flags & 2) != 0;
  }

  auto store = ProjectStore::open(":memory:", ProjectStore::Mode::Create);
  if (!store) return 0;
  auto report = runImport(m, *store.value());
  if (!report) {
    // A failed import names the file, and leaves the project without a dataset.
    require(report.error().code == ErrorCode::Empty || report.error().file == src.path);
    require(!store.value()->hasDataset());
    return 0;
  }
  const auto& r = report.value();
  require(!m.strict || r.skipped.empty());
  std::int64_t skippedRows = 0;
  for (const auto& issue : r.skipped) {
    skippedRows += issue.count;
    require(issue.file == src.path);
    require(!issue.firstLines.empty());
    const std::string where = src.path + ":" + std::to_string(issue.firstLines.front()) + ":";
    require(issue.firstMessage.compare(0, where.size(), where) == 0);
    requireClean(issue.firstMessage, TextRule::Label);  // one printable line
  }
  if (!sequences) require(r.rowsRead == r.interactions + skippedRows);

  auto loaded = store.value()->loadDataset();
  require(loaded.ok());
  const auto& d = loaded.value();
  require(static_cast<std::int64_t>(d.interactions.size()) == r.interactions);
  for (const auto* ids : {&d.users.ids, &d.items.ids, &d.interactions.kindNames}) {
    for (const auto& id : *ids) {
      require(!id.empty());
      requireClean(id, TextRule::Label);
    }
  }
  for (const auto& title : d.items.titles) requireClean(title, TextRule::FreeText);
  for (const auto& field : d.users.fields) {
    for (std::size_t u = 0; u < d.users.size(); ++u) requireClean(field.valueAt(u), TextRule::Label);
  }
  return 0;
}
