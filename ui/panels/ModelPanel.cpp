#include "panels/ModelPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

#include "experiment/Experiment.h"

namespace vaecf::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

bool fitsSpinBox(const ParamSpec& spec) {
  constexpr double kIntMax = std::numeric_limits<int>::max();
  return spec.min && spec.max && *spec.min >= -kIntMax && *spec.max <= kIntMax;
}

}  // namespace

QString describeRange(const ParamSpec& spec) {
  if (spec.min && spec.max) return ModelPanel::tr("Range %1 – %2").arg(*spec.min, 0, 'g', 10).arg(*spec.max, 0, 'g', 10);
  if (spec.min) return ModelPanel::tr("At least %1").arg(*spec.min, 0, 'g', 10);
  if (spec.max) return ModelPanel::tr("At most %1").arg(*spec.max, 0, 'g', 10);
  return {};
}

ModelPanel::ModelPanel(QWidget* parent)
    : QWidget(parent), modelChoice_(new QComboBox(this)), form_(new QFormLayout), feedback_(new QLabel(this)) {
  // Every model: the iterative ones train on the live trainer, closed-form ones fit on a worker job.
  for (const ModelFamily& family : modelCatalog()) {
    modelChoice_->addItem(qs(family.name), qs(family.name));
    modelChoice_->setItemData(modelChoice_->count() - 1, qs(family.summary), Qt::ToolTipRole);
  }
  connect(modelChoice_, &QComboBox::activated, this,
          [this] { Q_EMIT modelChosen(modelChoice_->currentData().toString()); });

  auto* formHost = new QWidget;
  formHost->setLayout(form_);
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setWidget(formHost);
  feedback_->setWordWrap(true);

  auto* legend = new QLabel(tr("● live: applied to a running model at the next batch"), this);
  legend->setEnabled(false);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(modelChoice_);
  layout->addWidget(scroll, 1);
  layout->addWidget(legend);
  layout->addWidget(feedback_);
}

void ModelPanel::showModel(const QString& model, const ParamSet& params) {
  modelChoice_->setCurrentIndex(modelChoice_->findData(model));
  while (form_->rowCount() > 0) form_->removeRow(0);
  editors_.clear();
  // A closed-form model's parameters never reach a running model: none is marked live.
  const bool liveApplies = findModel(model.toStdString()).iterative();
  for (const ParamSpec& spec : params.specs()) {
    QWidget* editor = editorFor(spec, params.text(spec.name));
    const QString range = describeRange(spec);
    const QString tooltip = range.isEmpty() ? qs(spec.help) : qs(spec.help) + QStringLiteral("\n") + range;
    editor->setToolTip(tooltip);
    auto* label = new QLabel(spec.live && liveApplies ? QStringLiteral("● ") + qs(spec.name) : qs(spec.name));
    label->setToolTip(tooltip);
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

QString ModelPanel::model() const { return modelChoice_->currentData().toString(); }

QWidget* ModelPanel::editorFor(const ParamSpec& spec, const std::string& value) {
  const QString name = qs(spec.name);
  auto emitEdit = [this, name](const QString& text) { Q_EMIT parameterEdited(name, text); };
  switch (spec.type) {
    case ParamSpec::Type::Bool: {
      auto* box = new QCheckBox;
      box->setChecked(value == "true" || value == "1");
      connect(box, &QCheckBox::toggled, this,
              [emitEdit](bool on) { emitEdit(on ? QStringLiteral("true") : QStringLiteral("false")); });
      return box;
    }
    case ParamSpec::Type::Choice: {
      auto* box = new QComboBox;
      for (const std::string& choice : spec.choices) box->addItem(qs(choice));
      box->setCurrentText(qs(value));
      connect(box, &QComboBox::currentTextChanged, this, emitEdit);
      return box;
    }
    case ParamSpec::Type::Int:
      if (fitsSpinBox(spec)) {
        auto* box = new QSpinBox;
        box->setRange(static_cast<int>(*spec.min), static_cast<int>(*spec.max));
        box->setValue(std::stoi(value));
        box->setKeyboardTracking(false);  // one edit per finished number, not per digit
        connect(box, &QSpinBox::valueChanged, this, [emitEdit](int number) { emitEdit(QString::number(number)); });
        return box;
      }
      [[fallthrough]];
    default: {
      auto* line = new QLineEdit(qs(value));
      if (spec.type == ParamSpec::Type::Float) {
        auto* validator = new QDoubleValidator(line);
        validator->setLocale(QLocale::c());  // values are stored as --set takes them
        line->setValidator(validator);
      }
      connect(line, &QLineEdit::editingFinished, this, [line, emitEdit] { emitEdit(line->text()); });
      return line;
    }
  }
}

QString ModelPanel::value(const QString& name) const {
  const QWidget* editor = editors_.value(name);
  if (const auto* box = qobject_cast<const QCheckBox*>(editor))
    return box->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
  if (const auto* box = qobject_cast<const QComboBox*>(editor)) return box->currentText();
  if (const auto* box = qobject_cast<const QSpinBox*>(editor)) return QString::number(box->value());
  if (const auto* line = qobject_cast<const QLineEdit*>(editor)) return line->text();
  return {};
}

void ModelPanel::edit(const QString& name, const QString& value) {
  QWidget* editor = editors_.value(name);
  if (auto* box = qobject_cast<QCheckBox*>(editor)) {
    box->setChecked(value == QLatin1String("true") || value == QLatin1String("1"));
  } else if (auto* box = qobject_cast<QComboBox*>(editor)) {
    box->setCurrentText(value);
  } else if (auto* box = qobject_cast<QSpinBox*>(editor)) {
    box->setValue(value.toInt());
  } else if (auto* line = qobject_cast<QLineEdit*>(editor)) {
    line->setText(value);
    Q_EMIT line->editingFinished();
  }
}

void ModelPanel::showFeedback(const QString& text, bool problem) {
  feedback_->setStyleSheet(problem ? QStringLiteral("color: #b00020;") : QString());
  feedback_->setText(text);
}

QString ModelPanel::feedback() const { return feedback_->text(); }

}  // namespace vaecf::ui
