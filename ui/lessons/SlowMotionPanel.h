#pragma once
// Slow motion of one training step (docs/models.md section 7): a Mult-VAE or Mult-DAE run's
// step for one user, traced on a worker thread, then shown one stage at a time (forward and
// back) with an explanation that quotes the stage's numbers and a table of its series.

#include <QWidget>
#include <filesystem>
#include <memory>
#include <vector>

#include "lessons/TrainingStepTrace.h"

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace vaecf::ui {

class StepTraceJob;

class SlowMotionPanel : public QWidget {
  Q_OBJECT

 public:
  explicit SlowMotionPanel(QWidget* parent = nullptr);

  // The run to trace; an empty path clears the panel. A new run drops the shown trace.
  void setRunFolder(const std::filesystem::path& run);
  void setUser(const QString& userId);  // fills the "User" field; trace() reads it
  QString user() const;
  // Traces the user's step with the run on a worker thread; asked while a trace runs, it
  // follows when that one ends.
  void trace();

  bool isBusy() const;
  QString stateText() const;
  std::shared_ptr<const lessons::StepTrace> shownTrace() const { return trace_; }
  int stageCount() const;
  int currentStage() const;   // -1 when nothing is traced
  QString stageId() const;    // the shown stage's id ("input", "encoder", ...); empty when none
  void showStage(int index);  // ignored out of range
  void stepForward();
  void stepBack();
  QString explanation() const;
  QTableWidget* values() const { return values_; }

 Q_SIGNALS:
  void stageShown(int index);

 private:
  void showTrace(std::shared_ptr<const lessons::StepTrace> trace);
  void clear();
  void updateControls();
  void fillValues(const lessons::TraceStage& stage);
  QString stageTitle(const lessons::TraceStage& stage) const;
  QString explain(const lessons::TraceStage& stage) const;
  QString idleText() const;

  std::filesystem::path runFolder_;
  std::filesystem::path tracedRun_;  // the run of the trace running or shown
  std::shared_ptr<const lessons::StepTrace> trace_;
  std::vector<lessons::TraceStage> stages_;
  int current_ = -1;
  bool pending_ = false;  // trace() asked for while the job ran

  StepTraceJob* job_;
  QLineEdit* user_;
  QPushButton* traceButton_;
  QLabel* state_;
  QPushButton* back_;
  QPushButton* forward_;
  QLabel* position_;
  QLabel* explanation_;
  QTableWidget* values_;
  QLabel* truncated_;
};

}  // namespace vaecf::ui
