#pragma once

#include <QObject>
#include <QTemporaryDir>

namespace vaecf::ui {

// The window with a model plugin built outside the tree from the SDK (the ctest fixture
// plugins.build makes it): listed in Help → Plugins, offered with its generated form,
// fitted, listed in the run table and recommending, as the built-in models are.
class PluginWindowTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase();
  void externalModelTrainsAndRecommendsInTheWindow();

 private:
  QTemporaryDir runs_;
};

}  // namespace vaecf::ui
