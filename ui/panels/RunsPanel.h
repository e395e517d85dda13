#pragma once
// The runs under the runs folder as an experiment table: run, dataset, model, state,
// epochs, time, best validation and test metrics, and every parameter with its live
// changes. Columns sort on a header click (numbers as numbers, runs within their group);
// the filter keeps rows that hold every word (anywhere in the row, or a column's whole
// value: "state:finished"). Selecting several overlays them on the charts; the parameters
// that differ between them are highlighted. The header's context menu hides and shows
// columns; runs can be grouped by dataset or model under a row per group. Each run the
// charts draw has a swatch of its colour beside its name; "Colour…" in the context menu
// asks for another.

#include <QColor>
#include <QWidget>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <vector>

#include "runs/RunJobs.h"

class QTreeWidget;
class QTreeWidgetItem;
class QLabel;
class QAction;
class QComboBox;
class QHBoxLayout;
class QLineEdit;
class QMenu;

namespace vaecf::ui {

class RunsPanel : public QWidget {
  Q_OBJECT

 public:
  enum class Grouping { None, Dataset, Model };

  explicit RunsPanel(QWidget* parent = nullptr);

  void setFolder(const std::filesystem::path& folder);
  // Lists a run kept outside the folder (a sweep's trial) with the folder's runs, until
  // the folder changes.
  void addRun(const std::filesystem::path& run);
  // Re-reads the folder off the GUI thread: new runs, and runs still being written, appear
  // with their latest events once it is read (refreshed()). A refresh asked for while one
  // reads follows it.
  void refresh();
  bool isRefreshing() const;
  // In table order; group rows are never among them.
  std::vector<std::filesystem::path> selectedRuns() const;
  // Selects the runs now, and again once a refresh under way has listed them.
  void selectRuns(const std::vector<std::filesystem::path>& folders);
  int runCount() const;
  // Filters as the filter box does; the number of rows it leaves shown.
  void setFilter(const QString& text);
  int visibleRunCount() const;
  // Parameter names whose values differ between the selected runs.
  QStringList differingParameters() const;
  // Offers `action` (e.g. Continue run) as a button beside Refresh and in the table's context menu.
  void addRunAction(QAction* action);
  // The hidden columns by key ("dataset", "best:ndcg@100", "param:lr"), kept for columns
  // the current runs lack so that a session restores them all.
  QStringList hiddenColumns() const;
  void setHiddenColumns(const QStringList& keys);
  Grouping grouping() const;
  void setGrouping(Grouping grouping);
  // The training run's progress in its row while its events are being written.
  void showLiveProgress(const std::filesystem::path& run, TrainerState state, std::int64_t epoch,
                        double seconds);
  // The colours the charts draw runs in, as swatches beside their names; other runs show none.
  void showRunColours(std::map<std::filesystem::path, QColor> colours);
  QColor runColour(const std::filesystem::path& folder) const;

 Q_SIGNALS:
  void selectionChanged();
  void refreshed();
  // "Colour…" was chosen on the run in `folder`.
  void colourRequested(const std::filesystem::path& folder);

 private:
  void takeRuns(const std::vector<RunSummary>& runs);
  // Rebuilds the rows from runs_, grouped as chosen, and selects `selected` again.
  void fillTable(const std::vector<std::filesystem::path>& selected);
  QStringList collapsedGroups() const;
  QTreeWidgetItem* groupItem(const RunSummary& run, std::map<QString, QTreeWidgetItem*>& groups);
  void fillRow(QTreeWidgetItem& item, const RunSummary& run);
  void fillProgress(QTreeWidgetItem& item, const RunSummary& run);
  void applyFilter();
  void paintSwatches();
  void labelGroups();
  void applyHiddenColumns();
  void fillColumnMenu();
  void checkColumnMenu();
  QStringList columnKeys() const;
  void highlightDifferences();
  std::size_t runIndex(const QTreeWidgetItem& item) const;
  const RunSummary& runOf(const QTreeWidgetItem& item) const;
  std::vector<QTreeWidgetItem*> runItems() const;
  std::vector<const QTreeWidgetItem*> selectedRunItems() const;
  int firstParameterColumn() const;

  std::filesystem::path folder_;
  std::vector<RunSummary> runs_;
  std::map<std::filesystem::path, QColor> colours_;
  std::vector<std::filesystem::path> addedRuns_;
  bool refreshAgain_ = false;
  std::optional<std::vector<std::filesystem::path>> pendingSelection_;  // to select once listed
  QStringList parameterColumns_;
  QStringList metricColumns_;  // shown twice, best validation then test, before the parameters
  QStringList hiddenColumns_;
  QTreeWidget* table_;
  QLineEdit* filter_;
  QComboBox* grouping_;
  QMenu* columnMenu_;
  QLabel* folderLabel_;
  RunListJob* listJob_;
  QHBoxLayout* buttons_ = nullptr;
};

}  // namespace vaecf::ui
