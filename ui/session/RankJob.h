#pragma once

#include <functional>
#include <memory>

#include "session/BackgroundJob.h"
#include "train/LocalRanks.h"

namespace vaecf::ui {

// Joins the other ranks of a data-parallel run as rank 0 on a worker thread: they load
// the data before they join, which takes as long as the window's own load did, and a
// rank that fails (a missing program, data it cannot read) is named by failed().
class RankJob : public BackgroundJob {
  Q_OBJECT

 public:
  using Ready = std::function<void(std::shared_ptr<RankGroup>)>;

  explicit RankJob(QObject* parent = nullptr);

  // Hands the joined group to `ready` on the GUI thread. Ignored (false) while joining.
  bool start(std::shared_ptr<LocalRanks> ranks, Ready ready);

 private:
  void succeeded() override;

  std::shared_ptr<std::shared_ptr<RankGroup>> result_;
  Ready ready_;
};

}  // namespace vaecf::ui
