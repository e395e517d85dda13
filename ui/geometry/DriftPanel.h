#pragma once
// Neighbourhood drift against the keep rate rho (docs/geometry.md section 4): the focus user's
// curve, one curve per cohort and the overall mean, for two runs at once (e.g. without
// and with PIA). Both runs share one chart, run A solid and run B dashed with the same
// colour per curve, so the gap between them reads off one drift axis rather than two
// separately scaled ones. Each run is computed by its own GeometryJob.

#include <QPointF>
#include <QVector>
#include <QWidget>

#include <array>
#include <filesystem>
#include <memory>
#include <optional>

#include "geometry/GeometryJob.h"

class QChart;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QValueAxis;

namespace vaecf::ui {

class ChartView;

class DriftPanel : public QWidget {
  Q_OBJECT

 public:
  enum Run { RunA = 0, RunB = 1 };

  explicit DriftPanel(QWidget* parent = nullptr);

  // Each clears the curves; setRuns and setFocusPosition compute what they need.
  void setData(std::shared_ptr<const SessionData> data);
  // An empty path leaves that side empty.
  void setRuns(const std::filesystem::path& runA, const std::filesystem::path& runB);
  // The user whose own curve is drawn in each run whose sample has them; empty: none.
  void setFocusUser(const QString& userId);

  // Keep rates, users, seed, masks and k of the next computation (the panel's controls).
  void setRequest(const DriftRequest& request);
  DriftRequest request() const;
  // Computes both runs; a run whose job is busy follows when it ends.
  void compute();
  void cancel();

  bool isBusy() const;
  QString stateText() const;
  std::shared_ptr<const DriftResult> result(Run run) const { return sides_[run].result; }
  // Drawn curves by legend name: run A or B with the run's name, then the curve
  // ("A (vamp 20261206-141502): overall", "B (multvae pia): 11-50", ...).
  QStringList curveNames() const;
  QVector<QPointF> curvePoints(const QString& name) const;
  QChart* chart() const { return chart_; }
  // Every drawn figure: run, folder, curve, users, keep rate, drift. Written atomically.
  bool exportCsv(const QString& path) const;

 Q_SIGNALS:
  void problem(const QString& message);

 private:
  struct Side {
    std::filesystem::path folder;
    QString name;  // runDisplayName of the folder
    GeometryJob* job = nullptr;
    std::shared_ptr<const DriftResult> result;
    bool pending = false;  // asked for while the job ran
    QString state;
  };
  // One drawn curve of one run.
  struct Curve {
    enum class Kind { Overall, Cohort, Focus };
    Run run;
    Kind kind;
    QString name;
    std::size_t users = 0;
    QVector<QPointF> points;
  };

  void computeSide(Run run);
  void finishSide(Run run);
  void clearSide(Run run);
  void showState();
  void redraw();
  std::vector<Curve> curves() const;
  static QString runName(Run run);
  QString curvePrefix(Run run) const;

  std::shared_ptr<const SessionData> data_;
  QString focusUser_;
  std::array<Side, 2> sides_;

  QLineEdit* keepRates_;
  QSpinBox* users_;
  QSpinBox* seed_;
  QSpinBox* masks_;
  QSpinBox* neighbours_;
  QPushButton* cancel_;
  QLabel* state_;
  QChart* chart_;
  ChartView* view_;
  QValueAxis* rateAxis_;
  QValueAxis* driftAxis_;
  QLabel* readout_;
};

}  // namespace vaecf::ui
