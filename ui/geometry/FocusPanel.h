#pragma once
// One focus user of a run's latent sample (docs/geometry.md sections 2-4): who they are, their
// history and recommendations, their nearest neighbours in latent space beside those the
// 2-D map suggests, who helps them (gradient transfer against W2 distance, with the
// sharing radius) and how far their neighbourhood drifts when their input is masked.
// Computed on a GeometryJob; the previous study stays on screen while the next one runs.

#include <QWidget>

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "geometry/GeometryJob.h"

class QChart;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QScatterSeries;
class QLineSeries;
class QSpinBox;
class QTableWidget;
class QValueAxis;

namespace vaecf::ui {

class ChartView;

class FocusPanel : public QWidget {
  Q_OBJECT

 public:
  explicit FocusPanel(QWidget* parent = nullptr);

  // Each clears the shown study.
  void setData(std::shared_ptr<const SessionData> data);
  void setRunFolder(const std::filesystem::path& runFolder);

  // Studies a user of the run's latent sample: by position (a click on the map) or by id.
  // A request while a study runs cancels it and follows it. False without data or run.
  bool studyPosition(std::int64_t position);
  bool studyUser(const QString& userId);
  void cancel();
  // The user id field, as typed (a restored session fills it in without a study).
  QString userText() const;
  void setUserText(const QString& userId);

  // Keep rates, masks, k and top-N of the next study (the panel's own controls).
  void setOptions(const geometry::FocusOptions& options);
  geometry::FocusOptions options() const;

  // The current frame's map of the sample's users ([sample size, 2]); the map neighbours
  // are recomputed from it.
  void setMapCoordinates(geometry::RowMatrix map);

  // What the map draws, from the shown study (empty without one).
  std::shared_ptr<const FocusResult> result() const { return result_; }
  std::vector<std::int64_t> usersWithinRadius() const;  // sample positions with d < r_share, focus excluded
  std::vector<std::int64_t> latentNeighbours() const;   // by W2, nearest first
  std::vector<std::int64_t> mapNeighbours() const { return mapNeighbours_; }  // on the 2-D map, nearest first
  int neighbourOverlap() const;                          // users in both lists
  std::vector<geometry::MaskedCloud> maskedClouds() const;

  // What is shown, for tests.
  bool isBusy() const;
  QString stateText() const;
  QStringList historyItems() const;
  QStringList recommendedItems() const;
  int helpfulPoints() const;
  int unhelpfulPoints() const;
  QChart* transferChart() const { return chart_; }
  GeometryJob* job() const { return job_; }

 Q_SIGNALS:
  // A new study is on screen (the map highlights its users and masked clouds).
  void studied(std::shared_ptr<const vaecf::ui::FocusResult> result);
  void problem(const QString& message);

 private:
  bool request(FocusRequest request);
  void startPending();
  void showResult(std::shared_ptr<const FocusResult> result);
  void clear();
  void showState(const QString& text, bool error = false);
  void showProgress(const QString& stage, qint64 done, qint64 total);
  void showSummary();
  void showItems();
  void updateMapNeighbours();
  void showNeighbours();
  void showTransfer();
  void showClouds();
  QString itemLabel(std::int64_t column) const;
  QString userLabel(std::int64_t position) const;

  std::shared_ptr<const SessionData> data_;
  std::filesystem::path runFolder_;
  std::shared_ptr<const FocusResult> result_;
  std::optional<FocusRequest> pending_;  // asked for while another study ran
  QString idleState_;                    // what the state line says when nothing runs
  geometry::RowMatrix map_;
  std::vector<std::int64_t> mapNeighbours_;

  GeometryJob* job_;
  QLabel* state_;
  QPushButton* cancel_;
  QLineEdit* userId_;
  QLineEdit* keepRates_;
  QSpinBox* masks_;
  QSpinBox* neighbours_;
  QSpinBox* topN_;
  QLabel* summary_;
  QListWidget* history_;
  QListWidget* recommendations_;
  QTableWidget* neighbourTable_;
  QLabel* overlap_;
  QChart* chart_;
  ChartView* chartView_;
  QValueAxis* distanceAxis_;
  QValueAxis* transferAxis_;
  QValueAxis* shareAxis_;
  QScatterSeries* helpful_;
  QScatterSeries* unhelpful_;
  QLineSeries* sharing_;
  QLineSeries* radius_;
  QLabel* transferNote_;
  QLabel* readout_;
  QTableWidget* clouds_;
};

// "0.25, 0.5, 1" as keep rates in (0, 1]; nullopt when a field is not one.
std::optional<std::vector<double>> parseKeepRates(const QString& text);
QString formatKeepRates(const std::vector<double>& rates);

}  // namespace vaecf::ui
