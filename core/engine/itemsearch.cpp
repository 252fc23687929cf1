#include "engine/itemsearch.h"

#include <algorithm>
#include <numeric>

namespace reclens {

namespace {

// Relevance of a token by the field it came from: ids and titles name the item, attributes group it.
constexpr float kIdWeight = 1.2f;
constexpr float kTitleWeight = 1.0f;
constexpr float kAttributeWeight = 0.5f;
// Added to the item whose whole id equals the query, so that it always comes first.
constexpr double kExactIdBonus = 1000.0;
// Longer queries are cut here: each token costs one pass over the postings it matches.
constexpr std::size_t kMaxQueryTokens = 64;

bool isSeparator(unsigned char c) {
  return c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

char lowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowerCopy(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lowerAscii);
  return out;
}

// Calls f(token) for every token of `text`, lower-cased, in order (repeats included).
template <class F>
void forEachToken(std::string_view text, F&& f) {
  std::string token;
  for (const char c : text) {
    if (isSeparator(static_cast<unsigned char>(c))) {
      if (!token.empty()) f(std::string_view(token));
      token.clear();
    } else {
      token.push_back(lowerAscii(c));
    }
  }
  if (!token.empty()) f(std::string_view(token));
}

bool startsWith(const std::string& s, const std::string& prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

std::vector<std::string> ItemSearchIndex::tokenize(std::string_view text) {
  std::vector<std::string> out;
  forEachToken(text, [&out](std::string_view token) {
    if (std::find(out.begin(), out.end(), token) == out.end()) out.emplace_back(token);
  });
  return out;
}

ItemSearchIndex::ItemSearchIndex(const Catalog& catalog, std::vector<std::int64_t> popularity)
    : m_items(catalog.size()), m_popularity(std::move(popularity)) {
  if (m_popularity.size() != m_items) m_popularity.assign(m_items, 0);
  std::unordered_map<std::string, std::int32_t> termIds;
  std::vector<std::string> names;
  const auto termOf = [&](std::string_view token) {
    const auto [it, inserted] =
        termIds.try_emplace(std::string(token), static_cast<std::int32_t>(names.size()));
    if (inserted) names.push_back(it->first);
    return it->second;
  };
  // Attribute values repeat across items: tokenise each vocabulary entry once.
  std::vector<std::vector<std::vector<std::int32_t>>> valueTerms(catalog.fields.size());
  for (std::size_t f = 0; f < catalog.fields.size(); ++f) {
    for (const auto& value : catalog.fields[f].vocabulary()) {
      auto& terms = valueTerms[f].emplace_back();
      forEachToken(value, [&](std::string_view token) { terms.push_back(termOf(token)); });
    }
  }
  std::vector<std::int32_t> rawTerm;
  std::vector<std::int32_t> rawItem;
  std::vector<float> rawWeight;
  const auto add = [&](std::int32_t term, std::int32_t item, float weight) {
    rawTerm.push_back(term);
    rawItem.push_back(item);
    rawWeight.push_back(weight);
  };
  for (std::size_t r = 0; r < m_items; ++r) {
    const auto item = static_cast<std::int32_t>(r);
    m_ids.try_emplace(lowerCopy(catalog.ids[r]), item);
    forEachToken(catalog.ids[r], [&](std::string_view token) { add(termOf(token), item, kIdWeight); });
    if (r < catalog.titles.size()) {
      forEachToken(catalog.titles[r],
                   [&](std::string_view token) { add(termOf(token), item, kTitleWeight); });
    }
    for (std::size_t f = 0; f < catalog.fields.size(); ++f) {
      const auto code = catalog.fields[f].codeAt(r);
      if (code < 0) continue;
      for (const auto term : valueTerms[f][static_cast<std::size_t>(code)]) add(term, item, kAttributeWeight);
    }
  }

  // Terms in byte order, so that the terms sharing a prefix form one range.
  std::vector<std::int32_t> order(names.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::int32_t a, std::int32_t b) {
    return names[static_cast<std::size_t>(a)] < names[static_cast<std::size_t>(b)];
  });
  std::vector<std::int32_t> position(names.size());
  m_terms.reserve(names.size());
  for (std::size_t p = 0; p < order.size(); ++p) {
    position[static_cast<std::size_t>(order[p])] = static_cast<std::int32_t>(p);
    m_terms.push_back(std::move(names[static_cast<std::size_t>(order[p])]));
  }
  // Counting sort of the postings by term; items stay in row order within a term.
  std::vector<std::size_t> start(m_terms.size() + 1, 0);
  for (const auto t : rawTerm) ++start[static_cast<std::size_t>(position[static_cast<std::size_t>(t)]) + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<std::size_t> next(start.begin(), start.end() - 1);
  std::vector<std::int32_t> items(rawTerm.size());
  std::vector<float> weights(rawTerm.size());
  for (std::size_t i = 0; i < rawTerm.size(); ++i) {
    const auto at = next[static_cast<std::size_t>(position[static_cast<std::size_t>(rawTerm[i])])]++;
    items[at] = rawItem[i];
    weights[at] = rawWeight[i];
  }
  // One posting per (term, item), with the best field weight.
  m_start.assign(m_terms.size() + 1, 0);
  m_postingItem.reserve(items.size());
  m_postingWeight.reserve(items.size());
  for (std::size_t t = 0; t < m_terms.size(); ++t) {
    m_start[t] = m_postingItem.size();
    for (std::size_t i = start[t]; i < start[t + 1]; ++i) {
      if (m_postingItem.size() > m_start[t] && m_postingItem.back() == items[i]) {
        m_postingWeight.back() = std::max(m_postingWeight.back(), weights[i]);
      } else {
        m_postingItem.push_back(items[i]);
        m_postingWeight.push_back(weights[i]);
      }
    }
  }
  m_start[m_terms.size()] = m_postingItem.size();
}

ItemSearchResult ItemSearchIndex::search(std::string_view query, std::size_t limit) const {
  ItemSearchResult result;
  auto tokens = tokenize(query);
  if (tokens.empty() || m_items == 0) return result;
  if (tokens.size() > kMaxQueryTokens) tokens.resize(kMaxQueryTokens);

  // matched[i] = number of query tokens item i matched so far; an item that missed one is never
  // touched again, so the work is bounded by the postings of the matching terms.
  std::vector<std::uint8_t> matched(m_items, 0);
  std::vector<double> score(m_items, 0.0);
  std::vector<float> best(m_items, 0.0f);
  std::vector<std::int32_t> candidates;
  for (std::size_t q = 0; q < tokens.size(); ++q) {
    const auto& token = tokens[q];
    const auto first = std::lower_bound(m_terms.begin(), m_terms.end(), token);
    for (auto it = first; it != m_terms.end() && startsWith(*it, token); ++it) {
      const auto t = static_cast<std::size_t>(it - m_terms.begin());
      // A whole token counts fully, a prefix by the share of the token it covers.
      const float share = 0.5f + 0.5f * static_cast<float>(token.size()) / static_cast<float>(it->size());
      for (std::size_t p = m_start[t]; p < m_start[t + 1]; ++p) {
        const auto item = static_cast<std::size_t>(m_postingItem[p]);
        const float w = m_postingWeight[p] * share;
        if (matched[item] == q) {
          matched[item] = static_cast<std::uint8_t>(q + 1);
          best[item] = w;
          score[item] += w;
          if (q == 0) candidates.push_back(static_cast<std::int32_t>(item));
        } else if (matched[item] == q + 1 && w > best[item]) {
          score[item] += w - best[item];
          best[item] = w;
        }
      }
    }
  }
  const auto all = static_cast<std::uint8_t>(tokens.size());
  std::vector<ItemSearchHit> hits;
  for (const auto item : candidates) {
    if (matched[static_cast<std::size_t>(item)] == all)
      hits.push_back({item, score[static_cast<std::size_t>(item)]});
  }
  std::string whole(query);
  whole.erase(0, whole.find_first_not_of(" \t\r\n"));
  whole.erase(whole.find_last_not_of(" \t\r\n") + 1);
  if (const auto id = m_ids.find(lowerCopy(whole)); id != m_ids.end()) {
    for (auto& h : hits) {
      if (h.item == id->second) h.score += kExactIdBonus;
    }
  }
  result.total = hits.size();
  const auto better = [this](const ItemSearchHit& a, const ItemSearchHit& b) {
    if (a.score != b.score) return a.score > b.score;
    const auto pa = m_popularity[static_cast<std::size_t>(a.item)];
    const auto pb = m_popularity[static_cast<std::size_t>(b.item)];
    if (pa != pb) return pa > pb;
    return a.item < b.item;
  };
  const auto shown = std::min(limit, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(shown), hits.end(), better);
  hits.resize(shown);
  result.hits = std::move(hits);
  return result;
}

}  // namespace reclens
