#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "engine/scoringengine.h"
#include "services/whatifresult.h"

namespace reclens {

// The work of the what-if thread. Holds the ScoringEngine of the model last used (rebuilt when the
// model changes) and the baseline lists of the last impact sample, so it must be used from one
// thread at a time. Never throws: failures come back in the outcome's error.
class WhatIfCompute {
 public:
  WhatIfCompute();
  ~WhatIfCompute();

  // The edited list against its baseline, the category mixes and the attributions of the first rows.
  WhatIfOutcome run(const WhatIfRequest& request, const TaskControl& control);
  // The ego graph of the request's target on the edited profile.
  WhatIfGraphOutcome graph(const WhatIfGraphRequest& request, const TaskControl& control);
  // Long-tail metrics of the sampled users' lists with and without the delisted items.
  WhatIfImpactOutcome impact(const WhatIfImpactRequest& request, const TaskControl& control);

  // The profile a request describes: the user's profile (as of `asOf` when replaying) after `edits`.
  static Result<UserProfile> editedProfile(const WhatIfRequest& request,
                                           const std::vector<WhatIfEdit>& edits);

 private:
  ScoringEngine& engineFor(const ModelSession& session);
  Result<std::vector<Recommendation>> listFor(const UserProfile& profile, int k,
                                              const std::vector<std::int32_t>& delisted);
  Status sampleBaseline(const WhatIfImpactRequest& request, const TaskControl& control);

  std::shared_ptr<const ModelFile> m_model;
  std::unique_ptr<ScoringEngine> m_engine;
  // The impact sample of the last request: its users, their vectors and histories, baseline lists.
  std::shared_ptr<const ModelSession> m_sampleSession;
  int m_sampleK = 0;
  int m_sampleUsers = 0;
  std::vector<float> m_sampleVectors;
  std::vector<std::vector<std::int32_t>> m_sampleHistories;
  std::vector<std::vector<Recommendation>> m_sampleBaseline;
};

}  // namespace reclens
