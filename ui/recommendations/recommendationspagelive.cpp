// RecommendationsPage: following live events appended to the open project.
#include <QCompleter>
#include <QLineEdit>
#include <QStringListModel>

#include "recommendations/recommendationspage.h"
#include "widgets/displayformat.h"

namespace reclens {

void RecommendationsPage::followLive(std::shared_ptr<const DatasetSnapshot> grown,
                                     std::shared_ptr<const ModelSession> session, bool userChanged) {
  if (!grown) return;
  const std::size_t known = m_snapshot ? m_snapshot->userCount() : 0;
  m_snapshot = std::move(grown);
  // A session made with another model than the one shown (a load finished meanwhile) is not taken.
  if (session && (!m_session || session->model() == m_session->model())) m_session = std::move(session);
  if (m_snapshot->userCount() > known) {
    auto* model = static_cast<QStringListModel*>(m_userEdit->completer()->model());
    QStringList ids = model->stringList();
    for (std::size_t u = known; u < m_snapshot->userCount(); ++u)
      ids.push_back(display::text(m_snapshot->dataset().users.ids[u]));
    model->setStringList(ids);
  }
  if (userChanged && m_session && m_user >= 0) {
    m_highlightNext = true;
    requestRecompute();
  }
}

bool RecommendationsPage::showsModelOf(const std::shared_ptr<const ModelSession>& session) const {
  return session && m_session && session->model() == m_session->model();
}

}  // namespace reclens
