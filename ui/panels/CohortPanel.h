#pragma once
// Validation metrics per user cohort (users bucketed by activity): each cohort's curve
// over epochs, and bars comparing cohorts (and overlaid runs) at one chosen epoch.

#include <QMap>

#include <vector>

#include "panels/LazyPanel.h"
#include "runs/RunView.h"

class QBarCategoryAxis;
class QBarSeries;
class QChart;
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

  qsizetype linePointCount() const;
  int barCount() const;  // bars drawn over every set
  QStringList barCategories() const;
  QChart* lineChart() const { return lineChart_; }
  QWidget* lineView() const;
  bool exportCsv(const QString& path) const;
  // The line chart alone, as shown (the SVG export draws the same chart).
  bool exportPng(const QString& path) const;

 protected:
  void redraw() override;

 private:
  void updateMetricChoices();
  void redrawLines();
  void redrawBars();

  // What the last redraw showed: runs with their evaluation counts, metric and epoch.
  // Most events are batch scalars, which leave this panel as it is.
  struct Shown {
    std::vector<std::pair<const RunHistory*, std::size_t>> evaluations;
    QString metric;
    int epoch = -1;
    bool operator==(const Shown& other) const {
      return evaluations == other.evaluations && metric == other.metric && epoch == other.epoch;
    }
  };
  Shown currentContent() const;

  std::vector<RunView> runs_;
  Shown shown_;
  QMap<QString, QLineSeries*> lines_;  // by "run index/cohort"

  QComboBox* metricChoice_;
  QSpinBox* epochChoice_;
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
