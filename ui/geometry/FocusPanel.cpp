#include "geometry/FocusPanel.h"

#include <QChart>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>
#include <set>

#include "charts/ChartView.h"
#include "help/Glossary.h"

namespace vaecf::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

QTableWidget* readOnlyTable(const QStringList& header, QWidget* parent) {
  auto* table = new QTableWidget(parent);
  table->setColumnCount(static_cast<int>(header.size()));
  table->setHorizontalHeaderLabels(header);
  table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table->horizontalHeader()->setStretchLastSection(true);
  table->verticalHeader()->hide();
  table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  return table;
}

QLabel* wrappingLabel(QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setWordWrap(true);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  return label;
}

QString stageText(const QString& stage) {
  if (stage == QLatin1String("posteriors")) return FocusPanel::tr("encoding the sample");
  if (stage == QLatin1String("transfer")) return FocusPanel::tr("gradient transfer");
  if (stage == QLatin1String("drift")) return FocusPanel::tr("masked inputs");
  return stage.isEmpty() ? FocusPanel::tr("loading the run") : stage;
}

}  // namespace

std::optional<std::vector<double>> parseKeepRates(const QString& text) {
  std::vector<double> rates;
  for (const QString& field : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    bool ok = false;
    const double rate = field.trimmed().toDouble(&ok);
    if (!ok || rate <= 0.0 || rate > 1.0) return std::nullopt;
    rates.push_back(rate);
  }
  if (rates.empty()) return std::nullopt;
  return rates;
}

QString formatKeepRates(const std::vector<double>& rates) {
  QStringList fields;
  for (const double rate : rates) fields << QString::number(rate, 'g', 4);
  return fields.join(QStringLiteral(", "));
}

FocusPanel::FocusPanel(QWidget* parent)
    : QWidget(parent),
      job_(new GeometryJob(this)),
      state_(wrappingLabel(this)),
      cancel_(new QPushButton(tr("Cancel"), this)),
      userId_(new QLineEdit(this)),
      keepRates_(new QLineEdit(this)),
      masks_(new QSpinBox(this)),
      neighbours_(new QSpinBox(this)),
      topN_(new QSpinBox(this)),
      summary_(wrappingLabel(this)),
      history_(new QListWidget(this)),
      recommendations_(new QListWidget(this)),
      neighbourTable_(readOnlyTable({tr("Rank"), tr("Latent space (W2)"), tr("2-D map")}, this)),
      overlap_(wrappingLabel(this)),
      chart_(new QChart),
      chartView_(new ChartView(chart_, this)),
      distanceAxis_(new QValueAxis(chart_)),
      transferAxis_(new QValueAxis(chart_)),
      shareAxis_(new QValueAxis(chart_)),
      helpful_(new QScatterSeries(chart_)),
      unhelpful_(new QScatterSeries(chart_)),
      sharing_(new QLineSeries(chart_)),
      radius_(new QLineSeries(chart_)),
      transferNote_(wrappingLabel(this)),
      readout_(new QLabel(this)),
      clouds_(readOnlyTable({tr("Keep rate"), tr("Drift"), tr("Masks"), tr("Neighbours per mask")}, this)) {
  const geometry::FocusOptions defaults;
  userId_->setPlaceholderText(tr("user id, or click a user on the latent map"));
  keepRates_->setText(formatKeepRates(defaults.keepRates));
  keepRates_->setToolTip(
      withExplanation(tr("Keep rates rho of the masked inputs, comma separated, each in (0, 1]"), {Term::KeepRate}));
  masks_->setRange(2, 256);
  masks_->setValue(static_cast<int>(defaults.masks));
  masks_->setToolTip(tr("Masks drawn per keep rate"));
  neighbours_->setRange(1, 500);
  neighbours_->setValue(static_cast<int>(defaults.neighbours));
  neighbours_->setToolTip(tr("k of the nearest neighbours and of the drift"));
  topN_->setRange(1, 500);
  topN_->setValue(static_cast<int>(defaults.recommendations));
  auto* go = new QPushButton(tr("Study"), this);
  connect(go, &QPushButton::clicked, this, [this] { studyUser(userId_->text().trimmed()); });
  connect(userId_, &QLineEdit::returnPressed, go, &QPushButton::click);
  cancel_->hide();
  connect(cancel_, &QPushButton::clicked, this, &FocusPanel::cancel);

  chart_->setTitle(tr("Who helps this user"));
  chartView_->setToolTip(withExplanation(tr("Who helps this user"), {Term::Transfer, Term::W2, Term::SharingRadius}));
  neighbourTable_->horizontalHeaderItem(1)->setToolTip(withExplanation(tr("Latent space (W2)"), {Term::W2}));
  clouds_->horizontalHeaderItem(0)->setToolTip(withExplanation(tr("Keep rate"), {Term::KeepRate}));
  clouds_->horizontalHeaderItem(1)->setToolTip(withExplanation(tr("Drift"), {Term::Drift}));
  chart_->legend()->setAlignment(Qt::AlignBottom);
  distanceAxis_->setTitleText(tr("W2 distance to the focus user"));
  transferAxis_->setTitleText(tr("transfer T(u, v)"));
  shareAxis_->setTitleText(tr("share helpful (T > 0)"));
  shareAxis_->setRange(0.0, 1.0);
  chart_->addAxis(distanceAxis_, Qt::AlignBottom);
  chart_->addAxis(transferAxis_, Qt::AlignLeft);
  chart_->addAxis(shareAxis_, Qt::AlignRight);
  helpful_->setName(tr("helpful (T > 0)"));
  helpful_->setColor(QColor(0x2ca02c));
  unhelpful_->setName(tr("unhelpful (T <= 0)"));
  unhelpful_->setColor(QColor(0xd62728));
  for (QScatterSeries* points : {helpful_, unhelpful_}) {
    points->setMarkerSize(6.0);
    points->setBorderColor(Qt::transparent);
  }
  sharing_->setName(tr("share helpful"));
  sharing_->setPen(QPen(QColor(0x1f77b4), 2.0));
  radius_->setPen(QPen(Qt::black, 1.5, Qt::DashLine));
  for (QXYSeries* series : std::initializer_list<QXYSeries*>{unhelpful_, helpful_, radius_, sharing_}) {
    chart_->addSeries(series);
    series->attachAxis(distanceAxis_);
    series->attachAxis(series == sharing_ ? shareAxis_ : transferAxis_);
    chartView_->trackHover(series);
  }
  connect(chartView_, &ChartView::pointHovered, this, [this](const QString& series, const QPointF& point) {
    readout_->setText(tr("%1 — d = %2: %3").arg(series).arg(point.x(), 0, 'g', 4).arg(point.y(), 0, 'g', 4));
  });

  auto* options = new QHBoxLayout;
  options->addWidget(new QLabel(tr("Keep rates"), this));
  options->addWidget(keepRates_, 1);
  options->addWidget(new QLabel(tr("Masks"), this));
  options->addWidget(masks_);
  options->addWidget(new QLabel(tr("k"), this));
  options->addWidget(neighbours_);
  options->addWidget(new QLabel(tr("Top N"), this));
  options->addWidget(topN_);
  auto* user = new QHBoxLayout;
  user->addWidget(userId_, 1);
  user->addWidget(go);
  auto* stateRow = new QHBoxLayout;
  stateRow->addWidget(state_, 1);
  stateRow->addWidget(cancel_);

  auto* items = new QWidget(this);
  auto* itemsLayout = new QVBoxLayout(items);
  itemsLayout->addWidget(new QLabel(tr("History"), items));
  itemsLayout->addWidget(history_, 1);
  itemsLayout->addWidget(new QLabel(tr("Recommended (unseen items)"), items));
  itemsLayout->addWidget(recommendations_, 1);
  auto* neighbours = new QWidget(this);
  auto* neighboursLayout = new QVBoxLayout(neighbours);
  neighboursLayout->addWidget(neighbourTable_, 1);
  neighboursLayout->addWidget(overlap_);
  auto* transfer = new QWidget(this);
  auto* transferLayout = new QVBoxLayout(transfer);
  transferLayout->addWidget(chartView_, 1);
  transferLayout->addWidget(readout_);
  transferLayout->addWidget(transferNote_);
  auto* tabs = new QTabWidget(this);
  tabs->addTab(items, tr("Items"));
  tabs->addTab(neighbours, tr("Neighbours"));
  tabs->addTab(transfer, tr("Who helps"));
  tabs->addTab(clouds_, tr("Masking drift"));

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(user);
  layout->addLayout(options);
  layout->addLayout(stateRow);
  layout->addWidget(summary_);
  layout->addWidget(tabs, 1);

  connect(job_, &GeometryJob::progressed, this, &FocusPanel::showProgress);
  connect(job_, &GeometryJob::focusReady, this, [this](std::shared_ptr<const FocusResult> result) {
    if (result->run->folder == runFolder_) showResult(std::move(result));  // else the run changed meanwhile
    else showState(idleState_);
    startPending();
  });
  connect(job_, &GeometryJob::failed, this, [this](const QString& message) {
    showState(message, true);
    Q_EMIT problem(message);
    startPending();
  });
  connect(job_, &GeometryJob::cancelled, this, [this] {
    showState(idleState_);
    startPending();
  });
  clear();
}

void FocusPanel::setData(std::shared_ptr<const SessionData> data) {
  data_ = data;
  pending_.reset();
  job_->setData(std::move(data));
  clear();
}

void FocusPanel::setRunFolder(const std::filesystem::path& runFolder) {
  if (runFolder == runFolder_) return;
  runFolder_ = runFolder;
  pending_.reset();
  job_->cancel();
  clear();
}

bool FocusPanel::studyPosition(std::int64_t position) {
  FocusRequest next;
  next.position = position;
  return request(std::move(next));
}

QString FocusPanel::userText() const { return userId_->text(); }

void FocusPanel::setUserText(const QString& userId) { userId_->setText(userId); }

bool FocusPanel::studyUser(const QString& userId) {
  if (userId.isEmpty()) {
    Q_EMIT problem(tr("Enter a user id, or click a user on the latent map."));
    return false;
  }
  FocusRequest next;
  next.userId = userId.toStdString();
  return request(std::move(next));
}

void FocusPanel::cancel() {
  pending_.reset();
  job_->cancel();
}

void FocusPanel::setOptions(const geometry::FocusOptions& options) {
  keepRates_->setText(formatKeepRates(options.keepRates));
  masks_->setValue(static_cast<int>(options.masks));
  neighbours_->setValue(static_cast<int>(options.neighbours));
  topN_->setValue(static_cast<int>(options.recommendations));
}

geometry::FocusOptions FocusPanel::options() const {
  geometry::FocusOptions options;
  if (const auto rates = parseKeepRates(keepRates_->text())) options.keepRates = *rates;
  options.masks = masks_->value();
  options.neighbours = neighbours_->value();
  options.recommendations = topN_->value();
  return options;
}

bool FocusPanel::request(FocusRequest next) {
  QString problemText;
  if (!data_) problemText = tr("Load a dataset first.");
  else if (runFolder_.empty()) problemText = tr("Choose a run: the focus view studies its best weights.");
  else if (!parseKeepRates(keepRates_->text()))
    problemText = tr("Keep rates must be numbers in (0, 1], separated by commas.");
  if (!problemText.isEmpty()) {
    Q_EMIT problem(problemText);
    return false;
  }
  next.options = options();
  if (job_->isRunning()) {
    pending_ = std::move(next);  // the study on screen goes stale: stop it and follow it
    job_->cancel();
    return true;
  }
  if (!job_->startFocus(runFolder_, std::move(next))) return false;
  cancel_->show();
  showState(tr("Studying the user: loading the run..."));
  return true;
}

void FocusPanel::startPending() {
  cancel_->hide();
  if (!pending_) return;
  FocusRequest next = std::move(*pending_);
  pending_.reset();
  request(std::move(next));
}

void FocusPanel::showProgress(const QString& stage, qint64 done, qint64 total) {
  showState(total > 0 ? tr("Studying the user: %1, %2 of %3").arg(stageText(stage)).arg(done).arg(total)
                      : tr("Studying the user: %1...").arg(stageText(stage)));
}

void FocusPanel::showState(const QString& text, bool error) {
  state_->setText(text);
  state_->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

bool FocusPanel::isBusy() const { return job_->isRunning(); }

QString FocusPanel::stateText() const { return state_->text(); }

void FocusPanel::clear() {
  result_.reset();
  mapNeighbours_.clear();
  summary_->clear();
  history_->clear();
  recommendations_->clear();
  neighbourTable_->setRowCount(0);
  overlap_->clear();
  helpful_->clear();
  unhelpful_->clear();
  sharing_->clear();
  radius_->clear();
  radius_->setName(QString());
  transferNote_->clear();
  readout_->clear();
  clouds_->setRowCount(0);
  if (!data_) idleState_ = tr("Load a dataset and choose a run to study a user's neighbourhood.");
  else if (runFolder_.empty()) idleState_ = tr("Choose a run to study a user's neighbourhood.");
  else idleState_ = tr("Click a user on the latent map or enter a user id.");
  showState(idleState_);
}

void FocusPanel::showResult(std::shared_ptr<const FocusResult> result) {
  result_ = std::move(result);
  idleState_ = result_->run->sampleFromTrail
                   ? QString()
                   : tr("This run recorded no latent sample: its users are %1 drawn from the split with seed 1.")
                         .arg(result_->run->sample->size());
  showState(idleState_);
  userId_->setText(qs(result_->userId));
  showSummary();
  showItems();
  updateMapNeighbours();
  showNeighbours();
  showTransfer();
  showClouds();
  Q_EMIT studied(result_);
}

void FocusPanel::setMapCoordinates(geometry::RowMatrix map) {
  map_ = std::move(map);
  updateMapNeighbours();
  if (result_) showNeighbours();
}

// Only a map of this run's sample says anything about its neighbours.
void FocusPanel::updateMapNeighbours() {
  mapNeighbours_.clear();
  if (result_ && map_.rows == result_->run->sample->size())
    mapNeighbours_ = geometry::mapNeighbours(map_, result_->study.position,
                                             static_cast<std::int64_t>(result_->study.latentNeighbours.size()));
}

void FocusPanel::showSummary() {
  summary_->setText(tr("User %1 (%2, sample position %3): %n interaction(s), cohort %4. Run: %5 (%6).", nullptr,
                       static_cast<int>(result_->interactions))
                        .arg(qs(result_->userId), qs(std::string(geometry::splitName(result_->split))))
                        .arg(result_->study.position)
                        .arg(qs(result_->cohort), qs(result_->run->folder.filename().string()),
                             qs(result_->run->model->modelName())));
}

QString FocusPanel::itemLabel(std::int64_t column) const {
  const std::string& itemId = data_->split->itemIds[static_cast<std::size_t>(column)];
  const auto info = data_->catalog.find(itemId);
  if (info == data_->catalog.end()) return qs(itemId);
  QString label = QStringLiteral("%1  (%2)").arg(qs(info->second.title), qs(itemId));
  if (!info->second.genres.empty()) {
    QStringList genres;
    for (const std::string& genre : info->second.genres) genres << qs(genre);
    label += QStringLiteral("  — ") + genres.join(QLatin1Char('|'));
  }
  return label;
}

QString FocusPanel::userLabel(std::int64_t position) const {
  return qs(result_->run->sample->userIds[static_cast<std::size_t>(position)]);
}

void FocusPanel::showItems() {
  history_->clear();
  for (const std::int64_t column : result_->study.history) history_->addItem(itemLabel(column));
  recommendations_->clear();
  int rank = 0;
  for (const std::int64_t column : result_->study.recommendations)
    recommendations_->addItem(QStringLiteral("%1. %2").arg(++rank).arg(itemLabel(column)));
}

void FocusPanel::showNeighbours() {
  const std::vector<std::int64_t>& latent = result_->study.latentNeighbours;
  const std::set<std::int64_t> inLatent(latent.begin(), latent.end());
  const std::set<std::int64_t> onMap(mapNeighbours_.begin(), mapNeighbours_.end());
  const auto rows = static_cast<int>(std::max(latent.size(), mapNeighbours_.size()));
  neighbourTable_->setRowCount(rows);
  auto cell = [this](std::int64_t position, bool shared, const QString& detail) {
    auto* item = new QTableWidgetItem(detail.isEmpty() ? userLabel(position) : userLabel(position) + detail);
    QFont font = item->font();
    font.setBold(shared);  // in both lists
    item->setFont(font);
    return item;
  };
  for (int row = 0; row < rows; ++row) {
    neighbourTable_->setItem(row, 0, new QTableWidgetItem(QString::number(row + 1)));
    const auto index = static_cast<std::size_t>(row);
    if (index < latent.size()) {
      const std::int64_t position = latent[index];
      const double distance = result_->study.distance[static_cast<std::size_t>(position)];
      neighbourTable_->setItem(row, 1, cell(position, onMap.count(position) > 0,
                                            QStringLiteral("  (d = %1)").arg(distance, 0, 'g', 4)));
    } else {
      neighbourTable_->setItem(row, 1, new QTableWidgetItem);
    }
    neighbourTable_->setItem(row, 2, index < mapNeighbours_.size()
                                         ? cell(mapNeighbours_[index], inLatent.count(mapNeighbours_[index]) > 0, {})
                                         : new QTableWidgetItem);
  }
  overlap_->setText(mapNeighbours_.empty()
                        ? tr("The map's neighbours appear once a latent map of this run's sample is shown.")
                        : tr("%1 of the %2 nearest users in latent space are also among the %3 nearest on the "
                             "2-D map (bold: in both).")
                              .arg(neighbourOverlap())
                              .arg(latent.size())
                              .arg(mapNeighbours_.size()));
}

void FocusPanel::showTransfer() {
  helpful_->clear();
  unhelpful_->clear();
  sharing_->clear();
  radius_->clear();
  const auto& transfer = result_->study.transfer;
  chartView_->setVisible(transfer.has_value());
  if (!transfer) {
    transferNote_->setText(tr("Gradient transfer is available for Mult-VAE and Mult-DAE only (this run is %1).")
                               .arg(qs(result_->run->model->modelName())));
    return;
  }
  QVector<QPointF> up, down;
  double xMax = 0.0, yMin = 0.0, yMax = 0.0;
  for (std::size_t v = 0; v < transfer->transfer.size(); ++v) {
    if (static_cast<std::int64_t>(v) == transfer->focusRow) continue;
    const QPointF point(transfer->distance[v], transfer->transfer[v]);
    (point.y() > 0.0 ? up : down).push_back(point);
    xMax = std::max(xMax, point.x());
    yMin = std::min(yMin, point.y());
    yMax = std::max(yMax, point.y());
  }
  helpful_->replace(up);
  unhelpful_->replace(down);
  QVector<QPointF> curve;
  for (std::size_t i = 0; i < transfer->sharing.distance.size(); ++i)
    curve.push_back({transfer->sharing.distance[i], transfer->sharing.helpfulShare[i]});
  sharing_->replace(curve);
  const double pad = std::max(1e-9, (yMax - yMin) * 0.05);
  if (transfer->sharing.radius) {
    const double r = *transfer->sharing.radius;
    radius_->replace({{r, yMin - pad}, {r, yMax + pad}});
    radius_->setName(tr("r_share = %1").arg(r, 0, 'g', 4));
  } else {
    radius_->setName(tr("no r_share: every window is mostly helpful"));
  }
  distanceAxis_->setRange(0.0, xMax > 0.0 ? xMax * 1.05 : 1.0);
  transferAxis_->setRange(yMin - pad, yMax + pad);
  const auto others = static_cast<qint64>(transfer->transfer.size()) - 1;
  transferNote_->setText(
      (transfer->sharing.radius
           ? tr("%1 of %2 users help (T > 0); %3 lie within r_share = %4.")
                 .arg(transfer->helpfulUsers)
                 .arg(others)
                 .arg(transfer->usersWithinRadius)
                 .arg(*transfer->sharing.radius, 0, 'g', 4)
           : tr("%1 of %2 users help (T > 0); no sharing radius: the helpful share stays above one half.")
                 .arg(transfer->helpfulUsers)
                 .arg(others)) +
      QLatin1Char(' ') + tr("Gradients at the posterior mean, clean input."));
}

void FocusPanel::showClouds() {
  const auto& clouds = result_->study.clouds;
  clouds_->setRowCount(static_cast<int>(clouds.size()));
  for (int row = 0; row < static_cast<int>(clouds.size()); ++row) {
    const geometry::MaskedCloud& cloud = clouds[static_cast<std::size_t>(row)];
    const std::size_t k = cloud.neighbours.empty() ? 0 : cloud.neighbours.front().size();
    clouds_->setItem(row, 0, new QTableWidgetItem(QString::number(cloud.keepRate, 'g', 4)));
    clouds_->setItem(row, 1, new QTableWidgetItem(QString::number(cloud.drift, 'f', 4)));
    clouds_->setItem(row, 2, new QTableWidgetItem(QString::number(cloud.means.rows)));
    clouds_->setItem(row, 3, new QTableWidgetItem(QString::number(k)));
  }
}

std::vector<std::int64_t> FocusPanel::usersWithinRadius() const {
  std::vector<std::int64_t> within;
  if (!result_ || !result_->study.transfer || !result_->study.transfer->sharing.radius) return within;
  const double radius = *result_->study.transfer->sharing.radius;
  const auto& distance = result_->study.distance;
  for (std::size_t v = 0; v < distance.size(); ++v)
    if (static_cast<std::int64_t>(v) != result_->study.position && distance[v] < radius)
      within.push_back(static_cast<std::int64_t>(v));
  return within;
}

std::vector<std::int64_t> FocusPanel::latentNeighbours() const {
  return result_ ? result_->study.latentNeighbours : std::vector<std::int64_t>{};
}

int FocusPanel::neighbourOverlap() const {
  if (!result_) return 0;
  const std::set<std::int64_t> onMap(mapNeighbours_.begin(), mapNeighbours_.end());
  return static_cast<int>(std::count_if(result_->study.latentNeighbours.begin(), result_->study.latentNeighbours.end(),
                                        [&onMap](std::int64_t position) { return onMap.count(position) > 0; }));
}

std::vector<geometry::MaskedCloud> FocusPanel::maskedClouds() const {
  return result_ ? result_->study.clouds : std::vector<geometry::MaskedCloud>{};
}

QStringList FocusPanel::historyItems() const {
  QStringList items;
  for (int row = 0; row < history_->count(); ++row) items << history_->item(row)->text();
  return items;
}

QStringList FocusPanel::recommendedItems() const {
  QStringList items;
  for (int row = 0; row < recommendations_->count(); ++row) items << recommendations_->item(row)->text();
  return items;
}

int FocusPanel::helpfulPoints() const { return static_cast<int>(helpful_->count()); }

int FocusPanel::unhelpfulPoints() const { return static_cast<int>(unhelpful_->count()); }

}  // namespace vaecf::ui
