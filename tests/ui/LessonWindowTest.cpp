#include "LessonWindowTest.h"

#include <unistd.h>

#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "../ProcessTree.h"

#include "common/Error.h"
#include "data/BundledData.h"
#include "lessons/Lesson.h"
#include "lessons/LessonBrowser.h"
#include "lessons/LessonState.h"
#include "lessons/LessonView.h"
#include "lessons/LessonWorkspace.h"
#include "lessons/SlowMotionPanel.h"
#include "panels/LossPanel.h"
#include "window/MainWindow.h"

namespace fs = std::filesystem;

namespace vaecf::ui {

namespace {

constexpr int kTrainTimeoutMs = 300000;

// Two small runs on generated data; the claim can fail (a run that learned nothing).
constexpr const char* kTinyLesson = R"(title: A tiny lesson
summary: Two quick runs on generated data.
order: 99
data: synthetic users=400 items=150 communities=4

# run vae: Mult-VAE
model: multvae
set: epochs=3 latent_every=1 threads=1

# run dae: Mult-DAE
model: multdae
set: epochs=3 threads=1

# step intro: The data
show: cohorts

Four planted **communities**.

# step train: Train both
show: loss cohorts comparison
runs: vae dae
controls: epochs
predict: Will both learn?
choice: Neither
choice: Both
answer: 2
check: vae-learns

Press Run.

# step slow: One step slowly
show: slow-motion
runs: vae

Step through it.

# check vae-learns: Mult-VAE ranks held-out items far above chance
expect: test(vae, ndcg@100) > 0.1
)";

void writeFile(const fs::path& file, const std::string& text) {
  std::ofstream out(file);
  out << text;
}

QPushButton* button(const QWidget& parent, const char* name) {
  return parent.findChild<QPushButton*>(QString::fromLatin1(name));
}

// Presses the step's Run and waits for its runs and checks.
bool runStep(LessonView& view) {
  QSignalSpy finished(&view, &LessonView::stepFinished);
  QTest::mouseClick(button(view, "runStepButton"), Qt::LeftButton);
  return finished.wait(kTrainTimeoutMs);
}

// Traces the step of the view's user and walks every stage forward, then back.
void walkSlowMotion(SlowMotionPanel& panel) {
  QTRY_VERIFY_WITH_TIMEOUT(!panel.user().isEmpty(), kTrainTimeoutMs);  // proposed once the data is read
  QSignalSpy shown(&panel, &SlowMotionPanel::stageShown);
  QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("traceButton")), Qt::LeftButton);
  QVERIFY(shown.wait(kTrainTimeoutMs));
  QVERIFY2(panel.stageCount() >= 10, qPrintable(QString::number(panel.stageCount())));
  QCOMPARE(panel.currentStage(), 0);
  QCOMPARE(panel.stageId(), QStringLiteral("input"));
  QVERIFY(panel.values()->rowCount() > 0);
  QStringList seen;
  while (panel.currentStage() + 1 < panel.stageCount()) {
    QVERIFY(!panel.explanation().isEmpty());
    seen << panel.stageId();
    QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("forwardButton")), Qt::LeftButton);
  }
  seen << panel.stageId();
  QCOMPARE(seen.last(), QStringLiteral("check"));
  QVERIFY(seen.contains(QStringLiteral("encoder")) && seen.contains(QStringLiteral("gradients")));
  QVERIFY(!panel.findChild<QPushButton*>(QStringLiteral("forwardButton"))->isEnabled());
  QTest::mouseClick(panel.findChild<QPushButton*>(QStringLiteral("backButton")), Qt::LeftButton);
  QCOMPARE(panel.stageId(), seen[seen.size() - 2]);
}

// The step a lesson's screenshot shows: its slow motion, else its last step with runs.
int screenshotStep(const lessons::Lesson& lesson) {
  int chosen = -1;
  for (std::size_t index = 0; index < lesson.steps.size(); ++index) {
    const auto& panels = lesson.steps[index].panels;
    if (std::find(panels.begin(), panels.end(), lessons::Panel::SlowMotion) != panels.end())
      return static_cast<int>(index);
    if (!lesson.steps[index].runs.empty()) chosen = static_cast<int>(index);
  }
  return chosen;
}

bool showsPanel(const LessonView& view, QWidget* panel) { return view.panels()->indexOf(panel) >= 0; }

}  // namespace

void LessonWindowTest::initTestCase() {
  QVERIFY(lessons_.isValid() && runs_.isValid());
  writeFile(fs::path(lessons_.path().toStdString()) / "tiny.lesson", kTinyLesson);
  qputenv("VAECF_LESSON_PATH", lessons_.path().toUtf8());
}

// A first start opens on the lessons; lesson 1 is first, each with its summary, in English
// and in German.
void LessonWindowTest::startPageListsEveryLessonInOrder() {
  MainWindow window({fs::path(runs_.path().toStdString()), std::nullopt, {}});
  window.show();
  window.showLessons();
  LessonWorkspace* lessons = window.lessonWorkspace();
  QVERIFY(lessons->isVisibleTo(&window));
  const QListWidget* list = lessons->browser()->list();
  QVERIFY(list->count() >= 10);  // nine bundled and the tiny one
  QVERIFY(list->item(0)->text().startsWith(QStringLiteral("1. What a VAE recommender computes\n")));
  QCOMPARE(list->currentRow(), 0);
  QVERIFY(list->item(list->count() - 1)->text().startsWith(QStringLiteral("99. A tiny lesson")));

  QLocale::setDefault(QLocale(QStringLiteral("de")));
  lessons->browser()->reload(LessonWorkspace::language());
  QLocale::setDefault(QLocale::c());
  QVERIFY2(list->item(0)->text().startsWith(QStringLiteral("1. Was ein VAE-Empfehlungsmodell berechnet")),
           qPrintable(list->item(0)->text()));

  // Start lands on lesson 1's first step.
  lessons->browser()->reload("en");
  QTest::mouseClick(button(*lessons->browser(), "startLessonButton"), Qt::LeftButton);
  QVERIFY(lessons->showsLesson());
  QCOMPARE(lessons->view()->lesson().name, std::string("what-a-vae-computes"));
  QCOMPARE(lessons->view()->stepIndex(), 0);
  QVERIFY(lessons->view()->stepText().contains(QStringLiteral("taste communities")));
}

void LessonWindowTest::runTrainsTheStepLiveAndChecksItsClaim() {
  LessonWorkspace workspace;
  workspace.resize(1366, 768);
  workspace.setRunsFolder(runs_.path().toStdString());
  workspace.show();
  workspace.startLesson(lessons::findLesson("tiny"), false);
  LessonView& view = *workspace.view();
  QCOMPARE(view.stepCount(), 3);
  QVERIFY(!button(view, "runStepButton")->isVisible());  // the first step only reads

  QTest::mouseClick(button(view, "nextButton"), Qt::LeftButton);
  QCOMPARE(view.stepIndex(), 1);
  QVERIFY(showsPanel(view, view.lossPanel()) && showsPanel(view, view.comparisonTable()->parentWidget()));
  QVERIFY(!showsPanel(view, view.slowMotionPanel()));
  QVERIFY(view.predictionFeedback().contains(QStringLiteral("before you press Run")));
  // Only the step's control is open, with the preset's value; a wrong value is refused.
  auto* epochs = view.findChild<QLineEdit*>(QStringLiteral("control-epochs"));
  QVERIFY(epochs != nullptr);
  QTRY_VERIFY(epochs->isVisible());  // the layout shows a new row once the event loop runs
  QCOMPARE(epochs->text(), QStringLiteral("3"));
  QSignalSpy problems(&view, &LessonView::problem);
  QVERIFY(!view.setControl(QStringLiteral("epochs"), QStringLiteral("zero")));
  QVERIFY(!view.setControl(QStringLiteral("lr"), QStringLiteral("0.1")));
  QCOMPARE(problems.count(), 2);

  view.choosePrediction(0);  // "Neither": wrong
  // The step's two runs train side by side, each a `vaecf train --like` child process.
  std::size_t mostAtOnce = 0;
  QTimer watch;
  connect(&watch, &QTimer::timeout, [&mostAtOnce] {
    std::size_t training = 0;
    for (const pid_t child : test::childrenOf(::getpid()))
      if (test::commandLine(child).find(std::string("--like\0", 7)) != std::string::npos) ++training;
    mostAtOnce = std::max(mostAtOnce, training);
  });
  watch.start(5);
  QVERIFY(runStep(view));
  watch.stop();
  QCOMPARE(mostAtOnce, std::size_t(std::min(2U, std::max(1U, std::thread::hardware_concurrency()))));
  QVERIFY2(view.runStatus().contains(QStringLiteral("1 of 1 claims held")), qPrintable(view.runStatus()));
  const lessons::CheckResult& learns = view.checkResults().at("vae-learns");
  QVERIFY(learns.held);
  QVERIFY(learns.left > 0.1);
  QCOMPARE(view.checkTable()->item(0, 2)->text(), QStringLiteral("✓ held"));
  QVERIFY(view.checkTable()->item(0, 1)->text().contains(QStringLiteral("test(vae, ndcg@100) = ")));
  QVERIFY2(view.predictionFeedback().contains(QStringLiteral("the runs say: Both")),
           qPrintable(view.predictionFeedback()));
  // Both runs trained into the work folder, drawn and compared.
  const fs::path work = fs::path(runs_.path().toStdString()) / "lessons" / "tiny";
  QVERIFY(fs::exists(work / "vae" / "metrics.json") && fs::exists(work / "dae" / "metrics.json"));
  QVERIFY(view.lossPanel()->seriesCount() >= 2);
  QVERIFY(view.lossPanel()->pointCount() > 0);
  QCOMPARE(view.comparisonTable()->rowCount(), 2);
  QCOMPARE(view.comparisonTable()->item(0, 1)->text(), QStringLiteral("multvae"));

  // A changed control trains a run of its own and leaves the preset's run as it was.
  QVERIFY(view.setControl(QStringLiteral("epochs"), QStringLiteral("2")));
  QCOMPARE(view.comparisonTable()->rowCount(), 0);  // not trained yet with 2 epochs
  QVERIFY(runStep(view));
  QCOMPARE(view.comparisonTable()->rowCount(), 2);
  QCOMPARE(view.comparisonTable()->item(0, view.comparisonTable()->columnCount() - 2)->text(),
           QStringLiteral("2"));
  QVERIFY(fs::exists(work / "vae" / "metrics.json"));
  QCOMPARE(lessonRunFolder(work, "vae", {{"epochs", "2"}}).parent_path(), work);
  QVERIFY(fs::exists(lessonRunFolder(work, "vae", {{"epochs", "2"}}) / "metrics.json"));

  // Slow motion of the trained Mult-VAE run.
  QTest::mouseClick(button(view, "nextButton"), Qt::LeftButton);
  QVERIFY(showsPanel(view, view.slowMotionPanel()));
  QVERIFY(runStep(view));
  walkSlowMotion(*view.slowMotionPanel());

  // The report holds every step, the prediction, the measured claim and the panels.
  const fs::path report = fs::path(runs_.path().toStdString()) / "tiny-report.html";
  QVERIFY(workspace.writeReport(report));
  std::ifstream in(report);
  const std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const char* expected :
       {"A tiny lesson", "Train both", "One step slowly", "Will both learn?", "Neither",
        "Mult-VAE ranks held-out items far above chance", "test(vae, ndcg@100) = ", "data:image/png;base64,"})
    QVERIFY2(html.find(expected) != std::string::npos, expected);
}

void LessonWindowTest::savedLessonReopensAtTheSameStepAndSettings() {
  LessonWorkspace workspace;
  workspace.setRunsFolder(runs_.path().toStdString());
  workspace.startLesson(lessons::findLesson("tiny"), true);
  LessonView& view = *workspace.view();
  view.showStep(1);
  QVERIFY(view.setControl(QStringLiteral("epochs"), QStringLiteral("4")));
  view.choosePrediction(1);
  const fs::path saved = fs::path(runs_.path().toStdString()) / "tiny.vaecf-lesson.json";
  QVERIFY(workspace.saveLesson(saved));

  LessonWorkspace reopened;
  QVERIFY(reopened.openLesson(saved));
  const LessonState state = reopened.view()->state();
  QCOMPARE(reopened.view()->stepIndex(), 1);
  QCOMPARE(state.step, std::string("train"));
  QVERIFY(state.fast);
  QCOMPARE(state.workFolder, view.state().workFolder);
  QCOMPARE(state.workFolder.filename().string(), std::string("tiny-short"));
  QCOMPARE(state.controls, (std::vector<std::pair<std::string, std::string>>{{"epochs", "4"}}));
  QCOMPARE(state.predictions.at("train"), 1);
  QCOMPARE(reopened.view()->findChild<QLineEdit*>(QStringLiteral("control-epochs"))->text(),
           QStringLiteral("4"));
}

void LessonWindowTest::malformedSavedLessonIsRefusedWithItsLine() {
  const fs::path file = fs::path(runs_.path().toStdString()) / "broken.vaecf-lesson.json";
  writeFile(file, "{\n  \"version\": 1,\n  \"lesson\": \"tiny\",\n  oops\n}\n");
  try {
    loadLessonState(file);
    QFAIL("a malformed saved lesson was read");
  } catch (const InputError& error) {
    QVERIFY2(QString::fromStdString(error.what()).contains(QStringLiteral("broken.vaecf-lesson.json:4")),
             error.what());
  }
  LessonWorkspace workspace;
  QSignalSpy problems(&workspace, &LessonWorkspace::problem);
  QVERIFY(!workspace.openLesson(file));
  QCOMPARE(problems.count(), 1);
  QVERIFY(!workspace.showsLesson());
  // A saved lesson naming a lesson that is nowhere.
  writeFile(file, R"({"version": 1, "lesson": "no-such-lesson", "file": "/nowhere.lesson", "language": "en",
                      "step": "a", "fast": false, "work_folder": "/tmp/x", "controls": [], "predictions": {}})");
  QVERIFY(!workspace.openLesson(file));
  QVERIFY(problems.last().at(0).toString().contains(QStringLiteral("no-such-lesson")));
}

// Each bundled lesson, step by step, as a learner would walk it in the short setting: the
// right answer chosen, Run pressed (the runs the lesson.NAME tests trained are kept), every
// claim held, every slow-motion stage stepped through.
void LessonWindowTest::everyBundledLessonWalksFromFirstToLastStep() {
  const QByteArray runs = qgetenv("VAECF_LESSON_RUNS");
  QVERIFY2(!runs.isEmpty(), "VAECF_LESSON_RUNS names the folder of the lesson.NAME tests' runs");
  // The screenshot target writes one step of each lesson to docs/lessons/.
  const QByteArray screenshots = qgetenv("VAECF_LESSON_SCREENSHOTS");
  int walked = 0;
  for (const lessons::CatalogEntry& entry : lessons::lessonCatalog("en")) {
    if (entry.file.parent_path() != bundledLessonsFolder()) continue;
    QVERIFY2(entry.lesson.has_value(), entry.error.c_str());
    lessons::Lesson lesson = *entry.lesson;
    lessons::overrideParameter(lesson, "threads=1");  // as the lesson.NAME tests trained them
    LessonView view;
    view.resize(1366, 768);
    view.show();
    LessonState state;
    state.fast = true;
    state.workFolder = fs::path(runs.toStdString()) / lesson.name;
    view.open(lesson, state);
    for (int index = 0; index < view.stepCount(); ++index) {
      const lessons::LessonStep& step = lesson.steps[static_cast<std::size_t>(index)];
      QCOMPARE(view.stepIndex(), index);
      QVERIFY(view.stepText().contains(QString::fromStdString(step.title)));
      QCOMPARE(view.panels()->count() > 0, !step.panels.empty());
      if (step.prediction) view.choosePrediction(static_cast<int>(step.prediction->answer));
      if (!step.runs.empty()) {
        QVERIFY2(runStep(view), (lesson.name + " " + step.id).c_str());
        for (const std::string& check : step.checks) {
          const auto result = view.checkResults().find(check);
          QVERIFY2(result != view.checkResults().end() && result->second.held,
                   (lesson.name + ": " + check + " " + view.runStatus().toStdString()).c_str());
        }
        if (step.prediction)
          QVERIFY(view.predictionFeedback().startsWith(QStringLiteral("You predicted it")));
      }
      if (showsPanel(view, view.slowMotionPanel())) walkSlowMotion(*view.slowMotionPanel());
      if (index == screenshotStep(lesson) && !screenshots.isEmpty()) {
        const fs::path shot = fs::path(screenshots.toStdString()) / (lesson.name + ".png");
        QTest::qWait(200);  // let the layouts settle, as they do between a learner's clicks
        QVERIFY(view.grab().save(QString::fromStdString(shot.string())));
      }
      if (index + 1 < view.stepCount()) QTest::mouseClick(button(view, "nextButton"), Qt::LeftButton);
    }
    QVERIFY(!button(view, "nextButton")->isEnabled());
    ++walked;
  }
  QCOMPARE(walked, 9);
}

}  // namespace vaecf::ui
