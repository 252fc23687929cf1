#include "services/recomputeservice.h"

#include <QElapsedTimer>
#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <exception>

#include "audit/beyondaccuracy.h"
#include "audit/rerankinputs.h"
#include "engine/scoringengine.h"

namespace reclens {

// The engine of the model last used; rebuilt on the pool thread when the model changes.
struct RecomputeService::EngineSlot {
  std::shared_ptr<const ModelFile> model;
  std::unique_ptr<ScoringEngine> engine;
};

RecomputeService::RecomputeService(QObject* parent)
    : QObject(parent), m_engine(std::make_shared<EngineSlot>()) {
  m_pool.setMaxThreadCount(1);
  m_debounce.setSingleShot(true);
  m_debounce.setInterval(kDebounceMs);
  connect(&m_debounce, &QTimer::timeout, this, &RecomputeService::launch);
}

RecomputeService::~RecomputeService() {
  m_pool.waitForDone();
}

void RecomputeService::request(RecomputeRequest request) {
  m_pending = std::move(request);
  m_debounce.start();
}

void RecomputeService::launch() {
  if (!m_pending) return;
  RecomputeRequest request = std::move(*m_pending);
  m_pending.reset();
  const std::uint64_t generation = ++m_generation;
  auto slot = m_engine;
  QtConcurrent::run(&m_pool, [slot, request, generation]() {
    RecomputeResult result;
    result.generation = generation;
    result.request = request;
    QElapsedTimer clock;
    clock.start();
    try {
      const auto& session = *request.session;
      if (slot->model != session.model()) {
        slot->engine.reset();
        slot->engine = std::make_unique<ScoringEngine>(session.model());
        slot->model = session.model();
      }
      ScoringEngine::Options options;
      options.reRank = request.reRank;
      options.context.popularity = &session.popularity();
      options.context.category = &session.categories();
      options.context.popular = &session.popular();
      // Provider groups of the chosen field, made for this request (a pass over the catalog).
      std::vector<std::int32_t> provider;
      std::vector<double> providerTarget;
      if (request.reRank.providerFairness > 0.0) {
        std::vector<std::string> names;
        auto codes = providerGroupCodes(session.snapshot().dataset(), request.reRank.providerField,
                                        session.popularity(), names);
        if (!codes) {
          result.error = codes.error();
          return result;
        }
        provider = std::move(codes).value();
        providerTarget = providerTargets(provider, names.size(), request.reRank.providerTarget);
        options.context.provider = &provider;
        options.context.providerTarget = &providerTarget;
      }
      const auto profile = session.profiles().profile(request.user);
      result.history.assign(profile.items.rbegin(), profile.items.rend());
      auto list = slot->engine->recommend(profile, request.k, options);
      if (list) {
        result.items = std::move(list).value();
        const auto& category = session.categories();
        if (std::any_of(category.begin(), category.end(), [](std::int32_t g) { return g >= 0; })) {
          const auto categories =
              static_cast<std::size_t>(*std::max_element(category.begin(), category.end())) + 1;
          std::vector<double> h, l;
          result.miscalibration = listMiscalibration(profile.items, result.items, result.items.size(),
                                                     category, categories, h, l);
          if (request.reRank.active()) {
            auto own = slot->engine->recommend(profile, request.k, {});
            if (own)
              result.miscalibrationUnranked = listMiscalibration(
                  profile.items, own.value(), own.value().size(), category, categories, h, l);
          }
        }
      } else {
        result.error = list.error();
      }
    } catch (const std::exception& e) {
      result.error = makeError(ErrorCode::Internal, e.what());
    }
    result.milliseconds = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    return result;
  }).then(this, [this](const RecomputeResult& result) {
    // A newer request was started meanwhile: its result will replace this one.
    if (result.generation != m_generation || m_pending) return;
    Q_EMIT resultReady(result);
  });
}

}  // namespace reclens
