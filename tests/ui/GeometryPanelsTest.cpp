#include "GeometryPanelsTest.h"

#include <QChart>
#include <QFile>
#include <QLegend>
#include <QLegendMarker>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <set>

#include "SyntheticRequest.h"
#include "geometry/DriftPanel.h"
#include "geometry/FocusPanel.h"
#include "geometry/PseudoInputPanel.h"
#include "runs/RunStore.h"
#include "session/SessionData.h"
#include "train/RunFolder.h"
#include "train/Training.h"
#include "train/TrainingParams.h"
#include "plugin/ModelCatalog.h"

namespace vaecf::ui {

namespace {

constexpr int kJobTimeoutMs = 120000;
constexpr std::size_t kTitledItems = 75;  // the first half of the items have a title and genres

using test::smallSynthetic;

std::filesystem::path trainRun(const SessionData& data, const std::string& model,
                               const std::vector<std::string>& extra, const std::filesystem::path& folder) {
  const ModelFamily definition = findModel(model);
  ParamSet params(trainingParamSpecs(definition));
  for (const char* assignment : {"threads=1", "device=cpu", "epochs=2", "batch_size=40", "latent_dim=8", "hidden_dim=32"})
    params.assign(assignment);
  for (const std::string& assignment : extra) params.assign(assignment);
  trainModel(TrainingSetup{definition, params, data.split, folder, data.recordedSource, {}, {}});
  return folder;
}

// The row the model sees for a user: the training row, or a heldout user's fold-in.
std::vector<std::int64_t> splitRow(const Split& split, const std::string& userId) {
  const std::pair<const std::vector<std::string>*, const CsrMatrix*> groups[] = {
      {&split.trainUserIds, &split.train},
      {&split.validationUserIds, &split.validationFoldIn},
      {&split.testUserIds, &split.testFoldIn}};
  for (const auto& [ids, matrix] : groups) {
    const auto found = std::find(ids->begin(), ids->end(), userId);
    if (found == ids->end()) continue;
    const auto row = found - ids->begin();
    return {matrix->rowColumns(row), matrix->rowColumns(row) + matrix->rowSize(row)};
  }
  return {};
}

std::vector<std::int64_t> sorted(std::vector<std::int64_t> values) {
  std::sort(values.begin(), values.end());
  return values;
}

// The k positions nearest to `focus` on a 2-D map, itself excluded, by brute force.
std::vector<std::int64_t> handMapNeighbours(const geometry::RowMatrix& map, std::int64_t focus, std::size_t k) {
  std::vector<std::pair<double, std::int64_t>> all;
  for (std::int64_t v = 0; v < map.rows; ++v) {
    if (v == focus) continue;
    const double dx = static_cast<double>(map.at(v, 0)) - map.at(focus, 0);
    const double dy = static_cast<double>(map.at(v, 1)) - map.at(focus, 1);
    all.emplace_back(dx * dx + dy * dy, v);
  }
  std::sort(all.begin(), all.end());
  std::vector<std::int64_t> nearest;
  for (std::size_t j = 0; j < k; ++j) nearest.push_back(all[j].second);
  return nearest;
}

geometry::FocusOptions smallFocusOptions() {
  geometry::FocusOptions options;
  options.keepRates = {0.5, 1.0};
  options.masks = 4;
  options.neighbours = 10;
  options.recommendations = 15;
  return options;
}

// The panel on `run` with the small study options.
void openFocus(FocusPanel& panel, std::shared_ptr<const SessionData> data, const std::filesystem::path& run) {
  panel.setData(std::move(data));
  panel.setRunFolder(run);
  panel.setOptions(smallFocusOptions());
}

std::shared_ptr<const FocusResult> studied(FocusPanel& panel, std::int64_t position) {
  QSignalSpy shown(&panel, &FocusPanel::studied);
  if (!panel.studyPosition(position)) return nullptr;
  if (!QTest::qWaitFor([&] { return shown.count() == 1 && !panel.isBusy(); }, kJobTimeoutMs)) return nullptr;
  return panel.result();
}

}  // namespace

void GeometryPanelsTest::initTestCase() {
  QVERIFY(folder_.isValid());
  const std::filesystem::path root = folder_.path().toStdString();
  SessionData data = loadSessionData(smallSynthetic(), root / "splits");
  // Titles and genres for some items only, to see both kinds of label.
  for (std::size_t item = 0; item < data.split->itemIds.size(); ++item) {
    if (item < kTitledItems)
      data.catalog[data.split->itemIds[item]] = ItemInfo{"Title " + std::to_string(item), {"Drama", "Comedy"}};
    else
      data.catalog.erase(data.split->itemIds[item]);
  }
  data_ = std::make_shared<const SessionData>(std::move(data));

  multvae_ = trainRun(*data_, "multvae", {}, root / "multvae");
  multvaePia_ = trainRun(*data_, "multvae", {"pia=true"}, root / "multvae-pia");
  vamp_ = trainRun(*data_, "vamp", {"pseudo_inputs=5", "warmup_epochs=1"}, root / "vamp");
  // The same run, claiming other items: as if trained on another dataset.
  otherItems_ = root / "other-items";
  std::filesystem::copy(multvae_, otherItems_, std::filesystem::copy_options::recursive);
  std::vector<std::string> items = data_->split->itemIds;
  items[3] = "not-an-item-of-this-split";
  writeRunItems(otherItems_, items);
}

void GeometryPanelsTest::focusStudyShowsTheUsersSampleRow() {
  FocusPanel panel;
  openFocus(panel, data_, multvae_);
  const auto result = studied(panel, 7);
  QVERIFY(result);
  const geometry::FocusStudy& study = result->study;
  QCOMPARE(study.position, std::int64_t(7));
  QCOMPARE(result->userId, result->run->sample->userIds[7]);
  QVERIFY(result->run->sampleFromTrail);  // the trainer saved the run's sample

  // The history is the user's row in the split, listed with titles where known.
  const std::vector<std::int64_t> row = splitRow(*data_->split, result->userId);
  QVERIFY(!row.empty());
  QCOMPARE(sorted(study.history), sorted(row));
  QCOMPARE(result->interactions, static_cast<std::uint32_t>(row.size()));
  auto checkLabel = [this](const QString& label, std::int64_t column) {
    const auto item = static_cast<std::size_t>(column);
    const QString id = QString::fromStdString(data_->split->itemIds[item]);
    if (item < kTitledItems) {
      QVERIFY2(label.contains(QStringLiteral("Title %1").arg(item)) && label.contains(id) &&
                   label.contains(QStringLiteral("Drama|Comedy")),
               qPrintable(label));
    } else {
      QVERIFY2(label.endsWith(id) && !label.contains(QStringLiteral("Title")), qPrintable(label));
    }
  };
  const QStringList history = panel.historyItems();
  QCOMPARE(history.size(), static_cast<qsizetype>(row.size()));
  for (std::size_t i = 0; i < study.history.size(); ++i) checkLabel(history[static_cast<int>(i)], study.history[i]);

  // Top-N unseen items, in the study's order.
  const QStringList recommended = panel.recommendedItems();
  QCOMPARE(recommended.size(), qsizetype(15));
  QCOMPARE(study.recommendations.size(), std::size_t(15));
  const std::set<std::int64_t> seen(row.begin(), row.end());
  for (std::size_t r = 0; r < study.recommendations.size(); ++r) {
    QVERIFY(seen.count(study.recommendations[r]) == 0);
    checkLabel(recommended[static_cast<int>(r)], study.recommendations[r]);
  }

  // One scatter point per other sampled user, split by the sign of the transfer.
  QVERIFY(study.transfer.has_value());
  const geometry::FocusTransfer& transfer = *study.transfer;
  const auto others = static_cast<int>(result->run->sample->size()) - 1;
  QCOMPARE(panel.helpfulPoints() + panel.unhelpfulPoints(), others);
  int helpful = 0;
  for (std::size_t v = 0; v < transfer.transfer.size(); ++v)
    if (static_cast<std::int64_t>(v) != transfer.focusRow && transfer.transfer[v] > 0.0) ++helpful;
  QCOMPARE(panel.helpfulPoints(), helpful);
  QCOMPARE(static_cast<std::int64_t>(helpful), transfer.helpfulUsers);
  QCOMPARE(static_cast<std::int64_t>(panel.usersWithinRadius().size()), transfer.usersWithinRadius);
  for (const std::int64_t v : panel.usersWithinRadius()) {
    QVERIFY(v != study.position);
    QVERIFY(study.distance[static_cast<std::size_t>(v)] < *transfer.sharing.radius);
  }

  // One masked cloud per keep rate; keeping every item never moves the neighbourhood.
  const auto clouds = panel.maskedClouds();
  QCOMPARE(clouds.size(), std::size_t(2));
  QCOMPARE(clouds[0].keepRate, 0.5);
  QCOMPARE(clouds[1].keepRate, 1.0);
  QCOMPARE(clouds[0].means.rows, std::int64_t(4));
  QCOMPARE(clouds[0].neighbours.size(), std::size_t(4));
  QCOMPARE(clouds[1].drift, 0.0);
}

void GeometryPanelsTest::neighbourOverlapMatchesAHandCount() {
  FocusPanel panel;
  openFocus(panel, data_, multvae_);
  const auto result = studied(panel, 20);
  QVERIFY(result);
  const geometry::FocusStudy& study = result->study;
  QCOMPARE(study.latentNeighbours.size(), std::size_t(10));
  QVERIFY(panel.mapNeighbours().empty());  // no map yet
  QCOMPARE(panel.neighbourOverlap(), 0);

  // The latent neighbours are the 10 nearest by W2.
  std::vector<std::pair<double, std::int64_t>> byDistance;
  for (std::size_t v = 0; v < study.distance.size(); ++v)
    if (static_cast<std::int64_t>(v) != study.position) byDistance.emplace_back(study.distance[v], v);
  std::sort(byDistance.begin(), byDistance.end());
  std::vector<std::int64_t> nearest;
  for (std::size_t j = 0; j < 10; ++j) nearest.push_back(byDistance[j].second);
  QCOMPARE(sorted(study.latentNeighbours), sorted(nearest));

  // A map made of the first two latent coordinates: its neighbours differ from W2's.
  geometry::RowMatrix map(study.posteriors.mean.rows, 2);
  for (std::int64_t v = 0; v < map.rows; ++v) {
    map.at(v, 0) = study.posteriors.mean.at(v, 0);
    map.at(v, 1) = study.posteriors.mean.at(v, 1);
  }
  panel.setMapCoordinates(map);
  const std::vector<std::int64_t> hand = handMapNeighbours(map, study.position, 10);
  QCOMPARE(sorted(panel.mapNeighbours()), sorted(hand));
  const std::set<std::int64_t> onMap(hand.begin(), hand.end());
  const auto handOverlap = std::count_if(study.latentNeighbours.begin(), study.latentNeighbours.end(),
                                         [&onMap](std::int64_t v) { return onMap.count(v) > 0; });
  QCOMPARE(panel.neighbourOverlap(), static_cast<int>(handOverlap));

  // A map of some other set of points says nothing about this sample.
  panel.setMapCoordinates(geometry::RowMatrix(map.rows + 1, 2));
  QVERIFY(panel.mapNeighbours().empty());
}

void GeometryPanelsTest::cancellingKeepsThePreviousStudy() {
  FocusPanel panel;
  openFocus(panel, data_, multvae_);
  const auto first = studied(panel, 3);
  QVERIFY(first);
  const QStringList history = panel.historyItems();
  const QString state = panel.stateText();
  QSignalSpy shown(&panel, &FocusPanel::studied);
  QSignalSpy cancelled(panel.job(), &GeometryJob::cancelled);

  QVERIFY(panel.studyPosition(11));
  QVERIFY(panel.isBusy());
  QVERIFY(panel.stateText() != state);  // says it is computing
  panel.cancel();
  QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), kJobTimeoutMs);
  QCOMPARE(cancelled.count(), 1);
  QCOMPARE(shown.count(), 0);
  QCOMPARE(panel.result(), first);
  QCOMPARE(panel.result()->study.position, std::int64_t(3));
  QCOMPARE(panel.historyItems(), history);
  QCOMPARE(panel.stateText(), state);
}

void GeometryPanelsTest::runOnOtherItemsGivesAClearError() {
  FocusPanel panel;
  panel.setData(data_);
  panel.setRunFolder(otherItems_);
  QSignalSpy problem(&panel, &FocusPanel::problem);
  QVERIFY(panel.studyPosition(0));
  QTRY_COMPARE_WITH_TIMEOUT(problem.count(), 1, kJobTimeoutMs);
  const QString message = problem.at(0).at(0).toString();
  QVERIFY2(message.contains(QStringLiteral("trained on other items")) &&
               message.contains(QString::fromStdString(otherItems_.string())) &&
               message.contains(QStringLiteral("not-an-item-of-this-split")) &&
               message.contains(QStringLiteral("load the run's dataset first")),
           qPrintable(message));
  QCOMPARE(panel.stateText(), message);
  QVERIFY(!panel.result());
  QVERIFY(panel.historyItems().isEmpty());
}

void GeometryPanelsTest::driftPanelDrawsOneCurvePerCohortForBothRuns() {
  DriftPanel panel;
  panel.setData(data_);
  DriftRequest request;
  request.keepRates = {0.4, 0.7, 1.0};
  request.users = 60;
  request.options.masks = 4;
  request.options.neighbours = 10;
  panel.setRequest(request);
  const QString focusUser = QString::fromStdString(data_->split->validationUserIds[2]);
  panel.setFocusUser(focusUser);
  panel.setRuns(multvae_, multvaePia_);
  QTRY_VERIFY_WITH_TIMEOUT(panel.result(DriftPanel::RunA) && panel.result(DriftPanel::RunB) && !panel.isBusy(),
                           kJobTimeoutMs);

  const geometry::Cohorts cohorts(kDefaultCohortEdges);
  QStringList expected;
  // Curves are named by run and the run's model and folder ("multvae-pia" of model multvae).
  for (const auto& [run, prefix] : {std::pair{DriftPanel::RunA, QStringLiteral("A (multvae): ")},
                                    {DriftPanel::RunB, QStringLiteral("B (multvae pia): ")}}) {
    const DriftResult& result = *panel.result(run);
    const geometry::LatentSample& sample = *result.run->sample;
    const std::vector<std::int64_t> users = driftUsers(sample.size(), 60, 1);
    QCOMPARE(result.study.users, users);
    // Cohorts with users among the measured, in the cohorts' order.
    std::vector<std::size_t> members(cohorts.size());
    for (const std::int64_t user : users) ++members[cohorts.of(static_cast<std::uint32_t>(sample.rows.rowSize(user)))];
    expected << prefix + QStringLiteral("overall");
    for (std::size_t cohort = 0; cohort < cohorts.size(); ++cohort)
      if (members[cohort] > 0) expected << prefix + QString::fromStdString(cohorts.label(cohort));
    expected << prefix + QStringLiteral("focus user %1").arg(focusUser);
    QCOMPARE(result.focusPosition, std::optional<std::int64_t>(sample.positionOf(focusUser.toStdString())));

    // The overall curve is the mean over the measured users at each rate.
    const QVector<QPointF> overall = panel.curvePoints(prefix + QStringLiteral("overall"));
    QCOMPARE(overall.size(), qsizetype(3));
    for (std::size_t r = 0; r < 3; ++r) {
      double sum = 0.0;
      for (const auto& perUser : result.study.drift) sum += perUser[r];
      QVERIFY(std::abs(overall[static_cast<int>(r)].y() - sum / 60.0) < 1e-9);
    }
  }
  QCOMPARE(panel.curveNames(), expected);
  // The legend holds each whole name and shows one it had to shorten on hover.
  QStringList legend;
  for (const QLegendMarker* marker : panel.chart()->legend()->markers()) legend << marker->label();
  QCOMPARE(legend, expected);
  QVERIFY(panel.chart()->legend()->showToolTips());
  for (const QString& name : expected) {
    const QVector<QPointF> points = panel.curvePoints(name);
    QCOMPARE(points.size(), qsizetype(3));
    for (int r = 0; r < 3; ++r) QCOMPARE(points[r].x(), request.keepRates[static_cast<std::size_t>(r)]);
    QVERIFY2(points[2].y() == 0.0, qPrintable(name));  // keep rate 1: every mask keeps the whole row
    for (const QPointF& point : points) QVERIFY(point.y() >= 0.0 && point.y() <= 1.0);
  }

  // The CSV holds every drawn point, one per line.
  const QString csv = folder_.filePath(QStringLiteral("drift.csv"));
  QVERIFY(panel.exportCsv(csv));
  QFile file(csv);
  QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
  const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  QCOMPARE(lines.size(), 1 + 3 * expected.size());
  QCOMPARE(lines.front(), QStringLiteral("run,run_folder,curve,users,keep_rate,drift"));
  QVERIFY(lines.back().startsWith(QStringLiteral("B,")));

  // A new focus user: only that curve is measured again, the cohort curves are kept.
  const auto cohortStudy = panel.result(DriftPanel::RunA)->study.drift;
  const QString nextFocus = QString::fromStdString(data_->split->testUserIds[0]);
  panel.setFocusUser(nextFocus);
  QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy() && panel.result(DriftPanel::RunA)->request.focusUser == nextFocus.toStdString(),
                           kJobTimeoutMs);
  QCOMPARE(panel.result(DriftPanel::RunA)->study.drift, cohortStudy);
  QVERIFY(panel.curveNames().contains(QStringLiteral("A (multvae): focus user %1").arg(nextFocus)));
}

void GeometryPanelsTest::runNamesDropTheModelPrefixOfTheirFolder() {
  const std::filesystem::path root = folder_.filePath(QStringLiteral("names")).toStdString();
  const std::filesystem::path fresh = root / "vamp-20261206-141502";
  const std::filesystem::path named = root / "baseline";
  std::filesystem::create_directories(fresh);
  std::filesystem::create_directories(named);
  writeRunConfig(fresh, RunConfig{"vamp", {}, {}, {}});
  writeRunConfig(named, RunConfig{"multvae", {}, {}, {}});
  QCOMPARE(runDisplayName(fresh), QStringLiteral("vamp 20261206-141502"));
  QCOMPARE(runDisplayName(named), QStringLiteral("multvae baseline"));
  QCOMPARE(runDisplayName(root / "unreadable"), QStringLiteral("unreadable"));
}

void GeometryPanelsTest::pseudoInputsOfAVampRunDecodeAsTheModelDoes() {
  PseudoInputPanel panel;
  panel.setData(data_);
  panel.setRunFolder(vamp_);
  QTRY_VERIFY_WITH_TIMEOUT(panel.result() && !panel.isBusy(), kJobTimeoutMs);
  QCOMPARE(panel.pseudoInputCount(), 5);
  QCOMPARE(panel.selectedPseudoInput(), -1);
  QVERIFY(panel.shownItems().empty());

  QSignalSpy selected(&panel, &PseudoInputPanel::pseudoInputSelected);
  QVERIFY(panel.selectPseudoInput(2));
  QCOMPARE(selected.count(), 1);
  QVERIFY(!panel.selectPseudoInput(5));
  const geometry::LatentModel model = geometry::LatentModel::fromRun(vamp_);
  QCOMPARE(panel.shownItems(), model.priorComponentTopItems(20)[2]);
  const QStringList labels = panel.shownItemLabels();
  QCOMPARE(labels.size(), qsizetype(20));
  for (int rank = 0; rank < 20; ++rank) {
    const auto item = static_cast<std::size_t>(panel.shownItems()[static_cast<std::size_t>(rank)]);
    QCOMPARE(labels[rank], item < kTitledItems ? QStringLiteral("Title %1").arg(item)
                                               : QString::fromStdString(data_->split->itemIds[item]));
  }

  // Fewer items: decoded again, the selection kept.
  panel.setTopItems(7);
  QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy() && panel.shownItems().size() == 7, kJobTimeoutMs);
  QCOMPARE(panel.selectedPseudoInput(), 2);
  QCOMPARE(panel.shownItems(), model.priorComponentTopItems(7)[2]);
}

void GeometryPanelsTest::runWithoutVampPriorShowsNoPseudoInputs() {
  PseudoInputPanel panel;
  QVERIFY(panel.stateText().contains(QStringLiteral("Choose a VampPrior run")));
  panel.setData(data_);
  panel.setRunFolder(multvae_);
  QTRY_VERIFY_WITH_TIMEOUT(panel.result() && !panel.isBusy(), kJobTimeoutMs);
  QCOMPARE(panel.pseudoInputCount(), 0);
  QVERIFY(!panel.selectPseudoInput(0));
  QVERIFY2(panel.stateText().contains(QStringLiteral("multvae")) && panel.stateText().contains(QStringLiteral("no VampPrior")),
           qPrintable(panel.stateText()));
}

}  // namespace vaecf::ui
