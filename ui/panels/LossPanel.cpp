#include "panels/LossPanel.h"

#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QLogValueAxis>
#include <QSlider>
#include <QSplitter>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "charts/ChartExport.h"
#include "charts/ChartView.h"
#include "charts/Decimation.h"
#include "charts/Readout.h"
#include "charts/RunColours.h"
#include "charts/Smoothing.h"
#include "panels/ChartToolbar.h"

namespace vaecf::ui {

namespace {

constexpr int kMaxPointsPerSeries = 2000;
constexpr int kSmoothingSteps = 100;  // slider resolution; weight = position / 100

// Scalars that are not losses start hidden: they live on other scales.
bool shownByDefault(const QString& term) {
  static const QSet<QString> others{QStringLiteral("lr"), QStringLiteral("users_per_second"),
                                    QStringLiteral("grad_norm"), QStringLiteral("beta"),
                                    QStringLiteral("clock_step")};
  const QString base = term.section(QLatin1Char('/'), -1);
  return !others.contains(base);
}

// The total loss (of a phase, for a model with several) is a run's main curve.
bool isTotalLoss(const QString& term) { return term.section(QLatin1Char('/'), -1) == QLatin1String("loss"); }

}  // namespace

LossPanel::LossPanel(QWidget* parent)
    : LazyPanel(parent),
      chart_(new QChart),
      view_(new ChartView(chart_, this)),
      xAxisItem_(new QValueAxis(chart_)),
      terms_(new QListWidget(this)),
      xChoice_(new QComboBox(this)),
      smoothOn_(new QCheckBox(tr("Smooth"), this)),
      smoothWeight_(new QSlider(Qt::Horizontal, this)),
      logY_(new QCheckBox(tr("Log y"), this)),
      readout_(new QLabel(this)) {
  chart_->setTitle(tr("Training scalars"));
  chart_->legend()->setAlignment(Qt::AlignBottom);
  // A run's terms differ by dash (and by hue when it is alone): the legend shows both.
  chart_->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
  xAxisItem_->setLabelFormat(QStringLiteral("%d"));  // steps, as setXAxis sets it
  chart_->addAxis(xAxisItem_, Qt::AlignBottom);
  rebuildYAxis();

  xChoice_->addItem(tr("Step"), static_cast<int>(XAxis::Step));
  xChoice_->addItem(tr("Epoch"), static_cast<int>(XAxis::Epoch));
  xChoice_->addItem(tr("Wall time (s)"), static_cast<int>(XAxis::WallTime));
  xChoice_->setToolTip(tr("Step and wall time plot about ten summaries a second; epoch plots epoch means"));
  connect(xChoice_, &QComboBox::currentIndexChanged, this,
          [this] { setXAxis(static_cast<XAxis>(xChoice_->currentData().toInt())); });

  smoothOn_->setChecked(true);
  smoothOn_->setToolTip(tr("Debiased exponential moving average, as in TensorBoard"));
  smoothWeight_->setRange(0, kSmoothingSteps - 1);
  smoothWeight_->setValue(60);
  smoothWeight_->setMaximumWidth(120);
  smoothWeight_->setToolTip(tr("Smoothing weight"));
  connect(smoothOn_, &QCheckBox::toggled, this, [this](bool on) {
    smoothWeight_->setEnabled(on);
    requestRedraw();
  });
  connect(smoothWeight_, &QSlider::valueChanged, this, &LossPanel::requestRedraw);
  connect(logY_, &QCheckBox::toggled, this, &LossPanel::setLogScale);

  terms_->setMaximumWidth(170);
  terms_->setToolTip(tr("Scalars to plot"));
  connect(terms_, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
    setTermVisible(item->text(), item->checkState() == Qt::Checked);
  });

  auto* toolbar = new ChartToolbar(this);
  toolbar->addControl(new QLabel(tr("x:"), this));
  toolbar->addControl(xChoice_);
  toolbar->addControl(smoothOn_);
  toolbar->addControl(smoothWeight_);
  toolbar->addControl(logY_);
  connect(toolbar, &ChartToolbar::resetZoomRequested, view_, &ChartView::resetZoom);
  connect(view_, &ChartView::zoomReset, this, &LossPanel::requestRedraw);
  connect(toolbar, &ChartToolbar::exportRequested, this, [this](const QString& format) {
    const QString path = askExportPath(this, format, QStringLiteral("training-scalars"));
    if (path.isEmpty()) return;
    if (format == QLatin1String("png")) exportPng(*view_, path);
    else if (format == QLatin1String("svg")) exportSvg(*chart_, path);
    else exportCsv(path);
  });
  connect(view_, &ChartView::hoveredAt, this, [this](double x) {
    view_->showCrosshair(x);
    readOutAt(x);
    if (const std::optional<qint64> epoch = epochAt(x)) Q_EMIT hoveredEpoch(*epoch);
  });
  connect(view_, &ChartView::hoverLeft, this, [this] {
    endFollow();
    Q_EMIT hoverLeft();
  });

  auto* body = new QHBoxLayout;
  body->addWidget(terms_);
  body->addWidget(view_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(toolbar);
  layout->addLayout(body, 1);
  readout_->setWordWrap(true);
  layout->addWidget(readout_);
}

void LossPanel::setRuns(std::vector<RunView> runs) {
  runs_ = std::move(runs);
  requestRedraw();
}

void LossPanel::setXAxis(XAxis axis) {
  xAxis_ = axis;
  // Steps and epochs are whole numbers, ticked as such (charts/ChartView.h).
  xAxisItem_->setLabelFormat(axis == XAxis::WallTime ? QString() : QStringLiteral("%d"));
  xChoice_->setCurrentIndex(xChoice_->findData(static_cast<int>(axis)));
  view_->resetZoom();
  requestRedraw();
}

void LossPanel::setSmoothing(double weight) {
  smoothOn_->setChecked(weight > 0.0);
  if (weight > 0.0) smoothWeight_->setValue(static_cast<int>(std::lround(weight * kSmoothingSteps)));
}

double LossPanel::smoothing() const {
  return smoothOn_->isChecked() ? static_cast<double>(smoothWeight_->value()) / kSmoothingSteps : 0.0;
}

void LossPanel::setLogScale(bool on) {
  if (logScale_ == on) return;
  logScale_ = on;
  logY_->setChecked(on);
  rebuildYAxis();
  requestRedraw();
}

void LossPanel::setTermVisible(const QString& term, bool visible) {
  if (visible)
    hiddenTerms_.remove(term);
  else
    hiddenTerms_.insert(term);
  requestRedraw();
}

int LossPanel::seriesCount() const { return static_cast<int>(series_.size()); }

qsizetype LossPanel::pointCount() const {
  qsizetype points = 0;
  for (const QLineSeries* series : series_) points += series->count();
  return points;
}

QChart* LossPanel::chart() const { return chart_; }

QList<QLineSeries*> LossPanel::seriesOf(const QString& runId) const {
  QList<QLineSeries*> found;
  for (auto it = series_.begin(); it != series_.end(); ++it)
    if (it.key().first == runId) found << it.value();
  return found;
}

// A run that reports only epoch means (DeepRec) plots those on every axis.
const Curves& LossPanel::curvesOf(const RunHistory& history) const {
  if (xAxis_ == XAxis::Epoch || history.batchCurves().empty()) return history.epochCurves();
  return history.batchCurves();
}

double LossPanel::xOf(const CurvePoint& point) const {
  switch (xAxis_) {
    case XAxis::Step: return static_cast<double>(point.step);
    case XAxis::Epoch: return static_cast<double>(point.epoch);
    case XAxis::WallTime: return point.seconds;
  }
  return 0.0;
}

void LossPanel::rebuildYAxis() {
  if (yAxisItem_ != nullptr) {
    chart_->removeAxis(yAxisItem_);
    delete yAxisItem_;
  }
  if (logScale_) {
    auto* axis = new QLogValueAxis(chart_);
    axis->setLabelFormat(QStringLiteral("%.3g"));
    yAxisItem_ = axis;
  } else {
    yAxisItem_ = new QValueAxis(chart_);
  }
  chart_->addAxis(yAxisItem_, Qt::AlignLeft);
  for (QLineSeries* series : series_) series->attachAxis(yAxisItem_);
}

void LossPanel::updateTermList() {
  QSet<QString> names;
  for (const RunView& run : runs_)
    for (const auto& entry : curvesOf(*run.history)) names.insert(QString::fromStdString(entry.first));
  QSet<QString> listed;
  for (int row = 0; row < terms_->count(); ++row) listed.insert(terms_->item(row)->text());
  QStringList added(names.begin(), names.end());
  added.sort();
  const QSignalBlocker blocker(terms_);
  for (const QString& name : added) {
    if (listed.contains(name)) continue;
    auto* item = new QListWidgetItem(name, terms_);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    const bool shown = shownByDefault(name);
    if (!shown) hiddenTerms_.insert(name);
    item->setCheckState(shown ? Qt::Checked : Qt::Unchecked);
  }
}

void LossPanel::redraw() {
  updateTermList();
  const double weight = smoothing();
  double xMin = std::numeric_limits<double>::max(), xMax = std::numeric_limits<double>::lowest();
  double yMin = xMin, yMax = xMax;
  QSet<SeriesKey> drawn;

  for (const RunView& run : runs_) {
    int dashes = 0;
    for (const auto& [name, points] : curvesOf(*run.history)) {
      const QString term = QString::fromStdString(name);
      if (hiddenTerms_.contains(term) || points.empty()) continue;
      // Solid for the total loss, a dash of its own for each other term shown.
      const int lineIndex = isTotalLoss(term) ? 0 : ++dashes;
      const SeriesKey key{run.id, term};
      drawn.insert(key);
      QLineSeries*& series = series_[key];
      if (series == nullptr) {
        series = new QLineSeries(chart_);
        chart_->addSeries(series);
        series->attachAxis(xAxisItem_);
        series->attachAxis(yAxisItem_);
      }
      // The run's colour, which the user may change between redraws.
      series->setPen(runPen(run.colour, lineIndex, 1.5, runs_.size() == 1));
      series->setName(runs_.size() > 1 ? run.label + QStringLiteral(": ") + term : term);

      std::vector<double> values;
      values.reserve(points.size());
      for (const CurvePoint& point : points) values.push_back(point.value);
      const std::vector<double> smoothed = debiasedEma(values, weight);
      QVector<QPointF> line;
      line.reserve(static_cast<qsizetype>(points.size()));
      for (std::size_t i = 0; i < points.size(); ++i) {
        const double y = smoothed[i];
        if (!std::isfinite(y) || (logScale_ && y <= 0.0)) continue;
        line.push_back({xOf(points[i]), y});
        xMin = std::min(xMin, line.back().x());
        xMax = std::max(xMax, line.back().x());
        yMin = std::min(yMin, y);
        yMax = std::max(yMax, y);
      }
      series->replace(decimateMinMax(line, kMaxPointsPerSeries));
    }
  }
  for (auto it = series_.begin(); it != series_.end();) {
    if (drawn.contains(it.key())) {
      ++it;
      continue;
    }
    chart_->removeSeries(it.value());
    delete it.value();
    it = series_.erase(it);
  }

  if (view_->isZoomed() || xMin > xMax) return;
  if (xMin == xMax) xMax = xMin + 1.0;
  xAxisItem_->setRange(xMin, xMax);
  if (logScale_) {
    yAxisItem_->setRange(yMin / 1.2, yMax * 1.2);
  } else {
    // A constant scalar (a fixed learning rate) gets a band around its value, not one a
    // billionth wide whose tick labels run to eleven digits.
    const double pad = std::max({(yMax - yMin) * 0.05, std::abs(yMax) * 0.05, 1e-12});
    yAxisItem_->setRange(yMin - pad, yMax + pad);
  }
}

bool LossPanel::exportCsv(const QString& path) const {
  QVector<QStringList> rows;
  for (const RunView& run : runs_) {
    for (const auto& [name, points] : curvesOf(*run.history)) {
      const QString term = QString::fromStdString(name);
      if (hiddenTerms_.contains(term)) continue;
      for (const CurvePoint& point : points)
        rows.push_back({run.id, term, QString::number(point.step), QString::number(point.epoch),
                        QString::number(point.seconds, 'g', 10), QString::number(point.value, 'g', 10)});
    }
  }
  return vaecf::ui::exportCsv(path,
                              {QStringLiteral("run"), QStringLiteral("scalar"), QStringLiteral("step"),
                               QStringLiteral("epoch"), QStringLiteral("seconds"), QStringLiteral("value")},
                              rows);
}

const std::vector<CurvePoint>* LossPanel::referenceCurve() const {
  for (const RunView& run : runs_) {
    const Curves& curves = curvesOf(*run.history);
    const auto total = std::find_if(curves.begin(), curves.end(), [](const auto& entry) {
      return isTotalLoss(QString::fromStdString(entry.first)) && !entry.second.empty();
    });
    if (total != curves.end()) return &total->second;
    for (const auto& entry : curves)
      if (!entry.second.empty()) return &entry.second;
  }
  return nullptr;
}

// The epoch of the first run's summary at or after `x` (the last one past the end).
std::optional<qint64> LossPanel::epochAt(double x) const {
  if (xAxis_ == XAxis::Epoch) return std::llround(x);
  const std::vector<CurvePoint>* curve = referenceCurve();
  if (curve == nullptr) return std::nullopt;
  const auto at = std::lower_bound(curve->begin(), curve->end(), x,
                                   [this](const CurvePoint& point, double value) { return xOf(point) < value; });
  return (at == curve->end() ? curve->back() : *at).epoch;
}

void LossPanel::readOutAt(double x) {
  QList<std::pair<QString, QString>> byRun;
  for (const RunView& run : runs_) {
    QList<NamedLine> lines;
    for (auto it = series_.begin(); it != series_.end(); ++it)
      if (it.key().first == run.id) lines.push_back({it.key().second, it.value()});
    const QString values = valuesAt(x, lines, 'g', 6);
    if (!values.isEmpty()) byRun.push_back({run.label, values});
  }
  QString where;
  switch (xAxis_) {
    case XAxis::Step: where = tr("step %1").arg(std::llround(x)); break;
    case XAxis::Epoch: where = tr("epoch %1").arg(std::llround(x)); break;
    case XAxis::WallTime: where = tr("%1 s").arg(x, 0, 'f', 1); break;
  }
  readout_->setText(readoutText(where, byRun, runs_.size() > 1));
}

// On the step and wall-time axes an epoch's validation follows its last summary.
void LossPanel::followEpoch(qint64 epoch) {
  std::optional<double> x;
  if (xAxis_ == XAxis::Epoch) {
    x = static_cast<double>(epoch);
  } else if (const std::vector<CurvePoint>* curve = referenceCurve()) {
    for (const CurvePoint& point : *curve)
      if (point.epoch == epoch) x = xOf(point);
  }
  view_->showCrosshair(x);
  if (x) readOutAt(*x);
  else readout_->clear();
}

void LossPanel::endFollow() {
  view_->showCrosshair(std::nullopt);
  readout_->clear();
}

QString LossPanel::readout() const { return readout_->text(); }

}  // namespace vaecf::ui
