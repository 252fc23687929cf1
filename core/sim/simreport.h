#pragma once
#include <string>

#include "audit/auditrun.h"
#include "sim/simulation.h"

namespace reclens::sim {

// A self-contained HTML report of a simulation, stamped like the audit report (`stamp`: project,
// dataset, model, device, versions, time): the configuration and the truth, the final figures of every
// policy with 95% intervals over seeds, the user-group gaps, and line charts of the main metrics against
// the round (one line per policy in its interval band).
std::string simulationReportHtml(const SimResult& result, const AuditProvenance& stamp);

}  // namespace reclens::sim
