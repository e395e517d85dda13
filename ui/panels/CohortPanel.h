#pragma once
// Validation metrics over epochs: each run's curve over all its users, and under it each
// user cohort's (users bucketed by activity); bars compare cohorts (and overlaid runs) at
// one chosen epoch.

#include <QMap>

#include <utility>
#include <vector>

#include "panels/LazyPanel.h"
#include "runs/RunView.h"

class QBarCategoryAxis;
class QBarSeries;
class QChart;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineSeries;
class QSpinBox;
class QValueAxis;

namespace vaecf::ui {

class ChartView;

class CohortPanel : public LazyPanel {
  Q_OBJECT

 public:
  explicit CohortPanel(QWidget* parent = nullptr);

  void setRuns(std::vector<RunView> runs);
  void setMetric(const QString& metric);  // "ndcg@100", "recall@20", ...
  QString metric() const;
  // The epoch the bars show; 0 = the latest evaluated.
  void setBarEpoch(int epoch);
  // Whether each cohort's curve is drawn under each run's overall curve.
  void setCohortLinesShown(bool shown);

  qsizetype linePointCount() const;
  int barCount() const;  // bars drawn over every set
  QStringList barCategories() const { return barLabels_; }  // each cohort with its users
  QStringList shownBarCategories() const;                   // as the axis shows them now
  bool barLabelsUpright() const;                            // turned, as too wide to lie
  bool barLabelsShown() const;                              // false: too short even upright
  QChart* lineChart() const { return lineChart_; }
  // The run's validation curve over all users (null until it has one).
  QLineSeries* overallLine(const QString& runId) const;
  bool exportCsv(const QString& path) const;
  // The line chart alone, as shown (the SVG export draws the same chart).
  bool exportPng(const QString& path) const;
  // The read-out of every shown run's lines at `epoch`, with the crosshair there, as a
  // linked chart hovers it; endFollow() clears both.
  void followEpoch(qint64 epoch);
  void endFollow();
  QString readout() const;
  ChartView* lineView() const { return lineView_; }

 Q_SIGNALS:
  // The epoch under the mouse on the line chart, for linked charts; hoverLeft() when it leaves.
  void hoveredEpoch(qint64 epoch);
  void hoverLeft();

 protected:
  void redraw() override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void updateMetricChoices();
  void redrawLines();
  void readOutAt(double epoch);
  void redrawBars();
  void fitBarLabels();
  using SeriesKey = std::pair<QString, QString>;  // run id, cohort label (empty: all users)
  QLineSeries* line(const SeriesKey& key);

  // What the last redraw showed: runs with their evaluation counts and colours, metric and epoch.
  // Most events are batch scalars, which leave this panel as it is.
  struct Shown {
    std::vector<std::pair<const RunHistory*, std::size_t>> evaluations;
    std::vector<QColor> colours;
    QString metric;
    int epoch = -1;
    bool cohorts = true;
    bool operator==(const Shown& other) const {
      return evaluations == other.evaluations && colours == other.colours && metric == other.metric &&
             epoch == other.epoch && cohorts == other.cohorts;
    }
  };
  Shown currentContent() const;

  std::vector<RunView> runs_;
  Shown shown_;
  QMap<SeriesKey, QLineSeries*> lines_;
  QStringList barLabels_;

  QComboBox* metricChoice_;
  QSpinBox* epochChoice_;
  QCheckBox* cohortsOn_;
  QChart* lineChart_;
  ChartView* lineView_;
  QValueAxis* lineX_;
  QValueAxis* lineY_;
  QChart* barChart_;
  ChartView* barView_;
  QBarSeries* bars_;
  QBarCategoryAxis* barX_;
  QValueAxis* barY_;
  QLabel* readout_;
};

}  // namespace vaecf::ui
