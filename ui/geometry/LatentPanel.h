#pragma once
// A run's latent trail played back on the latent map (docs/geometry.md sections 5-6): the
// frames the trainer recorded every latent_every epochs, loaded off the GUI thread, an
// epoch slider with play/pause, colouring and layer controls, and PNG, SVG and video
// export. A live run's new frames are picked up by refresh(), which reads only those.

#include <QStringList>
#include <QTimer>
#include <QWidget>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "geometry/LatentMapView.h"
#include "geometry/LatentVideo.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QSlider;
class QStackedWidget;
class QToolButton;

namespace vaecf::ui {

class LatentTrailJob;
class TsneJob;
struct LatentTrailLoad;
struct SessionData;

// What the map shows: the PCA frames recorded during training, or a t-SNE map of the
// best weights (neighbourhoods only, no playback, no masked clouds).
enum class MapProjection { Pca, Tsne };

// Titles and first genres by item column, for hover text and genre colours.
struct LatentItemLabels {
  QStringList titles;
  QStringList genres;
};
LatentItemLabels latentItemLabelsOf(const SessionData& data);

class LatentPanel : public QWidget {
  Q_OBJECT

 public:
  explicit LatentPanel(QWidget* parent = nullptr);
  ~LatentPanel() override;

  LatentMapView* map() const { return map_; }

  // Loads the trail of a run folder (empty: none) in the background, replacing the one shown.
  void setRunFolder(const QString& runFolder);
  QString runFolder() const { return runFolder_; }
  // The line above the map naming the run it draws; `toolTip` e.g. the run's whole folder.
  void setTitle(const QString& title, const QString& toolTip);
  QString title() const;
  // Reads the frames added since the last load; a view at the last frame follows them.
  void refresh();
  bool isLoading() const;

  void setItemLabels(LatentItemLabels labels);
  // The session's data, which a t-SNE map of a run's weights is computed on.
  void setData(std::shared_ptr<const SessionData> data);

  // t-SNE is computed in the background when first asked for on a run, then kept.
  void setProjection(MapProjection projection);
  MapProjection projection() const;
  bool isComputingTsne() const;
  // Throws Error for edges that are not positive and strictly increasing.
  void setCohortEdges(std::vector<std::uint32_t> lowerEdges);

  int frameCount() const { return static_cast<int>(frames_.size()); }
  int currentFrameIndex() const { return current_; }
  void showFrame(int index);
  // The frame shown: its basis projects further points (masked clouds) onto the map; a
  // t-SNE frame has none. Null while nothing is shown.
  const geometry::LatentFrame* currentFrame() const;
  std::optional<std::int64_t> currentEpoch() const;
  const geometry::LatentTrailHeader* header() const { return header_.get(); }
  // True while the panel shows its empty-state message instead of the map.
  bool showsEmptyState() const;
  QString emptyStateMessage() const;

  void setPlaying(bool playing);
  bool isPlaying() const { return playTimer_.isActive(); }
  void setFramesPerSecond(double framesPerSecond);

  // Writes every frame, as shown now, to an .avi file in the background.
  bool exportVideo(const QString& path, LatentVideoOptions options);

 Q_SIGNALS:
  void trailLoaded(int frames);
  void frameShown(qint64 epoch);
  void loadFailed(const QString& message);
  void videoWritten(const QString& path);
  void videoFailed(const QString& message);

 private:
  void buildControls();
  void startLoad();
  void takeLoad(const std::shared_ptr<const LatentTrailLoad>& load);
  void afterLoadEnded();
  void updateEmptyState();
  void updateLayers();
  void advancePlayback();
  void exportMap(const QString& format);
  void askVideoPath();
  void fitHomeToFrames();
  void showTsne();
  void showStatus(const QString& text);
  // Text and Cancel while a job runs (empty: none), with a bar once its total is known.
  void showProgress(const QString& text, qint64 done = 0, qint64 total = 0);

  QString runFolder_;
  std::shared_ptr<const geometry::LatentTrailHeader> header_;
  std::vector<std::shared_ptr<const geometry::LatentFrame>> frames_;  // ascending epochs
  int current_ = -1;
  bool loadAgain_ = false;  // a load was asked for while one was running
  bool loadedOnce_ = false;
  std::optional<std::int64_t> firstFrameEpoch_;  // of a run that has recorded no frame yet
  bool endedBeforeFirstFrame_ = false;
  LatentItemLabels labels_;
  QTimer playTimer_;

  std::shared_ptr<const SessionData> data_;
  std::shared_ptr<const geometry::LatentFrame> tsneFrame_;  // of runFolder_, once computed

  LatentTrailJob* loadJob_;
  TsneJob* tsneJob_;
  QLabel* title_;
  QComboBox* projection_;
  LatentVideoJob* videoJob_;
  LatentMapView* map_;
  QStackedWidget* pages_;
  QLabel* emptyMessage_;
  QComboBox* colouring_;
  QCheckBox* users_;
  QCheckBox* anchors_;
  QCheckBox* pseudoInputs_;
  QCheckBox* focus_;
  QToolButton* select_;
  QToolButton* play_;
  QComboBox* speed_;
  QSlider* epochs_;
  QLabel* epochLabel_;
  QLabel* status_;
  QLabel* progress_;
  QProgressBar* progressBar_;
  QToolButton* cancel_;
};

}  // namespace vaecf::ui
