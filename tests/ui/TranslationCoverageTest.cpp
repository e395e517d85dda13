#include "TranslationCoverageTest.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTranslator>
#include <algorithm>

#include "SyntheticRequest.h"
#include "charts/ChartView.h"
#include "lessons/Lesson.h"
#include "lessons/LessonView.h"
#include "lessons/LessonWorkspace.h"
#include "panels/MessageBar.h"
#include "panels/LossPanel.h"
#include "panels/ModelPanel.h"
#include "plugin/ModelCatalog.h"
#include "session/TrainingSession.h"
#include "sweeps/SweepsPanel.h"
#include "window/MainWindow.h"
#include "window/WindowHost.h"

namespace vaecf::ui {

namespace {

const QChar kOpen(0x27E6);   // ⟦
const QChar kClose(0x27E7);  // ⟧

// Brackets every string any translator is asked for, Qt's own included.
class BracketingTranslator : public QTranslator {
 public:
  QString translate(const char*, const char* source, const char*, int) const override {
    return kOpen + QString::fromUtf8(source) + kClose;
  }
  bool isEmpty() const override { return false; }
};

// Text no translator should touch: numbers and symbols, file paths, and the names of
// models, options, metrics, cohorts, run folders and data sources (identifiers as the CLI
// spells them, a live option marked ●).
bool isData(const QString& text) {
  static const QRegularExpression data(QStringLiteral(
      R"(^[\s\d.,:;%+\-−–/()×x@→←…●◀▶✓✗✕#|=\[\]_]*$|^(● )?[a-z0-9_@.\-+]+(, [a-z0-9_@.\-+]+)*$|^/)"));
  return data.match(text).hasMatch();
}

// What plugins declare is shown as they wrote it: their options' help is English until
// plugins can ship translations (docs/plugins.md).
QStringList declaredHelp() {
  QStringList help;
  for (const ModelFamily& model : modelCatalog())
    for (const ParamSpec& spec : runParamSpecs(model)) help << QString::fromStdString(spec.help);
  return help;
}

// The language menu names each language in itself.
const QStringList kNativeLanguageNames{QStringLiteral("English"), QStringLiteral("Deutsch")};

void collect(const QString& text, const QString& where, QStringList& untranslated) {
  static const QStringList declared = declaredHelp();
  const QString plain =
      QString(text).remove(QRegularExpression(QStringLiteral("<[^>]*>"))).remove(QLatin1Char('&')).trimmed();
  if (plain.isEmpty() || plain.contains(kOpen) || isData(plain) || kNativeLanguageNames.contains(plain))
    return;
  if (std::any_of(declared.begin(), declared.end(),
                  [&](const QString& help) { return plain.startsWith(help); }))
    return;
  untranslated << QStringLiteral("%1: \"%2\"").arg(where, plain);
}

void collectActions(const QList<QAction*>& actions, const QString& where, QStringList& untranslated) {
  for (QAction* action : actions) {
    collect(action->text(), where + QStringLiteral(" action"), untranslated);
    collect(
        action->toolTip() == QString(action->text()).remove(QLatin1Char('&')) ? QString() : action->toolTip(),
        where + QStringLiteral(" tooltip"), untranslated);
    if (action->menu() != nullptr) collectActions(action->menu()->actions(), where, untranslated);
  }
}

QAction* languageAction(MainWindow& window, const QString& name) {
  for (QAction* menu : window.menuBar()->actions())
    if (menu->menu() != nullptr)
      for (QAction* action : menu->menu()->actions())
        if (action->text() == name) return action;
  return nullptr;
}

QString nameOf(const QWidget* widget) {
  return widget->objectName().isEmpty() ? QString::fromLatin1(widget->metaObject()->className())
                                        : widget->objectName();
}

}  // namespace

void TranslationCoverageTest::everyVisibleStringOfTheWindowIsTranslatable() {
  BracketingTranslator brackets;
  QApplication::installTranslator(&brackets);
  QTemporaryDir runs;
  {
    MainWindow window({runs.path().toStdString(), test::smallSynthetic(), {}});
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY_WITH_TIMEOUT(window.session().data() != nullptr, 60000);

    // A string planted without tr() proves the scan can fail.
    auto* planted = new QLabel(QStringLiteral("A planted string"), &window);
    planted->setObjectName(QStringLiteral("planted"));
    QStringList untranslated;
    collectActions(window.menuBar()->actions(), QStringLiteral("menu"), untranslated);
    for (const QToolBar* toolbar : window.findChildren<QToolBar*>())
      collectActions(toolbar->actions(), QStringLiteral("toolbar"), untranslated);
    for (const QWidget* widget : window.findChildren<QWidget*>()) {
      const QString where = nameOf(widget);
      collect(widget->toolTip(), where + QStringLiteral(" tooltip"), untranslated);
      if (const auto* label = qobject_cast<const QLabel*>(widget))
        collect(label->text(), where, untranslated);
      if (const auto* button = qobject_cast<const QAbstractButton*>(widget))
        collect(button->text(), where, untranslated);
      if (const auto* group = qobject_cast<const QGroupBox*>(widget))
        collect(group->title(), where, untranslated);
      if (const auto* dock = qobject_cast<const QDockWidget*>(widget))
        collect(dock->windowTitle(), where, untranslated);
      if (const auto* tabs = qobject_cast<const QTabWidget*>(widget))
        for (int i = 0; i < tabs->count(); ++i)
          collect(tabs->tabText(i), where + QStringLiteral(" tab"), untranslated);
    }
    untranslated.removeDuplicates();
    QVERIFY2(
        untranslated == QStringList{QStringLiteral("planted: \"A planted string\"")},
        qPrintable(QStringLiteral("shown without tr():\n  ") + untranslated.join(QStringLiteral("\n  "))));
  }
  QApplication::removeTranslator(&brackets);
}

void TranslationCoverageTest::languageSwitchesWithoutARestartAndKeepsTheSession() {
  QSettings().remove(QStringLiteral("language"));
  QTemporaryDir runs;
  WindowHost host({runs.path().toStdString(), test::smallSynthetic(), {}}, QStringLiteral(VAECF_QM_DIR));
  host.window().show();
  QTRY_VERIFY_WITH_TIMEOUT(host.window().session().data() != nullptr, 60000);
  host.window().modelPanel()->edit(QStringLiteral("epochs"), QStringLiteral("7"));
  host.window().showLatentSpace(true);
  QCOMPARE(host.window().menuBar()->actions().front()->text(), QStringLiteral("&File"));

  QSignalSpy replaced(&host, &WindowHost::windowReplaced);
  languageAction(host.window(), QStringLiteral("Deutsch"))->trigger();
  QCOMPARE(replaced.count(), 1);
  MainWindow& german = host.window();
  QCOMPARE(german.menuBar()->actions().front()->text(), QStringLiteral("&Datei"));
  QVERIFY(german.isVisible());
  QTRY_VERIFY_WITH_TIMEOUT(german.session().data() != nullptr, 60000);
  QCOMPARE(german.modelPanel()->value(QStringLiteral("epochs")), QStringLiteral("7"));
  QCOMPARE(german.session().params().integer("epochs"), std::int64_t(7));
  QCOMPARE(german.currentSession().centreView, std::string("latent"));
  QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("de"));

  // A run in training is not dropped for a language: the window asks to stop it first.
  german.action(MainWindow::Command::StepEpoch)->trigger();
  QTRY_VERIFY_WITH_TIMEOUT(german.session().status().state == TrainerState::Paused, 60000);
  languageAction(german, QStringLiteral("English"))->trigger();
  QCOMPARE(replaced.count(), 1);
  QVERIFY(!german.messageBar()->text().isEmpty());
  QVERIFY(german.action(MainWindow::Command::Stop)->isEnabled());
  german.action(MainWindow::Command::Stop)->trigger();
  QTRY_VERIFY_WITH_TIMEOUT(!german.session().hasRunInProgress(), 30000);

  languageAction(german, QStringLiteral("English"))->trigger();
  QCOMPARE(replaced.count(), 2);
  QCOMPARE(host.window().menuBar()->actions().front()->text(), QStringLiteral("&File"));
  QSettings().remove(QStringLiteral("language"));
}

// A sweep in training holds the language back; once it ends, the lesson being walked (its
// text now German), the sweep shown, the tab and the training chart's zoom come through.
void TranslationCoverageTest::languageSwitchKeepsTheLessonSweepAndZoom() {
  QSettings().remove(QStringLiteral("language"));
  QTemporaryDir runs;
  WindowHost host({runs.path().toStdString(), test::smallSynthetic(), {}}, QStringLiteral(VAECF_QM_DIR));
  MainWindow& english = host.window();
  english.show();
  QTRY_VERIFY_WITH_TIMEOUT(english.session().data() != nullptr, 60000);
  english.modelPanel()->choose(QStringLiteral("ease"));
  english.showSweeps();
  SweepsPanel& sweeps = *english.sweepsPanel();
  QVERIFY(sweeps.sweepValues(QStringLiteral("lambda"), QStringLiteral("10,20,40")));
  QVERIFY(sweeps.start());
  QSignalSpy replaced(&host, &WindowHost::windowReplaced);
  languageAction(english, QStringLiteral("Deutsch"))->trigger();
  QCOMPARE(replaced.count(), 0);
  QVERIFY(english.messageBar()->text().contains(QStringLiteral("sweep")));
  QTRY_VERIFY_WITH_TIMEOUT(!sweeps.isRunning(), 60000);
  const std::filesystem::path sweep = sweeps.sweepFolder();
  QVERIFY(!sweep.empty());

  english.lessonWorkspace()->startLesson(lessons::findLesson("kl-weight", "en"), true);
  english.lessonWorkspace()->view()->showStep(1);
  const QRectF zoom(QPointF(2.0, 10.0), QPointF(6.0, 40.0));
  english.lossPanel()->view()->zoomTo(zoom);
  QCOMPARE(english.lossPanel()->view()->zoomedArea(), std::optional<QRectF>(zoom));

  languageAction(english, QStringLiteral("Deutsch"))->trigger();
  QCOMPARE(replaced.count(), 1);
  MainWindow& german = host.window();
  QCOMPARE(german.currentSession().centreView, std::string("sweeps"));
  QCOMPARE(german.sweepsPanel()->sweepFolder(), sweep);
  const std::optional<LessonState> lesson = german.lessonWorkspace()->lessonShown();
  QVERIFY(lesson.has_value());
  QCOMPARE(lesson->lesson, std::string("kl-weight"));
  QCOMPARE(lesson->language, std::string("de"));
  QCOMPARE(german.lessonWorkspace()->view()->stepIndex(), 1);
  QVERIFY(german.lossPanel()->view()->isZoomed());
  QCOMPARE(german.lossPanel()->view()->zoomedArea(), std::optional<QRectF>(zoom));
  QSettings().remove(QStringLiteral("language"));
}

}  // namespace vaecf::ui
