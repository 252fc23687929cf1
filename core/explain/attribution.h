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
  // Expected gradients: the attributions averaged over the background users of
  // AttributionOptions::sample, each one's inputs taken in turn as the baseline as for AverageUser (their
  // mean history row with this user's weights, their user field rows). Each attribution's standardError
  // is then the spread over those users (standard deviation / √K).
  SampledUsers,
};

struct UserBackground;

// What an item's score is compared with (docs/rankings.md). A ranking
// is about differences: the attributions of a difference of scores are the differences of the items'
// attributions (every method here is linear in the score it explains), so the item parts of the item or
// items compared with appear as fields of their own, with their attributions negated.
enum class ExplanationContrast {
  None,        // the item's own score: why does the user get this item at all
  OtherItems,  // the score minus the mean score of the other items explained with it: why this one of them
  Item,  // the score minus the score of AttributionOptions::versusItem: why is it above (or below) that one
  // OtherItems when the explanations of the whole scores collapse (automaticContrast() in collapse.h:
  // every item leads with the same history item, or their attribution vectors point one way), None
  // otherwise; the explanation's options say which was chosen. Never reaches contrastExplanation().
  Automatic,
};

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
  // The background users of AttributionBaseline::SampledUsers (sampleUserBackgrounds(), same model).
  std::shared_ptr<const std::vector<UserBackground>> sample;
  // What each item's score is compared with; OtherItems needs two or more items, Item a versusItem
  // (catalog row), which is explained along with the items and, when not among them, left out of the result.
  ExplanationContrast contrast = ExplanationContrast::None;
  std::int32_t versusItem = -1;
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
  // Contrasts only: an item part of the item(s) compared with (their mean part for OtherItems), whose
  // attribution to that score enters negated; `value` is that item's value ("" when the others differ).
  bool reference = false;
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
  // Contrasts: what the score was compared with (the title of the item, or "" for the other items),
  // and whether the item scored above it; the parts above then name what favours this item.
  ExplanationContrast contrast = ExplanationContrast::None;
  std::string versusTitle;
  bool above = true;
};

// The explanation of one item's score for one user. With a contrast, output and baselineOutput are
// the differences of the scores (the item's minus the reference's), and the fields explain them.
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

// One computation, two answers: the explanation of the items' whole scores (for the collapse diagnostic)
// and the explanation as `options` asks for it (with its contrast; a copy of the whole one without).
struct ComparedExplanation {
  Explanation whole;
  Explanation shown;
};
Result<ComparedExplanation> explainAndCompare(const ModelFile& model, const UserProfile& profile,
                                              const std::vector<std::int32_t>& items,
                                              const AttributionOptions& options,
                                              const Catalog* catalog = nullptr,
                                              const TaskControl& control = {});

// The explanation of the same items with the contrast `contrast`, from `whole`, an explanation of the
// items' own scores (ExplanationContrast::None); for ExplanationContrast::Item, `versusItem` must be
// one of its items. Errors name what is missing (fewer than two items, an unknown versus item, a
// `whole` that is itself a contrast).
// `catalog` (optional) gives the versus item's title for the reason lines.
Result<Explanation> contrastExplanation(const Explanation& whole, ExplanationContrast contrast,
                                        std::int32_t versusItem = -1, const Catalog* catalog = nullptr);

// Short stable names ("ig", "gradxinput", "occlusion", "shapley", "history", "user_field", "item_part";
// baselines "zero", "missing", "average", "sample").
const char* attributionMethodName(AttributionMethod method);
const char* attributionBaselineName(AttributionBaseline baseline);
bool parseAttributionBaseline(const std::string& name, AttributionBaseline& baseline);
const char* fieldKindName(FieldKind kind);
// "none", "others", "item", "auto".
const char* explanationContrastName(ExplanationContrast contrast);
// The method called `name` (one of the names above); false when there is none.
bool parseAttributionMethod(const std::string& name, AttributionMethod& method);

}  // namespace reclens
