#pragma once
// The window's Lessons tab: the lesson browser as a start page, and the lesson being
// walked. A lesson's runs go to RUNS_FOLDER/lessons/NAME (NAME-short in the short
// setting), so that coming back to a lesson finds the runs already trained.

#include <QWidget>
#include <filesystem>
#include <optional>
#include <string>

#include "lessons/Lesson.h"
#include "lessons/LessonState.h"

class QStackedWidget;

namespace vaecf::ui {

class LessonBrowser;
class LessonView;

class LessonWorkspace : public QWidget {
  Q_OBJECT

 public:
  explicit LessonWorkspace(QWidget* parent = nullptr);

  void setRunsFolder(const std::filesystem::path& folder) { runsFolder_ = folder; }
  // The language of lesson text: the window's (QLocale's default).
  static std::string language();

  void showBrowser();
  bool showsLesson() const;
  void startLesson(const lessons::Lesson& lesson, bool shortSetting);
  // A saved lesson (lessons/LessonState.h). False, with the reason sent as problem(), when
  // the file or the lesson it names cannot be read.
  bool saveLesson(const std::filesystem::path& file);
  bool openLesson(const std::filesystem::path& file);
  // The lesson being walked, as saveLesson writes it; none while the browser is shown.
  std::optional<LessonState> lessonShown() const;
  // Opens a lesson as it was left, in the state's language; false, with problem(), when
  // its lesson cannot be read.
  bool reopen(const LessonState& state);
  bool writeReport(const std::filesystem::path& file);

  LessonBrowser* browser() const { return browser_; }
  LessonView* view() const { return view_; }

 Q_SIGNALS:
  void problem(const QString& message);

 private:
  std::filesystem::path runsFolder_;
  QStackedWidget* pages_;
  LessonBrowser* browser_;
  LessonView* view_;
};

}  // namespace vaecf::ui
