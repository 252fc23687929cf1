// WhatIfPage: the project, model and user shown, and the editors of the user's attributes.
#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStringListModel>

#include <algorithm>

#include "explanation/attributionheatmap.h"
#include "explanation/egographpane.h"
#include "services/whatifservice.h"
#include "whatif/historytimeline.h"
#include "whatif/replaycontroller.h"
#include "whatif/whatifcatalogpanel.h"
#include "whatif/whatifeditor.h"
#include "whatif/whatifhistorymodel.h"
#include "whatif/whatiflistmodel.h"
#include "whatif/whatifmixplot.h"
#include "whatif/whatifpage.h"
#include "whatif/whatifscenariobar.h"
#include "whatif/whatifsearchbox.h"
#include "widgets/displayformat.h"

namespace reclens {

void WhatIfPage::setSnapshot(std::shared_ptr<const DatasetSnapshot> snapshot) {
  m_service->cancel();
  m_snapshot = std::move(snapshot);
  m_session.reset();
  m_user = -1;
  m_events.clear();
  m_outcome.reset();
  m_baseline.reset();
  m_compareEdits.reset();
  m_compareDelisted.clear();
  m_compareName.clear();
  m_editor->setBase({});
  m_historyModel->setHistory(m_snapshot, {});
  m_timeline->setHistory(m_snapshot, {});
  m_replay->setSteps({}, TimeUnit::UnixSeconds);
  m_listModel->clear();
  m_heatmap->clear();
  m_graph->clear();
  m_mix->clear();
  m_search->setSnapshot(m_snapshot);
  m_catalog->setSnapshot(m_snapshot);
  m_scenarios->setProject(m_snapshot ? m_snapshot->projectPath() : std::string());
  m_scenarios->setUser({});
  m_modelLabel->setText(tr("no model"));
  QStringList ids;
  if (m_snapshot) {
    for (const auto& id : m_snapshot->dataset().users.ids) ids << display::text(id);
  }
  static_cast<QStringListModel*>(m_userEdit->completer()->model())->setStringList(ids);
  m_userEdit->clear();
  rebuildAttributes();
}

void WhatIfPage::setSession(std::shared_ptr<const ModelSession> session) {
  if (session == m_session) return;
  m_session = std::move(session);
  m_baseline.reset();
  m_modelLabel->setText(m_session ? display::text(m_session->name()) : tr("no model"));
  rebuildAttributes();
  if (m_user >= 0) {
    showUser(m_user);
  } else {
    requestImpact();
  }
}

void WhatIfPage::userEntered() {
  if (!m_snapshot) return;
  const auto& ids = m_snapshot->dataset().users.ids;
  const std::string id = m_userEdit->text().trimmed().toStdString();
  const auto it = std::find(ids.begin(), ids.end(), id);
  if (it == ids.end()) {
    showMessage(tr("There is no user %1 in this project").arg(display::text(id)), true);
    return;
  }
  showUser(static_cast<int>(it - ids.begin()));
}

void WhatIfPage::showUser(int user) {
  if (!m_snapshot || user < 0 || static_cast<std::size_t>(user) >= m_snapshot->userCount()) return;
  m_user = user;
  m_baseline.reset();
  m_outcome.reset();
  m_graphItem = -1;
  const auto& dataset = m_snapshot->dataset();
  m_userEdit->setText(display::text(dataset.users.ids[static_cast<std::size_t>(user)]));
  m_events = userHistoryEvents(dataset, user);
  m_editor->setBase(m_session ? m_session->profiles().profile(user) : UserProfile{});
  m_historyModel->setHistory(m_snapshot, m_events);
  m_timeline->setHistory(m_snapshot, m_events);
  m_replay->setSteps(replaySteps(m_events), dataset.info.timeUnit);
  m_scenarios->setUser(dataset.users.ids[static_cast<std::size_t>(user)]);
  syncAttributes();
  requestCompute();
}

std::int32_t WhatIfPage::heaviestHistoryItem() const {
  const auto& base = m_editor->base();
  if (base.items.empty()) return -1;
  const auto best = std::max_element(base.weights.begin(), base.weights.end());
  return base.items[static_cast<std::size_t>(best - base.weights.begin())];
}

void WhatIfPage::rebuildAttributes() {
  while (m_attributeForm->rowCount() > 0) m_attributeForm->removeRow(0);
  m_fieldBoxes.clear();
  if (!m_session || m_session->model()->metadata().userFields.empty()) {
    auto* note = new QLabel(m_session ? tr("This model uses no user attributes.")
                                      : tr("Load a model to change the user's attributes."),
                            m_attributes);
    note->setWordWrap(true);
    m_attributeForm->addRow(note);
    return;
  }
  const auto& fields = m_session->model()->metadata().userFields;
  for (std::size_t f = 0; f < fields.size(); ++f) {
    auto* box = new QComboBox(m_attributes);
    box->addItem(tr("(missing)"), -1);
    for (std::size_t c = 0; c < fields[f].vocabulary.size(); ++c)
      box->addItem(display::text(fields[f].vocabulary[c]), static_cast<int>(c));
    box->setToolTip(tr("Set this attribute for the what-if (undoable)"));
    const int field = static_cast<int>(f);
    connect(box, &QComboBox::activated, this, [this, box, field](int index) {
      m_editor->setField(
          field, box->itemData(index).toInt(),
          tr("Set %1 to %2")
              .arg(display::text(
                       m_session->model()->metadata().userFields[static_cast<std::size_t>(field)].name),
                   box->itemText(index)));
    });
    m_attributeForm->addRow(tr("%1:").arg(display::text(fields[f].name)), box);
    m_fieldBoxes.push_back(box);
  }
  syncAttributes();
}

void WhatIfPage::syncAttributes() {
  const auto& base = m_editor->base();
  const auto& state = m_editor->state();
  for (std::size_t f = 0; f < m_fieldBoxes.size(); ++f) {
    std::int32_t code = f < base.fieldCodes.size() ? base.fieldCodes[f] : -1;
    if (const auto it = state.fields.find(static_cast<int>(f)); it != state.fields.end()) code = it->second;
    const QSignalBlocker block(m_fieldBoxes[f]);
    m_fieldBoxes[f]->setCurrentIndex(std::max(0, m_fieldBoxes[f]->findData(code)));
    QFont font = m_fieldBoxes[f]->font();
    font.setBold(state.fields.count(static_cast<int>(f)) != 0);
    m_fieldBoxes[f]->setFont(font);
  }
}

}  // namespace reclens
