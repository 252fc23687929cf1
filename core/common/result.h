#pragma once
#include <cassert>
#include <optional>
#include <utility>
#include <variant>

#include "common/error.h"

namespace reclens {

// A value or an Error. Core functions return this instead of throwing.
template <class T>
class Result {
 public:
  Result(T value) : m_v(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : m_v(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return m_v.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & {
    assert(ok());
    return std::get<0>(m_v);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(m_v);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(m_v));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const {
    assert(!ok());
    return std::get<1>(m_v);
  }

 private:
  std::variant<T, Error> m_v;
};

// Success or an Error, for operations without a value.
class Status {
 public:
  Status() = default;
  Status(Error error) : m_error(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  static Status success() { return {}; }
  bool ok() const { return !m_error.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    assert(!ok());
    return *m_error;
  }

 private:
  std::optional<Error> m_error;
};

}  // namespace reclens
