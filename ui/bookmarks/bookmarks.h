#pragma once
#include <QObject>
#include <QString>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "store/projectstore.h"

namespace reclens {

// The open project's bookmarks and notes on users and items: read once when a project opens, kept in
// memory for the tables to ask cheaply, and written through to the project file (its own connection,
// on the GUI thread: each write is one small transaction). Emits changed() after every change.
class Bookmarks : public QObject {
  Q_OBJECT

 public:
  using Target = ProjectStore::AnnotationTarget;
  using Key = std::pair<Target, std::string>;

  explicit Bookmarks(QObject* parent = nullptr);
  ~Bookmarks() override;

  // Opens the project at `path` and reads its bookmarks and notes; an empty path closes. False (after
  // failed()) when the file cannot be opened for writing.
  bool setProject(const QString& path);
  bool isOpen() const { return m_store != nullptr; }

  bool isBookmarked(Target target, const std::string& ref) const;
  // Bookmarks or un-bookmarks a target; `label` (e.g. an item title) is stored with it.
  bool setBookmarked(Target target, const std::string& ref, bool on, const std::string& label = {});
  // Flips the bookmark of a target; returns the new state.
  bool toggle(Target target, const std::string& ref, const std::string& label = {});
  // The note on a target, "" when none.
  QString note(Target target, const std::string& ref) const;
  // Replaces the note on a target (blank deletes it).
  bool setNote(Target target, const std::string& ref, const QString& body);

  // Every bookmark, oldest first.
  const std::vector<ProjectStore::Bookmark>& bookmarks() const { return m_bookmarks; }
  // Every note by target.
  const std::map<Key, std::string>& notes() const { return m_notes; }

 Q_SIGNALS:
  void changed();
  // `action` is a translated sentence such as "Could not save the note".
  void failed(const QString& action, const reclens::Error& error);

 private:
  bool reload();

  std::unique_ptr<ProjectStore> m_store;
  std::vector<ProjectStore::Bookmark> m_bookmarks;
  std::map<Key, std::size_t> m_index;  // bookmark -> position in m_bookmarks
  std::map<Key, std::string> m_notes;
};

}  // namespace reclens
