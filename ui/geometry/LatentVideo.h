#pragma once
// Latent map playback saved as a video: each frame drawn by the map's scene at a fixed
// size and written as Motion-JPEG in an .avi container, which OpenCV writes without ffmpeg.

#include <QSize>
#include <QString>
#include <filesystem>
#include <memory>
#include <vector>

#include "geometry/LatentMapScene.h"
#include "session/BackgroundJob.h"

namespace vaecf::ui {

struct LatentVideoOptions {
  QSize size{960, 720};
  double framesPerSecond = 4.0;
};

// Draws `frames` in order with `scene` (its trail, colouring, layers, view and overlays)
// and writes them to `path` through a temporary file renamed into place at the end; reports
// ("video", frames written, frames). Throws Error naming the file when OpenCV cannot open
// or write it, and for an empty frame list or a bad size or rate.
void writeLatentVideo(const std::filesystem::path& path, LatentMapScene scene,
                      const std::vector<std::shared_ptr<const geometry::LatentFrame>>& frames,
                      const LatentVideoOptions& options, const TaskContext& context = {});

class LatentVideoJob : public BackgroundJob {
  Q_OBJECT

 public:
  explicit LatentVideoJob(QObject* parent = nullptr) : BackgroundJob(parent) {}

  // Ignored (false) while a video is being written.
  bool start(std::filesystem::path path, LatentMapScene scene,
             std::vector<std::shared_ptr<const geometry::LatentFrame>> frames, LatentVideoOptions options);

 Q_SIGNALS:
  void written(const QString& path);

 private:
  void succeeded() override;

  QString path_;
};

}  // namespace vaecf::ui
