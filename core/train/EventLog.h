#pragma once
// A run's events as JSON lines (events.jsonl in its run folder): written by the trainer,
// replayed by one reader for live, CLI and saved runs alike.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "train/TrainingEvents.h"

namespace vaecf {

// One line of events.jsonl, without the newline.
std::string eventToJsonLine(const TrainingEvent& event);
// Throws Error when `line` is not an event.
TrainingEvent eventFromJsonLine(const std::string& line);

// The events of an events.jsonl file in the order written. Only newline-terminated lines
// count, so a run still being written (or killed mid-line) replays up to its last whole
// event; a malformed whole line throws InputError naming the file and line.
std::vector<TrainingEvent> readEventLog(const std::filesystem::path& file);
// readEventLog of the run folder's events.jsonl.
std::vector<TrainingEvent> readRunEvents(const std::filesystem::path& runFolder);

class EventLogWriter {
 public:
  // Appends to `file` after cutting it to its first `keepBytes` bytes: a resumed run drops
  // what was logged after the checkpoint it continues from, so the log stays one curve.
  EventLogWriter(const std::filesystem::path& file, std::uint64_t keepBytes);

  void append(const TrainingEvent& event);  // one line, flushed
  std::uint64_t fileSize() const { return size_; }

 private:
  std::filesystem::path file_;
  std::ofstream out_;
  std::uint64_t size_ = 0;
};

}  // namespace vaecf
