#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace reclens::sim {

// Per-user linear bandits over a model's item vectors v_i (Thompson sampling and LinUCB).
// The chance that user u takes item i once they look at it is modelled as
//   p = alpha + beta * s_u(i) + delta_u . v_i,   s_u(i) = u . v_i the model's score,
// with (alpha, beta) one link for all users fitted by least squares on the first round's responses
// (played greedily) and delta_u ~ N(0, sigma0^2 I) a per-user correction learned from that user's
// responses (Gaussian noise sigma). A response at a slot examined with probability e enters as
// y ~ e * p, so position bias does not read as dislike. Ranking uses beta * s + delta . v, i.e. the
// user vector beta * u + delta: Thompson samples delta from its posterior, LinUCB takes its mean
// plus `ucbAlpha` posterior standard deviations of delta . v (over the top `candidates` items by mean).
class LinearBandits {
 public:
  struct Options {
    double priorScale = 0.1;  // prior std of delta . v for an item of average norm, in probability units
    double noise = 0.5;       // sigma: the std of one Bernoulli response at p = 1/2
    double ucbAlpha = 1.0;
  };
  LinearBandits(std::size_t users, int dim, double meanItemNorm, const Options& options);

  int dim() const { return m_dim; }
  bool calibrated() const { return m_calibrated; }
  double alpha() const { return m_alpha; }
  double beta() const { return m_beta; }

  // One response: user, the item's vector and model score at the time, the examination weight of its
  // slot and whether it was taken. Before calibration responses are kept for the fit.
  void observe(std::int32_t user, const float* itemVector, double score, double examination, bool taken);
  // Fits (alpha, beta) on the responses kept so far and feeds them to the users' posteriors.
  void calibrate();

  // The ranking vector beta * userVector + delta for `user`: delta's posterior mean, or (when `normals`
  // is given, dim() standard normal draws) a posterior sample.
  void rankingVector(std::int32_t user, const float* userVector, const double* normals, float* out);
  // Posterior std of delta . v for item vector v (after rankingVector for the same user).
  double bonus(const float* itemVector) const;

 private:
  struct Pending {
    std::int32_t user;
    std::vector<float> vector;
    double score;
    double examination;
    bool taken;
  };
  void add(std::int32_t user, const float* v, double e, double residual);
  bool factor(std::int32_t user);  // Cholesky of the user's A into m_chol

  std::size_t m_users;
  int m_dim;
  Options m_options;
  double m_priorPrecision;
  std::vector<std::int32_t> m_slot;  // per user: index of its block in m_a / m_b, -1 before any response
  std::vector<double> m_a;           // per block: D x D posterior precision (row-major)
  std::vector<double> m_b;           // per block: D
  std::vector<Pending> m_pending;
  bool m_calibrated = false;
  double m_alpha = 0.0;
  double m_beta = 1.0;
  std::vector<double> m_chol;  // lower factor of the last factored user's precision
  mutable std::vector<double> m_work;
};

}  // namespace reclens::sim
