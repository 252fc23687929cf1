#include "data/dataset.h"

#include "common/sha256.h"

namespace reclens {

namespace {
template <class Fields>
int findField(const Fields& fields, const std::string& name) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name() == name) return static_cast<int>(i);
  }
  return -1;
}
}  // namespace

int Catalog::fieldIndex(const std::string& name) const {
  return findField(fields, name);
}
int UserTable::fieldIndex(const std::string& name) const {
  return findField(fields, name);
}

void InteractionLog::reserve(std::size_t n) {
  user.reserve(n);
  item.reserve(n);
  ts.reserve(n);
  weight.reserve(n);
  kind.reserve(n);
}

void InteractionLog::append(std::int32_t u, std::int32_t i, std::int64_t t, float w, std::uint8_t k) {
  user.push_back(u);
  item.push_back(i);
  ts.push_back(t);
  weight.push_back(w);
  kind.push_back(k);
}

std::uint8_t InteractionLog::kindIndex(const std::string& name) {
  for (std::size_t i = 0; i < kindNames.size(); ++i) {
    if (kindNames[i] == name) return static_cast<std::uint8_t>(i);
  }
  kindNames.push_back(name);
  return static_cast<std::uint8_t>(kindNames.size() - 1);
}

std::string catalogFingerprint(const Catalog& catalog) {
  Sha256 h;
  for (const auto& id : catalog.ids) {
    h.update(id);
    h.update("\n");
  }
  return h.hexDigest();
}

const char* timeUnitName(TimeUnit unit) {
  return unit == TimeUnit::Sequence ? "sequence" : "unix-seconds";
}

TimeUnit timeUnitFromName(const std::string& name) {
  return name == "sequence" ? TimeUnit::Sequence : TimeUnit::UnixSeconds;
}

}  // namespace reclens
