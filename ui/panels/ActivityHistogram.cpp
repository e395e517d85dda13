#include "panels/ActivityHistogram.h"

#include <QChart>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace vaecf::ui {

std::vector<HistogramBin> logHistogram(const std::vector<std::uint32_t>& counts, double ratio) {
  std::vector<HistogramBin> bins;
  if (counts.empty()) return bins;
  const double largest = *std::max_element(counts.begin(), counts.end());
  for (double lower = 1.0; lower <= largest;) {
    const double upper = std::max(lower + 1.0, std::floor(lower * ratio));
    bins.push_back({lower, upper, 0});
    lower = upper;
  }
  for (const std::uint32_t count : counts) {
    if (count == 0) continue;
    const auto bin = std::upper_bound(bins.begin(), bins.end(), static_cast<double>(count),
                                      [](double value, const HistogramBin& b) { return value < b.upper; });
    if (bin != bins.end()) ++bin->users;
  }
  return bins;
}

ActivityHistogram::ActivityHistogram(QWidget* parent)
    : QChartView(new QChart, parent),
      outline_(new QLineSeries(chart())),
      xAxis_(new QLogValueAxis(chart())),
      yAxis_(new QValueAxis(chart())) {
  setRenderHint(QPainter::Antialiasing);
  setMinimumHeight(180);
  chart()->setTitle(tr("Users by interactions"));
  chart()->legend()->hide();
  xAxis_->setTitleText(tr("Interactions per user"));
  xAxis_->setLabelFormat(QStringLiteral("%g"));
  yAxis_->setTitleText(tr("Users"));
  yAxis_->setLabelFormat(QStringLiteral("%d"));
  chart()->addAxis(xAxis_, Qt::AlignBottom);
  chart()->addAxis(yAxis_, Qt::AlignLeft);
  chart()->addSeries(outline_);
  outline_->attachAxis(xAxis_);
  outline_->attachAxis(yAxis_);
}

void ActivityHistogram::setActivity(const std::vector<std::uint32_t>& interactionsPerUser) {
  const std::vector<HistogramBin> bins = logHistogram(interactionsPerUser);
  QVector<QPointF> steps;
  yMax_ = 1.0;
  for (const HistogramBin& bin : bins) {
    steps << QPointF(bin.lower, static_cast<double>(bin.users)) << QPointF(bin.upper, static_cast<double>(bin.users));
    yMax_ = std::max(yMax_, static_cast<double>(bin.users));
  }
  outline_->replace(steps);
  if (!bins.empty()) xAxis_->setRange(1.0, bins.back().upper);
  yAxis_->setRange(0.0, yMax_ * 1.1);
  drawEdges();
}

void ActivityHistogram::setCohortEdges(const std::vector<std::uint32_t>& edges) {
  edges_ = edges;
  drawEdges();
}

void ActivityHistogram::drawEdges() {
  for (QLineSeries* line : edgeLines_) {
    chart()->removeSeries(line);
    delete line;
  }
  edgeLines_.clear();
  for (const std::uint32_t edge : edges_) {
    auto* line = new QLineSeries(chart());
    line->append(edge, 0.0);
    line->append(edge, yMax_ * 1.1);
    chart()->addSeries(line);
    line->attachAxis(xAxis_);
    line->attachAxis(yAxis_);
    line->setPen(QPen(QColor(0xd62728), 1.5, Qt::DashLine));
    edgeLines_.push_back(line);
  }
}

}  // namespace vaecf::ui
