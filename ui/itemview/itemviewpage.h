#pragma once
#include <QWidget>

#include <cstdint>
#include <memory>

#include "engine/similaritems.h"
#include "itemview/itemviewindex.h"
#include "services/backgroundjob.h"
#include "services/datasetsnapshot.h"
#include "services/modelsession.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableView;
class QTimer;
class QToolButton;

namespace reclens {

class Bookmarks;
class ItemExposureChart;
class ItemViewListModel;
class ItemWhoGetsPanel;

// The Item view: search the catalog by text, pick an item, and see its details, the items most similar
// to it (the model's embeddings or the items' content, cosine), the items bought together with it
// (co-occurrence), who gets it recommended (every user scored on request, off the GUI thread) and its
// interactions over time; with a bookmark toggle and a note that is saved as you type. Indexes are built off
// the GUI thread.
class ItemViewPage : public QWidget {
  Q_OBJECT

 public:
  static constexpr int kSearchLimit = 200;
  static constexpr int kListLength = 20;

  explicit ItemViewPage(Bookmarks& bookmarks, QWidget* parent = nullptr);
  ~ItemViewPage() override;

  // Shows `snapshot`'s catalog (null closes) and starts indexing it.
  void setSnapshot(std::shared_ptr<const DatasetSnapshot> snapshot);
  // The model for similar items and who-gets-it; null when none is loaded.
  void setSession(std::shared_ptr<const ModelSession> session);
  // Shows catalog row `item`; -1 or an invalid row clears the details.
  void showItem(int item);
  int currentItem() const { return m_item; }
  // Puts the keyboard focus into the search box and selects its text.
  void focusSearch();
  // Flips the bookmark of the item shown.
  void toggleBookmark();
  bool isIndexed() const { return m_index != nullptr; }
  bool hasSimilarItems() const { return m_similar != nullptr; }

  QLineEdit* searchEdit() const { return m_search; }
  QLabel* searchCount() const { return m_searchCount; }
  QTableView* resultsView() const { return m_resultsView; }
  ItemViewListModel* results() const { return m_results; }
  QLabel* titleLabel() const { return m_title; }
  QToolButton* bookmarkButton() const { return m_bookmark; }
  QPlainTextEdit* noteEdit() const { return m_note; }
  QTableView* similarView() const { return m_similarView; }
  ItemViewListModel* similar() const { return m_similarModel; }
  QTableView* togetherView() const { return m_togetherView; }
  ItemViewListModel* together() const { return m_togetherModel; }
  QComboBox* windowBox() const { return m_window; }
  // "model" or "content": what the similar items are similar in.
  QComboBox* similarByBox() const { return m_similarBy; }
  bool hasContentSimilarity() const { return m_content != nullptr; }
  ItemExposureChart* exposureChart() const { return m_exposure; }
  ItemWhoGetsPanel* whoGets() const { return m_whoGets; }

 Q_SIGNALS:
  // The search index of the current project is ready.
  void indexed();
  // Catalog row `item` is on screen (-1: none).
  void itemShown(int item);
  // The similar items of the shown item are listed (only when a model is loaded).
  void similarShown();
  // The user asked to see dataset user row `user`.
  void userRequested(int user);

 private:
  QWidget* buildSearch();
  QWidget* buildDetails();
  QTableView* makeTable(ItemViewListModel* model);
  void startIndexing();
  void startSimilar();
  void startContentSimilarity();
  // Lists the items most similar to the shown one from `similar` (null: says why with `waiting`).
  void listSimilar(const SimilarItems* similar, const QString& waiting);
  void runSearch();
  void showSimilar();
  void showTogether();
  void updateHeader();
  void updateBookmark();
  void saveNote();

  Bookmarks& m_bookmarks;
  BackgroundJob m_indexJob;
  BackgroundJob m_similarJob;
  BackgroundJob m_contentJob;
  std::shared_ptr<const DatasetSnapshot> m_snapshot;
  std::shared_ptr<const ModelSession> m_session;
  std::shared_ptr<const ItemViewIndex> m_index;
  std::shared_ptr<const SimilarItems> m_similar;
  std::shared_ptr<const SimilarItems> m_content;  // content similarity, built when first asked for
  int m_item = -1;
  std::string m_noteRef;  // the item id the note editor holds the text of

  QLineEdit* m_search;
  QLabel* m_searchCount;
  QTimer* m_searchDelay;
  ItemViewListModel* m_results;
  QTableView* m_resultsView;
  QLabel* m_title;
  QLabel* m_facts;
  QToolButton* m_bookmark;
  QPlainTextEdit* m_note;
  QTimer* m_noteDelay;
  QLabel* m_similarMessage;
  ItemViewListModel* m_similarModel;
  QTableView* m_similarView;
  QComboBox* m_window;
  QComboBox* m_similarBy;
  QLabel* m_togetherMessage;
  ItemViewListModel* m_togetherModel;
  QTableView* m_togetherView;
  ItemExposureChart* m_exposure;
  ItemWhoGetsPanel* m_whoGets;
};

}  // namespace reclens
