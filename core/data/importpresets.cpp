// The ready-made mappings for the public datasets (documented in docs/import.md).
#include <filesystem>

#include "data/importer.h"

namespace reclens {

namespace {

namespace fs = std::filesystem;

std::string join(const std::string& folder, const std::string& file) {
  return (fs::path(folder) / file).string();
}

RowFilter rule(std::string column, RowFilter::Op op, std::string value, std::string reason) {
  RowFilter f;
  f.column = std::move(column);
  f.op = op;
  f.value = std::move(value);
  f.reason = std::move(reason);
  return f;
}

ImportMapping onlineRetail(const std::string& folder) {
  ImportMapping m;
  m.datasetName = "Online Retail (UCI)";
  auto& in = m.interactions;
  in.path = join(folder, "online_retail_subset.csv");
  in.userColumn = "CustomerID";
  in.itemColumn = "StockCode";
  in.timestampColumn = "InvoiceDate";
  in.timestampFormat = TimestampFormat::Iso8601;
  in.defaultKind = "purchase";
  in.itemTitleColumn = "Description";
  in.itemPriceColumn = "UnitPrice";
  in.userAttributeColumns = {"Country"};
  in.uppercaseItemIds = true;
  // Order matters: a row is counted under the first rule it fails.
  in.filters = {
      rule("CustomerID", RowFilter::Op::NotEmpty, "", "no CustomerID (guest checkout)"),
      rule("InvoiceNo", RowFilter::Op::NotPrefix, "C", "cancelled invoice (InvoiceNo starts with C)"),
      rule(
          "StockCode", RowFilter::Op::MatchesRegex, "[0-9]{5}[A-Za-z]*",
          "not a product (StockCode is not 5 digits + optional letters: POST, D, M, DOT, BANK CHARGES, ...)"),
      rule("Quantity", RowFilter::Op::GreaterThan, "0", "Quantity <= 0"),
      rule("UnitPrice", RowFilter::Op::GreaterThan, "0", "UnitPrice <= 0"),
  };
  return m;
}

ImportMapping completeJourney(const std::string& folder) {
  ImportMapping m;
  m.datasetName = "The Complete Journey (84.51°, transaction sample)";
  auto& in = m.interactions;
  in.path = join(folder, "transactions_sample.csv");
  in.userColumn = "household_id";
  in.itemColumn = "product_id";
  in.timestampColumn = "transaction_timestamp";  // New York local time, stored as naive seconds
  in.timestampFormat = TimestampFormat::Iso8601;
  in.defaultKind = "purchase";
  ItemsSource items;
  items.path = join(folder, "products.csv");
  items.idColumn = "product_id";
  items.categoryColumn = "department";
  items.brandColumn = "brand";
  items.attributeColumns = {"product_category", "product_type", "manufacturer_id"};
  m.items = items;
  UsersSource users;
  users.path = join(folder, "demographics.csv");
  users.idColumn = "household_id";
  users.attributeColumns = {
      "age", "income", "home_ownership", "marital_status", "household_size", "household_comp", "kids_count"};
  m.users = users;
  m.keepItemsWithoutInteractions = true;
  return m;
}

ImportMapping amazonBeauty(const std::string& folder) {
  ImportMapping m;
  m.datasetName = "Amazon Beauty 5-core (S3-Rec sequences)";
  m.layout = "sequences";
  m.interactions.path = join(folder, "Beauty.txt");
  m.interactions.timestampFormat = TimestampFormat::RowOrder;
  m.interactions.defaultKind = "review";
  m.itemAttributesJsonPath = join(folder, "Beauty_item2attributes.json");
  return m;
}

}  // namespace

const std::vector<ImportPreset>& importPresets() {
  static const std::vector<ImportPreset> kPresets = {
      {"online-retail",
       "UCI Online Retail",
       "Customers x StockCode purchases, weight 1 per invoice line. Drops rows without CustomerID, cancelled "
       "invoices, non-product stock codes (anything but 5 digits + optional letters), Quantity <= 0 and "
       "UnitPrice <= 0. Stock codes are uppercased; Description is the title, UnitPrice the price, Country a "
       "user attribute.",
       {"online_retail_subset.csv"}},
      {"complete-journey",
       "84.51° The Complete Journey",
       "Households x product_id from the transaction sample, weight 1 per line, New York local time stored "
       "as "
       "naive seconds. Users get the demographics (households without them are kept with missing "
       "attributes); "
       "all 92k products are kept (about 21k are bought in the sample); department is the category, "
       "National/Private the brand.",
       {"transactions_sample.csv", "products.csv", "demographics.csv"}},
      {"amazon-beauty",
       "Amazon Beauty 5-core (S3-Rec)",
       "One sequence per user in time order (no timestamps: time is the position). Item attribute ids become "
       "category (first id), brand (last id) and attributes (all ids).",
       {"Beauty.txt", "Beauty_item2attributes.json"}},
  };
  return kPresets;
}

Result<ImportMapping> presetMapping(const std::string& name, const std::string& folder) {
  const ImportPreset* preset = nullptr;
  for (const auto& p : importPresets()) {
    if (p.name == name) preset = &p;
  }
  if (preset == nullptr) {
    std::string names;
    for (const auto& p : importPresets()) names += (names.empty() ? "" : ", ") + p.name;
    return makeError(ErrorCode::InvalidArgument,
                     "unknown preset \"" + name + "\"; the presets are: " + names);
  }
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return makeError(ErrorCode::Io, "is not a folder", folder);
  for (const auto& file : preset->expectedFiles) {
    if (!fs::exists(fs::path(folder) / file, ec)) {
      return makeError(ErrorCode::Io,
                       "the preset \"" + name + "\" needs the file " + file + ", which is not there", folder);
    }
  }
  if (name == "online-retail") return onlineRetail(folder);
  if (name == "complete-journey") return completeJourney(folder);
  return amazonBeauty(folder);
}

}  // namespace reclens
