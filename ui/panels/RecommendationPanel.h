#pragma once
// One user's history and a run's top-N for them, with titles and scores: the run selected
// in the run table, or else the one trained last. Scored off the GUI thread with the run's
// best-by-validation weights, exactly as `vaecf recommend` does (core recommendFromRun).

#include <QWidget>

#include <filesystem>
#include <memory>
#include <vector>

#include "session/RecommendJob.h"
#include "session/SessionData.h"

class QComboBox;
class QLabel;
class QListWidget;
class QSpinBox;
class QTableWidget;

namespace vaecf::ui {

class RecommendationPanel : public QWidget {
  Q_OBJECT

 public:
  explicit RecommendationPanel(QWidget* parent = nullptr);

  void setData(std::shared_ptr<const SessionData> data);
  void setRunFolder(const std::filesystem::path& runFolder);
  const std::filesystem::path& runFolder() const { return runFolder_; }
  // Starts scoring `userId` (a training user's row, or a validation or test user's fold-in
  // and heldout items together); recommended() or problem() follows. Emits problem() and
  // returns false at once when there is no data or no run.
  bool recommend(const QString& userId);
  QStringList recommendedItems() const;
  // What the table shows, unrounded; empty before the first answer.
  const std::vector<RecommendedItem>& recommendations() const { return shown_; }
  int historySize() const;

 Q_SIGNALS:
  void recommended();
  void problem(const QString& message);

 private:
  QString itemLabel(const std::string& itemId) const;
  void show(const RunRecommendations& result);

  std::shared_ptr<const SessionData> data_;
  std::filesystem::path runFolder_;
  RecommendJob job_;
  std::vector<RecommendedItem> shown_;
  QLabel* run_;
  QComboBox* user_;
  QSpinBox* count_;
  QListWidget* history_;
  QTableWidget* top_;
};

}  // namespace vaecf::ui
