// Fuzz target: a whole import of an interactions file into an in-memory project, with the column
// mapping and row filters of the Online Retail preset (the input is the file after its header), then
// the JSON report. Exercises the row loop: quoting, UTF-8, ragged rows, timestamps, numbers, filters.
#include <cstdint>
#include <string>

#include "data/importer.h"
#include "fuzzinput.h"
#include "store/projectstore.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace reclens;
  if (size < 1) return 0;
  std::string text = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
  text.append(reinterpret_cast<const char*>(data) + 1, size - 1);
  fuzz::MemoryFile file(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
  if (!file.ok()) return 0;

  ImportMapping m;
  m.datasetName = "fuzz";
  m.strict = (data[0] & 1) != 0;
  auto& src = m.interactions;
  src.path = file.path();
  src.userColumn = "CustomerID";
  src.itemColumn = "StockCode";
  src.timestampColumn = "InvoiceDate";
  src.timestampFormat = (data[0] & 2) != 0 ? TimestampFormat::Auto : TimestampFormat::RowOrder;
  src.weightColumn = "Quantity";
  src.itemTitleColumn = "Description";
  src.itemPriceColumn = "UnitPrice";
  src.userAttributeColumns = {"Country"};
  src.uppercaseItemIds = (data[0] & 4) != 0;
  src.filters = {{"CustomerID", RowFilter::Op::NotEmpty, "", "no customer"},
                 {"InvoiceNo", RowFilter::Op::NotPrefix, "C", "cancelled invoice"},
                 {"StockCode", RowFilter::Op::MatchesRegex, "[0-9]{5}[A-Za-z]*", "not a product"},
                 {"Quantity", RowFilter::Op::GreaterThan, "0", "returned"}};

  auto store = ProjectStore::open(":memory:", ProjectStore::Mode::Create);
  if (!store) return 0;
  auto report = runImport(m, *store.value());
  if (report) (void)importReportJson(report.value());
  return 0;
}
