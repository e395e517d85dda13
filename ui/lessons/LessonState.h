#pragma once
// A lesson as a learner left it, so that it reopens exactly (docs/lessons.md, "Saved
// lessons"): the lesson, the step, the setting, the parameters the learner changed, the
// predictions made and the folder that holds the runs. The runs themselves stay in their
// folders; their seeds are in the lesson's presets, so reopening finds the same runs.

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace vaecf::ui {

struct LessonState {
  std::string lesson;                                         // the lesson's name, as the catalogue lists it
  std::filesystem::path file;                                 // the lesson file it was read from
  std::string language = "en";                                // of the text
  std::string step;                                           // id of the step shown
  bool fast = false;                                          // the short setting (fewer epochs)
  std::filesystem::path workFolder;                           // the lesson's runs, one folder per run
  std::vector<std::pair<std::string, std::string>> controls;  // parameters the learner set, in order
  std::map<std::string, int> predictions;                     // step id -> chosen answer (0-based)
  std::string traceUser;                                      // the user traced in slow motion
};

// Writes atomically; throws Error when the file cannot be written.
void saveLessonState(const LessonState& state, const std::filesystem::path& file);
// Throws InputError naming the file (and the line of a JSON syntax error) when it is
// missing or malformed.
LessonState loadLessonState(const std::filesystem::path& file);

// Where a run of the lesson is kept: workFolder/RUN_ID with the presets, and a folder of its
// own for each set of parameters the learner chose, so that changing a control never
// overwrites a finished run and changing it back finds that run again.
std::filesystem::path lessonRunFolder(const std::filesystem::path& workFolder, const std::string& runId,
                                      const std::vector<std::pair<std::string, std::string>>& controls);

}  // namespace vaecf::ui
