// ItemViewPage: building the widgets (search panel, details header and the four panels).
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "itemview/itemviewexposure.h"
#include "itemview/itemviewlistmodel.h"
#include "itemview/itemviewpage.h"
#include "itemview/itemviewwhogets.h"

namespace reclens {

namespace {
// Typing pauses this long before the search runs; the note is saved after the same kind of pause.
constexpr int kSearchDelayMs = 120;
constexpr int kNoteDelayMs = 700;

QSplitter* namedSplitter(Qt::Orientation orientation, const QString& name, QWidget* parent) {
  auto* splitter = new QSplitter(orientation, parent);
  splitter->setObjectName(name);  // named splitters keep their sizes across sessions
  splitter->setChildrenCollapsible(false);
  return splitter;
}

QWidget* titled(const QString& title, QWidget* extra, QLabel* message, QWidget* body, QWidget* parent) {
  auto* box = new QWidget(parent);
  auto* top = new QHBoxLayout;
  top->addWidget(new QLabel(title, box));
  top->addStretch(1);
  if (extra != nullptr) top->addWidget(extra);
  auto* column = new QVBoxLayout(box);
  column->setContentsMargins(0, 0, 0, 0);
  column->addLayout(top);
  message->setWordWrap(true);
  column->addWidget(message);
  column->addWidget(body, 1);
  return box;
}
}  // namespace

QTableView* ItemViewPage::makeTable(ItemViewListModel* model) {
  auto* view = new QTableView(this);
  view->setModel(model);
  view->setSelectionBehavior(QAbstractItemView::SelectRows);
  view->setSelectionMode(QAbstractItemView::SingleSelection);
  view->setAlternatingRowColors(true);
  view->setWordWrap(false);
  view->verticalHeader()->hide();
  view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
  view->horizontalHeader()->setStretchLastSection(false);
  return view;
}

QWidget* ItemViewPage::buildSearch() {
  auto* panel = new QWidget(this);
  m_search = new QLineEdit(panel);
  m_search->setPlaceholderText(tr("Search the catalog…"));
  m_search->setToolTip(tr("Words or beginnings of words of the title, category, brand or id (Ctrl+F)"));
  m_search->setClearButtonEnabled(true);
  m_searchCount = new QLabel(panel);
  m_searchDelay = new QTimer(this);
  m_searchDelay->setSingleShot(true);
  m_searchDelay->setInterval(kSearchDelayMs);
  m_results = new ItemViewListModel({tr("Id"), tr("Title"), tr("Interactions")}, this);
  m_resultsView = makeTable(m_results);
  m_resultsView->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
  panel->setMinimumWidth(300);
  auto* column = new QVBoxLayout(panel);
  column->setContentsMargins(0, 0, 0, 0);
  column->addWidget(m_search);
  column->addWidget(m_searchCount);
  column->addWidget(m_resultsView, 1);
  return panel;
}

QWidget* ItemViewPage::buildDetails() {
  auto* panel = new QWidget(this);
  m_title = new QLabel(panel);
  m_title->setObjectName(QStringLiteral("itemTitle"));
  m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_title->setWordWrap(true);
  QFont big = m_title->font();
  if (big.pointSizeF() > 0) big.setPointSizeF(big.pointSizeF() * 1.35);
  big.setBold(true);
  m_title->setFont(big);
  m_facts = new QLabel(panel);
  m_facts->setWordWrap(true);
  m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_bookmark = new QToolButton(panel);
  m_bookmark->setCheckable(true);
  m_bookmark->setToolButtonStyle(Qt::ToolButtonTextOnly);
  m_bookmark->setToolTip(tr("Bookmark this item (Ctrl+D)"));
  m_note = new QPlainTextEdit(panel);
  m_note->setPlaceholderText(tr("Note on this item (saved in the project as you type)…"));
  m_note->setMaximumHeight(m_note->fontMetrics().height() * 3 + 14);
  m_noteDelay = new QTimer(this);
  m_noteDelay->setSingleShot(true);
  m_noteDelay->setInterval(kNoteDelayMs);

  auto* headerText = new QVBoxLayout;
  headerText->addWidget(m_title);
  headerText->addWidget(m_facts);
  auto* header = new QHBoxLayout;
  header->addLayout(headerText, 1);
  header->addWidget(m_bookmark, 0, Qt::AlignTop);

  m_similarMessage = new QLabel(panel);
  m_similarMessage->setWordWrap(true);
  m_similarBy = new QComboBox(panel);
  m_similarBy->addItem(tr("model embeddings"), QStringLiteral("model"));
  m_similarBy->addItem(tr("content"), QStringLiteral("content"));
  m_similarBy->setToolTip(
      tr("Model embeddings: the cosine of the loaded model's item vectors (what the model treats as "
         "alike). Content: the cosine of the items' title words and attributes (category, brand, ...), "
         "TF-IDF reduced by a truncated SVD; it needs no model and also covers items nobody bought yet."));
  m_similarModel = new ItemViewListModel({tr("Id"), tr("Title"), tr("Cosine")}, this);
  m_similarView = makeTable(m_similarModel);
  m_similarView->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
  m_window = new QComboBox(panel);
  m_window->addItem(tr("any time"), qint64(-1));
  m_window->addItem(tr("within a day"), qint64(86400));
  m_window->addItem(tr("at the same time"), qint64(0));
  m_window->setToolTip(
      tr("Count an item only when the same user interacted with it this close in time to the "
         "shown item (\"at the same time\": the same basket or invoice)"));
  m_togetherMessage = new QLabel(panel);
  m_togetherModel = new ItemViewListModel({tr("Id"), tr("Title"), tr("Users"), tr("Lift")}, this);
  m_togetherView = makeTable(m_togetherModel);
  m_togetherView->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
  m_exposure = new ItemExposureChart(panel);
  m_whoGets = new ItemWhoGetsPanel(panel);

  auto* top = namedSplitter(Qt::Horizontal, QStringLiteral("itemViewTopPanels"), panel);
  top->addWidget(titled(tr("<b>Similar items</b> by"), m_similarBy, m_similarMessage, m_similarView, top));
  top->addWidget(titled(tr("<b>Bought together</b>"), m_window, m_togetherMessage, m_togetherView, top));
  auto* bottom = namedSplitter(Qt::Horizontal, QStringLiteral("itemViewBottomPanels"), panel);
  bottom->addWidget(m_exposure);
  bottom->addWidget(m_whoGets);
  bottom->setStretchFactor(0, 3);
  bottom->setStretchFactor(1, 2);
  auto* panels = namedSplitter(Qt::Vertical, QStringLiteral("itemViewPanels"), panel);
  panels->addWidget(top);
  panels->addWidget(bottom);

  auto* column = new QVBoxLayout(panel);
  column->setContentsMargins(0, 0, 0, 0);
  column->addLayout(header);
  column->addWidget(m_note);
  column->addWidget(panels, 1);
  return panel;
}

}  // namespace reclens
