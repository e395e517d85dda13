#pragma once
// The model's hyper-parameters as a form generated from their declarations (ParamSpec):
// one editor per type, the declared help and range as tooltip, live parameters marked.
// Nothing here knows a parameter by name.

#include <QMap>
#include <QWidget>

#include "models/Params.h"

class QComboBox;
class QFormLayout;
class QLabel;
class QSpinBox;

namespace vaecf::ui {

class ModelPanel : public QWidget {
  Q_OBJECT

 public:
  explicit ModelPanel(QWidget* parent = nullptr);

  // Rebuilds the form for `params` (their specs and current values); live parameters are
  // marked for the models the live trainer runs.
  void showModel(const QString& model, const ParamSet& params);
  QString model() const;
  // Chooses a model as if the user picked it (emits modelChosen).
  void choose(const QString& model);
  // The editor's text for a parameter, as --set would take it.
  QString value(const QString& name) const;
  // Sets an editor as if the user typed it (emits parameterEdited).
  void edit(const QString& name, const QString& value);
  // Shows the outcome of the last edit beside the form.
  void showFeedback(const QString& text, bool problem);
  QString feedback() const;
  // Local ranks a new run trains with (docs/data-parallel.md); offered for the models that
  // declare data-parallel training.
  int workers() const;
  void setWorkers(int workers);  // as if the user chose it (emits workersChosen)

 Q_SIGNALS:
  void modelChosen(const QString& model);
  void parameterEdited(const QString& name, const QString& value);
  void workersChosen(int workers);

 private:
  void markDeclaredDefault(QLabel& label, const ParamSpec& spec, const QString& value);

  QComboBox* modelChoice_;
  QSpinBox* workers_;
  QFormLayout* form_;
  QLabel* feedback_;
  QMap<QString, QWidget*> editors_;
};

}  // namespace vaecf::ui
