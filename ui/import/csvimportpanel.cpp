#include "import/csvimportpanel.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTabWidget>
#include <QVBoxLayout>

#include "import/csvsourceform.h"

namespace reclens {

namespace {

Error missing(const QString& what) {
  return makeError(ErrorCode::Mapping, what.toStdString());
}

}  // namespace

CsvImportPanel::CsvImportPanel(QWidget* parent)
    : QWidget(parent),
      m_tabs(new QTabWidget(this)),
      m_interactions(new CsvSourceForm(
          {
              {QStringLiteral("user"),
               tr("User"),
               true,
               {QStringLiteral("user_id"), QStringLiteral("user"), QStringLiteral("customer")}},
              {QStringLiteral("item"),
               tr("Item"),
               true,
               {QStringLiteral("item_id"), QStringLiteral("item"), QStringLiteral("product_id"),
                QStringLiteral("stockcode"), QStringLiteral("sku")}},
              {QStringLiteral("timestamp"),
               tr("Timestamp"),
               false,
               {QStringLiteral("timestamp"), QStringLiteral("time"), QStringLiteral("date")}},
              {QStringLiteral("weight"),
               tr("Weight"),
               false,
               {QStringLiteral("weight"), QStringLiteral("quantity"), QStringLiteral("rating")}},
              {QStringLiteral("kind"), tr("Kind"), false, {QStringLiteral("kind"), QStringLiteral("event")}},
              {QStringLiteral("title"),
               tr("Item title"),
               false,
               {QStringLiteral("title"), QStringLiteral("description")}},
              {QStringLiteral("price"), tr("Item price"), false, {QStringLiteral("price")}},
              {QStringLiteral("category"), tr("Item category"), false, {QStringLiteral("category")}},
              {QStringLiteral("brand"), tr("Item brand"), false, {QStringLiteral("brand")}},
          },
          this)),
      m_items(new CsvSourceForm(
          {
              {QStringLiteral("id"),
               tr("Item id"),
               true,
               {QStringLiteral("item_id"), QStringLiteral("id"), QStringLiteral("item"),
                QStringLiteral("product_id")}},
              {QStringLiteral("title"),
               tr("Title"),
               false,
               {QStringLiteral("title"), QStringLiteral("name")}},
              {QStringLiteral("category"), tr("Category"), false, {QStringLiteral("category")}},
              {QStringLiteral("brand"), tr("Brand"), false, {QStringLiteral("brand")}},
              {QStringLiteral("price"), tr("Price"), false, {QStringLiteral("price")}},
              {QStringLiteral("firstSeen"),
               tr("First seen"),
               false,
               {QStringLiteral("first_seen"), QStringLiteral("added"), QStringLiteral("created")}},
          },
          this)),
      m_users(new CsvSourceForm(
          {
              {QStringLiteral("id"),
               tr("User id"),
               true,
               {QStringLiteral("user_id"), QStringLiteral("id"), QStringLiteral("user"),
                QStringLiteral("customer")}},
          },
          this)),
      m_timeFormat(new QComboBox(this)),
      m_name(new QLineEdit(this)) {
  auto* layout = new QVBoxLayout(this);
  auto* options = new QFormLayout;
  m_name->setPlaceholderText(tr("Defaults to the interactions file's name"));
  m_name->setToolTip(tr("A name for the dataset, shown in the status bar and in reports"));
  options->addRow(tr("Dataset name:"), m_name);
  m_timeFormat->addItem(tr("Detect (ISO 8601 or Unix seconds)"), static_cast<int>(TimestampFormat::Auto));
  m_timeFormat->addItem(tr("ISO 8601 (2023-04-01 13:05:00)"), static_cast<int>(TimestampFormat::Iso8601));
  m_timeFormat->addItem(tr("Unix seconds"), static_cast<int>(TimestampFormat::UnixSeconds));
  m_timeFormat->addItem(tr("No timestamps: row order is time"), static_cast<int>(TimestampFormat::RowOrder));
  m_timeFormat->setToolTip(tr("How the timestamp column is written"));
  options->addRow(tr("Timestamps:"), m_timeFormat);
  layout->addLayout(options);
  m_tabs->addTab(m_interactions, tr("Interactions"));
  m_tabs->addTab(m_items, tr("Items (optional)"));
  m_tabs->addTab(m_users, tr("Users (optional)"));
  m_tabs->setTabToolTip(
      1, tr("A catalog file adds titles, prices, categories and items nobody interacted with"));
  m_tabs->setTabToolTip(2,
                        tr("A users file adds user attributes such as age band or region; every other column "
                           "becomes an attribute"));
  layout->addWidget(m_tabs, 1);
}

Result<ImportMapping> CsvImportPanel::mapping() const {
  ImportMapping mapping;
  const QString interactionsPath = m_interactions->path();
  if (interactionsPath.isEmpty()) return missing(tr("Choose the interactions file."));
  mapping.datasetName = m_name->text().trimmed().isEmpty()
                            ? QFileInfo(interactionsPath).completeBaseName().toStdString()
                            : m_name->text().trimmed().toStdString();
  auto& in = mapping.interactions;
  in.path = interactionsPath.toStdString();
  in.format = m_interactions->format();
  in.userColumn = m_interactions->column(QStringLiteral("user"));
  in.itemColumn = m_interactions->column(QStringLiteral("item"));
  if (in.userColumn.empty()) return missing(tr("Choose the user column of the interactions file."));
  if (in.itemColumn.empty()) return missing(tr("Choose the item column of the interactions file."));
  in.timestampFormat = static_cast<TimestampFormat>(m_timeFormat->currentData().toInt());
  in.timestampColumn = m_interactions->column(QStringLiteral("timestamp"));
  if (in.timestampColumn.empty() && in.timestampFormat != TimestampFormat::RowOrder) {
    return missing(tr("Choose the timestamp column, or choose \"No timestamps\"."));
  }
  if (in.timestampFormat == TimestampFormat::RowOrder) in.timestampColumn.clear();
  in.weightColumn = m_interactions->column(QStringLiteral("weight"));
  in.kindColumn = m_interactions->column(QStringLiteral("kind"));
  in.itemTitleColumn = m_interactions->column(QStringLiteral("title"));
  in.itemPriceColumn = m_interactions->column(QStringLiteral("price"));
  in.itemCategoryColumn = m_interactions->column(QStringLiteral("category"));
  in.itemBrandColumn = m_interactions->column(QStringLiteral("brand"));

  if (!m_items->path().isEmpty()) {
    ItemsSource items;
    items.path = m_items->path().toStdString();
    items.format = m_items->format();
    items.idColumn = m_items->column(QStringLiteral("id"));
    if (items.idColumn.empty()) return missing(tr("Choose the id column of the items file."));
    items.titleColumn = m_items->column(QStringLiteral("title"));
    items.categoryColumn = m_items->column(QStringLiteral("category"));
    items.brandColumn = m_items->column(QStringLiteral("brand"));
    items.priceColumn = m_items->column(QStringLiteral("price"));
    items.firstSeenColumn = m_items->column(QStringLiteral("firstSeen"));
    mapping.items = items;
  }
  if (!m_users->path().isEmpty()) {
    UsersSource users;
    users.path = m_users->path().toStdString();
    users.format = m_users->format();
    users.idColumn = m_users->column(QStringLiteral("id"));
    if (users.idColumn.empty()) return missing(tr("Choose the id column of the users file."));
    mapping.users = users;
  }
  return mapping;
}

}  // namespace reclens
