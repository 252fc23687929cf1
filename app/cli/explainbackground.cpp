#include "explainbackground.h"

#include <cmath>
#include <cstdio>

#include "engine/userprofilebuilder.h"

namespace reclens::cli {

namespace {
nlohmann::json number(double v) {
  return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}
}  // namespace

Result<std::shared_ptr<const UserBackground>> projectBackground(const UserProfileBuilder& profiles,
                                                                const ModelFile& model,
                                                                const TaskControl& control) {
  auto b = computeUserBackground(
      model, profiles.users(), [&](std::size_t i) { return profiles.profile(static_cast<std::int32_t>(i)); },
      control);
  if (!b) return b.error();
  return std::make_shared<const UserBackground>(std::move(b.value()));
}

Result<std::shared_ptr<const UserBackground>> groupBackground(const UserProfileBuilder& profiles,
                                                              const ModelFile& model,
                                                              const std::vector<std::int32_t>& users,
                                                              const TaskControl& control) {
  auto b = computeUserBackground(
      model, users.size(), [&](std::size_t i) { return profiles.profile(users[i]); }, control);
  if (!b) return b.error();
  return std::make_shared<const UserBackground>(std::move(b.value()));
}

Result<std::shared_ptr<const std::vector<UserBackground>>> projectSample(const UserProfileBuilder& profiles,
                                                                         const ModelFile& model,
                                                                         std::size_t k, std::uint64_t seed,
                                                                         const TaskControl& control) {
  auto sample = sampleUserBackgrounds(
      model, profiles.users(), [&](std::size_t i) { return profiles.profile(static_cast<std::int32_t>(i)); },
      k, seed, control);
  if (!sample) return sample.error();
  return std::make_shared<const std::vector<UserBackground>>(std::move(sample.value()));
}

Result<ModelCollapse> projectCollapse(const UserProfileBuilder& builder,
                                      const std::shared_ptr<const ModelFile>& model,
                                      const AttributionOptions& options, int topK, std::size_t users,
                                      std::uint64_t seed, const TaskControl& control) {
  std::vector<UserProfile> profiles;
  for (std::size_t u = 0; u < builder.users(); ++u)
    profiles.push_back(builder.profile(static_cast<std::int32_t>(u)));
  CollapseOptions c;
  c.attribution = options;
  c.topK = topK;
  c.users = users;
  c.seed = seed;
  return measureCollapse(model, profiles, options.background.get(), c, control);
}

nlohmann::json modelCollapseJson(const ModelCollapse& m) {
  return {{"users", m.users},
          {"mean_cosine", number(m.meanCosine)},
          {"mean_common_share", number(m.meanCommonShare)},
          {"collapsed_share", m.collapsedShare},
          {"same_lead_share", m.sameLeadShare},
          {"contrast", explanationContrastName(m.contrast)},
          {"shown_same_lead_share", m.shownSameLeadShare},
          {"compared_share", m.comparedShare}};
}

void printModelCollapse(const ModelCollapse& m, const AttributionOptions& options) {
  std::printf("\nModel diagnostic over %zu sampled users (method %s, baseline %s)\n", m.users,
              attributionMethodName(options.method), attributionBaselineName(options.baseline));
  std::printf("  mean pairwise cosine                   %.3f\n", m.meanCosine);
  std::printf("  mean share of the scores every user gets  %.1f%%\n", 100.0 * m.meanCommonShare);
  std::printf("  users whose explanations collapse      %.1f%%\n", 100.0 * m.collapsedShare);
  std::printf("  users whose items all lead with the same history item  %.1f%%\n", 100.0 * m.sameLeadShare);
  if (m.contrast == ExplanationContrast::Automatic)
    std::printf("  users whose items are compared with each other (automatic)  %.1f%%\n",
                100.0 * m.comparedShare);
  if (m.contrast != ExplanationContrast::None)
    std::printf("  the same, as shown%s  %.1f%%\n",
                m.contrast == ExplanationContrast::Automatic ? "" : " (each item compared with the others)",
                100.0 * m.shownSameLeadShare);
}

nlohmann::json collapseJson(const CollapseDiagnostic& d, std::size_t backgroundUsers) {
  return {{"items", d.items},
          {"mean_cosine", number(d.meanCosine)},
          {"common_share", number(d.commonShare)},
          {"same_lead", d.sameLead},
          {"collapsed", d.collapsed},
          {"cosine_threshold", kCollapseCosine},
          {"common_share_threshold", kCollapseCommonShare},
          {"background_users", backgroundUsers}};
}

void printCollapse(const CollapseDiagnostic& d, std::size_t backgroundUsers) {
  std::printf("\nCollapse diagnostic over %zu item(s) (average user of %zu users)\n", d.items,
              backgroundUsers);
  if (std::isfinite(d.meanCosine))
    std::printf("  mean pairwise cosine of the attributions  %.3f  (collapsed from %.2f)\n", d.meanCosine,
                kCollapseCosine);
  if (std::isfinite(d.commonShare))
    std::printf("  share of the scores every user gets       %.1f%%  (collapsed from %.0f%%)\n",
                100.0 * d.commonShare, 100.0 * kCollapseCommonShare);
  std::printf("  every item leads with the same history item: %s\n", d.sameLead ? "yes" : "no");
  if (!d.collapsed) return;
  if (std::isfinite(d.commonShare) && d.commonShare >= kCollapseCommonShare) {
    std::printf(
        "  Warning: these scores are dominated by a direction shared by all users (mostly "
        "popularity); see the personal parts, or explain with --baseline average.\n");
  } else {
    std::printf(
        "  Warning: the explanations of these items tell the same story; explain with --baseline "
        "average to see what sets each item apart.\n");
  }
}

}  // namespace reclens::cli
