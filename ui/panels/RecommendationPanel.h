#pragma once
// One user's history and the current model's top-N for them, with titles and scores.
// The model is the run's best-by-validation weights (best.pt), as `vaecf recommend` uses.

#include <QWidget>

#include <filesystem>
#include <memory>

#include "session/SessionData.h"

class QComboBox;
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
  // Scores `userId` (a validation or test user's fold-in, or a training user's row);
  // emits problem() and returns false when there is no model or no such user.
  bool recommend(const QString& userId);
  QStringList recommendedItems() const;
  int historySize() const;

 Q_SIGNALS:
  void problem(const QString& message);

 private:
  QString itemLabel(const std::string& itemId) const;

  std::shared_ptr<const SessionData> data_;
  std::filesystem::path runFolder_;
  QComboBox* user_;
  QSpinBox* count_;
  QListWidget* history_;
  QTableWidget* top_;
};

}  // namespace vaecf::ui
