#include "panels/DataPanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "common/Error.h"
#include "eval/Evaluator.h"
#include "panels/ActivityHistogram.h"
#include "panels/FormatOptionsDialog.h"
#include "plugin/DatasetFormat.h"

namespace vaecf::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

QString edgesText(const std::vector<std::uint32_t>& edges) {
  QStringList parts;
  for (const std::uint32_t edge : edges) parts << QString::number(edge);
  return parts.join(QLatin1Char(','));
}

}  // namespace

DataPanel::DataPanel(QWidget* parent)
    : QWidget(parent),
      source_(new QComboBox(this)),
      format_(new QComboBox(this)),
      path_(new QLineEdit(this)),
      browse_(new QPushButton(tr("Browse…"), this)),
      options_(new QPushButton(tr("Options…"), this)),
      threshold_(new QLineEdit(this)),
      minPositives_(new QSpinBox(this)),
      heldoutUsers_(new QSpinBox(this)),
      heldoutFraction_(new QDoubleSpinBox(this)),
      splitSeed_(new QSpinBox(this)),
      syntheticUsers_(new QSpinBox(this)),
      syntheticItems_(new QSpinBox(this)),
      edges_(new QLineEdit(this)),
      load_(new QPushButton(tr("Load"), this)),
      cancel_(new QPushButton(tr("Cancel"), this)),
      progress_(new QProgressBar(this)),
      stats_(new QLabel(this)),
      histogram_(new ActivityHistogram(this)) {
  source_->addItem(tr("Bundled MovieLens (ml-latest-small)"), Bundled);
  source_->addItem(tr("Synthetic communities"), Synthetic);
  source_->addItem(tr("Dataset file or folder"), Dataset);
  source_->addItem(tr("Canonical split folder"), SplitFolder);
  format_->addItem(tr("detect"), QString());
  for (const DatasetFormat& format : formatCatalog()) {
    if (!format.readsPath) continue;
    format_->addItem(qs(format.name), qs(format.name));
    format_->setItemData(format_->count() - 1, qs(format.summary), Qt::ToolTipRole);
  }
  format_->setToolTip(tr("Format of the dataset: detected from the file or folder, or chosen; Options… sets the "
                         "format's options, such as the columns of a delimited log"));
  connect(source_, &QComboBox::currentIndexChanged, this, &DataPanel::updateSourceFields);
  connect(format_, &QComboBox::currentIndexChanged, this, [this] {
    formatOptions_.clear();  // they were another format's
    updateSourceFields();
  });
  connect(browse_, &QPushButton::clicked, this, &DataPanel::browse);
  connect(options_, &QPushButton::clicked, this, &DataPanel::editFormatOptions);

  threshold_->setPlaceholderText(tr("format default"));
  threshold_->setToolTip(tr("An interaction is positive when its value is at least this; empty: 4 for star "
                            "ratings, every interaction for implicit data"));
  minPositives_->setRange(1, 1000);
  minPositives_->setValue(5);
  minPositives_->setToolTip(tr("Users with fewer positives are dropped"));
  heldoutUsers_->setRange(0, 10000000);
  heldoutUsers_->setSpecialValueText(tr("10% each"));
  heldoutUsers_->setToolTip(tr("Users held out for validation, and as many for test"));
  heldoutFraction_->setRange(0.01, 0.99);
  heldoutFraction_->setSingleStep(0.05);
  heldoutFraction_->setValue(0.2);
  heldoutFraction_->setToolTip(tr("Share of a heldout user's positives that is scored"));
  splitSeed_->setRange(0, 2147483647);
  splitSeed_->setValue(98765);
  splitSeed_->setToolTip(tr("Seed of the user permutation; 98765 reproduces the reference splits"));
  syntheticUsers_->setRange(100, 1000000);
  syntheticUsers_->setValue(2000);
  syntheticItems_->setRange(100, 100000);
  syntheticItems_->setValue(500);
  edges_->setText(edgesText(EvaluationOptions().cohortEdges));
  edges_->setToolTip(tr("Lower edges of the activity cohorts, ascending; users below the first edge form an "
                        "extra cohort"));
  connect(edges_, &QLineEdit::editingFinished, this, [this] {
    try {
      const auto edges = cohortEdges();
      histogram_->setCohortEdges(edges);
      Q_EMIT cohortEdgesChanged(edges);
    } catch (const Error& error) {
      Q_EMIT problem(qs(error.what()));
    }
  });

  cancel_->setEnabled(false);
  progress_->setVisible(false);
  stats_->setWordWrap(true);
  stats_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  connect(load_, &QPushButton::clicked, this, &DataPanel::requestLoad);
  connect(cancel_, &QPushButton::clicked, this, &DataPanel::cancelRequested);

  auto* pathRow = new QHBoxLayout;
  pathRow->addWidget(path_, 1);
  pathRow->addWidget(browse_);
  pathRow->addWidget(options_);
  auto* form = new QFormLayout;
  form->addRow(tr("Source"), source_);
  form->addRow(tr("Format"), format_);
  form->addRow(tr("Path"), pathRow);
  form->addRow(tr("Synthetic users"), syntheticUsers_);
  form->addRow(tr("Synthetic items"), syntheticItems_);
  form->addRow(tr("Minimum rating"), threshold_);
  form->addRow(tr("Minimum positives per user"), minPositives_);
  form->addRow(tr("Heldout users"), heldoutUsers_);
  form->addRow(tr("Heldout fraction"), heldoutFraction_);
  form->addRow(tr("Split seed"), splitSeed_);
  form->addRow(tr("Cohort edges"), edges_);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(load_);
  buttons->addWidget(cancel_);
  buttons->addWidget(progress_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addLayout(buttons);
  layout->addWidget(stats_);
  layout->addWidget(histogram_, 1);
  histogram_->setCohortEdges(EvaluationOptions().cohortEdges);
  updateSourceFields();
}

void DataPanel::updateSourceFields() {
  const int source = source_->currentData().toInt();
  const bool needsPath = source == Dataset || source == SplitFolder;
  format_->setEnabled(source == Dataset);
  path_->setEnabled(needsPath);
  browse_->setEnabled(needsPath);
  const QString format = format_->currentData().toString();
  options_->setEnabled(source == Dataset &&
                       (format.isEmpty() || !findFormat(format.toStdString()).options.empty()));
  syntheticUsers_->setEnabled(source == Synthetic);
  syntheticItems_->setEnabled(source == Synthetic);
  for (QWidget* protocol : std::initializer_list<QWidget*>{threshold_, minPositives_, heldoutUsers_,
                                                           heldoutFraction_, splitSeed_})
    protocol->setEnabled(source != SplitFolder);
}

void DataPanel::browse() {
  const QString path = source_->currentData().toInt() == SplitFolder
                           ? QFileDialog::getExistingDirectory(this, tr("Canonical split folder"), path_->text())
                           : QFileDialog::getOpenFileName(this, tr("Ratings file"), path_->text());
  if (!path.isEmpty()) path_->setText(path);
}

void DataPanel::editFormatOptions() {
  const std::string chosen = format_->currentData().toString().toStdString();
  const std::string path = path_->text().trimmed().toStdString();
  const DatasetFormat* format = chosen.empty() ? detectFormat(path) : &findFormat(chosen);
  if (format == nullptr) {
    Q_EMIT problem(tr("No dataset format recognises %1; choose one.").arg(path_->text()));
    return;
  }
  if (format->options.empty()) {
    Q_EMIT problem(tr("The %1 format has no options.").arg(qs(format->name)));
    return;
  }
  format_->setCurrentIndex(format_->findData(qs(format->name)));
  FormatOptionsDialog dialog(*format, path_->text().trimmed(), formatOptions_, this);
  if (dialog.exec() == QDialog::Accepted) formatOptions_ = dialog.options();
}

DataRequest DataPanel::request() const {
  DataRequest request;
  ProtocolOptions& protocol = request.source.protocol;
  protocol.minUserPositives = static_cast<std::uint32_t>(minPositives_->value());
  protocol.heldoutUsers = static_cast<std::uint32_t>(heldoutUsers_->value());
  protocol.heldoutFraction = heldoutFraction_->value();
  protocol.seed = static_cast<std::uint32_t>(splitSeed_->value());
  if (!threshold_->text().trimmed().isEmpty()) {
    bool ok = false;
    protocol.positiveThreshold = threshold_->text().trimmed().toDouble(&ok);
    if (!ok) throw Error(tr("The minimum rating must be a number.").toStdString());
    request.source.thresholdGiven = true;
  }
  const QString path = path_->text().trimmed();
  switch (source_->currentData().toInt()) {
    case Bundled:
      request.source.raw = bundledDataRequest().source.raw;
      break;
    case Synthetic: {
      SyntheticOptions synthetic;
      synthetic.users = static_cast<std::uint32_t>(syntheticUsers_->value());
      synthetic.items = static_cast<std::uint32_t>(syntheticItems_->value());
      request.synthetic = synthetic;
      break;
    }
    case Dataset: {
      if (path.isEmpty()) throw Error(tr("Choose a dataset file or folder.").toStdString());
      ImportOptions raw;
      raw.format = format_->currentData().toString().toStdString();
      raw.path = path.toStdString();
      // Options chosen for another format than the one now named are left behind.
      if (!raw.format.empty()) raw.options = formatOptions_;
      request.source.raw = raw;
      break;
    }
    case SplitFolder:
      if (path.isEmpty()) throw Error(tr("Choose a canonical split folder.").toStdString());
      request.source.splitDir = path.toStdString();
      break;
  }
  return request;
}

void DataPanel::setRequest(const DataRequest& request) {
  const ProtocolOptions& protocol = request.source.protocol;
  minPositives_->setValue(static_cast<int>(protocol.minUserPositives));
  heldoutUsers_->setValue(static_cast<int>(protocol.heldoutUsers));
  heldoutFraction_->setValue(protocol.heldoutFraction);
  splitSeed_->setValue(static_cast<int>(protocol.seed));
  threshold_->setText(request.source.thresholdGiven && protocol.positiveThreshold
                          ? QString::number(*protocol.positiveThreshold)
                          : QString());
  if (request.synthetic) {
    source_->setCurrentIndex(source_->findData(Synthetic));
    syntheticUsers_->setValue(static_cast<int>(request.synthetic->users));
    syntheticItems_->setValue(static_cast<int>(request.synthetic->items));
  } else if (request.source.splitDir) {
    source_->setCurrentIndex(source_->findData(SplitFolder));
    path_->setText(qs(request.source.splitDir->string()));
  } else if (request.source.raw && request.source.raw->path == bundledDatasetPath()) {
    source_->setCurrentIndex(source_->findData(Bundled));
  } else if (request.source.raw) {
    source_->setCurrentIndex(source_->findData(Dataset));
    format_->setCurrentIndex(std::max(0, format_->findData(qs(request.source.raw->format))));
    path_->setText(qs(request.source.raw->path.string()));
    formatOptions_ = request.source.raw->options;
  }
  updateSourceFields();
}

std::vector<std::uint32_t> DataPanel::cohortEdges() const {
  std::vector<std::uint32_t> edges;
  for (const QString& part : edges_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
    bool ok = false;
    const uint edge = part.trimmed().toUInt(&ok);
    if (!ok || edge == 0 || (!edges.empty() && edge <= edges.back()))
      throw Error(tr("Cohort edges must be ascending positive whole numbers, e.g. 5,11,51,101.").toStdString());
    edges.push_back(edge);
  }
  return edges;
}

void DataPanel::setCohortEdges(const std::vector<std::uint32_t>& edges) {
  edges_->setText(edgesText(edges));
  histogram_->setCohortEdges(edges);
}

void DataPanel::requestLoad() {
  try {
    Q_EMIT loadRequested(request());
  } catch (const Error& error) {
    Q_EMIT problem(qs(error.what()));
  }
}

void DataPanel::showLoading(bool loading) {
  load_->setEnabled(!loading);
  cancel_->setEnabled(loading);
  progress_->setVisible(loading);
  progress_->setRange(0, 0);
}

void DataPanel::showProgress(const QString& stage, qint64 done, qint64 total) {
  progress_->setFormat(stage + QStringLiteral(" %p%"));
  if (total > 0) {
    progress_->setRange(0, 1000);
    progress_->setValue(static_cast<int>(1000 * done / total));
  }
}

void DataPanel::showData(const SessionData& data) {
  const Split& split = *data.split;
  QString text = tr("%1\n%2 training, %3 validation and %4 test users; %5 items; %6 training positives.")
                     .arg(qs(data.request.describe()))
                     .arg(split.trainUserIds.size())
                     .arg(split.validationUserIds.size())
                     .arg(split.testUserIds.size())
                     .arg(split.items())
                     .arg(split.train.nonZeros());
  if (data.stats.interactions > 0)
    text += QLatin1Char('\n') + tr("Raw: %1 users, %2 items, %3 interactions.")
                                    .arg(data.stats.users)
                                    .arg(data.stats.items)
                                    .arg(data.stats.interactions);
  stats_->setText(text);
  histogram_->setActivity(data.userActivity);
}

QString DataPanel::statistics() const { return stats_->text(); }

}  // namespace vaecf::ui
