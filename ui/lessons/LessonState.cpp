#include "lessons/LessonState.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "common/AtomicFile.h"
#include "common/Error.h"
#include "common/InputFile.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace vaecf::ui {

namespace {

constexpr int kFormatVersion = 1;

std::size_t lineOfByte(const std::string& text, std::size_t byte) {
  const auto end = text.begin() + static_cast<std::ptrdiff_t>(std::min(byte, text.size()));
  return 1 + static_cast<std::size_t>(std::count(text.begin(), end, '\n'));
}

LessonState stateFromJson(const json& document) {
  if (!document.is_object()) throw Error("expected a JSON object");
  if (document.at("version").get<int>() != kFormatVersion)
    throw Error("version " + document.at("version").dump() + " is not one this program reads (" +
                std::to_string(kFormatVersion) + ")");
  LessonState state;
  state.lesson = document.at("lesson").get<std::string>();
  state.file = document.at("file").get<std::string>();
  state.language = document.at("language").get<std::string>();
  state.step = document.at("step").get<std::string>();
  state.fast = document.at("fast").get<bool>();
  state.workFolder = document.at("work_folder").get<std::string>();
  if (state.lesson.empty()) throw Error("'lesson' is empty");
  if (state.workFolder.empty()) throw Error("'work_folder' is empty");
  for (const json& pair : document.at("controls")) {
    if (!pair.is_array() || pair.size() != 2)
      throw Error("'controls' must be an array of [name, value] pairs");
    state.controls.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
  }
  for (const auto& [step, choice] : document.at("predictions").items()) {
    const int index = choice.get<int>();
    if (index < 0) throw Error("the prediction of step '" + step + "' is negative");
    state.predictions[step] = index;
  }
  state.traceUser = document.value("trace_user", std::string());
  return state;
}

}  // namespace

void saveLessonState(const LessonState& state, const fs::path& file) {
  json document{{"version", kFormatVersion},
                {"lesson", state.lesson},
                {"file", state.file.string()},
                {"language", state.language},
                {"step", state.step},
                {"fast", state.fast},
                {"work_folder", state.workFolder.string()},
                {"controls", json::array()},
                {"predictions", json::object()},
                {"trace_user", state.traceUser}};
  for (const auto& [name, value] : state.controls) document["controls"].push_back({name, value});
  for (const auto& [step, choice] : state.predictions) document["predictions"][step] = choice;
  writeFileAtomically(file, [&document](std::ostream& out) { out << document.dump(2) << '\n'; });
}

LessonState loadLessonState(const fs::path& file) {
  requireRegularFileIfPresent(file);  // a named pipe would block the window
  std::ifstream in(file);
  if (!in) throw InputError(file.string(), 0, "cannot open the saved lesson");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  try {
    return stateFromJson(json::parse(text));
  } catch (const json::parse_error& error) {
    throw InputError(file.string(), lineOfByte(text, error.byte),
                     std::string("not valid JSON: ") + error.what());
  } catch (const json::exception& error) {
    throw InputError(file.string(), 0, std::string("not a saved lesson: ") + error.what());
  } catch (const InputError&) {
    throw;
  } catch (const Error& error) {
    throw InputError(file.string(), 0, std::string("not a saved lesson: ") + error.what());
  }
}

fs::path lessonRunFolder(const fs::path& workFolder, const std::string& runId,
                         const std::vector<std::pair<std::string, std::string>>& controls) {
  if (controls.empty()) return workFolder / runId;
  // FNV-1a of the assignments: stable across runs of the program, unlike std::hash.
  std::uint32_t hash = 2166136261u;
  for (const auto& [name, value] : controls)
    for (const char c : name + '=' + value + ';') hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  std::ostringstream name;
  name << runId << '-' << std::hex << hash;
  return workFolder / name.str();
}

}  // namespace vaecf::ui
