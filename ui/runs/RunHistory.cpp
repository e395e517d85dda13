#include "runs/RunHistory.h"

#include <algorithm>
#include <numeric>

namespace vaecf::ui {

namespace {

void appendScalars(Curves& curves, const ScalarMap& scalars, const TrainingEvent& event) {
  for (const auto& [name, stats] : scalars)
    curves[name].push_back({event.step, event.epoch, event.elapsedSeconds, stats.mean});
}

template <class Points, class Keep>
void eraseUnless(Points& points, Keep keep) {
  points.erase(std::remove_if(points.begin(), points.end(), [&](const auto& p) { return !keep(p); }),
               points.end());
}

}  // namespace

void RunHistory::applyAll(const std::vector<TrainingEvent>& events) {
  for (const auto& event : events) apply(event);
}

void RunHistory::apply(const TrainingEvent& event) {
  if (event.generation > generation_) {
    if (generation_ > 0) truncateAfter(event.step);
    generation_ = event.generation;
  }
  epoch_ = event.epoch;
  step_ = event.step;
  seconds_ = event.elapsedSeconds;
  ++revision_;

  if (const auto* change = std::get_if<StateChange>(&event.payload)) {
    state_ = change->state;
    failure_ = change->message;
  } else if (const auto* summary = std::get_if<ScalarSummary>(&event.payload)) {
    appendScalars(batchCurves_, summary->scalars, event);
    if (const auto rate = summary->scalars.find("users_per_second"); rate != summary->scalars.end())
      usersPerSecond_ = rate->second.last;
  } else if (const auto* epoch = std::get_if<EpochSummary>(&event.payload)) {
    appendScalars(epochCurves_, epoch->scalars, event);
    epochSeconds_.push_back(epoch->seconds);
    epochsCompleted_ = event.epoch;
  } else if (const auto* evaluation = std::get_if<Evaluation>(&event.payload)) {
    if (evaluation->split == EvaluatedSplit::Test)
      test_ = evaluation->report;
    else
      validations_.push_back({event.epoch, event.elapsedSeconds, evaluation->best, evaluation->report});
  }
}

double RunHistory::secondsPerEpoch() const {
  if (epochSeconds_.empty()) return 0.0;
  return std::accumulate(epochSeconds_.begin(), epochSeconds_.end(), 0.0) /
         static_cast<double>(epochSeconds_.size());
}

void RunHistory::truncateAfter(std::int64_t step) {
  std::int64_t completed = 0;
  for (Curves* curves : {&batchCurves_, &epochCurves_}) {
    for (auto& entry : *curves)
      eraseUnless(entry.second, [&](const CurvePoint& p) { return p.step <= step; });
  }
  for (const auto& entry : epochCurves_)
    if (!entry.second.empty()) completed = std::max(completed, entry.second.back().epoch);
  epochsCompleted_ = completed;
  epochSeconds_.resize(std::min(epochSeconds_.size(), static_cast<std::size_t>(completed)));
  eraseUnless(validations_, [&](const ValidationPoint& v) { return v.epoch <= completed; });
}

}  // namespace vaecf::ui
