#include "geometry/LatentPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QSlider>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <set>

#include "geometry/LatentTrailJob.h"
#include "geometry/TsneJob.h"
#include "help/Glossary.h"
#include "panels/ChartToolbar.h"
#include "session/SessionData.h"

namespace vaecf::ui {

LatentItemLabels latentItemLabelsOf(const SessionData& data) {
  LatentItemLabels labels;
  if (!data.split) return labels;
  for (const std::string& itemId : data.split->itemIds) {
    const auto found = data.catalog.find(itemId);
    const bool known = found != data.catalog.end();
    labels.titles << (known ? QString::fromStdString(found->second.title) : QString());
    labels.genres << (known && !found->second.genres.empty()
                          ? QString::fromStdString(found->second.genres.front())
                          : QString());
  }
  return labels;
}

LatentPanel::LatentPanel(QWidget* parent)
    : QWidget(parent),
      loadJob_(new LatentTrailJob(this)),
      tsneJob_(new TsneJob(this)),
      title_(new QLabel(this)),
      projection_(new QComboBox(this)),
      videoJob_(new LatentVideoJob(this)),
      map_(new LatentMapView(this)),
      pages_(new QStackedWidget(this)),
      emptyMessage_(new QLabel(this)),
      colouring_(new QComboBox(this)),
      users_(new QCheckBox(tr("Users"), this)),
      anchors_(new QCheckBox(tr("Anchors"), this)),
      pseudoInputs_(new QCheckBox(tr("Pseudo-inputs"), this)),
      focus_(new QCheckBox(tr("Focus"), this)),
      select_(new QToolButton(this)),
      play_(new QToolButton(this)),
      speed_(new QComboBox(this)),
      epochs_(new QSlider(Qt::Horizontal, this)),
      epochLabel_(new QLabel(this)),
      status_(new QLabel(this)),
      progress_(new QLabel(this)),
      progressBar_(new QProgressBar(this)),
      cancel_(new QToolButton(this)) {
  buildControls();
  playTimer_.setInterval(500);
  connect(&playTimer_, &QTimer::timeout, this, &LatentPanel::advancePlayback);

  connect(loadJob_, &LatentTrailJob::loaded, this,
          [this](const std::shared_ptr<const LatentTrailLoad>& load) {
            takeLoad(load);
            afterLoadEnded();
          });
  connect(loadJob_, &LatentTrailJob::failed, this, [this](const QString& message) {
    showStatus(tr("Could not read the latent frames: %1").arg(message));
    Q_EMIT loadFailed(message);
    afterLoadEnded();
  });
  connect(loadJob_, &LatentTrailJob::cancelled, this, &LatentPanel::afterLoadEnded);
  connect(loadJob_, &LatentTrailJob::progressed, this, [this](const QString&, qint64 done, qint64 total) {
    showProgress(tr("Reading latent frames: %1 of %2").arg(done).arg(total), done, total);
  });

  connect(videoJob_, &LatentVideoJob::progressed, this, [this](const QString&, qint64 done, qint64 total) {
    showProgress(tr("Writing the video: frame %1 of %2").arg(done).arg(total), done, total);
  });
  connect(videoJob_, &LatentVideoJob::written, this, [this](const QString& path) {
    showProgress({});
    showStatus(tr("Video written to %1").arg(path));
    Q_EMIT videoWritten(path);
  });
  connect(videoJob_, &LatentVideoJob::failed, this, [this](const QString& message) {
    showProgress({});
    showStatus(tr("Could not write the video: %1").arg(message));
    Q_EMIT videoFailed(message);
  });
  connect(videoJob_, &LatentVideoJob::cancelled, this, [this] {
    showProgress({});
    showStatus(tr("Video export cancelled"));
  });

  connect(tsneJob_, &TsneJob::computed, this, [this](const std::shared_ptr<const geometry::LatentFrame>& frame) {
    showProgress({});
    tsneFrame_ = frame;
    if (projection() == MapProjection::Tsne) showTsne();
  });
  connect(tsneJob_, &TsneJob::failed, this, [this](const QString& message) {
    showProgress({});
    showStatus(tr("Could not compute the t-SNE map: %1").arg(message));
    setProjection(MapProjection::Pca);
  });
  connect(tsneJob_, &TsneJob::cancelled, this, [this] {
    showProgress({});
    setProjection(MapProjection::Pca);
  });
  connect(tsneJob_, &TsneJob::progressed, this, [this](const QString& stage, qint64 done, qint64 total) {
    showProgress(stage == QLatin1String("tsne") ? tr("t-SNE: iteration %1 of %2").arg(done).arg(total)
                                                : tr("Encoding the sample: %1 of %2").arg(done).arg(total),
                 done, total);
  });

  connect(map_, &LatentMapView::selectionChanged, this, [this] { showStatus(map_->selectionSummary()); });
  connect(map_, &LatentMapView::hovered, this, [this](const QString& description) {
    QString line = description;
    showStatus(line.isEmpty() && !map_->selection().isEmpty()
                   ? map_->selectionSummary()
                   : line.replace(QLatin1Char('\n'), QStringLiteral("; ")));
  });
  updateEmptyState();
}

LatentPanel::~LatentPanel() = default;

void LatentPanel::buildControls() {
  colouring_->addItem(tr("Colour by cohort"), static_cast<int>(MapColouring::Cohort));
  colouring_->addItem(tr("Colour by activity"), static_cast<int>(MapColouring::Activity));
  colouring_->addItem(tr("Colour by split"), static_cast<int>(MapColouring::Split));
  colouring_->setToolTip(tr("Cohorts bucket users by interactions; activity is a log-scale ramp"));
  connect(colouring_, &QComboBox::currentIndexChanged, this,
          [this] { map_->setColourMode(static_cast<MapColouring>(colouring_->currentData().toInt())); });

  for (QCheckBox* layer : {users_, anchors_, pseudoInputs_, focus_}) {
    layer->setChecked(true);
    connect(layer, &QCheckBox::toggled, this, &LatentPanel::updateLayers);
  }
  anchors_->setToolTip(tr("PIA item anchors, coloured by genre when the data has genres"));
  pseudoInputs_->setToolTip(tr("VampPrior pseudo-inputs: click one to list the items it stands for"));
  focus_->setToolTip(withExplanation(tr("The focus user's sharing radius, neighbours and masked inputs"),
                                     {Term::SharingRadius, Term::KeepRate}));

  select_->setText(tr("Select"));
  select_->setCheckable(true);
  select_->setToolTip(tr("Drag a rectangle to select users (shift+drag works without this); Esc clears"));
  connect(select_, &QToolButton::toggled, map_, &LatentMapView::setSelectionMode);

  projection_->addItem(tr("PCA, per epoch"), static_cast<int>(MapProjection::Pca));
  projection_->addItem(tr("t-SNE of the best weights"), static_cast<int>(MapProjection::Tsne));
  projection_->setToolTip(tr("PCA frames recorded while training, with playback; or a seeded t-SNE map of the "
                             "best weights, which keeps neighbourhoods but not distances"));
  connect(projection_, &QComboBox::currentIndexChanged, this,
          [this] { setProjection(static_cast<MapProjection>(projection_->currentData().toInt())); });

  auto* toolbar = new ChartToolbar(this);
  for (QWidget* control : std::initializer_list<QWidget*>{users_, anchors_, pseudoInputs_, focus_, select_})
    toolbar->addControl(control);
  connect(toolbar, &ChartToolbar::resetZoomRequested, map_, &LatentMapView::resetView);
  connect(toolbar, &ChartToolbar::exportRequested, this, &LatentPanel::exportMap);
  auto* video = new QToolButton(this);
  video->setText(tr("Video…"));
  video->setToolTip(tr("Save the playback of every frame as a Motion-JPEG .avi video"));
  connect(video, &QToolButton::clicked, this, &LatentPanel::askVideoPath);
  toolbar->addControl(video);

  play_->setText(tr("Play"));
  play_->setCheckable(true);
  connect(play_, &QToolButton::toggled, this, &LatentPanel::setPlaying);
  for (double rate : {1.0, 2.0, 4.0, 8.0}) speed_->addItem(tr("%1 frames/s").arg(rate), rate);
  speed_->setCurrentIndex(1);
  connect(speed_, &QComboBox::currentIndexChanged, this,
          [this] { setFramesPerSecond(speed_->currentData().toDouble()); });
  epochs_->setPageStep(1);
  connect(epochs_, &QSlider::valueChanged, this, &LatentPanel::showFrame);
  epochLabel_->setMinimumWidth(120);

  // What is drawn and how sits with the playback, so neither row is wider than a half window.
  auto* playback = new QHBoxLayout;
  playback->addWidget(projection_);
  playback->addWidget(colouring_);
  playback->addWidget(play_);
  playback->addWidget(speed_);
  playback->addWidget(epochs_, 1);
  playback->addWidget(epochLabel_);

  emptyMessage_->setAlignment(Qt::AlignCenter);
  emptyMessage_->setWordWrap(true);
  pages_->addWidget(emptyMessage_);
  pages_->addWidget(map_);

  cancel_->setText(tr("Cancel"));
  connect(cancel_, &QToolButton::clicked, this, [this] {
    loadJob_->cancel();
    videoJob_->cancel();
    tsneJob_->cancel();
  });
  auto* footer = new QHBoxLayout;
  footer->addWidget(status_, 1);
  footer->addWidget(progress_);
  footer->addWidget(progressBar_);
  footer->addWidget(cancel_);
  showProgress({});

  title_->setWordWrap(true);
  QFont bold = title_->font();
  bold.setBold(true);
  title_->setFont(bold);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(title_);
  layout->addWidget(toolbar);
  layout->addLayout(playback);
  layout->addWidget(pages_, 1);
  layout->addLayout(footer);
}

void LatentPanel::setRunFolder(const QString& runFolder) {
  if (runFolder == runFolder_ && loadedOnce_) return refresh();
  setPlaying(false);
  runFolder_ = runFolder;
  header_.reset();
  frames_.clear();
  tsneJob_->cancel();
  tsneFrame_.reset();
  setProjection(MapProjection::Pca);
  current_ = -1;
  loadedOnce_ = false;
  firstFrameEpoch_.reset();
  endedBeforeFirstFrame_ = false;
  map_->setTrail(nullptr);
  updateEmptyState();
  if (runFolder_.isEmpty()) return;
  loadJob_->cancel();  // a load of the previous folder ends soon; this one starts after it
  startLoad();
}

void LatentPanel::setTitle(const QString& title, const QString& toolTip) {
  title_->setText(title);
  title_->setToolTip(toolTip);
}

QString LatentPanel::title() const { return title_->text(); }

void LatentPanel::refresh() {
  if (!runFolder_.isEmpty()) startLoad();
}

bool LatentPanel::isLoading() const { return loadJob_->isRunning(); }

void LatentPanel::startLoad() {
  if (loadJob_->isRunning()) {
    loadAgain_ = true;
    return;
  }
  std::set<std::int64_t> known;
  for (const auto& frame : frames_) known.insert(frame->epoch);
  loadJob_->start(runFolder_.toStdString(), std::move(known));
}

void LatentPanel::afterLoadEnded() {
  showProgress({});
  if (!loadAgain_) return;
  loadAgain_ = false;
  startLoad();
}

void LatentPanel::takeLoad(const std::shared_ptr<const LatentTrailLoad>& load) {
  if (load->runFolder != runFolder_.toStdString()) return;  // a folder replaced since
  loadedOnce_ = true;
  firstFrameEpoch_ = load->firstFrameEpoch;
  endedBeforeFirstFrame_ = load->endedBeforeFirstFrame;
  if (!load->header) return updateEmptyState();
  const bool followLatest = current_ < 0 || current_ == frameCount() - 1;
  if (!header_) {
    header_ = load->header;
    map_->setTrail(header_, labels_.titles, labels_.genres);
  }
  for (const auto& frame : load->frames) {
    const auto at =
        std::lower_bound(frames_.begin(), frames_.end(), frame->epoch,
                         [](const auto& held, std::int64_t epoch) { return held->epoch < epoch; });
    if (at == frames_.end() || (*at)->epoch != frame->epoch) frames_.insert(at, frame);
  }
  if (projection() == MapProjection::Pca) fitHomeToFrames();
  epochs_->blockSignals(true);
  epochs_->setRange(0, std::max(0, frameCount() - 1));
  epochs_->blockSignals(false);
  updateEmptyState();
  if (!frames_.empty() && projection() == MapProjection::Pca) showFrame(followLatest ? frameCount() - 1 : current_);
  Q_EMIT trailLoaded(frameCount());
}

void LatentPanel::setItemLabels(LatentItemLabels labels) {
  labels_ = std::move(labels);
  if (!header_) return;
  map_->setTrail(header_, labels_.titles, labels_.genres);
  if (projection() == MapProjection::Tsne && tsneFrame_) {
    map_->setFrame(tsneFrame_);
  } else if (current_ >= 0 && current_ < frameCount()) {
    map_->setFrame(frames_[static_cast<std::size_t>(current_)]);
  }
}

void LatentPanel::setData(std::shared_ptr<const SessionData> data) {
  data_ = std::move(data);
  tsneJob_->cancel();
  tsneFrame_.reset();  // computed on the previous data
  setProjection(MapProjection::Pca);
}

MapProjection LatentPanel::projection() const { return static_cast<MapProjection>(projection_->currentData().toInt()); }

bool LatentPanel::isComputingTsne() const { return tsneJob_->isRunning(); }

void LatentPanel::setProjection(MapProjection projection) {
  {
    const QSignalBlocker blocker(projection_);
    projection_->setCurrentIndex(projection_->findData(static_cast<int>(projection)));
  }
  if (projection == MapProjection::Pca) {
    tsneJob_->cancel();
    updateEmptyState();
    if (frames_.empty()) return;
    fitHomeToFrames();
    showFrame(std::clamp(current_, 0, frameCount() - 1));
    return;
  }
  setPlaying(false);
  if (tsneFrame_) return showTsne();
  if (!header_ || !data_) {
    showStatus(tr("A t-SNE map needs a run with a latent sample and the data it was trained on."));
    return setProjection(MapProjection::Pca);
  }
  if (tsneJob_->start(runFolder_.toStdString(), data_)) showProgress(tr("Computing the t-SNE map…"));
}

// One scale for every frame, so playback shows motion rather than rescaling.
void LatentPanel::fitHomeToFrames() {
  if (frames_.empty()) return;
  QRectF home = LatentMapScene::boundsOf(*frames_.front());
  for (const auto& frame : frames_) home = home.united(LatentMapScene::boundsOf(*frame));
  map_->setHomeBounds(home);
}

void LatentPanel::showTsne() {
  for (QWidget* control : std::initializer_list<QWidget*>{play_, speed_, epochs_}) control->setEnabled(false);
  map_->setHomeBounds(LatentMapScene::boundsOf(*tsneFrame_));
  map_->setFrame(tsneFrame_);
  epochLabel_->setText(tr("t-SNE of the best weights (epoch %1)").arg(tsneFrame_->epoch));
  Q_EMIT frameShown(tsneFrame_->epoch);
}

void LatentPanel::setCohortEdges(std::vector<std::uint32_t> lowerEdges) {
  map_->setCohortEdges(std::move(lowerEdges));
}

void LatentPanel::showFrame(int index) {
  if (index < 0 || index >= frameCount()) return;
  current_ = index;
  const auto& frame = frames_[static_cast<std::size_t>(index)];
  map_->setFrame(frame);
  if (epochs_->value() != index) {
    epochs_->blockSignals(true);
    epochs_->setValue(index);
    epochs_->blockSignals(false);
  }
  epochLabel_->setText(tr("Epoch %1 (%2 of %3)").arg(frame->epoch).arg(index + 1).arg(frameCount()));
  Q_EMIT frameShown(frame->epoch);
}

const geometry::LatentFrame* LatentPanel::currentFrame() const {
  if (projection() == MapProjection::Tsne) return tsneFrame_.get();
  return current_ >= 0 && current_ < frameCount() ? frames_[static_cast<std::size_t>(current_)].get()
                                                  : nullptr;
}

std::optional<std::int64_t> LatentPanel::currentEpoch() const {
  const geometry::LatentFrame* frame = currentFrame();
  return frame ? std::optional<std::int64_t>(frame->epoch) : std::nullopt;
}

bool LatentPanel::showsEmptyState() const { return pages_->currentWidget() == emptyMessage_; }

QString LatentPanel::emptyStateMessage() const { return emptyMessage_->text(); }

void LatentPanel::updateEmptyState() {
  const bool empty = frames_.empty();
  if (runFolder_.isEmpty())
    emptyMessage_->setText(tr("Open a run to see its latent map."));
  else if (!loadedOnce_)
    emptyMessage_->setText(tr("Reading the latent frames…"));
  else if (firstFrameEpoch_ && endedBeforeFirstFrame_)
    emptyMessage_->setText(
        tr("This run ended before its first latent frame (due after epoch %1): continue it to "
           "record frames.").arg(*firstFrameEpoch_));
  else if (firstFrameEpoch_)
    emptyMessage_->setText(
        tr("Waiting for the first latent frame (written after epoch %1).").arg(*firstFrameEpoch_));
  else
    emptyMessage_->setText(
        tr("This run recorded no latent frames: runs of the VAE family record them every "
           "latent_every epochs."));
  pages_->setCurrentWidget(empty ? static_cast<QWidget*>(emptyMessage_) : map_);
  for (QWidget* control : std::initializer_list<QWidget*>{play_, speed_, epochs_})
    control->setEnabled(!empty);
  if (empty) epochLabel_->clear();
}

void LatentPanel::updateLayers() {
  MapLayers layers;
  layers.users = users_->isChecked();
  layers.anchors = anchors_->isChecked();
  layers.pseudoInputs = pseudoInputs_->isChecked();
  layers.focus = focus_->isChecked();
  map_->setLayers(layers);
}

void LatentPanel::setPlaying(bool playing) {
  if (playing && frameCount() < 2) playing = false;
  if (playing == isPlaying()) {
    play_->setChecked(playing);
    return;
  }
  if (playing) {
    if (current_ == frameCount() - 1) showFrame(0);  // play from the start once at the end
    playTimer_.start();
  } else {
    playTimer_.stop();
  }
  play_->blockSignals(true);
  play_->setChecked(playing);
  play_->blockSignals(false);
  play_->setText(playing ? tr("Pause") : tr("Play"));
}

void LatentPanel::setFramesPerSecond(double framesPerSecond) {
  playTimer_.setInterval(static_cast<int>(1000.0 / std::max(framesPerSecond, 0.1)));
}

void LatentPanel::advancePlayback() {
  if (current_ + 1 >= frameCount()) return setPlaying(false);
  showFrame(current_ + 1);
}

void LatentPanel::exportMap(const QString& format) {
  const QString path = askExportPath(this, format, QStringLiteral("latent-map"));
  if (path.isEmpty()) return;
  const bool written = format == QLatin1String("png")   ? map_->exportPng(path)
                       : format == QLatin1String("svg") ? map_->exportSvg(path)
                                                        : map_->exportCsv(path);
  showStatus(written ? tr("Saved %1").arg(path) : tr("Could not write %1").arg(path));
}

void LatentPanel::askVideoPath() {
  if (frames_.empty()) return;
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export video"), QStringLiteral("latent-map.avi"), tr("Motion-JPEG videos (*.avi)"));
  if (path.isEmpty()) return;
  LatentVideoOptions options;
  options.framesPerSecond = speed_->currentData().toDouble();
  exportVideo(path.endsWith(QLatin1String(".avi")) ? path : path + QStringLiteral(".avi"), options);
}

bool LatentPanel::exportVideo(const QString& path, LatentVideoOptions options) {
  if (frames_.empty()) return false;
  const bool started = videoJob_->start(path.toStdString(), map_->scene(), frames_, options);
  if (started) showProgress(tr("Writing the video…"));
  return started;
}

void LatentPanel::showStatus(const QString& text) { status_->setText(text); }

void LatentPanel::showProgress(const QString& text, qint64 done, qint64 total) {
  progress_->setText(text);
  progress_->setVisible(!text.isEmpty());
  cancel_->setVisible(!text.isEmpty());
  progressBar_->setVisible(!text.isEmpty() && total > 0);
  if (total > 0) progressBar_->setValue(static_cast<int>(100 * done / total));
}

}  // namespace vaecf::ui
