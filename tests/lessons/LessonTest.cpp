// Lesson files (lessons/Lesson.h): what a teacher writes is read, translated and refused
// with the file, line and reason; checks (lessons/LessonChecks.h) parse, measure and can
// fail; and `vaecf lesson` runs them headless.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "TestData.h"
#include "cli/CliRunner.h"
#include "common/Error.h"
#include "lessons/Lesson.h"
#include "experiment/Experiment.h"
#include "lessons/LessonChecks.h"
#include "train/RunFolder.h"

namespace fs = std::filesystem;

namespace vaecf::lessons {
namespace {

// A small lesson on generated data: two Mult-VAE runs that differ in beta only.
const std::string kLesson = R"(title: Two betas
summary: A small lesson for the tests.
order: 7
data: synthetic users=600 items=200 communities=4

# run low: beta 0
model: multvae
set: beta_cap=0 anneal_steps=1 epochs=6 batch_size=50 latent_dim=16 hidden_dim=32 latent_every=0 threads=1
fast: epochs=4

# run high: beta 1
model: multvae
set: beta_cap=1 anneal_steps=1 epochs=6 batch_size=50 latent_dim=16 hidden_dim=32 latent_every=0 threads=1
fast: epochs=4

# step first: Look first
show: loss cohorts
runs: low high
controls: beta_cap
predict: Which keeps more information?
choice: beta 0
choice: beta 1
answer: 1
check: kl-falls

Some *Markdown* text.

## A heading inside the text

More text.

# check kl-falls: The KL weight lowers the KL.
expect: kl(low) > 2 * kl(high)

Why it holds.
)";

fs::path writeLesson(const std::string& name, const std::string& text) {
  return test::writeText(test::freshTempDir("lesson") / (name + ".lesson"), text);
}

// The InputError readLesson throws for `text`, as "line: reason".
std::string refusal(const std::string& text) {
  const fs::path file = writeLesson("broken", text);
  try {
    readLesson(file);
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), file.string());
    return std::to_string(error.line()) + ": " + error.reason();
  }
  ADD_FAILURE() << "the lesson was read";
  return {};
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

TEST(LessonFile, ReadsEverySection) {
  const Lesson lesson = readLesson(writeLesson("two-betas", kLesson));
  EXPECT_EQ(lesson.name, "two-betas");
  EXPECT_EQ(lesson.title, "Two betas");
  EXPECT_EQ(lesson.order, 7);
  EXPECT_EQ(lesson.data.format, "synthetic");
  ASSERT_EQ(lesson.runs.size(), 2u);
  EXPECT_EQ(lesson.runs[1].label, "beta 1");
  EXPECT_EQ(lesson.runs[1].fastParams, (Assignments{{"epochs", "4"}}));
  ASSERT_EQ(lesson.steps.size(), 1u);
  const LessonStep& step = lesson.steps[0];
  EXPECT_EQ(step.panels, (std::vector<Panel>{Panel::Loss, Panel::Cohorts}));
  EXPECT_EQ(step.runs, (std::vector<std::string>{"low", "high"}));
  ASSERT_TRUE(step.prediction);
  EXPECT_EQ(step.prediction->choices.size(), 2u);
  EXPECT_EQ(step.prediction->answer, 0u);
  EXPECT_EQ(step.text, "Some *Markdown* text.\n\n## A heading inside the text\n\nMore text.");
  EXPECT_EQ(lesson.check("kl-falls").explanation, "Why it holds.");

  const PreparedRun fast = prepareRun(lesson, lesson.run("high"), true);
  EXPECT_EQ(fast.params.text("epochs"), "4");
  EXPECT_EQ(fast.params.text("beta_cap"), "1");
  EXPECT_EQ(prepareRun(lesson, lesson.run("high"), false).params.text("epochs"), "6");
}

TEST(LessonFile, RefusesMistakesWithTheirLine) {
  EXPECT_EQ(refusal(replaced(kLesson, "model: multvae", "model: nosuchmodel")).substr(0, 2), "6:");
  EXPECT_NE(refusal(replaced(kLesson, "model: multvae", "model: nosuchmodel")).find("nosuchmodel"),
            std::string::npos);
  EXPECT_EQ(refusal(replaced(kLesson, "fast: epochs=4", "fast: epochz=4")).substr(0, 2), "6:");
  EXPECT_EQ(refusal(replaced(kLesson, "show: loss cohorts", "show: loss charts")),
            "17: unknown panel 'charts' (known: loss, cohorts, latent, focus, drift, comparison, slow-motion)");
  EXPECT_EQ(refusal(replaced(kLesson, "runs: low high", "runs: low middle")),
            "18: no run called 'middle' in this lesson");
  EXPECT_EQ(refusal(replaced(kLesson, "answer: 1", "answer: 3")),
            "23: 'answer:' must be the number of the right choice, 1 to 2");
  EXPECT_EQ(refusal(replaced(kLesson, "check: kl-falls", "check: kl-rises")),
            "24: no check called 'kl-rises' in this lesson");
  EXPECT_EQ(refusal(replaced(kLesson, "controls: beta_cap", "controls: gamma")),
            "19: control 'gamma' is not a parameter of the step's runs");
  EXPECT_EQ(refusal(replaced(kLesson, "# step first", "# stepp first")).substr(0, 4), "16: ");
  EXPECT_EQ(refusal(replaced(kLesson, "data: synthetic", "data: nosuchformat")).substr(0, 2), "4:");
  EXPECT_EQ(refusal(replaced(kLesson, "order: 7", "colour: 7")),
            "3: unknown key 'colour' before the first section (known: title, summary, order, data)");
  EXPECT_EQ(refusal(replaced(kLesson, "answer: 1\n", "answer: 1\nnot a key\n")),
            "24: expected 'key: value' or a blank line before the text, found 'not a key'");
  EXPECT_EQ(refusal(replaced(kLesson, "# run high: beta 1", "# run low: beta 1")), "11: a second run called 'low'");
  EXPECT_EQ(refusal(replaced(kLesson, "title: Two betas\n", "")),
            "1: the lesson needs a 'title:' line before its first section");
}

TEST(LessonFile, RefusesChecksThatDoNotParse) {
  const auto expectRefused = [](const std::string& expectation, const std::string& reason) {
    const std::string message = refusal(replaced(kLesson, "kl(low) > 2 * kl(high)", expectation));
    EXPECT_EQ(message.substr(0, 4), "33: ") << message;
    EXPECT_NE(message.find(reason), std::string::npos) << message;
  };
  expectRefused("kl(low)", "expected a comparison");
  expectRefused("kl(low) = kl(high)", "expected a comparison");
  expectRefused("kll(low) > 1", "no figure called 'kll'");
  expectRefused("kl(middle) > 1", "no run called 'middle'");
  expectRefused("kl(low, 2) > 1", "takes 1 arguments");
  expectRefused("drift(low, 2) > 0", "does not fit drift(RUN, KEEP_RATE)");
  expectRefused("(kl(low) > 1", "a '(' is not closed");
  expectRefused("kl(low) > 1 1", "unexpected");
  const std::vector<std::string> runs{"a"};
  EXPECT_NO_THROW(validateExpectation("-(test(a, ndcg@100) - 0.5) / 2 <= cohort(a, recall@20, 101+) * 3", &runs));
}

TEST(LessonFile, TranslationReplacesTheTextOnly) {
  const fs::path file = writeLesson("two-betas", kLesson);
  test::writeText(file.parent_path() / "two-betas.de.lesson", R"(title: Zwei Betas
summary: Eine kleine Lektion.

# run high: Beta 1

# step first: Erst schauen
predict: Welcher behält mehr Information?
choice: Beta 0
choice: Beta 1

Etwas Text.

# check kl-falls: Das KL-Gewicht senkt die KL.
)");
  const Lesson german = readLesson(file, "de");
  EXPECT_EQ(german.language, "de");
  EXPECT_EQ(german.title, "Zwei Betas");
  EXPECT_EQ(german.run("high").label, "Beta 1");
  EXPECT_EQ(german.run("low").label, "beta 0");  // untranslated text stays English
  EXPECT_EQ(german.steps[0].text, "Etwas Text.");
  EXPECT_EQ(german.steps[0].prediction->choices[1], "Beta 1");
  EXPECT_EQ(german.check("kl-falls").claim, "Das KL-Gewicht senkt die KL.");
  EXPECT_EQ(german.check("kl-falls").explanation, "Why it holds.");
  EXPECT_EQ(german.check("kl-falls").expectation, "kl(low) > 2 * kl(high)");
  EXPECT_EQ(readLesson(file, "fr").language, "en");

  test::writeText(file.parent_path() / "two-betas.de.lesson", "title: Zwei\n\n# run high: Beta 1\nset: epochs=9\n");
  try {
    readLesson(file, "de");
    FAIL() << "a translation that sets parameters was read";
  } catch (const InputError& error) {
    EXPECT_EQ(error.file(), (file.parent_path() / "two-betas.de.lesson").string());
    EXPECT_EQ(error.line(), 3u);
  }
}

// The check must be able to fail: the same claim on runs that do not differ in beta.
// Like the window's .ts files: every bundled lesson is translated into German, every step
// and check included (text a translation leaves out would silently stay English).
TEST(LessonFile, EveryBundledLessonHasItsGermanText) {
  const auto english = lessonCatalog("en"), german = lessonCatalog("de");
  ASSERT_EQ(english.size(), german.size());
  ASSERT_GE(english.size(), 7u);
  for (std::size_t i = 0; i < english.size(); ++i) {
    ASSERT_TRUE(english[i].lesson && german[i].lesson) << english[i].error << german[i].error;
    const Lesson &en = *english[i].lesson, &de = *german[i].lesson;
    EXPECT_EQ(de.language, "de") << en.name;
    EXPECT_NE(de.summary, en.summary) << en.name;
    for (std::size_t s = 0; s < en.steps.size(); ++s) {
      EXPECT_NE(de.steps[s].title, en.steps[s].title) << en.name << " step " << en.steps[s].id;
      EXPECT_NE(de.steps[s].text, en.steps[s].text) << en.name << " step " << en.steps[s].id;
    }
    for (std::size_t c = 0; c < en.checks.size(); ++c)
      EXPECT_NE(de.checks[c].claim, en.checks[c].claim) << en.name << " check " << en.checks[c].id;
  }
}

TEST(LessonChecks, AClaimHoldsAndAWrongPresetMakesItFail) {
  const fs::path file = writeLesson("two-betas", kLesson);
  const Lesson lesson = readLesson(file);
  const LessonCheckReport report = checkLesson(lesson, file.parent_path() / "runs", true, false);
  ASSERT_EQ(report.checks.size(), 1u);
  const CheckResult& check = report.checks[0];
  EXPECT_TRUE(check.error.empty()) << check.error;
  ASSERT_EQ(check.figures.size(), 2u);
  EXPECT_EQ(check.figures[0].figure, "kl(low)");
  EXPECT_DOUBLE_EQ(check.left, check.figures[0].value);
  EXPECT_DOUBLE_EQ(check.right, 2 * check.figures[1].value);
  EXPECT_TRUE(check.held) << check.left << " against " << check.right;
  EXPECT_TRUE(report.passed());

  const fs::path wrongFile = writeLesson("two-betas", replaced(kLesson, "set: beta_cap=0 ", "set: beta_cap=1 "));
  const LessonCheckReport wrong = checkLesson(readLesson(wrongFile), wrongFile.parent_path() / "runs", true, false);
  EXPECT_FALSE(wrong.checks[0].held) << wrong.checks[0].left << " against " << wrong.checks[0].right;
  EXPECT_FALSE(wrong.passed());

  // Reusing the finished runs measures the same figures; a run of other parameters is refused.
  const LessonCheckReport again = checkLesson(lesson, file.parent_path() / "runs", true, true);
  EXPECT_DOUBLE_EQ(again.checks[0].left, check.left);
  EXPECT_THROW(checkLesson(lesson, file.parent_path() / "runs", false, true), Error);
}

// A step's runs side by side in `vaecf` processes train what they train alone in this
// process; a finished run is kept, an unfinished one (a cancelled step) trained again, and
// a folder holding another run refused.
TEST(LessonRuns, SideBySideTheyTrainAsAloneAndAgainAfterACancel) {
  const fs::path file = writeLesson("two-betas", kLesson);
  const Lesson lesson = readLesson(file);
  const LessonCheckReport alone = checkLesson(lesson, file.parent_path() / "alone", true, false);
  const fs::path work = file.parent_path() / "at-once";
  std::vector<LessonRunRequest> requests;
  for (const char* id : {"low", "high"})
    requests.push_back({id, prepareRun(lesson, lesson.run(id), true), work / id});
  const auto testNdcg = [](const fs::path& run) {
    return readRunMetrics(run).test.metrics.at("ndcg@100").mean;
  };
  const std::vector<LessonRunRecord> trained = trainLessonRunsAtOnce(requests, VAECF_CLI_PATH, 2, 1);
  ASSERT_EQ(trained.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(trained[i].folder, requests[i].folder);
    EXPECT_DOUBLE_EQ(testNdcg(trained[i].folder), testNdcg(alone.runs[i].folder)) << trained[i].id;
  }
  EXPECT_FALSE(fs::exists(work / ".low.request"));  // the staging folders are gone

  const std::string lowMetrics = test::readBytes(runMetricsPath(work / "low"));
  fs::remove(runMetricsPath(work / "high"));  // as a cancelled step leaves it
  trainLessonRunsAtOnce(requests, VAECF_CLI_PATH, 2, 1);
  EXPECT_EQ(test::readBytes(runMetricsPath(work / "low")), lowMetrics);
  EXPECT_DOUBLE_EQ(testNdcg(work / "high"), testNdcg(alone.runs[1].folder));

  std::vector<LessonRunRequest> crossed{{"low", requests[0].prepared, work / "high"}};
  EXPECT_THROW(trainLessonRunsAtOnce(crossed, VAECF_CLI_PATH, 1, 1), Error);
}

TEST(LessonChecks, AFigureThatCannotBeMeasuredFailsWithItsReason) {
  const LessonCheck check{"c", "claim", "", "test(a, ndcg@100) > 0", 1};
  const CheckResult result = evaluateCheck(check, {});
  EXPECT_FALSE(result.held);
  EXPECT_EQ(result.error, "run 'a' has not been trained yet");
}

TEST(LessonCli, ListsTheBundledLessonsAndChecksOneByFile) {
  for (const std::string language : {"en", "de"}) {
    const auto list = test::runVaecf("lesson list --json --language " + language);
    ASSERT_EQ(list.exitCode, 0) << list.err;
    std::string german;
    for (const auto& entry : list.lastJson()) {
      EXPECT_FALSE(entry.contains("error")) << entry.dump();  // translations read too
      if (entry.value("name", "") == "kl-weight") german = entry.value("language", "");
    }
    EXPECT_EQ(german, language) << list.out;
  }

  const fs::path file = writeLesson("two-betas", replaced(kLesson, "set: beta_cap=0 ", "set: beta_cap=1 "));
  const auto check = test::runVaecf("lesson check " + file.string() + " --fast --json --out " +
                                    (file.parent_path() / "runs").string());
  EXPECT_EQ(check.exitCode, 1);
  EXPECT_EQ(check.lastError(), "vaecf: error: lesson 'two-betas': a claim did not hold");
  const auto report = check.lastJson();
  EXPECT_FALSE(report["passed"].get<bool>());
  EXPECT_EQ(report["checks"][0]["figures"].size(), 2u);
}

}  // namespace
}  // namespace vaecf::lessons
