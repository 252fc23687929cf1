#include "sim/examination.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace reclens::sim {

Result<Examination> Examination::parse(const std::string& text) {
  Examination e;
  if (text == "cascade") {
    e.kind = Kind::Cascade;
    return e;
  }
  if (text == "pbm") return e;
  if (text.rfind("pbm:", 0) == 0) {
    const std::string number = text.substr(4);
    char* end = nullptr;
    const double eta = std::strtod(number.c_str(), &end);
    if (!number.empty() && end == number.c_str() + number.size() && std::isfinite(eta) && eta >= 0.0 &&
        eta <= 4.0) {
      e.eta = eta;
      return e;
    }
  }
  return makeError(
      ErrorCode::InvalidArgument,
      "examination model '" + text + "': expected pbm, pbm:<eta> with eta in [0, 4], or cascade");
}

std::string Examination::name() const {
  if (kind == Kind::Cascade) return "cascade";
  char buf[32];
  std::snprintf(buf, sizeof buf, "pbm:%g", eta);
  return buf;
}

double Examination::positionWeight(int rank) const {
  return std::pow(static_cast<double>(rank), -eta);
}

double Examination::expectedTakes(const std::vector<double>& appeal) const {
  double total = 0.0;
  if (kind == Kind::Cascade) {
    double reach = 1.0;
    for (double a : appeal) {
      total += reach * a;
      reach *= 1.0 - a;
    }
    return total;
  }
  for (std::size_t r = 0; r < appeal.size(); ++r)
    total += positionWeight(static_cast<int>(r) + 1) * appeal[r];
  return total;
}

}  // namespace reclens::sim
