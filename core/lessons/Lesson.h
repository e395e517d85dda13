#pragma once
// A guided lesson (docs/lessons.md): a text file a teacher writes without compiling. It
// names the data, the runs it trains (presets), the steps a learner walks through (Markdown
// text, the panels each step shows, the runs it starts, the controls it leaves open, a
// prediction to make first) and the checks that read the learner's runs and say whether
// the lesson's claims held. Translations sit beside it as NAME.LANG.lesson and replace the
// text only. Torch-free: the window includes it.

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "data/DataSource.h"
#include "models/Params.h"

namespace vaecf::lessons {

using Assignments = std::vector<std::pair<std::string, std::string>>;  // name, value

// Where the lesson's runs read their data: a dataset format with its options (or the
// bundled dataset) and the split protocol's options, as `vaecf train` takes them.
struct LessonData {
  std::string format;       // a format name, or "bundled"
  std::string path;         // of the dataset; empty for the bundled data and generated data
  Assignments options;      // format options (NAME=VALUE)
  Assignments protocol;     // min_rating, heldout_users, heldout_fraction, heldout_order, seed
  std::size_t line = 0;     // of the `data:` line
};

// A run the lesson trains: a model with its options, on the lesson's data or its own.
struct LessonRun {
  std::string id;     // referred to by steps and checks
  std::string label;  // what legends call it (translated)
  std::string model;
  Assignments params;      // --set, in order
  Assignments fastParams;  // applied on top in the fast setting (CI): fewer epochs
  std::optional<LessonData> data;  // unset: the lesson's
  std::size_t line = 0;
};

// A question the learner answers before pressing Run.
struct Prediction {
  std::string question;
  std::vector<std::string> choices;
  std::size_t answer = 0;  // index into choices
};

// The views a step shows beside its text.
enum class Panel { Loss, Cohorts, Latent, Focus, Drift, Comparison, SlowMotion };
const char* panelName(Panel panel);  // "loss", "cohorts", ..., "slow-motion", as files write them

struct LessonStep {
  std::string id;
  std::string title;
  std::string text;  // Markdown
  std::vector<Panel> panels;
  std::vector<std::string> runs;      // run ids the step's Run button starts together
  std::vector<std::string> controls;  // parameters the learner may change; the rest stay locked
  std::optional<Prediction> prediction;
  std::vector<std::string> checks;    // check ids read once the step's runs have finished
  std::size_t line = 0;
};

// A claim and the inequality between measured figures that shows it, e.g.
// "active_units(beta-0) > active_units(beta-1)" (docs/lessons.md lists the figures).
struct LessonCheck {
  std::string id;
  std::string claim;        // one sentence (translated)
  std::string explanation;  // Markdown: why it should hold (translated)
  std::string expectation;  // the inequality as written
  std::size_t line = 0;
};

struct Lesson {
  std::string name;  // file name without ".lesson"; what `vaecf lesson check` takes
  std::string title, summary;
  int order = 0;     // place in the lesson browser
  std::filesystem::path file;
  std::string language;  // of the text: "en", or the translation applied
  LessonData data;
  std::vector<LessonRun> runs;
  std::vector<LessonStep> steps;
  std::vector<LessonCheck> checks;

  const LessonRun& run(const std::string& id) const;  // throws Error for an unknown id
  const LessonCheck& check(const std::string& id) const;
};

// Reads a lesson file and, when `language` is not "en" and NAME.LANG.lesson exists beside
// it, that translation's text. Throws InputError naming the file, line and problem for a
// malformed file: an unknown key or section, a run, check or parameter that does not exist,
// an unknown model or format, a check whose inequality does not parse.
Lesson readLesson(const std::filesystem::path& file, const std::string& language = "en");

// Folders searched for lessons, in order: $VAECF_LESSON_PATH (':'-separated), the user's
// lessons folder, the lessons of loaded plugins, the bundled lessons.
std::vector<std::filesystem::path> lessonFolders();

// A lesson found in the folders, or why a file there could not be read.
struct CatalogEntry {
  std::filesystem::path file;
  std::optional<Lesson> lesson;
  std::string error;  // set when lesson is not
};
// Every *.lesson file of lessonFolders() (translations excluded), by order then name; a
// name found twice is taken from the first folder.
std::vector<CatalogEntry> lessonCatalog(const std::string& language = "en");
// The lesson called `name` (or the path of a lesson file); throws Error listing the known
// names when there is none.
Lesson findLesson(const std::string& name, const std::string& language = "en");

// What a run of the lesson trains: the model, its parameters with the presets (and the fast
// setting's) applied, and the data source.
// The run source of `data`, a relative path taken from the folder of `lessonFile`. Throws
// Error naming an unknown format option or a protocol value out of range.
DataSource dataSource(const LessonData& data, const std::filesystem::path& lessonFile);

// Sets NAME=VALUE (`vaecf lesson check --set`) on every run of the lesson that declares the
// parameter, in both settings, after its presets. Throws Error for an assignment without
// '=' and for a parameter no run has.
void overrideParameter(Lesson& lesson, const std::string& assignment);

struct PreparedRun {
  std::string model;
  ParamSet params;
  DataSource data;
};
PreparedRun prepareRun(const Lesson& lesson, const LessonRun& run, bool fast);

}  // namespace vaecf::lessons
