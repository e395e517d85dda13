#include "lessons/LessonWorkspace.h"

#include <QFileDialog>
#include <QLocale>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "common/Error.h"
#include "lessons/LessonBrowser.h"
#include "lessons/LessonState.h"
#include "lessons/LessonView.h"

namespace fs = std::filesystem;

namespace vaecf::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

}  // namespace

LessonWorkspace::LessonWorkspace(QWidget* parent)
    : QWidget(parent),
      pages_(new QStackedWidget(this)),
      browser_(new LessonBrowser(this)),
      view_(new LessonView(this)) {
  pages_->addWidget(browser_);
  pages_->addWidget(view_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(pages_);

  connect(browser_, &LessonBrowser::startRequested, this, &LessonWorkspace::startLesson);
  connect(browser_, &LessonBrowser::openRequested, this, [this] {
    const QString file = QFileDialog::getOpenFileName(this, tr("Open a saved lesson"), QString(),
                                                      tr("Saved lessons (*.vaecf-lesson.json *.json)"));
    if (!file.isEmpty()) openLesson(file.toStdString());
  });
  connect(view_, &LessonView::leaveRequested, this, &LessonWorkspace::showBrowser);
  connect(view_, &LessonView::saveRequested, this, [this] {
    const QString file = QFileDialog::getSaveFileName(this, tr("Save the lesson"), QString(),
                                                      tr("Saved lessons (*.vaecf-lesson.json)"));
    if (!file.isEmpty()) saveLesson(file.toStdString());
  });
  connect(view_, &LessonView::reportRequested, this, [this] {
    const QString file =
        QFileDialog::getSaveFileName(this, tr("Write a lesson report"), QString(), tr("HTML pages (*.html)"));
    if (!file.isEmpty()) writeReport(file.toStdString());
  });
  connect(view_, &LessonView::problem, this, &LessonWorkspace::problem);
  showBrowser();
}

std::string LessonWorkspace::language() {
  return QLocale().name().section(QLatin1Char('_'), 0, 0).toStdString();
}

void LessonWorkspace::showBrowser() {
  view_->cancel();
  browser_->reload(language());
  pages_->setCurrentWidget(browser_);
}

bool LessonWorkspace::showsLesson() const { return pages_->currentWidget() == view_; }

void LessonWorkspace::startLesson(const lessons::Lesson& lesson, bool shortSetting) {
  LessonState state;
  state.fast = shortSetting;
  state.workFolder = runsFolder_ / "lessons" / (lesson.name + (shortSetting ? "-short" : ""));
  view_->open(lesson, std::move(state));
  pages_->setCurrentWidget(view_);
}

bool LessonWorkspace::saveLesson(const fs::path& file) {
  try {
    saveLessonState(view_->state(), file);
    return true;
  } catch (const Error& error) {
    Q_EMIT problem(tr("The lesson could not be saved: %1").arg(qs(error.what())));
    return false;
  }
}

bool LessonWorkspace::openLesson(const fs::path& file) {
  LessonState state;
  try {
    state = loadLessonState(file);
  } catch (const Error& error) {
    Q_EMIT problem(tr("The lesson could not be opened: %1").arg(qs(error.what())));
    return false;
  }
  return reopen(state);
}

std::optional<LessonState> LessonWorkspace::lessonShown() const {
  if (!showsLesson()) return std::nullopt;
  return view_->state();
}

bool LessonWorkspace::reopen(const LessonState& state) {
  try {
    std::error_code error;
    // The lesson file it was saved from, else the lesson of that name here (another machine).
    const lessons::Lesson lesson = fs::is_regular_file(state.file, error)
                                       ? lessons::readLesson(state.file, state.language)
                                       : lessons::findLesson(state.lesson, state.language);
    view_->open(lesson, state);
    pages_->setCurrentWidget(view_);
    return true;
  } catch (const Error& error) {
    Q_EMIT problem(tr("The lesson could not be opened: %1").arg(qs(error.what())));
    return false;
  }
}

bool LessonWorkspace::writeReport(const fs::path& file) {
  try {
    view_->writeReport(file);
    return true;
  } catch (const Error& error) {
    Q_EMIT problem(tr("The report could not be written: %1").arg(qs(error.what())));
    return false;
  }
}

}  // namespace vaecf::ui
