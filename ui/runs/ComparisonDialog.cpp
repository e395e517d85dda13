#include "runs/ComparisonDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "session/CompareJob.h"

namespace vaecf::ui {

namespace {

constexpr double kAlpha = 0.05;

QString qs(const std::string& text) { return QString::fromStdString(text); }
QString number(double value) { return QString::number(value, 'f', 4); }

}  // namespace

ComparisonDialog::ComparisonDialog(const std::filesystem::path& runA, const std::filesystem::path& runB,
                                   QWidget* parent)
    : QDialog(parent),
      job_(new CompareJob(this)),
      summary_(new QLabel(this)),
      progress_(new QProgressBar(this)),
      table_(new QTableWidget(this)) {
  setWindowTitle(tr("%1 against %2").arg(qs(runA.filename().string()), qs(runB.filename().string())));
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  summary_->setText(tr("Scoring both runs on their shared test users…"));
  progress_->setRange(0, 0);
  const QStringList header{tr("Metric"), tr("Users"),   tr("A"),      tr("B"),
                           tr("A − B"),  tr("95% interval"), tr("p"), tr("Verdict")};
  table_->setColumnCount(static_cast<int>(header.size()));
  table_->setHorizontalHeaderLabels(header);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->verticalHeader()->hide();
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setStretchLastSection(true);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(summary_);
  layout->addWidget(progress_);
  layout->addWidget(table_, 1);
  layout->addWidget(buttons);
  resize(860, 480);

  connect(job_, &CompareJob::compared, this, [this](const RunComparison& comparison) { showComparison(comparison); });
  connect(job_, &CompareJob::failed, this, [this](const QString& message) {
    progress_->hide();
    summary_->setText(tr("The runs cannot be compared: %1").arg(message));
    Q_EMIT shown();
  });
  connect(job_, &CompareJob::progressed, this, [this](const QString& stage, qint64 done, qint64 total) {
    summary_->setText(total > 0
                          ? tr("Scoring both runs on their shared test users: %1, %2 of %3").arg(stage).arg(done).arg(total)
                          : tr("Scoring both runs on their shared test users: %1…").arg(stage));
  });
  connect(this, &QDialog::rejected, job_, &CompareJob::cancel);
  job_->start(runA, runB);
}

bool ComparisonDialog::isComparing() const { return job_->isRunning(); }

QString ComparisonDialog::summary() const { return summary_->text(); }

void ComparisonDialog::showComparison(const RunComparison& comparison) {
  progress_->hide();
  summary_->setText(tr("A: %1 (%2)\nB: %3 (%4)\n%5; %6 shared test users. A − B per user, its 95% bootstrap "
                       "interval and the paired t-test's p; a verdict only where p < 0.05.")
                        .arg(qs(comparison.runA), qs(comparison.modelA), qs(comparison.runB), qs(comparison.modelB),
                             qs(comparison.data))
                        .arg(comparison.testUsers));
  for (const MetricComparison& metric : comparison.metrics) {
    addRow(metric, tr("all"), metric.overall, comparison);
    for (const CohortPairedResult& cohort : metric.cohorts) addRow(metric, qs(cohort.label), cohort.result, comparison);
  }
  Q_EMIT shown();
}

void ComparisonDialog::addRow(const MetricComparison& metric, const QString& users, const PairedResult& result,
                              const RunComparison& runs) {
  QString verdict = tr("no significant difference");
  switch (preferredRun(result, metric.higherIsBetter, kAlpha)) {
    case 1:
      verdict = tr("A (%1) is better").arg(qs(runs.modelA));
      break;
    case -1:
      verdict = tr("B (%1) is better").arg(qs(runs.modelB));
      break;
    default:
      break;
  }
  const QStringList cells{qs(metric.metric),
                          QStringLiteral("%1 (%2)").arg(users).arg(result.n),
                          number(result.meanA),
                          number(result.meanB),
                          number(result.meanDifference),
                          QStringLiteral("[%1, %2]").arg(number(result.interval.low), number(result.interval.high)),
                          QString::number(result.p, 'g', 3),
                          verdict};
  const int row = table_->rowCount();
  table_->insertRow(row);
  const bool significant = preferredRun(result, metric.higherIsBetter, kAlpha) != 0;
  for (int column = 0; column < cells.size(); ++column) {
    auto* item = new QTableWidgetItem(cells[column]);
    if (significant) item->setBackground(QColor(0xdf, 0xf0, 0xd8));
    table_->setItem(row, column, item);
  }
}

}  // namespace vaecf::ui
