#include "sim/simjson.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

namespace reclens::sim {

namespace {

using nlohmann::json;

json number(double x) {
  return std::isfinite(x) ? json(x) : json(nullptr);
}

json intervalJson(const Interval& i) {
  return {{"mean", number(i.mean)}, {"low", number(i.low)}, {"high", number(i.high)}, {"n", i.n}};
}

json summaryOf(const SimResult& r, const PolicyRun& run) {
  json s;
  s["policy"] = run.policy;
  const int last = r.config.rounds - 1;
  json final = json::object();
  json perRound = json::object();
  for (int m = 0; m < kMetricCount; ++m) {
    final[metricKey(m)] = intervalJson(metricInterval(run, m, last));
    json means = json::array();
    for (int t = 0; t < r.config.rounds; ++t) means.push_back(number(metricInterval(run, m, t).mean));
    perRound[metricKey(m)] = std::move(means);
  }
  json gaps = json::object();
  for (std::size_t a = 0; a < r.attributes.size(); ++a) {
    gaps[r.attributes[a].name] = {{"takes", intervalJson(groupGapInterval(run, a, false, last))},
                                  {"ndcg", intervalJson(groupGapInterval(run, a, true, last))}};
  }
  json items = json::object();
  for (std::size_t a = 0; a < r.itemAttributes.size(); ++a) {
    const auto& attribute = r.itemAttributes[a];
    json shares = json::object();
    for (std::size_t v = 0; v < attribute.values.size(); ++v)
      shares[attribute.values[v]] = intervalJson(itemExposureShareInterval(run, a, v, last));
    json gapPerRound = json::array();
    for (int t = 0; t < r.config.rounds; ++t)
      gapPerRound.push_back(number(itemExposureGapInterval(r, run, a, t).mean));
    items[attribute.name] = {{"gap", intervalJson(itemExposureGapInterval(r, run, a, last))},
                             {"gap_per_round", std::move(gapPerRound)},
                             {"shares", std::move(shares)}};
  }
  s["final"] = std::move(final);
  s["group_gaps"] = std::move(gaps);
  s["item_exposure"] = std::move(items);
  s["per_round"] = std::move(perRound);
  return s;
}

double readNumber(const json& j) {
  return j.is_number() ? j.get<double>() : std::numeric_limits<double>::quiet_NaN();
}

std::vector<double> readNumbers(const json& j) {
  std::vector<double> out;
  if (!j.is_array()) throw std::runtime_error("expected an array of numbers");
  for (const auto& x : j) out.push_back(readNumber(x));
  return out;
}

}  // namespace

std::string simResultToJson(const SimResult& r, int indent) {
  json out;
  out["format"] = "reclens-simulation";
  out["version"] = 1;
  const auto& c = r.config;
  json policies = json::array();
  for (const auto& p : c.policies) policies.push_back(p.name);
  out["config"] = {{"policies", policies},
                   {"rounds", c.rounds},
                   {"users_per_round", c.usersPerRound},
                   {"k", c.k},
                   {"retrain_every", c.retrainEvery},
                   {"retrain_epochs", c.retrainEpochs},
                   {"retrain_window", c.retrainWindow},
                   {"seeds", c.seeds},
                   {"seed", c.seed},
                   {"examination", c.examination.name()},
                   {"shard", std::to_string(c.shardIndex) + "/" + std::to_string(c.shardCount)}};
  out["oracle"] = r.oracle;
  out["model"] = r.model;
  out["users"] = r.users;
  out["items"] = r.items;
  out["seconds"] = r.seconds;
  json attributes = json::array();
  for (const auto& a : r.attributes) attributes.push_back({{"name", a.name}, {"values", a.values}});
  out["attributes"] = std::move(attributes);
  json itemAttributes = json::array();
  for (const auto& a : r.itemAttributes)
    itemAttributes.push_back({{"name", a.name}, {"values", a.values}, {"catalog_shares", a.catalogShares}});
  out["item_attributes"] = std::move(itemAttributes);
  json runs = json::array();
  for (const auto& run : r.runs) {
    json seeds = json::array();
    for (const auto& s : run.seeds) {
      json rounds = json::array();
      for (const auto& round : s.rounds) {
        json jr = json::object();
        for (int m = 0; m < kMetricCount; ++m)
          jr[metricKey(m)] = number(round.values[static_cast<std::size_t>(m)]);
        json groups = json::array();
        for (const auto& g : round.groups)
          groups.push_back({{"users", g.users}, {"takes", g.takes}, {"ndcg", g.ndcg}});
        jr["groups"] = std::move(groups);
        jr["item_exposure"] = round.itemExposure;
        rounds.push_back(std::move(jr));
      }
      seeds.push_back({{"seed", s.seed},
                       {"seed_index", s.seedIndex},
                       {"retrainings", s.retrainings},
                       {"rounds", rounds}});
    }
    runs.push_back({{"policy", run.policy}, {"seeds", seeds}});
  }
  out["runs"] = std::move(runs);
  json summary = json::array();
  for (const auto& run : r.runs) summary.push_back(summaryOf(r, run));
  out["summary"] = std::move(summary);
  return out.dump(indent);
}

Result<SimResult> simResultFromJson(const std::string& text, const std::string& where) {
  const auto j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return makeError(ErrorCode::Parse, where + ": not a JSON object");
  if (j.value("format", "") != "reclens-simulation")
    return makeError(ErrorCode::Parse, where + ": not a RecLens simulation result (\"format\")");
  SimResult r;
  try {
    const auto& c = j.at("config");
    for (const auto& p : c.at("policies")) {
      auto spec = PolicySpec::parse(p.get<std::string>());
      if (!spec) return makeError(ErrorCode::Parse, where + ": " + spec.error().message);
      r.config.policies.push_back(spec.value());
    }
    r.config.rounds = c.at("rounds").get<int>();
    r.config.usersPerRound = c.at("users_per_round").get<std::int64_t>();
    r.config.k = c.at("k").get<int>();
    r.config.retrainEvery = c.at("retrain_every").get<int>();
    r.config.retrainEpochs = c.at("retrain_epochs").get<int>();
    r.config.retrainWindow = c.value("retrain_window", 0);  // results written before the window: all data
    r.config.seeds = c.at("seeds").get<int>();
    r.config.seed = c.at("seed").get<std::uint64_t>();
    auto exam = Examination::parse(c.at("examination").get<std::string>());
    if (!exam) return makeError(ErrorCode::Parse, where + ": " + exam.error().message);
    r.config.examination = exam.value();
    const auto shard = c.at("shard").get<std::string>();
    const auto slash = shard.find('/');
    if (slash == std::string::npos) throw std::runtime_error("config.shard is not i/n");
    r.config.shardIndex = std::stoi(shard.substr(0, slash));
    r.config.shardCount = std::stoi(shard.substr(slash + 1));
    r.oracle = j.at("oracle").get<std::string>();
    r.model = j.at("model").get<std::string>();
    r.users = j.at("users").get<std::size_t>();
    r.items = j.at("items").get<std::size_t>();
    r.seconds = j.at("seconds").get<double>();
    for (const auto& a : j.at("attributes"))
      r.attributes.push_back(
          {a.at("name").get<std::string>(), a.at("values").get<std::vector<std::string>>()});
    // Results written before item groups were measured have none.
    for (const auto& a : j.value("item_attributes", json::array())) {
      SimItemAttribute attribute{a.at("name").get<std::string>(),
                                 a.at("values").get<std::vector<std::string>>(),
                                 readNumbers(a.at("catalog_shares"))};
      if (attribute.catalogShares.size() != attribute.values.size())
        throw std::runtime_error("item attribute '" + attribute.name + "' has " +
                                 std::to_string(attribute.values.size()) + " values but " +
                                 std::to_string(attribute.catalogShares.size()) + " catalog shares");
      r.itemAttributes.push_back(std::move(attribute));
    }
    for (const auto& jr : j.at("runs")) {
      PolicyRun run;
      run.policy = jr.at("policy").get<std::string>();
      for (const auto& js : jr.at("seeds")) {
        SeedRun s;
        s.seed = js.at("seed").get<std::uint64_t>();
        s.seedIndex = js.at("seed_index").get<int>();
        s.retrainings = js.at("retrainings").get<int>();
        for (const auto& round : js.at("rounds")) {
          RoundResult rr;
          for (int m = 0; m < kMetricCount; ++m)
            rr.values[static_cast<std::size_t>(m)] = readNumber(round.at(metricKey(m)));
          for (const auto& g : round.at("groups"))
            rr.groups.push_back(
                {readNumbers(g.at("users")), readNumbers(g.at("takes")), readNumbers(g.at("ndcg"))});
          if (round.contains("item_exposure")) {
            for (const auto& e : round.at("item_exposure")) rr.itemExposure.push_back(readNumbers(e));
            if (rr.itemExposure.size() != r.itemAttributes.size())
              throw std::runtime_error("a round's item exposure does not match item_attributes");
          }
          s.rounds.push_back(std::move(rr));
        }
        run.seeds.push_back(std::move(s));
      }
      r.runs.push_back(std::move(run));
    }
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Parse, where + ": " + e.what());
  }
  if (auto st = validateSimConfig(r.config); !st)
    return makeError(ErrorCode::Parse, where + ": " + st.error().message);
  return r;
}

}  // namespace reclens::sim
