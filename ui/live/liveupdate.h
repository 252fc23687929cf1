#pragma once
#include <QMetaType>

#include <cstddef>
#include <memory>

#include "services/datasetsnapshot.h"
#include "services/modelsession.h"

namespace reclens {

// Rows that landed in the open project, applied: the grown snapshot and the followed model over it.
// An immutable value handed from the watcher's thread to the GUI thread.
struct LiveUpdate {
  std::shared_ptr<const DatasetSnapshot> base;      // what the rows were appended to
  std::shared_ptr<const DatasetSnapshot> snapshot;  // base with the new rows
  std::shared_ptr<const ModelSession> baseSession;  // the model followed when the read started
  std::shared_ptr<const ModelSession> session;      // that model over `snapshot`; null without a model
  std::size_t firstRow = 0;  // interactions [firstRow, snapshot->interactionCount()) are new
  qint64 noticedMs = 0;      // the watcher's clock when the commit was noticed
  bool more = false;         // the read stopped at its row limit: more rows are waiting
};

}  // namespace reclens

Q_DECLARE_METATYPE(reclens::LiveUpdate)
