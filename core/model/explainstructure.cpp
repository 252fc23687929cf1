// The LibTorch-free half of the closed-form declaration: its JSON. The numerical check against the
// model's methods is in modelfile_torch.cpp.
#include "model/explainstructure.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>

namespace reclens {

Result<ExplainStructure> parseExplainStructure(const std::string& text) {
  const auto bad = [](const std::string& what) {
    return makeError(ErrorCode::Schema, "explain_structure(): " + what);
  };
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return bad("not a JSON object");
  if (!j.contains("user") || !j["user"].is_object()) return bad("key 'user' must be an object");
  if (!j.contains("items") || !j["items"].is_string()) return bad("key 'items' must be a string");
  if (j["items"].get<std::string>() != "sum_parts")
    return bad("items form '" + j["items"].get<std::string>() + "' is not known (known: sum_parts)");
  const auto& u = j["user"];
  ExplainStructure s;
  if (!u.contains("form") || !u["form"].is_string()) return bad("key 'user.form' must be a string");
  const auto form = u["form"].get<std::string>();
  if (form == "pooled")
    s.user = ExplainStructure::UserForm::Pooled;
  else if (form == "pooled_mlp")
    s.user = ExplainStructure::UserForm::PooledMlp;
  else
    return bad("user form '" + form + "' is not known (known: pooled, pooled_mlp)");
  if (!u.contains("norm") || !u["norm"].is_string()) return bad("key 'user.norm' must be a string");
  const auto norm = u["norm"].get<std::string>();
  if (norm == "mean")
    s.norm = ExplainStructure::Norm::Mean;
  else if (norm == "sqrt")
    s.norm = ExplainStructure::Norm::Sqrt;
  else if (norm == "none")
    s.norm = ExplainStructure::Norm::None;
  else
    return bad("user norm '" + norm + "' is not known (known: none, mean, sqrt)");
  if (s.norm == ExplainStructure::Norm::None) return s;
  if (!u.contains("clamp_min") || !u["clamp_min"].is_number())
    return bad("key 'user.clamp_min' must be a number");
  s.clampMin = u["clamp_min"].get<double>();
  if (!std::isfinite(s.clampMin) || s.clampMin <= 0.0) return bad("'user.clamp_min' must be positive");
  return s;
}

std::string explainStructureName(const ExplainStructure& s) {
  std::ostringstream out;
  out << (s.user == ExplainStructure::UserForm::Pooled ? "pooled" : "pooled + MLP");
  if (s.norm == ExplainStructure::Norm::None) return out.str() + ", no norm";
  out << ", " << (s.norm == ExplainStructure::Norm::Mean ? "mean" : "sqrt") << " norm, clamp " << s.clampMin;
  return out.str();
}

}  // namespace reclens
