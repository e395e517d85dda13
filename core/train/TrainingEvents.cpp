#include "train/TrainingEvents.h"

#include <algorithm>
#include <array>
#include <utility>

#include "common/Error.h"

namespace vaecf {

namespace {

constexpr std::array<std::pair<TrainerState, std::string_view>, 6> kStateNames{{
    {TrainerState::Idle, "idle"},
    {TrainerState::Running, "running"},
    {TrainerState::Paused, "paused"},
    {TrainerState::Stopped, "stopped"},
    {TrainerState::Finished, "finished"},
    {TrainerState::Failed, "failed"},
}};

}  // namespace

std::string_view stateName(TrainerState state) {
  for (const auto& [candidate, name] : kStateNames) {
    if (candidate == state) return name;
  }
  throw Error("unknown trainer state");
}

TrainerState parseStateName(std::string_view name) {
  for (const auto& [state, candidate] : kStateNames) {
    if (candidate == name) return state;
  }
  throw Error("unknown trainer state '" + std::string(name) + "'");
}

bool inProgress(TrainerState state) {
  return state == TrainerState::Running || state == TrainerState::Paused;
}

void ScalarStats::add(double value) { merge(ScalarStats{value, value, value, value, 1}); }

void ScalarStats::merge(const ScalarStats& later) {
  if (later.count == 0) return;
  if (count == 0) {
    *this = later;
    return;
  }
  const auto total = count + later.count;
  // Count-weighted, in the update form so that equal means stay exactly equal.
  mean += (later.mean - mean) * static_cast<double>(later.count) / static_cast<double>(total);
  min = std::min(min, later.min);
  max = std::max(max, later.max);
  last = later.last;
  count = total;
}

}  // namespace vaecf
