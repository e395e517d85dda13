#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "TestData.h"
#include "common/ChildProcess.h"
#include "common/Error.h"

namespace fs = std::filesystem;

namespace vaecf {
namespace {

void awaitEnd(ChildProcess& child) {
  while (!child.finished()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

// A failing child's log: what it printed, then the program's failure line and a blank
// line; the reader gets the reason alone.
TEST(ChildProcess, AFailureIsReadBackWithoutTheProgramsPrefix) {
  const fs::path log = test::freshTempDir("child-failure") / "child.log";
  ChildProcess child({"/bin/sh", "-c", "echo epoch 1; echo 'vaecf: error: data.csv:3: not a number' >&2; echo; exit 3"},
                     ChildOutput::log(log));
  awaitEnd(child);
  EXPECT_FALSE(child.succeeded());
  EXPECT_EQ(child.howItEnded(), "exited with status 3");
  EXPECT_EQ(errorReportedIn(log), "data.csv:3: not a number");
}

TEST(ChildProcess, ALastLineWithoutThePrefixIsReadBackWhole) {
  const fs::path dir = test::freshTempDir("child-other");
  ChildProcess child({"/bin/sh", "-c", "echo 'Segmentation fault' >&2; kill -9 $$"}, {dir / "out.log", dir / "err.log"});
  awaitEnd(child);
  EXPECT_EQ(child.howItEnded(), "was killed by signal 9");
  EXPECT_EQ(errorReportedIn(dir / "err.log"), "Segmentation fault");
  EXPECT_EQ(errorReportedIn(dir / "out.log"), "");
  EXPECT_EQ(errorReportedIn(dir / "never-written.log"), "");
}

TEST(ChildProcess, AProgramThatCannotStartIsNamed) {
  try {
    ChildProcess child({"/nonexistent/vaecf"}, {"/dev/null", "/dev/null"});
    FAIL() << "started";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent/vaecf"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace vaecf
