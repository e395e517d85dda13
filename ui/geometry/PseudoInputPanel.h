#pragma once
// The VampPrior's pseudo-inputs of a run (docs/geometry.md section 5): each one decoded from
// its encoded mean to the items it stands for, the taste prototype behind a marker on the
// latent map. Runs without a VampPrior (Mult-VAE, RecVAE, ...) show that they have none.

#include <QWidget>

#include <filesystem>
#include <memory>
#include <vector>

#include "geometry/GeometryJob.h"

class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace vaecf::ui {

class PseudoInputPanel : public QWidget {
  Q_OBJECT

 public:
  explicit PseudoInputPanel(QWidget* parent = nullptr);

  void setData(std::shared_ptr<const SessionData> data);
  // Decodes the run's pseudo-inputs on a worker thread.
  void setRunFolder(const std::filesystem::path& runFolder);
  // Shows pseudo-input `component` (0-based; the map's clicked marker), once decoded when
  // the decoding still runs. False when the run has no such component.
  bool selectPseudoInput(int component);
  void setTopItems(int count);  // decodes again
  void cancel();

  bool isBusy() const;
  QString stateText() const;
  int pseudoInputCount() const;
  int selectedPseudoInput() const;  // -1 when none
  // Item columns and labels shown for the selected pseudo-input, best first.
  std::vector<std::int64_t> shownItems() const;
  QStringList shownItemLabels() const;
  std::shared_ptr<const PseudoInputResult> result() const { return result_; }

 Q_SIGNALS:
  // The pseudo-input shown changed; -1: none (another run, or none decoded).
  void pseudoInputSelected(int component);
  void problem(const QString& message);

 private:
  static QString modelsWithPriorComponents();
  void decode();
  void decodePending();
  void showResult(std::shared_ptr<const PseudoInputResult> result);
  void showItems(int component);
  void clear();

  std::shared_ptr<const SessionData> data_;
  std::filesystem::path runFolder_;
  std::shared_ptr<const PseudoInputResult> result_;
  QString idleState_;
  int requested_ = -1;  // asked for while decoding; shown when the result arrives
  bool pending_ = false;  // a decode asked for while the job ran

  GeometryJob* job_;
  QLabel* state_;
  QPushButton* cancel_;
  QSpinBox* topItems_;
  QListWidget* components_;
  QTableWidget* items_;
};

}  // namespace vaecf::ui
