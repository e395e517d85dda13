#pragma once
// Two runs compared user by user on their shared test users, as `vaecf compare` does
// (docs/comparison.md): for each metric, overall and per cohort, both means, the paired
// difference with its bootstrap interval and p-value, and which run is better, if either.
// The comparison runs on a worker thread; closing the dialog cancels it.

#include <QDialog>

#include <filesystem>

#include "experiment/RunComparison.h"

class QLabel;
class QProgressBar;
class QTableWidget;

namespace vaecf::ui {

class CompareJob;

class ComparisonDialog : public QDialog {
  Q_OBJECT

 public:
  ComparisonDialog(const std::filesystem::path& runA, const std::filesystem::path& runB, QWidget* parent = nullptr);

  bool isComparing() const;
  const QTableWidget* table() const { return table_; }
  QString summary() const;

 Q_SIGNALS:
  void shown();  // the result is on screen (or why there is none)

 private:
  void showComparison(const RunComparison& comparison);
  void addRow(const MetricComparison& metric, const QString& users, const PairedResult& result,
              const RunComparison& runs);

  CompareJob* job_;
  QLabel* summary_;
  QProgressBar* progress_;
  QTableWidget* table_;
};

}  // namespace vaecf::ui
