#include "bookmarks/bookmarks.h"

namespace reclens {

Bookmarks::Bookmarks(QObject* parent) : QObject(parent) {}
Bookmarks::~Bookmarks() = default;

bool Bookmarks::setProject(const QString& path) {
  m_store.reset();
  m_bookmarks.clear();
  m_index.clear();
  m_notes.clear();
  bool ok = true;
  if (!path.isEmpty()) {
    auto store = ProjectStore::open(path.toStdString(), ProjectStore::Mode::ReadWrite);
    if (store) {
      m_store = std::move(store).value();
      ok = reload();
    } else {
      Q_EMIT failed(tr("Bookmarks and notes are read-only for this project"), store.error());
      ok = false;
    }
  }
  Q_EMIT changed();
  return ok;
}

bool Bookmarks::reload() {
  auto marks = m_store->bookmarks();
  auto notes = m_store->notes();
  if (!marks || !notes) {
    Q_EMIT failed(tr("Could not read the bookmarks and notes"), !marks ? marks.error() : notes.error());
    return false;
  }
  m_bookmarks = std::move(marks).value();
  m_index.clear();
  for (std::size_t i = 0; i < m_bookmarks.size(); ++i)
    m_index.emplace(Key(m_bookmarks[i].target, m_bookmarks[i].ref), i);
  m_notes.clear();
  for (auto& n : notes.value()) m_notes.emplace(Key(n.target, n.ref), std::move(n.body));
  return true;
}

bool Bookmarks::isBookmarked(Target target, const std::string& ref) const {
  return m_index.count(Key(target, ref)) != 0;
}

bool Bookmarks::setBookmarked(Target target, const std::string& ref, bool on, const std::string& label) {
  if (!m_store) return false;
  if (on == isBookmarked(target, ref)) return true;
  if (auto st = m_store->setBookmarked(target, ref, on, label); !st) {
    Q_EMIT failed(tr("Could not change the bookmark"), st.error());
    return false;
  }
  const bool ok = reload();
  Q_EMIT changed();
  return ok;
}

bool Bookmarks::toggle(Target target, const std::string& ref, const std::string& label) {
  const bool on = !isBookmarked(target, ref);
  setBookmarked(target, ref, on, label);
  return isBookmarked(target, ref);
}

QString Bookmarks::note(Target target, const std::string& ref) const {
  const auto it = m_notes.find(Key(target, ref));
  return it == m_notes.end() ? QString() : QString::fromStdString(it->second);
}

bool Bookmarks::setNote(Target target, const std::string& ref, const QString& body) {
  if (!m_store) return false;
  const std::string text = body.trimmed().isEmpty() ? std::string() : body.toStdString();
  const auto it = m_notes.find(Key(target, ref));
  if ((it == m_notes.end() && text.empty()) || (it != m_notes.end() && it->second == text)) return true;
  if (auto st = m_store->setNote(target, ref, text); !st) {
    Q_EMIT failed(tr("Could not save the note"), st.error());
    return false;
  }
  if (text.empty())
    m_notes.erase(Key(target, ref));
  else
    m_notes[Key(target, ref)] = text;
  Q_EMIT changed();
  return true;
}

}  // namespace reclens
