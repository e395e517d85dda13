#include "lessons/Lesson.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>

#include "common/Error.h"
#include "common/InputFile.h"
#include "data/BundledData.h"
#include "data/TextReading.h"
#include "lessons/CheckExpression.h"
#include "plugin/DatasetFormat.h"
#include "plugin/ModelCatalog.h"
#include "plugin/PluginRegistry.h"

namespace fs = std::filesystem;

namespace vaecf::lessons {

namespace {

constexpr const char* kExtension = ".lesson";

// ---- The file as lines: front matter, then sections "# KIND ID: TITLE" -----------------

struct KeyLine {
  std::string key, value;
  std::size_t line = 0;
};

struct Section {
  std::string kind, id, title;
  std::size_t line = 0;
  std::vector<KeyLine> keys;
  std::string body;  // the Markdown after the keys, trimmed of blank lines around it
};

struct LessonText {
  std::vector<KeyLine> front;
  std::vector<Section> sections;
};

bool isIdentifierChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; }

bool isIdentifier(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), isIdentifierChar);
}

// "key: value" with a lower-case key; nullopt for any other line.
std::optional<KeyLine> keyLine(std::string_view line, std::size_t number) {
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || !isIdentifier(line.substr(0, colon))) return std::nullopt;
  return KeyLine{std::string(line.substr(0, colon)), std::string(reading::trimSpaces(line.substr(colon + 1))), number};
}

std::string trimBlankLines(const std::vector<std::string_view>& lines) {
  std::size_t first = 0, last = lines.size();
  while (first < last && reading::trimSpaces(lines[first]).empty()) ++first;
  while (last > first && reading::trimSpaces(lines[last - 1]).empty()) --last;
  std::string text;
  for (std::size_t i = first; i < last; ++i) text.append(lines[i]).append("\n");
  if (!text.empty()) text.pop_back();
  return text;
}

class LessonTextReader {
 public:
  explicit LessonTextReader(const fs::path& file) : file_(file.string()) {}

  LessonText read(std::string_view text) {
    // Blank lines end a section's keys, so every line counts (LineCursor skips blank ones).
    std::size_t number = 0;
    for (std::size_t pos = 0; pos < text.size();) {
      const std::size_t end = std::min(text.find('\n', pos), text.size());
      std::string_view line = text.substr(pos, end - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      take(line, ++number);
      pos = end + 1;
    }
    closeSection();
    return std::move(result_);
  }

 private:
  [[noreturn]] void fail(std::size_t line, const std::string& reason) const { throw InputError(file_, line, reason); }

  void take(std::string_view line, std::size_t number) {
    if (!reading::isValidUtf8(line)) fail(number, "not UTF-8 text: " + quoteText(line));
    if (line.substr(0, 2) == "# ") return openSection(line.substr(2), number);
    if (!inSection_) return takeFrontLine(line, number);
    if (readingKeys_) {
      // Keys come first; the first blank line after them starts the text.
      if (reading::trimSpaces(line).empty()) {
        readingKeys_ = section_.keys.empty();
        return;
      }
      if (auto key = keyLine(line, number)) return section_.keys.push_back(std::move(*key));
      if (!section_.keys.empty())
        fail(number, "expected 'key: value' or a blank line before the text, found " + quoteText(line));
      readingKeys_ = false;  // a section may start with its text
    }
    body_.push_back(line);
  }

  void takeFrontLine(std::string_view line, std::size_t number) {
    if (reading::trimSpaces(line).empty()) return;
    auto key = keyLine(line, number);
    if (!key) fail(number, "expected 'key: value' before the first section, found " + quoteText(line));
    result_.front.push_back(std::move(*key));
  }

  void openSection(std::string_view header, std::size_t number) {
    closeSection();
    const std::size_t space = header.find(' ');
    const std::string_view kind = header.substr(0, space);
    if (kind != "run" && kind != "step" && kind != "check")
      fail(number, "a section starts '# run ID: label', '# step ID: title' or '# check ID: claim', not " +
                       quoteText(header) + " (use '##' for a heading inside a step's text)");
    const std::string_view rest = space == std::string_view::npos ? std::string_view() : header.substr(space + 1);
    const std::size_t colon = rest.find(':');
    const std::string_view id = reading::trimSpaces(rest.substr(0, colon));
    if (!isIdentifier(id))
      fail(number, "the " + std::string(kind) + "'s id " + quoteText(id) +
                       " must be lower-case letters, digits, '-' or '_'");
    const std::string_view title =
        colon == std::string_view::npos ? std::string_view() : reading::trimSpaces(rest.substr(colon + 1));
    if (title.empty()) fail(number, "the " + std::string(kind) + " '" + std::string(id) + "' needs a text after ':'");
    section_ = Section{std::string(kind), std::string(id), std::string(title), number, {}, {}};
    inSection_ = readingKeys_ = true;
  }

  void closeSection() {
    if (!inSection_) return;
    section_.body = trimBlankLines(body_);
    body_.clear();
    result_.sections.push_back(std::move(section_));
    inSection_ = false;
  }

  std::string file_;
  LessonText result_;
  Section section_;
  std::vector<std::string_view> body_;
  bool inSection_ = false, readingKeys_ = false;
};

LessonText readLessonText(const fs::path& file) {
  const std::string content = readWholeFile(file);
  std::string_view text = content;
  stripByteOrderMark(text);
  return LessonTextReader(file).read(text);
}

// ---- Meaning of the keys --------------------------------------------------------------

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string_view> fields;
  reading::splitOnWhitespace(text, fields);
  return {fields.begin(), fields.end()};
}

class LessonBuilder {
 public:
  LessonBuilder(const fs::path& file, LessonText text) : file_(file), text_(std::move(text)) {}

  Lesson build() {
    lesson_.file = file_;
    lesson_.name = lessonName(file_);
    lesson_.language = "en";
    readFrontMatter();
    for (const Section& section : text_.sections) addSection(section);
    if (lesson_.runs.empty()) fail(0, "the lesson trains no run: add a '# run ID: label' section");
    if (lesson_.steps.empty()) fail(0, "the lesson has no step: add a '# step ID: title' section");
    crossCheck();
    return std::move(lesson_);
  }

  static std::string lessonName(const fs::path& file) { return file.stem().string(); }

 private:
  [[noreturn]] void fail(std::size_t line, const std::string& reason) const {
    throw InputError(file_.string(), line, reason);
  }

  void readFrontMatter() {
    std::optional<std::size_t> dataLine;
    for (const KeyLine& key : text_.front) {
      if (key.key == "title") {
        lesson_.title = key.value;
      } else if (key.key == "summary") {
        lesson_.summary = key.value;
      } else if (key.key == "order") {
        if (!reading::parseWhole(key.value, lesson_.order)) fail(key.line, "order must be a whole number");
      } else if (key.key == "data") {
        lesson_.data = parseData(key);
        dataLine = key.line;
      } else {
        fail(key.line, "unknown key '" + key.key + "' before the first section (known: title, summary, order, data)");
      }
    }
    if (lesson_.title.empty()) fail(1, "the lesson needs a 'title:' line before its first section");
    if (lesson_.summary.empty()) fail(1, "the lesson needs a 'summary:' line before its first section");
    if (!dataLine) fail(1, "the lesson needs a 'data:' line before its first section (e.g. 'data: bundled')");
  }

  // "FORMAT [path=P] [option=value ...] [protocol option=value ...]".
  LessonData parseData(const KeyLine& key) const {
    const std::vector<std::string> fields = words(key.value);
    if (fields.empty()) fail(key.line, "data names a format or 'bundled'");
    LessonData data;
    data.format = fields.front();
    data.line = key.line;
    if (data.format != "bundled") {
      try {
        findFormat(data.format);
      } catch (const Error& error) {
        fail(key.line, error.what());
      }
    }
    static const std::set<std::string> protocolKeys{"min_rating", "min_user_positives", "heldout_users",
                                                    "heldout_fraction", "heldout_order", "split_seed"};
    for (std::size_t i = 1; i < fields.size(); ++i) {
      const auto [name, value] = assignment(fields[i], key.line);
      if (name == "path") {
        data.path = value;
      } else if (protocolKeys.count(name) != 0) {
        data.protocol.emplace_back(name, value);
      } else {
        data.options.emplace_back(name, value);
      }
    }
    try {
      dataSource(data, file_);
    } catch (const InputError&) {
      throw;
    } catch (const Error& error) {
      fail(key.line, error.what());
    }
    return data;
  }

  std::pair<std::string, std::string> assignment(const std::string& field, std::size_t line) const {
    const std::size_t equals = field.find('=');
    if (equals == std::string::npos || equals == 0)
      fail(line, "expected NAME=VALUE, found " + quoteText(field));
    return {field.substr(0, equals), field.substr(equals + 1)};
  }

  Assignments assignments(const KeyLine& key) const {
    Assignments result;
    for (const std::string& field : words(key.value)) result.push_back(assignment(field, key.line));
    return result;
  }

  void addSection(const Section& section) {
    if (!ids_[section.kind].insert(section.id).second)
      fail(section.line, "a second " + section.kind + " called '" + section.id + "'");
    if (section.kind == "run") return addRun(section);
    if (section.kind == "step") return addStep(section);
    addCheck(section);
  }

  void addRun(const Section& section) {
    LessonRun run;
    run.id = section.id;
    run.label = section.title;
    run.line = section.line;
    for (const KeyLine& key : section.keys) {
      if (key.key == "model") {
        run.model = key.value;
      } else if (key.key == "set") {
        for (auto& value : assignments(key)) run.params.push_back(std::move(value));
      } else if (key.key == "fast") {
        for (auto& value : assignments(key)) run.fastParams.push_back(std::move(value));
      } else if (key.key == "data") {
        run.data = parseData(key);
      } else {
        fail(key.line, "unknown key '" + key.key + "' in run '" + run.id + "' (known: model, set, fast, data)");
      }
    }
    if (!section.body.empty()) fail(section.line, "run '" + run.id + "' has text: a run's text belongs in a step");
    if (run.model.empty()) fail(section.line, "run '" + run.id + "' needs a 'model:' line");
    try {
      findModel(run.model);
      lesson_.runs.push_back(run);
      prepareRun(lesson_, run, false);
      prepareRun(lesson_, run, true);
    } catch (const InputError&) {
      throw;
    } catch (const Error& error) {
      fail(section.line, "run '" + run.id + "': " + error.what());
    }
  }

  void addStep(const Section& section) {
    LessonStep step;
    step.id = section.id;
    step.title = section.title;
    step.text = section.body;
    step.line = section.line;
    std::optional<std::size_t> answerLine;
    std::string answer;
    for (const KeyLine& key : section.keys) {
      if (key.key == "show") {
        for (const std::string& name : words(key.value)) step.panels.push_back(panel(name, key.line));
      } else if (key.key == "runs") {
        step.runs = words(key.value);
        runReferences_.emplace_back(step.runs, key.line);
      } else if (key.key == "controls") {
        step.controls = words(key.value);
        controlLines_[step.id] = key.line;
      } else if (key.key == "predict") {
        if (!step.prediction) step.prediction.emplace();
        step.prediction->question = key.value;
      } else if (key.key == "choice") {
        if (!step.prediction) step.prediction.emplace();
        step.prediction->choices.push_back(key.value);
      } else if (key.key == "answer") {
        answer = key.value;
        answerLine = key.line;
      } else if (key.key == "check") {
        for (const std::string& id : words(key.value)) {
          step.checks.push_back(id);
          checkReferences_.emplace_back(id, key.line);
        }
      } else {
        fail(key.line, "unknown key '" + key.key + "' in step '" + step.id +
                           "' (known: show, runs, controls, predict, choice, answer, check)");
      }
    }
    if (step.text.empty()) fail(section.line, "step '" + step.id + "' has no text");
    if (step.prediction) readAnswer(step, answer, answerLine.value_or(section.line));
    lesson_.steps.push_back(std::move(step));
  }

  void readAnswer(LessonStep& step, const std::string& answer, std::size_t line) const {
    Prediction& prediction = *step.prediction;
    if (prediction.question.empty()) fail(line, "step '" + step.id + "' has choices but no 'predict:' question");
    if (prediction.choices.size() < 2) fail(line, "a prediction needs two 'choice:' lines at least");
    std::size_t number = 0;
    if (!reading::parseWhole(answer, number) || number < 1 || number > prediction.choices.size())
      fail(line, "'answer:' must be the number of the right choice, 1 to " + std::to_string(prediction.choices.size()));
    prediction.answer = number - 1;
  }

  Panel panel(const std::string& name, std::size_t line) const {
    for (Panel panel : {Panel::Loss, Panel::Cohorts, Panel::Latent, Panel::Focus, Panel::Drift, Panel::Comparison,
                        Panel::SlowMotion})
      if (name == panelName(panel)) return panel;
    fail(line, "unknown panel '" + name + "' (known: loss, cohorts, latent, focus, drift, comparison, slow-motion)");
  }

  void addCheck(const Section& section) {
    LessonCheck check;
    check.id = section.id;
    check.claim = section.title;
    check.explanation = section.body;
    check.line = section.line;
    for (const KeyLine& key : section.keys) {
      if (key.key != "expect") fail(key.line, "unknown key '" + key.key + "' in check '" + check.id + "' (known: expect)");
      check.expectation = key.value;
      expectationLine_[check.id] = key.line;
    }
    if (check.expectation.empty()) fail(section.line, "check '" + check.id + "' needs an 'expect:' line");
    try {
      validateExpectation(check.expectation, nullptr);  // its run ids once every run is known
    } catch (const Error& error) {
      fail(expectationLine_.at(check.id), "check '" + check.id + "': " + error.what());
    }
    lesson_.checks.push_back(std::move(check));
  }

  // References between sections, once every section is known.
  void crossCheck() const {
    for (const auto& [runs, line] : runReferences_)
      for (const std::string& id : runs)
        if (ids_.at("run").count(id) == 0) fail(line, "no run called '" + id + "' in this lesson");
    for (const auto& [id, line] : checkReferences_)
      if (ids_.at("check").count(id) == 0)
        fail(line, "no check called '" + id + "' in this lesson");
    std::vector<std::string> runIds;
    for (const LessonRun& run : lesson_.runs) runIds.push_back(run.id);
    for (const LessonCheck& check : lesson_.checks) {
      try {
        validateExpectation(check.expectation, &runIds);
      } catch (const Error& error) {
        fail(expectationLine_.at(check.id), "check '" + check.id + "': " + error.what());
      }
    }
    for (const LessonStep& step : lesson_.steps) crossCheckControls(step);
  }

  // A control must be a parameter of a run the step starts (or of every run, with none).
  void crossCheckControls(const LessonStep& step) const {
    for (const std::string& control : step.controls) {
      bool declared = false;
      for (const LessonRun& run : lesson_.runs) {
        const bool started = step.runs.empty() || std::count(step.runs.begin(), step.runs.end(), run.id) > 0;
        if (started && defaultParams(run.model).declares(control)) declared = true;
      }
      if (!declared)
        fail(controlLines_.at(step.id), "control '" + control + "' is not a parameter of the step's runs");
    }
  }

  fs::path file_;
  LessonText text_;
  Lesson lesson_;
  std::map<std::string, std::set<std::string>> ids_{{"run", {}}, {"step", {}}, {"check", {}}};
  std::vector<std::pair<std::vector<std::string>, std::size_t>> runReferences_;
  std::vector<std::pair<std::string, std::size_t>> checkReferences_;
  std::map<std::string, std::size_t> controlLines_, expectationLine_;
};

// ---- Translations: NAME.LANG.lesson replaces the text of the sections it names ---------

class TranslationApplier {
 public:
  TranslationApplier(const fs::path& file, Lesson& lesson) : file_(file), lesson_(lesson) {}

  void apply(const LessonText& text) {
    for (const KeyLine& key : text.front) {
      if (key.key == "title") {
        lesson_.title = key.value;
      } else if (key.key == "summary") {
        lesson_.summary = key.value;
      } else {
        fail(key.line, "a translation holds text only: 'title:' and 'summary:' before the sections, not '" +
                           key.key + ":'");
      }
    }
    for (const Section& section : text.sections) applySection(section);
  }

 private:
  [[noreturn]] void fail(std::size_t line, const std::string& reason) const {
    throw InputError(file_.string(), line, reason);
  }

  template <typename Part>
  Part& find(std::vector<Part>& parts, const Section& section) const {
    for (Part& part : parts)
      if (part.id == section.id) return part;
    fail(section.line, "the lesson has no " + section.kind + " called '" + section.id + "'");
  }

  void applySection(const Section& section) {
    if (section.kind == "run") {
      if (!section.keys.empty() || !section.body.empty())
        fail(section.line, "a run's translation is its label only");
      find(lesson_.runs, section).label = section.title;
    } else if (section.kind == "check") {
      if (!section.keys.empty()) fail(section.keys.front().line, "a check's translation is its claim and text only");
      LessonCheck& check = find(lesson_.checks, section);
      check.claim = section.title;
      if (!section.body.empty()) check.explanation = section.body;
    } else {
      applyStep(section, find(lesson_.steps, section));
    }
  }

  void applyStep(const Section& section, LessonStep& step) const {
    step.title = section.title;
    if (!section.body.empty()) step.text = section.body;
    std::vector<std::string> choices;
    for (const KeyLine& key : section.keys) {
      if (key.key == "predict" && step.prediction) {
        step.prediction->question = key.value;
      } else if (key.key == "choice" && step.prediction) {
        choices.push_back(key.value);
      } else {
        fail(key.line, "a step's translation holds its title, text, 'predict:' and 'choice:' only");
      }
    }
    if (choices.empty()) return;
    if (choices.size() != step.prediction->choices.size())
      fail(section.line, "step '" + step.id + "' has " + std::to_string(step.prediction->choices.size()) +
                             " choices; the translation gives " + std::to_string(choices.size()));
    step.prediction->choices = std::move(choices);
  }

  fs::path file_;
  Lesson& lesson_;
};

fs::path translationFile(const fs::path& file, const std::string& language) {
  return file.parent_path() / (file.stem().string() + "." + language + kExtension);
}

bool isTranslationFile(const fs::path& file) {
  // NAME.LANG.lesson: the stem itself has an extension of two or three letters.
  const std::string language = file.stem().extension().string();
  return language.size() >= 3 && language.size() <= 4;
}

void appendFolders(std::vector<fs::path>& folders, const char* list) {
  if (list == nullptr) return;
  std::stringstream stream(list);
  for (std::string folder; std::getline(stream, folder, ':');)
    if (!folder.empty()) folders.emplace_back(folder);
}

}  // namespace

const char* panelName(Panel panel) {
  switch (panel) {
    case Panel::Loss: return "loss";
    case Panel::Cohorts: return "cohorts";
    case Panel::Latent: return "latent";
    case Panel::Focus: return "focus";
    case Panel::Drift: return "drift";
    case Panel::Comparison: return "comparison";
    case Panel::SlowMotion: return "slow-motion";
  }
  return "";
}

const LessonRun& Lesson::run(const std::string& id) const {
  for (const LessonRun& candidate : runs)
    if (candidate.id == id) return candidate;
  throw Error("lesson '" + name + "' has no run called '" + id + "'");
}

const LessonCheck& Lesson::check(const std::string& id) const {
  for (const LessonCheck& candidate : checks)
    if (candidate.id == id) return candidate;
  throw Error("lesson '" + name + "' has no check called '" + id + "'");
}

Lesson readLesson(const fs::path& file, const std::string& language) {
  if (file.extension() != kExtension) throw InputError(file.string(), 0, "a lesson file's name ends in .lesson");
  Lesson lesson = LessonBuilder(file, readLessonText(file)).build();
  const fs::path translation = translationFile(file, language);
  std::error_code error;
  if (language != "en" && fs::exists(translation, error)) {
    TranslationApplier(translation, lesson).apply(readLessonText(translation));
    lesson.language = language;
  }
  return lesson;
}

DataSource dataSource(const LessonData& data, const fs::path& lessonFile) {
  DataSource source;
  ImportOptions import;
  if (data.format == "bundled") {
    import.path = bundledDatasetPath();
  } else {
    import.format = data.format;
    if (!data.path.empty()) import.path = fs::path(data.path).is_absolute() ? fs::path(data.path)
                                                                             : lessonFile.parent_path() / data.path;
  }
  for (const auto& [name, value] : data.options) import.options[name] = value;
  if (!import.format.empty()) formatOptions(findFormat(import.format), import);  // refuses unknown options early
  source.raw = import;
  for (const auto& [name, value] : data.protocol) {
    double number = 0.0;
    const bool numeric = reading::parseWhole(value, number);
    if (name == "heldout_order") {
      if (value != "random" && value != "time") throw Error("heldout_order is random or time, not " + quoteText(value));
      source.protocol.heldoutByTime = value == "time";
      continue;
    }
    if (!numeric || number < 0) throw Error(name + " must be a number of at least 0, not " + quoteText(value));
    if (name == "min_rating") {
      source.protocol.positiveThreshold = number;
      source.thresholdGiven = true;
    } else if (name == "min_user_positives") {
      source.protocol.minUserPositives = static_cast<std::uint32_t>(number);
    } else if (name == "heldout_users") {
      source.protocol.heldoutUsers = static_cast<std::uint32_t>(number);
    } else if (name == "heldout_fraction") {
      if (number <= 0 || number >= 1) throw Error("heldout_fraction lies between 0 and 1");
      source.protocol.heldoutFraction = number;
    } else {
      source.protocol.seed = static_cast<std::uint32_t>(number);
    }
  }
  return source;
}

void overrideParameter(Lesson& lesson, const std::string& assignment) {
  const std::size_t equals = assignment.find('=');
  if (equals == std::string::npos || equals == 0) throw Error("--set " + assignment + ": write name=value");
  const std::string name = assignment.substr(0, equals);
  bool declared = false;
  for (LessonRun& run : lesson.runs) {
    if (!defaultParams(run.model).declares(name)) continue;
    run.fastParams.emplace_back(name, assignment.substr(equals + 1));  // applied last in both settings
    run.params.emplace_back(name, assignment.substr(equals + 1));
    declared = true;
  }
  if (!declared) throw Error("--set " + assignment + ": no run of lesson '" + lesson.name + "' has that parameter");
}

PreparedRun prepareRun(const Lesson& lesson, const LessonRun& run, bool fast) {
  PreparedRun prepared{run.model, defaultParams(run.model), dataSource(run.data.value_or(lesson.data), lesson.file)};
  for (const auto& [name, value] : run.params) prepared.params.set(name, value);
  if (fast)
    for (const auto& [name, value] : run.fastParams) prepared.params.set(name, value);
  return prepared;
}

std::vector<fs::path> lessonFolders() {
  std::vector<fs::path> folders;
  appendFolders(folders, std::getenv("VAECF_LESSON_PATH"));
  if (const fs::path user = userDataFolder(); !user.empty()) folders.push_back(user / "lessons");
  for (const PluginRecord& plugin : PluginRegistry::instance().plugins())
    if (plugin.loaded && !plugin.manifest.lessons.empty())
      folders.push_back(fs::path(plugin.source).parent_path() / plugin.manifest.lessons);
  folders.push_back(bundledLessonsFolder());
  return folders;
}

std::vector<CatalogEntry> lessonCatalog(const std::string& language) {
  std::vector<CatalogEntry> entries;
  std::set<std::string> names;
  for (const fs::path& folder : lessonFolders()) {
    std::error_code error;
    if (!fs::is_directory(folder, error)) continue;
    std::vector<fs::path> files;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder, error))
      if (entry.path().extension() == kExtension && !isTranslationFile(entry.path())) files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      if (!names.insert(LessonBuilder::lessonName(file)).second) continue;
      CatalogEntry entry{file, std::nullopt, {}};
      try {
        entry.lesson = readLesson(file, language);
      } catch (const Error& error) {
        entry.error = error.what();
      }
      entries.push_back(std::move(entry));
    }
  }
  std::stable_sort(entries.begin(), entries.end(), [](const CatalogEntry& a, const CatalogEntry& b) {
    const int orderA = a.lesson ? a.lesson->order : 1000, orderB = b.lesson ? b.lesson->order : 1000;
    return orderA < orderB;
  });
  return entries;
}

Lesson findLesson(const std::string& name, const std::string& language) {
  if (fs::path(name).extension() == kExtension) return readLesson(name, language);
  std::string known;
  for (const CatalogEntry& entry : lessonCatalog(language)) {
    if (LessonBuilder::lessonName(entry.file) == name) {
      if (!entry.lesson) throw Error(entry.error);
      return *entry.lesson;
    }
    known += (known.empty() ? "" : ", ") + LessonBuilder::lessonName(entry.file);
  }
  throw Error("no lesson called '" + name + "' (known: " + (known.empty() ? "none" : known) + ")");
}

}  // namespace vaecf::lessons
