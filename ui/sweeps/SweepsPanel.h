#pragma once
// The Sweeps tab: defines a sweep over the current model's declared numeric and choice
// options, runs it off the GUI thread (core runSweep, one trial at a time in this
// process), and shows its trials in a sortable table and a parallel-coordinates chart
// whose brushes filter the table. A cancelled sweep resumes; an existing sweep folder
// opens and resumes too (docs/sweeps.md).

#include <QWidget>
#include <filesystem>
#include <vector>

#include "experiment/Sweep.h"
#include "sweeps/SweepJob.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace vaecf::ui {

class MetricSlices;
class ParallelCoordinates;
class TrainingSession;

class SweepsPanel : public QWidget {
  Q_OBJECT

 public:
  explicit SweepsPanel(TrainingSession& session, QWidget* parent = nullptr);

  // The editor, as the user fills it: `values` a comma list for a grid, or low and high
  // for a random draw. False for an option the editor does not offer.
  bool sweepValues(const QString& name, const QString& values);
  bool sweepRange(const QString& name, double low, double high, bool logScale);
  void setScheduler(SweepScheduler scheduler);
  void setTrials(int trials);
  // Training seeds the winner is run with; successive halving's first rung and reduction.
  void setSeeds(int seeds);
  void setWorkers(int workers);  // trials trained side by side
  void setHalving(int minEpochs, int reduction);
  QString statusText() const;
  // Starts the sweep the editor defines in a new folder under the runs folder; false (and
  // problem) when the definition is refused or no data is loaded.
  bool start();
  void cancel();
  // Shows the sweep in `folder`; false (and problem) when its index cannot be read.
  bool openSweep(const std::filesystem::path& folder);
  bool resume();
  bool isRunning() const { return job_.isRunning(); }
  const std::filesystem::path& sweepFolder() const { return sweepDir_; }
  const SweepIndex& index() const { return index_; }
  // Asks for the one finished trial selected in the table to be shown as a run.
  void openSelectedTrial();

  QTableWidget* trialTable() const { return trials_; }
  ParallelCoordinates* chart() const { return chart_; }
  MetricSlices* slices() const { return slices_; }

 Q_SIGNALS:
  void openRunRequested(const std::filesystem::path& runFolder);
  void problem(const QString& message);

 private:
  void fillEditor();
  int editorRow(const QString& name) const;
  SweepDefinition definitionFromEditor() const;
  void showSweep(const std::filesystem::path& folder, const SweepDefinition& definition);
  void showIndex(const SweepIndex& index);
  void fillTable();
  void fillChart();
  void fillParallelCoordinates();
  void applyBrushes();
  void updateControls();
  SweepWorkers workers() const;
  std::vector<int> selectedTrialIds() const;
  const SweepTrial* finishedSelectedTrial() const;  // the one selected trial, when it finished

  TrainingSession& session_;
  SweepJob job_;
  std::filesystem::path sweepDir_;
  SweepDefinition definition_;  // of the sweep shown
  SweepIndex index_;
  QTableWidget* editor_;
  QComboBox* scheduler_;
  QSpinBox* trialCount_;
  QSpinBox* seeds_;
  QSpinBox* workers_;
  QSpinBox* minEpochs_;
  QSpinBox* reduction_;
  QPushButton* start_;
  QPushButton* cancel_;
  QPushButton* open_;
  QPushButton* resume_;
  QPushButton* openTrial_;
  QProgressBar* progress_;
  QLabel* status_;
  ParallelCoordinates* chart_;
  MetricSlices* slices_;
  QTableWidget* trials_;
};

}  // namespace vaecf::ui
