// WhatIfPage: saving, loading and comparing the scenarios kept in the project file.
#include <QLabel>

#include <algorithm>

#include "engine/whatifscenario.h"
#include "whatif/whatifeditor.h"
#include "whatif/whatifpage.h"
#include "whatif/whatifscenariobar.h"
#include "widgets/displayformat.h"

namespace reclens {

std::string WhatIfPage::currentSpec() const {
  const auto& state = m_editor->state();
  const std::vector<std::int32_t> items(state.delistedItems.begin(), state.delistedItems.end());
  const std::vector<std::string> brands(state.delistedBrands.begin(), state.delistedBrands.end());
  return scenarioToJson(describeScenario(state.edits(m_editor->base()), items, brands,
                                         m_snapshot->dataset().items, m_session->model()->metadata()));
}

bool WhatIfPage::saveScenario(const QString& name) {
  if (!m_session || !m_snapshot || m_user < 0) {
    showMessage(tr("Pick a user under a model before saving a scenario"), true);
    return false;
  }
  if (!m_scenarios->save(name, currentSpec())) return false;
  showMessage(tr("Scenario “%1” saved in the project").arg(name), false);
  return true;
}

bool WhatIfPage::loadScenario(const QString& name) {
  if (!m_session || !m_snapshot || m_user < 0) return false;
  const auto& records = m_scenarios->scenarios();
  const auto it =
      std::find_if(records.begin(), records.end(),
                   [&name](const ProjectStore::ScenarioRecord& r) { return display::text(r.name) == name; });
  if (it == records.end()) {
    showMessage(tr("There is no saved scenario “%1” for this user").arg(name), true);
    return false;
  }
  auto scenario = scenarioFromJson(it->specJson);
  if (!scenario) {
    showMessage(tr("Could not read scenario “%1”: %2").arg(name, display::text(scenario.error().message)),
                true);
    return false;
  }
  const auto& catalog = m_snapshot->dataset().items;
  auto edits = resolveScenarioEdits(scenario.value(), catalog, m_session->model()->metadata());
  if (!edits) {
    showMessage(tr("Could not apply scenario “%1”: %2").arg(name, display::text(edits.error().message)),
                true);
    return false;
  }
  WhatIfState state = WhatIfState::fromEdits(edits.value(), m_editor->base());
  for (const auto row : resolveDelistedItems(scenario.value(), catalog)) state.delistedItems.insert(row);
  state.delistedBrands.insert(scenario.value().delistedBrands.begin(), scenario.value().delistedBrands.end());
  m_editor->replaceState(std::move(state), tr("Load scenario %1").arg(name));
  m_scenarios->selectScenario(name);
  showMessage(tr("Scenario “%1” applied (Undo takes it back)").arg(name), false);
  return true;
}

void WhatIfPage::compareWith(const QString& name, const std::string& specJson) {
  m_compareEdits.reset();
  m_compareDelisted.clear();
  m_compareName.clear();
  if (!specJson.empty() && m_session && m_snapshot) {
    auto scenario = scenarioFromJson(specJson);
    auto edits = scenario ? resolveScenarioEdits(scenario.value(), m_snapshot->dataset().items,
                                                 m_session->model()->metadata())
                          : Result<std::vector<WhatIfEdit>>(scenario.error());
    if (!edits) {
      showMessage(tr("Could not compare with “%1”: %2").arg(name, display::text(edits.error().message)),
                  true);
    } else {
      WhatIfState other;
      for (const auto row : resolveDelistedItems(scenario.value(), m_snapshot->dataset().items))
        other.delistedItems.insert(row);
      other.delistedBrands.insert(scenario.value().delistedBrands.begin(),
                                  scenario.value().delistedBrands.end());
      m_compareEdits = std::move(edits).value();
      m_compareDelisted = delistedRows(other);
      m_compareName = name;
    }
  }
  requestCompute();
}

}  // namespace reclens
