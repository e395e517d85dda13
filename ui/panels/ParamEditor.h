#pragma once
// One editor per declared parameter (ParamSpec), shared by every generated form: a model's
// hyper-parameters and a dataset format's options. Values are text, as --set takes them.

#include <QString>
#include <QWidget>

#include <functional>

#include "models/Params.h"

namespace vaecf::ui {

// The editor for `spec` showing `value`, its tooltip the declared help and range;
// `edited` hears each finished edit.
QWidget* createParamEditor(const ParamSpec& spec, const std::string& value, const std::function<void(const QString&)>& edited);
QString paramEditorValue(const QWidget* editor);
// Sets an editor as if the user typed it (so `edited` hears it).
void setParamEditorValue(QWidget* editor, const QString& value);

// "Range 1 – 16" and the like, added to the declared help in tooltips.
QString describeRange(const ParamSpec& spec);

}  // namespace vaecf::ui
