#include "geometry/LatentMapScene.h"

#include <QFontMetricsF>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>
#include <QTextStream>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace vaecf::ui {

namespace {

constexpr double kMargin = 16.0;     // pixels around the home bounds at zoom 1
constexpr double kUserHalf = 2.0;    // users are 4x4 squares
constexpr double kAnchorHalf = 3.0;  // anchors are crosses
constexpr double kPseudoHalf = 5.0;  // pseudo-inputs are diamonds
constexpr int kActivitySteps = 32;   // the activity ramp is drawn in this many shades
constexpr int kGenreColours = 10;    // genres beyond the most frequent share "other"
constexpr double kMinZoom = 0.05;
constexpr double kMaxZoom = 2000.0;

const QColor kCohortPalette[] = {QColor(0x9e9e9e), QColor(0x1f77b4), QColor(0x2ca02c), QColor(0xff7f0e),
                                 QColor(0xd62728), QColor(0x9467bd), QColor(0x8c564b), QColor(0xe377c2),
                                 QColor(0x17becf), QColor(0xbcbd22)};
const QColor kGenrePalette[kGenreColours] = {
    QColor(0x393b79), QColor(0x637939), QColor(0x8c6d31), QColor(0x843c39), QColor(0x7b4173),
    QColor(0x3182bd), QColor(0xe6550d), QColor(0x31a354), QColor(0x756bb1), QColor(0x17becf)};
const QColor kOtherGenre(0xbdbdbd);
const QColor kPlainAnchor(0x555555);
const QColor kPseudoInput(0xd81b60);
constexpr double kChosenRing = 9.0;  // radius of the ring around the chosen pseudo-input, pixels
const QColor kHighlighted(0xe41a1c);
const QColor kBothNeighbour(0x1b9e77);
const QColor kLatentNeighbour(0x377eb8);
const QColor kMapNeighbour(0xe6ab02);
const QColor kCentroid(0x6a3d9a);
// Viridis at five stops: perceptually even, readable in grey.
const QColor kActivityRamp[] = {QColor(0x440154), QColor(0x3b528b), QColor(0x21918c), QColor(0x5ec962),
                                QColor(0xfde725)};

QColor interpolate(const QColor& a, const QColor& b, double t) {
  return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
                          static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
                          static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t));
}

QColor rampColour(const QColor* stops, int count, double t) {
  t = std::clamp(t, 0.0, 1.0) * (count - 1);
  const int low = std::min(static_cast<int>(t), count - 2);
  return interpolate(stops[low], stops[low + 1], t - low);
}

// Lighter for heavy masking, darker as the masked input approaches the clean one.
QColor keepRateColour(double keepRate) {
  return interpolate(QColor(0xfdae6b), QColor(0x7f2704), std::clamp(keepRate, 0.0, 1.0));
}

QColor splitColour(geometry::UserSplit split) {
  switch (split) {
    case geometry::UserSplit::Train:
      return QColor(0x1f77b4);
    case geometry::UserSplit::Validation:
      return QColor(0xff7f0e);
    case geometry::UserSplit::Test:
      return QColor(0x2ca02c);
  }
  return Qt::black;
}

QString splitLabel(geometry::UserSplit split) { return QString::fromUtf8(geometry::splitName(split).data()); }

QPolygonF diamond(QPointF at, double half) {
  return QPolygonF(
      {at + QPointF(0, -half), at + QPointF(half, 0), at + QPointF(0, half), at + QPointF(-half, 0)});
}

QRectF square(QPointF at, double half) { return {at.x() - half, at.y() - half, 2 * half, 2 * half}; }

QPointF rowPoint(const geometry::RowMatrix& matrix, std::int64_t row) {
  return {matrix.at(row, 0), matrix.at(row, 1)};
}

// Where a keep rate's masked means sit on average: the start of the pull towards the centroid.
QPointF cloudMean(const MapCloud& cloud) {
  QPointF sum;
  for (std::int64_t mask = 0; mask < cloud.points.rows; ++mask) sum += rowPoint(cloud.points, mask);
  return sum / static_cast<double>(cloud.points.rows);
}

QString number(double value) { return QString::number(value, 'f', 2); }

QString xml(const QString& text) { return text.toHtmlEscaped(); }

}  // namespace

LatentMapScene::LatentMapScene() : cohorts_({5, 11, 51, 101}) {}

void LatentMapScene::setTrail(std::shared_ptr<const geometry::LatentTrailHeader> header,
                              QStringList itemTitles, QStringList itemGenres) {
  header_ = std::move(header);
  itemTitles_ = std::move(itemTitles);
  itemGenres_ = std::move(itemGenres);
  frame_.reset();
  clearFocus();
  selection_.clear();

  QHash<QString, int> genreCounts;
  for (const QString& genre : itemGenres_)
    if (!genre.isEmpty()) ++genreCounts[genre];
  genresByCount_ = genreCounts.keys();
  std::sort(genresByCount_.begin(), genresByCount_.end(), [&genreCounts](const QString& a, const QString& b) {
    return genreCounts[a] != genreCounts[b] ? genreCounts[a] > genreCounts[b] : a < b;
  });
  if (genresByCount_.size() > kGenreColours) genresByCount_.resize(kGenreColours);

  logActivityMin_ = 0.0;
  logActivityMax_ = 1.0;
  if (header_ && !header_->interactions.empty()) {
    const auto [low, high] = std::minmax_element(header_->interactions.begin(), header_->interactions.end());
    logActivityMin_ = std::log1p(static_cast<double>(*low));
    logActivityMax_ = std::max(std::log1p(static_cast<double>(*high)), logActivityMin_ + 1e-9);
  }
}

void LatentMapScene::setFrame(std::shared_ptr<const geometry::LatentFrame> frame) {
  const bool first = frame_ == nullptr;
  frame_ = std::move(frame);
  if (!frame_ || homeFixed_) return;
  home_ = boundsOf(*frame_);
  if (first) resetView();
}

int LatentMapScene::userCount() const { return frame_ ? static_cast<int>(frame_->users.rows) : 0; }

void LatentMapScene::setCohortEdges(std::vector<std::uint32_t> lowerEdges) {
  cohorts_ = geometry::Cohorts(std::move(lowerEdges));
}

int LatentMapScene::cohortOf(std::uint32_t interactions) const {
  return static_cast<int>(cohorts_.of(interactions));
}

QString LatentMapScene::cohortLabel(int cohort) const {
  return QString::fromStdString(cohorts_.label(static_cast<std::size_t>(cohort)));
}

QColor LatentMapScene::cohortColour(int cohort) const {
  return kCohortPalette[cohort % static_cast<int>(std::size(kCohortPalette))];
}

QColor LatentMapScene::activityColour(std::uint32_t interactions) const {
  const double t =
      (std::log1p(static_cast<double>(interactions)) - logActivityMin_) / (logActivityMax_ - logActivityMin_);
  const double stepped = std::round(std::clamp(t, 0.0, 1.0) * (kActivitySteps - 1)) / (kActivitySteps - 1);
  return rampColour(kActivityRamp, static_cast<int>(std::size(kActivityRamp)), stepped);
}

QColor LatentMapScene::userColour(int position) const {
  if (!header_ || position < 0 || static_cast<std::size_t>(position) >= header_->interactions.size())
    return Qt::black;
  const auto index = static_cast<std::size_t>(position);
  switch (colouring_) {
    case MapColouring::Cohort:
      return cohortColour(cohortOf(header_->interactions[index]));
    case MapColouring::Activity:
      return activityColour(header_->interactions[index]);
    case MapColouring::Split:
      return splitColour(header_->splits[index]);
  }
  return Qt::black;
}

QColor LatentMapScene::anchorColour(int column) const {
  if (column < 0 || column >= itemGenres_.size() || genresByCount_.isEmpty()) return kPlainAnchor;
  const int rank = static_cast<int>(genresByCount_.indexOf(itemGenres_[column]));
  return rank < 0 ? kOtherGenre : kGenrePalette[rank];
}

void LatentMapScene::setNeighbours(QVector<int> latent, QVector<int> map) {
  latentNeighbours_ = std::move(latent);
  mapNeighbours_ = std::move(map);
}

void LatentMapScene::setMaskedClouds(std::vector<MapCloud> clouds) {
  clouds_ = std::move(clouds);
  std::map<std::int64_t, int> masksHolding;
  int masks = 0;
  for (const MapCloud& cloud : clouds_) {
    for (const auto& neighbours : cloud.neighbours) {
      ++masks;
      for (std::int64_t position : std::set<std::int64_t>(neighbours.begin(), neighbours.end()))
        ++masksHolding[position];
    }
  }
  stableNeighbours_.clear();
  transientNeighbours_.clear();
  for (const auto& [position, count] : masksHolding)
    (count == masks ? stableNeighbours_ : transientNeighbours_).push_back(static_cast<int>(position));
}

void LatentMapScene::clearFocus() {
  focusUser_ = -1;
  highlighted_.clear();
  radius_.reset();
  centroid_.reset();
  latentNeighbours_.clear();
  mapNeighbours_.clear();
  setMaskedClouds({});
}

QString LatentMapScene::selectionSummary() const {
  if (selection_.isEmpty() || !header_) return tr("No users selected");
  double interactions = 0.0;
  int perSplit[3] = {0, 0, 0};
  for (int position : selection_) {
    const auto index = static_cast<std::size_t>(position);
    interactions += header_->interactions[index];
    ++perSplit[static_cast<int>(header_->splits[index])];
  }
  return tr("%1 users selected: mean %2 interactions; train %3, validation %4, test %5")
      .arg(selection_.size())
      .arg(interactions / selection_.size(), 0, 'f', 1)
      .arg(perSplit[0])
      .arg(perSplit[1])
      .arg(perSplit[2]);
}

void LatentMapScene::setHomeBounds(QRectF home) {
  const bool untouched = zoom_ == 1.0 && centre_ == home_.center();
  home_ = home;
  homeFixed_ = true;
  if (untouched) resetView();
}

void LatentMapScene::resetView() {
  centre_ = home_.center();
  zoom_ = 1.0;
}

QTransform LatentMapScene::transform(QSizeF size) const {
  const double width = std::max(home_.width(), 1e-9);
  const double height = std::max(home_.height(), 1e-9);
  const double scale = std::min(std::max(size.width() - 2 * kMargin, 1.0) / width,
                                std::max(size.height() - 2 * kMargin, 1.0) / height) *
                       zoom_;
  QTransform toPixel;
  toPixel.translate(size.width() / 2, size.height() / 2);
  toPixel.scale(scale, -scale);
  toPixel.translate(-centre_.x(), -centre_.y());
  return toPixel;
}

void LatentMapScene::panByPixels(QPointF delta, QSizeF size) {
  const double scale = transform(size).m11();
  centre_ -= QPointF(delta.x() / scale, -delta.y() / scale);
}

void LatentMapScene::zoomAt(double factor, QPointF pixel, QSizeF size) {
  const QPointF mapPoint = transform(size).inverted().map(pixel);
  zoom_ = std::clamp(zoom_ * factor, kMinZoom, kMaxZoom);
  const double scale = transform(size).m11();
  centre_ = {mapPoint.x() - (pixel.x() - size.width() / 2) / scale,
             mapPoint.y() + (pixel.y() - size.height() / 2) / scale};
}

QRectF LatentMapScene::boundsOf(const geometry::LatentFrame& frame) {
  // By hand: QRectF::united ignores the empty rectangle of a single point.
  double left = 0, right = 0, bottom = 0, top = 0;
  bool any = false;
  auto include = [&](const geometry::RowMatrix& points) {
    for (std::int64_t row = 0; row < points.rows; ++row) {
      const double x = points.at(row, 0);
      const double y = points.at(row, 1);
      left = any ? std::min(left, x) : x;
      right = any ? std::max(right, x) : x;
      bottom = any ? std::min(bottom, y) : y;
      top = any ? std::max(top, y) : y;
      any = true;
    }
  };
  include(frame.users);
  include(frame.anchors);
  include(frame.pseudoInputs);
  if (!any) return {-1, -1, 2, 2};
  const QRectF bounds(QPointF(left, bottom), QPointF(right, top));
  // A degenerate extent (one point, or all on a line) still needs an area to fit.
  const double pad = std::max({bounds.width(), bounds.height(), 1e-3}) * 0.02;
  return bounds.adjusted(-pad, -pad, pad, pad);
}

QPointF LatentMapScene::userPoint(int position) const { return rowPoint(frame_->users, position); }

LatentMapScene::Positions LatentMapScene::positions(QSizeF size) const {
  Positions at;
  if (!frame_) return at;
  const QTransform toPixel = transform(size);
  auto place = [&toPixel](const geometry::RowMatrix& points, std::vector<QPointF>& out) {
    out.reserve(static_cast<std::size_t>(points.rows));
    for (std::int64_t row = 0; row < points.rows; ++row) out.push_back(toPixel.map(rowPoint(points, row)));
  };
  if (layers_.users) place(frame_->users, at.users);
  if (layers_.anchors) place(frame_->anchors, at.anchors);
  if (layers_.pseudoInputs) place(frame_->pseudoInputs, at.pseudoInputs);
  return at;
}

QString LatentMapScene::describe(const MapHit& hit) const {
  const int index = hit.index;
  switch (hit.kind) {
    case MapMarker::User: {
      if (!header_) return {};
      const auto position = static_cast<std::size_t>(index);
      const std::uint32_t interactions = header_->interactions[position];
      return tr("User %1\nsplit: %2\ninteractions: %3\ncohort: %4")
          .arg(QString::fromStdString(header_->userIds[position]), splitLabel(header_->splits[position]))
          .arg(interactions)
          .arg(cohortLabel(cohortOf(interactions)));
    }
    case MapMarker::Anchor: {
      const QString title = index < itemTitles_.size() && !itemTitles_[index].isEmpty()
                                ? itemTitles_[index]
                                : tr("Item column %1").arg(index);
      const QString genre = index < itemGenres_.size() ? itemGenres_[index] : QString();
      return genre.isEmpty() ? tr("Anchor of %1").arg(title)
                             : tr("Anchor of %1\ngenre: %2").arg(title, genre);
    }
    case MapMarker::PseudoInput:
      return tr("Pseudo-input %1\nclick to list the items it stands for").arg(index);
  }
  return {};
}

void LatentMapScene::renderMarkers(QPainter& painter, const Positions& at) const {
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, false);
  painter.setPen(Qt::NoPen);
  // One call per colour: thousands of markers in a handful of draw calls.
  QHash<QRgb, QVector<QRectF>> usersByColour;
  for (std::size_t position = 0; position < at.users.size(); ++position)
    usersByColour[userColour(static_cast<int>(position)).rgb()].push_back(
        square(at.users[position], kUserHalf));
  for (auto it = usersByColour.cbegin(); it != usersByColour.cend(); ++it) {
    painter.setBrush(QColor::fromRgb(it.key()));
    painter.drawRects(it.value());
  }

  QHash<QRgb, QVector<QLineF>> anchorsByColour;
  for (std::size_t column = 0; column < at.anchors.size(); ++column) {
    const QPointF p = at.anchors[column];
    auto& lines = anchorsByColour[anchorColour(static_cast<int>(column)).rgb()];
    lines.push_back({p + QPointF(-kAnchorHalf, -kAnchorHalf), p + QPointF(kAnchorHalf, kAnchorHalf)});
    lines.push_back({p + QPointF(-kAnchorHalf, kAnchorHalf), p + QPointF(kAnchorHalf, -kAnchorHalf)});
  }
  painter.setBrush(Qt::NoBrush);
  for (auto it = anchorsByColour.cbegin(); it != anchorsByColour.cend(); ++it) {
    painter.setPen(QPen(QColor::fromRgb(it.key()), 1.2));
    painter.drawLines(it.value());
  }

  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.setPen(QPen(Qt::black, 1.0));
  painter.setBrush(kPseudoInput);
  for (const QPointF& p : at.pseudoInputs) painter.drawPolygon(diamond(p, kPseudoHalf));
  painter.restore();
}

void LatentMapScene::renderFocus(QPainter& painter, QSizeF size, const QTransform& toPixel) const {
  if (!frame_) return;
  const int users = userCount();
  auto pixelOf = [&](int position) { return toPixel.map(userPoint(position)); };
  auto valid = [users](int position) { return position >= 0 && position < users; };

  painter.setBrush(Qt::NoBrush);
  painter.setPen(QPen(kHighlighted, 1.3));
  for (int position : highlighted_)
    if (valid(position)) painter.drawEllipse(pixelOf(position), 3.5, 3.5);

  for (const MapCloud& cloud : clouds_) {
    painter.setPen(Qt::NoPen);
    painter.setBrush(keepRateColour(cloud.keepRate));
    for (std::int64_t mask = 0; mask < cloud.points.rows; ++mask)
      painter.drawEllipse(toPixel.map(rowPoint(cloud.points, mask)), 2.5, 2.5);
  }
  painter.setBrush(Qt::NoBrush);
  painter.setPen(QPen(Qt::black, 1.0));
  for (int position : stableNeighbours_)
    if (valid(position)) painter.drawRect(square(pixelOf(position), 4.5));
  painter.setPen(QPen(Qt::black, 1.0, Qt::DotLine));
  for (int position : transientNeighbours_)
    if (valid(position)) painter.drawRect(square(pixelOf(position), 4.5));

  for (int position : latentNeighbours_) {
    if (!valid(position)) continue;
    painter.setPen(QPen(mapNeighbours_.contains(position) ? kBothNeighbour : kLatentNeighbour, 1.8));
    painter.drawEllipse(pixelOf(position), 6.0, 6.0);
  }
  painter.setPen(QPen(kMapNeighbour, 1.8));
  for (int position : mapNeighbours_)
    if (valid(position) && !latentNeighbours_.contains(position))
      painter.drawEllipse(pixelOf(position), 6.0, 6.0);

  if (!valid(focusUser_)) return;
  const QPointF focus = pixelOf(focusUser_);
  if (centroid_) {
    const QPointF centroid = toPixel.map(*centroid_);
    painter.setPen(QPen(kCentroid, 1.4, Qt::DashLine));
    for (const MapCloud& cloud : clouds_)
      if (cloud.points.rows > 0) painter.drawLine(toPixel.map(cloudMean(cloud)), centroid);
    painter.setPen(QPen(kCentroid, 2.0));
    painter.drawLine(centroid + QPointF(-6, -6), centroid + QPointF(6, 6));
    painter.drawLine(centroid + QPointF(-6, 6), centroid + QPointF(6, -6));
    painter.drawEllipse(centroid, 6.0, 6.0);
  }
  if (radius_) {
    const double radius = *radius_ * toPixel.m11();
    painter.setPen(QPen(QColor(0x555555), 1.2, Qt::DashLine));
    painter.drawEllipse(focus, radius, radius);
    painter.setPen(QColor(0x333333));
    const QString label = tr("illustration only: a 2-D projection does not preserve latent distances");
    const double width = QFontMetricsF(painter.font()).horizontalAdvance(label);
    const double x = std::clamp(focus.x() - width / 2, 4.0, std::max(4.0, size.width() - width - 4.0));
    const double y = std::clamp(focus.y() - radius - 6.0, 14.0, size.height() - 4.0);
    painter.drawText(QPointF(x, y), label);
  }
  painter.setPen(QPen(Qt::black, 2.0));
  painter.drawEllipse(focus, 8.0, 8.0);
  painter.drawLine(focus + QPointF(-12, 0), focus + QPointF(-8, 0));
  painter.drawLine(focus + QPointF(8, 0), focus + QPointF(12, 0));
  painter.drawLine(focus + QPointF(0, -12), focus + QPointF(0, -8));
  painter.drawLine(focus + QPointF(0, 8), focus + QPointF(0, 12));
}

void LatentMapScene::renderOverlays(QPainter& painter, QSizeF size, const Positions& at) const {
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.setBrush(Qt::NoBrush);
  painter.setPen(QPen(Qt::black, 1.0));
  for (int position : selection_)
    if (position >= 0 && static_cast<std::size_t>(position) < at.users.size())
      painter.drawRect(square(at.users[static_cast<std::size_t>(position)], 3.5));
  if (layers_.focus) renderFocus(painter, size, transform(size));
  if (const auto chosen = highlightedPseudoInputAt(at)) {
    painter.setPen(QPen(kPseudoInput, 2.0));
    painter.drawEllipse(*chosen, kChosenRing, kChosenRing);
  }
  if (frame_ && header_) {
    painter.setPen(Qt::black);
    painter.drawText(QPointF(6, 14), caption());
  }
  if (legendVisible_) renderLegend(painter, size);
  painter.restore();
}

std::optional<QPointF> LatentMapScene::highlightedPseudoInputAt(const Positions& at) const {
  if (highlightedPseudoInput_ < 0 ||
      static_cast<std::size_t>(highlightedPseudoInput_) >= at.pseudoInputs.size())
    return std::nullopt;
  return at.pseudoInputs[static_cast<std::size_t>(highlightedPseudoInput_)];
}

QString LatentMapScene::caption() const {
  const QString model = QString::fromStdString(header_->model);
  return frame_->basis.components.rows > 0
             ? tr("%1, epoch %2").arg(model).arg(frame_->epoch)
             : tr("%1, t-SNE of the best weights (epoch %2)").arg(model).arg(frame_->epoch);
}

std::vector<LatentMapScene::LegendEntry> LatentMapScene::legend() const {
  std::vector<LegendEntry> entries;
  if (!frame_ || !header_) return entries;
  if (layers_.users) {
    switch (colouring_) {
      case MapColouring::Cohort:
        for (int cohort = 0; cohort < static_cast<int>(cohorts_.size()); ++cohort)
          entries.push_back(
              {tr("%1 interactions").arg(cohortLabel(cohort)), cohortColour(cohort), MapMarker::User});
        break;
      case MapColouring::Activity: {
        const auto [low, high] =
            std::minmax_element(header_->interactions.begin(), header_->interactions.end());
        if (low != header_->interactions.end()) {
          entries.push_back(
              {tr("%1 interactions (fewest)").arg(*low), activityColour(*low), MapMarker::User});
          entries.push_back(
              {tr("%1 interactions (most)").arg(*high), activityColour(*high), MapMarker::User});
        }
        break;
      }
      case MapColouring::Split:
        for (auto split :
             {geometry::UserSplit::Train, geometry::UserSplit::Validation, geometry::UserSplit::Test})
          entries.push_back({splitLabel(split), splitColour(split), MapMarker::User});
        break;
    }
  }
  if (layers_.anchors && frame_->anchors.rows > 0) {
    if (genresByCount_.isEmpty()) entries.push_back({tr("item anchors"), kPlainAnchor, MapMarker::Anchor});
    for (int rank = 0; rank < genresByCount_.size(); ++rank)
      entries.push_back({genresByCount_[rank], kGenrePalette[rank], MapMarker::Anchor});
    if (!genresByCount_.isEmpty()) entries.push_back({tr("other genres"), kOtherGenre, MapMarker::Anchor});
  }
  if (layers_.pseudoInputs && frame_->pseudoInputs.rows > 0)
    entries.push_back(
        {tr("pseudo-inputs (%1)").arg(frame_->pseudoInputs.rows), kPseudoInput, MapMarker::PseudoInput});
  if (layers_.focus && focusUser_ >= 0) {
    if (!highlighted_.isEmpty())
      entries.push_back({tr("within the sharing radius"), kHighlighted, MapMarker::User});
    if (!latentNeighbours_.isEmpty() || !mapNeighbours_.isEmpty()) {
      entries.push_back({tr("neighbour in latent space and on the map"), kBothNeighbour, MapMarker::User});
      entries.push_back({tr("neighbour in latent space only"), kLatentNeighbour, MapMarker::User});
      entries.push_back({tr("neighbour on the map only"), kMapNeighbour, MapMarker::User});
    }
    for (const MapCloud& cloud : clouds_)
      entries.push_back({tr("masked input, keep rate %1").arg(cloud.keepRate), keepRateColour(cloud.keepRate),
                         MapMarker::User});
    if (centroid_)
      entries.push_back({tr("centroid of the user's item anchors, pulling each masked mean (dashed)"), kCentroid,
                         MapMarker::Anchor});
    if (!clouds_.empty()) {
      entries.push_back({tr("neighbour under every mask (square)"), Qt::black, MapMarker::User});
      entries.push_back(
          {tr("neighbour under some masks (dotted square)"), QColor(0x777777), MapMarker::User});
    }
  }
  return entries;
}

// The entries flow left to right in rows under the caption, so a long legend (cohorts, a
// dozen genres, the focus overlays) costs a few rows of the map, not a column of it.
void LatentMapScene::renderLegend(QPainter& painter, QSizeF size) const {
  const std::vector<LegendEntry> entries = legend();
  if (entries.empty()) return;
  const QFontMetricsF metrics(painter.font());
  const double row = metrics.height() + 2;
  const double usable = size.width() - 16;
  std::vector<QPointF> origins;  // of each entry, relative to the box's top left
  double x = 0.0, y = 0.0, widest = 0.0;
  for (const LegendEntry& entry : entries) {
    const double width = 20 + metrics.horizontalAdvance(entry.label) + 12;
    if (x > 0.0 && x + width > usable) {
      x = 0.0;
      y += row;
    }
    origins.emplace_back(x, y);
    x += width;
    widest = std::max(widest, x);
  }
  const QRectF box(4, 20, std::min(widest, usable) + 8, y + row + 6);
  painter.setPen(QColor(0xcccccc));
  painter.setBrush(QColor(255, 255, 255, 200));
  painter.drawRect(box);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const LegendEntry& entry = entries[i];
    const QPointF marker(box.left() + 10 + origins[i].x(), box.top() + 3 + origins[i].y() + row / 2);
    painter.setPen(Qt::NoPen);
    painter.setBrush(entry.colour);
    if (entry.marker == MapMarker::PseudoInput) {
      painter.setPen(QPen(Qt::black, 1.0));
      painter.drawPolygon(diamond(marker, kPseudoHalf - 1));
    } else if (entry.marker == MapMarker::Anchor) {
      painter.setPen(QPen(entry.colour, 1.5));
      painter.drawLine(marker + QPointF(-3, -3), marker + QPointF(3, 3));
      painter.drawLine(marker + QPointF(-3, 3), marker + QPointF(3, -3));
    } else {
      painter.drawRect(square(marker, 3.0));
    }
    painter.setPen(Qt::black);
    painter.drawText(QPointF(marker.x() + 10, marker.y() + metrics.ascent() / 2 - 1), entry.label);
  }
}

void LatentMapScene::render(QPainter& painter, QSizeF size) const {
  painter.fillRect(QRectF(QPointF(0, 0), size), Qt::white);
  const Positions at = positions(size);
  renderMarkers(painter, at);
  renderOverlays(painter, size, at);
}

QString LatentMapScene::svg(QSizeF size) const {
  QString text;
  QTextStream out(&text);
  const QRectF picture(QPointF(0, 0), size);
  const QRectF visible = picture.adjusted(-kPseudoHalf, -kPseudoHalf, kPseudoHalf, kPseudoHalf);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << number(size.width()) << "\" height=\""
      << number(size.height()) << "\" font-family=\"sans-serif\" font-size=\"11\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  const Positions at = positions(size);
  for (std::size_t position = 0; position < at.users.size(); ++position) {
    const QPointF p = at.users[position];
    if (!visible.contains(p)) continue;
    out << "<rect class=\"user\" x=\"" << number(p.x() - kUserHalf) << "\" y=\"" << number(p.y() - kUserHalf)
        << "\" width=\"4\" height=\"4\" fill=\"" << userColour(static_cast<int>(position)).name() << "\"/>\n";
  }
  for (std::size_t column = 0; column < at.anchors.size(); ++column) {
    const QPointF p = at.anchors[column];
    if (!visible.contains(p)) continue;
    out << "<path class=\"anchor\" d=\"M" << number(p.x() - kAnchorHalf) << ' ' << number(p.y() - kAnchorHalf)
        << "L" << number(p.x() + kAnchorHalf) << ' ' << number(p.y() + kAnchorHalf) << "M"
        << number(p.x() - kAnchorHalf) << ' ' << number(p.y() + kAnchorHalf) << "L"
        << number(p.x() + kAnchorHalf) << ' ' << number(p.y() - kAnchorHalf) << "\" stroke=\""
        << anchorColour(static_cast<int>(column)).name() << "\" stroke-width=\"1.2\"/>\n";
  }
  for (const QPointF& p : at.pseudoInputs) {
    if (!visible.contains(p)) continue;
    out << "<polygon class=\"pseudo-input\" points=\"";
    for (const QPointF& corner : diamond(p, kPseudoHalf))
      out << number(corner.x()) << ',' << number(corner.y()) << ' ';
    out << "\" fill=\"" << kPseudoInput.name() << "\" stroke=\"black\"/>\n";
  }

  auto circle = [&out](const char* kind, QPointF p, double r, const QColor& stroke, const char* extra = "") {
    out << "<circle class=\"" << kind << "\" cx=\"" << number(p.x()) << "\" cy=\"" << number(p.y())
        << "\" r=\"" << number(r) << "\" fill=\"none\" stroke=\"" << stroke.name() << "\"" << extra << "/>\n";
  };
  for (int position : selection_)
    if (position >= 0 && static_cast<std::size_t>(position) < at.users.size())
      out << "<rect class=\"selected\" x=\"" << number(at.users[position].x() - 3.5) << "\" y=\""
          << number(at.users[position].y() - 3.5)
          << "\" width=\"7\" height=\"7\" fill=\"none\" stroke=\"black\"/>\n";
  const int users = userCount();
  auto valid = [users](int position) { return position >= 0 && position < users; };
  if (layers_.focus && frame_) {
    const QTransform toPixel = transform(size);
    auto pixelOf = [&](int position) { return toPixel.map(userPoint(position)); };
    for (int position : highlighted_)
      if (valid(position)) circle("highlighted", pixelOf(position), 3.5, kHighlighted);
    for (const MapCloud& cloud : clouds_)
      for (std::int64_t mask = 0; mask < cloud.points.rows; ++mask) {
        const QPointF p = toPixel.map(rowPoint(cloud.points, mask));
        out << "<circle class=\"masked\" cx=\"" << number(p.x()) << "\" cy=\"" << number(p.y())
            << "\" r=\"2.5\" fill=\"" << keepRateColour(cloud.keepRate).name() << "\"/>\n";
      }
    for (int position : latentNeighbours_)
      if (valid(position))
        circle("neighbour", pixelOf(position), 6.0,
               mapNeighbours_.contains(position) ? kBothNeighbour : kLatentNeighbour);
    for (int position : mapNeighbours_)
      if (valid(position) && !latentNeighbours_.contains(position))
        circle("neighbour", pixelOf(position), 6.0, kMapNeighbour);
    if (valid(focusUser_)) {
      const QPointF focus = pixelOf(focusUser_);
      circle("focus", focus, 8.0, Qt::black, " stroke-width=\"2\"");
      if (centroid_) {
        const QPointF centroid = toPixel.map(*centroid_);
        for (const MapCloud& cloud : clouds_) {
          if (cloud.points.rows == 0) continue;
          const QPointF mean = toPixel.map(cloudMean(cloud));
          out << "<line class=\"pull\" x1=\"" << number(mean.x()) << "\" y1=\"" << number(mean.y()) << "\" x2=\""
              << number(centroid.x()) << "\" y2=\"" << number(centroid.y()) << "\" stroke=\"" << kCentroid.name()
              << "\" stroke-dasharray=\"4 3\"/>\n";
        }
        circle("centroid", centroid, 6.0, kCentroid, " stroke-width=\"2\"");
      }
      if (radius_) {
        const double radius = *radius_ * toPixel.m11();
        circle("radius", focus, radius, QColor(0x555555), " stroke-dasharray=\"6 4\"");
        out << "<text x=\"" << number(focus.x()) << "\" y=\"" << number(focus.y() - radius - 6)
            << "\" text-anchor=\"middle\">"
            << xml(tr("illustration only: a 2-D projection does not preserve latent distances"))
            << "</text>\n";
      }
    }
  }
  if (const auto chosen = highlightedPseudoInputAt(at))
    circle("chosen-pseudo-input", *chosen, kChosenRing, kPseudoInput, " stroke-width=\"2\"");
  if (frame_ && header_) out << "<text x=\"6\" y=\"14\">" << xml(caption()) << "</text>\n";
  if (legendVisible_) {
    const std::vector<LegendEntry> entries = legend();
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const double y = 18 + 14 * static_cast<double>(i);
      out << "<rect class=\"legend\" x=\"" << number(size.width() - 200) << "\" y=\"" << number(y - 8)
          << "\" width=\"7\" height=\"7\" fill=\"" << entries[i].colour.name() << "\"/>\n"
          << "<text x=\"" << number(size.width() - 188) << "\" y=\"" << number(y) << "\">"
          << xml(entries[i].label) << "</text>\n";
    }
  }
  out << "</svg>\n";
  out.flush();
  return text;
}

MarkerGrid::MarkerGrid(const LatentMapScene::Positions& at, double pickRadius)
    : cell_(std::max(pickRadius, 1.0)) {
  auto add = [this](const std::vector<QPointF>& points, MapMarker kind) {
    for (std::size_t i = 0; i < points.size(); ++i)
      entries_.push_back({cellOf(points[i]), Entry{points[i], MapHit{kind, static_cast<int>(i)}}});
  };
  add(at.users, MapMarker::User);
  add(at.anchors, MapMarker::Anchor);
  add(at.pseudoInputs, MapMarker::PseudoInput);
  std::stable_sort(entries_.begin(), entries_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
}

qint64 MarkerGrid::cellOf(QPointF pixel) const {
  const auto column = static_cast<qint64>(std::floor(pixel.x() / cell_));
  const auto row = static_cast<qint64>(std::floor(pixel.y() / cell_));
  return (column << 32) ^ (row & 0xffffffff);
}

std::optional<MapHit> MarkerGrid::nearest(QPointF pixel) const {
  std::optional<MapHit> best;
  double bestDistance = cell_ * cell_;  // squared pick radius; the cell is as wide as the radius
  for (int dx = -1; dx <= 1; ++dx) {
    for (int dy = -1; dy <= 1; ++dy) {
      const qint64 key = cellOf(pixel + QPointF(dx * cell_, dy * cell_));
      auto [from, to] = std::equal_range(entries_.begin(), entries_.end(), std::pair<qint64, Entry>{key, {}},
                                         [](const auto& a, const auto& b) { return a.first < b.first; });
      for (auto it = from; it != to; ++it) {
        const QPointF d = it->second.at - pixel;
        const double distance = d.x() * d.x() + d.y() * d.y();
        if (distance <= bestDistance) {
          // Ties go to the later layer (pseudo-inputs over anchors over users), as drawn.
          if (distance < bestDistance || !best || it->second.hit.kind >= best->kind) best = it->second.hit;
          bestDistance = distance;
        }
      }
    }
  }
  return best;
}

}  // namespace vaecf::ui
