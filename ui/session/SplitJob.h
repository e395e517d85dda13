#pragma once

#include <functional>
#include <memory>
#include <string>

#include "data/Protocol.h"
#include "models/Params.h"
#include "plugin/ModelFamily.h"
#include "session/BackgroundJob.h"
#include "session/SessionData.h"

namespace vaecf::ui {

// Builds the split an iterative model trains on (core trainingSplit: SVAE's time-ordered
// heldout parts, DeepRec's rating split of the raw log) on a worker thread, so that a
// large dataset's split never blocks the GUI.
class SplitJob : public BackgroundJob {
  Q_OBJECT

 public:
  using Ready = std::function<void(std::shared_ptr<const Split>)>;

  explicit SplitJob(QObject* parent = nullptr);

  // Hands the split to `ready` on the GUI thread once built; failures and cancellation
  // arrive as failed() and cancelled(). Ignored (false) while a split is being built.
  bool start(ModelFamily model, ParamSet params, ProtocolOptions protocol, std::shared_ptr<const SessionData> data,
             Ready ready);

 private:
  void succeeded() override;

  std::shared_ptr<std::shared_ptr<const Split>> result_;
  Ready ready_;
};

}  // namespace vaecf::ui
