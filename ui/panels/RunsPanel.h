#pragma once
// The runs under the runs folder as an experiment table: run, dataset, model, state,
// epochs, time, best validation and test metrics, and every parameter with its live
// changes. Columns sort on a header click (numbers as numbers); the filter keeps rows that
// hold every word (anywhere in the row, or a column's whole value: "state:finished"). Selecting several
// overlays them on the charts, each in its colour (a swatch beside its name; "Colour…" in
// the context menu asks for another); the parameters that differ between them are highlighted.

#include <QColor>
#include <QWidget>

#include <filesystem>
#include <map>
#include <vector>

#include "runs/RunStore.h"

class QTableWidget;
class QLabel;
class QAction;
class QHBoxLayout;
class QLineEdit;

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
  // Filters as the filter box does; the number of rows it leaves shown.
  void setFilter(const QString& text);
  int visibleRunCount() const;
  // Parameter names whose values differ between the selected runs.
  QStringList differingParameters() const;
  // Offers `action` (e.g. Continue run) as a button beside Refresh and in the table's context menu.
  void addRunAction(QAction* action);
  // The colours the charts draw runs in, as swatches beside their names; other runs show none.
  void showRunColours(std::map<std::filesystem::path, QColor> colours);
  QColor runColour(const std::filesystem::path& folder) const;

 Q_SIGNALS:
  void selectionChanged();
  // "Colour…" was chosen on the run in `folder`.
  void colourRequested(const std::filesystem::path& folder);

 private:
  void fillRow(int row, const RunSummary& run);
  void applyFilter();
  void paintSwatches();
  void highlightDifferences();
  const RunSummary& runAt(int row) const;
  std::vector<int> selectedRows() const;
  int firstParameterColumn() const;

  std::filesystem::path folder_;
  std::vector<RunSummary> runs_;
  std::map<std::filesystem::path, QColor> colours_;
  QStringList parameterColumns_;
  QStringList metricColumns_;  // shown twice, best validation then test, before the parameters
  QTableWidget* table_;
  QLineEdit* filter_;
  QLabel* folderLabel_;
  QHBoxLayout* buttons_ = nullptr;
};

}  // namespace vaecf::ui
