#pragma once
// How many interactions users have, on log-spaced bins, with the cohort edges drawn as
// vertical lines: where the edges fall decides how many users each cohort holds.

#include <QChartView>

#include <cstdint>
#include <vector>

class QLineSeries;
class QLogValueAxis;
class QValueAxis;

namespace vaecf::ui {

struct HistogramBin {
  double lower = 0.0;  // inclusive
  double upper = 0.0;  // exclusive
  std::size_t users = 0;
};

// Bins whose edges grow by `ratio` from 1 up past the largest count.
std::vector<HistogramBin> logHistogram(const std::vector<std::uint32_t>& counts, double ratio = 1.5);

class ActivityHistogram : public QChartView {
  Q_OBJECT

 public:
  explicit ActivityHistogram(QWidget* parent = nullptr);

  void setActivity(const std::vector<std::uint32_t>& interactionsPerUser);
  void setCohortEdges(const std::vector<std::uint32_t>& edges);
  int edgeLineCount() const { return static_cast<int>(edgeLines_.size()); }

 private:
  void drawEdges();

  QLineSeries* outline_;
  QLogValueAxis* xAxis_;
  QValueAxis* yAxis_;
  std::vector<QLineSeries*> edgeLines_;
  std::vector<std::uint32_t> edges_;
  double yMax_ = 1.0;
};

}  // namespace vaecf::ui
