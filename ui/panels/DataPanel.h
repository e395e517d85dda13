#pragma once
// Choosing and loading the data: bundled, synthetic, a dataset in any format a plugin
// reads (detected, or chosen with its options) or a canonical split folder; the
// split protocol; statistics and the user-activity histogram with the cohort edges.

#include <QWidget>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "data/Importers.h"
#include "session/SessionData.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace vaecf::ui {

class ActivityHistogram;

class DataPanel : public QWidget {
  Q_OBJECT

 public:
  explicit DataPanel(QWidget* parent = nullptr);

  // What the form describes; throws Error when a field is invalid.
  DataRequest request() const;
  void setRequest(const DataRequest& request);
  // "5,11,51,101"; throws Error unless ascending positive integers.
  std::vector<std::uint32_t> cohortEdges() const;
  void setCohortEdges(const std::vector<std::uint32_t>& edges);

  void showLoading(bool loading);
  void showProgress(const QString& stage, qint64 done, qint64 total);
  void showData(const SessionData& data);
  QString statistics() const;
  ActivityHistogram* histogram() const { return histogram_; }

 Q_SIGNALS:
  void loadRequested(const vaecf::ui::DataRequest& request);
  void cancelRequested();
  void cohortEdgesChanged(const std::vector<std::uint32_t>& edges);
  void problem(const QString& message);

 private:
  enum Source { Bundled, Synthetic, Dataset, SplitFolder };

  void updateSourceFields();
  void browse();
  void editFormatOptions();
  void requestLoad();

  QComboBox* source_;
  QComboBox* format_;
  QLineEdit* path_;
  QPushButton* browse_;
  QPushButton* options_;
  QLineEdit* threshold_;
  QSpinBox* minPositives_;
  QSpinBox* heldoutUsers_;
  QDoubleSpinBox* heldoutFraction_;
  QSpinBox* splitSeed_;
  QSpinBox* syntheticUsers_;
  QSpinBox* syntheticItems_;
  QLineEdit* edges_;
  QPushButton* load_;
  QPushButton* cancel_;
  QProgressBar* progress_;
  QLabel* stats_;
  ActivityHistogram* histogram_;
  std::map<std::string, std::string> formatOptions_;  // for the format chosen
};

}  // namespace vaecf::ui
