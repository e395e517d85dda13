#pragma once
// A t-SNE map of a run's latent sample from its best weights (docs/geometry.md section 6), as a
// frame the latent map can show: users, PIA anchors and VampPrior pseudo-inputs embedded
// together, seeded, on a worker thread with progress and cancel. t-SNE keeps neighbourhoods,
// not distances, and has no out-of-sample projection, so the frame carries no basis.

#include <filesystem>
#include <memory>

#include "geometry/Projection.h"
#include "geometry/LatentTrail.h"
#include "session/BackgroundJob.h"

namespace vaecf::ui {

struct SessionData;

class TsneJob : public BackgroundJob {
  Q_OBJECT

 public:
  explicit TsneJob(QObject* parent = nullptr) : BackgroundJob(parent) {}

  // Ignored (false) while a map is being computed.
  bool start(std::filesystem::path runFolder, std::shared_ptr<const SessionData> data,
             geometry::TsneOptions options = {});

  // On the calling thread: what start() computes, a frame of the best epoch. Anchors are left out when users,
  // anchors and pseudo-inputs together exceed t-SNE's geometry::kTsneMaxPoints; throws Error when the
  // users and pseudo-inputs alone do.
  static geometry::LatentFrame compute(const std::filesystem::path& runFolder, const SessionData& data,
                                       const geometry::TsneOptions& options, const TaskContext& context = {});

 Q_SIGNALS:
  void computed(std::shared_ptr<const vaecf::geometry::LatentFrame> frame);

 private:
  void succeeded() override;

  std::shared_ptr<geometry::LatentFrame> result_;
};

}  // namespace vaecf::ui
