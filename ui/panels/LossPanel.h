#pragma once
// Every scalar a run reports (loss terms, KL weight, learning rate, ...) over steps,
// epochs or wall time, for the live run and any overlaid saved runs.

#include <QMap>
#include <QSet>

#include <optional>
#include <utility>
#include <vector>

#include "panels/LazyPanel.h"
#include "runs/RunView.h"

class QAbstractAxis;
class QChart;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineSeries;
class QListWidget;
class QSlider;
class QValueAxis;

namespace vaecf::ui {

class ChartView;

class LossPanel : public LazyPanel {
  Q_OBJECT

 public:
  enum class XAxis { Step, Epoch, WallTime };

  explicit LossPanel(QWidget* parent = nullptr);

  void setRuns(std::vector<RunView> runs);
  void setXAxis(XAxis axis);
  void setSmoothing(double weight);  // 0 = off
  double smoothing() const;
  void setLogScale(bool on);
  void setTermVisible(const QString& term, bool visible);

  // What is drawn, for tests and export: points of every visible series.
  int seriesCount() const;
  qsizetype pointCount() const;
  QChart* chart() const;
  // The series drawn for the run `runId` (RunView::id), one per visible scalar.
  QList<QLineSeries*> seriesOf(const QString& runId) const;
  bool exportCsv(const QString& path) const;
  // The read-out of every shown run at the end of `epoch`, with the crosshair there, as a
  // linked chart hovers it; endFollow() clears both.
  void followEpoch(qint64 epoch);
  void endFollow();
  QString readout() const;
  ChartView* view() const { return view_; }

 Q_SIGNALS:
  // The epoch under the mouse, for linked charts; hoverLeft() when the mouse leaves the plot.
  void hoveredEpoch(qint64 epoch);
  void hoverLeft();

 protected:
  void redraw() override;

 private:
  const Curves& curvesOf(const RunHistory& history) const;
  double xOf(const CurvePoint& point) const;
  void updateTermList();
  void rebuildYAxis();
  void readOutAt(double x);
  std::optional<qint64> epochAt(double x) const;
  // The first run's total loss (or first curve) as drawn against x: where epochs begin and end.
  const std::vector<CurvePoint>* referenceCurve() const;

  std::vector<RunView> runs_;
  XAxis xAxis_ = XAxis::Step;
  bool logScale_ = false;
  QSet<QString> hiddenTerms_;
  using SeriesKey = std::pair<QString, QString>;  // run id, scalar
  QMap<SeriesKey, QLineSeries*> series_;

  QChart* chart_;
  ChartView* view_;
  QValueAxis* xAxisItem_;
  QAbstractAxis* yAxisItem_ = nullptr;
  QListWidget* terms_;
  QComboBox* xChoice_;
  QCheckBox* smoothOn_;
  QSlider* smoothWeight_;
  QCheckBox* logY_;
  QLabel* readout_;
};

}  // namespace vaecf::ui
