#include "CliDocs.h"

#include <fmt/core.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "common/Error.h"
#include "experiment/Experiment.h"

namespace fs = std::filesystem;

namespace vaecf::cli {

namespace {

// ---- the declarations, walked ----------------------------------------------------------

std::vector<const CLI::App*> subcommandsOf(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); });
}

// Options --help shows (hidden ones have an empty group), in declaration order.
std::vector<const CLI::Option*> visibleOptions(const CLI::App& app) {
  return app.get_options([](const CLI::Option* option) { return !option->get_group().empty(); });
}

bool isFlag(const CLI::Option& option) { return option.get_expected_max() == 0; }

// The program's App has no name until it parses argv[0].
std::string nameOf(const CLI::App& app) {
  return app.get_parent() == nullptr && app.get_name().empty() ? std::string("vaecf") : app.get_name();
}

// "vaecf data stats" for the `stats` subcommand of `data`.
std::string commandPath(const CLI::App& app) {
  const CLI::App* parent = app.get_parent();
  return parent == nullptr ? nameOf(app) : commandPath(*parent) + " " + app.get_name();
}

std::string pageName(const CLI::App& app) {
  std::string name = commandPath(app);
  for (char& c : name)
    if (c == ' ') c = '-';
  return name;
}

// The value's name as --help prints it ("TEXT", "INT", "DIR"), without the choice list.
std::string valueName(const CLI::Option& option) {
  std::string type = option.get_type_name();
  std::string name = type.substr(0, type.find(':'));
  for (const std::string& part : {std::string(":DIR"), std::string(":FILE"), std::string(":PATH(existing)")})
    if (type.find(part) != std::string::npos) name = part.substr(1);
  return name.empty() ? "VALUE" : name;
}

// {a,b,c} from an IsMember check, else empty.
std::vector<std::string> choicesOf(const CLI::Option& option) {
  const std::string type = option.get_type_name();
  const auto open = type.find(":{");
  const auto close = type.find('}', open);
  std::vector<std::string> choices;
  if (open == std::string::npos || close == std::string::npos) return choices;
  std::stringstream list(type.substr(open + 2, close - open - 2));
  for (std::string choice; std::getline(list, choice, ',');) choices.push_back(choice);
  return choices;
}

bool wantsDirectory(const CLI::Option& option) { return option.get_type_name().find(":DIR") != std::string::npos; }
bool wantsFile(const CLI::Option& option) {
  const std::string type = option.get_type_name();
  if (type.find(":FILE") != std::string::npos || type.find(":PATH") != std::string::npos) return true;
  // Paths CLI11 cannot check because they need not exist yet, or may be either kind.
  for (const std::string& name : option.get_lnames())
    if (name == "path" || name == "out" || name == "users-file") return true;
  return false;
}

// ---- roff ----------------------------------------------------------------------------

// Text safe in a roff line: backslashes, hyphens that are minus signs, leading dots.
std::string roff(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else out += c;
  }
  return out;
}

std::string roffLine(const std::string& text) {
  const std::string line = roff(text);
  return !line.empty() && (line[0] == '.' || line[0] == '\'') ? "\\&" + line : line;
}

// Preformatted text (a footer) kept as written.
std::string roffVerbatim(const std::string& text) {
  std::string out = ".nf\n";
  std::stringstream lines(text);
  for (std::string line; std::getline(lines, line);) out += roffLine(line) + "\n";
  return out + ".fi\n";
}

std::string optionTerm(const CLI::Option& option) {
  std::vector<std::string> names;
  if (option.get_positional() && option.get_lnames().empty() && option.get_snames().empty())
    return "\\fI" + roff(option.get_name(true)) + "\\fR";
  for (const std::string& name : option.get_snames()) names.push_back("\\fB\\-" + roff(name) + "\\fR");
  for (const std::string& name : option.get_lnames()) names.push_back("\\fB\\-\\-" + roff(name) + "\\fR");
  std::string term;
  for (std::size_t i = 0; i < names.size(); ++i) term += (i ? ", " : "") + names[i];
  if (!isFlag(option)) {
    const std::vector<std::string> choices = choicesOf(option);
    if (!choices.empty()) {
      term += " ";
      for (std::size_t i = 0; i < choices.size(); ++i) term += (i ? "|" : "") + roff(choices[i]);
    } else {
      term += " \\fI" + roff(valueName(option)) + "\\fR";
    }
    if (option.get_items_expected_max() > 1) term += " ...";
  }
  return term;
}

std::string optionParagraph(const CLI::Option& option) {
  std::string text = option.get_description();
  std::vector<std::string> notes;
  if (option.get_required()) notes.push_back("required");
  if (!option.get_default_str().empty() && !isFlag(option)) notes.push_back("default " + option.get_default_str());
  if (!option.get_envname().empty()) notes.push_back("environment " + option.get_envname());
  if (!notes.empty()) {
    text += " (";
    for (std::size_t i = 0; i < notes.size(); ++i) text += (i ? "; " : "") + notes[i];
    text += ")";
  }
  return ".TP\n" + optionTerm(option) + "\n" + roffLine(text) + "\n";
}

std::string optionsSection(const CLI::App& app) {
  // Groups in the order their first option was declared, as --help lists them.
  std::vector<std::string> groups;
  std::map<std::string, std::vector<const CLI::Option*>> byGroup;
  for (const CLI::Option* option : visibleOptions(app)) {
    if (byGroup.find(option->get_group()) == byGroup.end()) groups.push_back(option->get_group());
    byGroup[option->get_group()].push_back(option);
  }
  std::string out = ".SH OPTIONS\n";
  for (const std::string& group : groups) {
    if (group != "Options" && group != "OPTIONS") out += ".SS " + roffLine(group) + "\n";
    for (const CLI::Option* option : byGroup[group]) out += optionParagraph(*option);
  }
  return out;
}

std::string synopsis(const CLI::App& app) {
  std::string out = ".SH SYNOPSIS\n.B " + roff(commandPath(app)) + "\n";
  for (const CLI::Option* option : visibleOptions(app))
    if (option->get_required() && !option->get_positional()) out += optionTerm(*option) + "\n";
  out += "[\\fIOPTIONS\\fR]\n";
  for (const CLI::Option* option : visibleOptions(app))
    if (option->get_positional() && option->get_lnames().empty() && option->get_snames().empty())
      out += (option->get_required() ? "" : "[") + optionTerm(*option) + (option->get_required() ? "" : "]") + "\n";
  if (!subcommandsOf(app).empty()) out += "\\fICOMMAND\\fR [\\fIARGS\\fR]\n";
  return out;
}

// The top-level description reads "vaecf: what it does"; the pages want only the part after.
std::string descriptionOf(const CLI::App& app) {
  std::string description = app.get_description();
  const std::string prefix = nameOf(app) + ": ";
  if (description.rfind(prefix, 0) == 0) description = description.substr(prefix.size());
  return description;
}

// DESCRIPTION: the same words as a sentence.
std::string descriptionSection(const CLI::App& app) {
  std::string sentence = descriptionOf(app);
  if (!sentence.empty()) sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
  if (!sentence.empty() && sentence.back() != '.') sentence += '.';
  std::string out = ".SH DESCRIPTION\n\\fB" + roff(commandPath(app)) + "\\fR: " + roff(sentence) + "\n";
  if (app.get_parent() == nullptr)
    out += ".PP\nEvery command takes \\fB\\-\\-help\\fR; this page and the pages of the commands are "
           "generated from the same declarations.\n";
  return out;
}

std::string header(const CLI::App& app, const std::string& version) {
  std::string title = pageName(app);
  for (char& c : title) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::string description = descriptionOf(app);
  return fmt::format(
      ".\\\" Generated by `vaecf --generate-man` from the CLI declarations; do not edit.\n"
      ".TH {} 1 \"\" \"vaecf {}\" \"VAE-CF Workbench\"\n"
      ".SH NAME\n{} \\- {}\n",
      roff(title), version, roff(pageName(app)), roffLine(description));
}

std::string commandsSection(const CLI::App& app) {
  const auto subs = subcommandsOf(app);
  if (subs.empty()) return {};
  std::string out = ".SH COMMANDS\n";
  for (const CLI::App* sub : subs)
    out += ".TP\n\\fB" + roff(sub->get_name()) + "\\fR\n" + roffLine(sub->get_description()) + "; see \\fB" +
           roff(pageName(*sub)) + "\\fR(1).\n";
  return out;
}

std::string rangeOf(const ParamSpec& spec) {
  if (!spec.choices.empty()) {
    std::string text = "one of ";
    for (std::size_t i = 0; i < spec.choices.size(); ++i) text += (i ? ", " : "") + spec.choices[i];
    return text;
  }
  if (!spec.min && !spec.max) return {};
  return fmt::format("{} .. {}", spec.min ? fmt::format("{:g}", *spec.min) : "", spec.max ? fmt::format("{:g}", *spec.max) : "");
}

// Every model and its --set options, from the catalogue `train --model NAME --help` prints.
std::string modelsSection() {
  std::string out =
      ".SH MODELS\n"
      "Each model's options are set with \\fB\\-\\-set\\fR \\fIname\\fR=\\fIvalue\\fR; "
      "\\fBvaecf train \\-\\-model\\fR \\fINAME\\fR \\fB\\-\\-help\\fR lists the same. "
      "Options marked live may change while a run trains (in the window).\n";
  for (const ModelFamily& model : modelCatalog()) {
    out += ".SS " + roff(model.name) + " \\(em " + roffLine(model.summary) + "\n";
    for (const ParamSpec& spec : runParamSpecs(model)) {
      std::vector<std::string> notes{typeName(spec.type),
                                     "default " + (spec.defaultValue.empty() ? std::string("none") : spec.defaultValue)};
      if (!rangeOf(spec).empty()) notes.push_back(rangeOf(spec));
      if (spec.live) notes.push_back("live");
      std::string joined;
      for (std::size_t i = 0; i < notes.size(); ++i) joined += (i ? ", " : "") + notes[i];
      out += ".TP\n\\fB" + roff(spec.name) + "\\fR (" + roff(joined) + ")\n" + roffLine(spec.help) + "\n";
    }
  }
  return out;
}

// Where the program reads and writes, on the top-level page (data/BundledData.h).
std::string filesSection() {
  return ".SH FILES\n"
         ".TP\n\\fI$XDG_DATA_HOME/vaecf\\-workbench/runs\\fR\n"
         "Run folders (config.json, events.jsonl, checkpoints) of an installed program, shared "
         "with the window; \\fI~/.local/share\\fR when XDG_DATA_HOME is unset. A program run "
         "from its build tree writes \\fIruns\\fR in the current folder instead.\n"
         ".TP\n\\fI/usr/share/vaecf\\-workbench/data/ml\\-latest\\-small\\fR\n"
         "The bundled MovieLens dataset, used when no \\fB\\-\\-path\\fR is given "
         "(GroupLens terms in LICENSE\\-grouplens.txt beside it).\n"
         ".SH ENVIRONMENT\n"
         ".TP\n\\fBXDG_DATA_HOME\\fR\n"
         "Base of the per-user data folder (default \\fI~/.local/share\\fR).\n"
         ".TP\n\\fBVAECF_DATA_DIR\\fR\n"
         "A folder holding \\fIml\\-latest\\-small\\fR to use instead of the bundled copy.\n"
         ".SH EXIT STATUS\n"
         "0 on success, 1 on an error (printed to standard error as "
         "\\fBvaecf: error:\\fR \\fIFILE\\fR:\\fILINE\\fR: \\fIreason\\fR), 130 when cancelled, "
         "and CLI11's codes for invalid arguments.\n";
}

std::string seeAlso(const CLI::App& app) {
  const CLI::App* root = &app;
  while (root->get_parent() != nullptr) root = root->get_parent();
  std::vector<std::string> pages;
  if (root != &app) pages.push_back(nameOf(*root));
  for (const CLI::App* sub : subcommandsOf(app)) pages.push_back(pageName(*sub));
  pages.push_back("vaecf-workbench");
  std::string out = ".SH SEE ALSO\n";
  for (std::size_t i = 0; i < pages.size(); ++i)
    out += "\\fB" + roff(pages[i]) + "\\fR(1)" + (i + 1 < pages.size() ? ",\n" : "\n");
  return out;
}

void writePages(const CLI::App& app, const std::string& version, const fs::path& folder) {
  std::string page = header(app, version) + synopsis(app) + descriptionSection(app) + optionsSection(app) +
                     commandsSection(app);
  const bool isTrain = app.get_parent() != nullptr && app.get_name() == "train";
  if (isTrain) page += modelsSection();  // the footer --help shows is the list of these models
  else if (!app.get_footer().empty()) page += ".SH NOTES\n" + roffVerbatim(app.get_footer());
  if (app.get_parent() == nullptr) page += filesSection();
  page += seeAlso(app);
  const fs::path file = folder / (pageName(app) + ".1");
  std::ofstream out(file);
  out << page;
  if (!out) throw Error("cannot write " + file.string());
  for (const CLI::App* sub : subcommandsOf(app)) writePages(*sub, version, folder);
}

// ---- bash ----------------------------------------------------------------------------

void collectApps(const CLI::App& app, std::vector<const CLI::App*>& apps) {
  apps.push_back(&app);
  for (const CLI::App* sub : subcommandsOf(app)) collectApps(*sub, apps);
}

// The path key of a command in the script: "" for the top level, "data stats" below it.
std::string pathKey(const CLI::App& app) {
  const std::string path = commandPath(app);
  const auto space = path.find(' ');
  return space == std::string::npos ? "" : path.substr(space + 1);
}

std::string words(const std::vector<std::string>& list) {
  std::string out;
  for (std::size_t i = 0; i < list.size(); ++i) out += (i ? " " : "") + list[i];
  return out;
}

std::string bashFunction(const CLI::App& root, const std::string& function) {
  std::vector<const CLI::App*> apps;
  collectApps(root, apps);
  std::string transitions, perCommand, values;
  for (const CLI::App* app : apps) {
    const std::string key = pathKey(*app);
    std::vector<std::string> options, subs;
    for (const CLI::Option* option : visibleOptions(*app)) {
      for (const std::string& name : option->get_snames()) options.push_back("-" + name);
      for (const std::string& name : option->get_lnames()) options.push_back("--" + name);
      if (isFlag(*option) || option->get_lnames().empty()) continue;
      std::string action;
      const std::vector<std::string> choices = choicesOf(*option);
      if (option->get_lnames().front() == "model") action = "COMPREPLY=($(compgen -W \"$models\" -- \"$cur\"))";
      else if (option->get_lnames().front() == "set") action = "__vaecf_set_names";
      else if (!choices.empty()) action = "COMPREPLY=($(compgen -W \"" + words(choices) + "\" -- \"$cur\"))";
      else if (wantsDirectory(*option)) action = "compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- \"$cur\"))";
      else if (wantsFile(*option)) action = "compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\"))";
      else action = "COMPREPLY=()";
      std::string patterns;
      for (const std::string& name : option->get_snames()) patterns += (patterns.empty() ? "" : "|") + ("\"" + key + " -" + name + "\"");
      for (const std::string& name : option->get_lnames()) patterns += (patterns.empty() ? "" : "|") + ("\"" + key + " --" + name + "\"");
      values += "    " + patterns + ") " + action + "; return ;;\n";
    }
    for (const CLI::App* sub : subcommandsOf(*app)) {
      subs.push_back(sub->get_name());
      transitions += "      \"" + key + ">" + sub->get_name() + "\") path=\"" + pathKey(*sub) + "\" ;;\n";
    }
    bool positionalDirectory = false;
    for (const CLI::Option* option : visibleOptions(*app))
      if (option->get_positional() && option->get_lnames().empty()) positionalDirectory = true;
    perCommand += "    \"" + key + "\") options=\"" + words(options) + "\"; commands=\"" + words(subs) + "\"" +
                  (positionalDirectory ? "; positional=dir" : "") + " ;;\n";
  }

  std::vector<std::string> models, allNames;
  std::string setNames;
  std::set<std::string> seen;
  for (const ModelFamily& model : modelCatalog()) {
    models.push_back(model.name);
    std::vector<std::string> names;
    for (const ParamSpec& spec : runParamSpecs(model)) {
      names.push_back(spec.name + "=");
      if (seen.insert(spec.name).second) allNames.push_back(spec.name + "=");
    }
    setNames += "    " + model.name + ") names=\"" + words(names) + "\" ;;\n";
  }
  setNames += "    *) names=\"" + words(allNames) + "\" ;;\n";

  return "__vaecf_set_names() {\n"
         "  # --set name=value: the chosen model's option names (all models' before --model).\n"
         "  local model=\"\" names i\n"
         "  for ((i = 1; i < cw; i++)); do\n"
         "    [[ ${line[i]} == --model ]] && model=${line[i + 1]}\n"
         "    [[ ${line[i]} == --model=* ]] && model=${line[i]#--model=}\n"
         "  done\n"
         "  case \"$model\" in\n" +
         setNames +
         "  esac\n"
         "  compopt -o nospace 2>/dev/null\n"
         "  COMPREPLY=($(compgen -W \"$names\" -- \"$cur\"))\n"
         "}\n\n" +
         function +
         "() {\n"
         "  # zsh (through bashcompinit) runs this too: arrays from 0 there as well.\n"
         "  [[ -n ${ZSH_VERSION-} ]] && setopt localoptions ksharrays\n"
         "  local cur prev line cw\n"
         "  if [[ -n ${BASH_VERSION-} ]] && declare -F _init_completion >/dev/null; then\n"
         "    local words cword\n"
         "    _init_completion -n = || return\n"
         "    line=(\"${words[@]}\"); cw=$cword\n"
         "  else\n"
         "    line=(\"${COMP_WORDS[@]}\"); cw=$COMP_CWORD\n"
         "    cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD - 1]}\n"
         "  fi\n"
         "  local models=\"" + words(models) + "\"\n"
         "  local path=\"\" i\n"
         "  for ((i = 1; i < cw; i++)); do\n"
         "    case \"$path>${line[i]}\" in\n" +
         transitions +
         "    esac\n"
         "  done\n"
         "  if [[ $cur == --*=* ]]; then prev=${cur%%=*}; cur=${cur#*=}; fi\n"
         "  case \"$path $prev\" in\n" +
         values +
         "  esac\n"
         "  local options=\"\" commands=\"\" positional=\"\"\n"
         "  case \"$path\" in\n" +
         perCommand +
         "  esac\n"
         "  if [[ $cur == -* ]]; then\n"
         "    COMPREPLY=($(compgen -W \"$options\" -- \"$cur\"))\n"
         "  elif [[ -n $commands ]]; then\n"
         "    COMPREPLY=($(compgen -W \"$commands\" -- \"$cur\"))\n"
         "  elif [[ $positional == dir ]]; then\n"
         "    compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- \"$cur\"))\n"
         "  fi\n"
         "}\n";
}

}  // namespace

void writeManPages(const CLI::App& app, const std::string& version, const fs::path& folder) {
  fs::create_directories(folder);
  writePages(app, version, folder);
}

std::string bashCompletion(const CLI::App& app) {
  return "# bash completion for vaecf. Generated by `vaecf --generate-completion bash` from the\n"
         "# declarations --help prints; do not edit.\n" +
         bashFunction(app, "_vaecf") + "complete -F _vaecf vaecf\n";
}

std::string zshCompletion(const CLI::App& app) {
  return "#compdef vaecf\n"
         "# zsh completion for vaecf: the bash completion (generated by `vaecf --generate-completion\n"
         "# zsh` from the declarations --help prints) through zsh's bashcompinit; do not edit.\n"
         "autoload -U +X bashcompinit && bashcompinit\n" +
         bashFunction(app, "_vaecf_bash") +
         "complete -F _vaecf_bash vaecf\n"
         "# This file runs once, on the first completion; hand that one over too.\n"
         "_bash_complete -F _vaecf_bash \"$@\"\n";
}

}  // namespace vaecf::cli
