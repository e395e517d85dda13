#include "SweepPanelTest.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "SyntheticRequest.h"
#include "common/Compute.h"
#include "experiment/Sweep.h"
#include "panels/MessageBar.h"
#include "panels/ModelPanel.h"
#include "panels/RunsPanel.h"
#include "session/TrainingSession.h"
#include "sweeps/MetricSlices.h"
#include "sweeps/ParallelCoordinates.h"
#include "sweeps/SweepsPanel.h"
#include "train/RunFolder.h"
#include "window/MainWindow.h"

namespace vaecf::ui {

namespace {

namespace fs = std::filesystem;

constexpr int kLoadTimeoutMs = 120000;
constexpr int kSweepTimeoutMs = 180000;
constexpr int kMetricColumn = 3;  // after trial, state and rung

int columnNamed(const QTableWidget& table, const QString& header) {
  for (int column = 0; column < table.columnCount(); ++column)
    if (table.horizontalHeaderItem(column)->text() == header) return column;
  return -1;
}

QPushButton* buttonNamed(const QWidget& parent, const QString& text) {
  for (QPushButton* button : parent.findChildren<QPushButton*>())
    if (button->text() == text) return button;
  return nullptr;
}

// The trial ids of the rows the table shows.
std::set<int> visibleTrials(const QTableWidget& table) {
  std::set<int> ids;
  for (int row = 0; row < table.rowCount(); ++row)
    if (!table.isRowHidden(row)) ids.insert(table.item(row, 0)->data(Qt::DisplayRole).toInt());
  return ids;
}

void prepareEase(MainWindow& window) {
  window.resize(1400, 1000);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  QTRY_VERIFY_WITH_TIMEOUT(window.session().data() != nullptr, kLoadTimeoutMs);
  window.modelPanel()->choose(QStringLiteral("ease"));
  window.showSweeps();
}

// Every row of the table holds its trial's state and validation value exactly as index.json does.
void compareWithIndex(const QTableWidget& table, const SweepIndex& index) {
  QCOMPARE(table.rowCount(), static_cast<int>(index.trials.size()));
  QCOMPARE(table.horizontalHeaderItem(kMetricColumn)->text(), QString::fromStdString(index.selectionMetric));
  for (int row = 0; row < table.rowCount(); ++row) {
    const int id = table.item(row, 0)->data(Qt::DisplayRole).toInt();
    const auto trial = std::find_if(index.trials.begin(), index.trials.end(),
                                    [id](const SweepTrial& t) { return t.id == id; });
    QVERIFY(trial != index.trials.end());
    QCOMPARE(table.item(row, 1)->text(), QString::fromLatin1(trialStateName(trial->state)));
    if (trial->validation)
      QCOMPARE(table.item(row, kMetricColumn)->data(Qt::DisplayRole).toDouble(), *trial->validation);
  }
}

}  // namespace

void SweepPanelTest::gridSweepFillsTheTableAndTheChartWhichBrushesIt() {
  QTemporaryDir runs;
  QVERIFY(runs.isValid());
  MainWindow window({runs.path().toStdString(), test::smallSynthetic(), {}});
  prepareEase(window);
  SweepsPanel& panel = *window.sweepsPanel();
  QVERIFY(panel.sweepValues(QStringLiteral("lambda"), QStringLiteral("1, 30, 1000, 30000")));
  panel.setScheduler(SweepScheduler::Grid);

  int ticks = 0;
  QTimer ticker;
  ticker.setInterval(1);
  connect(&ticker, &QTimer::timeout, [&ticks] { ++ticks; });
  ticker.start();
  QVERIFY(panel.start());
  QVERIFY(panel.isRunning());  // start returned before the trials ran
  QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), kSweepTimeoutMs);
  ticker.stop();
  QVERIFY2(ticks > 0, "the event loop did not run during the sweep");

  // The sweep lives under the runs folder; the table holds index.json's values.
  QCOMPARE(panel.sweepFolder().parent_path(), fs::path(runs.path().toStdString()));
  const SweepIndex index = readSweepIndex(panel.sweepFolder());
  QCOMPARE(index.trials.size(), std::size_t{4});
  for (const SweepTrial& trial : index.trials) QCOMPARE(trial.state, TrialState::Finished);
  QTableWidget& table = *panel.trialTable();
  compareWithIndex(table, index);
  QVERIFY(columnNamed(table, QStringLiteral("lambda")) >= 0);

  // One axis for lambda and one for the metric; one polyline per finished trial.
  ParallelCoordinates& chart = *panel.chart();
  QCOMPARE(chart.axisCount(), 2);
  QCOMPARE(chart.lineCount(), 4);

  // Brush the metric axis between the middle of the lowest two values and the middle of
  // the highest two: the table keeps exactly the trials inside.
  std::vector<double> values;
  for (const SweepTrial& trial : index.trials) values.push_back(*trial.validation);
  std::sort(values.begin(), values.end());
  const double low = (values[0] + values[1]) / 2, high = (values[2] + values[3]) / 2;
  std::set<int> inside;
  for (const SweepTrial& trial : index.trials)
    if (*trial.validation >= low && *trial.validation <= high) inside.insert(trial.id);
  QVERIFY(!inside.empty() && inside.size() < 4);
  const int metricAxis = chart.axisCount() - 1;
  const QPoint from = chart.pointOf(metricAxis, high).toPoint(),
               to = chart.pointOf(metricAxis, low).toPoint();
  QVERIFY2(to.y() - from.y() > 8, "the chart is too small to brush");
  QTest::mousePress(&chart, Qt::LeftButton, {}, from);
  QTest::mouseMove(&chart, to);
  QTest::mouseRelease(&chart, Qt::LeftButton, {}, to);
  QVERIFY(chart.hasBrush());
  QCOMPARE(visibleTrials(table), inside);
  // A click on the axis without dragging clears its brush.
  QTest::mouseClick(&chart, Qt::LeftButton, {}, chart.pointOf(metricAxis, values[0]).toPoint());
  QVERIFY(!chart.hasBrush());
  QCOMPARE(visibleTrials(table).size(), std::size_t{4});

  // The selected trial opens as a run: listed and selected in the run table.
  QPushButton* openTrial = buttonNamed(panel, QStringLiteral("Open trial as run"));
  QVERIFY(openTrial != nullptr);
  QVERIFY(!openTrial->isEnabled());
  table.selectRow(0);
  const int opened = table.item(0, 0)->data(Qt::DisplayRole).toInt();
  QVERIFY(openTrial->isEnabled());
  QTest::mouseClick(openTrial, Qt::LeftButton);
  const fs::path trialRun = panel.sweepFolder() / index.trials[static_cast<std::size_t>(opened - 1)].run;
  // Listed (off the GUI thread) and selected; the sweep folder itself is no run.
  QTRY_COMPARE_WITH_TIMEOUT(window.runsPanel()->runCount(), 1, 30000);
  QTRY_COMPARE_WITH_TIMEOUT(window.runsPanel()->selectedRuns(), std::vector<fs::path>{trialRun}, 30000);
}

void SweepPanelTest::cancelledSweepOpensAgainAndResumes() {
  QTemporaryDir runs;
  QVERIFY(runs.isValid());
  fs::path folder;
  {
    MainWindow window({runs.path().toStdString(), test::smallSynthetic(), {}});
    prepareEase(window);
    SweepsPanel& panel = *window.sweepsPanel();
    QVERIFY(panel.sweepValues(QStringLiteral("lambda"), QStringLiteral("10,20,40,80,160,320,640,1280")));
    QVERIFY(panel.start());
    panel.cancel();  // before the first trial has ended
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), kSweepTimeoutMs);
    folder = panel.sweepFolder();
  }
  const SweepIndex cancelled = readSweepIndex(folder);
  QCOMPARE(cancelled.trials.size(), std::size_t{8});
  QVERIFY(std::any_of(cancelled.trials.begin(), cancelled.trials.end(),
                      [](const SweepTrial& trial) { return trial.state == TrialState::Pending; }));

  // Another window opens the folder as it was left and resumes it to the end.
  MainWindow window({runs.path().toStdString(), test::smallSynthetic(), {}});
  prepareEase(window);
  SweepsPanel& panel = *window.sweepsPanel();
  QVERIFY(panel.openSweep(folder));
  compareWithIndex(*panel.trialTable(), cancelled);
  QVERIFY(panel.resume());
  QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), kSweepTimeoutMs);
  const SweepIndex finished = readSweepIndex(folder);
  for (const SweepTrial& trial : finished.trials) QCOMPARE(trial.state, TrialState::Finished);
  compareWithIndex(*panel.trialTable(), finished);
  QCOMPARE(panel.chart()->lineCount(), 8);
}

void SweepPanelTest::randomSweepDrawsOnALogAxis() {
  QTemporaryDir runs;
  QVERIFY(runs.isValid());
  MainWindow window({runs.path().toStdString(), test::smallSynthetic(), {}});
  prepareEase(window);
  SweepsPanel& panel = *window.sweepsPanel();
  // A grid sweep refuses a range: nothing starts and the reason is shown.
  QVERIFY(panel.sweepRange(QStringLiteral("lambda"), 10, 10000, true));
  QVERIFY(!panel.start());
  QVERIFY(panel.sweepFolder().empty());
  QVERIFY(window.messageBar()->isVisible());

  panel.setScheduler(SweepScheduler::Random);
  panel.setTrials(3);
  QVERIFY(panel.start());
  // Trials train in processes of their own: the window may start a run meanwhile.
  QVERIFY(window.action(MainWindow::Command::Run)->isEnabled());
  QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), kSweepTimeoutMs);
  const SweepIndex index = readSweepIndex(panel.sweepFolder());
  QCOMPARE(index.trials.size(), std::size_t{3});
  compareWithIndex(*panel.trialTable(), index);
  QCOMPARE(panel.chart()->lineCount(), 3);
  QVERIFY(panel.chart()->axis(0).logScale);
  QVERIFY(!panel.chart()->axis(1).logScale);  // the metric

  // The metric against lambda: one panel, lambda spaced by its logarithm, a higher metric
  // drawn higher.
  MetricSlices& slices = *panel.slices();
  QCOMPARE(slices.panelCount(), 1);
  panel.findChild<QTabWidget*>()->setCurrentWidget(&slices);
  QVERIFY2(slices.height() > 100, qPrintable(QString::number(slices.height())));
  std::vector<std::pair<double, double>> trials;  // lambda, validation
  for (const SweepTrial& trial : index.trials) {
    const auto lambda = std::find_if(trial.params.begin(), trial.params.end(),
                                     [](const auto& param) { return param.first == "lambda"; });
    QVERIFY(lambda != trial.params.end());
    trials.emplace_back(std::stod(lambda->second), *trial.validation);
  }
  std::sort(trials.begin(), trials.end());
  const auto x = [&](double lambda) { return slices.pointOf(0, lambda, trials[0].second).x(); };
  const double l0 = trials[0].first, l1 = trials[1].first, l2 = trials[2].first;
  QVERIFY(x(l0) < x(l1) && x(l1) < x(l2));
  QVERIFY(std::abs((x(l1) - x(l0)) / (x(l2) - x(l0)) -
                   (std::log(l1) - std::log(l0)) / (std::log(l2) - std::log(l0))) < 1e-9);
  const auto [worst, best] = std::minmax_element(trials.begin(), trials.end(), [](const auto& a, const auto& b) {
    return a.second < b.second;
  });
  QVERIFY2(best->second > worst->second, "the trials tie: nothing to order");
  QVERIFY(slices.pointOf(0, best->first, best->second).y() < slices.pointOf(0, worst->first, worst->second).y());
}

// A sweep's trials train in vaecf processes of their own, two at once here: the window's
// run, paused when the sweep starts, goes on and ends beside it.
void SweepPanelTest::sweepTrainsBesideTheWindowsRun() {
  QTemporaryDir runs;
  QVERIFY(runs.isValid());
  MainWindow window({runs.path().toStdString(), test::smallSynthetic(), {}});
  window.resize(1400, 1000);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  QTRY_VERIFY_WITH_TIMEOUT(window.session().data() != nullptr, kLoadTimeoutMs);
  window.modelPanel()->edit(QStringLiteral("epochs"), QStringLiteral("2"));
  window.action(MainWindow::Command::StepEpoch)->trigger();
  QTRY_VERIFY_WITH_TIMEOUT(window.session().status().state == TrainerState::Paused, kLoadTimeoutMs);
  SweepsPanel& panel = *window.sweepsPanel();
  QVERIFY(panel.sweepValues(QStringLiteral("lr"), QStringLiteral("0.001,0.01")));
  panel.setWorkers(2);
  QSignalSpy problems(&panel, &SweepsPanel::problem);
  QVERIFY2(panel.start(), problems.isEmpty() ? "" : qPrintable(problems.front().front().toString()));
  QVERIFY(window.action(MainWindow::Command::Run)->isEnabled());
  window.action(MainWindow::Command::Run)->trigger();
  QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), kSweepTimeoutMs);
  QTRY_VERIFY_WITH_TIMEOUT(window.session().status().state == TrainerState::Finished, kSweepTimeoutMs);
  const SweepIndex index = readSweepIndex(panel.sweepFolder());
  QCOMPARE(index.trials.size(), std::size_t{2});
  for (const SweepTrial& trial : index.trials) QVERIFY2(trial.state == TrialState::Finished, trial.error.c_str());
  // Each trial trained on its worker's share of the window's threads and says so.
  const std::string share = std::to_string(threadsEach(computeThreads(), 2));
  for (const SweepTrial& trial : index.trials) {
    const RunConfig config = readRunConfig(panel.sweepFolder() / trial.run);
    const auto threads = std::find_if(config.params.begin(), config.params.end(),
                                      [](const auto& param) { return param.first == "threads"; });
    QVERIFY(threads != config.params.end());
    QCOMPARE(threads->second, share);
  }
}

// The winner, chosen on validation, is trained again with each further seed and tested;
// the panel reports the mean and spread, as `vaecf sweep --seeds` does.
void SweepPanelTest::winnerIsRepeatedOverTheChosenSeeds() {
  QTemporaryDir runs;
  QVERIFY(runs.isValid());
  MainWindow window({runs.path().toStdString(), test::smallSynthetic(), {}});
  prepareEase(window);
  SweepsPanel& panel = *window.sweepsPanel();
  const QList<QSpinBox*> boxes = panel.findChildren<QSpinBox*>();
  const auto seedBox = std::find_if(boxes.begin(), boxes.end(), [](const QSpinBox* box) {
    return box->prefix() == QStringLiteral("seeds ");
  });
  QVERIFY(seedBox != boxes.end());
  QVERIFY(!(*seedBox)->isEnabled());  // EASE has no training seed

  ModelPanel& form = *window.modelPanel();
  form.choose(QStringLiteral("multdae"));
  for (const auto& [name, value] : {std::pair{"epochs", "2"}, {"hidden_dim", "32"}, {"batch_size", "100"},
                                    {"threads", "1"}})
    form.edit(QString::fromLatin1(name), QString::fromLatin1(value));
  QVERIFY((*seedBox)->isEnabled());
  QVERIFY(panel.sweepValues(QStringLiteral("lr"), QStringLiteral("0.001,0.003")));
  panel.setSeeds(2);
  QSignalSpy problems(&panel, &SweepsPanel::problem);
  QVERIFY2(panel.start(), problems.isEmpty() ? "" : qPrintable(problems.front().front().toString()));
  QTRY_VERIFY_WITH_TIMEOUT(!panel.isRunning(), kSweepTimeoutMs);
  QCOMPARE(readSweepDefinition(panel.sweepFolder()).seeds, 2);
  QVERIFY2(panel.statusText().contains(QStringLiteral("Over its 2 training seeds its test ndcg@100 is")),
           qPrintable(panel.statusText()));
}

}  // namespace vaecf::ui
