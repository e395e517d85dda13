#include "WorkbenchTest.h"

#include <QAction>
#include <QColorDialog>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineSeries>
#include <QMenu>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <thread>

#include <sched.h>
#include <unistd.h>


#include "../ProcessTree.h"
#include "SyntheticRequest.h"
#include "panels/CohortPanel.h"
#include "panels/DataPanel.h"
#include "panels/LossPanel.h"
#include "panels/MessageBar.h"
#include "panels/ModelPanel.h"
#include "panels/RecommendationPanel.h"
#include "panels/RunsPanel.h"
#include "charts/ChartView.h"
#include "common/Error.h"
#include "experiment/Experiment.h"
#include "experiment/Recommendations.h"
#include "experiment/RunComparison.h"
#include "geometry/DriftPanel.h"
#include "geometry/FocusPanel.h"
#include "geometry/LatentPanel.h"
#include "geometry/LatentWorkspace.h"
#include "geometry/PseudoInputPanel.h"
#include "help/Glossary.h"
#include "runs/ComparisonDialog.h"
#include "runs/RunStore.h"
#include "session/SessionFile.h"
#include "session/TrainingSession.h"
#include "plugin/ModelCatalog.h"
#include "train/EventLog.h"
#include "train/RunFolder.h"
#include "train/Training.h"
#include "window/MainWindow.h"

namespace vaecf::ui {

namespace {

using test::smallSynthetic;
namespace fs = std::filesystem;

// The run table reads its folder off the GUI thread: these wait until it has.
void waitForRuns(RunsPanel& panel) { QTRY_VERIFY_WITH_TIMEOUT(!panel.isRefreshing(), 30000); }

void refreshRuns(RunsPanel& panel) {
  panel.refresh();
  waitForRuns(panel);
}

int columnNamed(const QTreeWidget& table, const QString& header) {
  for (int column = 0; column < table.columnCount(); ++column)
    if (table.headerItem()->text(column) == header) return column;
  return -1;
}

// A run's row, under a group row or not.
QTreeWidgetItem* rowNamed(QTreeWidget& table, const QString& run) {
  for (QTreeWidgetItemIterator it(&table); *it != nullptr; ++it)
    if ((*it)->text(0) == run) return *it;
  return nullptr;
}

// A fitted EASE run "ease-<lambda>" in `runs` for each lambda: finished runs in a second.
void fitEaseRuns(const fs::path& runs, const SessionData& data, const std::vector<std::string>& lambdas) {
  for (const std::string& lambda : lambdas) {
    ParamSet params(runParamSpecs(findModel("ease")));
    params.set("lambda", lambda);
    runExperiment("ease", params, data.recordedSource, LoadedData{*data.split, std::nullopt, {}}, {},
                  runs / ("ease-" + lambda));
  }
}

constexpr int kLoadTimeoutMs = 120000;
constexpr int kTrainTimeoutMs = 180000;

void trigger(MainWindow& window, MainWindow::Command command) {
  QAction* action = window.action(command);
  QVERIFY2(action->isEnabled(), qPrintable(action->text()));
  action->trigger();
}

// A rated dataset that trains in seconds: 200 users each rate 30 of 150 items with 3 to 5
// stars (two in three are positives, above 3.5), optionally one rating a minute.
// Steps one epoch from the toolbar and waits for the run to pause after epoch `expected`;
// callers check QTest::currentTestFailed().
void stepEpochAndWait(MainWindow& window, std::int64_t expected) {
  trigger(window, MainWindow::Command::StepEpoch);
  const TrainingSession& session = window.session();
  QTRY_VERIFY_WITH_TIMEOUT(
      session.liveRun()->epochsCompleted() == expected && session.liveRun()->state() == TrainerState::Paused,
      kTrainTimeoutMs);
}

DataRequest ratedDataset(const QString& file, bool withTimes) {
  {
    std::ofstream out(file.toStdString());
    out << (withTimes ? "user,item,rating,time\n" : "user,item,rating\n");
    std::mt19937 draws(7);
    std::int64_t time = 1500000000;
    std::vector<int> items(150);
    for (int user = 1; user <= 200; ++user) {
      std::iota(items.begin(), items.end(), 1);
      for (std::size_t k = 0; k < 30; ++k) {
        std::swap(items[k], items[k + draws() % (items.size() - k)]);
        out << user << ',' << items[k] << ',' << 3 + draws() % 3;
        if (withTimes) out << ',' << (time += 60);
        out << '\n';
      }
    }
  }
  DataRequest request;
  ImportOptions raw;
  raw.format = "delimited";
  raw.path = file.toStdString();
  if (withTimes) raw.options["timestamp_column"] = "3";
  request.source.raw = raw;
  request.source.protocol.heldoutUsers = 20;
  return request;
}

}  // namespace

std::unique_ptr<MainWindow> WorkbenchTest::loadedWindow(const QString& runsFolder, const DataRequest& request) {
  auto window = std::make_unique<MainWindow>(WorkbenchConfig{runsFolder.toStdString(), request, {}});
  window->resize(1400, 900);
  window->show();
  if (!QTest::qWaitForWindowExposed(window.get())) return nullptr;
  if (!QTest::qWaitFor([&] { return window->session().data() != nullptr; }, kLoadTimeoutMs)) return nullptr;
  return window;
}

std::unique_ptr<MainWindow> WorkbenchTest::syntheticWindow(int epochs) {
  auto window = std::make_unique<MainWindow>(WorkbenchConfig{runs_.path().toStdString(), smallSynthetic(), {}});
  window->resize(1400, 900);
  window->show();
  if (!QTest::qWaitForWindowExposed(window.get())) return nullptr;
  if (!QTest::qWaitFor([&] { return window->session().data() != nullptr; }, kLoadTimeoutMs)) return nullptr;
  // Through the generated form, as a user would.
  ModelPanel& form = *window->modelPanel();
  form.edit(QStringLiteral("epochs"), QString::number(epochs));
  form.edit(QStringLiteral("hidden_dim"), QStringLiteral("64"));
  form.edit(QStringLiteral("latent_dim"), QStringLiteral("16"));
  form.edit(QStringLiteral("batch_size"), QStringLiteral("40"));
  form.edit(QStringLiteral("threads"), QStringLiteral("1"));
  form.edit(QStringLiteral("device"), QStringLiteral("cpu"));
  if (window->session().params().integer("epochs") != epochs) return nullptr;
  return window;
}

void WorkbenchTest::windowOpensOnBundledData() {
  QVERIFY(runs_.isValid());
  MainWindow window({runs_.path().toStdString(), bundledDataRequest(), {}});
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  QTRY_VERIFY_WITH_TIMEOUT(window.session().data() != nullptr, kLoadTimeoutMs);
  const SessionData& data = *window.session().data();
  // ml-latest-small: 610 users rate movies; 10% each are held out for validation and test.
  QVERIFY(data.split->trainUserIds.size() > 400);
  QCOMPARE(data.split->validationUserIds.size(), data.split->testUserIds.size());
  QVERIFY(data.split->items() > 1000);
  QVERIFY(!data.catalog.empty());
  QVERIFY(window.dataPanel()->statistics().contains(QStringLiteral("ml-latest")));
  QVERIFY(!window.messageBar()->isVisible());
  QVERIFY(window.action(MainWindow::Command::Run)->isEnabled());
  QCOMPARE(window.session().model().name, std::string("multvae"));
  // Every panel, the latent space's included, fits a 1366x768 screen.
  QVERIFY2(window.minimumSizeHint().width() <= 1366, qPrintable(QString::number(window.minimumSizeHint().width())));
  QVERIFY2(window.minimumSizeHint().height() <= 768, qPrintable(QString::number(window.minimumSizeHint().height())));

  // Help: F1 opens the first steps; the glossary explains every term the views use, and a
  // view that shows a term carries the explanation as its tooltip.
  QVERIFY(window.helpDialog() == nullptr);
  QTest::keyClick(&window, Qt::Key_F1);
  QVERIFY(window.helpDialog() != nullptr && window.helpDialog()->isVisible());
  QCOMPARE(window.helpDialog()->page(), HelpDialog::Page::FirstSteps);
  QVERIFY(window.helpDialog()->pageText(HelpDialog::Page::FirstSteps).contains(QStringLiteral("Run (F5)")));
  window.showHelp(HelpDialog::Page::Glossary);
  QCOMPARE(window.helpDialog()->page(), HelpDialog::Page::Glossary);
  const QString glossaryText = window.helpDialog()->pageText(HelpDialog::Page::Glossary);
  for (const GlossaryEntry& entry : glossary()) QVERIFY2(glossaryText.contains(entry.name), qPrintable(entry.name));
  const QString transfer = glossaryEntry(Term::Transfer).explanation;
  bool explained = false;
  for (const QWidget* widget : window.latentWorkspace()->focusPanel()->findChildren<QWidget*>())
    explained = explained || widget->toolTip().contains(transfer);
  QVERIFY(explained);
}

// What the window holds when it closes comes back at the next start: data, model and form,
// local workers, the run table's grouping, the centre view and the focus user.
void WorkbenchTest::sessionIsKeptFromOneCloseToTheNextStart() {
  const fs::path kept = fs::path(runs_.path().toStdString()) / "settings" / "last-session.json";
  {
    MainWindow window({runs_.path().toStdString(), smallSynthetic(), kept});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY_WITH_TIMEOUT(window.session().data() != nullptr, kLoadTimeoutMs);
    window.modelPanel()->choose(QStringLiteral("recvae"));
    window.modelPanel()->edit(QStringLiteral("epochs"), QStringLiteral("7"));
    window.showLatentSpace(true);
    window.latentWorkspace()->focusPanel()->setUserText(QStringLiteral("42"));
    window.runsPanel()->setGrouping(RunsPanel::Grouping::Model);
    window.modelPanel()->setWorkers(2);
    QVERIFY(window.close());
  }
  QVERIFY(fs::is_regular_file(kept));

  MainWindow again({runs_.path().toStdString(), std::nullopt, {}});
  QVERIFY(again.loadSession(kept));
  QCOMPARE(again.session().modelName(), std::string("recvae"));
  QCOMPARE(again.session().params().integer("epochs"), 7LL);
  QCOMPARE(again.modelPanel()->value(QStringLiteral("epochs")), QStringLiteral("7"));
  QCOMPARE(again.latentWorkspace()->focusPanel()->userText(), QStringLiteral("42"));
  QCOMPARE(again.runsPanel()->grouping(), RunsPanel::Grouping::Model);
  QCOMPARE(again.modelPanel()->workers(), 2);
  QCOMPARE(again.session().workers(), 2);
  QTRY_VERIFY_WITH_TIMEOUT(again.session().data() != nullptr, kLoadTimeoutMs);
  QVERIFY(again.session().data()->request.synthetic.has_value());
  QCOMPARE(again.session().data()->request.synthetic->users, 400U);
  QCOMPARE(again.currentSession().centreView, std::string("latent"));

  // A damaged kept session is named, and the window goes on without it.
  std::ofstream(kept) << "{\"model\": ";
  MainWindow damaged({runs_.path().toStdString(), std::nullopt, {}});
  QVERIFY(!damaged.loadSession(kept));
  QVERIFY(damaged.messageBar()->text().contains(QString::fromStdString(kept.string())));
}

void WorkbenchTest::runOnSyntheticDataFillsLossAndCohortCharts() {
  auto window = syntheticWindow(3);
  QVERIFY(window);
  QCOMPARE(window->lossPanel()->pointCount(), qsizetype(0));
  trigger(*window, MainWindow::Command::Run);
  QTRY_VERIFY_WITH_TIMEOUT(window->session().liveRun()->state() == TrainerState::Finished, kTrainTimeoutMs);
  QVERIFY(window->lossPanel()->pointCount() > 0);
  QVERIFY(window->lossPanel()->seriesCount() >= 2);  // loss and its terms
  // Three validated epochs for each cohort with users.
  QVERIFY(window->cohortPanel()->linePointCount() >= 3);
  QVERIFY(window->cohortPanel()->barCount() > 0);
  QVERIFY(window->cohortPanel()->barCategories().front().contains(QStringLiteral("users")));
  QVERIFY(window->statusText().contains(QStringLiteral("epoch 3 of 3")));

  // Exports: the chart alone as PNG, and CSV rows keyed by the run's id, not a label.
  const QString png = runs_.filePath(QStringLiteral("cohorts.png"));
  QVERIFY(window->cohortPanel()->exportPng(png));
  const QImage image(png);
  QCOMPARE(image.size() / image.devicePixelRatio(), window->cohortPanel()->lineView()->size());
  QVERIFY(image.size().height() < window->cohortPanel()->height());  // the toolbar is not in it
  const QString csv = runs_.filePath(QStringLiteral("loss.csv"));
  QVERIFY(window->lossPanel()->exportCsv(csv));
  QFile file(csv);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QList<QByteArray> lines = file.readAll().split('\n');
  QVERIFY(lines.size() > 2);
  const QString runId = QString::fromStdString(window->session().runFolder().filename().string());
  QVERIFY(!runId.isEmpty());
  QVERIFY2(lines[1].startsWith((runId + QLatin1Char(',')).toUtf8()), lines[1].constData());
}

void WorkbenchTest::pauseHoldsTheEpochCounter() {
  auto window = syntheticWindow(500);
  QVERIFY(window);
  TrainingSession& session = window->session();
  trigger(*window, MainWindow::Command::Run);
  QTRY_VERIFY_WITH_TIMEOUT(session.liveRun()->epochsCompleted() >= 1, kTrainTimeoutMs);
  trigger(*window, MainWindow::Command::Pause);
  QTRY_VERIFY_WITH_TIMEOUT(session.liveRun()->state() == TrainerState::Paused, 30000);
  const auto epoch = session.status().epoch;
  const auto completed = session.liveRun()->epochsCompleted();
  const auto step = session.liveRun()->step();
  QTest::qWait(1500);
  QCOMPARE(session.status().epoch, epoch);
  QCOMPARE(session.liveRun()->epochsCompleted(), completed);
  QCOMPARE(session.liveRun()->step(), step);
  QCOMPARE(session.liveRun()->state(), TrainerState::Paused);
  QVERIFY(window->statusText().startsWith(QStringLiteral("Paused")));
  trigger(*window, MainWindow::Command::Stop);
  QTRY_VERIFY_WITH_TIMEOUT(session.liveRun()->state() == TrainerState::Stopped, 30000);
}

void WorkbenchTest::stepEpochAdvancesExactlyOneEpoch() {
  auto window = syntheticWindow(50);
  QVERIFY(window);
  TrainingSession& session = window->session();
  for (std::int64_t expected = 1; expected <= 2; ++expected) {
    stepEpochAndWait(*window, expected);
    if (QTest::currentTestFailed()) return;
    QTest::qWait(500);
    QCOMPARE(session.liveRun()->epochsCompleted(), expected);
    QCOMPARE(session.liveRun()->epochCurves().at("loss").size(), std::size_t(expected));
  }
  const std::int64_t stepsPerEpoch = session.liveRun()->step() / 2;
  trigger(*window, MainWindow::Command::StepBatch);
  QTRY_VERIFY_WITH_TIMEOUT(session.liveRun()->step() == 2 * stepsPerEpoch + 1, 30000);
  QCOMPARE(session.liveRun()->epochsCompleted(), std::int64_t(2));
  trigger(*window, MainWindow::Command::Stop);
}

void WorkbenchTest::runTableSortsFiltersAndComparesTheSelectedRuns() {
  QTemporaryDir folder;
  QVERIFY(folder.isValid());
  const std::filesystem::path runs(folder.path().toStdString());
  const SessionData data = loadSessionData(smallSynthetic(), runs / "data");
  fitEaseRuns(runs, data, {"10", "300", "3000"});
  RunsPanel panel;
  panel.setFolder(runs);
  waitForRuns(panel);
  QCOMPARE(panel.runCount(), 3);
  auto* table = panel.findChild<QTreeWidget*>();
  const int testNdcg = columnNamed(*table, QStringLiteral("test ndcg@100"));
  const int lambda = columnNamed(*table, QStringLiteral("lambda"));
  QVERIFY(testNdcg > 0 && lambda > 0);
  QVERIFY(table->topLevelItem(0)
              ->text(columnNamed(*table, QStringLiteral("Dataset")))
              .startsWith(QStringLiteral("split folder")));

  // A header click sorts by the number; the test metric is each run's own.
  table->sortItems(testNdcg, Qt::DescendingOrder);
  for (int row = 0; row < 3; ++row) {
    const auto run = runs / ("ease-" + table->topLevelItem(row)->text(lambda).toStdString());
    const double expected = RunStore::summarize(run).testMetric("ndcg@100").value();
    QCOMPARE(table->topLevelItem(row)->text(testNdcg), QString::number(expected, 'f', 4));
    if (row > 0)
      QVERIFY(table->topLevelItem(row)->text(testNdcg).toDouble() <=
              table->topLevelItem(row - 1)->text(testNdcg).toDouble());
  }
  table->sortItems(lambda, Qt::AscendingOrder);  // numerically: 10 < 300 < 3000
  QCOMPARE(table->topLevelItem(0)->text(lambda), QStringLiteral("10"));
  QCOMPARE(table->topLevelItem(2)->text(lambda), QStringLiteral("3000"));

  // Sorting keeps the selection tied to the runs, and only they are compared.
  panel.selectRuns({runs / "ease-10", runs / "ease-3000"});
  QCOMPARE(panel.selectedRuns().size(), std::size_t{2});
  QCOMPARE(panel.differingParameters(), QStringList{QStringLiteral("lambda")});
  QVERIFY(table->topLevelItem(0)->background(lambda) != QBrush());
  QCOMPARE(table->topLevelItem(1)->background(lambda), QBrush());  // ease-300, not selected

  panel.setFilter(QStringLiteral("lambda:300"));
  QCOMPARE(panel.visibleRunCount(), 1);
  panel.setFilter(QStringLiteral("EASE 3000"));
  QCOMPARE(panel.visibleRunCount(), 1);
  panel.setFilter(QStringLiteral("model:multvae"));
  QCOMPARE(panel.visibleRunCount(), 0);
  panel.setFilter(QString());
  QCOMPARE(panel.visibleRunCount(), 3);

  // The window compares the two selected runs user by user, as `vaecf compare` does: the
  // same means, intervals and verdicts, overall and per cohort, computed off the GUI thread.
  MainWindow window({runs, std::nullopt, {}});
  QVERIFY(!window.action(MainWindow::Command::CompareRuns)->isEnabled());
  window.runsPanel()->selectRuns({runs / "ease-10", runs / "ease-3000"});  // once the table has read them
  QTRY_VERIFY_WITH_TIMEOUT(window.action(MainWindow::Command::CompareRuns)->isEnabled(), 30000);
  ComparisonDialog* dialog = window.compareSelectedRuns();
  QVERIFY(dialog != nullptr);
  QTRY_VERIFY_WITH_TIMEOUT(!dialog->isComparing(), kTrainTimeoutMs);
  const std::vector<fs::path> compared = window.runsPanel()->selectedRuns();  // A and B, in the table's order
  const RunComparison expected = compareRuns(compared[0], compared[1], {});
  const QTableWidget* rows = dialog->table();
  int expectedRows = 0;
  for (const MetricComparison& metric : expected.metrics) expectedRows += 1 + static_cast<int>(metric.cohorts.size());
  QCOMPARE(rows->rowCount(), expectedRows);
  const MetricComparison& first = expected.metrics.front();
  QCOMPARE(rows->item(0, 0)->text(), QString::fromStdString(first.metric));
  QCOMPARE(rows->item(0, 2)->text(), QString::number(first.overall.meanA, 'f', 4));
  QCOMPARE(rows->item(0, 3)->text(), QString::number(first.overall.meanB, 'f', 4));
  QCOMPARE(rows->item(0, 5)->text(), QStringLiteral("[%1, %2]")
                                         .arg(QString::number(first.overall.interval.low, 'f', 4),
                                              QString::number(first.overall.interval.high, 'f', 4)));
  const int preferred = preferredRun(first);
  QVERIFY2(rows->item(0, 7)->text().contains(preferred == 0 ? QStringLiteral("no significant")
                                             : preferred == 1 ? QStringLiteral("A (ease)")
                                                              : QStringLiteral("B (ease)")),
           qPrintable(rows->item(0, 7)->text()));
  QVERIFY(dialog->summary().contains(QString::number(expected.testUsers)));
}

// The column chooser hides a column by its action in the header's menu; the session keeps
// it hidden, a session saved before the table kept columns hides none, and "Show all" shows it.
void WorkbenchTest::runTableHidesColumnsAndTheSessionKeepsThem() {
  QTemporaryDir folder;
  QVERIFY(folder.isValid());
  const fs::path runs(folder.path().toStdString());
  fitEaseRuns(runs, loadSessionData(smallSynthetic(), runs / "data"), {"10", "300"});
  const fs::path kept = runs / "session.json";
  auto columnAction = [](RunsPanel& panel, const QString& text) -> QAction* {
    for (QAction* action : panel.findChild<QMenu*>()->actions())
      if (action->text() == text) return action;
    return nullptr;
  };
  {
    MainWindow window({runs, smallSynthetic(), {}});
    QTRY_VERIFY_WITH_TIMEOUT(window.session().data() != nullptr, kLoadTimeoutMs);
    RunsPanel& panel = *window.runsPanel();
    waitForRuns(panel);
    auto* table = panel.findChild<QTreeWidget*>();
    const int lambda = columnNamed(*table, QStringLiteral("lambda"));
    QVERIFY(lambda > 0 && !table->isColumnHidden(lambda));
    QAction* hideLambda = columnAction(panel, QStringLiteral("lambda"));
    QVERIFY(hideLambda != nullptr && hideLambda->isChecked());
    hideLambda->trigger();
    columnAction(panel, QStringLiteral("Dataset"))->trigger();
    QVERIFY(table->isColumnHidden(lambda));
    QVERIFY(table->isColumnHidden(columnNamed(*table, QStringLiteral("Dataset"))));
    QVERIFY(!table->isColumnHidden(columnNamed(*table, QStringLiteral("Model"))));
    QCOMPARE(panel.hiddenColumns(), (QStringList{QStringLiteral("param:lambda"), QStringLiteral("dataset")}));
    // The run's name tells the rows apart: it cannot be hidden.
    QVERIFY(!columnAction(panel, QStringLiteral("Run"))->isEnabled());
    refreshRuns(panel);  // the columns are made anew; the hidden stay hidden
    QVERIFY(table->isColumnHidden(columnNamed(*table, QStringLiteral("lambda"))));
    window.saveSession(kept);
  }

  MainWindow again({runs, std::nullopt, {}});
  QVERIFY(again.loadSession(kept));
  RunsPanel& panel = *again.runsPanel();
  waitForRuns(panel);
  auto* table = panel.findChild<QTreeWidget*>();
  const int lambda = columnNamed(*table, QStringLiteral("lambda"));
  QVERIFY(table->isColumnHidden(lambda));
  QVERIFY(table->isColumnHidden(columnNamed(*table, QStringLiteral("Dataset"))));
  QVERIFY(!columnAction(panel, QStringLiteral("lambda"))->isChecked());
  columnAction(panel, QStringLiteral("Show all"))->trigger();
  for (int column = 0; column < table->columnCount(); ++column) QVERIFY(!table->isColumnHidden(column));
  QVERIFY(columnAction(panel, QStringLiteral("lambda"))->isChecked());
  QVERIFY(panel.hiddenColumns().isEmpty());

  QFile file(QString::fromStdString(kept.string()));
  QVERIFY(file.open(QIODevice::ReadOnly));
  QString text = QString::fromUtf8(file.readAll());
  file.close();
  QVERIFY(text.contains(QStringLiteral("\"hidden_run_columns\"")));
  text.remove(QRegularExpression(QStringLiteral(R"("hidden_run_columns": \[[^\]]*\],)")));
  QVERIFY(!text.contains(QStringLiteral("hidden_run_columns")));
  QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
  file.write(text.toUtf8());
  file.close();
  QVERIFY(loadSessionFile(kept).hiddenRunColumns.empty());
  QTRY_VERIFY_WITH_TIMEOUT(again.session().data() != nullptr, kLoadTimeoutMs);
}

// Grouped by model, each model has a row with its run count and best validation NDCG over
// its runs; selecting, sorting and filtering act on the runs, never on a group row.
void WorkbenchTest::runTableGroupsRunsByModel() {
  QTemporaryDir folder;
  QVERIFY(folder.isValid());
  const fs::path runs(folder.path().toStdString());
  const SessionData data = loadSessionData(smallSynthetic(), runs / "data");
  fitEaseRuns(runs, data, {"10", "3000"});
  ParamSet params(runParamSpecs(findModel("multvae")));
  params.set("epochs", "1");
  params.set("hidden_dim", "16");
  params.set("latent_dim", "4");
  params.set("threads", "1");
  params.set("device", "cpu");
  runExperiment("multvae", params, data.recordedSource, LoadedData{*data.split, std::nullopt, {}}, {},
                runs / "multvae-1");

  MainWindow window({runs, std::nullopt, {}});
  RunsPanel& panel = *window.runsPanel();
  waitForRuns(panel);
  auto* table = panel.findChild<QTreeWidget*>();
  QCOMPARE(table->topLevelItemCount(), 3);
  panel.setGrouping(RunsPanel::Grouping::Model);
  QCOMPARE(table->topLevelItemCount(), 2);
  auto group = [&](const QString& model) -> QTreeWidgetItem* {
    for (int top = 0; top < table->topLevelItemCount(); ++top)
      if (table->topLevelItem(top)->text(0).startsWith(model + QStringLiteral(" (")))
        return table->topLevelItem(top);
    return nullptr;
  };
  auto bestNdcg = [&](std::initializer_list<const char*> names) {
    double best = 0.0;
    for (const char* name : names)
      best = std::max(best, RunStore::summarize(runs / name).bestMetric("ndcg@100").value());
    return QString::number(best, 'f', 4);
  };
  QTreeWidgetItem* ease = group(QStringLiteral("ease"));
  QTreeWidgetItem* multvae = group(QStringLiteral("multvae"));
  QVERIFY(ease != nullptr && multvae != nullptr);
  QCOMPARE(ease->text(0),
           QStringLiteral("ease (2 run(s), best ndcg@100 %1)").arg(bestNdcg({"ease-10", "ease-3000"})));
  QCOMPARE(multvae->text(0),
           QStringLiteral("multvae (1 run(s), best ndcg@100 %1)").arg(bestNdcg({"multvae-1"})));
  QCOMPARE(rowNamed(*table, QStringLiteral("ease-10"))->parent(), ease);
  QCOMPARE(rowNamed(*table, QStringLiteral("ease-3000"))->parent(), ease);
  QCOMPARE(rowNamed(*table, QStringLiteral("multvae-1"))->parent(), multvae);
  QVERIFY(!(ease->flags() & Qt::ItemIsSelectable));

  // Selecting everything selects the runs alone, and the window acts on exactly them.
  table->selectAll();
  std::vector<fs::path> selected = panel.selectedRuns();
  std::sort(selected.begin(), selected.end());
  QCOMPARE(selected, (std::vector<fs::path>{runs / "ease-10", runs / "ease-3000", runs / "multvae-1"}));
  QVERIFY(!window.action(MainWindow::Command::CompareRuns)->isEnabled());
  panel.selectRuns({runs / "ease-3000", runs / "multvae-1"});
  QCOMPARE(panel.selectedRuns().size(), std::size_t{2});
  QVERIFY(window.action(MainWindow::Command::CompareRuns)->isEnabled());

  // A header click sorts the runs within their group.
  table->sortItems(columnNamed(*table, QStringLiteral("lambda")), Qt::DescendingOrder);
  QCOMPARE(ease->child(0)->text(0), QStringLiteral("ease-3000"));
  QCOMPARE(ease->child(1)->text(0), QStringLiteral("ease-10"));
  QCOMPARE(table->topLevelItemCount(), 2);

  // A closed group stays closed when the table reads the folder again.
  ease->setExpanded(false);
  refreshRuns(panel);
  ease = group(QStringLiteral("ease"));
  multvae = group(QStringLiteral("multvae"));
  QVERIFY(!ease->isExpanded() && multvae->isExpanded());
  QCOMPARE(panel.selectedRuns().size(), std::size_t{2});

  // The filter hides the runs that do not match and the groups left empty; a group counts the runs it shows.
  panel.setFilter(QStringLiteral("lambda:10"));
  QCOMPARE(panel.visibleRunCount(), 1);
  QVERIFY(rowNamed(*table, QStringLiteral("ease-3000"))->isHidden());
  QVERIFY(!rowNamed(*table, QStringLiteral("ease-10"))->isHidden());
  QVERIFY(multvae->isHidden() && !ease->isHidden());
  QCOMPARE(ease->text(0), QStringLiteral("ease (1 run(s), best ndcg@100 %1)").arg(bestNdcg({"ease-10"})));
  panel.setFilter(QString());
  QVERIFY(!multvae->isHidden());
  QCOMPARE(panel.visibleRunCount(), 3);

  // One dataset: one group of every run; ungrouped, the runs are the rows again, still selected.
  panel.setGrouping(RunsPanel::Grouping::Dataset);
  QCOMPARE(table->topLevelItemCount(), 1);
  QCOMPARE(table->topLevelItem(0)->childCount(), 3);
  panel.setGrouping(RunsPanel::Grouping::None);
  QCOMPARE(table->topLevelItemCount(), 3);
  QCOMPARE(panel.selectedRuns().size(), std::size_t{2});
}

void WorkbenchTest::liveParameterIsAppliedToTheRunningModel() {
  auto window = syntheticWindow(500);
  QVERIFY(window);
  TrainingSession& session = window->session();
  trigger(*window, MainWindow::Command::Run);
  QTRY_VERIFY_WITH_TIMEOUT(session.liveRun()->epochsCompleted() >= 1, kTrainTimeoutMs);
  window->modelPanel()->edit(QStringLiteral("dropout"), QStringLiteral("0.25"));
  QVERIFY(window->modelPanel()->feedback().contains(QStringLiteral("running model")));
  window->modelPanel()->edit(QStringLiteral("hidden_dim"), QStringLiteral("32"));
  QVERIFY(window->modelPanel()->feedback().contains(QStringLiteral("new run")));
  // The trainer confirms the change in its event log at its next batch boundary. (A Stop
  // sent at once may cancel a validation or latent frame before that boundary is reached.)
  auto confirmed = [&] {
    try {
      for (const auto& event : readRunEvents(session.runFolder()))
        if (const auto* change = std::get_if<ParameterChange>(&event.payload))
          if (change->name == "dropout" && change->value == "0.25") return true;
    } catch (const Error&) {
      // A line is being appended; read again.
    }
    return false;
  };
  QTRY_VERIFY_WITH_TIMEOUT(confirmed(), 30000);
  // While it trains, its row in the run table follows the live epoch and time.
  auto* table = window->runsPanel()->findChild<QTreeWidget*>();
  const QTreeWidgetItem* live =
      rowNamed(*table, QString::fromStdString(session.runFolder().filename().string()));
  QVERIFY(live != nullptr);
  QTRY_VERIFY(live->text(columnNamed(*table, QStringLiteral("Epochs"))).toInt() >= 2);
  QCOMPARE(live->text(columnNamed(*table, QStringLiteral("State"))), QStringLiteral("running"));
  QTRY_VERIFY(live->text(columnNamed(*table, QStringLiteral("Seconds"))).toDouble() > 0.0);
  trigger(*window, MainWindow::Command::Stop);
  QTRY_VERIFY_WITH_TIMEOUT(session.liveRun()->state() == TrainerState::Stopped, 30000);

  // The run table shows the change where the run's record has it.
  refreshRuns(*window->runsPanel());
  const RunSummary summary = RunStore::summarize(session.runFolder());
  QCOMPARE(summary.finalParam("dropout"), std::string("0.25"));
  const int dropout = columnNamed(*table, QStringLiteral("dropout"));
  const QTreeWidgetItem* run = table->topLevelItem(0);
  QCOMPARE(run->text(dropout), QStringLiteral("0.5 → 0.25"));
  QVERIFY2(run->toolTip(dropout).startsWith(QStringLiteral("dropout = 0.25 from step")),
           qPrintable(run->toolTip(dropout)));
}

// A change made while a run trains belongs to that run: once it ends, the form is back at
// the value the run started with. Stepping after the end says it starts a new run.
void WorkbenchTest::liveChangeEndsWithItsRunAndAStepSaysItStartsANewOne() {
  auto window = syntheticWindow(4);
  QVERIFY(window);
  TrainingSession& session = window->session();
  const QString declared = window->modelPanel()->value(QStringLiteral("dropout"));
  QVERIFY(declared != QStringLiteral("0.25"));
  // The form marks where the window's values part from the declared defaults vaecf train uses.
  const auto label = [&](const QString& text) {
    for (QLabel* found : window->modelPanel()->findChildren<QLabel*>())
      if (found->text() == text) return found;
    return static_cast<QLabel*>(nullptr);
  };
  QVERIFY(label(QStringLiteral("epochs")) && label(QStringLiteral("● dropout")));
  QVERIFY(label(QStringLiteral("epochs"))->font().italic());
  const std::string epochsDefault = session.params().spec("epochs").defaultValue;
  QVERIFY2(label(QStringLiteral("epochs"))->toolTip().startsWith(
               QStringLiteral("4 here; the declared default, which vaecf train uses, is %1.").arg(QString::fromStdString(epochsDefault))),
           qPrintable(label(QStringLiteral("epochs"))->toolTip()));
  window->modelPanel()->edit(QStringLiteral("epochs"), QString::fromStdString(epochsDefault));
  QVERIFY(!label(QStringLiteral("epochs"))->font().italic());
  window->modelPanel()->edit(QStringLiteral("epochs"), QStringLiteral("4"));
  stepEpochAndWait(*window, 1);  // paused, so the change lands before the run can end
  QVERIFY(!QTest::currentTestFailed());
  window->modelPanel()->edit(QStringLiteral("dropout"), QStringLiteral("0.25"));
  QCOMPARE(QString::fromStdString(session.params().text("dropout")), QStringLiteral("0.25"));
  trigger(*window, MainWindow::Command::Run);
  QTRY_VERIFY_WITH_TIMEOUT(session.liveRun()->state() == TrainerState::Finished, kTrainTimeoutMs);
  const fs::path ended = session.runFolder();

  QCOMPARE(QString::fromStdString(session.params().text("dropout")), declared);
  QTRY_COMPARE(window->modelPanel()->value(QStringLiteral("dropout")), declared);
  QVERIFY2(window->modelPanel()->feedback().contains(QStringLiteral("dropout = ") + declared),
           qPrintable(window->modelPanel()->feedback()));
  QCOMPARE(RunStore::summarize(ended).finalParam("dropout"), std::string("0.25"));  // the run keeps it

  QVERIFY(window->action(MainWindow::Command::StepEpoch)->toolTip().startsWith(QStringLiteral("Start a new run")));
  stepEpochAndWait(*window, 1);
  QVERIFY(!QTest::currentTestFailed());
  QVERIFY(session.runFolder() != ended);
  QVERIFY2(window->messageBar()->text().contains(QStringLiteral("Step epoch starts a new run")),
           qPrintable(window->messageBar()->text()));
  const RunConfig next = readRunConfig(session.runFolder());
  const auto dropout = std::find_if(next.params.begin(), next.params.end(), [](const auto& p) { return p.first == "dropout"; });
  QVERIFY(dropout != next.params.end());
  QCOMPARE(QString::fromStdString(dropout->second), declared);
  QVERIFY(window->action(MainWindow::Command::StepEpoch)->toolTip().startsWith(QStringLiteral("Train to the end")));
  trigger(*window, MainWindow::Command::Stop);
  QTRY_VERIFY_WITH_TIMEOUT(session.liveRun()->state() == TrainerState::Stopped, 30000);
}

// Two saved runs selected in the run table: each has its overall validation curve, as its
// events.jsonl recorded it, in one colour of its own on the loss and validation charts and
// in its swatch; a colour chosen from the table's context menu is drawn and kept in the session.
void WorkbenchTest::runColoursMatchAcrossChartsAndSurviveTheSession() {
  auto window = syntheticWindow(2);
  QVERIFY(window);
  TrainingSession& session = window->session();
  std::vector<fs::path> folders;
  for (const std::uint64_t seed : {3, 4}) {
    session.reset(seed);
    trigger(*window, MainWindow::Command::Run);
    QTRY_VERIFY_WITH_TIMEOUT(session.liveRun()->state() == TrainerState::Finished, kTrainTimeoutMs);
    folders.push_back(session.runFolder());
  }
  session.reset(5);  // the live run is empty: the charts draw the two saved runs
  RunsPanel& runs = *window->runsPanel();
  refreshRuns(runs);
  runs.selectRuns(folders);
  std::vector<QColor> colours;
  for (const fs::path& folder : folders) {
    const QString id = QString::fromStdString(folder.filename().string());
    // Read off the GUI thread, then drawn.
    QTRY_VERIFY2_WITH_TIMEOUT(window->cohortPanel()->overallLine(id) != nullptr, qPrintable(id), 10000);
    const QLineSeries* overall = window->cohortPanel()->overallLine(id);
    const auto recorded = RunStore::loadHistory(folder);
    const auto& validations = recorded->validations();
    QCOMPARE(validations.size(), std::size_t(2));
    QCOMPARE(overall->count(), 2);
    for (int i = 0; i < 2; ++i) {
      QCOMPARE(overall->at(i).x(), double(validations[i].epoch));
      QCOMPARE(overall->at(i).y(), validations[i].report.metrics.at("ndcg@100").mean);
    }
    const QColor colour = overall->pen().color();
    QVERIFY(!window->lossPanel()->seriesOf(id).isEmpty());
    for (const QLineSeries* series : window->lossPanel()->seriesOf(id))
      QCOMPARE(series->pen().color(), colour);
    QCOMPARE(runs.runColour(folder), colour);
    colours.push_back(colour);
  }
  QVERIFY(colours[0] != colours[1]);

  // Colour… on the first run's row, answered in the colour dialog.
  auto* table = runs.findChild<QTreeWidget*>();
  QTreeWidgetItem* row = rowNamed(*table, QString::fromStdString(folders[0].filename().string()));
  QVERIFY(row != nullptr);
  table->setCurrentItem(row, 0, QItemSelectionModel::NoUpdate);
  const QList<QAction*> actions = table->actions();
  const auto colourAction = std::find_if(actions.begin(), actions.end(), [](const QAction* action) {
    return action->text() == QStringLiteral("Colour…");
  });
  QVERIFY(colourAction != actions.end());
  const QColor chosen(0x123456);
  QTimer answer;
  connect(&answer, &QTimer::timeout, window.get(), [&] {
    auto* dialog = window->findChild<QColorDialog*>();
    if (dialog == nullptr || !dialog->isVisible()) return;
    answer.stop();
    QCOMPARE(dialog->currentColor(), colours[0]);
    dialog->setCurrentColor(chosen);
    dialog->accept();
  });
  answer.start(50);
  (*colourAction)->trigger();
  const QString first = QString::fromStdString(folders[0].filename().string());
  QCOMPARE(window->cohortPanel()->overallLine(first)->pen().color(), chosen);
  for (const QLineSeries* series : window->lossPanel()->seriesOf(first))
    QCOMPARE(series->pen().color(), chosen);
  QCOMPARE(runs.runColour(folders[0]), chosen);

  // Saved and opened in another window, the chosen colour comes back.
  const fs::path file = fs::path(runs_.path().toStdString()) / "colours-session.json";
  window->saveSession(file);
  MainWindow again({runs_.path().toStdString(), std::nullopt, {}});
  again.resize(1400, 900);
  again.show();
  QVERIFY(QTest::qWaitForWindowExposed(&again));
  QVERIFY(again.loadSession(file));
  std::vector<fs::path> reselected = again.runsPanel()->selectedRuns();
  std::sort(reselected.begin(), reselected.end());
  std::sort(folders.begin(), folders.end());
  QCOMPARE(reselected, folders);
  QTRY_VERIFY_WITH_TIMEOUT(again.cohortPanel()->overallLine(first) != nullptr, 10000);  // read off the GUI thread
  QCOMPARE(again.cohortPanel()->overallLine(first)->pen().color(), chosen);
  QCOMPARE(again.runsPanel()->runColour(folders[0]), chosen);
  QTRY_VERIFY_WITH_TIMEOUT(again.session().data() != nullptr, kLoadTimeoutMs);
}

void WorkbenchTest::savedRunReopensWithTheSameCurves() {
  auto window = syntheticWindow(4);
  QVERIFY(window);
  TrainingSession& session = window->session();
  trigger(*window, MainWindow::Command::Run);
  QTRY_VERIFY_WITH_TIMEOUT(session.liveRun()->state() == TrainerState::Finished, kTrainTimeoutMs);
  const RunHistory& live = *session.liveRun();
  const auto reopened = RunStore::loadHistory(session.runFolder());

  QCOMPARE(reopened->epochCurves().size(), live.epochCurves().size());
  for (const auto& [name, points] : live.epochCurves()) {
    const auto& other = reopened->epochCurves().at(name);
    QCOMPARE(other.size(), points.size());
    for (std::size_t i = 0; i < points.size(); ++i) QCOMPARE(other[i].value, points[i].value);
  }
  QCOMPARE(reopened->batchCurves().at("loss").size(), live.batchCurves().at("loss").size());
  QCOMPARE(reopened->validations().size(), live.validations().size());
  for (std::size_t i = 0; i < live.validations().size(); ++i) {
    const auto& a = live.validations()[i].report;
    const auto& b = reopened->validations()[i].report;
    QCOMPARE(b.metrics.at("ndcg@100").mean, a.metrics.at("ndcg@100").mean);
    QCOMPARE(b.cohorts.size(), a.cohorts.size());
  }

  // In the run table, and overlaid on the charts when selected next to a later run.
  RunsPanel& runs = *window->runsPanel();
  refreshRuns(runs);
  QVERIFY(runs.runCount() >= 1);
  const std::filesystem::path first = session.runFolder();
  window->session().reset(11);
  runs.selectRuns({first});
  // After the reset the live run is empty: every point drawn is the reopened run's.
  QVERIFY(window->session().liveRun()->batchCurves().empty());
  QTRY_VERIFY_WITH_TIMEOUT(window->lossPanel()->pointCount() > 0, 10000);
  QVERIFY(window->cohortPanel()->linePointCount() >= 4);

  // The current model recommends for a validation user, never an item from their history.
  window->recommendationPanel()->setRunFolder(first);
  const QString user = QString::fromStdString(window->session().data()->split->validationUserIds.front());
  QVERIFY(window->recommendationPanel()->recommend(user));
  QTRY_COMPARE_WITH_TIMEOUT(window->recommendationPanel()->recommendedItems().size(), 10, 30000);
  QVERIFY(window->recommendationPanel()->historySize() > 0);

  // The same list and scores as `vaecf recommend`, which loads the run's data afresh.
  LoadedData data = loadData(readRunConfig(first).data);
  const RunRecommendations cli = recommendFromRun(first, std::make_shared<const Split>(std::move(data.split)),
                                                  data.log ? &*data.log : nullptr, {user.toStdString()}, 10);
  const auto& shown = window->recommendationPanel()->recommendations();
  QCOMPARE(shown.size(), cli.users.front().items.size());
  for (std::size_t rank = 0; rank < shown.size(); ++rank) {
    QCOMPARE(shown[rank].itemId, cli.users.front().items[rank].itemId);
    QVERIFY(std::abs(shown[rank].score - cli.users.front().items[rank].score) <= 1e-5);
  }
}

namespace {

// Every file and folder under `folder`, as paths relative to it.
std::set<std::string> filesUnder(const std::filesystem::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder))
    names.insert(std::filesystem::relative(entry.path(), folder).string());
  return names;
}

}  // namespace

void WorkbenchTest::windowRunHasTheFilesAndMetricsOfACliRun() {
  auto window = syntheticWindow(3);
  QVERIFY(window);
  TrainingSession& session = window->session();
  QSignalSpy completed(&session, &TrainingSession::runCompleted);
  trigger(*window, MainWindow::Command::Run);
  QTRY_VERIFY_WITH_TIMEOUT(session.liveRun()->state() == TrainerState::Finished, kTrainTimeoutMs);
  QTRY_COMPARE_WITH_TIMEOUT(completed.count(), 1, 30000);
  const std::filesystem::path windowRun = session.runFolder();
  QCOMPARE(completed.front().front().toString().toStdString(), windowRun.string());

  // metrics.json holds what the run's events say, as `vaecf train` writes it.
  const ExperimentResult metrics = readRunMetrics(windowRun);
  const TrainingResult events = summarizeRun(readRunEvents(windowRun));
  QCOMPARE(metrics.model, session.model().name);
  QCOMPARE(metrics.test.metrics.at("ndcg@100").mean, events.test->metrics.at("ndcg@100").mean);
  QCOMPARE(metrics.validation.metrics.at("ndcg@100").mean, events.validation->metrics.at("ndcg@100").mean);
  QCOMPARE(*metrics.bestEpoch, static_cast<int>(events.bestEpoch));

  // The same run through the CLI's driver: the same files, and with the same seed and
  // threads the same test metrics.
  const RunConfig config = readRunConfig(windowRun);
  const ModelFamily& model = findModel(config.model);
  const QTemporaryDir cliRuns;
  const std::filesystem::path cliRun = std::filesystem::path(cliRuns.path().toStdString()) / "cli-twin";
  const ExperimentResult cli = runExperiment(config.model, runParams(config, model), config.data,
                                             loadData(config.data), config.evaluation, cliRun);
  QCOMPARE(filesUnder(cliRun), filesUnder(windowRun));
  QCOMPARE(cli.test.metrics.at("ndcg@100").mean, metrics.test.metrics.at("ndcg@100").mean);
}

namespace {

// Child processes of this one that run as a rank of a data-parallel run.
int rankChildren() {
  int ranks = 0;
  for (const pid_t child : vaecf::test::childrenOf(::getpid()))
    if (vaecf::test::commandLine(child).find(std::string("--rank\0", 7)) != std::string::npos) ++ranks;
  return ranks;
}

}  // namespace

// Two local workers: a `vaecf` rank beside the window's own, and with dropout off the same
// model as one rank trained on the whole batches (the ranks sum their gradients).
void WorkbenchTest::localWorkersTrainAsOneRankWould() {
  auto window = syntheticWindow(3);
  QVERIFY(window);
  TrainingSession& session = window->session();
  session.setRankProgram(VAECF_CLI_PATH);
  window->modelPanel()->edit(QStringLiteral("dropout"), QStringLiteral("0"));
  window->modelPanel()->setWorkers(2);
  QCOMPARE(session.workers(), 2);
  QSignalSpy completed(&session, &TrainingSession::runCompleted);
  trigger(*window, MainWindow::Command::Run);
  QTRY_COMPARE_WITH_TIMEOUT(rankChildren(), 1, 10000);
  QTRY_VERIFY_WITH_TIMEOUT(session.liveRun()->state() == TrainerState::Finished, kTrainTimeoutMs);
  QTRY_COMPARE_WITH_TIMEOUT(completed.count(), 1, 30000);
  const fs::path windowRun = session.runFolder();
  const ExperimentResult ranks = readRunMetrics(windowRun);

  const RunConfig config = readRunConfig(windowRun);
  const QTemporaryDir aloneRuns;
  const ExperimentResult alone =
      runExperiment(config.model, runParams(config, findModel(config.model)), config.data, loadData(config.data),
                    config.evaluation, fs::path(aloneRuns.path().toStdString()) / "alone");
  QCOMPARE(*ranks.bestEpoch, *alone.bestEpoch);
  QVERIFY2(std::abs(ranks.test.metrics.at("ndcg@100").mean - alone.test.metrics.at("ndcg@100").mean) < 1e-3,
           qPrintable(QStringLiteral("%1 vs %2")
                          .arg(ranks.test.metrics.at("ndcg@100").mean)
                          .arg(alone.test.metrics.at("ndcg@100").mean)));
}

void WorkbenchTest::aLocalWorkerThatCannotStartIsNamed() {
  auto window = syntheticWindow(3);
  QVERIFY(window);
  TrainingSession& session = window->session();
  session.setRankProgram("/bin/false");
  window->modelPanel()->setWorkers(2);
  QSignalSpy errors(&session, &TrainingSession::errorOccurred);
  trigger(*window, MainWindow::Command::Run);
  QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 30000);
  const QString message = errors.front().front().toString();
  QVERIFY2(message.contains(QStringLiteral("rank 1 exited with status 1 before joining")), qPrintable(message));
  QCOMPARE(session.liveRun()->state(), TrainerState::Idle);
  QTRY_COMPARE_WITH_TIMEOUT(rankChildren(), 0, 10000);  // reaped off the GUI thread
}

// Stop before the ranks have joined: no run starts and no rank is left waiting for one.
void WorkbenchTest::stopWhileWorkersJoinEndsThem() {
  auto window = syntheticWindow(3);
  QVERIFY(window);
  TrainingSession& session = window->session();
  session.setRankProgram(VAECF_CLI_PATH);
  window->modelPanel()->setWorkers(2);
  trigger(*window, MainWindow::Command::Run);
  QCOMPARE(session.status().stage, QStringLiteral("ranks"));
  session.stop();
  QTRY_COMPARE_WITH_TIMEOUT(rankChildren(), 0, 10000);
  QTRY_VERIFY_WITH_TIMEOUT(session.status().stage.isEmpty(), 10000);
  QCOMPARE(session.liveRun()->state(), TrainerState::Idle);
}

// A run stopped after two epochs on one rank continues on two (a `vaecf` follower that
// receives rank 0's checkpoint) and, with dropout off, ends as a copy of it continued alone.
void WorkbenchTest::continuedRunTrainsOnTheChosenWorkers() {
  auto window = syntheticWindow(4);
  QVERIFY(window);
  TrainingSession& session = window->session();
  session.setRankProgram(VAECF_CLI_PATH);
  window->modelPanel()->edit(QStringLiteral("dropout"), QStringLiteral("0"));
  for (std::int64_t expected = 1; expected <= 2; ++expected) {
    stepEpochAndWait(*window, expected);
    if (QTest::currentTestFailed()) return;
  }
  const fs::path folder = session.runFolder();
  trigger(*window, MainWindow::Command::Stop);
  QTRY_VERIFY_WITH_TIMEOUT(session.liveRun()->state() == TrainerState::Stopped, 30000);
  const QTemporaryDir aloneRuns;
  const fs::path alone = fs::path(aloneRuns.path().toStdString()) / "alone";
  fs::copy(folder, alone, fs::copy_options::recursive);

  window->modelPanel()->setWorkers(2);
  QSignalSpy completed(&session, &TrainingSession::runCompleted);
  refreshRuns(*window->runsPanel());
  window->runsPanel()->selectRuns({folder});
  trigger(*window, MainWindow::Command::ContinueRun);
  QTRY_COMPARE_WITH_TIMEOUT(rankChildren(), 1, 10000);
  QTRY_COMPARE_WITH_TIMEOUT(completed.count(), 1, kTrainTimeoutMs);
  QCOMPARE(session.runFolder(), folder);
  QCOMPARE(session.liveRun()->epochsCompleted(), std::int64_t(4));
  const ExperimentResult continued = readRunMetrics(folder);

  const ExperimentResult single = resumeExperiment(alone);
  QCOMPARE(*continued.bestEpoch, *single.bestEpoch);
  QVERIFY2(std::abs(continued.test.metrics.at("ndcg@100").mean - single.test.metrics.at("ndcg@100").mean) < 1e-3,
           qPrintable(QStringLiteral("%1 vs %2")
                          .arg(continued.test.metrics.at("ndcg@100").mean)
                          .arg(single.test.metrics.at("ndcg@100").mean)));
  QTRY_COMPARE_WITH_TIMEOUT(rankChildren(), 0, 10000);
}

void WorkbenchTest::stoppedRunContinuesItsCurve() {
  auto window = syntheticWindow(5);
  QVERIFY(window);
  TrainingSession& session = window->session();
  for (std::int64_t expected = 1; expected <= 2; ++expected) {
    stepEpochAndWait(*window, expected);
    if (QTest::currentTestFailed()) return;
  }
  const std::filesystem::path folder = session.runFolder();
  QVERIFY(!folder.empty());
  trigger(*window, MainWindow::Command::Stop);
  QTRY_VERIFY_WITH_TIMEOUT(session.liveRun()->state() == TrainerState::Stopped, 30000);
  QCOMPARE(RunStore::loadHistory(folder)->epochCurves().at("loss").size(), std::size_t(2));

  // Other data (which drops the live run): the run's dataset is asked for, not loaded implicitly.
  const SessionData* before = session.data();
  session.loadData(syntheticDataRequest(300, 120, 9));
  QTRY_VERIFY_WITH_TIMEOUT(session.data() != before && !session.isLoading(), kLoadTimeoutMs);
  QVERIFY(session.runFolder().empty());
  refreshRuns(*window->runsPanel());
  window->runsPanel()->selectRuns({folder});
  trigger(*window, MainWindow::Command::ContinueRun);
  QVERIFY(session.runFolder().empty());
  QVERIFY2(window->messageBar()->text().contains(QStringLiteral("load the run's dataset first")),
           qPrintable(window->messageBar()->text()));
  // Nor does it recommend from rows whose columns are other items.
  RecommendationPanel& recommendations = *window->recommendationPanel();
  QSignalSpy refused(&recommendations, &RecommendationPanel::problem);
  recommendations.setRunFolder(folder);
  QVERIFY(recommendations.recommend(QString::fromStdString(session.data()->split->trainUserIds.front())));
  QTRY_COMPARE_WITH_TIMEOUT(refused.count(), 1, 30000);
  QVERIFY2(refused.front().front().toString().contains(QStringLiteral("no longer gives the items")),
           qPrintable(refused.front().front().toString()));

  // Back on the run's data, continue it from the run table.
  before = session.data();
  session.loadData(smallSynthetic());
  QTRY_VERIFY_WITH_TIMEOUT(session.data() != before && !session.isLoading(), kLoadTimeoutMs);
  window->runsPanel()->selectRuns({folder});
  trigger(*window, MainWindow::Command::ContinueRun);
  QCOMPARE(session.runFolder(), folder);
  // Seeded from the saved events: the curve goes on from epoch 2, not from scratch.
  QVERIFY(session.liveRun()->epochCurves().at("loss").size() >= 2);
  QTRY_VERIFY_WITH_TIMEOUT(session.liveRun()->state() == TrainerState::Finished, kTrainTimeoutMs);
  QVERIFY(session.status().epoch > 2);
  QCOMPARE(session.liveRun()->epochsCompleted(), std::int64_t(5));
  for (const auto& history : {session.liveRun(), std::shared_ptr<const RunHistory>(RunStore::loadHistory(folder))}) {
    const auto& loss = history->epochCurves().at("loss");
    QCOMPARE(loss.size(), std::size_t(5));
    for (std::size_t i = 0; i < loss.size(); ++i) QCOMPARE(loss[i].epoch, std::int64_t(i + 1));
  }
  QVERIFY(window->lossPanel()->pointCount() > 0);

  // A finished run has nothing left to continue.
  refreshRuns(*window->runsPanel());
  window->runsPanel()->selectRuns({folder});
  trigger(*window, MainWindow::Command::ContinueRun);
  QVERIFY(window->messageBar()->isVisible());
  QVERIFY2(window->messageBar()->text().contains(QStringLiteral("finished")), qPrintable(window->messageBar()->text()));
  QCOMPARE(session.liveRun()->state(), TrainerState::Finished);
  QCOMPARE(session.liveRun()->epochsCompleted(), std::int64_t(5));
}

void WorkbenchTest::eventLoopStaysResponsiveWhileTraining() {
  auto window = syntheticWindow(500);
  QVERIFY(window);
  window->modelPanel()->edit(QStringLiteral("hidden_dim"), QStringLiteral("600"));
  window->modelPanel()->edit(QStringLiteral("batch_size"), QStringLiteral("20"));
  TrainingSession& session = window->session();
  trigger(*window, MainWindow::Command::Run);
  QTRY_VERIFY_WITH_TIMEOUT(session.liveRun()->epochsCompleted() >= 1, kTrainTimeoutMs);

  using Clock = std::chrono::steady_clock;
  using Span = std::pair<Clock::time_point, Clock::time_point>;
  struct Tick {
    Clock::time_point at;
    int cpu;
  };
  std::vector<Tick> ticks;
  QTimer probe;
  probe.setInterval(1);
  probe.setTimerType(Qt::PreciseTimer);
  connect(&probe, &QTimer::timeout, this, [&ticks] { ticks.push_back({Clock::now(), sched_getcpu()}); });
  // On a shared VM the host stops one virtual CPU at a time for about 100 ms; a thread that
  // sleeps there wakes that late whatever the window does (a sleeper pinned to each CPU
  // stalled so, at different instants, with no window running). A sleeper per CPU records
  // those spans, and the window is charged only with the rest of each event-loop stall.
  cpu_set_t allowed;
  QCOMPARE(sched_getaffinity(0, sizeof allowed, &allowed), 0);
  std::map<int, std::vector<Span>> frozen;  // by CPU
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu)
    if (CPU_ISSET(cpu, &allowed)) frozen[cpu];
  std::atomic<bool> measuring{true};
  std::vector<std::thread> sleepers;
  for (auto& entry : frozen) {
    sleepers.emplace_back([cpu = entry.first, &spans = entry.second, &measuring] {
      cpu_set_t one;
      CPU_ZERO(&one);
      CPU_SET(cpu, &one);
      sched_setaffinity(0, sizeof one, &one);
      for (Clock::time_point last = Clock::now(); measuring;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        const Clock::time_point now = Clock::now();
        if (now - last > std::chrono::milliseconds(10)) spans.emplace_back(last, now);
        last = now;
      }
    });
  }
  const auto redrawsBefore = window->lossPanel()->redrawCount();
  probe.start();
  QTest::qWait(4000);
  probe.stop();
  measuring = false;
  for (std::thread& sleeper : sleepers) sleeper.join();
  const auto redraws = window->lossPanel()->redrawCount() - redrawsBefore;

  auto ms = [](Clock::duration span) { return std::chrono::duration_cast<std::chrono::milliseconds>(span).count(); };
  // How much of [from, to] the CPU stood still.
  auto stoppedWithin = [&frozen](int cpu, Clock::time_point from, Clock::time_point to) {
    Clock::duration stopped{};
    for (const auto& [begin, end] : frozen[cpu])
      stopped += std::max(Clock::duration{}, std::min(end, to) - std::max(begin, from));
    return stopped;
  };
  Clock::duration longestStall{}, longestOwnStall{}, longestStop{};
  for (const auto& entry : frozen)
    for (const auto& [begin, end] : entry.second) longestStop = std::max(longestStop, end - begin);
  for (std::size_t i = 1; i < ticks.size(); ++i) {
    const Tick& before = ticks[i - 1];
    const Tick& after = ticks[i];
    const Clock::duration stall = after.at - before.at;
    longestStall = std::max(longestStall, stall);
    // The loop waited on the CPU it ran on before the stall, or on the one that woke it.
    const Clock::duration stopped =
        std::max(stoppedWithin(before.cpu, before.at, after.at), stoppedWithin(after.cpu, before.at, after.at));
    longestOwnStall = std::max(longestOwnStall, stall - stopped);
  }
  qInfo("longest event-loop stall while training: %lld ms, %lld ms of it the window's (a CPU stood still for up "
        "to %lld ms), over %zu ticks, %lld loss-panel redraws",
        static_cast<long long>(ms(longestStall)), static_cast<long long>(ms(longestOwnStall)),
        static_cast<long long>(ms(longestStop)), ticks.size(), static_cast<long long>(redraws));
  QVERIFY2(redraws > 0, "the charts should have been updating during the measurement");
  QVERIFY2(redraws <= 4 * 30 + 2, "no more than about 30 redraws a second");
  QVERIFY2(ms(longestOwnStall) < 50, qPrintable(QStringLiteral("stall of %1 ms").arg(ms(longestOwnStall))));
  QCOMPARE(session.liveRun()->state(), TrainerState::Running);
  trigger(*window, MainWindow::Command::Stop);
}

void WorkbenchTest::easeRunsOffTheGuiThreadAndAppearsInTheRunTable() {
  QTemporaryDir runs;
  QVERIFY(runs.isValid());
  MainWindow window({runs.path().toStdString(), smallSynthetic(), {}});
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  QTRY_VERIFY_WITH_TIMEOUT(window.session().data() != nullptr, kLoadTimeoutMs);

  // The form is generated from EASE's declarations; Pause and Step do not apply to it.
  window.modelPanel()->choose(QStringLiteral("ease"));
  QCOMPARE(window.session().modelName(), std::string("ease"));
  QCOMPARE(window.modelPanel()->value(QStringLiteral("lambda")), QStringLiteral("500"));
  window.modelPanel()->edit(QStringLiteral("lambda_grid"), QStringLiteral("50,200,800"));
  QCOMPARE(window.session().params().reals("lambda_grid").size(), std::size_t{3});
  QVERIFY(!window.action(MainWindow::Command::Pause)->isEnabled());
  QVERIFY(!window.action(MainWindow::Command::StepBatch)->isEnabled());
  QVERIFY(!window.action(MainWindow::Command::StepEpoch)->isEnabled());

  int ticks = 0;
  QTimer ticker;
  ticker.setInterval(1);
  connect(&ticker, &QTimer::timeout, [&ticks] { ++ticks; });
  ticker.start();
  trigger(window, MainWindow::Command::Run);
  // Run returned before the fit ended: its outcome can only arrive through the event loop.
  QCOMPARE(window.session().status().state, TrainerState::Running);
  QVERIFY(!window.session().status().iterative);
  QVERIFY(window.action(MainWindow::Command::Stop)->isEnabled());
  QVERIFY(!window.action(MainWindow::Command::Pause)->isEnabled());
  QVERIFY(!window.action(MainWindow::Command::Run)->isEnabled());
  QTRY_VERIFY_WITH_TIMEOUT(window.session().status().state != TrainerState::Running, kTrainTimeoutMs);
  const int ticksDuringFit = ticks;
  ticker.stop();
  QCOMPARE(window.session().status().state, TrainerState::Finished);
  QVERIFY2(ticksDuringFit > 0, "the event loop did not run during the fit");
  QVERIFY(!window.messageBar()->isVisible());

  // The run table lists the EASE run, read from its metrics.json (it has no events.jsonl).
  const std::filesystem::path folder = window.session().runFolder();
  QVERIFY(std::filesystem::exists(folder / "metrics.json"));
  QVERIFY(!std::filesystem::exists(runEventsPath(folder)));
  auto* table = window.runsPanel()->findChild<QTreeWidget*>();
  QVERIFY(table != nullptr);
  QTRY_VERIFY(window.runsPanel()->runCount() == 1);
  QCOMPARE(table->topLevelItem(0)->text(columnNamed(*table, QStringLiteral("Model"))),
           QStringLiteral("ease"));
  QVERIFY(!table->topLevelItem(0)->text(columnNamed(*table, QStringLiteral("best ndcg@100"))).isEmpty());
  QVERIFY(!table->topLevelItem(0)->text(columnNamed(*table, QStringLiteral("test ndcg@100"))).isEmpty());
  const RunSummary summary = RunStore::summarize(folder);
  QVERIFY2(summary.problem.empty(), summary.problem.c_str());
  QCOMPARE(summary.config.model, std::string("ease"));
  QVERIFY(summary.result.test.has_value());
  const double testNdcg = summary.result.test->metrics.at("ndcg@100").mean;
  QVERIFY(std::isfinite(testNdcg) && testNdcg > 0.0);
  QVERIFY(std::isfinite(*summary.bestMetric("ndcg@100")));
  QVERIFY(window.action(MainWindow::Command::Run)->isEnabled());

  // The fitted EASE recommends like any other run.
  window.recommendationPanel()->setRunFolder(folder);
  const QString user = QString::fromStdString(window.session().data()->split->validationUserIds.front());
  QVERIFY(window.recommendationPanel()->recommend(user));
  QTRY_COMPARE_WITH_TIMEOUT(window.recommendationPanel()->recommendedItems().size(), 10, 30000);
}

void WorkbenchTest::malformedDatasetShowsAnErrorAndKeepsTheSession() {
  auto window = syntheticWindow(2);
  QVERIFY(window);
  const auto before = window->session().sharedData();
  const QString bad = runs_.filePath(QStringLiteral("broken.csv"));
  {
    std::ofstream out(bad.toStdString());
    out << "user,item,rating\n1,10,4\nnot a row\n";
  }
  DataRequest request;
  ImportOptions raw;
  raw.format = "delimited";
  raw.path = bad.toStdString();
  request.source.raw = raw;
  Q_EMIT window->dataPanel()->loadRequested(request);
  QTRY_VERIFY_WITH_TIMEOUT(window->messageBar()->isVisible(), kLoadTimeoutMs);
  QCOMPARE(window->messageBar()->kind(), MessageBar::Kind::Error);
  QVERIFY2(window->messageBar()->text().contains(QStringLiteral("broken.csv")),
           qPrintable(window->messageBar()->text()));
  QVERIFY(window->session().sharedData() == before);
  // The session still trains on its data.
  trigger(*window, MainWindow::Command::Run);
  QTRY_VERIFY_WITH_TIMEOUT(window->session().liveRun()->state() == TrainerState::Finished, kTrainTimeoutMs);
  QVERIFY(window->lossPanel()->pointCount() > 0);
}

void WorkbenchTest::everyModelIsOfferedWithItsDeclaredParameters() {
  ModelPanel panel;
  for (const char* model : {"ease", "multvae", "svae", "deeprec"}) {
    panel.choose(QString::fromLatin1(model));
    QCOMPARE(panel.model(), QString::fromLatin1(model));
  }
  const ParamSet deeprec = defaultParams("deeprec");
  panel.showModel(QStringLiteral("deeprec"), deeprec);
  for (const ParamSpec& spec : deeprec.specs())
    QCOMPARE(panel.value(QString::fromStdString(spec.name)), QString::fromStdString(spec.defaultValue));
  QCOMPARE(panel.value(QStringLiteral("layers")), QStringLiteral("128,256,256,dp0.65,256,128"));
  // SVAE's beta_cap is live: it trains on the live trainer like every iterative model.
  panel.showModel(QStringLiteral("svae"), defaultParams("svae"));
  const QList<QLabel*> labels = panel.findChildren<QLabel*>();
  auto labelled = [&labels](const QString& text) {
    return std::any_of(labels.begin(), labels.end(), [&text](const QLabel* label) { return label->text() == text; });
  };
  QVERIFY(labelled(QStringLiteral("● beta_cap")));

  // Both keep their declared epochs and can pause and step.
  QTemporaryDir runs;
  TrainingSession session(runs.path().toStdString());
  for (const std::string model : {"svae", "deeprec"}) {
    session.setModel(model);
    QCOMPARE(session.modelName(), model);
    QVERIFY(session.isIterative());
    QVERIFY(session.runsOnLiveTrainer());
    QVERIFY(session.status().iterative);
    QCOMPARE(session.status().epochs, static_cast<std::int64_t>(defaultParams(model).integer("epochs")));
  }
  QCOMPARE(session.params().text("layers"), std::string("128,256,256,dp0.65,256,128"));
  session.setModel("ease");
  QVERIFY(!session.status().iterative);
}

void WorkbenchTest::deeprecTrainsOnBundledDataAndStreamsItsRmse() {
  QTemporaryDir runs;
  QVERIFY(runs.isValid());
  auto window = loadedWindow(runs.path(), bundledDataRequest());
  QVERIFY(window);
  TrainingSession& session = window->session();
  ModelPanel& form = *window->modelPanel();
  form.choose(QStringLiteral("deeprec"));
  form.edit(QStringLiteral("layers"), QStringLiteral("32"));
  form.edit(QStringLiteral("epochs"), QStringLiteral("2"));
  form.edit(QStringLiteral("threads"), QStringLiteral("1"));
  QCOMPARE(session.params().integer("epochs"), 2LL);

  // DeepRec trains on the live trainer: one stepped epoch, a stop, then the run continued
  // from the run table to its end.
  stepEpochAndWait(*window, 1);
  if (QTest::currentTestFailed()) return;
  QCOMPARE(session.liveRun()->validations().size(), std::size_t(1));
  QVERIFY(window->action(MainWindow::Command::Run)->isEnabled());
  const std::filesystem::path folder = session.runFolder();
  trigger(*window, MainWindow::Command::Stop);
  QTRY_VERIFY_WITH_TIMEOUT(session.liveRun()->state() == TrainerState::Stopped, 30000);
  refreshRuns(*window->runsPanel());
  window->runsPanel()->selectRuns({folder});
  trigger(*window, MainWindow::Command::ContinueRun);  // once the rating split is rebuilt
  QTRY_COMPARE(session.runFolder(), folder);
  QTRY_VERIFY_WITH_TIMEOUT(session.status().state == TrainerState::Finished, kTrainTimeoutMs);
  QVERIFY2(!window->messageBar()->isVisible() || window->messageBar()->kind() != MessageBar::Kind::Error,
           qPrintable(window->messageBar()->text()));

  // Two epochs of loss and an RMSE evaluation after each, then the test RMSE.
  const RunHistory& live = *session.liveRun();
  QCOMPARE(live.epochCurves().at("loss").size(), std::size_t(2));
  QCOMPARE(live.validations().size(), std::size_t(2));
  for (const ValidationPoint& point : live.validations()) {
    const double rmse = point.report.metrics.at("rmse").mean;
    QVERIFY2(rmse > 0.0 && rmse < 4.5, qPrintable(QString::number(rmse)));  // stars from 0.5 to 5
  }
  QVERIFY(live.test().has_value());
  QVERIFY(live.test()->metrics.at("rmse").mean > 0.0);
  // The same history as the run folder's events, read whole.
  const auto saved = RunStore::loadHistory(folder);
  QCOMPARE(saved->validations().size(), live.validations().size());
  for (std::size_t i = 0; i < live.validations().size(); ++i)
    QCOMPARE(saved->validations()[i].report.metrics.at("rmse").mean,
             live.validations()[i].report.metrics.at("rmse").mean);
  double lowest = live.validations().front().report.metrics.at("rmse").mean;
  for (const ValidationPoint& point : live.validations()) lowest = std::min(lowest, point.report.metrics.at("rmse").mean);

  QVERIFY2(window->statusText().contains(QStringLiteral("epoch 2 of 2")), qPrintable(window->statusText()));
  QTRY_COMPARE(window->cohortPanel()->metric(), QStringLiteral("rmse"));
  // RMSE over all users, and per cohort of users by their number of ratings: a line for
  // the run and one per cohort with users, over the epochs.
  const auto& cohorts = live.validations().back().report.cohorts;
  const auto populated = std::count_if(cohorts.begin(), cohorts.end(), [](const CohortResult& c) { return c.users > 0; });
  QVERIFY(populated > 1);
  QTRY_COMPARE(window->cohortPanel()->linePointCount(), qsizetype(2 * (populated + 1)));
  const QLineSeries* overall = window->cohortPanel()->overallLine(QString::fromStdString(folder.filename().string()));
  QVERIFY(overall != nullptr);
  QCOMPARE(overall->at(1).y(), live.validations()[1].report.metrics.at("rmse").mean);
  QCOMPARE(window->cohortPanel()->barCategories().size(), qsizetype(live.test()->cohorts.size()));
  QTRY_VERIFY(window->lossPanel()->pointCount() >= 2);

  // The run table gains a "best rmse" column holding the selected validation RMSE.
  refreshRuns(*window->runsPanel());
  auto* table = window->runsPanel()->findChild<QTreeWidget*>();
  const int rmseColumn = columnNamed(*table, QStringLiteral("best rmse"));
  QVERIFY(rmseColumn >= 0);
  QCOMPARE(table->topLevelItem(0)->text(rmseColumn), QString::number(lowest, 'f', 4));
}

void WorkbenchTest::svaeTrainsOnATimedDatasetAndReportsNdcg() {
  QTemporaryDir runs;
  QVERIFY(runs.isValid());
  auto window = loadedWindow(runs.path(), ratedDataset(runs.filePath(QStringLiteral("rated.csv")), true));
  QVERIFY(window);
  TrainingSession& session = window->session();
  QVERIFY(session.data()->log && session.data()->log->hasTimestamps);
  ModelPanel& form = *window->modelPanel();
  form.choose(QStringLiteral("svae"));
  form.edit(QStringLiteral("epochs"), QStringLiteral("1"));
  form.edit(QStringLiteral("embedding_dim"), QStringLiteral("8"));
  form.edit(QStringLiteral("hidden_dim"), QStringLiteral("8"));
  form.edit(QStringLiteral("latent_dim"), QStringLiteral("4"));
  form.edit(QStringLiteral("threads"), QStringLiteral("1"));
  QCOMPARE(session.params().integer("hidden_dim"), 8LL);
  QVERIFY(session.runsOnLiveTrainer());
  // The time-ordered split is built on a worker; Stop before it is ready starts nothing.
  trigger(*window, MainWindow::Command::Run);
  QCOMPARE(session.status().stage, QStringLiteral("split"));
  QVERIFY2(window->statusText().contains(QStringLiteral("preparing the split")), qPrintable(window->statusText()));
  session.stop();
  QTRY_VERIFY(session.status().stage.isEmpty());
  QTest::qWait(100);
  QVERIFY(session.runFolder().empty());
  QCOMPARE(session.status().state, TrainerState::Idle);

  trigger(*window, MainWindow::Command::Run);
  QTRY_VERIFY_WITH_TIMEOUT(session.status().state == TrainerState::Finished, kTrainTimeoutMs);
  QVERIFY2(!window->messageBar()->isVisible(), qPrintable(window->messageBar()->text()));

  const RunHistory& live = *session.liveRun();
  QVERIFY(!live.batchCurves().at("loss").empty());
  QCOMPARE(live.epochCurves().at("loss").size(), std::size_t(1));
  QVERIFY(!live.validations().empty());
  const double ndcg = live.validations().back().report.metrics.at("ndcg@100").mean;
  QVERIFY2(ndcg > 0.0 && ndcg <= 1.0, qPrintable(QString::number(ndcg)));
  QVERIFY(live.test().has_value());
  const auto saved = RunStore::loadHistory(session.runFolder());
  QCOMPARE(saved->validations().back().report.metrics.at("ndcg@100").mean, ndcg);
  QVERIFY(saved->test()->metrics.at("ndcg@100").mean > 0.0);
  QVERIFY2(window->statusText().contains(QStringLiteral("epoch 1 of 1")), qPrintable(window->statusText()));
  QTRY_COMPARE(window->cohortPanel()->metric(), QStringLiteral("ndcg@100"));

  // Another run with the same settings reuses the split: it starts at once.
  const std::filesystem::path first = session.runFolder();
  session.reset(3);
  QCOMPARE(session.params().text("seed"), std::string("3"));
  trigger(*window, MainWindow::Command::Run);
  QVERIFY(session.status().stage.isEmpty());
  QVERIFY(!session.runFolder().empty() && session.runFolder() != first);
  QTRY_VERIFY_WITH_TIMEOUT(session.status().state == TrainerState::Finished, kTrainTimeoutMs);
}

void WorkbenchTest::dataWithoutRatingsOrTimesIsRefusedBeforeARun() {
  QTemporaryDir runs;
  QVERIFY(runs.isValid());
  auto window = loadedWindow(runs.path(), smallSynthetic());
  QVERIFY(window);
  TrainingSession& session = window->session();
  MessageBar& message = *window->messageBar();
  auto refuses = [&](const char* model, const QString& reason) {
    message.hide();
    window->modelPanel()->choose(QString::fromLatin1(model));
    trigger(*window, MainWindow::Command::Run);
    QVERIFY(message.isVisible());
    QCOMPARE(message.kind(), MessageBar::Kind::Error);
    QVERIFY2(message.text().contains(reason), qPrintable(message.text()));
    QCOMPARE(session.status().state, TrainerState::Idle);
    QVERIFY(session.runFolder().empty());
    refreshRuns(*window->runsPanel());
    QCOMPARE(window->runsPanel()->runCount(), 0);
  };
  // Synthetic data has times (positions in each history) but only implicit values.
  QVERIFY(session.data()->log && session.data()->log->hasTimestamps && !session.data()->log->explicitValues);
  refuses("deeprec", QStringLiteral("deeprec predicts ratings, and synthetic 400 users x 150 items has none"));
  if (QTest::currentTestFailed()) return;

  // A split folder keeps no raw log at all.
  DataRequest splitFolder;
  splitFolder.source.splitDir = session.data()->recordedSource.splitDir;
  const SessionData* before = session.data();
  session.loadData(splitFolder);
  QTRY_VERIFY_WITH_TIMEOUT(session.data() != before && !session.isLoading(), kLoadTimeoutMs);
  QVERIFY(!session.data()->log);
  refuses("deeprec", QStringLiteral("which a split folder does not have"));
  refuses("svae", QStringLiteral("which a split folder does not have"));
  if (QTest::currentTestFailed()) return;

  // Ratings without times: SVAE has no order to follow.
  before = session.data();
  session.loadData(ratedDataset(runs.filePath(QStringLiteral("untimed.csv")), false));
  QTRY_VERIFY_WITH_TIMEOUT(session.data() != before && !session.isLoading(), kLoadTimeoutMs);
  QVERIFY(session.data()->log && session.data()->log->explicitValues);
  refuses("svae", QStringLiteral("has no timestamps"));
}

bool WorkbenchTest::trainVampWithAnchors(MainWindow& window, int epochs) {
  ModelPanel& form = *window.modelPanel();
  form.choose(QStringLiteral("vamp"));
  const std::pair<const char*, QString> settings[] = {
      {"epochs", QString::number(epochs)}, {"hidden_dim", QStringLiteral("64")}, {"latent_dim", QStringLiteral("16")},
      {"batch_size", QStringLiteral("64")}, {"pseudo_inputs", QStringLiteral("30")}, {"warmup_epochs", QStringLiteral("2")},
      {"lr", QStringLiteral("0.002")},      {"pia", QStringLiteral("true")},         {"threads", QStringLiteral("1")},
      {"device", QStringLiteral("cpu")}};
  for (const auto& [name, value] : settings) form.edit(QString::fromLatin1(name), value);
  if (window.session().modelName() != "vamp" || !window.session().params().flag("pia")) return false;
  window.action(MainWindow::Command::Run)->trigger();
  if (!QTest::qWaitFor([&] { return window.session().liveRun()->state() == TrainerState::Finished; }, kTrainTimeoutMs))
    return false;
  window.showLatentSpace(true);
  return QTest::qWaitFor([&] { return window.latentWorkspace()->latentPanel()->frameCount() == epochs; }, 20000);
}

int WorkbenchTest::clickUserOnMap(MainWindow& window) {
  LatentMapView* map = window.latentWorkspace()->latentPanel()->map();
  const int users = map->scene().userCount();
  for (int position = users / 2; position < users; ++position) {
    const QPointF pixel = map->pixelOfUser(position);
    const auto hit = map->hitTest(pixel);
    if (!hit || hit->kind != MapMarker::User || hit->index != position) continue;
    QTest::mouseClick(map, Qt::LeftButton, Qt::NoModifier, pixel.toPoint());
    return position;
  }
  return -1;
}

// The latent space follows the live run: its frames, then a click on a user studies them
// and draws the study on the map; a pseudo-input's click decodes it; drift is measured.
void WorkbenchTest::latentSpaceShowsTheRunAndStudiesAClickedUser() {
  QTemporaryDir runs;
  QVERIFY(runs.isValid());
  auto window = loadedWindow(runs.path(), smallSynthetic());
  QVERIFY(window);
  QVERIFY(trainVampWithAnchors(*window, 3));
  LatentWorkspace& latent = *window->latentWorkspace();
  QCOMPARE(latent.run(), window->session().runFolder());
  const geometry::LatentFrame* frame = latent.latentPanel()->currentFrame();
  QVERIFY(frame != nullptr);
  QCOMPARE(frame->epoch, 3);
  // Fewer users than the sample size: every user of the split is on the map.
  const Split& split = *window->session().data()->split;
  QCOMPARE(frame->users.rows, static_cast<std::int64_t>(split.trainUserIds.size() + split.validationUserIds.size() +
                                                        split.testUserIds.size()));
  QCOMPARE(frame->anchors.rows, split.items());
  QCOMPARE(frame->pseudoInputs.rows, 30);

  const int position = clickUserOnMap(*window);
  QVERIFY(position >= 0);
  FocusPanel& focus = *latent.focusPanel();
  QTRY_VERIFY_WITH_TIMEOUT(focus.result() != nullptr, 60000);
  QCOMPARE(focus.result()->study.position, static_cast<std::int64_t>(position));
  const LatentMapScene& scene = latent.latentPanel()->map()->scene();
  QCOMPARE(scene.focusUser(), position);
  // The masked clouds went through the frame's basis onto the map: neighbours under every
  // mask and under some are both known to the map, and together are the clouds' neighbours.
  std::set<std::int64_t> cloudNeighbours;
  for (const auto& cloud : focus.maskedClouds())
    for (const auto& neighbours : cloud.neighbours) cloudNeighbours.insert(neighbours.begin(), neighbours.end());
  std::set<std::int64_t> drawn;
  for (const int user : scene.stableCloudNeighbours() + scene.transientCloudNeighbours()) drawn.insert(user);
  QVERIFY(!cloudNeighbours.empty());
  QCOMPARE(drawn, cloudNeighbours);
  // PIA: the user's item-anchor centroid on the map, the mean of the frame's anchors of
  // their history (the projection is affine).
  const auto& history = focus.result()->study.history;
  QVERIFY(!history.empty());
  QPointF centroid;
  for (const auto item : history) centroid += QPointF(frame->anchors.at(item, 0), frame->anchors.at(item, 1));
  centroid /= static_cast<double>(history.size());
  QVERIFY(scene.itemCentroid().has_value());
  QVERIFY(std::abs(scene.itemCentroid()->x() - centroid.x()) < 1e-5);
  QVERIFY(std::abs(scene.itemCentroid()->y() - centroid.y()) < 1e-5);

  // A pseudo-input marker no other marker covers, clicked: the panel shows its decoded items.
  LatentMapView* map = latent.latentPanel()->map();
  const auto pseudoInputs = map->scene().positions(QSizeF(map->size())).pseudoInputs;
  int clicked = -1;
  for (int k = 0; k < static_cast<int>(pseudoInputs.size()) && clicked < 0; ++k) {
    const auto hit = map->hitTest(pseudoInputs[k]);
    if (hit && hit->kind == MapMarker::PseudoInput && hit->index == k) clicked = k;
  }
  QVERIFY(clicked >= 0);
  QTest::mouseClick(map, Qt::LeftButton, Qt::NoModifier, pseudoInputs[clicked].toPoint());
  QTRY_COMPARE_WITH_TIMEOUT(latent.pseudoInputPanel()->selectedPseudoInput(), clicked, 60000);
  QVERIFY(!latent.pseudoInputPanel()->shownItems().empty());
  // The chosen pseudo-input is ringed on the map, then the next one chosen in the panel.
  QCOMPARE(scene.highlightedPseudoInput(), clicked);
  const int next = (clicked + 1) % static_cast<int>(pseudoInputs.size());
  QVERIFY(latent.pseudoInputPanel()->selectPseudoInput(next));
  QCOMPARE(scene.highlightedPseudoInput(), next);
  QTRY_VERIFY_WITH_TIMEOUT(!latent.driftPanel()->curveNames().isEmpty(), 120000);

  // t-SNE of the best weights: every point embedded together, the focus user still drawn,
  // but no masked clouds or anchor centroid, which need the PCA basis.
  LatentPanel& panel = *latent.latentPanel();
  auto* bar = panel.findChild<QProgressBar*>();
  QVERIFY(bar != nullptr);
  int progress = 0;
  connect(bar, &QProgressBar::valueChanged, bar,
          [&progress](int value) { progress = std::max(progress, value); });
  panel.setProjection(MapProjection::Tsne);
  QTRY_VERIFY_WITH_TIMEOUT(!panel.isComputingTsne() && panel.currentFrame() != nullptr, 120000);
  QVERIFY2(progress > 0 && progress <= 100, qPrintable(QString::number(progress)));
  const geometry::LatentFrame* tsne = panel.currentFrame();
  // The map of the best weights is captioned with their epoch, not 0.
  const std::int64_t bestEpoch = summarizeRun(readRunEvents(window->session().runFolder())).bestEpoch;
  QVERIFY(bestEpoch >= 1);
  QCOMPARE(tsne->epoch, bestEpoch);
  QCOMPARE(scene.caption(), QStringLiteral("vamp, t-SNE of the best weights (epoch %1)").arg(bestEpoch));
  QCOMPARE(tsne->users.rows, frame->users.rows);
  QCOMPARE(tsne->anchors.rows, frame->anchors.rows);
  QCOMPARE(tsne->pseudoInputs.rows, frame->pseudoInputs.rows);
  QCOMPARE(tsne->basis.components.rows, 0);
  QCOMPARE(scene.frame(), tsne);
  QCOMPARE(scene.focusUser(), position);
  QVERIFY(scene.stableCloudNeighbours().isEmpty() && scene.transientCloudNeighbours().isEmpty());
  QVERIFY(!scene.itemCentroid().has_value());
  panel.setProjection(MapProjection::Pca);
  QCOMPARE(panel.currentFrame(), frame);
  QVERIFY(scene.itemCentroid().has_value());
  QVERIFY2(!window->messageBar()->isVisible(), qPrintable(window->messageBar()->text()));
}

// The latent space follows a run started in the window even while an older run is
// selected, says it waits for the run's first frame, and shows a run selected afterwards
// until the selection is cleared.
void WorkbenchTest::latentSpaceFollowsTheLiveRunUntilARunIsSelected() {
  QTemporaryDir runs;
  QVERIFY(runs.isValid());
  auto window = loadedWindow(runs.path(), smallSynthetic());
  QVERIFY(window);
  const fs::path saved = fs::path(runs.path().toStdString()) / "ease-saved";
  const SessionData& data = *window->session().data();
  runExperiment("ease", ParamSet(runParamSpecs(findModel("ease"))), data.recordedSource,
                LoadedData{*data.split, std::nullopt, {}}, {}, saved);
  RunsPanel& table = *window->runsPanel();
  refreshRuns(table);
  table.selectRuns({saved});
  LatentWorkspace& latent = *window->latentWorkspace();
  LatentPanel& panel = *latent.latentPanel();
  QCOMPARE(latent.run(), saved);
  QCOMPARE(panel.title(), QStringLiteral("Run: ease saved"));

  ModelPanel& form = *window->modelPanel();
  form.choose(QStringLiteral("multvae"));
  const std::pair<const char*, const char*> settings[] = {
      {"epochs", "4"},  {"hidden_dim", "64"}, {"latent_dim", "16"}, {"batch_size", "40"},
      {"threads", "1"}, {"device", "cpu"},    {"latent_every", "2"}};
  for (const auto& [name, value] : settings) form.edit(QString::fromLatin1(name), QString::fromLatin1(value));
  QVERIFY(window->session().params().integer("latent_every") == 2);
  trigger(*window, MainWindow::Command::StepBatch);
  QTRY_VERIFY_WITH_TIMEOUT(window->session().liveRun()->state() == TrainerState::Paused, kTrainTimeoutMs);
  const fs::path live = window->session().runFolder();
  QCOMPARE(latent.run(), live);
  QCOMPARE(panel.title(), QStringLiteral("Current run: %1").arg(runDisplayName(live)));
  QVERIFY(panel.title().startsWith(QStringLiteral("Current run: multvae ")));
  const QString waiting = QStringLiteral("Waiting for the first latent frame (written after epoch 2).");
  QTRY_COMPARE_WITH_TIMEOUT(panel.emptyStateMessage(), waiting, 10000);

  // Epoch 1 records no frame (latent_every 2); epoch 2 records the first.
  stepEpochAndWait(*window, 1);
  if (QTest::currentTestFailed()) return;
  QTRY_VERIFY_WITH_TIMEOUT(!panel.isLoading(), 10000);
  QCOMPARE(panel.emptyStateMessage(), waiting);
  stepEpochAndWait(*window, 2);
  if (QTest::currentTestFailed()) return;
  QTRY_COMPARE_WITH_TIMEOUT(panel.frameCount(), 1, 10000);
  QCOMPARE(panel.currentEpoch(), std::optional<std::int64_t>(2));

  // Selected after the run started: the selection wins, until it is cleared.
  table.selectRuns({saved});
  QCOMPARE(latent.run(), saved);
  QCOMPARE(panel.title(), QStringLiteral("Run: ease saved"));
  table.selectRuns({});
  QCOMPARE(latent.run(), live);
  QVERIFY(panel.title().startsWith(QStringLiteral("Current run: ")));
  trigger(*window, MainWindow::Command::Stop);
}

void WorkbenchTest::screenshotAfterShortRun() {
  MainWindow window({runs_.filePath(QStringLiteral("screenshot")).toStdString(), bundledDataRequest(), {}});
  window.resize(1500, 950);
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  QTRY_VERIFY_WITH_TIMEOUT(window.session().data() != nullptr, kLoadTimeoutMs);
  window.modelPanel()->edit(QStringLiteral("epochs"), QStringLiteral("8"));
  trigger(window, MainWindow::Command::Run);
  QTRY_VERIFY_WITH_TIMEOUT(window.session().liveRun()->state() == TrainerState::Finished, kTrainTimeoutMs);
  const QString user = QString::fromStdString(window.session().data()->split->validationUserIds.front());
  QVERIFY(window.recommendationPanel()->recommend(user));
  QTRY_VERIFY_WITH_TIMEOUT(!window.recommendationPanel()->recommendedItems().isEmpty(), 30000);

  // A laptop screen and a desktop one: the window fits each, every dock shows at least what
  // it needs, and the charts keep a readable share.
  const struct {
    QSize size;
    QString path;
  } shots[] = {{{1366, 768}, qEnvironmentVariable("VAECF_LAPTOP_SCREENSHOT", QStringLiteral(VAECF_DEFAULT_LAPTOP_SCREENSHOT))},
               {{1600, 1000}, qEnvironmentVariable("VAECF_SCREENSHOT", QStringLiteral(VAECF_DEFAULT_SCREENSHOT))}};
  for (const auto& shot : shots) {
    window.resize(shot.size);
    QTRY_COMPARE(window.size(), shot.size);
    QTest::qWait(200);
    for (const QDockWidget* dock : window.findChildren<QDockWidget*>()) {
      if (!dock->isVisible()) continue;
      const QWidget* content = dock->widget();
      QVERIFY2(content->width() >= content->minimumSizeHint().width() &&
                   content->height() >= content->minimumSizeHint().height(),
               qPrintable(QStringLiteral("%1 at %2x%3: %4x%5, needs %6x%7")
                              .arg(dock->windowTitle())
                              .arg(shot.size.width())
                              .arg(shot.size.height())
                              .arg(content->width())
                              .arg(content->height())
                              .arg(content->minimumSizeHint().width())
                              .arg(content->minimumSizeHint().height())));
    }
    QVERIFY2(window.lossPanel()->width() >= 500 && window.lossPanel()->height() >= 180,
             qPrintable(QStringLiteral("loss chart %1x%2").arg(window.lossPanel()->width()).arg(window.lossPanel()->height())));

    const QImage image = window.grab().toImage();
    QVERIFY(image.save(shot.path, "PNG"));
    // A real picture: many distinct colours, not a blank or single-colour grab.
    std::set<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
      for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 50, qPrintable(QStringLiteral("%1 colours").arg(colours.size())));
  }
}

// docs/latent.png: a VampPrior run with PIA anchors on the bundled data, a focus user
// clicked on the map with their masked clouds and neighbours.
void WorkbenchTest::latentScreenshotAfterShortRun() {
  QTemporaryDir runs;
  QVERIFY(runs.isValid());
  auto window = loadedWindow(runs.path(), bundledDataRequest());
  QVERIFY(window);
  QVERIFY(trainVampWithAnchors(*window, 40));
  // The latent space alone, across the whole window.
  for (QDockWidget* dock : window->findChildren<QDockWidget*>()) dock->hide();
  window->resize(1500, 900);
  QTest::qWait(200);
  window->latentWorkspace()->latentPanel()->map()->resetView();
  const int position = clickUserOnMap(*window);
  QVERIFY(position >= 0);
  QTRY_VERIFY_WITH_TIMEOUT(window->latentWorkspace()->focusPanel()->result() != nullptr, 60000);
  QTest::qWait(300);

  const QImage image = window->latentWorkspace()->grab().toImage();
  const QString path = qEnvironmentVariable("VAECF_LATENT_SCREENSHOT", QStringLiteral(VAECF_DEFAULT_LATENT_SCREENSHOT));
  QVERIFY(image.save(path, "PNG"));
  std::set<QRgb> colours;
  for (int y = 0; y < image.height(); y += 7)
    for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
  QVERIFY2(colours.size() > 50, qPrintable(QStringLiteral("%1 colours").arg(colours.size())));
}

}  // namespace vaecf::ui
