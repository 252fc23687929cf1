#include <torch/torch.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <unordered_map>

#include "model/textfeatures.h"

namespace reclens {

namespace {

// Titles as a row-normalised TF-IDF matrix in compressed rows.
struct SparseRows {
  std::vector<std::int64_t> start{0};
  std::vector<std::int64_t> column;
  std::vector<double> value;
  std::int64_t columns = 0;
  std::int64_t rows() const { return static_cast<std::int64_t>(start.size()) - 1; }
};

SparseRows tfidf(const std::vector<std::vector<std::string>>& words) {
  std::unordered_map<std::string, std::int64_t> df;
  for (std::size_t i = 0; i < words.size(); ++i) {
    auto distinct = words[i];
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    for (const auto& w : distinct) ++df[w];
  }
  // Kept words in a fixed order (sorted), so the columns do not depend on hashing.
  std::vector<std::string> kept;
  const auto n = static_cast<std::int64_t>(words.size());
  for (const auto& [w, count] : df) {
    if (count >= 2 && 2 * count <= n) kept.push_back(w);
  }
  std::sort(kept.begin(), kept.end());
  std::unordered_map<std::string, std::int64_t> column;
  for (std::size_t c = 0; c < kept.size(); ++c) column.emplace(kept[c], static_cast<std::int64_t>(c));

  SparseRows a;
  a.columns = static_cast<std::int64_t>(kept.size());
  std::vector<std::pair<std::int64_t, double>> row;
  for (const auto& list : words) {
    row.clear();
    for (const auto& w : list) {
      const auto it = column.find(w);
      if (it != column.end()) row.emplace_back(it->second, 1.0);
    }
    std::sort(row.begin(), row.end());
    double norm = 0.0;
    std::size_t out = 0;
    for (std::size_t k = 0; k < row.size();) {
      std::size_t end = k;
      while (end < row.size() && row[end].first == row[k].first) ++end;
      const double count = static_cast<double>(end - k);
      const double idf =
          std::log((1.0 + static_cast<double>(n)) / (1.0 + static_cast<double>(df[kept[row[k].first]]))) +
          1.0;
      row[out++] = {row[k].first, (1.0 + std::log(count)) * idf};
      norm += row[out - 1].second * row[out - 1].second;
      k = end;
    }
    row.resize(out);
    norm = std::sqrt(norm);
    for (const auto& [c, v] : row) {
      a.column.push_back(c);
      a.value.push_back(v / norm);
    }
    a.start.push_back(static_cast<std::int64_t>(a.column.size()));
  }
  return a;
}

// A x for a dense [columns, k] x: [rows, k].
at::Tensor times(const SparseRows& a, const at::Tensor& x) {
  const auto k = x.size(1);
  auto y = torch::zeros({a.rows(), k}, torch::kFloat64);
  const auto xc = x.contiguous();
  const double* xp = xc.data_ptr<double>();
  double* yp = y.data_ptr<double>();
  for (std::int64_t i = 0; i < a.rows(); ++i) {
    for (auto e = a.start[static_cast<std::size_t>(i)]; e < a.start[static_cast<std::size_t>(i) + 1]; ++e) {
      const double v = a.value[static_cast<std::size_t>(e)];
      const double* src = xp + a.column[static_cast<std::size_t>(e)] * k;
      for (std::int64_t j = 0; j < k; ++j) yp[i * k + j] += v * src[j];
    }
  }
  return y;
}

// Aᵀ y for a dense [rows, k] y: [columns, k].
at::Tensor transposeTimes(const SparseRows& a, const at::Tensor& y) {
  const auto k = y.size(1);
  auto z = torch::zeros({a.columns, k}, torch::kFloat64);
  const auto yc = y.contiguous();
  const double* yp = yc.data_ptr<double>();
  double* zp = z.data_ptr<double>();
  for (std::int64_t i = 0; i < a.rows(); ++i) {
    for (auto e = a.start[static_cast<std::size_t>(i)]; e < a.start[static_cast<std::size_t>(i) + 1]; ++e) {
      const double v = a.value[static_cast<std::size_t>(e)];
      double* dst = zp + a.column[static_cast<std::size_t>(e)] * k;
      for (std::int64_t j = 0; j < k; ++j) dst[j] += v * yp[i * k + j];
    }
  }
  return z;
}

// Standard normal numbers from a counter-based generator (independent of LibTorch's global generator).
at::Tensor seededNormal(std::int64_t rows, std::int64_t cols, std::uint64_t seed) {
  auto mix = [](std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
  };
  auto out = torch::empty({rows, cols}, torch::kFloat64);
  double* p = out.data_ptr<double>();
  const auto total = rows * cols;
  for (std::int64_t i = 0; i < total; ++i) {
    const auto a = mix(seed * 2654435761ULL + static_cast<std::uint64_t>(2 * i));
    const auto b = mix(seed * 2654435761ULL + static_cast<std::uint64_t>(2 * i + 1));
    const double u1 = (static_cast<double>(a >> 11) + 0.5) / 9007199254740992.0;
    const double u2 = static_cast<double>(b >> 11) / 9007199254740992.0;
    p[i] = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  return out;
}

at::Tensor orthonormal(const at::Tensor& x) {
  return std::get<0>(torch::linalg_qr(x, "reduced"));
}

}  // namespace

std::vector<std::string> titleWords(const std::string& title) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    const bool number = std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (word.size() >= 2 && !number) out.push_back(word);
    word.clear();
  };
  for (const char ch : title) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || std::isalnum(c)) {
      word += c < 0x80 ? static_cast<char>(std::tolower(c)) : ch;
    } else {
      flush();
    }
  }
  flush();
  return out;
}

TextFeatures titleFeatures(const std::vector<std::string>& titles, int dim, std::uint64_t seed) {
  std::vector<std::vector<std::string>> words(titles.size());
  for (std::size_t i = 0; i < titles.size(); ++i) words[i] = titleWords(titles[i]);
  return documentFeatures(words, dim, seed);
}

TextFeatures catalogContentFeatures(const Catalog& catalog, int dim, std::uint64_t seed) {
  std::vector<std::vector<std::string>> words(catalog.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i < catalog.titles.size()) words[i] = titleWords(catalog.titles[i]);
    for (const auto& field : catalog.fields) {
      if (field.codeAt(i) < 0) continue;
      for (const auto member : setMembers(field.valueAt(i), field.setValued()))
        words[i].push_back(field.name() + "=" + std::string(member));
    }
  }
  return documentFeatures(words, dim, seed);
}

TextFeatures documentFeatures(const std::vector<std::vector<std::string>>& words, int dim,
                              std::uint64_t seed) {
  TextFeatures f;
  if (dim <= 0 || words.empty()) return f;
  const auto a = tfidf(words);
  f.vocabulary = static_cast<std::size_t>(a.columns);
  for (std::int64_t i = 0; i < a.rows(); ++i) {
    if (a.start[static_cast<std::size_t>(i) + 1] > a.start[static_cast<std::size_t>(i)]) ++f.itemsWithText;
  }
  const auto rank = std::min<std::int64_t>({dim, a.rows(), a.columns});
  if (rank <= 0 || f.itemsWithText == 0) return f;
  const auto k = std::min<std::int64_t>({rank + 10, a.rows(), a.columns});
  torch::NoGradGuard noGrad;
  auto q = orthonormal(times(a, seededNormal(a.columns, k, seed)));
  for (int power = 0; power < 2; ++power) q = orthonormal(times(a, orthonormal(transposeTimes(a, q))));
  const auto bt = transposeTimes(a, q);  // [columns, k] = (Qᵀ A)ᵀ
  auto svd = torch::linalg_svd(bt.t(), false);
  const auto u = std::get<0>(svd).narrow(1, 0, rank);
  const auto s = std::get<1>(svd).narrow(0, 0, rank);
  auto coords = q.matmul(u) * s.unsqueeze(0);  // [rows, rank]
  // A fixed sign per column (the largest entry positive), so the features do not depend on LAPACK's.
  const auto pivot = coords.abs().argmax(0);
  const auto signs = torch::sign(coords.gather(0, pivot.unsqueeze(0))).clamp_min(0.0) * 2.0 - 1.0;
  coords = (coords * signs).to(torch::kFloat32).contiguous();
  f.dim = static_cast<int>(rank);
  f.values.assign(coords.data_ptr<float>(), coords.data_ptr<float>() + coords.numel());
  return f;
}

}  // namespace reclens
