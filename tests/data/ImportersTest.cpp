#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <tuple>
#include <vector>

#include "TestData.h"
#include "common/Error.h"
#include "data/DataSource.h"
#include "data/Importers.h"
#include "plugin/DatasetFormat.h"

namespace fs = std::filesystem;

namespace vaecf {
namespace {

using test::freshTempDir;
using test::writeText;

constexpr std::int64_t kNone = Interaction::kNoTimestamp;
// The UTF-8 the importer must make of the Latin-1 title "Mis\xE9rables, Les (1995)".
const std::string kMiserablesUtf8 = "Mis\xC3\xA9rables, Les (1995)";

using Row = std::tuple<std::string, std::string, float, std::int64_t>;

// Every interaction with its external ids, in file order.
std::vector<Row> rowsOf(const InteractionLog& log) {
  std::vector<Row> rows;
  for (const Interaction& row : log.interactions) {
    rows.emplace_back(log.users.external(row.user), log.items.external(row.item), row.value, row.timestamp);
  }
  return rows;
}

using FormatOptions = std::map<std::string, std::string>;

InteractionLog importFrom(const std::string& format, const fs::path& path, const FormatOptions& options = {},
                          const TaskContext& context = {}) {
  return importDataset(ImportOptions{format, path, options}, context);
}

// Imports `path` expecting an InputError located at `file`:`line` whose reason holds
// `reasonPart`.
void expectInputError(const std::string& format, const fs::path& path, const fs::path& file, std::size_t line,
                      const std::string& reasonPart, const FormatOptions& options = {}) {
  try {
    importFrom(format, path, options);
    ADD_FAILURE() << "importing " << path << " succeeded; expected: " << reasonPart;
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), file.string()) << error.what();
    EXPECT_EQ(error.line(), line) << error.what();
    EXPECT_NE(error.reason().find(reasonPart), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find(file.filename().string()), std::string::npos) << error.what();
  }
}

// ------------------------------------------------------------------------------- names

TEST(ImportFormatNames, EveryBundledFormatIsInTheCatalogue) {
  std::vector<std::string> names;
  for (const DatasetFormat& format : formatCatalog()) names.push_back(format.name);
  EXPECT_EQ(names, (std::vector<std::string>{"ml-latest", "ml-100k", "ml-1m", "ml-20m", "netflix", "citeulike",
                                             "delimited", "synthetic"}));
  EXPECT_EQ(&findFormat("ml-1m"), &formatCatalog()[2]);
}

// Detection asks the formats with standard file names first, the generic delimited log last.
TEST(ImportFormatDetection, EachDatasetIsReadByItsOwnFormat) {
  const auto detected = [](const fs::path& path) {
    const DatasetFormat* format = detectFormat(path);
    return format == nullptr ? std::string("none") : format->name;
  };
  EXPECT_EQ(detected(test::bundledData()), "ml-latest");
  EXPECT_EQ(detected(test::bundledData() / "ratings.csv"), "ml-latest");
  EXPECT_EQ(detected(test::sharedData("ml-100k")), "ml-100k");
  EXPECT_EQ(detected(test::sharedData("ml-1m")), "ml-1m");
  EXPECT_EQ(detected(test::sharedData("citeulike-a")), "citeulike");
  const fs::path dir = freshTempDir("detect-formats");
  EXPECT_EQ(detected(writeText(dir / "log.csv", "user,item\na,b\nc,d\n")), "delimited");
  writeText(dir / "netflix" / "combined_data_1.txt", "1:\n6,3,2005-09-06\n");
  EXPECT_EQ(detected(dir / "netflix"), "netflix");
  fs::create_directories(dir / "empty");
  EXPECT_EQ(detected(dir / "empty"), "none");
  EXPECT_EQ(detected(dir / "absent"), "none");
}

TEST(ImportFormatDetection, ResolvingNamesTheFormatAndRecordsEveryOption) {
  ImportOptions bundled{"", test::bundledData(), {}};
  EXPECT_EQ(resolveImport(bundled).rfind("read as ml-latest (", 0), 0U);
  EXPECT_EQ(bundled.format, "ml-latest");
  EXPECT_TRUE(bundled.options.empty());  // the format has none

  const fs::path file = writeText(freshTempDir("resolve") / "plays.tsv", "1\t10\n1\t11\n2\t10\n");
  ImportOptions log{"delimited", file, {{"encoding", "latin1"}}};
  EXPECT_EQ(resolveImport(log), "detected tab-separated, 2 columns, no header line (the first line holds '1', "
                                "'10'); no value column: every row is one interaction; the options given override what "
                                "is detected");
  EXPECT_EQ(log.options, (FormatOptions{{"encoding", "latin1"},   {"header", "no"},
                                        {"item_column", "1"},     {"separator", "tab"},
                                        {"timestamp_column", "-1"}, {"user_column", "0"},
                                        {"value_column", "-1"}}));
  // A resolved import reads the same again, with nothing left to detect.
  ImportOptions again = log;
  EXPECT_EQ(resolveImport(again), "");
  EXPECT_EQ(again.options, log.options);
  EXPECT_EQ(rowsOf(importDataset(log)).size(), 3U);

  ImportOptions unknown{"", freshTempDir("resolve-none"), {}};
  EXPECT_THROW(resolveImport(unknown), InputError);
  ImportOptions pathForGenerator{"synthetic", file, {}};
  EXPECT_THROW(resolveImport(pathForGenerator), Error);
}

// Run configs written before formats were plugins kept a delimited log's columns in an
// object named after the format; they still read the same log.
TEST(ImportFormatDetection, ConfigsOfEarlierVersionsStillRead) {
  const fs::path file = writeText(freshTempDir("legacy") / "log.csv", "i9;u1;5\ni8;u2;4\n");
  const nlohmann::json legacy = {
      {"format", "delimited"},
      {"path", file.string()},
      {"delimited",
       {{"separator", ";"}, {"header", false}, {"user_column", 1}, {"item_column", 0}, {"value_column", 2},
        {"timestamp_column", nullptr}, {"encoding", "utf8"}}},
      {"protocol",
       {{"positive_threshold", nullptr}, {"threshold_given", false}, {"min_user_positives", 5},
        {"heldout_users", 0}, {"heldout_fraction", 0.2}, {"seed", 98765}}}};
  const DataSource source = dataSourceFromJson(legacy);
  ASSERT_TRUE(source.raw.has_value());
  EXPECT_EQ(source.raw->options.at("header"), "no");
  EXPECT_EQ(source.raw->options.at("timestamp_column"), "-1");
  EXPECT_EQ(rowsOf(importDataset(*source.raw)), (std::vector<Row>{{"u1", "i9", 5.0F, kNone}, {"u2", "i8", 4.0F, kNone}}));
}

TEST(ImportFormatNames, UnknownNameListsTheChoices) {
  try {
    findFormat("ml-10m");
    ADD_FAILURE() << "ml-10m was accepted";
  } catch (const Error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("'ml-10m'"), std::string::npos) << message;
    EXPECT_NE(message.find("ml-latest, ml-100k, ml-1m, ml-20m, netflix, citeulike, delimited, synthetic"),
              std::string::npos)
        << message;
  }
}

// --------------------------------------------------------------------------- MovieLens

TEST(ImportMovieLens, Ml100kReadsRatingsTimestampsAndLatin1Catalogue) {
  const fs::path dir = freshTempDir("ml100k");
  writeText(dir / "u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n196\t543\t5\t874724710\n");
  writeText(dir / "u.item",
            "242|Kolya (1996)|24-Jan-1997||http://x|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n"
            "302|L.A. Confidential (1997)|01-Jan-1997||http://x|0|0|0|0|0|0|1|0|0|0|1|0|0|1|0|0|1|0|0\n"
            "543|Mis\xE9rables, Les (1995)|01-Jan-1995||http://x|0|0|0|0|0|0|0|0|1|0|0|0|1|0|0|0|0|0|0\n");

  const InteractionLog log = importFrom("ml-100k", dir);

  EXPECT_EQ(rowsOf(log), (std::vector<Row>{{"196", "242", 3.0F, 881250949},
                                           {"186", "302", 3.0F, 891717742},
                                           {"196", "543", 5.0F, 874724710}}));
  EXPECT_EQ(log.users.size(), 2U);
  EXPECT_EQ(log.items.size(), 3U);
  EXPECT_EQ(log.source, (dir / "u.data").string());
  EXPECT_TRUE(log.explicitValues);
  EXPECT_TRUE(log.hasTimestamps);
  ASSERT_EQ(log.catalog.size(), 3U);
  EXPECT_EQ(log.catalog.at("242").genres, std::vector<std::string>{"Comedy"});
  EXPECT_EQ(log.catalog.at("302").title, "L.A. Confidential (1997)");
  EXPECT_EQ(log.catalog.at("302").genres,
            (std::vector<std::string>{"Crime", "Film-Noir", "Mystery", "Thriller"}));
  EXPECT_EQ(log.catalog.at("543").title, kMiserablesUtf8);
  EXPECT_EQ(log.catalog.at("543").genres, (std::vector<std::string>{"Drama", "Musical"}));
}

TEST(ImportMovieLens, Ml1mAcceptsLinesWithAndWithoutTimestampAndCrlf) {
  const fs::path dir = freshTempDir("ml1m");
  writeText(dir / "ratings.dat", "1::1193::5\r\n1::661::3::978302109\r\n\r\n2::1193::4\r\n");
  writeText(dir / "movies.dat",
            "661::James and the Giant Peach (1996)::Animation|Children's|Musical\r\n"
            "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\r\n"
            "73::Mis\xE9rables, Les (1995)::Drama|Musical\r\n");

  const InteractionLog log = importFrom("ml-1m", dir);

  EXPECT_EQ(rowsOf(log),
            (std::vector<Row>{
                {"1", "1193", 5.0F, kNone}, {"1", "661", 3.0F, 978302109}, {"2", "1193", 4.0F, kNone}}));
  EXPECT_TRUE(log.hasTimestamps);
  ASSERT_EQ(log.catalog.size(), 3U);
  EXPECT_EQ(log.catalog.at("1193").title, "One Flew Over the Cuckoo's Nest (1975)");
  EXPECT_EQ(log.catalog.at("661").genres, (std::vector<std::string>{"Animation", "Children's", "Musical"}));
  EXPECT_EQ(log.catalog.at("73").title, kMiserablesUtf8);
}

TEST(ImportMovieLens, RatingsFileAsPathFindsTheCatalogueBesideIt) {
  const fs::path dir = freshTempDir("ml1m-file");
  const fs::path ratings = writeText(dir / "ratings.dat", "7::1::2\n7::2::1");
  writeText(dir / "movies.dat", "1::Toy Story (1995)::Animation|Children's|Comedy\n");

  const InteractionLog log = importFrom("ml-1m", ratings);

  EXPECT_EQ(rowsOf(log), (std::vector<Row>{{"7", "1", 2.0F, kNone}, {"7", "2", 1.0F, kNone}}));
  EXPECT_FALSE(log.hasTimestamps);
  EXPECT_EQ(log.source, ratings.string());
  ASSERT_EQ(log.catalog.size(), 1U);
  EXPECT_EQ(log.catalog.at("1").title, "Toy Story (1995)");
}

TEST(ImportMovieLens, MissingCatalogueLeavesTheCatalogEmpty) {
  const fs::path dir = freshTempDir("ml1m-nocat");
  writeText(dir / "ratings.dat", "1::2::3\n");
  const InteractionLog log = importFrom("ml-1m", dir);
  EXPECT_EQ(log.interactions.size(), 1U);
  EXPECT_TRUE(log.catalog.empty());
}

TEST(ImportMovieLens, CsvFormatsReadHalfStarsAndQuotedTitles) {
  const fs::path dir = freshTempDir("mlcsv");
  writeText(dir / "ratings.csv",
            "userId,movieId,rating,timestamp\n1,11,4.5,964982703\n1,30,0.5,964981247\n2,11,3.0,1445714835\n");
  writeText(
      dir / "movies.csv",
      "movieId,title,genres\n"
      "11,\"American President, The (1995)\",Comedy|Drama|Romance\n"
      "30,\"City of Lost Children, The (Cit\xC3\xA9 des enfants perdus, La) (1995)\",Adventure|Fantasy\n"
      "99,\"Boy Who Said \"\"No\"\", The (2000)\",(no genres listed)\n");

  for (const std::string format : {"ml-20m", "ml-latest"}) {
    const InteractionLog log = importFrom(format, dir);
    EXPECT_EQ(rowsOf(log), (std::vector<Row>{{"1", "11", 4.5F, 964982703},
                                             {"1", "30", 0.5F, 964981247},
                                             {"2", "11", 3.0F, 1445714835}}));
    EXPECT_TRUE(log.explicitValues);
    EXPECT_TRUE(log.hasTimestamps);
    ASSERT_EQ(log.catalog.size(), 3U);
    EXPECT_EQ(log.catalog.at("11").title, "American President, The (1995)");
    EXPECT_EQ(log.catalog.at("11").genres, (std::vector<std::string>{"Comedy", "Drama", "Romance"}));
    EXPECT_EQ(log.catalog.at("30").title,
              "City of Lost Children, The (Cit\xC3\xA9 des enfants perdus, La) (1995)");
    EXPECT_EQ(log.catalog.at("99").title, "Boy Who Said \"No\", The (2000)");
    EXPECT_TRUE(log.catalog.at("99").genres.empty());
  }
}

// ------------------------------------------------------------------------------ Netflix

TEST(ImportNetflix, CombinedDataFilesGiveRatingsDatesAndTitles) {
  const fs::path dir = freshTempDir("netflix-combined");
  writeText(dir / "combined_data_1.txt",
            "1:\r\n1488844,3,2005-09-06\r\n822109,5,2004-02-29\r\n2:\r\n1488844,4,1999-12-31\r\n");
  writeText(dir / "combined_data_2.txt", "3:\n822109,1,1970-01-01\n");
  writeText(dir / "movie_titles.csv",
            "1,2003,Dinosaur Planet\n2,2004,Isle of Man TT 2004 Review\n"
            "3,NULL,Mis\xE9rables, Les (1995)\n");

  const InteractionLog log = importFrom("netflix", dir);

  EXPECT_EQ(rowsOf(log), (std::vector<Row>{{"1488844", "1", 3.0F, 1125964800},
                                           {"822109", "1", 5.0F, 1078012800},
                                           {"1488844", "2", 4.0F, 946598400},
                                           {"822109", "3", 1.0F, 0}}));
  EXPECT_EQ(log.source, dir.string());
  EXPECT_TRUE(log.explicitValues);
  EXPECT_TRUE(log.hasTimestamps);
  ASSERT_EQ(log.catalog.size(), 3U);
  EXPECT_EQ(log.catalog.at("1").title, "Dinosaur Planet");
  EXPECT_EQ(log.catalog.at("3").title, kMiserablesUtf8);
}

TEST(ImportNetflix, PerMovieTrainingSetFindsTitlesBesideTheFolder) {
  const fs::path dir = freshTempDir("netflix-training");
  writeText(dir / "training_set" / "mv_0000002.txt", "2:\n6,2,2005-01-02\n");
  writeText(dir / "training_set" / "mv_0000001.txt", "1:\n6,4,2005-01-01\n7,5,2005-01-01\n");
  writeText(dir / "movie_titles.txt", "1,2003,Dinosaur Planet\n2,2004,Isle of Man TT 2004 Review\n");

  const InteractionLog log = importFrom("netflix", dir);

  EXPECT_EQ(rowsOf(log),
            (std::vector<Row>{
                {"6", "1", 4.0F, 1104537600}, {"7", "1", 5.0F, 1104537600}, {"6", "2", 2.0F, 1104624000}}));
  ASSERT_EQ(log.catalog.size(), 2U);
  EXPECT_EQ(log.catalog.at("2").title, "Isle of Man TT 2004 Review");
}

TEST(ImportNetflix, SingleFileWithoutTitles) {
  const fs::path dir = freshTempDir("netflix-file");
  const fs::path file = writeText(dir / "probe_ratings.txt", "10:\n5,3,2005-06-30\n");
  const InteractionLog log = importFrom("netflix", file);
  EXPECT_EQ(rowsOf(log), (std::vector<Row>{{"5", "10", 3.0F, 1120089600}}));
  EXPECT_TRUE(log.catalog.empty());
}

// ---------------------------------------------------------------------------- CiteULike

TEST(ImportCiteULike, LineIndexIsTheUserAndEveryItemCountsOne) {
  const fs::path dir = freshTempDir("citeulike");
  writeText(dir / "users.dat", "2 5 7\n1 5\r\n3 0 1 2");

  const InteractionLog log = importFrom("citeulike", dir);

  EXPECT_EQ(rowsOf(log), (std::vector<Row>{{"0", "5", 1.0F, kNone},
                                           {"0", "7", 1.0F, kNone},
                                           {"1", "5", 1.0F, kNone},
                                           {"2", "0", 1.0F, kNone},
                                           {"2", "1", 1.0F, kNone},
                                           {"2", "2", 1.0F, kNone}}));
  EXPECT_EQ(log.users.size(), 3U);
  EXPECT_EQ(log.items.size(), 5U);
  EXPECT_FALSE(log.explicitValues);
  EXPECT_FALSE(log.hasTimestamps);
  EXPECT_TRUE(log.catalog.empty());
}

// ---------------------------------------------------------------------------- delimited

TEST(ImportDelimited, DefaultsReadACsvWithHeaderAndTextIds) {
  const fs::path file =
      writeText(freshTempDir("delim") / "log.csv", "user,item,rating\nalice,book 1,4.5\nbob,book 2,-1\n");

  const InteractionLog log = importFrom("delimited", file);

  EXPECT_EQ(rowsOf(log),
            (std::vector<Row>{{"alice", "book 1", 4.5F, kNone}, {"bob", "book 2", -1.0F, kNone}}));
  EXPECT_TRUE(log.explicitValues);
  EXPECT_FALSE(log.hasTimestamps);
  EXPECT_EQ(log.source, file.string());
}

TEST(ImportDelimited, ColumnMappingWithoutHeaderOrValueColumn) {
  const fs::path file =
      writeText(freshTempDir("delim-map") / "clicks.txt", "i9;1700000000;u1;x\r\ni8;1700000060;u2;y\r\n");
  const FormatOptions options{{"separator", ";"}, {"header", "no"},          {"user_column", "2"},
                              {"item_column", "0"}, {"value_column", "-1"}, {"timestamp_column", "1"}};

  const InteractionLog log = importFrom("delimited", file, options);

  EXPECT_EQ(rowsOf(log), (std::vector<Row>{{"u1", "i9", 1.0F, 1700000000}, {"u2", "i8", 1.0F, 1700000060}}));
  EXPECT_FALSE(log.explicitValues);
  EXPECT_TRUE(log.hasTimestamps);
}

TEST(ImportDelimited, QuotedFieldsHoldSeparatorsAndDoubledQuotes) {
  const fs::path file = writeText(freshTempDir("delim-quote") / "log.csv",
                                  "user,item,rating\n"
                                  "\"Smith, J.\",\"The \"\"Best\"\" Book\",\"3\"\n"
                                  "ann,\"\"\"Quoted\"\"\",2\n");

  const InteractionLog log = importFrom("delimited", file);

  EXPECT_EQ(rowsOf(log), (std::vector<Row>{{"Smith, J.", "The \"Best\" Book", 3.0F, kNone},
                                           {"ann", "\"Quoted\"", 2.0F, kNone}}));
}

TEST(ImportDelimited, TabsSpacesAroundFieldsAndLatin1Ids) {
  const fs::path file =
      writeText(freshTempDir("delim-latin1") / "log.tsv", "Jos\xE9\t caf\xE9 \t 2.5\nAnn\tcaf\xE9\t1\n");
  const FormatOptions options{{"separator", "tab"}, {"header", "no"}, {"encoding", "latin1"}};

  const InteractionLog log = importFrom("delimited", file, options);

  EXPECT_EQ(rowsOf(log), (std::vector<Row>{{"Jos\xC3\xA9", "caf\xC3\xA9", 2.5F, kNone},
                                           {"Ann", "caf\xC3\xA9", 1.0F, kNone}}));
  EXPECT_EQ(log.items.size(), 1U);
}

TEST(ImportDelimited, Utf8IdsPassAndLatin1BytesAreRejected) {
  const fs::path dir = freshTempDir("delim-utf8");
  const fs::path good = writeText(dir / "good.csv", "\xEF\xBB\xBFu,i,v\nJos\xC3\xA9,caf\xC3\xA9,1\n");
  EXPECT_EQ(rowsOf(importFrom("delimited", good)),
            (std::vector<Row>{{"Jos\xC3\xA9", "caf\xC3\xA9", 1.0F, kNone}}));

  const fs::path bad = writeText(dir / "bad.csv", "u,i,v\nann,x,1\nJos\xE9,y,1\n");
  expectInputError("delimited", bad, bad, 3, "is not valid UTF-8 (is the file Latin-1?)");
}

TEST(ImportDelimited, ContradictoryOptionsAreRejected) {
  const fs::path file = writeText(freshTempDir("delim-options") / "log.csv", "a,b,1\n");
  EXPECT_THROW(importFrom("delimited", file, {{"separator", ","}, {"item_column", "0"}}), Error);
  EXPECT_THROW(importFrom("delimited", file, {{"separator", "\""}}), Error);
  EXPECT_THROW(importFrom("delimited", file, {{"separator", ",,"}}), Error);
  EXPECT_THROW(importFrom("delimited", file, {{"colour", "red"}}), Error);
}

// ------------------------------------------------------------------------------- errors

TEST(ImportErrors, WrongSeparatorSaysWhatWasExpectedAndFound) {
  const fs::path dir = freshTempDir("err-sep");
  const fs::path ratings = writeText(dir / "ratings.dat", "1::2::3\n1\t3\t4\n");
  expectInputError("ml-1m", dir, ratings, 2,
                   "expected 3 or 4 fields separated by '::', found 1");

  const fs::path data = writeText(dir / "u.data", "1\t2\t3\t4\n1,2,3,4\n");
  expectInputError("ml-100k", dir, data, 2,
                   "expected 4 fields separated by tabs, found 1");
}

TEST(ImportErrors, NonNumericIdsAreQuoted) {
  const fs::path dir = freshTempDir("err-id");
  const fs::path ratings = writeText(dir / "ratings.dat", "1::2::3\nu7::2::3\n");
  expectInputError("ml-1m", dir, ratings, 2, "non-numeric user id 'u7'");

  writeText(ratings, "1::2::3\n\n1::tt0114709::3\n");
  expectInputError("ml-1m", dir, ratings, 3, "non-numeric movie id 'tt0114709'");
}

TEST(ImportErrors, BadRatingsAreNamed) {
  const fs::path dir = freshTempDir("err-rating");
  const fs::path ratings = writeText(dir / "ratings.csv", "userId,movieId,rating,timestamp\n1,2,four,5\n");
  expectInputError("ml-latest", dir, ratings, 2, "non-numeric rating 'four'");

  writeText(ratings, "userId,movieId,rating,timestamp\n1,2,4,5\n1,3,inf,5\n");
  expectInputError("ml-latest", dir, ratings, 3, "rating 'inf' is not a finite number");

  writeText(ratings, "userId,movieId,rating,timestamp\n1,2,964982703,4.0\n");
  expectInputError("ml-latest", dir, ratings, 2, "rating '964982703' is outside 0.5 to 5");

  const fs::path log = writeText(dir / "log.csv", "u,i,v\na,b,1e999\n");
  expectInputError("delimited", log, log, 2, "rating '1e999' is not a finite number");
}

TEST(ImportErrors, NonNumericTimestampIsNamed) {
  const fs::path dir = freshTempDir("err-time");
  const fs::path data = writeText(dir / "u.data", "1\t2\t3\t1998-01-01\n");
  expectInputError("ml-100k", dir, data, 1, "non-numeric timestamp '1998-01-01'");
}

TEST(ImportErrors, EmptyFilesHaveNoInteractions) {
  const fs::path dir = freshTempDir("err-empty");
  const fs::path ratings = writeText(dir / "ratings.dat", "");
  expectInputError("ml-1m", dir, ratings, 0, "no interactions");

  const fs::path csv = writeText(dir / "ratings.csv", "userId,movieId,rating,timestamp\r\n\r\n");
  expectInputError("ml-latest", dir, csv, 0, "no interactions");
}

TEST(ImportErrors, MissingFilesSayWhatWasLookedFor) {
  const fs::path dir = freshTempDir("err-missing");
  expectInputError("ml-100k", dir, dir, 0,
                   "file not found: looked for 'u.data' in this folder");
  expectInputError("ml-1m", dir / "nowhere", dir / "nowhere", 0,
                   "file not found: looked for this file or a folder holding 'ratings.dat'");
  expectInputError("netflix", dir, dir, 0, "file not found: looked for 'combined_data_*.txt'");
  expectInputError("delimited", dir / "log.csv", dir / "log.csv", 0, "file not found");
  expectInputError("delimited", dir, dir, 0, "this is a folder");
}

TEST(ImportErrors, CsvHeaderMustMatchTheFormat) {
  const fs::path dir = freshTempDir("err-header");
  const fs::path ratings = writeText(dir / "ratings.csv", "1,2,3.5,964982703\n");
  expectInputError("ml-20m", dir, ratings, 1,
                   "expected the header 'userId,movieId,rating,timestamp', found '1,2,3.5,964982703'");
}

TEST(ImportErrors, NetflixRatingBeforeAnyMovieLine) {
  const fs::path dir = freshTempDir("err-netflix");
  const fs::path file = writeText(dir / "combined_data_1.txt", "\n1488844,3,2005-09-06\n");
  expectInputError("netflix", dir, file, 2, "rating line before any 'MovieID:' line");

  writeText(file, "1:\n1488844,3,2005-02-30\n");
  expectInputError("netflix", dir, file, 2, "invalid date '2005-02-30', expected YYYY-MM-DD");

  writeText(file, "1:\n1488844,3\n");
  expectInputError("netflix", dir, file, 2, "expected 3 fields separated by ',', found 2");

  writeText(file, "1:\n1488844,6,2005-09-06\n");
  expectInputError("netflix", dir, file, 2, "rating '6' is outside 1 to 5");
}

TEST(ImportErrors, CiteULikeCountMustMatchTheItems) {
  const fs::path dir = freshTempDir("err-citeulike");
  const fs::path users = writeText(dir / "users.dat", "2 5 7\n3 1 2\n");
  expectInputError("citeulike", dir, users, 2, "the line announces 3 items but lists 2");

  writeText(users, "2 5 7\nx 1 2\n");
  expectInputError("citeulike", dir, users, 2,
                   "expected the number of items first, found 'x 1 2'");
}

TEST(ImportErrors, DelimitedRowsNeedEveryMappedColumn) {
  const FormatOptions csv{{"separator", ","}, {"header", "yes"}};  // a broken file is no layout to detect
  const fs::path file = writeText(freshTempDir("err-delim") / "log.csv", "u,i,v\na,b,1\na,b\n");
  expectInputError("delimited", file, file, 3,
                   "expected at least 3 fields separated by ',', found 2", csv);

  writeText(file, "u,i,v\n\"a,b,1\n");
  expectInputError("delimited", file, file, 2, "unterminated quoted field", csv);

  writeText(file, "u,i,v\n\"\",b,1\n");
  expectInputError("delimited", file, file, 2, "empty user id", csv);

  writeText(file, "u,i,v\n\"a\"b,c,1\n");
  expectInputError("delimited", file, file, 2, "unexpected text after a closing quote: 'b,c,1'", csv);
}

TEST(ImportErrors, CatalogueErrorsNameTheCatalogueFile) {
  const fs::path dir = freshTempDir("err-catalogue");
  writeText(dir / "ratings.dat", "1::2::3\n");
  const fs::path movies = writeText(dir / "movies.dat", "2::Heat (1995)::Action\n3|Sabrina (1995)|Comedy\n");
  expectInputError("ml-1m", dir, movies, 2,
                   "expected 3 fields separated by '::', found 1");

  writeText(movies, "2::Heat (1995)::Action\n2::Heat (1995)::Action\n");
  expectInputError("ml-1m", dir, movies, 2, "movie 2 is listed twice");

  writeText(dir / "u.data", "1\t2\t3\t4\n");
  const fs::path items = writeText(dir / "u.item", "2|Heat|||x|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|yes\n");
  expectInputError("ml-100k", dir, items, 1, "genre flag 'yes' is neither 0 nor 1");
}

// ----------------------------------------------------------------------------- progress

TEST(ImportProgress, ReportsMonotonicBytesUpToTheTotal) {
  std::string ratings;
  for (int user = 1; ratings.size() < (9U << 20); ++user) {
    for (int movie = 1; movie <= 100; ++movie)
      ratings += std::to_string(user) + "::" + std::to_string(movie) + "::4\n";
  }
  const fs::path file = writeText(freshTempDir("progress") / "ratings.dat", ratings);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> reports;
  TaskContext context;
  context.onProgress = [&reports](std::string_view stage, std::uint64_t done, std::uint64_t total) {
    EXPECT_EQ(stage, "import");
    reports.emplace_back(done, total);
  };

  importFrom("ml-1m", file, {}, context);

  ASSERT_GE(reports.size(), 4U);  // start, two 4 MB steps, end
  EXPECT_EQ(reports.front(), std::make_pair(std::uint64_t{0}, std::uint64_t{ratings.size()}));
  EXPECT_EQ(reports.back(), std::make_pair(std::uint64_t{ratings.size()}, std::uint64_t{ratings.size()}));
  for (std::size_t i = 1; i < reports.size(); ++i) EXPECT_LE(reports[i - 1].first, reports[i].first);
}

TEST(ImportProgress, RaisedCancelFlagStopsTheImport) {
  const fs::path file = writeText(freshTempDir("cancel") / "ratings.dat", "1::2::3\n");
  TaskContext context;
  context.cancelFlag = std::make_shared<std::atomic<bool>>(true);
  EXPECT_THROW(importFrom("ml-1m", file, {}, context), Cancelled);
}

}  // namespace
}  // namespace vaecf
