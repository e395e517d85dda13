#pragma once
// The latent-space view of the workbench (docs/geometry.md): the map of a run's recorded
// frames beside the focus-user, drift and pseudo-input panels, wired so that a click on
// the map studies that user and the study is drawn back onto the map (sharing radius,
// neighbours, masked clouds), re-projected whenever another epoch's frame is shown.

#include <QPointF>
#include <QWidget>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "geometry/GeometryJob.h"

class QTabWidget;

namespace vaecf::ui {

class DriftPanel;
class FocusPanel;
class LatentPanel;
class PseudoInputPanel;

class LatentWorkspace : public QWidget {
  Q_OBJECT

 public:
  explicit LatentWorkspace(QWidget* parent = nullptr);

  void setData(std::shared_ptr<const SessionData> data);
  // The run the map, the focus and pseudo-input panels and drift's run A show; `comparison`
  // is drift's run B (empty: none); `current`: the run is the window's live run, which the
  // map's title says. Unchanged folders keep what they have loaded.
  void setRuns(const std::filesystem::path& run, const std::filesystem::path& comparison = {},
               bool current = false);
  const std::filesystem::path& run() const { return run_; }
  // Picks up frames a live run recorded since.
  void refresh();
  // Reads the run's best weights again (a live run wrote or improved them) for the focus,
  // drift and pseudo-input panels.
  void reloadWeights();
  // Throws Error for edges that are not positive and strictly increasing.
  void setCohortEdges(const std::vector<std::uint32_t>& lowerEdges);

  LatentPanel* latentPanel() const { return latent_; }
  FocusPanel* focusPanel() const { return focus_; }
  DriftPanel* driftPanel() const { return drift_; }
  PseudoInputPanel* pseudoInputPanel() const { return pseudoInputs_; }

  // The radius of the illustrative circle: the median map distance from the focus user to
  // the users inside the sharing radius (in the full latent space); none without them.
  // Where the mean PIA anchor of `items` (item columns) lies on a frame's map; none without
  // anchors (not a PIA run) or items.
  static std::optional<QPointF> anchorCentroid(const geometry::RowMatrix& anchors,
                                               const std::vector<std::int64_t>& items);
  static std::optional<double> illustrativeRadius(const geometry::RowMatrix& map, std::int64_t focus,
                                                  const std::vector<std::int64_t>& withinRadius);

 Q_SIGNALS:
  void problem(const QString& message);

 private:
  void showTitle(bool current);
  void showWeights();
  void showStudyOnMap();
  void onFrameShown();

  std::filesystem::path run_;
  std::filesystem::path comparison_;
  LatentPanel* latent_;
  QTabWidget* side_;
  FocusPanel* focus_;
  DriftPanel* drift_;
  PseudoInputPanel* pseudoInputs_;
};

}  // namespace vaecf::ui
