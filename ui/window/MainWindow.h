#pragma once
// The workbench window: panels in docks around the charts, training controls in a
// toolbar, state in the status bar. It wires panels to the TrainingSession and holds no
// training logic of its own.

#include <QMainWindow>
#include <QRectF>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "charts/RunColours.h"
#include "help/HelpDialog.h"
#include "lessons/LessonState.h"
#include "session/SessionData.h"
#include "session/SessionFile.h"

class QAction;
class QLabel;
class QSpinBox;
class QTabWidget;
class QTimer;

namespace vaecf::ui {

class CohortPanel;
class ComparisonDialog;
class DataPanel;
class LatentWorkspace;
class LessonWorkspace;
class LossPanel;
class MessageBar;
class ModelPanel;
class RecommendationPanel;
class RunHistory;
class RunHistoryJob;
struct LoadedHistory;
class RunsPanel;
class SweepsPanel;
class TrainingSession;

struct WorkbenchConfig {
  std::filesystem::path runsFolder;
  std::optional<DataRequest> initialData;  // loaded at start; none: wait for the user
  std::filesystem::path sessionAutosave;   // the session is saved there on close; empty: not saved
};

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  enum class Command { Run, Pause, StepBatch, StepEpoch, Stop, Reset, ContinueRun, CompareRuns };

  explicit MainWindow(WorkbenchConfig config, QWidget* parent = nullptr);
  ~MainWindow() override;

  TrainingSession& session() { return *session_; }
  QAction* action(Command command) const { return actions_.at(command); }
  LossPanel* lossPanel() const { return lossPanel_; }
  CohortPanel* cohortPanel() const { return cohortPanel_; }
  DataPanel* dataPanel() const { return dataPanel_; }
  ModelPanel* modelPanel() const { return modelPanel_; }
  RunsPanel* runsPanel() const { return runsPanel_; }
  RecommendationPanel* recommendationPanel() const { return recommendationPanel_; }
  LatentWorkspace* latentWorkspace() const { return latentWorkspace_; }
  LessonWorkspace* lessonWorkspace() const { return lessons_; }
  SweepsPanel* sweepsPanel() const { return sweeps_; }
  // Shows the latent space (true) or the training curves in the window's centre.
  void showLatentSpace(bool latent);
  // Shows the Lessons tab: the lesson browser, or the lesson being walked.
  void showLessons();
  void showSweeps();
  // Lists a run kept outside the runs folder (a sweep's trial) in the run table, selected,
  // so that the charts show it.
  void openRun(const std::filesystem::path& run);
  MessageBar* messageBar() const { return messageBar_; }
  QString statusText() const;
  // Draws the run `runId` (its folder's name) in `colour` on every chart from now on.
  void setRunColour(const QString& runId, const QColor& colour);
  // Opens the comparison of the two runs selected in the run table (null unless two are).
  ComparisonDialog* compareSelectedRuns();
  // Help → First steps (F1) and Help → Glossary; null until first shown.
  void showHelp(HelpDialog::Page page);
  HelpDialog* helpDialog() const { return help_; }

  // Shows the request in the data panel and loads it off the GUI thread.
  void loadData(const DataRequest& request);
  // What the window holds and shows now, as a session file keeps it.
  SessionFile currentSession() const;
  void saveSession(const std::filesystem::path& file);
  // Restores a saved session: data, model and form, runs folder, selected runs, chosen run
  // colours, the centre view and the focus user. False (and the message shown) when it
  // cannot be read.
  bool loadSession(const std::filesystem::path& file);
  // What a rebuild of the window in another language (WindowHost) keeps beyond the session
  // file: the lesson being walked, the sweep shown and the zoom of the training charts.
  struct Views {
    std::optional<LessonState> lesson;
    std::filesystem::path sweep;
    std::optional<QRectF> lossZoom, validationZoom;
  };
  Views views() const;
  // The lesson's text in the window's language.
  void restoreViews(const Views& views);
  // A run, fit, sweep or lesson is training: the language cannot change now.
  bool busy() const;

 protected:
  void closeEvent(QCloseEvent* event) override;

 Q_SIGNALS:
  // A language from the Language menu ("" the system's), while no run is training.
  void languageChosen(const QString& code);

 private:
  void createActions();
  void createDocks();
  void createMenus();
  void connectSession();
  void showError(const QString& message);
  void updateStatus();
  void updateLiveRunRow();
  void updateActions();
  void continueSelectedRun();
  void refreshChartRuns();
  void chooseRunColour(const std::filesystem::path& folder);
  void updateLatentRuns();
  void readOverlays();
  void takeOverlays(const std::vector<LoadedHistory>& histories);
  void applyParameter(const QString& name, const QString& value);
  void setRunsFolder(const std::filesystem::path& folder);
  void restoreSettings();

  std::unique_ptr<TrainingSession> session_;
  std::map<Command, QAction*> actions_;
  // Selected runs read for the charts, with the size of events.jsonl when read, so runs
  // still being written are read again as they grow; runs that could not be read, at the
  // size they had, so that they are not read again until they change.
  struct Overlay {
    std::shared_ptr<RunHistory> history;
    std::uintmax_t eventBytes = 0;
  };
  std::map<std::filesystem::path, Overlay> overlays_;
  std::map<std::filesystem::path, std::uintmax_t> unreadable_;
  RunColours runColours_;

  MessageBar* messageBar_;
  LossPanel* lossPanel_;
  CohortPanel* cohortPanel_;
  DataPanel* dataPanel_;
  ModelPanel* modelPanel_;
  RunsPanel* runsPanel_;
  RecommendationPanel* recommendationPanel_;
  LatentWorkspace* latentWorkspace_;
  LessonWorkspace* lessons_;
  SweepsPanel* sweeps_;
  QTabWidget* centre_;
  std::int64_t latentEpoch_ = -1;  // the live run's epoch when its latent frames were last read
  bool latentFollowsLive_ = false;  // a run started and the user has selected no run since
  QSpinBox* resetSeed_;
  QLabel* stateLabel_;
  QLabel* progressLabel_;
  QTimer* overlayTimer_;
  RunHistoryJob* historyJob_;
  HelpDialog* help_ = nullptr;
  std::filesystem::path sessionAutosave_;
};

}  // namespace vaecf::ui
