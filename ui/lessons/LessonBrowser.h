#pragma once
// The lessons start page: every lesson the workbench finds (bundled, the user's, plugins'),
// in order, with what it teaches, and a lesson file that cannot be read listed with why.

#include <QWidget>
#include <string>
#include <vector>

#include "lessons/Lesson.h"

class QCheckBox;
class QListWidget;
class QPushButton;

namespace vaecf::ui {

class LessonBrowser : public QWidget {
  Q_OBJECT

 public:
  explicit LessonBrowser(QWidget* parent = nullptr);

  // Reads the lesson catalogue anew, with the text of `language` where a translation exists.
  void reload(const std::string& language);
  QListWidget* list() const { return list_; }
  bool shortSetting() const;
  void setShortSetting(bool on);
  // Starts the lesson in row `row` (what the Start button does).
  void start(int row);

 Q_SIGNALS:
  void startRequested(const vaecf::lessons::Lesson& lesson, bool shortSetting);
  void openRequested();

 private:
  std::vector<lessons::CatalogEntry> entries_;
  QListWidget* list_;
  QCheckBox* short_;
  QPushButton* start_;
};

}  // namespace vaecf::ui
