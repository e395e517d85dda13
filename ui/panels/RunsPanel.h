#pragma once
// The runs under the runs folder as a table (model, key parameters, best validation
// metrics, time, state). Selecting several overlays them on the charts; the parameters
// that differ between the selected runs are highlighted.

#include <QWidget>

#include <filesystem>
#include <vector>

#include "runs/RunStore.h"

class QTableWidget;
class QLabel;
class QAction;
class QHBoxLayout;

namespace vaecf::ui {

class RunsPanel : public QWidget {
  Q_OBJECT

 public:
  explicit RunsPanel(QWidget* parent = nullptr);

  void setFolder(const std::filesystem::path& folder);
  // Re-reads the folder: new runs, and runs still being written, appear with their latest events.
  void refresh();
  std::vector<std::filesystem::path> selectedRuns() const;
  void selectRuns(const std::vector<std::filesystem::path>& folders);
  int runCount() const;
  // Parameter names whose values differ between the selected runs.
  QStringList differingParameters() const;
  // Offers `action` (e.g. Continue run) as a button beside Refresh and in the table's context menu.
  void addRunAction(QAction* action);

 Q_SIGNALS:
  void selectionChanged();

 private:
  void highlightDifferences();
  int firstParameterColumn() const;

  std::filesystem::path folder_;
  std::vector<RunSummary> runs_;
  QStringList parameterColumns_;
  QStringList metricColumns_;  // the best validation values shown, before the parameters
  QTableWidget* table_;
  QLabel* folderLabel_;
  QHBoxLayout* buttons_ = nullptr;
};

}  // namespace vaecf::ui
