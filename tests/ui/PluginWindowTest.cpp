#include "PluginWindowTest.h"

#include <QTableWidget>
#include <QTest>

#include <filesystem>

#include "SyntheticRequest.h"
#include "panels/ModelPanel.h"
#include "panels/RecommendationPanel.h"
#include "panels/RunsPanel.h"
#include "plugin/PluginRegistry.h"
#include "plugins/PluginsDialog.h"
#include "runs/RunStore.h"
#include "session/TrainingSession.h"
#include "train/RunFolder.h"
#include "window/MainWindow.h"

namespace vaecf::ui {

namespace {

const std::filesystem::path kExamplePlugins = std::filesystem::path(VAECF_TEST_PLUGINS_DIR) / "example";
constexpr int kFitTimeoutMs = 120000;

int rowNamed(const QTableWidget& table, const QString& name) {
  for (int row = 0; row < table.rowCount(); ++row)
    if (table.item(row, 0)->text() == name) return row;
  return -1;
}

}  // namespace

void PluginWindowTest::initTestCase() {
  QVERIFY(runs_.isValid());
  loadExternalPlugins(PluginRegistry::instance(), {kExamplePlugins});
}

void PluginWindowTest::externalModelTrainsAndRecommendsInTheWindow() {
  // Help → Plugins names it, loaded, with its model and the file it came from.
  PluginsDialog dialog;
  const int row = rowNamed(*dialog.table(), QStringLiteral("itemknn"));
  QVERIFY2(row >= 0, "the example plugin is not listed (was the plugins.build fixture run?)");
  QCOMPARE(dialog.table()->item(row, 1)->checkState(), Qt::Checked);
  QCOMPARE(dialog.table()->item(row, 4)->text(), QStringLiteral("yes"));
  QCOMPARE(dialog.table()->item(row, 5)->text(), QStringLiteral("itemknn"));
  QVERIFY(dialog.table()->item(row, 6)->text().contains(QStringLiteral("example")));

  MainWindow window({runs_.path().toStdString(), test::smallSynthetic(), {}});
  window.show();
  QVERIFY(QTest::qWaitForWindowExposed(&window));
  QTRY_VERIFY_WITH_TIMEOUT(window.session().data() != nullptr, kFitTimeoutMs);

  // Offered like a built-in model, with the form its declarations generate.
  window.modelPanel()->choose(QStringLiteral("itemknn"));
  QCOMPARE(window.session().modelName(), std::string("itemknn"));
  QVERIFY(!window.modelPanel()->value(QStringLiteral("neighbours")).isEmpty());
  window.modelPanel()->edit(QStringLiteral("neighbours"), QStringLiteral("30"));
  QCOMPARE(window.session().params().integer("neighbours"), std::int64_t{30});

  window.action(MainWindow::Command::Run)->trigger();
  QTRY_VERIFY_WITH_TIMEOUT(window.session().status().state == TrainerState::Finished, kFitTimeoutMs);

  // Its run is complete and in the run table with its test metrics.
  const std::filesystem::path folder = window.session().runFolder();
  QVERIFY(std::filesystem::exists(runMetricsPath(folder)));
  QTRY_COMPARE(window.runsPanel()->runCount(), 1);
  const RunSummary summary = RunStore::summarize(folder);
  QVERIFY2(summary.problem.empty(), summary.problem.c_str());
  QCOMPARE(summary.config.model, std::string("itemknn"));
  QVERIFY(summary.result.test.has_value());
  QVERIFY(summary.result.test->metrics.at("ndcg@100").mean > 0.0);

  // Selected in the run table, it recommends for a heldout user.
  window.runsPanel()->selectRuns({folder});
  QCOMPARE(window.recommendationPanel()->runFolder(), folder);
  const QString user = QString::fromStdString(window.session().data()->split->testUserIds.front());
  QVERIFY(window.recommendationPanel()->recommend(user));
  QTRY_COMPARE_WITH_TIMEOUT(window.recommendationPanel()->recommendedItems().size(), 10, kFitTimeoutMs);
}

}  // namespace vaecf::ui
