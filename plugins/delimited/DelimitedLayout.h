#pragma once
// The layout of a generic interaction log guessed from its first lines, for a user who
// named no separator (the delimited format's "auto").

#include <cstddef>
#include <filesystem>
#include <string>

namespace vaecf {

// The first of tab, ',', ';', '|' and space that splits (almost) every sampled line into
// the same number of fields, two or more, and whether the first line is a header: it is
// when a column that holds numbers on the other lines holds text there. Throws InputError
// when no separator fits.
struct DetectedLayout {
  char separator = ',';
  bool header = true;
  std::size_t columns = 0;
  std::string description;  // in words, for telling the user what was assumed
};
DetectedLayout detectDelimitedLayout(const std::filesystem::path& file, char quote = '"');

}  // namespace vaecf
