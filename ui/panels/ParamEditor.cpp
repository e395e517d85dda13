#include "panels/ParamEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleValidator>
#include <QLineEdit>
#include <QSpinBox>

#include <limits>

namespace vaecf::ui {

namespace {

QString qs(const std::string& text) { return QString::fromStdString(text); }

bool fitsSpinBox(const ParamSpec& spec) {
  constexpr double kIntMax = std::numeric_limits<int>::max();
  return spec.min && spec.max && *spec.min >= -kIntMax && *spec.max <= kIntMax;
}

QWidget* createEditor(const ParamSpec& spec, const std::string& value, const std::function<void(const QString&)>& edited) {
  switch (spec.type) {
    case ParamSpec::Type::Bool: {
      auto* box = new QCheckBox;
      box->setChecked(value == "true" || value == "1");
      QObject::connect(box, &QCheckBox::toggled, box,
                       [edited](bool on) { edited(on ? QStringLiteral("true") : QStringLiteral("false")); });
      return box;
    }
    case ParamSpec::Type::Choice: {
      auto* box = new QComboBox;
      for (const std::string& choice : spec.choices) box->addItem(qs(choice));
      box->setCurrentText(qs(value));
      QObject::connect(box, &QComboBox::currentTextChanged, box, edited);
      return box;
    }
    case ParamSpec::Type::Int:
      if (fitsSpinBox(spec)) {
        auto* box = new QSpinBox;
        box->setRange(static_cast<int>(*spec.min), static_cast<int>(*spec.max));
        box->setValue(std::stoi(value));
        box->setKeyboardTracking(false);  // one edit per finished number, not per digit
        QObject::connect(box, &QSpinBox::valueChanged, box, [edited](int number) { edited(QString::number(number)); });
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
      QObject::connect(line, &QLineEdit::editingFinished, line, [line, edited] { edited(line->text()); });
      return line;
    }
  }
}

}  // namespace

QString describeRange(const ParamSpec& spec) {
  if (spec.min && spec.max)
    return QCoreApplication::translate("ParamEditor", "Range %1 – %2").arg(*spec.min, 0, 'g', 10).arg(*spec.max, 0, 'g', 10);
  if (spec.min) return QCoreApplication::translate("ParamEditor", "At least %1").arg(*spec.min, 0, 'g', 10);
  if (spec.max) return QCoreApplication::translate("ParamEditor", "At most %1").arg(*spec.max, 0, 'g', 10);
  return {};
}

QWidget* createParamEditor(const ParamSpec& spec, const std::string& value,
                           const std::function<void(const QString&)>& edited) {
  QWidget* editor = createEditor(spec, value, edited);
  const QString range = describeRange(spec);
  editor->setToolTip(range.isEmpty() ? qs(spec.help) : qs(spec.help) + QStringLiteral("\n") + range);
  return editor;
}

QString paramEditorValue(const QWidget* editor) {
  if (const auto* box = qobject_cast<const QCheckBox*>(editor))
    return box->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
  if (const auto* box = qobject_cast<const QComboBox*>(editor)) return box->currentText();
  if (const auto* box = qobject_cast<const QSpinBox*>(editor)) return QString::number(box->value());
  if (const auto* line = qobject_cast<const QLineEdit*>(editor)) return line->text();
  return {};
}

void setParamEditorValue(QWidget* editor, const QString& value) {
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

}  // namespace vaecf::ui
