#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/TaskContext.h"
#include "data/InteractionLog.h"
#include "data/SyntheticData.h"

namespace vaecf {

enum class DatasetFormat {
  MovieLens100K,
  MovieLens1M,
  MovieLens20M,
  MovieLensLatest,
  Netflix,
  CiteULike,
  Delimited,
  Synthetic
};

// "ml-100k", "ml-1m", "ml-20m", "ml-latest", "netflix", "citeulike", "delimited", "synthetic".
std::string formatName(DatasetFormat format);
DatasetFormat parseFormatName(const std::string& name);  // throws Error naming the valid choices
std::vector<std::string> formatNames();
// False for formats that generate their data instead of reading a file (synthetic).
bool readsPath(DatasetFormat format);

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

// The layout of a generic log guessed from its first lines, for a user who gave no
// --separator: the first of tab, ',', ';', '|' and space that splits (almost) every
// sampled line into the same number of fields, two or more, and whether the first line is
// a header: it is when a column that holds numbers on the other lines holds text there.
// Throws InputError when no separator fits.
struct DetectedLayout {
  char separator = ',';
  bool header = true;
  std::size_t columns = 0;
  std::string description;  // in words, for telling the user what was assumed
};
DetectedLayout detectDelimitedLayout(const std::filesystem::path& file, char quote = '"');

struct ImportOptions {
  DatasetFormat format = DatasetFormat::MovieLensLatest;
  // A dataset folder (the usual case: the importer finds the ratings and catalogue files
  // by their standard names) or the ratings file itself, whose catalogue (u.item,
  // movies.dat, movies.csv, movie_titles.csv) is read from beside it when present.
  std::filesystem::path path;
  DelimitedOptions delimited;  // used by DatasetFormat::Delimited only
  SyntheticOptions synthetic;  // used by DatasetFormat::Synthetic only, which reads no path
};

// Reads a dataset, with item titles and genres where the format has a catalogue file.
// Throws InputError naming the file, the line and the problem.
InteractionLog importDataset(const ImportOptions& options, const TaskContext& context = {});

}  // namespace vaecf
