#pragma once
// What a training run reports, as plain numbers and strings: the UI, the CLI and the run
// folder's events.jsonl all carry exactly these (docs/architecture.md, streaming).

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>

#include "eval/Evaluator.h"

namespace vaecf {

enum class TrainerState { Idle, Running, Paused, Stopped, Finished, Failed };

std::string_view stateName(TrainerState state);  // "idle", "running", ...
// Throws Error on anything stateName() does not produce.
TrainerState parseStateName(std::string_view name);
// Running or paused: a worker holds the run and takes commands.
bool inProgress(TrainerState state);

// A scalar summarised over a span of batches.
struct ScalarStats {
  double last = 0.0;
  double mean = 0.0;
  double min = 0.0;
  double max = 0.0;
  std::int64_t count = 0;

  void add(double value);
  // Folds in the stats of a later span.
  void merge(const ScalarStats& later);
};

using ScalarMap = std::map<std::string, ScalarStats>;

struct StateChange {
  TrainerState state = TrainerState::Idle;
  std::string message;  // why a run failed; empty otherwise
};

// Per-batch scalars ("loss", each loss term, "lr", "grad_norm", "users_per_second"; a
// model with several phases prefixes them "<phase>/"), merged in the worker and sent at
// most about ten times a second.
struct ScalarSummary {
  ScalarMap scalars;
};

struct EpochSummary {
  ScalarMap scalars;     // the same scalars over the whole epoch
  double seconds = 0.0;  // training time of the epoch, validation and pauses excluded
};

enum class EvaluatedSplit { Validation, Test };

struct Evaluation {
  EvaluatedSplit split = EvaluatedSplit::Validation;
  bool best = false;  // validation: this epoch improved the selection metric
  EvaluationReport report;
};

// A live parameter took a new value at the batch boundary this event was sent from.
struct ParameterChange {
  std::string name;
  std::string value;
};

enum class NoteLevel { Info, Warning };

// Something worth telling the user; `code` is stable ("early_stop", "no_validation_users",
// "parameter_rejected") so a UI can word it, `text` is the English default.
struct Note {
  NoteLevel level = NoteLevel::Info;
  std::string code;
  std::string text;
};

struct TrainingEvent {
  // Bumped by every start of a trainer; a consumer drops events of older generations.
  std::int64_t generation = 0;
  // The epoch being trained (1-based), or the one just finished between epochs.
  std::int64_t epoch = 0;
  std::int64_t step = 0;        // gradient updates done so far in the run
  double elapsedSeconds = 0.0;  // run time so far, pauses excluded, continued on resume
  std::variant<StateChange, ScalarSummary, EpochSummary, Evaluation, ParameterChange, Note> payload;
};

}  // namespace vaecf
