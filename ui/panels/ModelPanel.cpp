#include "panels/ModelPanel.h"

#include <QComboBox>
#include <QFont>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include "experiment/Experiment.h"
#include "panels/ParamEditor.h"
#include "train/LocalRanks.h"

namespace vaecf::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

// Numbers compare by value: "0.001" and "1e-3" are the same setting.
bool isDeclaredDefault(const ParamSpec& spec, const std::string& value) {
  const bool numeric = spec.type == ParamSpec::Type::Int || spec.type == ParamSpec::Type::Float;
  if (!numeric) return value == spec.defaultValue;
  try {
    return std::stod(value) == std::stod(spec.defaultValue);
  } catch (const std::exception&) {
    return value == spec.defaultValue;
  }
}

}  // namespace

ModelPanel::ModelPanel(QWidget* parent)
    : QWidget(parent),
      modelChoice_(new QComboBox(this)),
      workers_(new QSpinBox(this)),
      form_(new QFormLayout),
      feedback_(new QLabel(this)) {
  // Every model: the iterative ones train on the live trainer, closed-form ones fit on a worker job.
  for (const ModelFamily& family : modelCatalog()) {
    modelChoice_->addItem(qs(family.name), qs(family.name));
    modelChoice_->setItemData(modelChoice_->count() - 1, qs(family.summary), Qt::ToolTipRole);
  }
  connect(modelChoice_, &QComboBox::activated, this,
          [this] { Q_EMIT modelChosen(modelChoice_->currentData().toString()); });

  workers_->setRange(1, LocalRanks::kMostWorkers);
  workers_->setToolTip(tr("Ranks that train one model together on this machine, each on a share of every batch, "
                          "their gradients summed after each step (torch.distributed, Gloo). Each rank gets its "
                          "share of the threads; on a machine with few cores expect little speed-up."));
  connect(workers_, &QSpinBox::valueChanged, this, &ModelPanel::workersChosen);
  auto* workersRow = new QHBoxLayout;
  workersRow->addWidget(new QLabel(tr("Local workers"), this));
  workersRow->addWidget(workers_);
  workersRow->addStretch(1);

  auto* formHost = new QWidget;
  formHost->setLayout(form_);
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setWidget(formHost);
  feedback_->setWordWrap(true);

  auto* legend = new QLabel(tr("● live: applied to a running model at the next batch\n"
                               "italic: not the declared default that vaecf train uses (hover for both)"),
                            this);
  legend->setEnabled(false);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(modelChoice_);
  layout->addLayout(workersRow);
  layout->addWidget(scroll, 1);
  layout->addWidget(legend);
  layout->addWidget(feedback_);
}

void ModelPanel::showModel(const QString& model, const ParamSet& params) {
  modelChoice_->setCurrentIndex(modelChoice_->findData(model));
  workers_->setEnabled(findModel(model.toStdString()).capabilities.dataParallel);
  while (form_->rowCount() > 0) form_->removeRow(0);
  editors_.clear();
  // A closed-form model's parameters never reach a running model: none is marked live.
  const bool liveApplies = findModel(model.toStdString()).iterative();
  for (const ParamSpec& spec : params.specs()) {
    const QString name = qs(spec.name);
    auto* label = new QLabel(spec.live && liveApplies ? QStringLiteral("● ") + name : name);
    QWidget* editor = createParamEditor(spec, params.text(spec.name), [this, name, label, spec](const QString& text) {
      markDeclaredDefault(*label, spec, text);
      Q_EMIT parameterEdited(name, text);
    });
    label->setProperty("help", editor->toolTip());
    markDeclaredDefault(*label, spec, qs(params.text(spec.name)));
    form_->addRow(label, editor);
    editors_.insert(qs(spec.name), editor);
  }
  feedback_->clear();
}

void ModelPanel::choose(const QString& model) {
  const int index = modelChoice_->findData(model);
  if (index < 0) return;
  modelChoice_->setCurrentIndex(index);
  Q_EMIT modelChosen(model);
}

// The window starts from a quick preset (fewer epochs, smaller batches): its label says
// where a value parts from the declared default that `vaecf train` and the paper use.
void ModelPanel::markDeclaredDefault(QLabel& label, const ParamSpec& spec, const QString& value) {
  const bool declared = isDeclaredDefault(spec, value.toStdString());
  QFont font = label.font();
  font.setItalic(!declared);
  label.setFont(font);
  const QString help = label.property("help").toString();
  label.setToolTip(declared ? help
                            : tr("%1 here; the declared default, which vaecf train uses, is %2.\n\n%3")
                                  .arg(value, qs(spec.defaultValue), help));
}

QString ModelPanel::model() const { return modelChoice_->currentData().toString(); }

QString ModelPanel::value(const QString& name) const { return paramEditorValue(editors_.value(name)); }

void ModelPanel::edit(const QString& name, const QString& value) { setParamEditorValue(editors_.value(name), value); }

void ModelPanel::showFeedback(const QString& text, bool problem) {
  feedback_->setStyleSheet(problem ? QStringLiteral("color: #b00020;") : QString());
  feedback_->setText(text);
}

QString ModelPanel::feedback() const { return feedback_->text(); }

int ModelPanel::workers() const { return workers_->value(); }

void ModelPanel::setWorkers(int workers) { workers_->setValue(workers); }

}  // namespace vaecf::ui
