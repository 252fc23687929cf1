#include "sim/linearbandit.h"

#include <algorithm>
#include <cmath>

namespace reclens::sim {

LinearBandits::LinearBandits(std::size_t users, int dim, double meanItemNorm, const Options& options)
    : m_users(users), m_dim(dim), m_options(options), m_slot(users, -1) {
  // delta ~ N(0, s0^2 I) gives delta . v a std of s0 |v|; s0 = priorScale / mean |v|.
  const double s0 = options.priorScale / std::max(meanItemNorm, 1e-12);
  m_priorPrecision = 1.0 / (s0 * s0);
  m_chol.assign(static_cast<std::size_t>(dim) * static_cast<std::size_t>(dim), 0.0);
  for (int k = 0; k < dim; ++k)
    m_chol[static_cast<std::size_t>(k) * static_cast<std::size_t>(dim + 1)] = std::sqrt(m_priorPrecision);
  m_work.assign(static_cast<std::size_t>(dim), 0.0);
}

void LinearBandits::add(std::int32_t user, const float* v, double e, double residual) {
  if (user < 0 || static_cast<std::size_t>(user) >= m_users) return;
  const auto d = static_cast<std::size_t>(m_dim);
  auto& slot = m_slot[static_cast<std::size_t>(user)];
  if (slot < 0) {
    slot = static_cast<std::int32_t>(m_b.size() / d);
    const std::size_t base = m_a.size();
    m_a.resize(base + d * d, 0.0);
    for (std::size_t k = 0; k < d; ++k) m_a[base + k * d + k] = m_priorPrecision;
    m_b.resize(m_b.size() + d, 0.0);
  }
  double* a = m_a.data() + static_cast<std::size_t>(slot) * d * d;
  double* b = m_b.data() + static_cast<std::size_t>(slot) * d;
  const double inv = 1.0 / (m_options.noise * m_options.noise);
  for (std::size_t r = 0; r < d; ++r) {
    const double xr = e * static_cast<double>(v[r]);
    b[r] += xr * residual * inv;
    for (std::size_t c = 0; c <= r; ++c) a[r * d + c] += xr * e * static_cast<double>(v[c]) * inv;
  }
}

void LinearBandits::observe(std::int32_t user, const float* itemVector, double score, double examination,
                            bool taken) {
  const double y = taken ? 1.0 : 0.0;
  if (!m_calibrated) {
    m_pending.push_back(
        {user, std::vector<float>(itemVector, itemVector + m_dim), score, examination, taken});
    return;
  }
  add(user, itemVector, examination, y - examination * (m_alpha + m_beta * score));
}

void LinearBandits::calibrate() {
  // Least squares of y on (e, e * s): a 2 x 2 normal system.
  double see = 0.0, sees = 0.0, sess = 0.0, sey = 0.0, sesy = 0.0;
  for (const auto& p : m_pending) {
    const double e = p.examination;
    const double y = p.taken ? 1.0 : 0.0;
    see += e * e;
    sees += e * e * p.score;
    sess += e * e * p.score * p.score;
    sey += e * y;
    sesy += e * p.score * y;
  }
  const double det = see * sess - sees * sees;
  if (see > 0.0 && std::abs(det) > 1e-12 * std::max(1.0, see * sess)) {
    m_alpha = (sess * sey - sees * sesy) / det;
    m_beta = (see * sesy - sees * sey) / det;
  } else if (see > 0.0) {
    m_alpha = sey / see;
    m_beta = 0.0;
  }
  // A model whose scores do not rise with the chance of a take adds nothing: rank by delta alone.
  m_beta = std::max(m_beta, 0.0);
  m_calibrated = true;
  for (const auto& p : m_pending) {
    add(p.user, p.vector.data(), p.examination,
        (p.taken ? 1.0 : 0.0) - p.examination * (m_alpha + m_beta * p.score));
  }
  m_pending.clear();
  m_pending.shrink_to_fit();
}

bool LinearBandits::factor(std::int32_t user) {
  const auto d = static_cast<std::size_t>(m_dim);
  const auto slot =
      user >= 0 && static_cast<std::size_t>(user) < m_users ? m_slot[static_cast<std::size_t>(user)] : -1;
  auto& l = m_chol;
  if (slot < 0) {
    std::fill(l.begin(), l.end(), 0.0);
    for (std::size_t k = 0; k < d; ++k) l[k * d + k] = std::sqrt(m_priorPrecision);
    return false;
  }
  const double* a = m_a.data() + static_cast<std::size_t>(slot) * d * d;
  for (std::size_t j = 0; j < d; ++j) {
    double s = a[j * d + j];
    for (std::size_t k = 0; k < j; ++k) s -= l[j * d + k] * l[j * d + k];
    const double diag = std::sqrt(std::max(s, 1e-300));
    l[j * d + j] = diag;
    for (std::size_t i = j + 1; i < d; ++i) {
      double t = a[i * d + j];
      for (std::size_t k = 0; k < j; ++k) t -= l[i * d + k] * l[j * d + k];
      l[i * d + j] = t / diag;
    }
    for (std::size_t i = 0; i < j; ++i) l[i * d + j] = 0.0;
  }
  return true;
}

void LinearBandits::rankingVector(std::int32_t user, const float* userVector, const double* normals,
                                  float* out) {
  const auto d = static_cast<std::size_t>(m_dim);
  const bool any = factor(user);
  const auto& l = m_chol;
  std::vector<double> mean(d, 0.0);
  if (any) {
    // Solve L L^T mean = b.
    const double* b = m_b.data() + static_cast<std::size_t>(m_slot[static_cast<std::size_t>(user)]) * d;
    for (std::size_t i = 0; i < d; ++i) {
      double s = b[i];
      for (std::size_t k = 0; k < i; ++k) s -= l[i * d + k] * mean[k];
      mean[i] = s / l[i * d + i];
    }
    for (std::size_t i = d; i-- > 0;) {
      double s = mean[i];
      for (std::size_t k = i + 1; k < d; ++k) s -= l[k * d + i] * mean[k];
      mean[i] = s / l[i * d + i];
    }
  }
  if (normals != nullptr) {
    // delta = mean + L^-T z has covariance (L L^T)^-1.
    std::vector<double> z(normals, normals + d);
    for (std::size_t i = d; i-- > 0;) {
      double s = z[i];
      for (std::size_t k = i + 1; k < d; ++k) s -= l[k * d + i] * z[k];
      z[i] = s / l[i * d + i];
    }
    for (std::size_t i = 0; i < d; ++i) mean[i] += z[i];
  }
  for (std::size_t i = 0; i < d; ++i)
    out[i] = static_cast<float>(m_beta * static_cast<double>(userVector[i]) + mean[i]);
}

double LinearBandits::bonus(const float* itemVector) const {
  // v^T (L L^T)^-1 v = |L^-1 v|^2.
  const auto d = static_cast<std::size_t>(m_dim);
  const auto& l = m_chol;
  auto& y = m_work;
  double total = 0.0;
  for (std::size_t i = 0; i < d; ++i) {
    double s = static_cast<double>(itemVector[i]);
    for (std::size_t k = 0; k < i; ++k) s -= l[i * d + k] * y[k];
    y[i] = s / l[i * d + i];
    total += y[i] * y[i];
  }
  return m_options.ucbAlpha * std::sqrt(total);
}

}  // namespace reclens::sim
