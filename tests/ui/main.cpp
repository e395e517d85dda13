// Runs one Qt Test suite, named as the first argument (the rest goes to Qt Test), so that
// ctest lists each suite separately while one binary pays LibTorch's start-up once.

#include <QApplication>
#include <QStandardPaths>
#include <QTest>

#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "ChartHelpersTest.h"
#include "Plugins.h"
#include "EventDispatcherTest.h"
#include "GeometryPanelsTest.h"
#include "LatentMapTest.h"
#include "LessonWindowTest.h"
#include "PluginWindowTest.h"
#include "SweepPanelTest.h"
#include "TranslationCoverageTest.h"
#include "WorkbenchTest.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QCoreApplication::setOrganizationName(QStringLiteral("vaecf-tests"));
  QStandardPaths::setTestModeEnabled(true);  // settings go to a test location, not the user's
  vaecf::registerBuiltinPlugins(vaecf::PluginRegistry::instance());

  const std::map<std::string, std::function<std::unique_ptr<QObject>()>> suites{
      {"ChartHelpersTest", [] { return std::make_unique<vaecf::ui::ChartHelpersTest>(); }},
      {"EventDispatcherTest", [] { return std::make_unique<vaecf::ui::EventDispatcherTest>(); }},
      {"GeometryPanelsTest", [] { return std::make_unique<vaecf::ui::GeometryPanelsTest>(); }},
      {"LatentMapTest", [] { return std::make_unique<vaecf::ui::LatentMapTest>(); }},
      {"LessonWindowTest", [] { return std::make_unique<vaecf::ui::LessonWindowTest>(); }},
      {"PluginWindowTest", [] { return std::make_unique<vaecf::ui::PluginWindowTest>(); }},
      {"SweepPanelTest", [] { return std::make_unique<vaecf::ui::SweepPanelTest>(); }},
      {"TranslationCoverageTest", [] { return std::make_unique<vaecf::ui::TranslationCoverageTest>(); }},
      {"WorkbenchTest", [] { return std::make_unique<vaecf::ui::WorkbenchTest>(); }},
  };
  if (argc < 2 || suites.count(argv[1]) == 0) {
    std::fprintf(stderr, "usage: %s SUITE [qtest options]; suites:", argv[0]);
    for (const auto& entry : suites) std::fprintf(stderr, " %s", entry.first.c_str());
    std::fprintf(stderr, "\n");
    return 2;
  }
  const auto suite = suites.at(argv[1])();
  // Qt Test sees the program name followed by its own options.
  argv[1] = argv[0];
  return QTest::qExec(suite.get(), argc - 1, argv + 1);
}
