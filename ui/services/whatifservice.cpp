#include "services/whatifservice.h"

#include <QFuture>
#include <QtConcurrent/QtConcurrentRun>

#include "services/whatifcompute.h"

namespace reclens {

WhatIfService::WhatIfService(QObject* parent)
    : QObject(parent), m_compute(std::make_shared<WhatIfCompute>()) {
  m_pool.setMaxThreadCount(1);
  m_debounce.setSingleShot(true);
  m_debounce.setInterval(kDebounceMs);
  connect(&m_debounce, &QTimer::timeout, this, &WhatIfService::launch);
}

WhatIfService::~WhatIfService() {
  for (const Flag& flag : {m_cancel, m_graphCancel, m_impactCancel}) {
    if (flag) flag->store(true);
  }
  m_pool.waitForDone();
}

void WhatIfService::compute(WhatIfRequest request) {
  m_pending = std::move(request);
  m_debounce.start();
  updateBusy();
}

void WhatIfService::computeGraph(WhatIfGraphRequest request) {
  m_pendingGraph = std::move(request);
  m_debounce.start();
  updateBusy();
}

void WhatIfService::computeImpact(WhatIfImpactRequest request) {
  m_pendingImpact = std::move(request);
  m_debounce.start();
  updateBusy();
}

void WhatIfService::cancel() {
  m_debounce.stop();
  m_pending.reset();
  m_pendingGraph.reset();
  m_pendingImpact.reset();
  // Bumping the generations drops whatever is still running when it arrives.
  ++m_generation;
  ++m_graphGeneration;
  ++m_impactGeneration;
  for (const Flag& flag : {m_cancel, m_graphCancel, m_impactCancel}) {
    if (flag) flag->store(true);
  }
  updateBusy();
}

WhatIfService::Flag WhatIfService::renew(Flag& flag) {
  // The running computation of this kind is stale now: let it stop at its next check.
  if (flag) flag->store(true);
  flag = std::make_shared<std::atomic<bool>>(false);
  return flag;
}

void WhatIfService::launch() {
  auto compute = m_compute;
  if (m_pending) {
    WhatIfRequest request = std::move(*m_pending);
    m_pending.reset();
    const std::uint64_t generation = ++m_generation;
    ++m_running;
    QtConcurrent::run(&m_pool, [compute, request, generation, flag = renew(m_cancel)]() {
      TaskControl control;
      control.cancel = flag.get();
      WhatIfOutcome out = compute->run(request, control);
      out.generation = generation;
      return out;
    }).then(this, [this](const WhatIfOutcome& out) {
      finishOne();
      // A newer request was started or queued meanwhile: its result will replace this one.
      if (out.generation != m_generation || m_pending) return;
      Q_EMIT resultReady(out);
    });
  }
  if (m_pendingGraph) {
    WhatIfGraphRequest request = std::move(*m_pendingGraph);
    m_pendingGraph.reset();
    const std::uint64_t generation = ++m_graphGeneration;
    ++m_running;
    QtConcurrent::run(&m_pool, [compute, request, generation, flag = renew(m_graphCancel)]() {
      TaskControl control;
      control.cancel = flag.get();
      WhatIfGraphOutcome out = compute->graph(request, control);
      out.generation = generation;
      return out;
    }).then(this, [this](const WhatIfGraphOutcome& out) {
      finishOne();
      if (out.generation != m_graphGeneration || m_pendingGraph) return;
      Q_EMIT graphReady(out);
    });
  }
  if (m_pendingImpact) {
    WhatIfImpactRequest request = std::move(*m_pendingImpact);
    m_pendingImpact.reset();
    const std::uint64_t generation = ++m_impactGeneration;
    ++m_running;
    QtConcurrent::run(&m_pool, [compute, request, generation, flag = renew(m_impactCancel)]() {
      TaskControl control;
      control.cancel = flag.get();
      WhatIfImpactOutcome out = compute->impact(request, control);
      out.generation = generation;
      return out;
    }).then(this, [this](const WhatIfImpactOutcome& out) {
      finishOne();
      if (out.generation != m_impactGeneration || m_pendingImpact) return;
      Q_EMIT impactReady(out);
    });
  }
}

void WhatIfService::finishOne() {
  --m_running;
  updateBusy();
}

void WhatIfService::updateBusy() {
  const bool busy = isBusy();
  if (busy == m_busy) return;
  m_busy = busy;
  Q_EMIT busyChanged(busy);
}

}  // namespace reclens
