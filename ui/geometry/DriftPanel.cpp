#include "geometry/DriftPanel.h"

#include <QChart>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QSpinBox>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

#include "charts/ChartExport.h"
#include "charts/ChartView.h"
#include "help/Glossary.h"
#include "geometry/FocusPanel.h"
#include "panels/ChartToolbar.h"
#include "runs/RunStore.h"

namespace vaecf::ui {

namespace {

const QString kOverall = QStringLiteral("overall");

QColor cohortColor(int cohortIndex) {
  static const QColor palette[] = {QColor(0x440154), QColor(0x3b528b), QColor(0x21918c), QColor(0x5ec962),
                                   QColor(0xc8a800), QColor(0x9e0142)};
  return palette[cohortIndex % static_cast<int>(std::size(palette))];
}

QString stageText(const QString& stage, qint64 done, qint64 total) {
  if (stage == QLatin1String("drift") && total > 0)
    return DriftPanel::tr("masked inputs, user %1 of %2").arg(done).arg(total);
  if (stage == QLatin1String("posteriors") && total > 0)
    return DriftPanel::tr("encoding the sample, %1 of %2").arg(done).arg(total);
  return DriftPanel::tr("loading the run");
}

}  // namespace

DriftPanel::DriftPanel(QWidget* parent)
    : QWidget(parent),
      keepRates_(new QLineEdit(this)),
      users_(new QSpinBox(this)),
      seed_(new QSpinBox(this)),
      masks_(new QSpinBox(this)),
      neighbours_(new QSpinBox(this)),
      cancel_(new QPushButton(tr("Cancel"), this)),
      state_(new QLabel(this)),
      chart_(new QChart),
      view_(new ChartView(chart_, this)),
      rateAxis_(new QValueAxis(chart_)),
      driftAxis_(new QValueAxis(chart_)),
      readout_(new QLabel(this)) {
  keepRates_->setToolTip(tr("Keep rates rho, comma separated, each in (0, 1]"));
  users_->setRange(1, 100000);
  users_->setToolTip(tr("Sampled users the cohort curves average over (a seeded subset of the run's sample)"));
  seed_->setRange(0, 1000000);
  seed_->setToolTip(tr("Seed of the users measured"));
  masks_->setRange(2, 256);
  masks_->setToolTip(tr("Masks drawn per user and keep rate"));
  view_->setToolTip(withExplanation(tr("Neighbourhood drift per keep rate"), {Term::Drift, Term::KeepRate}));
  neighbours_->setRange(1, 500);
  neighbours_->setToolTip(tr("k of the neighbour sets compared"));
  setRequest(DriftRequest{});
  auto* go = new QPushButton(tr("Compute"), this);
  connect(go, &QPushButton::clicked, this, &DriftPanel::compute);
  cancel_->hide();
  connect(cancel_, &QPushButton::clicked, this, &DriftPanel::cancel);
  state_->setWordWrap(true);

  chart_->setTitle(tr("Neighbourhood drift under masking"));
  chart_->legend()->setAlignment(Qt::AlignRight);
  // Curve names carry the run's name; a label the legend shortens shows it whole on hover.
  chart_->legend()->setShowToolTips(true);
  rateAxis_->setTitleText(tr("keep rate rho"));
  rateAxis_->setRange(0.0, 1.0);
  driftAxis_->setTitleText(tr("drift (1 - mean Jaccard of neighbour sets)"));
  driftAxis_->setRange(0.0, 1.0);
  chart_->addAxis(rateAxis_, Qt::AlignBottom);
  chart_->addAxis(driftAxis_, Qt::AlignLeft);
  connect(view_, &ChartView::pointHovered, this, [this](const QString& series, const QPointF& point) {
    readout_->setText(tr("%1 — rho %2: drift %3").arg(series).arg(point.x(), 0, 'g', 4).arg(point.y(), 0, 'f', 4));
  });

  // The measurement's settings on a row of their own, so the panel fits half a window.
  auto* settings = new QHBoxLayout;
  for (auto [label, control] : {std::pair<QString, QWidget*>{tr("Keep rates"), keepRates_},
                                {tr("Users"), users_}, {tr("Seed"), seed_}, {tr("Masks"), masks_},
                                {tr("k"), neighbours_}}) {
    settings->addWidget(new QLabel(label, this));
    settings->addWidget(control, control == keepRates_ ? 1 : 0);
  }
  auto* toolbar = new ChartToolbar(this);
  toolbar->addControl(go);
  toolbar->addControl(cancel_);
  connect(toolbar, &ChartToolbar::resetZoomRequested, view_, &ChartView::resetZoom);
  connect(toolbar, &ChartToolbar::exportRequested, this, [this](const QString& format) {
    const QString path = askExportPath(this, format, QStringLiteral("drift"));
    if (path.isEmpty()) return;
    if (format == QLatin1String("png")) exportPng(*view_, path);
    else if (format == QLatin1String("svg")) exportSvg(*chart_, path);
    else exportCsv(path);
  });

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(settings);
  layout->addWidget(toolbar);
  layout->addWidget(state_);
  layout->addWidget(view_, 1);
  layout->addWidget(readout_);

  for (const Run run : {RunA, RunB}) {
    Side& side = sides_[run];
    side.job = new GeometryJob(this);
    connect(side.job, &GeometryJob::progressed, this, [this, run](const QString& stage, qint64 done, qint64 total) {
      sides_[run].state = tr("computing: %1").arg(stageText(stage, done, total));
      showState();
    });
    connect(side.job, &GeometryJob::driftReady, this, [this, run](std::shared_ptr<const DriftResult> result) {
      Side& done = sides_[run];
      if (result->run->folder != done.folder) return finishSide(run);  // the run changed meanwhile
      done.result = std::move(result);
      done.state = tr("%n user(s) measured", nullptr, static_cast<int>(done.result->study.users.size()));
      if (!done.result->request.focusUser.empty() && !done.result->focus)
        done.state += tr("; the focus user %1 is not in this run's latent sample")
                          .arg(QString::fromStdString(done.result->request.focusUser));
      redraw();
      finishSide(run);
    });
    connect(side.job, &GeometryJob::failed, this, [this, run](const QString& message) {
      sides_[run].state = message;
      Q_EMIT problem(message);
      finishSide(run);
    });
    connect(side.job, &GeometryJob::cancelled, this, [this, run] {
      Side& stopped = sides_[run];
      stopped.state = stopped.result ? tr("%n user(s) measured", nullptr, static_cast<int>(stopped.result->study.users.size()))
                                     : tr("cancelled");
      finishSide(run);
    });
  }
  showState();
}

QString DriftPanel::runName(Run run) { return run == RunA ? QStringLiteral("A") : QStringLiteral("B"); }

QString DriftPanel::curvePrefix(Run run) const { return tr("%1 (%2): ").arg(runName(run), sides_[run].name); }

void DriftPanel::setData(std::shared_ptr<const SessionData> data) {
  data_ = data;
  for (const Run run : {RunA, RunB}) {
    sides_[run].job->setData(data);
    clearSide(run);
  }
  redraw();
}

void DriftPanel::setRuns(const std::filesystem::path& runA, const std::filesystem::path& runB) {
  const std::array<std::filesystem::path, 2> folders{runA, runB};
  for (const Run run : {RunA, RunB}) {
    if (sides_[run].folder == folders[run]) continue;
    sides_[run].job->cancel();
    clearSide(run);
    sides_[run].folder = folders[run];
    sides_[run].name = folders[run].empty() ? QString() : runDisplayName(folders[run]);
    computeSide(run);
  }
  redraw();
}

void DriftPanel::setFocusUser(const QString& userId) {
  if (focusUser_ == userId) return;
  focusUser_ = userId;
  compute();  // the jobs keep the subset's study: only the focus user is measured again
}

void DriftPanel::setRequest(const DriftRequest& request) {
  keepRates_->setText(formatKeepRates(request.keepRates));
  users_->setValue(static_cast<int>(request.users));
  seed_->setValue(static_cast<int>(request.seed));
  masks_->setValue(static_cast<int>(request.options.masks));
  neighbours_->setValue(static_cast<int>(request.options.neighbours));
}

DriftRequest DriftPanel::request() const {
  DriftRequest request;
  if (const auto rates = parseKeepRates(keepRates_->text())) request.keepRates = *rates;
  request.users = static_cast<std::size_t>(users_->value());
  request.seed = static_cast<std::uint64_t>(seed_->value());
  request.focusUser = focusUser_.toStdString();
  request.options.masks = masks_->value();
  request.options.neighbours = neighbours_->value();
  return request;
}

void DriftPanel::compute() {
  if (!parseKeepRates(keepRates_->text())) {
    Q_EMIT problem(tr("Keep rates must be numbers in (0, 1], separated by commas."));
    return;
  }
  for (const Run run : {RunA, RunB}) computeSide(run);
}

void DriftPanel::computeSide(Run run) {
  Side& side = sides_[run];
  if (!data_ || side.folder.empty()) return;
  if (side.job->isRunning()) {
    side.pending = true;
    return;
  }
  if (!side.job->startDrift(side.folder, request())) return;
  side.state = tr("loading the run");
  cancel_->show();
  showState();
}

void DriftPanel::finishSide(Run run) {
  if (std::exchange(sides_[run].pending, false)) computeSide(run);
  cancel_->setVisible(isBusy());
  showState();
}

void DriftPanel::cancel() {
  for (Side& side : sides_) {
    side.pending = false;
    side.job->cancel();
  }
}

void DriftPanel::clearSide(Run run) {
  Side& side = sides_[run];
  side.result.reset();
  side.pending = false;
  side.state.clear();
}

bool DriftPanel::isBusy() const {
  return std::any_of(sides_.begin(), sides_.end(), [](const Side& side) { return side.job->isRunning(); });
}

QString DriftPanel::stateText() const { return state_->text(); }

void DriftPanel::showState() {
  if (!data_) {
    state_->setText(tr("Load a dataset and choose two runs (e.g. without and with PIA) to compare their drift."));
    return;
  }
  QStringList lines;
  for (const Run run : {RunA, RunB}) {
    const Side& side = sides_[run];
    if (side.folder.empty()) continue;
    lines << tr("%1 (%2, %3): %4")
                 .arg(runName(run), side.name, run == RunA ? tr("solid") : tr("dashed"), side.state);
  }
  state_->setText(lines.isEmpty() ? tr("Choose run A and run B (e.g. without and with PIA) to compare their drift.")
                                  : lines.join(QLatin1Char('\n')));
}

std::vector<DriftPanel::Curve> DriftPanel::curves() const {
  std::vector<Curve> drawn;
  for (const Run run : {RunA, RunB}) {
    const DriftResult* result = sides_[run].result.get();
    if (result == nullptr) continue;
    const QString prefix = curvePrefix(run);
    Curve overall{run, Curve::Kind::Overall, prefix + kOverall, result->study.users.size(), {}};
    std::vector<Curve> cohorts;
    for (const geometry::DriftAtRate& rate : result->study.byRate) {
      overall.points.push_back({rate.keepRate, rate.meanDrift});
      for (const geometry::CohortMean& cohort : rate.cohorts) {
        const QString name = prefix + QString::fromStdString(cohort.cohort);
        auto curve = std::find_if(cohorts.begin(), cohorts.end(), [&name](const Curve& c) { return c.name == name; });
        if (curve == cohorts.end()) curve = cohorts.insert(cohorts.end(), Curve{run, Curve::Kind::Cohort, name, cohort.users, {}});
        curve->points.push_back({rate.keepRate, cohort.mean});
      }
    }
    drawn.push_back(std::move(overall));
    for (Curve& cohort : cohorts) drawn.push_back(std::move(cohort));
    if (result->focus) {
      Curve focus{run, Curve::Kind::Focus, prefix + tr("focus user %1").arg(QString::fromStdString(result->request.focusUser)), 1, {}};
      for (std::size_t r = 0; r < result->request.keepRates.size(); ++r)
        focus.points.push_back({result->request.keepRates[r], (*result->focus)[r]});
      drawn.push_back(std::move(focus));
    }
  }
  return drawn;
}

void DriftPanel::redraw() {
  chart_->removeAllSeries();
  double yMax = 0.0;
  QStringList cohorts;  // in order of appearance: the same cohort gets the same colour in both runs
  for (const Curve& curve : curves()) {
    auto* line = new QLineSeries(chart_);
    line->setName(curve.name);
    line->replace(curve.points);
    chart_->addSeries(line);
    line->attachAxis(rateAxis_);
    line->attachAxis(driftAxis_);
    line->setPointsVisible(true);
    QPen pen(Qt::black, 2.5);
    if (curve.kind == Curve::Kind::Focus) pen.setColor(QColor(0xe6550d));
    if (curve.kind == Curve::Kind::Cohort) {
      const QString cohort = curve.name.section(QStringLiteral(": "), 1);
      if (!cohorts.contains(cohort)) cohorts << cohort;
      pen = QPen(cohortColor(static_cast<int>(cohorts.indexOf(cohort))), 1.5);
    }
    if (curve.run == RunB) pen.setStyle(Qt::DashLine);
    line->setPen(pen);
    view_->trackHover(line);
    for (const QPointF& point : curve.points) yMax = std::max(yMax, point.y());
  }
  if (!view_->isZoomed()) driftAxis_->setRange(0.0, yMax > 0.0 ? std::min(1.0, yMax * 1.1) : 1.0);
  showState();
}

QStringList DriftPanel::curveNames() const {
  QStringList names;
  for (const QAbstractSeries* series : chart_->series()) names << series->name();
  return names;
}

QVector<QPointF> DriftPanel::curvePoints(const QString& name) const {
  for (QAbstractSeries* series : chart_->series())
    if (series->name() == name) return static_cast<QLineSeries*>(series)->points();
  return {};
}

bool DriftPanel::exportCsv(const QString& path) const {
  QVector<QStringList> rows;
  for (const Curve& curve : curves()) {
    const QString folder = QString::fromStdString(sides_[curve.run].folder.string());
    for (const QPointF& point : curve.points)
      rows.push_back({runName(curve.run), folder, curve.name.section(QStringLiteral(": "), 1),
                      QString::number(curve.users), QString::number(point.x(), 'g', 10),
                      QString::number(point.y(), 'g', 10)});
  }
  return vaecf::ui::exportCsv(path,
                              {QStringLiteral("run"), QStringLiteral("run_folder"), QStringLiteral("curve"),
                               QStringLiteral("users"), QStringLiteral("keep_rate"), QStringLiteral("drift")},
                              rows);
}

}  // namespace vaecf::ui
