#include "LatentMapTest.h"

#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>
#include <QWheelEvent>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <opencv2/core.hpp>
#include <opencv2/videoio.hpp>

#include "common/Error.h"
#include "geometry/LatentMapView.h"
#include "geometry/LatentPanel.h"
#include "geometry/LatentVideo.h"
#include "train/EventLog.h"
#include "train/RunFolder.h"

namespace vaecf::ui {

namespace {

using geometry::LatentFrame;
using geometry::LatentTrailHeader;
using geometry::UserSplit;

// With home bounds [0, 10]^2 in a 200x200 picture the map is scaled by (200 - 2*16) / 10 =
// 16.8 pixels per unit around the centre (5, 5): pixel = (100 + 16.8 (x - 5), 100 - 16.8 (y - 5)).
constexpr QSize kPicture(200, 200);
const QRectF kHome(0, 0, 10, 10);

std::shared_ptr<const LatentTrailHeader> headerOf(const std::vector<std::uint32_t>& interactions,
                                                  std::vector<UserSplit> splits = {}) {
  auto header = std::make_shared<LatentTrailHeader>();
  header->model = "multvae";
  for (std::size_t i = 0; i < interactions.size(); ++i)
    header->userIds.push_back("u" + std::to_string(i + 1));
  header->interactions = interactions;
  header->splits =
      splits.empty() ? std::vector<UserSplit>(interactions.size(), UserSplit::Train) : std::move(splits);
  return header;
}

geometry::RowMatrix pointsOf(const std::vector<QPointF>& points) {
  geometry::RowMatrix matrix(static_cast<std::int64_t>(points.size()), 2);
  for (std::size_t i = 0; i < points.size(); ++i) {
    matrix.at(static_cast<std::int64_t>(i), 0) = static_cast<float>(points[i].x());
    matrix.at(static_cast<std::int64_t>(i), 1) = static_cast<float>(points[i].y());
  }
  return matrix;
}

LatentFrame frameOf(std::int64_t epoch, const std::vector<QPointF>& users,
                    const std::vector<QPointF>& anchors = {}, const std::vector<QPointF>& pseudoInputs = {}) {
  LatentFrame frame;
  frame.epoch = epoch;
  frame.basis.center = {0.0f, 0.0f, 0.0f};
  frame.basis.components = geometry::RowMatrix(2, 3);
  frame.basis.components.at(0, 0) = 1.0f;
  frame.basis.components.at(1, 1) = 1.0f;
  frame.basis.explainedVariance = {2.0f, 1.0f};
  frame.users = pointsOf(users);
  frame.anchors = pointsOf(anchors);
  frame.pseudoInputs = pointsOf(pseudoInputs);
  return frame;
}

// A view of `frame` fitted to kHome, shown offscreen so it receives mouse events.
void prepare(LatentMapView& view, std::shared_ptr<const LatentTrailHeader> header, const LatentFrame& frame) {
  view.resize(kPicture);
  view.setTrail(std::move(header));
  view.setFrame(frame);
  view.setHomeBounds(kHome);
}

int countOf(const QString& text, const QString& needle) { return static_cast<int>(text.count(needle)); }

}  // namespace

void LatentMapTest::hitTestPicksTheNearestMarkerWithinThePickRadius() {
  LatentMapView view;
  prepare(view, headerOf({5, 5, 5, 5}), frameOf(1, {{2, 2}, {2.2, 2}, {8, 8}, {5, 5}}, {{5, 2}}, {{8, 2}}));
  QCOMPARE(view.pixelOfUser(0), QPointF(49.6, 150.4));
  QCOMPARE(view.pixelOfUser(3), QPointF(100, 100));

  auto user = [](int position) { return std::optional<MapHit>(MapHit{MapMarker::User, position}); };
  // 1 px from user 0 and 2.36 px from user 1, which sits 3.36 px to its right.
  QCOMPARE(view.hitTest({50.6, 150.4}), user(0));
  QCOMPARE(view.hitTest({52.5, 150.4}), user(1));
  QCOMPARE(view.hitTest({100, 105}), user(3));                  // 5 px away: inside the 6 px radius
  QCOMPARE(view.hitTest({100, 107}), std::optional<MapHit>());  // 7 px away: outside
  QCOMPARE(view.hitTest({100, 40}), std::optional<MapHit>());
  QCOMPARE(view.hitTest({100, 148}), std::optional<MapHit>(MapHit{MapMarker::Anchor, 0}));
  QCOMPARE(view.hitTest({154, 150.4}), std::optional<MapHit>(MapHit{MapMarker::PseudoInput, 0}));

  MapLayers noUsers;
  noUsers.users = false;
  view.setLayers(noUsers);
  QCOMPARE(view.hitTest({50.6, 150.4}), std::optional<MapHit>());  // hidden layers are not picked
}

void LatentMapTest::clicksEmitTheClickedMarker() {
  LatentMapView view;
  prepare(view, headerOf({5, 5, 5, 5}), frameOf(1, {{2, 2}, {2.2, 2}, {8, 8}, {5, 5}}, {{5, 2}}, {{8, 2}}));
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
  QSignalSpy users(&view, &LatentMapView::userClicked);
  QSignalSpy anchors(&view, &LatentMapView::anchorClicked);
  QSignalSpy pseudoInputs(&view, &LatentMapView::pseudoInputClicked);

  QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(150, 50));
  QCOMPARE(users.count(), 1);
  QCOMPARE(users.at(0).at(0).toInt(), 2);
  QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(100, 150));
  QCOMPARE(anchors.count(), 1);
  QCOMPARE(anchors.at(0).at(0).toInt(), 0);
  QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(150, 150));
  QCOMPARE(pseudoInputs.count(), 1);
  QCOMPARE(pseudoInputs.at(0).at(0).toInt(), 0);
  QTest::mouseClick(&view, Qt::LeftButton, {}, QPoint(100, 30));  // nothing there
  QCOMPARE(users.count() + anchors.count() + pseudoInputs.count(), 3);

  // A drag pans by the distance dragged and clicks nothing.
  QTest::mousePress(&view, Qt::LeftButton, {}, QPoint(100, 100));
  QTest::mouseMove(&view, QPoint(110, 100));
  QTest::mouseMove(&view, QPoint(120, 90));
  QTest::mouseRelease(&view, Qt::LeftButton, {}, QPoint(120, 90));
  QCOMPARE(users.count(), 1);
  QCOMPARE(view.pixelOfUser(3), QPointF(120, 90));

  // The wheel zooms by 1.25 per notch about the cursor: the point under it stays put.
  view.resetView();
  const QPointF cursor = view.pixelOfUser(2);
  QWheelEvent wheel(cursor, view.mapToGlobal(cursor), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                    Qt::NoScrollPhase, false);
  QApplication::sendEvent(&view, &wheel);
  QCOMPARE(view.scene().zoom(), 1.25);
  QCOMPARE(view.pixelOfUser(2), cursor);
  const QPointF fromCursor = view.pixelOfUser(3) - cursor;
  QCOMPARE(fromCursor, QPointF(-50.4, 50.4) * 1.25);
}

void LatentMapTest::rectangleSelectionSelectsExactlyTheUsersInside() {
  LatentMapView view;
  prepare(view,
          headerOf({3, 20, 60, 7, 1, 2}, {UserSplit::Train, UserSplit::Validation, UserSplit::Test,
                                          UserSplit::Train, UserSplit::Train, UserSplit::Test}),
          frameOf(1, {{1, 1}, {2, 2}, {3, 3}, {4, 4}, {6, 6}, {2, 8}}));
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
  QSignalSpy changed(&view, &LatentMapView::selectionChanged);

  // Map rectangle [1.5, 4.5]^2 is pixels x 41.2..91.6, y 108.4..158.8: users 1, 2 and 3.
  QTest::mousePress(&view, Qt::LeftButton, Qt::ShiftModifier, QPoint(42, 109));
  QTest::mouseMove(&view, QPoint(70, 130));
  QTest::mouseRelease(&view, Qt::LeftButton, Qt::ShiftModifier, QPoint(91, 158));
  QCOMPARE(changed.count(), 1);
  const QVector<int> expected{1, 2, 3};
  QCOMPARE(changed.at(0).at(0).value<QVector<int>>(), expected);
  QCOMPARE(view.selection(), expected);
  // (20 + 60 + 7) / 3 = 29.0
  QCOMPARE(view.selectionSummary(),
           QStringLiteral("3 users selected: mean 29.0 interactions; train 1, validation 1, test 1"));

  QTest::keyClick(&view, Qt::Key_Escape);
  QCOMPARE(changed.count(), 2);
  QVERIFY(view.selection().isEmpty());

  // In selection mode a plain drag selects too.
  view.setSelectionMode(true);
  QTest::mousePress(&view, Qt::LeftButton, {}, QPoint(90, 10));
  QTest::mouseRelease(&view, Qt::LeftButton, {}, QPoint(190, 60));  // map x 4.4..10, y 7.4..10.4: nobody
  QCOMPARE(changed.count(), 3);
  QVERIFY(view.selection().isEmpty());
  view.selectUsersIn(QRectF(QPointF(60, 70), QPointF(20, 30)));  // map x 0.24..2.62, y 6.79..9.17: user 5
  QCOMPARE(view.selection(), QVector<int>{5});
}

void LatentMapTest::cohortColouringBucketsInteractionCounts() {
  LatentMapView view;
  const std::vector<std::uint32_t> counts{0, 4, 5, 10, 11, 50, 51, 100, 101, 5000};
  prepare(view, headerOf(counts), frameOf(1, std::vector<QPointF>(counts.size(), QPointF(1, 1))));
  const LatentMapScene& scene = view.scene();
  const std::vector<int> expected{0, 0, 1, 1, 2, 2, 3, 3, 4, 4};
  for (std::size_t i = 0; i < counts.size(); ++i) {
    QCOMPARE(scene.cohortOf(counts[i]), expected[i]);
    QCOMPARE(scene.userColour(static_cast<int>(i)), scene.cohortColour(expected[i]));
  }
  QCOMPARE(scene.cohortLabel(0), QStringLiteral("0-4"));
  QCOMPARE(scene.cohortLabel(2), QStringLiteral("11-50"));
  QCOMPARE(scene.cohortLabel(4), QStringLiteral("101+"));
  QVERIFY(scene.cohortColour(1) != scene.cohortColour(2));

  view.setCohortEdges({3, 20});
  QCOMPARE(scene.cohortOf(2), 0);
  QCOMPARE(scene.cohortOf(3), 1);
  QCOMPARE(scene.cohortOf(19), 1);
  QCOMPARE(scene.cohortOf(20), 2);
  QVERIFY_THROWS_EXCEPTION(Error, view.setCohortEdges({20, 3}));

  // Split colouring follows the header's splits; activity rises from the fewest to the most.
  view.setColourMode(MapColouring::Split);
  QCOMPARE(scene.userColour(0), scene.userColour(9));
  view.setColourMode(MapColouring::Activity);
  QVERIFY(scene.userColour(0) != scene.userColour(9));
  QCOMPARE(scene.userColour(0), QColor(0x440154));
  QCOMPARE(scene.userColour(9), QColor(0xfde725));
}

void LatentMapTest::pngExportDrawsTheUsersWhereTheyAre() {
  LatentMapView view;
  prepare(view, headerOf({3, 20, 200}), frameOf(1, {{2, 2}, {3, 2}, {2, 3}}));
  QTemporaryDir folder;
  const QString path = folder.filePath(QStringLiteral("map.png"));
  QVERIFY(view.exportPng(path, kPicture));
  QImage image;
  QVERIFY(image.load(path));
  QCOMPARE(image.size(), kPicture);
  const LatentMapScene& scene = view.scene();
  // Users are 4x4 squares around (49.6, 150.4), (66.4, 150.4) and (49.6, 133.6).
  QCOMPARE(image.pixelColor(49, 150), scene.cohortColour(0));
  QCOMPARE(image.pixelColor(66, 150), scene.cohortColour(2));
  QCOMPARE(image.pixelColor(49, 133), scene.cohortColour(4));
  QCOMPARE(image.pixelColor(58, 150), QColor(Qt::white));  // between two users
  QCOMPARE(image.pixelColor(150, 170), QColor(Qt::white));
  QVERIFY(!QFile::exists(path + QStringLiteral(".tmp")));
}

void LatentMapTest::svgExportHasOneMarkerPerVisiblePoint() {
  LatentMapView view;
  // User 4 lies far outside the home bounds, so off the picture.
  prepare(view, headerOf({5, 6, 7, 8, 9}),
          frameOf(1, {{1, 1}, {2, 2}, {3, 3}, {4, 4}, {50, 50}}, {{5, 5}, {6, 6}, {7, 7}}, {{8, 8}, {9, 9}}));
  QTemporaryDir folder;
  const QString path = folder.filePath(QStringLiteral("map.svg"));
  QVERIFY(view.exportSvg(path, kPicture));
  QFile file(path);
  QVERIFY(file.open(QIODevice::ReadOnly));
  const QString svg = QString::fromUtf8(file.readAll());
  QVERIFY(svg.startsWith(QStringLiteral("<?xml")));
  QVERIFY(svg.trimmed().endsWith(QStringLiteral("</svg>")));
  QCOMPARE(countOf(svg, QStringLiteral("class=\"user\"")), 4);
  QCOMPARE(countOf(svg, QStringLiteral("class=\"anchor\"")), 3);
  QCOMPARE(countOf(svg, QStringLiteral("class=\"pseudo-input\"")), 2);
  // User 0 at (1, 1) is drawn at pixel (32.8, 167.2): its square starts 2 px up and left.
  QVERIFY(svg.contains(QStringLiteral("<rect class=\"user\" x=\"30.80\" y=\"165.20\"")));

  // CSV holds every point of the frame, on the picture or not, in map coordinates.
  const QString csvPath = folder.filePath(QStringLiteral("map.csv"));
  QVERIFY(view.exportCsv(csvPath));
  QFile csv(csvPath);
  QVERIFY(csv.open(QIODevice::ReadOnly | QIODevice::Text));
  const QStringList lines = QString::fromUtf8(csv.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  QCOMPARE(lines.size(), 1 + 5 + 3 + 2);
  QCOMPARE(lines[0], QStringLiteral("kind,id,x,y,split,interactions"));
  QCOMPARE(lines[5], QStringLiteral("user,u5,50,50,train,9"));
  QCOMPARE(lines[6], QStringLiteral("anchor,0,5,5,,"));
  QCOMPARE(lines[10], QStringLiteral("pseudo-input,1,9,9,,"));

  MapLayers layers;
  layers.anchors = false;
  view.setLayers(layers);
  const QString withoutAnchors = view.scene().svg(kPicture);
  QCOMPARE(countOf(withoutAnchors, QStringLiteral("class=\"anchor\"")), 0);
  QCOMPARE(countOf(withoutAnchors, QStringLiteral("class=\"user\"")), 4);
}

void LatentMapTest::focusOverlaysSortCloudNeighbours() {
  LatentMapView view;
  prepare(view, headerOf({5, 5, 5, 5, 5}), frameOf(1, {{5, 5}, {6, 6}, {7, 7}, {3, 3}, {2, 8}}));
  view.setFocusUser(0);
  view.setRadiusCircle(2.0);
  view.setHighlightedUsers({1});
  view.setNeighbours({1, 2}, {1, 3});
  MapCloud low;
  low.keepRate = 0.5;
  low.points = pointsOf({{5.2, 5.1}, {4.9, 5.3}});
  low.neighbours = {{1, 2}, {1, 3}};
  MapCloud high;
  high.keepRate = 0.9;
  high.points = pointsOf({{5.05, 5.0}});
  high.neighbours = {{1, 2, 2}};
  view.setMaskedClouds({low, high});
  // User 1 is a neighbour under all three masks, 2 under two, 3 under one.
  QCOMPARE(view.scene().stableCloudNeighbours(), QVector<int>{1});
  QCOMPARE(view.scene().transientCloudNeighbours(), (QVector<int>{2, 3}));

  const QString svg = view.scene().svg(kPicture);
  QCOMPARE(countOf(svg, QStringLiteral("class=\"masked\"")), 3);
  QCOMPARE(countOf(svg, QStringLiteral("class=\"neighbour\"")), 3);  // 1 both, 2 latent only, 3 map only
  QCOMPARE(countOf(svg, QStringLiteral("class=\"highlighted\"")), 1);
  // The radius of 2 map units is 33.6 pixels, around the focus user at (100, 100).
  QVERIFY(svg.contains(QStringLiteral("class=\"radius\" cx=\"100.00\" cy=\"100.00\" r=\"33.60\"")));
  QVERIFY(
      svg.contains(QStringLiteral("illustration only: a 2-D projection does not preserve latent distances")));

  // The focus ring (radius 8, 2 px wide) around the centre of a 600x600 picture passes
  // through pixel (308, 300), clear of the legend in the top right corner.
  const QImage image = view.renderImage(QSize(600, 600));
  QVERIFY(qGray(image.pixel(308, 300)) < 110);
  view.clearFocus();
  QCOMPARE(qGray(view.renderImage(QSize(600, 600)).pixel(308, 300)), 255);
}

void LatentMapTest::tooltipsDescribeMarkers() {
  LatentMapView view;
  view.resize(kPicture);
  view.setTrail(headerOf({5, 20, 60}, {UserSplit::Train, UserSplit::Validation, UserSplit::Test}),
                {QStringLiteral("Toy Story"), QString(), QStringLiteral("Heat")},
                {QStringLiteral("Animation"), QStringLiteral("Drama"), QStringLiteral("Animation")});
  view.setFrame(frameOf(1, {{1, 1}, {2, 2}, {3, 3}}, {{4, 4}, {5, 5}, {6, 6}}, {{7, 7}}));
  const LatentMapScene& scene = view.scene();
  QCOMPARE(scene.describe({MapMarker::User, 2}),
           QStringLiteral("User u3\nsplit: test\ninteractions: 60\ncohort: 51-100"));
  QCOMPARE(scene.describe({MapMarker::Anchor, 0}), QStringLiteral("Anchor of Toy Story\ngenre: Animation"));
  QCOMPARE(scene.describe({MapMarker::Anchor, 1}), QStringLiteral("Anchor of Item column 1\ngenre: Drama"));
  QVERIFY(scene.describe({MapMarker::PseudoInput, 0}).startsWith(QStringLiteral("Pseudo-input 0\n")));
  // Anchors take their genre's colour: the two animated films share one, the drama differs.
  QCOMPARE(scene.anchorColour(0), scene.anchorColour(2));
  QVERIFY(scene.anchorColour(0) != scene.anchorColour(1));

  QSignalSpy hovered(&view, &LatentMapView::hovered);
  view.show();
  QVERIFY(QTest::qWaitForWindowExposed(&view));
  QTest::mouseMove(&view, view.pixelOfUser(1).toPoint());
  QTRY_VERIFY(!hovered.isEmpty());
  QCOMPARE(hovered.last().at(0).toString(), scene.describe({MapMarker::User, 1}));
}

void LatentMapTest::largeMapDrawsEveryLayer() {
  // The sizes the map must stay fluid with (timed in tests/bench/LatentMapBench.cpp):
  // 10k users, 4k anchors, 1k pseudo-inputs, each layer drawn and pickable.
  std::vector<std::uint32_t> interactions(10000);
  std::vector<QPointF> users(10000), anchors(4000), pseudoInputs(1000);
  for (std::size_t i = 0; i < users.size(); ++i) {
    interactions[i] = static_cast<std::uint32_t>(1 + i % 300);
    users[i] = QPointF(std::fmod(i * 0.6180339, 10.0), std::fmod(i * 0.4142135, 10.0));
  }
  for (std::size_t i = 0; i < anchors.size(); ++i)
    anchors[i] = QPointF(std::fmod(i * 0.73, 10.0), std::fmod(i * 0.37, 10.0));
  for (std::size_t i = 0; i < pseudoInputs.size(); ++i)
    pseudoInputs[i] = QPointF(std::fmod(i * 0.91, 10.0), std::fmod(i * 0.29, 10.0));
  LatentMapView view;
  view.resize(1000, 800);
  view.setTrail(headerOf(interactions));
  view.setFrame(frameOf(1, users, anchors, pseudoInputs));

  std::set<MapMarker> picked;
  for (int i = 0; i < 2000; ++i) {
    if (const auto hit = view.hitTest(QPointF(i % 1000, (i * 7) % 800))) picked.insert(hit->kind);
  }
  QVERIFY((picked == std::set<MapMarker>{MapMarker::User, MapMarker::Anchor, MapMarker::PseudoInput}));
  const QImage image = view.renderImage(QSize(1000, 800));
  std::set<QRgb> colours;
  for (int y = 0; y < image.height(); y += 5)
    for (int x = 0; x < image.width(); x += 5) colours.insert(image.pixel(x, y));
  QVERIFY2(colours.size() > 20, qPrintable(QStringLiteral("%1 colours").arg(colours.size())));
}

void LatentMapTest::videoExportWritesEveryFrame() {
  QTemporaryDir folder;
  const std::filesystem::path path = folder.filePath(QStringLiteral("map.avi")).toStdString();
  LatentMapScene scene;
  scene.setTrail(headerOf({5, 20, 60}));
  std::vector<std::shared_ptr<const LatentFrame>> frames;
  for (int epoch = 1; epoch <= 3; ++epoch)
    frames.push_back(std::make_shared<const LatentFrame>(frameOf(epoch, {{1.0 * epoch, 1}, {2, 2}, {3, 3}})));
  scene.setHomeBounds(kHome);

  LatentVideoJob job;
  QSignalSpy written(&job, &LatentVideoJob::written);
  QSignalSpy failed(&job, &LatentVideoJob::failed);
  QVERIFY(job.start(path, scene, frames, LatentVideoOptions{QSize(320, 240), 5.0}));
  QVERIFY(written.wait(30000));
  QCOMPARE(failed.count(), 0);
  QCOMPARE(written.at(0).at(0).toString(), QString::fromStdString(path.string()));
  // Only the video is left in the folder: the temporary was renamed into place.
  QCOMPARE(static_cast<int>(std::distance(std::filesystem::directory_iterator(path.parent_path()),
                                          std::filesystem::directory_iterator())),
           1);

  cv::VideoCapture capture(path.string());
  QVERIFY(capture.isOpened());
  int read = 0;
  cv::Mat image;
  while (capture.read(image)) {
    QCOMPARE(image.cols, 320);
    QCOMPARE(image.rows, 240);
    ++read;
  }
  QCOMPARE(read, 3);

  const std::filesystem::path unwritable =
      std::filesystem::path(folder.path().toStdString()) / "missing" / "x.avi";
  try {
    writeLatentVideo(unwritable, scene, frames, LatentVideoOptions{});
    QFAIL("a video in a missing folder was written");
  } catch (const Error& error) {
    QVERIFY(QString::fromUtf8(error.what()).contains(QString::fromStdString(unwritable.string())));
  }
  QVERIFY_THROWS_EXCEPTION(
      Error, writeLatentVideo(path.parent_path() / "none.avi", scene, {}, LatentVideoOptions{}));
}

void LatentMapTest::panelLoadsATrailAndStepsThroughEpochs() {
  QTemporaryDir run;
  const std::filesystem::path folder = run.path().toStdString();
  geometry::LatentTrail::writeHeader(folder, *headerOf({5, 20}, {UserSplit::Train, UserSplit::Test}));
  for (int epoch : {2, 4, 6})
    geometry::LatentTrail::writeFrame(folder, frameOf(epoch, {{0.5 * epoch, 1}, {2, 3}}));

  LatentPanel panel;
  panel.resize(600, 500);
  QSignalSpy loaded(&panel, &LatentPanel::trailLoaded);
  panel.setRunFolder(run.path());
  QVERIFY(loaded.wait(10000));
  QCOMPARE(panel.frameCount(), 3);
  QCOMPARE(panel.currentEpoch(), std::optional<std::int64_t>(6));  // the latest frame first
  QVERIFY(!panel.showsEmptyState());
  QCOMPARE(panel.header()->userIds, (std::vector<std::string>{"u1", "u2"}));

  auto* slider = panel.findChild<QSlider*>();
  QVERIFY(slider != nullptr);
  QCOMPARE(slider->maximum(), 2);
  QSignalSpy shown(&panel, &LatentPanel::frameShown);
  slider->setValue(0);
  QCOMPARE(panel.currentEpoch(), std::optional<std::int64_t>(2));
  QCOMPARE(panel.map()->scene().frame()->users.at(0, 0), 1.0f);
  slider->setValue(1);
  QCOMPARE(panel.currentEpoch(), std::optional<std::int64_t>(4));
  QCOMPARE(panel.map()->scene().frame()->users.at(0, 0), 2.0f);

  // Playback steps through the remaining frames and stops at the last.
  panel.setFramesPerSecond(50);
  panel.setPlaying(true);
  QVERIFY(panel.isPlaying());
  QTRY_VERIFY_WITH_TIMEOUT(!panel.isPlaying(), 5000);
  QCOMPARE(panel.currentEpoch(), std::optional<std::int64_t>(6));
  QCOMPARE(shown.count(), 3);
  QCOMPARE(shown.at(2).at(0).toLongLong(), 6);
}

void LatentMapTest::refreshPicksUpANewFrame() {
  QTemporaryDir run;
  const std::filesystem::path folder = run.path().toStdString();
  geometry::LatentTrail::writeHeader(folder, *headerOf({5, 20}));
  for (int epoch : {2, 4}) geometry::LatentTrail::writeFrame(folder, frameOf(epoch, {{1, 1}, {2, 3}}));

  LatentPanel panel;
  QSignalSpy loaded(&panel, &LatentPanel::trailLoaded);
  panel.setRunFolder(run.path());
  QVERIFY(loaded.wait(10000));
  QCOMPARE(panel.frameCount(), 2);

  // A refresh reads only new epochs: the damaged frame of epoch 2, already held, goes unread.
  std::ofstream(runLatentFolder(folder) / "epoch-00002.json") << "damaged";
  geometry::LatentTrail::writeFrame(folder, frameOf(7, {{4, 4}, {2, 3}}));
  panel.refresh();
  QVERIFY(loaded.wait(10000));
  QCOMPARE(panel.frameCount(), 3);
  QCOMPARE(panel.currentEpoch(), std::optional<std::int64_t>(7));  // it was at the last frame, so it follows
  QCOMPARE(panel.map()->scene().frame()->users.at(0, 0), 4.0f);
  QCOMPARE(panel.map()->scene().homeBounds().contains(QPointF(4, 4)), true);
}

void LatentMapTest::runWithoutFramesShowsTheEmptyState() {
  QTemporaryDir run;
  LatentPanel panel;
  QSignalSpy loaded(&panel, &LatentPanel::trailLoaded);
  panel.setRunFolder(run.path());
  QTRY_VERIFY_WITH_TIMEOUT(!panel.isLoading(), 10000);
  QVERIFY(panel.showsEmptyState());
  QVERIFY(panel.emptyStateMessage().contains(QStringLiteral("latent_every")));

  // A header without frames yet is empty too, until a refresh finds the first frame.
  const std::filesystem::path folder = run.path().toStdString();
  geometry::LatentTrail::writeHeader(folder, *headerOf({5}));
  panel.refresh();
  QVERIFY(loaded.wait(10000));
  QVERIFY(panel.showsEmptyState());
  geometry::LatentTrail::writeFrame(folder, frameOf(1, {{1, 1}}));
  panel.refresh();
  QVERIFY(loaded.wait(10000));
  QVERIFY(!panel.showsEmptyState());
  QCOMPARE(panel.frameCount(), 1);
}

void LatentMapTest::unfinishedRunWaitsForItsFirstFrame() {
  QTemporaryDir run;
  const std::filesystem::path folder = run.path().toStdString();
  writeRunConfig(folder, RunConfig{"multvae", {{"epochs", "10"}, {"latent_every", "3"}}, {}, {}});
  geometry::LatentTrail::writeHeader(folder, *headerOf({5}));
  LatentPanel panel;
  QSignalSpy loaded(&panel, &LatentPanel::trailLoaded);
  panel.setRunFolder(run.path());
  QVERIFY(loaded.wait(10000));
  QVERIFY(panel.showsEmptyState());
  QCOMPARE(panel.emptyStateMessage(),
           QStringLiteral("Waiting for the first latent frame (written after epoch 3)."));

  // Paused it still waits; stopped in epoch 2 it never records one.
  const auto logState = [&folder](TrainerState state, std::uint64_t keepBytes) {
    EventLogWriter log(runEventsPath(folder), keepBytes);
    TrainingEvent event;
    event.generation = 1;
    event.epoch = 2;
    event.payload = StateChange{state, {}};
    log.append(event);
    return log.fileSize();
  };
  const std::uint64_t running = logState(TrainerState::Running, 0);
  logState(TrainerState::Paused, running);
  panel.refresh();
  QVERIFY(loaded.wait(10000));
  QCOMPARE(panel.emptyStateMessage(),
           QStringLiteral("Waiting for the first latent frame (written after epoch 3)."));
  logState(TrainerState::Stopped, running);
  panel.refresh();
  QVERIFY(loaded.wait(10000));
  QVERIFY(panel.showsEmptyState());
  QVERIFY2(panel.emptyStateMessage().startsWith(QStringLiteral("This run ended before its first latent frame")),
           qPrintable(panel.emptyStateMessage()));

  // Finished (metrics.json written) without a frame: nothing more will come.
  std::ofstream(runMetricsPath(folder)) << "{}";
  panel.refresh();
  QVERIFY(loaded.wait(10000));
  QVERIFY(panel.emptyStateMessage().contains(QStringLiteral("recorded no latent frames")));
}

void LatentMapTest::chosenPseudoInputIsRingedOnTheMap() {
  LatentMapView view;
  prepare(view, headerOf({5, 6}), frameOf(1, {{1, 1}, {2, 2}}, {}, {{8, 8}, {9, 9}}));
  QCOMPARE(view.scene().highlightedPseudoInput(), -1);
  QTemporaryDir folder;
  const QString path = folder.filePath(QStringLiteral("map.svg"));
  auto svgText = [&] {
    if (!view.exportSvg(path, kPicture)) return QString();
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
  };
  QCOMPARE(countOf(svgText(), QStringLiteral("chosen-pseudo-input")), 0);

  // Pseudo-input 1 at (9, 9) is drawn at pixel (167.2, 32.8): the ring is centred there.
  view.setHighlightedPseudoInput(1);
  QCOMPARE(view.scene().highlightedPseudoInput(), 1);
  const QString svg = svgText();
  QCOMPARE(countOf(svg, QStringLiteral("chosen-pseudo-input")), 1);
  QVERIFY(
      svg.contains(QStringLiteral("class=\"chosen-pseudo-input\" cx=\"167.20\" cy=\"32.80\" r=\"9.00\"")));
  // Still ringed on the next frame, where the component has moved.
  view.setFrame(frameOf(2, {{1, 1}, {2, 2}}, {}, {{8, 8}, {5, 5}}));
  QVERIFY(svgText().contains(QStringLiteral("class=\"chosen-pseudo-input\" cx=\"100.00\" cy=\"100.00\"")));
  // Without that component, or with the layer hidden, no ring.
  view.setHighlightedPseudoInput(2);
  QCOMPARE(countOf(svgText(), QStringLiteral("chosen-pseudo-input")), 0);
  view.setHighlightedPseudoInput(1);
  MapLayers layers;
  layers.pseudoInputs = false;
  view.setLayers(layers);
  QCOMPARE(countOf(svgText(), QStringLiteral("chosen-pseudo-input")), 0);
}

}  // namespace vaecf::ui
