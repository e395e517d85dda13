#pragma once
// One lesson as a learner walks it (docs/lessons.md, "In the window"): the step's text on
// the left with its prediction, the controls it leaves open, its Run button and the checks
// measured on the learner's runs; on the right only the panels the step names, showing the
// step's runs as they train. Everything heavy (training, checks, data, slow motion) runs on
// worker threads.

#include <QWidget>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "charts/RunColours.h"
#include "lessons/Lesson.h"
#include "lessons/LessonChecks.h"
#include "lessons/LessonState.h"
#include "runs/RunView.h"

class QButtonGroup;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QTextBrowser;
class QTimer;

namespace vaecf::ui {

class CohortPanel;
class DataLoadJob;
class LatentWorkspace;
class LessonJob;
class LossPanel;
class SlowMotionPanel;
struct LessonStepOutcome;
struct SessionData;

class LessonView : public QWidget {
  Q_OBJECT

 public:
  explicit LessonView(QWidget* parent = nullptr);
  ~LessonView() override;

  // Shows `lesson` at the state's step (the first when the state names none), with the
  // state's controls and predictions; the runs are looked for in its work folder.
  void open(lessons::Lesson lesson, LessonState state);
  const lessons::Lesson& lesson() const { return lesson_; }
  LessonState state() const;

  int stepIndex() const { return step_; }
  int stepCount() const { return static_cast<int>(lesson_.steps.size()); }
  void showStep(int index);
  // Trains the step's runs (finished ones of the same parameters are kept), then measures
  // its checks. Ignored while a step runs.
  void runStep();
  void cancel();
  bool isRunning() const;
  // The learner's answer to the step's question (0-based); ignored without a question.
  void choosePrediction(int choice);
  // Sets a control the step leaves open; false (and the reason shown) for a value the
  // lesson's runs refuse.
  bool setControl(const QString& name, const QString& value);

  // What the learner sees, for tests and the report.
  QString stepText() const;
  QString runStatus() const;
  QString predictionFeedback() const;
  QTableWidget* checkTable() const { return checks_; }
  QTabWidget* panels() const { return panels_; }
  LossPanel* lossPanel() const { return loss_; }
  CohortPanel* cohortPanel() const { return cohorts_; }
  LatentWorkspace* latentWorkspace() const { return latent_; }
  SlowMotionPanel* slowMotionPanel() const { return slowMotion_; }
  QTableWidget* comparisonTable() const { return comparison_; }
  // Every check measured so far, by id.
  const std::map<std::string, lessons::CheckResult>& checkResults() const { return results_; }

  // A self-contained HTML page: every step's text, the learner's predictions, the checks
  // with their figures, and the charts as pictures. Written atomically; throws Error.
  void writeReport(const std::filesystem::path& file) const;

 Q_SIGNALS:
  void stepShown(int index);
  void stepFinished();  // a Run's runs trained and its checks measured (or failed)
  void leaveRequested();
  void saveRequested();
  void reportRequested();
  void problem(const QString& message);

 private:
  QWidget* createStepColumn();
  QWidget* createComparisonPage();
  void showPrediction(const lessons::LessonStep& step);
  void showControls(const lessons::LessonStep& step);
  void showPanels(const lessons::LessonStep& step);
  void showCheckResults();
  void onStepDone(const LessonStepOutcome& outcome);
  void refreshRuns();
  void fillComparison();
  void loadLessonData();

  lessons::LessonRunRequest requestFor(const std::string& runId) const;
  lessons::RunFolders lessonFolders() const;
  std::vector<std::filesystem::path> stepRunFolders() const;
  const lessons::LessonStep* currentStep() const;

  lessons::Lesson lesson_;
  LessonState state_;
  int step_ = 0;
  std::map<std::string, lessons::CheckResult> results_;
  // Each shown run's history with the size of its events when read, re-read as it grows.
  struct Loaded {
    std::shared_ptr<const RunHistory> history;
    std::uintmax_t bytes = 0;
  };
  std::map<std::filesystem::path, Loaded> histories_;
  RunColours runColours_;
  std::shared_ptr<const SessionData> data_;

  QLabel* title_;
  QComboBox* stepChooser_;
  QTextBrowser* text_;
  QGroupBox* predictionBox_;
  QLabel* question_;
  QButtonGroup* choices_;
  QLabel* feedback_;
  QGroupBox* controlsBox_;
  QFormLayout* controlsForm_;
  QPushButton* run_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QLabel* status_;
  QTableWidget* checks_;
  QPushButton* back_;
  QPushButton* next_;
  QTabWidget* panels_;
  LossPanel* loss_;
  CohortPanel* cohorts_;
  LatentWorkspace* latent_;
  SlowMotionPanel* slowMotion_;
  QWidget* comparisonPage_;
  QTableWidget* comparison_;
  LessonJob* job_;
  DataLoadJob* dataJob_;
  QTimer* refreshTimer_;
};

}  // namespace vaecf::ui
