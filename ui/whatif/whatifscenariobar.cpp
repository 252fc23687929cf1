#include "whatif/whatifscenariobar.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>

#include "widgets/displayformat.h"

namespace reclens {

WhatIfScenarioBar::WhatIfScenarioBar(QWidget* parent)
    : QWidget(parent),
      m_box(new QComboBox(this)),
      m_load(new QPushButton(tr("Load"), this)),
      m_save(new QPushButton(tr("Save…"), this)),
      m_delete(new QPushButton(tr("Delete"), this)),
      m_compare(new QComboBox(this)) {
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(new QLabel(tr("Scenario:"), this));
  m_box->setMinimumContentsLength(14);
  m_box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  m_box->setToolTip(tr("What-if scenarios of this user saved in the project"));
  m_load->setToolTip(tr("Apply the chosen scenario's edits (undoable)"));
  m_save->setToolTip(tr("Save the current edits as a named scenario in the project file"));
  m_delete->setToolTip(tr("Delete the chosen scenario from the project file"));
  m_compare->setMinimumContentsLength(14);
  m_compare->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  m_compare->setToolTip(tr("Rank changes and overlap are shown against this list"));
  row->addWidget(m_box);
  row->addWidget(m_load);
  row->addWidget(m_save);
  row->addWidget(m_delete);
  row->addSpacing(12);
  row->addWidget(new QLabel(tr("Compare with:"), this));
  row->addWidget(m_compare);
  connect(m_save, &QPushButton::clicked, this, &WhatIfScenarioBar::askName);
  connect(m_load, &QPushButton::clicked, this, &WhatIfScenarioBar::loadSelected);
  connect(m_delete, &QPushButton::clicked, this, &WhatIfScenarioBar::deleteSelected);
  connect(m_compare, &QComboBox::activated, this, [this](int index) {
    const auto* r = record(index - 1);
    Q_EMIT compareChanged(r ? display::text(r->name) : QString(), r ? r->specJson : std::string());
  });
  reload({});
}

void WhatIfScenarioBar::setProject(const std::string& path) {
  m_path = path;
  reload({});
}

void WhatIfScenarioBar::setUser(const std::string& userRef) {
  if (userRef == m_user) return;
  m_user = userRef;
  reload({});
}

const ProjectStore::ScenarioRecord* WhatIfScenarioBar::record(int boxIndex) const {
  return boxIndex >= 0 && boxIndex < static_cast<int>(m_records.size())
             ? &m_records[static_cast<std::size_t>(boxIndex)]
             : nullptr;
}

void WhatIfScenarioBar::reload(const QString& select) {
  m_records.clear();
  if (!m_path.empty() && !m_user.empty()) {
    auto store = ProjectStore::open(m_path, ProjectStore::Mode::ReadOnly);
    auto records = store ? store.value()->scenarios(m_user)
                         : Result<std::vector<ProjectStore::ScenarioRecord>>(store.error());
    if (records) {
      m_records = std::move(records).value();
    } else {
      Q_EMIT failed(tr("Could not read the saved scenarios: %1").arg(display::text(records.error().message)));
    }
  }
  const QString compared = m_compare->currentIndex() > 0 ? m_compare->currentText() : QString();
  m_box->clear();
  m_compare->clear();
  m_compare->addItem(tr("unedited history"));
  for (const auto& r : m_records) {
    const QString name = display::text(r.name);
    m_box->addItem(name);
    m_box->setItemData(
        m_box->count() - 1,
        tr("Saved %1").arg(QDateTime::fromSecsSinceEpoch(r.created, Qt::UTC).toString(Qt::ISODate)),
        Qt::ToolTipRole);
    m_compare->addItem(name);
  }
  if (!select.isEmpty()) m_box->setCurrentText(select);
  if (!compared.isEmpty()) {
    m_compare->setCurrentText(compared);
    // The compared scenario is gone (deleted, or another user's): compare with the unedited history.
    if (m_compare->currentIndex() == 0) Q_EMIT compareChanged({}, {});
  }
  const bool any = !m_records.empty();
  m_box->setEnabled(any);
  m_load->setEnabled(any);
  m_delete->setEnabled(any);
  m_save->setEnabled(!m_path.empty() && !m_user.empty());
}

bool WhatIfScenarioBar::selectScenario(const QString& name) {
  const int index = m_box->findText(name);
  if (index < 0) return false;
  m_box->setCurrentIndex(index);
  return true;
}

void WhatIfScenarioBar::askName() {
  bool ok = false;
  const QString name = QInputDialog::getText(this, tr("Save Scenario"), tr("Name of the scenario:"),
                                             QLineEdit::Normal, m_box->currentText(), &ok)
                           .trimmed();
  if (ok && !name.isEmpty()) Q_EMIT saveRequested(name);
}

bool WhatIfScenarioBar::save(const QString& name, const std::string& specJson) {
  auto store = ProjectStore::open(m_path, ProjectStore::Mode::ReadWrite);
  if (!store) {
    Q_EMIT failed(tr("Could not save the scenario: %1").arg(display::text(store.error().message)));
    return false;
  }
  ProjectStore::ScenarioRecord record;
  record.name = name.toStdString();
  record.userRef = m_user;
  record.specJson = specJson;
  record.created = QDateTime::currentSecsSinceEpoch();
  auto id = store.value()->saveScenario(record);
  if (!id) {
    Q_EMIT failed(tr("Could not save the scenario: %1").arg(display::text(id.error().message)));
    return false;
  }
  store.value().reset();
  reload(name);
  return true;
}

void WhatIfScenarioBar::loadSelected() {
  if (const auto* r = record(m_box->currentIndex()))
    Q_EMIT loadRequested(display::text(r->name), r->specJson);
}

void WhatIfScenarioBar::deleteSelected() {
  const auto* r = record(m_box->currentIndex());
  if (r == nullptr) return;
  auto store = ProjectStore::open(m_path, ProjectStore::Mode::ReadWrite);
  const Status status = store ? store.value()->deleteScenario(r->id) : Status(store.error());
  if (!status) {
    Q_EMIT failed(tr("Could not delete the scenario: %1").arg(display::text(status.error().message)));
    return;
  }
  reload({});
}

}  // namespace reclens
