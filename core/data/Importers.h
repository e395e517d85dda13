#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/TaskContext.h"
#include "data/InteractionLog.h"

namespace vaecf {

enum class DatasetFormat { MovieLens100K, MovieLens1M, MovieLens20M, MovieLensLatest, Netflix, CiteULike, Delimited };

// "ml-100k", "ml-1m", "ml-20m", "ml-latest", "netflix", "citeulike", "delimited".
std::string formatName(DatasetFormat format);
DatasetFormat parseFormatName(const std::string& name);  // throws Error naming the valid choices
std::vector<std::string> formatNames();

enum class TextEncoding { Utf8, Latin1 };

// Column layout of a generic interaction log. Columns are 0-based; a missing value or
// timestamp column makes every row count 1 / carry no time.
struct DelimitedOptions {
  char separator = ',';
  bool header = true;
  std::size_t userColumn = 0;
  std::size_t itemColumn = 1;
  std::optional<std::size_t> valueColumn = 2;
  std::optional<std::size_t> timestampColumn;
  char quote = '"';
  TextEncoding encoding = TextEncoding::Utf8;
};

struct ImportOptions {
  DatasetFormat format = DatasetFormat::MovieLensLatest;
  // A dataset folder (the usual case: the importer finds the ratings and catalogue files
  // by their standard names) or the ratings file itself, whose catalogue (u.item,
  // movies.dat, movies.csv, movie_titles.csv) is read from beside it when present.
  std::filesystem::path path;
  DelimitedOptions delimited;  // used by DatasetFormat::Delimited only
};

// Reads a dataset, with item titles and genres where the format has a catalogue file.
// Throws InputError naming the file, the line and the problem.
InteractionLog importDataset(const ImportOptions& options, const TaskContext& context = {});

}  // namespace vaecf
