#include "panels/CohortPanel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFontMetrics>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

#include "charts/ChartExport.h"
#include "charts/ChartView.h"
#include "charts/Readout.h"
#include "charts/RunColours.h"
#include "panels/ChartToolbar.h"

namespace vaecf::ui {

namespace {

const ValidationPoint* validationAt(const RunHistory& history, int epoch) {
  const auto& validations = history.validations();
  if (validations.empty()) return nullptr;
  if (epoch <= 0) return &validations.back();
  for (const ValidationPoint& point : validations)
    if (point.epoch == epoch) return &point;
  return nullptr;
}

QString allUsers() { return CohortPanel::tr("all users"); }

// A report without cohorts (DeepRec's RMSE) is drawn as one cohort of all its users.
std::vector<CohortResult> cohortsOf(const EvaluationReport& report) {
  if (!report.cohorts.empty()) return report.cohorts;
  CohortResult everyone;
  everyone.label = allUsers().toStdString();
  everyone.users = report.users;
  everyone.metrics = report.metrics;
  return {everyone};
}

}  // namespace

CohortPanel::CohortPanel(QWidget* parent)
    : LazyPanel(parent),
      metricChoice_(new QComboBox(this)),
      epochChoice_(new QSpinBox(this)),
      cohortsOn_(new QCheckBox(tr("Cohorts"), this)),
      lineChart_(new QChart),
      lineView_(new ChartView(lineChart_, this)),
      lineX_(new QValueAxis(lineChart_)),
      lineY_(new QValueAxis(lineChart_)),
      barChart_(new QChart),
      barView_(new ChartView(barChart_, this)),
      bars_(new QBarSeries(barChart_)),
      barX_(new QBarCategoryAxis(barChart_)),
      barY_(new QValueAxis(barChart_)),
      readout_(new QLabel(this)) {
  lineChart_->setTitle(tr("Validation"));
  lineChart_->legend()->setAlignment(Qt::AlignRight);
  // A run's cohorts differ by dash (and by hue when it is alone): the legend shows both.
  lineChart_->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
  lineX_->setTitleText(tr("Epoch"));
  lineX_->setLabelFormat(QStringLiteral("%d"));
  lineChart_->addAxis(lineX_, Qt::AlignBottom);
  lineChart_->addAxis(lineY_, Qt::AlignLeft);

  barChart_->setTitle(tr("Cohorts at one epoch"));
  barChart_->addSeries(bars_);
  barChart_->addAxis(barX_, Qt::AlignBottom);
  barChart_->addAxis(barY_, Qt::AlignLeft);
  bars_->attachAxis(barX_);
  bars_->attachAxis(barY_);
  barView_->setRubberBand(QChartView::NoRubberBand);
  barView_->installEventFilter(this);
  connect(barChart_, &QChart::plotAreaChanged, this, &CohortPanel::fitBarLabels);
  connect(bars_, &QBarSeries::hovered, this, [this](bool status, int index, QBarSet* set) {
    const QString cohort = barLabels_.value(index).replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (status) readout_->setText(tr("%1, %2: %3").arg(set->label(), cohort).arg(set->at(index), 0, 'f', 4));
  });
  connect(lineView_, &ChartView::hoveredAt, this, [this](double x) {
    const qint64 epoch = std::llround(x);
    followEpoch(epoch);
    Q_EMIT hoveredEpoch(epoch);
  });
  connect(lineView_, &ChartView::hoverLeft, this, [this] {
    endFollow();
    Q_EMIT hoverLeft();
  });

  metricChoice_->setToolTip(tr("Metric shown for each cohort"));
  connect(metricChoice_, &QComboBox::currentIndexChanged, this, &CohortPanel::requestRedraw);
  epochChoice_->setRange(0, 0);
  epochChoice_->setSpecialValueText(tr("latest"));
  epochChoice_->setPrefix(tr("epoch "));
  epochChoice_->setToolTip(tr("Epoch shown by the bars"));
  connect(epochChoice_, &QSpinBox::valueChanged, this, &CohortPanel::requestRedraw);
  cohortsOn_->setChecked(true);
  cohortsOn_->setToolTip(
      tr("Under each run's curve over all users, draw its curve per cohort (thin, dashed)"));
  connect(cohortsOn_, &QCheckBox::toggled, this, &CohortPanel::requestRedraw);

  auto* toolbar = new ChartToolbar(this);
  toolbar->addControl(metricChoice_);
  toolbar->addControl(epochChoice_);
  toolbar->addControl(cohortsOn_);
  connect(toolbar, &ChartToolbar::resetZoomRequested, lineView_, &ChartView::resetZoom);
  connect(lineView_, &ChartView::zoomReset, this, [this] {
    shown_ = {};  // the axes must be fitted again
    requestRedraw();
  });
  connect(toolbar, &ChartToolbar::exportRequested, this, [this](const QString& format) {
    const QString path = askExportPath(this, format, QStringLiteral("cohorts"));
    if (path.isEmpty()) return;
    if (format == QLatin1String("png")) exportPng(path);
    else if (format == QLatin1String("svg")) exportSvg(*lineChart_, path);
    else exportCsv(path);
  });

  auto* charts = new QSplitter(Qt::Horizontal, this);
  charts->addWidget(lineView_);
  charts->addWidget(barView_);
  charts->setStretchFactor(0, 3);
  charts->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(toolbar);
  layout->addWidget(charts, 1);
  readout_->setWordWrap(true);
  layout->addWidget(readout_);
}

void CohortPanel::setRuns(std::vector<RunView> runs) {
  runs_ = std::move(runs);
  requestRedraw();
}

void CohortPanel::setMetric(const QString& metric) {
  updateMetricChoices();
  metricChoice_->setCurrentIndex(metricChoice_->findText(metric));
}

QString CohortPanel::metric() const { return metricChoice_->currentText(); }

void CohortPanel::setBarEpoch(int epoch) { epochChoice_->setValue(epoch); }

void CohortPanel::setCohortLinesShown(bool shown) { cohortsOn_->setChecked(shown); }

QLineSeries* CohortPanel::overallLine(const QString& runId) const { return lines_.value({runId, QString()}); }

qsizetype CohortPanel::linePointCount() const {
  qsizetype points = 0;
  for (const QLineSeries* line : lines_) points += line->count();
  return points;
}

int CohortPanel::barCount() const {
  int count = 0;
  for (const QBarSet* set : bars_->barSets()) count += set->count();
  return count;
}

QStringList CohortPanel::shownBarCategories() const { return barX_->categories(); }

bool CohortPanel::barLabelsUpright() const { return barX_->labelsAngle() != 0; }

bool CohortPanel::barLabelsShown() const { return barX_->labelsVisible(); }

bool CohortPanel::eventFilter(QObject* watched, QEvent* event) {
  if (watched == barView_ && event->type() == QEvent::Resize) fitBarLabels();
  return LazyPanel::eventFilter(watched, event);
}

// Each cohort's label with its number of users where the bars leave it room, else the label
// alone (the hover read-out still names the users), turned upright when even that is too
// wide, and left out when the chart is too short for it upright: never a label elided to "…".
void CohortPanel::fitBarLabels() {
  // Shares of the view the plot leaves to the bars (the rest: value axis and margins) and to
  // the labels under them (as Qt Charts 6.4 lays out a 200-400 px chart: upright labels longer
  // than that were elided); the laid-out plot area is used once there is one. Qt Charts
  // gives each category label the axis width over (categories + 1), less a 5 px padding on
  // each side, and elides what is wider.
  constexpr double kPlotShare = 0.75, kLabelHeightShare = 0.17, kLabelPadding = 5.0;
  const QFontMetrics metrics(barX_->labelsFont());
  const QRectF plot = barChart_->plotArea();
  const double plotWidth = plot.width() > 0 ? plot.width() : barView_->width() * kPlotShare;
  const double room = barLabels_.isEmpty() ? 0.0 : plotWidth / (barLabels_.size() + 1) - 2 * kLabelPadding;
  const auto widest = [&](const QStringList& labels) {
    int most = 0;
    for (const QString& label : labels)
      for (const QString& line : label.split(QLatin1Char('\n'))) most = std::max(most, metrics.horizontalAdvance(line));
    return most;
  };
  QStringList shown = barLabels_;
  if (widest(shown) > room)
    for (QString& label : shown) label = label.section(QLatin1Char('\n'), 0, 0);
  const bool flat = widest(shown) <= room;
  barX_->setLabelsAngle(flat ? 0 : -90);
  barX_->setLabelsVisible(flat || widest(shown) <= barView_->height() * kLabelHeightShare);
  if (shown == barX_->categories()) return;
  barX_->clear();
  barX_->append(shown);
}

// The metrics the shown runs were evaluated with (ranking metrics, or DeepRec's rmse).
// Until a run has been evaluated the choice stays as it was.
void CohortPanel::updateMetricChoices() {
  QStringList names;
  for (const RunView& run : runs_)
    for (const ValidationPoint& point : run.history->validations())
      for (const auto& entry : point.report.metrics) names << QString::fromStdString(entry.first);
  names.removeDuplicates();
  names.sort();
  QStringList listed;
  for (int index = 0; index < metricChoice_->count(); ++index) listed << metricChoice_->itemText(index);
  if (names.isEmpty() || names == listed) return;
  const QString current = metricChoice_->currentText();
  const QSignalBlocker blocker(metricChoice_);
  metricChoice_->clear();
  metricChoice_->addItems(names);
  const int kept = metricChoice_->findText(current);
  const int preferred = metricChoice_->findText(QStringLiteral("ndcg@100"));
  metricChoice_->setCurrentIndex(kept >= 0 ? kept : std::max(0, preferred));
}

CohortPanel::Shown CohortPanel::currentContent() const {
  Shown content{{}, {}, metric(), epochChoice_->value(), cohortsOn_->isChecked()};
  for (const RunView& run : runs_) {
    content.evaluations.emplace_back(run.history.get(), run.history->validations().size());
    content.colours.push_back(run.colour);
  }
  return content;
}

void CohortPanel::redraw() {
  updateMetricChoices();
  Shown content = currentContent();
  if (content == shown_) return;
  shown_ = std::move(content);
  int lastEpoch = 0;
  for (const RunView& run : runs_)
    if (!run.history->validations().empty())
      lastEpoch = std::max(lastEpoch, static_cast<int>(run.history->validations().back().epoch));
  epochChoice_->setMaximum(lastEpoch);
  redrawLines();
  redrawBars();
}

// Each run's curve over all its users (the report's overall metric, as recorded), solid
// and thick; under it, when asked for, each cohort's, thin and dashed in the same colour.
void CohortPanel::redrawLines() {
  const std::string metricName = metric().toStdString();
  QSet<SeriesKey> drawn;
  double yMax = 0.0;
  double xMax = 1.0;
  // Alone, a run's legend names its overall line and each cohort. Beside others, each run
  // is named once (its overall line) and the cohorts once, by the first run's dashes, which
  // every run repeats in its own colour: a legend of runs x cohorts would not fit.
  const bool alone = runs_.size() == 1;
  auto draw = [&](const RunView& run, const QString& cohort, int lineIndex, const QVector<QPointF>& points) {
    const SeriesKey key{run.id, cohort};
    drawn.insert(key);
    QLineSeries* series = line(key);
    series->setPen(runPen(run.colour, lineIndex, cohort.isEmpty() ? 3.0 : 1.0, alone));
    series->setName(cohort.isEmpty() ? (alone ? allUsers() : run.label) : cohort);
    for (QLegendMarker* marker : lineChart_->legend()->markers(series))
      marker->setVisible(alone || cohort.isEmpty() || run.id == runs_.front().id);
    series->replace(points);
    for (const QPointF& point : points) {
      yMax = std::max(yMax, point.y());
      xMax = std::max(xMax, point.x());
    }
  };
  for (const RunView& run : runs_) {
    QVector<QPointF> overall;
    QMap<QString, QVector<QPointF>> byCohort;
    QStringList order;
    for (const ValidationPoint& point : run.history->validations()) {
      const double epoch = static_cast<double>(point.epoch);
      if (const auto value = point.report.metrics.find(metricName); value != point.report.metrics.end())
        overall.push_back({epoch, value->second.mean});
      if (!cohortsOn_->isChecked()) continue;
      for (const CohortResult& cohort : point.report.cohorts) {
        const auto value = cohort.metrics.find(metricName);
        if (value == cohort.metrics.end() || cohort.users == 0) continue;
        const QString label = QString::fromStdString(cohort.label);
        if (!order.contains(label)) order << label;
        byCohort[label].push_back({epoch, value->second.mean});
      }
    }
    if (!overall.isEmpty()) draw(run, QString(), 0, overall);
    for (int cohortIndex = 0; cohortIndex < order.size(); ++cohortIndex)
      draw(run, order[cohortIndex], cohortIndex + 1, byCohort[order[cohortIndex]]);
  }
  for (auto it = lines_.begin(); it != lines_.end();) {
    if (drawn.contains(it.key())) {
      ++it;
      continue;
    }
    lineChart_->removeSeries(it.value());
    delete it.value();
    it = lines_.erase(it);
  }
  lineY_->setTitleText(metric());
  if (lineView_->isZoomed()) return;
  lineX_->setRange(1.0, std::max(2.0, xMax));
  lineY_->setRange(0.0, yMax > 0.0 ? yMax * 1.1 : 1.0);
}

QLineSeries* CohortPanel::line(const SeriesKey& key) {
  QLineSeries*& series = lines_[key];
  if (series == nullptr) {
    series = new QLineSeries(lineChart_);
    lineChart_->addSeries(series);
    series->attachAxis(lineX_);
    series->attachAxis(lineY_);
    series->setPointsVisible(true);
  }
  return series;
}

void CohortPanel::redrawBars() {
  const std::string metricName = metric().toStdString();
  bars_->clear();
  QStringList categories;
  double yMax = 0.0;
  // Categories come from the first run with an evaluation at the epoch; user counts are
  // the same for every run on the same split.
  for (const RunView& run : runs_) {
    const ValidationPoint* point = validationAt(*run.history, epochChoice_->value());
    if (point == nullptr) continue;
    const std::vector<CohortResult> cohorts = cohortsOf(point->report);
    if (categories.isEmpty())
      for (const CohortResult& cohort : cohorts)
        categories << tr("%1\n(%n users)", nullptr, static_cast<int>(cohort.users)).arg(QString::fromStdString(cohort.label));
    auto* set = new QBarSet(tr("%1, epoch %2").arg(run.label).arg(point->epoch));
    set->setColor(run.colour);
    for (const CohortResult& cohort : cohorts) {
      const auto value = cohort.metrics.find(metricName);
      const double mean = value == cohort.metrics.end() ? 0.0 : value->second.mean;
      *set << mean;
      yMax = std::max(yMax, mean);
    }
    bars_->append(set);
  }
  barLabels_ = categories;
  // Several runs are told apart by colour, which the line chart's legend names.
  barChart_->legend()->setVisible(runs_.size() == 1);
  fitBarLabels();
  barY_->setRange(0.0, yMax > 0.0 ? yMax * 1.1 : 1.0);
  barY_->setTitleText(metric());
}

// Each run's line over all users, then its cohorts' in the order of its latest report.
void CohortPanel::readOutAt(double epoch) {
  QList<std::pair<QString, QString>> byRun;
  for (const RunView& run : runs_) {
    if (run.history->validations().empty()) continue;
    QList<NamedLine> lines;
    if (const QLineSeries* overall = lines_.value({run.id, QString()})) lines.push_back({allUsers(), overall});
    for (const CohortResult& cohort : run.history->validations().back().report.cohorts) {
      const QString label = QString::fromStdString(cohort.label);
      if (const QLineSeries* line = lines_.value({run.id, label})) lines.push_back({label, line});
    }
    const QString values = valuesAt(epoch, lines, 'f', 4);
    if (!values.isEmpty()) byRun.push_back({run.label, values});
  }
  readout_->setText(readoutText(tr("%1, epoch %2").arg(metric()).arg(epoch), byRun, runs_.size() > 1));
}

void CohortPanel::followEpoch(qint64 epoch) {
  lineView_->showCrosshair(static_cast<double>(epoch));
  readOutAt(static_cast<double>(epoch));
}

void CohortPanel::endFollow() {
  lineView_->showCrosshair(std::nullopt);
  readout_->clear();
}

QString CohortPanel::readout() const { return readout_->text(); }

bool CohortPanel::exportPng(const QString& path) const { return vaecf::ui::exportPng(*lineView_, path); }

// Each validation's metrics over all users (cohort "all"), then per cohort.
bool CohortPanel::exportCsv(const QString& path) const {
  QVector<QStringList> rows;
  const auto addRows = [&rows](const RunView& run, const ValidationPoint& point, const QString& cohort,
                               std::size_t users, const std::map<std::string, MetricSummary>& metrics) {
    for (const auto& [name, summary] : metrics)
      rows.push_back({run.id, QString::number(point.epoch), cohort, QString::number(users),
                      QString::fromStdString(name), QString::number(summary.mean, 'g', 10),
                      QString::number(summary.standardError, 'g', 10)});
  };
  for (const RunView& run : runs_)
    for (const ValidationPoint& point : run.history->validations()) {
      addRows(run, point, QStringLiteral("all"), point.report.users, point.report.metrics);
      for (const CohortResult& cohort : point.report.cohorts)
        addRows(run, point, QString::fromStdString(cohort.label), cohort.users, cohort.metrics);
    }
  return vaecf::ui::exportCsv(path,
                              {QStringLiteral("run"), QStringLiteral("epoch"), QStringLiteral("cohort"),
                               QStringLiteral("users"), QStringLiteral("metric"), QStringLiteral("mean"),
                               QStringLiteral("standard_error")},
                              rows);
}

}  // namespace vaecf::ui
