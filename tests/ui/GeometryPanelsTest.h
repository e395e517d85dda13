#pragma once

#include <QObject>
#include <QTemporaryDir>

#include <filesystem>
#include <memory>

namespace vaecf::ui {

struct SessionData;

// The focus, drift and pseudo-input panels on tiny real runs: values checked against the
// core's results and hand counts.
class GeometryPanelsTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void focusStudyShowsTheUsersSampleRow();
  void neighbourOverlapMatchesAHandCount();
  void cancellingKeepsThePreviousStudy();
  void runOnOtherItemsGivesAClearError();
  void driftPanelDrawsOneCurvePerCohortForBothRuns();
  void runNamesDropTheModelPrefixOfTheirFolder();
  void pseudoInputsOfAVampRunDecodeAsTheModelDoes();
  void runWithoutVampPriorShowsNoPseudoInputs();

 private:
  QTemporaryDir folder_;
  std::shared_ptr<const SessionData> data_;
  std::filesystem::path multvae_;
  std::filesystem::path multvaePia_;
  std::filesystem::path vamp_;
  std::filesystem::path otherItems_;
};

}  // namespace vaecf::ui
