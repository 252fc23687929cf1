#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/taskcontrol.h"
#include "data/dataset.h"
#include "engine/userprofile.h"
#include "model/modelfile.h"

namespace reclens {

// How the score of a recommended item is split over its inputs (docs/explanations.md).
enum class AttributionMethod {
  IntegratedGradients,  // path integral of the gradient from the baseline to the input
  GradientTimesInput,   // gradient at the input times the input (baseline zero)
  Occlusion,            // exact score change when one field is removed
  Shapley,              // mean marginal contribution over sampled permutations of the fields
};

// The quadrature of Integrated Gradients over the path parameter in [0, 1].
enum class IntegrationRule {
  Midpoint,   // steps points at (s + 0.5) / steps, equal weights
  Trapezoid,  // steps + 1 points at s / steps, half weight at both ends
};

// What "a field is absent" means for Integrated Gradients and Shapley.
enum class AttributionBaseline {
  Zero,           // every input zero: history weights 0 and rows zero, user field rows zero, item parts zero
  MissingFields,  // as Zero, except that each user field row is the model's vector for a missing value
  // The average user (explain/background.h): every history row the users' mean history row with this
  // user's own weights, every user field row the users' mean row, and each item part the item's own
  // (so item parts get no attribution). Needs AttributionOptions::background.
  AverageUser,
};

struct UserBackground;

// The attribution unit an entry describes.
enum class FieldKind { History, UserField, ItemPart };

struct AttributionOptions {
  AttributionMethod method = AttributionMethod::IntegratedGradients;
  int steps = 32;  // Integrated Gradients
  IntegrationRule rule = IntegrationRule::Midpoint;
  AttributionBaseline baseline = AttributionBaseline::Zero;
  int samples = 64;  // Shapley permutations (rounded up to an even number: each one comes with its reverse)
  std::uint64_t seed = 1;  // Shapley
  // Use the closed form the model file declares (and that matched its methods at load) instead of
  // autograd; both give the same numbers, the closed form faster. False forces autograd.
  bool closedForm = true;
  // The average user for AttributionBaseline::AverageUser, computed once by computeUserBackground()
  // from the same model; unused by the other baselines.
  std::shared_ptr<const UserBackground> background;
};

// One field's share of one item's score.
struct FieldAttribution {
  FieldKind kind = FieldKind::History;
  int index = 0;           // position in the history, user field index, or item part index
  std::int32_t item = -1;  // catalog row of a history item; -1 for the other kinds
  std::string label;       // history: item title (or id); user field: field name; item part: part name
  // history: the item id; user field: the user's value ("" when missing); item part: the item's value
  std::string value;
  double attribution = 0.0;  // summed over embedding dimensions
  // Shapley: standard error of the mean marginal contribution (NaN from a single pair); 0 otherwise
  double standardError = 0.0;
};

// The parts of the plain-language reason line, for callers that translate it.
struct ReasonParts {
  std::vector<std::string> historyTitles;  // up to three history items with the largest positive attributions
  std::string userField;                   // the user field with the largest positive attribution, or ""
  std::string userValue;                   // its value
  std::string itemPart;                    // the item part with the largest positive attribution, or ""
  std::string itemPartValue;               // its value for the item (e.g. the category), or ""
  std::string text;                        // a default English sentence built from the parts
  // What sets this item apart from the other items explained with it (explain/distinctive.h): up to
  // three history items whose share of this item's attribution most exceeds their mean share over the
  // other items; empty with a single item or when nothing stands out.
  std::vector<std::string> distinctiveTitles;
  std::string distinctiveText;  // a default English sentence, or ""
};

// The explanation of one item's score for one user.
struct ItemExplanation {
  std::int32_t item = -1;       // catalog row
  double output = 0.0;          // f(x): the model's score of the item for the user
  double baselineOutput = 0.0;  // f(x'): the score with every field at its baseline
  // Σ attributions − (f(x) − f(x')); NaN for occlusion, whose attributions need not add up.
  double completenessDelta = 0.0;
  std::vector<FieldAttribution> fields;  // history rows, then user fields, then item parts
  ReasonParts reason;
};

struct Explanation {
  AttributionOptions options;
  // How the numbers were computed: "closed form (...)", "autograd, batched (user_vectors)" or
  // "autograd, one user_vector call per row".
  std::string engine;
  std::vector<ItemExplanation> items;  // in the order asked for
};

// Explains the scores of `items` (catalog rows) for `profile` under `model` with one batched
// computation for all items. `catalog` (optional) supplies titles and item attribute values for the
// labels. Never throws: invalid profiles, items or options and torch failures come back as an Error;
// a cancelled `control` gives ErrorCode::Cancelled.
Result<Explanation> explainItems(const ModelFile& model, const UserProfile& profile,
                                 const std::vector<std::int32_t>& items, const AttributionOptions& options,
                                 const Catalog* catalog = nullptr, const TaskControl& control = {});

// Short stable names ("ig", "gradxinput", "occlusion", "shapley", "history", "user_field", "item_part";
// baselines "zero", "missing", "average").
const char* attributionMethodName(AttributionMethod method);
const char* attributionBaselineName(AttributionBaseline baseline);
bool parseAttributionBaseline(const std::string& name, AttributionBaseline& baseline);
const char* fieldKindName(FieldKind kind);
// The method called `name` (one of the names above); false when there is none.
bool parseAttributionMethod(const std::string& name, AttributionMethod& method);

}  // namespace reclens
