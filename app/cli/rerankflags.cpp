#include "rerankflags.h"

#include <map>

namespace reclens::cli {

std::vector<CLI::Option*> addReRankFlags(CLI::App* sub, ReRankOptions& o, const std::string& purpose) {
  std::vector<CLI::Option*> out;
  out.push_back(sub->add_option("--pop-penalty", o.popularityPenalty,
                                purpose + " with this popularity penalty λ (0 = off)")
                    ->check(CLI::Range(0.0, 100.0)));
  out.push_back(sub->add_option("--mmr", o.diversity, purpose + " by MMR diversity, λ in [0, 1] (0 = off)")
                    ->check(CLI::Range(0.0, 1.0)));
  out.push_back(sub->add_option("--category-cap", o.categoryCap,
                                purpose + " with at most this many items per category (0 = no cap)")
                    ->check(CLI::NonNegativeNumber));
  out.push_back(sub->add_option("--calibration", o.calibration,
                                purpose + " by calibration, λ in [0, 1] (Steck 2018): the list's category "
                                          "mix towards the history's (0 = off)")
                    ->check(CLI::Range(0.0, 1.0)));
  out.push_back(sub->add_option("--provider-fair", o.providerFairness,
                                purpose +
                                    " for provider fairness, φ in [0, 1]: the exposure shares of the "
                                    "--provider-field groups in the list towards --provider-target (0 = off)")
                    ->check(CLI::Range(0.0, 1.0)));
  out.push_back(sub->add_option("--provider-field", o.providerField,
                                "Provider groups of --provider-fair: tier or a catalog field")
                    ->capture_default_str());
  const std::map<std::string, ProviderTarget> targets = {{"catalog", ProviderTarget::CatalogShare},
                                                         {"equal", ProviderTarget::Equal}};
  out.push_back(sub->add_option("--provider-target", o.providerTarget,
                                "Target exposure shares of --provider-fair: catalog (each group's share of "
                                "the catalog's items) or equal")
                    ->transform(CLI::CheckedTransformer(targets, CLI::ignore_case)));
  out.push_back(sub->add_option("--user-aware-penalty", o.userAwarePenalty,
                                purpose + " with a popularity penalty λ scaled per user by the share of "
                                          "their history outside the popular items (0 = off)")
                    ->check(CLI::Range(0.0, 100.0)));
  return out;
}

nlohmann::json reRankJson(const ReRankOptions& o) {
  return {{"pop_penalty", o.popularityPenalty},
          {"mmr", o.diversity},
          {"category_cap", o.categoryCap},
          {"calibration", o.calibration},
          {"provider_fairness", o.providerFairness},
          {"provider_field", o.providerField},
          {"provider_target", o.providerTarget == ProviderTarget::Equal ? "equal" : "catalog"},
          {"user_aware_penalty", o.userAwarePenalty}};
}

}  // namespace reclens::cli
