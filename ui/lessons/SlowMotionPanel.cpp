#include "lessons/SlowMotionPanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <utility>

#include "lessons/StepTraceJob.h"

namespace vaecf::ui {

namespace {

using lessons::StepTrace;
using lessons::TraceSeries;
using lessons::TraceStage;

constexpr int kMaxRows = 200;  // a stage can list every item of the catalogue
// Relative agreement of the model's own terms with the stages ("float precision").
constexpr double kCheckTolerance = 1e-4;

QString qs(const std::string& text) { return QString::fromStdString(text); }
QString num(double value) { return QString::number(value, 'g', 4); }
QString count(std::size_t value) { return QString::number(static_cast<qulonglong>(value)); }

// A single number: core gives it one empty label.
bool isScalar(const TraceSeries& series) {
  return series.values.size() == 1 && series.labels.size() == 1 && series.labels.front().empty();
}

std::pair<double, double> rangeOf(const std::vector<double>& values) {
  if (values.empty()) return {0.0, 0.0};
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  return {*low, *high};
}

const double* termOf(const StepTrace& trace, const std::string& name) {
  for (const auto& [term, value] : trace.modelTerms)
    if (term == name) return &value;
  return nullptr;
}

}  // namespace

SlowMotionPanel::SlowMotionPanel(QWidget* parent)
    : QWidget(parent),
      job_(new StepTraceJob(this)),
      user_(new QLineEdit(this)),
      traceButton_(new QPushButton(tr("Trace step"), this)),
      state_(new QLabel(this)),
      back_(new QPushButton(tr("◀ Back"), this)),
      forward_(new QPushButton(tr("Forward ▶"), this)),
      position_(new QLabel(this)),
      explanation_(new QLabel(this)),
      values_(new QTableWidget(this)),
      truncated_(new QLabel(this)) {
  traceButton_->setObjectName(QStringLiteral("traceButton"));
  back_->setObjectName(QStringLiteral("backButton"));
  forward_->setObjectName(QStringLiteral("forwardButton"));
  user_->setPlaceholderText(tr("user id"));
  user_->setToolTip(tr("A user of the split the run trained on (a held-out user's fold-in row)"));
  state_->setWordWrap(true);
  explanation_->setWordWrap(true);
  explanation_->setTextFormat(Qt::PlainText);  // item and user ids are shown as they are
  explanation_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  explanation_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  values_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  values_->verticalHeader()->hide();
  values_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  truncated_->hide();

  auto* userLabel = new QLabel(tr("User"), this);
  userLabel->setBuddy(user_);
  auto* top = new QHBoxLayout;
  top->addWidget(userLabel);
  top->addWidget(user_);
  top->addWidget(traceButton_);
  top->addWidget(state_, 1);
  auto* navigation = new QHBoxLayout;
  navigation->addWidget(back_);
  navigation->addWidget(forward_);
  navigation->addWidget(position_, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(top);
  layout->addLayout(navigation);
  layout->addWidget(explanation_);
  layout->addWidget(values_, 1);
  layout->addWidget(truncated_);

  connect(traceButton_, &QPushButton::clicked, this, &SlowMotionPanel::trace);
  connect(user_, &QLineEdit::returnPressed, this, &SlowMotionPanel::trace);
  connect(back_, &QPushButton::clicked, this, &SlowMotionPanel::stepBack);
  connect(forward_, &QPushButton::clicked, this, &SlowMotionPanel::stepForward);
  // A result for a run that was replaced meanwhile is dropped; a trace asked for during the
  // job follows.
  connect(job_, &StepTraceJob::traced, this, [this](std::shared_ptr<const StepTrace> trace) {
    if (tracedRun_ == runFolder_) showTrace(std::move(trace));
    updateControls();
    if (std::exchange(pending_, false)) this->trace();
  });
  connect(job_, &StepTraceJob::failed, this, [this](const QString& message) {
    if (tracedRun_ == runFolder_) state_->setText(tr("The step cannot be traced: %1").arg(message));
    updateControls();
    if (std::exchange(pending_, false)) trace();
  });
  clear();
}

void SlowMotionPanel::setRunFolder(const std::filesystem::path& run) {
  if (run == runFolder_) return;
  runFolder_ = run;
  pending_ = false;
  clear();
}

void SlowMotionPanel::setUser(const QString& userId) { user_->setText(userId); }

QString SlowMotionPanel::user() const { return user_->text().trimmed(); }

void SlowMotionPanel::trace() {
  const QString user = user_->text().trimmed();
  if (runFolder_.empty()) {
    state_->setText(idleText());
    return;
  }
  if (user.isEmpty()) {
    state_->setText(tr("Enter a user id of the run's data, then trace the step."));
    return;
  }
  if (job_->isRunning()) {
    pending_ = true;
    return;
  }
  if (!job_->start(runFolder_, user.toStdString())) return;
  tracedRun_ = runFolder_;
  state_->setText(tr("Tracing one training step of user %1…").arg(user));
  updateControls();
}

bool SlowMotionPanel::isBusy() const { return job_->isRunning(); }

QString SlowMotionPanel::stateText() const { return state_->text(); }

int SlowMotionPanel::stageCount() const { return static_cast<int>(stages_.size()); }

int SlowMotionPanel::currentStage() const { return current_; }

QString SlowMotionPanel::stageId() const {
  return current_ >= 0 ? qs(stages_[static_cast<std::size_t>(current_)].id) : QString();
}

QString SlowMotionPanel::explanation() const { return explanation_->text(); }

void SlowMotionPanel::stepForward() { showStage(current_ + 1); }

void SlowMotionPanel::stepBack() { showStage(current_ - 1); }

void SlowMotionPanel::showStage(int index) {
  if (index < 0 || index >= stageCount()) return;
  current_ = index;
  const TraceStage& stage = stages_[static_cast<std::size_t>(index)];
  position_->setText(tr("Stage %1 of %2: %3")
                         .arg(QString::number(index + 1), QString::number(stageCount()), stageTitle(stage)));
  explanation_->setText(explain(stage));
  fillValues(stage);
  updateControls();
  Q_EMIT stageShown(index);
}

void SlowMotionPanel::showTrace(std::shared_ptr<const StepTrace> trace) {
  const QString shownId = stageId();  // a new user's trace opens on the same stage
  trace_ = std::move(trace);
  stages_ = lessons::traceStages(*trace_);
  const auto same = std::find_if(stages_.begin(), stages_.end(),
                                 [&](const TraceStage& stage) { return qs(stage.id) == shownId; });
  state_->setText(
      tr("%1, user %2 (%3 split), with the weights of step %4: %n stage(s).", nullptr, stageCount())
          .arg(qs(trace_->model), qs(trace_->userId), qs(trace_->userSplit), QString::number(trace_->step)));
  showStage(same == stages_.end() ? 0 : static_cast<int>(same - stages_.begin()));
}

void SlowMotionPanel::clear() {
  trace_.reset();
  stages_.clear();
  current_ = -1;
  position_->setText(tr("No step traced."));
  explanation_->clear();
  values_->clear();
  values_->setRowCount(0);
  values_->setColumnCount(0);
  truncated_->hide();
  state_->setText(idleText());
  updateControls();
}

void SlowMotionPanel::updateControls() {
  traceButton_->setEnabled(!runFolder_.empty() && !isBusy());
  back_->setEnabled(current_ > 0);
  forward_->setEnabled(current_ >= 0 && current_ + 1 < stageCount());
}

QString SlowMotionPanel::idleText() const {
  return runFolder_.empty()
             ? tr("Choose a Mult-VAE or Mult-DAE run to see one of its training steps in slow motion.")
             : tr("Enter a user of the run and press Trace step.");
}

// Series sharing their labels (dimensions, units) share one label column; otherwise each
// list gets its own label and value columns. Single numbers fill the first row.
void SlowMotionPanel::fillValues(const TraceStage& stage) {
  const TraceSeries* longest = nullptr;
  for (const TraceSeries& series : stage.series)
    if (!isScalar(series) && (longest == nullptr || series.labels.size() > longest->labels.size()))
      longest = &series;
  const bool shared = longest != nullptr &&
                      std::all_of(stage.series.begin(), stage.series.end(), [&](const TraceSeries& series) {
                        return isScalar(series) || std::equal(series.labels.begin(), series.labels.end(),
                                                              longest->labels.begin());
                      });

  struct Column {
    QString header;
    const std::vector<std::string>* labels = nullptr;
    const std::vector<double>* values = nullptr;
  };
  std::vector<Column> columns;
  if (shared) columns.push_back({tr("Label"), &longest->labels, nullptr});
  for (const TraceSeries& series : stage.series) {
    if (shared || isScalar(series)) {
      columns.push_back({qs(series.name), nullptr, &series.values});
    } else {
      columns.push_back({qs(series.name), &series.labels, nullptr});
      columns.push_back({tr("value"), nullptr, &series.values});
    }
  }
  std::size_t rows = 0;
  for (const Column& column : columns)
    rows = std::max(rows, column.labels != nullptr ? column.labels->size() : column.values->size());
  const int shown = static_cast<int>(std::min<std::size_t>(rows, kMaxRows));

  values_->clear();
  values_->setColumnCount(static_cast<int>(columns.size()));
  values_->setRowCount(shown);
  QStringList headers;
  for (int c = 0; c < static_cast<int>(columns.size()); ++c) {
    const Column& column = columns[static_cast<std::size_t>(c)];
    headers << column.header;
    for (int row = 0; row < shown; ++row) {
      const auto r = static_cast<std::size_t>(row);
      if (column.labels != nullptr) {
        if (r < column.labels->size())
          values_->setItem(row, c, new QTableWidgetItem(qs((*column.labels)[r])));
      } else if (r < column.values->size()) {
        const double value = (*column.values)[r];
        auto* item = new QTableWidgetItem(num(value));
        item->setData(Qt::UserRole, value);
        item->setToolTip(QString::number(value, 'g', 10));
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        values_->setItem(row, c, item);
      }
    }
  }
  values_->setHorizontalHeaderLabels(headers);
  truncated_->setText(tr("Showing the first %1 of %2 rows.").arg(QString::number(shown), count(rows)));
  truncated_->setVisible(rows > static_cast<std::size_t>(shown));
}

QString SlowMotionPanel::stageTitle(const TraceStage& stage) const {
  const std::string& id = stage.id;
  if (id == "input") return tr("the user's items x");
  if (id == "mask") return tr("keep mask");
  if (id == "normalise") return tr("L2 normalisation");
  if (id == "dropout") return tr("dropout");
  if (id == "encoder") return tr("encoder");
  if (id == "posterior") return trace_->sampled ? tr("posterior q(z|x)") : tr("the code z");
  if (id == "sample") return tr("sample z = μ + σ·ε");
  if (id == "decoder") return tr("decoder");
  if (id == "probabilities")
    return trace_->likelihood == "multinomial" ? tr("softmax probabilities") : tr("sigmoid probabilities");
  if (id == "reconstruction") return tr("reconstruction loss");
  if (id == "kl") return tr("KL divergence");
  if (id == "anchor") return tr("PIA anchor term");
  if (id == "loss") return tr("total loss");
  if (id == "gradients") return tr("gradients");
  if (id == "check") return tr("check against the model's loss()");
  return qs(stage.title);
}

// One paragraph per stage for a student who knows neural networks but not these papers,
// quoting this trace's numbers (docs/models.md section 7).
QString SlowMotionPanel::explain(const TraceStage& stage) const {
  const StepTrace& t = *trace_;
  const std::string& id = stage.id;
  if (id == "input") {
    QString text =
        tr("The step starts from user %1's row x: the %n item(s) they interacted with, out of the %2 "
           "items the model knows, each with its value (1 for binary data). The encoder will compress "
           "this row into a short code and the decoder will try to rebuild it; the full row is also the "
           "target the loss compares the rebuilt one with.",
           nullptr, static_cast<int>(t.history.size()))
            .arg(qs(t.userId), QString::number(t.items));
    if (t.userSplit != "train")
      text +=
          QLatin1Char(' ') + tr("This user is held out (%1 split), so the row is the fold-in part of their "
                                "history, the part a recommender would see.")
                                 .arg(qs(t.userSplit));
    return text;
  }
  if (id == "mask")
    return tr("PIA hides part of the input before the encoder sees it: each item is kept with probability %1 "
              "(mask_rate), and this draw removed %2 of the %3 items, listed below. The reconstruction "
              "target "
              "stays the full row x, so the model learns to predict items it was not shown.")
        .arg(num(t.keepRate), count(t.masked.size()), count(t.history.size()));
  if (id == "normalise") {
    QString text =
        tr("The kept items are divided by their L2 norm %1, the square root of the sum of their squared "
           "values, so that the input row has length 1. Without this, a user with many items would feed "
           "much larger numbers into the encoder than a user with few.")
            .arg(num(t.inputNorm));
    if (t.inputNorm > 0.0)
      text += QLatin1Char(' ') +
              tr("Here a value of 1 becomes 1 / %1 = %2.").arg(num(t.inputNorm), num(1.0 / t.inputNorm));
    return text;
  }
  if (id == "dropout") {
    if (t.dropoutRate <= 0.0)
      return tr("This run uses no input dropout (rate 0), so the encoder reads the normalised row as it is.");
    return tr("Dropout is the 'denoising' part of training: each input item is set to zero with probability "
              "%1, "
              "and this draw dropped %2 of the %3 items. The survivors are multiplied by 1 / (1 − %1) = %4 "
              "so that "
              "the input keeps its expected size (inverted dropout). To score the dropped items well, the "
              "network "
              "has to infer them from the others, which is exactly what a recommender does.")
        .arg(num(t.dropoutRate), count(t.dropped.size()), count(t.normalised.size()),
             num(1.0 / (1.0 - t.dropoutRate)));
  }
  if (id == "encoder") {
    const QString layers =
        tr("The encoder is an ordinary feed-forward network: each layer multiplies its input by "
           "a weight matrix, adds a bias and applies a nonlinearity (tanh by default).");
    const int hidden = static_cast<int>(t.encoderLayers.size());
    if (!t.sampled)
      return layers + QLatin1Char(' ') +
             tr("The table shows the activations of its %n layer(s); the last one is the user's code z.",
                nullptr, hidden);
    if (hidden == 0)
      return tr(
          "This encoder has no hidden layer: a single linear layer maps the input straight to the "
          "posterior's parameters, the next stage.");
    return layers + QLatin1Char(' ') +
           tr("The table shows the activations of its %n hidden layer(s); a last linear layer turns them "
              "into the "
              "posterior's parameters, the next stage.",
              nullptr, hidden);
  }
  if (id == "posterior") {
    if (!t.sampled) {
      const auto [low, high] = rangeOf(t.z);
      return tr("Mult-DAE's encoder gives a single point, the user's code z in %1 dimensions (values from %2 "
                "to "
                "%3). There is no variance and no sampling: the same input always gives the same code.")
          .arg(count(t.z.size()), num(low), num(high));
    }
    const auto [meanLow, meanHigh] = rangeOf(t.mean);
    const auto [varianceLow, varianceHigh] = rangeOf(t.variance);
    return tr("A VAE's encoder does not give a single point but a Gaussian distribution q(z|x) over the "
              "%1-dimensional latent code: a mean μ and a variance σ² per dimension. The mean is where the "
              "model "
              "places this user; the variance says how unsure it is. Here the means lie between %2 and %3 "
              "and the "
              "variances between %4 and %5.")
        .arg(count(t.mean.size()), num(meanLow), num(meanHigh), num(varianceLow), num(varianceHigh));
  }
  if (id == "sample") {
    std::size_t widest = 0;
    for (std::size_t d = 0; d < t.z.size() && d < t.mean.size(); ++d)
      if (std::abs(t.z[d] - t.mean[d]) > std::abs(t.z[widest] - t.mean[widest])) widest = d;
    const double shift = t.z.empty() || t.mean.empty() ? 0.0 : t.z[widest] - t.mean[widest];
    return tr("Training needs a random z drawn from q(z|x), but gradients cannot flow through a random draw. "
              "The "
              "reparameterisation trick moves the randomness into ε, drawn from a standard normal, and "
              "computes "
              "z = μ + σ·ε with σ = √variance, so z depends smoothly on μ and σ and backpropagation reaches "
              "both. "
              "The largest move away from the mean here is %1, in dimension %2.")
        .arg(num(shift), count(widest + 1));
  }
  if (id == "decoder") {
    const QString logit =
        tr("A logit is an unnormalised preference: only the differences between items matter.");
    const QString items = QString::number(t.items);
    const int hidden = static_cast<int>(t.decoderLayers.size());
    if (hidden == 0)
      return tr("The decoder maps z back to one score per item, a logit, %1 of them in all, with a single "
                "linear "
                "layer.")
                 .arg(items) +
             QLatin1Char(' ') + logit + QLatin1Char(' ') +
             tr("The table shows the logits of the highest-scoring items and those of the user's own items.");
    return tr("The decoder maps z back to one score per item, a logit, %1 of them in all, through %n hidden "
              "layer(s) and a final linear layer.",
              nullptr, hidden)
               .arg(items) +
           QLatin1Char(' ') + logit + QLatin1Char(' ') +
           tr("The table shows the hidden layers' activations, then the logits of the highest-scoring items "
              "and "
              "those of the user's own items.");
  }
  if (id == "probabilities") {
    const std::size_t own = t.historyItems.size();
    const double average = own == 0 ? 0.0 : t.historyProbability / static_cast<double>(own);
    if (t.likelihood != "multinomial")
      return tr("With the Bernoulli likelihood each item gets its own probability p_i = sigmoid(logit_i), "
                "independently of the others, so the probabilities need not sum to 1. The user's %1 own "
                "items get "
                "%2 on average; the table lists the most probable items and the user's own.")
          .arg(count(own), num(average));
    return tr("The softmax turns the %1 logits into probabilities that sum to 1 over all items: p_i = "
              "exp(logit_i) "
              "/ Σ_j exp(logit_j). Items compete for one budget of probability: this is the multinomial "
              "likelihood. The model puts %2 of that budget on the user's %3 own items, %4 per item on "
              "average, "
              "against 1 / %1 = %5 for a uniform guess.")
        .arg(QString::number(t.items), num(t.historyProbability), count(own), num(average),
             num(t.items > 0 ? 1.0 / static_cast<double>(t.items) : 0.0));
  }
  if (id == "reconstruction") {
    if (t.likelihood != "multinomial")
      return tr("The reconstruction loss measures how well the model predicts the whole row: −Σ_i [x_i log "
                "p_i + "
                "(1 − x_i) log(1 − p_i)] over all %1 items, so the items the user did not pick count too. "
                "Here it "
                "is %2; lower is better.")
          .arg(QString::number(t.items), num(t.reconstruction));
    return tr("The reconstruction loss measures how well the model predicts the user's real items: −Σ_i x_i "
              "log "
              "p_i, where the items with x_i = 0 add nothing. Here it is %1. It would be 0 only if all the "
              "probability went to exactly these items, so lower is better: it is the multinomial "
              "log-likelihood "
              "with its sign turned.")
        .arg(num(t.reconstruction));
  }
  if (id == "kl")
    return tr("The KL divergence measures how far the posterior q(z|x) is from the prior N(0, I): 0.5 (μ² + "
              "σ² − 1 − "
              "log σ²) per dimension, %1 in total. It pulls every user's code towards the origin and stops σ "
              "from "
              "shrinking to zero, which regularises the model. It is weighted by β = %2 (unless the lesson "
              "chose "
              "another, the value the KL annealing had reached at step %3, when best.pt was written), so it "
              "adds "
              "β × KL = %4 to the loss.")
        .arg(num(t.kl), num(t.klWeight), QString::number(t.step), num(t.klWeight * t.kl));
  if (id == "anchor") {
    const double alignment = t.anchorTerm.value_or(0.0);
    return tr("PIA adds an alignment term that pulls the user's posterior towards the anchors (learned "
              "points in "
              "the latent space) of the items in their history. It is %1 here, weighted by λ_A = %2, so it "
              "adds %3 "
              "to the loss.")
        .arg(num(alignment), num(t.anchorWeight), num(t.anchorWeight * alignment));
  }
  if (id == "loss") {
    QString formula = tr("reconstruction %1").arg(num(t.reconstruction));
    if (t.sampled) formula += tr(" + β %1 × KL %2").arg(num(t.klWeight), num(t.kl));
    if (t.anchorTerm) formula += tr(" + λ_A %1 × alignment %2").arg(num(t.anchorWeight), num(*t.anchorTerm));
    if (t.sampled || t.anchorTerm) formula += tr(" = %1").arg(num(t.loss));
    QString text =
        tr("The total loss of this user's step: %1. It is the one number the optimiser makes smaller; "
           "every weight of the network will move a little in the direction that lowers it.")
            .arg(formula);
    if (!t.sampled)
      text += QLatin1Char(' ') +
              tr("Mult-DAE has no KL term; its weight penalty belongs to the whole batch, not to "
                 "one user, and shows only in the check.");
    return text;
  }
  if (id == "gradients") {
    QString text =
        tr("Backpropagation now computes how the loss changes with every weight. For each of the %1 "
           "parameter tensors the table shows the L2 norm of its gradient: how hard this one user's step "
           "pushes on it.")
            .arg(count(t.gradientNorms.size()));
    const auto largest = std::max_element(t.gradientNorms.begin(), t.gradientNorms.end(),
                                          [](const auto& a, const auto& b) { return a.second < b.second; });
    if (largest != t.gradientNorms.end())
      text +=
          QLatin1Char(' ') + tr("The largest is %1, for %2.").arg(num(largest->second), qs(largest->first));
    return text + QLatin1Char(' ') +
           tr("The optimiser would now take a small step against these gradients; the trace stops before "
              "that "
              "update, so the run's weights stay as they were.");
  }
  if (id == "check") {
    QString text =
        tr("To show that these stages are the real step and not a re-enactment, the model's own loss() "
           "ran on a batch holding only this user, with the same random draws. Its terms are listed "
           "below.");
    QStringList compared;
    bool agree = true;
    const auto compare = [&](const QString& name, const std::string& term, double stageValue) {
      const double* value = termOf(t, term);
      if (value == nullptr) return;
      agree = agree && std::abs(*value - stageValue) <= kCheckTolerance * std::max(1.0, std::abs(stageValue));
      compared << tr("%1 %2 (stage: %3)").arg(name, num(*value), num(stageValue));
    };
    compare(tr("reconstruction"), "reconstruction", t.reconstruction);
    if (t.sampled) compare(tr("KL"), "kl", t.kl);
    if (t.anchorTerm) compare(tr("anchor"), "anchor", *t.anchorTerm);
    if (!compared.isEmpty())
      text +=
          QLatin1Char(' ') +
          (agree ? tr("They match the stages above to float precision: %1.")
                 : tr("They differ from the stages above: %1. The trace does not follow the model's loss; "
                      "please report this."))
              .arg(compared.join(tr(", ")));
    if (termOf(t, "l2") != nullptr)
      text += QLatin1Char(' ') +
              tr("Mult-DAE's weight penalty l2 appears only here: it belongs to the batch, not "
                 "to one user.");
    return text;
  }
  return qs(stage.title);
}

}  // namespace vaecf::ui
