#include "geometry/LatentVideo.h"

#include <QImage>
#include <QPainter>
#include <opencv2/core.hpp>
#include <opencv2/videoio.hpp>
#include <system_error>

#include "common/Error.h"

namespace vaecf::ui {

namespace {

// OpenCV picks the container by the file name's extension, so the temporary keeps it.
std::filesystem::path temporaryBeside(const std::filesystem::path& path) {
  std::filesystem::path temporary = path;
  temporary.replace_filename("." + path.stem().string() + ".partial" + path.extension().string());
  return temporary;
}

QImage drawFrame(LatentMapScene& scene, std::shared_ptr<const geometry::LatentFrame> frame, QSize size) {
  scene.setFrame(std::move(frame));
  QImage image(size, QImage::Format_RGB32);
  {
    QPainter painter(&image);
    scene.render(painter, size);
  }
  return image.convertToFormat(QImage::Format_BGR888);  // OpenCV's channel order
}

void writeFrames(const std::filesystem::path& path, LatentMapScene& scene,
                 const std::vector<std::shared_ptr<const geometry::LatentFrame>>& frames,
                 const LatentVideoOptions& options, const TaskContext& context, const std::string& target) {
  cv::VideoWriter writer;
  const cv::Size size(options.size.width(), options.size.height());
  if (!writer.open(path.string(), cv::CAP_OPENCV_MJPEG, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'),
                   options.framesPerSecond, size)) {
    throw Error(target + ": OpenCV cannot open a Motion-JPEG .avi writer for this file");
  }
  for (std::size_t i = 0; i < frames.size(); ++i) {
    context.checkCancelled();
    context.report("video", i, frames.size());
    const QImage image = drawFrame(scene, frames[i], options.size);
    const cv::Mat mat(image.height(), image.width(), CV_8UC3, const_cast<uchar*>(image.constBits()),
                      static_cast<std::size_t>(image.bytesPerLine()));
    writer.write(mat);
  }
  writer.release();
  context.report("video", frames.size(), frames.size());
}

}  // namespace

void writeLatentVideo(const std::filesystem::path& path, LatentMapScene scene,
                      const std::vector<std::shared_ptr<const geometry::LatentFrame>>& frames,
                      const LatentVideoOptions& options, const TaskContext& context) {
  const std::string target = path.string();
  if (frames.empty()) throw Error(target + ": there are no latent frames to write");
  if (options.size.width() < 16 || options.size.height() < 16)
    throw Error(target + ": a video frame must be at least 16x16 pixels");
  if (!(options.framesPerSecond > 0.0)) throw Error(target + ": frames per second must be positive");
  if (path.extension() != ".avi") throw Error(target + ": Motion-JPEG videos are written as .avi files");

  const std::filesystem::path temporary = temporaryBeside(path);
  try {
    writeFrames(temporary, scene, frames, options, context, target);
    std::error_code ignored;
    if (std::filesystem::file_size(temporary, ignored) == 0 || ignored)
      throw Error(target + ": OpenCV wrote no video data");
    std::filesystem::rename(temporary, path);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw;
  }
}

bool LatentVideoJob::start(std::filesystem::path path, LatentMapScene scene,
                           std::vector<std::shared_ptr<const geometry::LatentFrame>> frames,
                           LatentVideoOptions options) {
  const QString shownPath = QString::fromStdString(path.string());
  const bool started =
      run([path = std::move(path), scene = std::move(scene), frames = std::move(frames),
           options](const TaskContext& context) { writeLatentVideo(path, scene, frames, options, context); });
  if (started) path_ = shownPath;
  return started;
}

void LatentVideoJob::succeeded() { Q_EMIT written(path_); }

}  // namespace vaecf::ui
