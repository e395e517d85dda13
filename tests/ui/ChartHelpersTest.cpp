#include "ChartHelpersTest.h"

#include <QCheckBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>

#include "charts/ChartExport.h"
#include "charts/ChartView.h"
#include "common/Error.h"
#include "charts/Decimation.h"
#include "charts/RunColours.h"
#include "charts/Smoothing.h"
#include "panels/ActivityHistogram.h"
#include "panels/CohortPanel.h"
#include "panels/DataPanel.h"
#include "panels/FormatOptionsDialog.h"
#include "panels/LossPanel.h"
#include "panels/ModelPanel.h"
#include "plugins/PluginsDialog.h"
#include "runs/RunHistory.h"
#include "session/SessionFile.h"
#include "train/TrainingParams.h"
#include "plugin/ModelCatalog.h"
#include "plugin/PluginRegistry.h"

namespace vaecf::ui {

namespace {

TrainingEvent scalarEvent(std::int64_t generation, std::int64_t epoch, std::int64_t step, double loss) {
  TrainingEvent event;
  event.generation = generation;
  event.epoch = epoch;
  event.step = step;
  ScalarSummary summary;
  summary.scalars["loss"].add(loss);
  event.payload = summary;
  return event;
}

TrainingEvent epochEvent(std::int64_t generation, std::int64_t epoch, std::int64_t step, double loss) {
  TrainingEvent event = scalarEvent(generation, epoch, step, loss);
  EpochSummary summary;
  summary.scalars["loss"].add(loss);
  summary.seconds = 2.0;
  event.payload = summary;
  return event;
}

// A validation at `epoch` with `overall` NDCG@100 over all users and, when given, two cohorts.
TrainingEvent validationEvent(std::int64_t epoch, double overall, std::vector<double> cohorts) {
  TrainingEvent event;
  event.generation = 1;
  event.epoch = epoch;
  event.step = 10 * epoch;
  Evaluation evaluation;
  evaluation.report.users = 30;
  evaluation.report.metrics["ndcg@100"].mean = overall;
  for (std::size_t i = 0; i < cohorts.size(); ++i) {
    CohortResult cohort;
    cohort.label = i == 0 ? "1-10" : "11+";
    cohort.users = 15;
    cohort.metrics["ndcg@100"].mean = cohorts[i];
    evaluation.report.cohorts.push_back(cohort);
  }
  event.payload = evaluation;
  return event;
}

RunView runView(const QString& id, std::shared_ptr<const RunHistory> history = nullptr) {
  return {id, id, std::move(history)};
}

}  // namespace

void ChartHelpersTest::smoothingIsDebiasedAndCanBeSwitchedOff() {
  const std::vector<double> values{10.0, 20.0, 30.0};
  QCOMPARE(debiasedEma(values, 0.0), values);
  const std::vector<double> smoothed = debiasedEma(values, 0.5);
  // Debiasing makes the first point the value itself rather than half of it.
  QCOMPARE(smoothed[0], 10.0);
  // (0.5*0.5*10 + 0.5*20) / (1 - 0.25) = 12.5 / 0.75
  QCOMPARE(smoothed[1], 12.5 / 0.75);
  QCOMPARE(smoothed[2], (0.5 * 12.5 + 15.0) / 0.875);
  const std::vector<double> withGap = debiasedEma({1.0, NAN, 1.0}, 0.9);
  QCOMPARE(withGap[0], 1.0);
  QVERIFY(std::isnan(withGap[1]));
  QCOMPARE(withGap[2], 1.0);
}

void ChartHelpersTest::decimationKeepsExtremesAndEnds() {
  QVector<QPointF> points;
  for (int i = 0; i < 10000; ++i) points.push_back({double(i), std::sin(i / 100.0)});
  points[5000].setY(42.0);
  points[7000].setY(-42.0);
  const QVector<QPointF> thinned = decimateMinMax(points, 400);
  QVERIFY(thinned.size() <= 400);
  QVERIFY(thinned.size() >= 200);  // at least the ends of each of the 100 buckets
  QCOMPARE(thinned.front(), points.front());
  QCOMPARE(thinned.back(), points.back());
  QVERIFY(thinned.contains(points[5000]));
  QVERIFY(thinned.contains(points[7000]));
  for (int i = 1; i < thinned.size(); ++i) QVERIFY(thinned[i].x() > thinned[i - 1].x());
  QCOMPARE(decimateMinMax(points.mid(0, 100), 400).size(), 100);
}

void ChartHelpersTest::csvQuotesFieldsThatNeedIt() {
  QCOMPARE(csvField(QStringLiteral("plain")), QStringLiteral("plain"));
  QCOMPARE(csvField(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
  QCOMPARE(csvField(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("out.csv"));
  QVERIFY(exportCsv(path, {QStringLiteral("run"), QStringLiteral("value")},
                    {{QStringLiteral("x,1"), QStringLiteral("0.5")}}));
  QFile file(path);
  QVERIFY(file.open(QIODevice::ReadOnly));
  QCOMPARE(QString::fromUtf8(file.readAll()), QStringLiteral("run,value\n\"x,1\",0.5\n"));
}

void ChartHelpersTest::histogramBinsEveryUserOnce() {
  const std::vector<std::uint32_t> counts{1, 1, 2, 5, 5, 5, 100, 2000};
  const auto bins = logHistogram(counts, 2.0);
  std::size_t users = 0;
  for (const HistogramBin& bin : bins) users += bin.users;
  QCOMPARE(users, counts.size());
  QCOMPARE(bins.front().lower, 1.0);
  QCOMPARE(bins.front().users, std::size_t(2));  // the two 1s in [1, 2)
  QVERIFY(bins.back().upper > 2000.0);
  for (std::size_t i = 1; i < bins.size(); ++i) QCOMPARE(bins[i].lower, bins[i - 1].upper);

  ActivityHistogram histogram;
  histogram.setActivity(counts);
  histogram.setCohortEdges({5, 11, 51});
  QCOMPARE(histogram.edgeLineCount(), 3);
}

void ChartHelpersTest::runHistoryDropsPointsLostOnResume() {
  RunHistory history;
  history.apply(scalarEvent(1, 1, 5, 3.0));
  history.apply(epochEvent(1, 1, 10, 2.5));
  history.apply(scalarEvent(1, 2, 15, 2.0));  // epoch 2, never checkpointed
  QCOMPARE(history.batchCurves().at("loss").size(), std::size_t(2));
  QCOMPARE(history.epochsCompleted(), std::int64_t(1));
  QCOMPARE(history.secondsPerEpoch(), 2.0);
  // Stop-then-start continues from the checkpoint at step 10.
  history.apply(scalarEvent(2, 2, 10, 2.4));
  const auto& loss = history.batchCurves().at("loss");
  QCOMPARE(loss.size(), std::size_t(2));
  QCOMPARE(loss.back().value, 2.4);
  QCOMPARE(loss.front().step, std::int64_t(5));
}

void ChartHelpersTest::runColoursAreDistinctStableAndChosen() {
  RunColours colours;
  std::vector<RunView> runs{runView(QStringLiteral("run-a")), runView(QStringLiteral("run-b"))};
  colours.paint(runs);
  QVERIFY(runs[0].colour.isValid());
  QVERIFY(runs[0].colour != runs[1].colour);
  // Drawn again beside another run, and in another place, a run keeps its colour.
  const QColor first = runs[0].colour;
  std::vector<RunView> later{runView(QStringLiteral("run-c")), runView(QStringLiteral("run-a"))};
  colours.paint(later);
  QCOMPARE(later[1].colour, first);
  QVERIFY(later[0].colour != first);
  // As many runs as the palette has colours: no two alike.
  std::vector<RunView> many;
  for (int i = 0; i < 10; ++i) many.push_back(runView(QStringLiteral("many-%1").arg(i)));
  RunColours fresh;
  fresh.paint(many);
  std::set<QRgb> distinct;
  for (const RunView& run : many) distinct.insert(run.colour.rgb());
  QCOMPARE(distinct.size(), std::size_t(10));
  // The user's choice wins, and is the only one kept as chosen.
  colours.choose(QStringLiteral("run-b"), QColor(0x123456));
  colours.paint(runs);
  QCOMPARE(runs[1].colour, QColor(0x123456));
  QCOMPARE(runs[0].colour, first);
  QCOMPARE(colours.chosen().size(), std::size_t(1));
}

// Each run's overall validation curve is the recorded overall metric, one point per
// validated epoch, solid and thick in the run's colour, as are its loss curves; cohort
// curves are thin, and optional.
void ChartHelpersTest::validationChartDrawsEachRunOverallInItsColour() {
  auto withCohorts = std::make_shared<RunHistory>();
  withCohorts->apply(scalarEvent(1, 1, 5, 3.0));
  withCohorts->apply(validationEvent(1, 0.30, {0.20, 0.40}));
  withCohorts->apply(validationEvent(2, 0.35, {0.25, 0.45}));
  withCohorts->apply(validationEvent(3, 0.40, {0.30, 0.50}));
  auto withoutCohorts = std::make_shared<RunHistory>();  // as DeepRec reports
  withoutCohorts->apply(scalarEvent(1, 1, 5, 2.0));
  withoutCohorts->apply(validationEvent(1, 0.10, {}));
  withoutCohorts->apply(validationEvent(2, 0.15, {}));
  std::vector<RunView> runs{runView(QStringLiteral("run-a"), withCohorts),
                            runView(QStringLiteral("run-b"), withoutCohorts)};
  RunColours colours;
  colours.paint(runs);

  CohortPanel validation;
  LossPanel loss;
  validation.show();
  loss.show();
  validation.setRuns(runs);
  loss.setRuns(runs);
  const QLineSeries* overallA = validation.overallLine(QStringLiteral("run-a"));
  const QLineSeries* overallB = validation.overallLine(QStringLiteral("run-b"));
  QVERIFY(overallA != nullptr && overallB != nullptr);
  QCOMPARE(overallA->points(), (QList<QPointF>{{1.0, 0.30}, {2.0, 0.35}, {3.0, 0.40}}));
  QCOMPARE(overallB->points(), (QList<QPointF>{{1.0, 0.10}, {2.0, 0.15}}));
  QCOMPARE(overallA->pen().color(), runs[0].colour);
  QCOMPARE(overallB->pen().color(), runs[1].colour);
  QCOMPARE(overallA->pen().style(), Qt::SolidLine);
  // Run A's two cohorts over three epochs under the overall curves; run B has no cohort
  // curve repeating its overall one.
  QCOMPARE(validation.linePointCount(), qsizetype(3 + 2 + 2 * 3));
  for (const QAbstractSeries* series : validation.lineChart()->series()) {
    const auto* line = static_cast<const QLineSeries*>(series);
    if (line == overallA || line == overallB) continue;
    QCOMPARE(line->pen().color(), runs[0].colour);
    QVERIFY(line->pen().widthF() < overallA->pen().widthF());
    QVERIFY(line->pen().style() != Qt::SolidLine);
  }
  // The legend names each run once and each cohort once: not runs x cohorts.
  QCOMPARE(overallA->name(), QStringLiteral("run-a"));
  QStringList legend;
  for (const QLegendMarker* marker : validation.lineChart()->legend()->markers())
    if (marker->isVisible()) legend << marker->label();
  QCOMPARE(legend.size(), qsizetype(4));
  QVERIFY(legend.contains(QStringLiteral("run-b")) && legend.contains(QStringLiteral("1-10")));
  validation.setCohortLinesShown(false);
  QCOMPARE(validation.linePointCount(), qsizetype(3 + 2));

  for (const RunView& run : runs) {
    QVERIFY(!loss.seriesOf(run.id).isEmpty());
    for (const QLineSeries* series : loss.seriesOf(run.id)) {
      QCOMPARE(series->pen().color(), run.colour);
      QCOMPARE(series->pen().style(), Qt::SolidLine);  // the total loss is the run's main curve
    }
  }

  // A chosen colour is drawn on both charts.
  colours.choose(QStringLiteral("run-b"), QColor(0x123456));
  colours.paint(runs);
  validation.setRuns(runs);
  loss.setRuns(runs);
  QCOMPARE(validation.overallLine(QStringLiteral("run-b"))->pen().color(), QColor(0x123456));
  for (const QLineSeries* series : loss.seriesOf(QStringLiteral("run-b")))
    QCOMPARE(series->pen().color(), QColor(0x123456));
}

// Alone on a chart a run's colour tells nothing apart: its other lines take hues of their
// own (and keep their dashes); beside another run they are back in the run's colour.
void ChartHelpersTest::aRunAloneTellsItsLinesApartByHue() {
  auto history = std::make_shared<RunHistory>();
  TrainingEvent terms = scalarEvent(1, 1, 5, 3.0);
  std::get<ScalarSummary>(terms.payload).scalars["kl"].add(0.5);
  std::get<ScalarSummary>(terms.payload).scalars["neg_ll"].add(2.5);
  history->apply(terms);
  history->apply(validationEvent(1, 0.30, {0.20, 0.40}));
  std::vector<RunView> runs{runView(QStringLiteral("run-a"), history)};
  RunColours colours;
  colours.paint(runs);
  LossPanel loss;
  CohortPanel validation;
  loss.show();
  validation.show();
  loss.setRuns(runs);
  validation.setRuns(runs);

  const auto huesOf = [](const QList<QLineSeries*>& lines) {
    std::set<QRgb> hues;
    for (const QLineSeries* line : lines) hues.insert(line->pen().color().rgb());
    return hues;
  };
  const QList<QLineSeries*> terms3 = loss.seriesOf(QStringLiteral("run-a"));
  QCOMPARE(terms3.size(), qsizetype(3));
  QCOMPARE(huesOf(terms3).size(), std::size_t(3));
  QVERIFY(huesOf(terms3).count(runs[0].colour.rgb()) == 1);  // the total loss keeps the run's colour
  QList<QLineSeries*> validationLines;
  for (QAbstractSeries* series : validation.lineChart()->series()) validationLines << static_cast<QLineSeries*>(series);
  QCOMPARE(validationLines.size(), qsizetype(3));
  QCOMPARE(huesOf(validationLines).size(), std::size_t(3));
  QCOMPARE(validation.overallLine(QStringLiteral("run-a"))->pen().color(), runs[0].colour);

  runs.push_back(runView(QStringLiteral("run-b"), history));
  colours.paint(runs);
  loss.setRuns(runs);
  QCOMPARE(huesOf(loss.seriesOf(QStringLiteral("run-a"))), (std::set<QRgb>{runs[0].colour.rgb()}));
}

// Hovering either chart reads every shown run out at that x, and the other chart (wired
// as the main window wires them) reads them out at the same epoch with its crosshair there.
void ChartHelpersTest::hoverReadsEveryRunAtOneEpochOnBothCharts() {
  auto a = std::make_shared<RunHistory>();
  auto b = std::make_shared<RunHistory>();
  const double lossA[] = {4.0, 3.0, 2.0, 1.0}, lossB[] = {8.0, 6.0, 4.0, 2.0};
  for (int i = 0; i < 4; ++i) {
    a->apply(scalarEvent(1, 1 + i / 2, 5 * (i + 1), lossA[i]));
    b->apply(scalarEvent(1, 1 + i / 2, 5 * (i + 1), lossB[i]));
  }
  a->apply(validationEvent(1, 0.30, {0.20, 0.40}));
  a->apply(validationEvent(2, 0.40, {0.30, 0.50}));
  b->apply(validationEvent(1, 0.10, {}));
  b->apply(validationEvent(2, 0.20, {}));
  std::vector<RunView> runs{runView(QStringLiteral("run-a"), a), runView(QStringLiteral("run-b"), b)};
  QWidget window;  // one above the other, as in the main window
  auto* layout = new QVBoxLayout(&window);
  auto& loss = *new LossPanel(&window);
  auto& validation = *new CohortPanel(&window);
  layout->addWidget(&loss);
  layout->addWidget(&validation);
  connect(&loss, &LossPanel::hoveredEpoch, &validation, &CohortPanel::followEpoch);
  connect(&loss, &LossPanel::hoverLeft, &validation, &CohortPanel::endFollow);
  connect(&validation, &CohortPanel::hoveredEpoch, &loss, &LossPanel::followEpoch);
  connect(&validation, &CohortPanel::hoverLeft, &loss, &LossPanel::endFollow);
  loss.setSmoothing(0.0);
  window.resize(1200, 900);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  loss.setRuns(runs);
  validation.setRuns(runs);
  QTest::qWait(50);  // the charts lay out their plot areas

  const auto moveTo = [](ChartView* view, QPointF value) {
    const QPointF atChart = view->chart()->mapToPosition(value);
    QTest::mouseMove(view->viewport(), view->mapFromScene(view->chart()->mapToScene(atChart)));
  };
  QSignalSpy lossHover(&loss, &LossPanel::hoveredEpoch);
  moveTo(loss.view(), {15.0, 3.0});  // step 15: the first summary of epoch 2
  QTRY_COMPARE(lossHover.count(), 1);
  QCOMPARE(lossHover.front().at(0).toLongLong(), 2);
  QCOMPARE(loss.readout(), QStringLiteral("step 15 — run-a: loss 2; run-b: loss 4"));
  QCOMPARE(validation.lineView()->crosshair(), std::optional<double>(2.0));
  QCOMPARE(validation.readout(),
           QStringLiteral("ndcg@100, epoch 2 — run-a: all users 0.4000, 1-10 0.3000, 11+ 0.5000; run-b: all users 0.2000"));

  QSignalSpy validationHover(&validation, &CohortPanel::hoveredEpoch);
  moveTo(validation.lineView(), {1.05, 0.25});  // epoch 1 lies on the plot's left edge
  QTRY_COMPARE(validationHover.count(), 1);
  QCOMPARE(validationHover.front().at(0).toLongLong(), 1);
  // Epoch 1's validation follows its last summary, at step 10.
  QCOMPARE(loss.view()->crosshair(), std::optional<double>(10.0));
  QCOMPARE(loss.readout(), QStringLiteral("step 10 — run-a: loss 3; run-b: loss 6"));

  QTest::mouseMove(validation.lineView()->viewport(), {1, 1});  // off the plot
  QTRY_VERIFY(!loss.view()->crosshair().has_value());
  QVERIFY(loss.readout().isEmpty());
}

// The CSV has each validation's overall metrics (cohort "all", not a translated word) and
// then its cohorts', keyed by run id; a report without cohorts gives its overall rows alone.
void ChartHelpersTest::validationCsvHoldsTheOverallCurveKeyedByRun() {
  auto a = std::make_shared<RunHistory>();
  a->apply(validationEvent(1, 0.30, {0.20, 0.40}));
  auto b = std::make_shared<RunHistory>();
  b->apply(validationEvent(1, 0.10, {}));
  CohortPanel panel;
  panel.setRuns({runView(QStringLiteral("run-a"), a), runView(QStringLiteral("run-b"), b)});
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("validation.csv"));
  QVERIFY(panel.exportCsv(path));
  QFile file(path);
  QVERIFY(file.open(QIODevice::ReadOnly));
  QCOMPARE(QString::fromUtf8(file.readAll()),
           QStringLiteral("run,epoch,cohort,users,metric,mean,standard_error\n"
                          "run-a,1,all,30,ndcg@100,0.3,0\n"
                          "run-a,1,1-10,15,ndcg@100,0.2,0\n"
                          "run-a,1,11+,15,ndcg@100,0.4,0\n"
                          "run-b,1,all,30,ndcg@100,0.1,0\n"));
}

// Epochs tick on whole epochs ("1 2 3", never "1 1 2 2 3"), at most as many as fit, also
// as the run grows; a constant scalar's axis spans a readable band around it.
void ChartHelpersTest::wholeNumberAxesTickOnWholeNumbers() {
  auto history = std::make_shared<RunHistory>();
  for (int epoch = 1; epoch <= 3; ++epoch) history->apply(validationEvent(epoch, 0.1 * epoch, {}));
  CohortPanel validation;
  validation.resize(1400, 500);
  validation.show();
  QVERIFY(QTest::qWaitForWindowExposed(&validation));
  validation.setRuns({runView(QStringLiteral("run-a"), history)});
  const auto* epochs = qobject_cast<QValueAxis*>(validation.lineChart()->axes(Qt::Horizontal).front());
  QVERIFY(epochs != nullptr);
  QTRY_COMPARE(epochs->tickType(), QValueAxis::TicksDynamic);
  QCOMPARE(epochs->tickAnchor(), 1.0);
  QCOMPARE(epochs->tickInterval(), 1.0);
  for (int epoch = 4; epoch <= 200; ++epoch) history->apply(validationEvent(epoch, 0.3, {}));
  validation.setRuns({runView(QStringLiteral("run-a"), history)});
  QTRY_COMPARE(epochs->max(), 200.0);
  const double interval = epochs->tickInterval();
  QCOMPARE(interval, std::round(interval));
  const double ticks = (epochs->max() - epochs->tickAnchor()) / interval + 1;
  QVERIFY2(ticks <= 9 && ticks >= 2, qPrintable(QString::number(ticks)));

  auto constant = std::make_shared<RunHistory>();
  for (int step = 1; step <= 5; ++step) constant->apply(scalarEvent(1, 1, step, 0.001));
  LossPanel loss;
  loss.show();
  loss.setRuns({runView(QStringLiteral("run-b"), constant)});
  const auto* values = qobject_cast<QValueAxis*>(loss.chart()->axes(Qt::Vertical).front());
  QVERIFY(values != nullptr);
  QTRY_VERIFY(values->max() > 0.001 && values->min() < 0.001);
  QVERIFY2(values->max() - values->min() >= 1e-4 * 0.99, qPrintable(QString::number(values->max() - values->min())));
}

void ChartHelpersTest::modelFormFollowsTheDeclarations() {
  const ModelFamily model = findModel("multvae");
  const ParamSet params(trainingParamSpecs(model));
  ModelPanel panel;
  panel.showModel(QStringLiteral("multvae"), params);
  for (const ParamSpec& spec : params.specs())
    QCOMPARE(panel.value(QString::fromStdString(spec.name)), QString::fromStdString(spec.defaultValue));
  // Live parameters are marked, with the declared help as tooltip.
  const QList<QLabel*> labels = panel.findChildren<QLabel*>();
  const auto label = std::find_if(labels.begin(), labels.end(),
                                  [](QLabel* l) { return l->text() == QStringLiteral("● dropout"); });
  QVERIFY(label != labels.end());
  QVERIFY((*label)->toolTip().startsWith(QString::fromStdString(params.spec("dropout").help)));
  QVERIFY((*label)->toolTip().contains(QStringLiteral("0.95")));
  QVERIFY(std::none_of(labels.begin(), labels.end(), [](QLabel* l) { return l->text() == QStringLiteral("● epochs"); }));

  QSignalSpy edits(&panel, &ModelPanel::parameterEdited);
  panel.edit(QStringLiteral("latent_dim"), QStringLiteral("64"));
  QCOMPARE(edits.count(), 1);
  QCOMPARE(edits.front().at(0).toString(), QStringLiteral("latent_dim"));
  QCOMPARE(edits.front().at(1).toString(), QStringLiteral("64"));
}

void ChartHelpersTest::sessionFileRoundTrips() {
  QTemporaryDir dir;
  SessionFile session;
  session.data = syntheticDataRequest(300, 120, 9);
  session.model = "multdae";
  session.params = {{"epochs", "7"}, {"dropout", "0.3"}};
  session.cohortEdges = {3, 9};
  session.runsFolder = dir.filePath(QStringLiteral("runs")).toStdString();
  session.selectedRuns = {"multdae-20261205-101500", "ease-20261205-101700"};
  session.centreView = "sweeps";
  session.focusUser = "u 7";
  session.runColours = {{"multdae-20261205-101500", "#123456"}};
  const std::filesystem::path file = dir.filePath(QStringLiteral("session.json")).toStdString();
  saveSessionFile(session, file);
  const SessionFile loaded = loadSessionFile(file);
  QVERIFY(loaded.data.synthetic.has_value());
  QCOMPARE(loaded.data.synthetic->users, 300U);
  QCOMPARE(loaded.data.synthetic->items, 120U);
  QCOMPARE(loaded.data.synthetic->seed, std::uint64_t(9));
  QCOMPARE(loaded.data.source.protocol.heldoutUsers, 30U);
  QCOMPARE(loaded.model, std::string("multdae"));
  QVERIFY(loaded.params == session.params);
  QVERIFY(loaded.cohortEdges == session.cohortEdges);
  QCOMPARE(loaded.runsFolder, session.runsFolder);
  QVERIFY(loaded.selectedRuns == session.selectedRuns);
  QCOMPARE(loaded.centreView, std::string("sweeps"));
  QCOMPARE(loaded.focusUser, std::string("u 7"));
  QVERIFY(loaded.runColours == session.runColours);

  // A session saved before run colours were kept reads, with none chosen.
  {
    QFile saved(QString::fromStdString(file.string()));
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QJsonObject document = QJsonDocument::fromJson(saved.readAll()).object();
    saved.close();
    QVERIFY(document.contains(QStringLiteral("run_colours")));
    document.remove(QStringLiteral("run_colours"));
    QVERIFY(saved.open(QIODevice::WriteOnly | QIODevice::Truncate));
    saved.write(QJsonDocument(document).toJson());
  }
  QVERIFY(loadSessionFile(file).runColours.empty());
  // A colour is #rrggbb, for a run folder inside the runs folder.
  session.runColours = {{"multdae-20261205-101500", "red"}};
  saveSessionFile(session, file);
  QVERIFY_THROWS_EXCEPTION(InputError, loadSessionFile(file));
  session.runColours = {{"../elsewhere", "#123456"}};
  saveSessionFile(session, file);
  QVERIFY_THROWS_EXCEPTION(InputError, loadSessionFile(file));
  session.runColours.clear();

  // The tab, the grouping and the workers are checked values.
  session.centreView = "settings";
  saveSessionFile(session, file);
  QVERIFY_THROWS_EXCEPTION(InputError, loadSessionFile(file));
  session.centreView = "lessons";
  session.runGrouping = "by colour";
  saveSessionFile(session, file);
  QVERIFY_THROWS_EXCEPTION(InputError, loadSessionFile(file));
  session.runGrouping = "model";
  session.workers = 0;
  saveSessionFile(session, file);
  QVERIFY_THROWS_EXCEPTION(InputError, loadSessionFile(file));
  session.workers = 3;
  saveSessionFile(session, file);
  QCOMPARE(loadSessionFile(file).runGrouping, std::string("model"));
  QCOMPARE(loadSessionFile(file).workers, 3);

  // A selected run is a folder inside the runs folder, never a path out of it.
  session.selectedRuns = {"../elsewhere"};
  saveSessionFile(session, file);
  QVERIFY_THROWS_EXCEPTION(InputError, loadSessionFile(file));
  session.selectedRuns.clear();

  session.data = bundledDataRequest();
  saveSessionFile(session, file);
  const SessionFile bundled = loadSessionFile(file);
  QVERIFY(!bundled.data.synthetic);
  QVERIFY(bundled.data.source.raw.has_value());
  QCOMPARE(bundled.data.source.raw->path, bundledDatasetPath());
}

void ChartHelpersTest::germanTranslationIsComplete() {
  QTranslator translator;
  QVERIFY(translator.load(QStringLiteral(VAECF_QM_DIR "/vaecf_de.qm")));
  QCOMPARE(translator.translate("vaecf::ui::MainWindow", "Step epoch"), QStringLiteral("Epoche schrittweise"));
  QCOMPARE(translator.translate("vaecf::ui::LossPanel", "Log y"), QStringLiteral("Log. y"));

  // Every message of the source file has a finished translation.
  QFile ts(QStringLiteral(VAECF_TS_FILE));
  QVERIFY(ts.open(QIODevice::ReadOnly));
  const QString text = QString::fromUtf8(ts.readAll());
  QVERIFY(text.count(QStringLiteral("<message")) > 100);
  QCOMPARE(text.count(QStringLiteral("type=\"unfinished\"")), 0);
  QCOMPARE(text.count(QStringLiteral("<translation></translation>")), 0);
}

// Help → Plugins lists each built-in plugin, loaded, with the models or formats it provides.
void ChartHelpersTest::pluginsDialogListsEveryPlugin() {
  PluginsDialog dialog;
  const QTableWidget* table = dialog.table();
  QStringList names;
  for (int row = 0; row < table->rowCount(); ++row) names << table->item(row, 0)->text();
  QCOMPARE(names, (QStringList{QStringLiteral("ease"), QStringLiteral("vae"), QStringLiteral("svae"),
                               QStringLiteral("deeprec"), QStringLiteral("movielens"), QStringLiteral("netflix"),
                               QStringLiteral("citeulike"), QStringLiteral("delimited"), QStringLiteral("synthetic")}));
  QCOMPARE(table->item(4, 3)->text(), QStringLiteral("format"));
  QCOMPARE(table->item(4, 5)->text(), QStringLiteral("ml-latest, ml-100k, ml-1m, ml-20m"));
  QCOMPARE(table->item(1, 1)->checkState(), Qt::Checked);
  QCOMPARE(table->item(1, 4)->text(), QStringLiteral("yes"));
  QCOMPARE(table->item(1, 5)->text(), QStringLiteral("multvae, multdae, recvae, vamp, hvamp"));
  QCOMPARE(table->item(1, 6)->text(), QStringLiteral("built in"));
  QVERIFY(table->item(1, 7)->text().isEmpty());
}

void ChartHelpersTest::pluginsDialogWritesTheEnabledChoice() {
  QTemporaryDir config;
  QVERIFY(config.isValid());
  qputenv("XDG_CONFIG_HOME", config.path().toUtf8());
  const std::filesystem::path file = pluginSettingsFile();
  QCOMPARE(file, std::filesystem::path(config.path().toStdString()) / "vaecf-workbench" / "plugins.json");

  PluginsDialog dialog;
  dialog.setEnabled(QStringLiteral("svae"), false);
  QCOMPARE(readDisabledPlugins(file), std::set<std::string>{"svae"});
  QVERIFY2(dialog.notice().contains(QStringLiteral("next start")), qPrintable(dialog.notice()));
  dialog.setEnabled(QStringLiteral("svae"), true);
  QVERIFY(readDisabledPlugins(file).empty());

  // A damaged settings file is named and left as it was.
  std::ofstream(file) << "not json";
  dialog.setEnabled(QStringLiteral("ease"), false);
  QVERIFY2(dialog.notice().contains(QString::fromStdString(file.string())), qPrintable(dialog.notice()));
  std::ifstream in(file);
  QCOMPARE(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()), std::string("not json"));
  qunsetenv("XDG_CONFIG_HOME");
}

// The data panel's Options… dialog is generated from the format's declarations and shows
// what the format detects from the file; the panel keeps the chosen options in its request.
void ChartHelpersTest::formatOptionsFollowTheFormatAndWhatItDetects() {
  QTemporaryDir folder;
  QVERIFY(folder.isValid());
  const QString file = folder.filePath(QStringLiteral("plays.tsv"));
  std::ofstream(file.toStdString()) << "user\tartist\tplays\nu1\ta1\t12\nu2\ta1\t3\n";

  const DatasetFormat& delimited = findFormat("delimited");
  FormatOptionsDialog dialog(delimited, file, {{"encoding", "latin1"}});
  std::map<std::string, std::string> options = dialog.options();
  QCOMPARE(options.size(), delimited.options.size());
  QCOMPARE(options.at("separator"), std::string("tab"));
  QCOMPARE(options.at("header"), std::string("yes"));
  QCOMPARE(options.at("encoding"), std::string("latin1"));  // as given
  QVERIFY2(dialog.detected().contains(QStringLiteral("tab-separated, 3 columns")), qPrintable(dialog.detected()));

  DataPanel panel;
  DataRequest request;
  request.source.raw = ImportOptions{"delimited", file.toStdString(), options};
  panel.setRequest(request);
  const DataRequest shown = panel.request();
  QVERIFY(shown.source.raw.has_value());
  QCOMPARE(shown.source.raw->format, std::string("delimited"));
  QCOMPARE(shown.source.raw->options, options);
}

// A chart squeezed by a laptop screen drops its titles (the panel names it) so that the
// tick labels do not collapse to "…"; given its height back, it shows them again.
void ChartHelpersTest::shortChartsGiveTheirTitlesRoomToTheTicks() {
  auto* chart = new QChart;
  chart->setTitle(QStringLiteral("Validation by cohort"));
  auto* axis = new QValueAxis(chart);
  axis->setTitleText(QStringLiteral("Epoch"));
  chart->addAxis(axis, Qt::AlignBottom);
  ChartView view(chart);
  view.resize(600, 180);
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
  QTRY_VERIFY(!view.titlesShown());
  QVERIFY(chart->title().isEmpty());
  QVERIFY(!axis->isTitleVisible());
  view.resize(600, 420);
  QTRY_VERIFY(view.titlesShown());
  QCOMPARE(chart->title(), QStringLiteral("Validation by cohort"));
  QVERIFY(axis->isTitleVisible());
}

// The cohort bars' labels are whole, shortened to the cohort alone, or upright: never elided.
void ChartHelpersTest::narrowCohortBarsDropTheUserCountsFromTheirLabels() {
  auto history = std::make_shared<RunHistory>();
  history->apply(validationEvent(1, 0.30, {0.20, 0.40}));
  CohortPanel panel;
  panel.resize(1400, 400);
  panel.show();
  QVERIFY(QTest::qWaitForWindowExposed(&panel));
  panel.setRuns({runView(QStringLiteral("run-a"), history)});
  const QStringList whole{QStringLiteral("1-10\n(15 users)"), QStringLiteral("11+\n(15 users)")};
  QCOMPARE(panel.barCategories(), whole);
  QTRY_COMPARE(panel.shownBarCategories(), whole);
  QVERIFY(!panel.barLabelsUpright());
  panel.resize(260, 400);
  QTRY_COMPARE(panel.shownBarCategories(), (QStringList{QStringLiteral("1-10"), QStringLiteral("11+")}));
  QCOMPARE(panel.barCategories(), whole);  // what the panel knows stays whole
  panel.resize(1400, 400);
  QTRY_COMPARE(panel.shownBarCategories(), whole);

  // Forty cohorts leave no room for even a short label lying down.
  TrainingEvent many = validationEvent(2, 0.30, {});
  auto& report = std::get<Evaluation>(many.payload).report;
  for (int k = 0; k < 40; ++k) {
    CohortResult cohort;
    cohort.label = std::to_string(10 * k + 1) + "-" + std::to_string(10 * k + 10);
    cohort.users = 3;
    cohort.metrics["ndcg@100"].mean = 0.01 * k;
    report.cohorts.push_back(cohort);
  }
  history->apply(many);
  panel.setRuns({runView(QStringLiteral("run-a"), history)});
  QTRY_COMPARE(panel.shownBarCategories().size(), qsizetype(40));
  QVERIFY(!panel.shownBarCategories().front().contains(QLatin1Char('\n')));
  QVERIFY(panel.barLabelsUpright());
  QVERIFY(panel.barLabelsShown());
  // Too short for them even upright (a laptop screen's chart strip): left out, not elided.
  panel.resize(260, 110);
  QTRY_VERIFY(!panel.barLabelsShown());
  panel.resize(260, 400);
  QTRY_VERIFY(panel.barLabelsShown());
}

}  // namespace vaecf::ui
