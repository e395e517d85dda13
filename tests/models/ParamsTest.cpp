#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "common/Error.h"
#include "models/Params.h"

namespace vaecf {
namespace {

using Type = ParamSpec::Type;

std::vector<ParamSpec> declarations() {
  return {
      {"epochs", Type::Int, "200", "training epochs", 1.0, 1000.0, {}, false},
      {"lr", Type::Float, "0.001", "Adam learning rate", 0.0, std::nullopt, {}, true},
      {"float64", Type::Bool, "yes", "invert in double precision", std::nullopt, std::nullopt, {}, false},
      {"likelihood",
       Type::Choice,
       "multinomial",
       "output distribution",
       std::nullopt,
       std::nullopt,
       {"multinomial", "gaussian", "logistic"},
       false},
      {"note", Type::Text, "", "free text", std::nullopt, std::nullopt, {}, false},
      {"lambdas", Type::FloatList, "100,200,500", "EASE grid", 0.0, std::nullopt, {}, false},
  };
}

std::string errorMessage(const std::function<void()>& action) {
  try {
    action();
  } catch (const Error& error) {
    return error.what();
  }
  return "no error";
}

TEST(ParamsDefaults, ReadBackTyped) {
  const ParamSet params(declarations());
  EXPECT_EQ(params.integer("epochs"), 200);
  EXPECT_DOUBLE_EQ(params.real("lr"), 0.001);
  EXPECT_TRUE(params.flag("float64"));
  EXPECT_EQ(params.text("likelihood"), "multinomial");
  EXPECT_EQ(params.text("note"), "");
  EXPECT_EQ(params.reals("lambdas"), (std::vector<double>{100.0, 200.0, 500.0}));
  EXPECT_DOUBLE_EQ(params.real("epochs"), 200.0);  // an int reads as a number too
}

TEST(ParamsDefaults, ValuesKeepDeclarationOrderWithCanonicalBooleans) {
  const ParamSet params(declarations());
  const std::vector<std::pair<std::string, std::string>> expected{
      {"epochs", "200"}, {"lr", "0.001"},           {"float64", "true"}, {"likelihood", "multinomial"},
      {"note", ""},      {"lambdas", "100,200,500"}};
  EXPECT_EQ(params.values(), expected);
}

TEST(ParamsDefaults, InvalidDeclarationsAreRejectedAtConstruction) {
  std::vector<ParamSpec> specs = declarations();
  specs[0].defaultValue = "0";
  EXPECT_EQ(errorMessage([&] { ParamSet{specs}; }),
            "invalid default: parameter 'epochs' = 0 is out of range; allowed: 1 to 1000");

  specs = declarations();
  specs.push_back(specs[1]);
  EXPECT_EQ(errorMessage([&] { ParamSet{specs}; }), "parameter 'lr' is declared twice");

  specs = declarations();
  specs[0].min = 5000.0;
  EXPECT_EQ(errorMessage([&] { ParamSet{specs}; }),
            "parameter 'epochs' declares a minimum 5000 above its maximum 1000");

  specs = declarations();
  specs[3].choices.clear();
  EXPECT_THROW(ParamSet{specs}, Error);
}

TEST(ParamsAssign, ParsesNameEqualsValue) {
  ParamSet params(declarations());
  params.assign("epochs=50");
  params.assign(" lr = 1e-3 ");
  params.assign("likelihood=gaussian");
  params.assign("lambdas= 10, 20 ,30");
  EXPECT_EQ(params.integer("epochs"), 50);
  EXPECT_DOUBLE_EQ(params.real("lr"), 0.001);
  EXPECT_EQ(params.text("likelihood"), "gaussian");
  EXPECT_EQ(params.reals("lambdas"), (std::vector<double>{10.0, 20.0, 30.0}));
  EXPECT_EQ(errorMessage([&] { params.assign("epochs"); }), "expected name=value, got 'epochs'");
}

TEST(ParamsAssign, UnknownNameListsTheKnownOnes) {
  ParamSet params(declarations());
  EXPECT_EQ(errorMessage([&] { params.set("epoch", "5"); }),
            "unknown parameter 'epoch'; known parameters: epochs, lr, float64, likelihood, note, lambdas");
}

TEST(ParamsAssign, OutOfRangeStatesTheRange) {
  ParamSet params(declarations());
  EXPECT_EQ(errorMessage([&] { params.set("epochs", "1001"); }),
            "parameter 'epochs' = 1001 is out of range; allowed: 1 to 1000");
  EXPECT_EQ(errorMessage([&] { params.set("lr", "-0.5"); }),
            "parameter 'lr' = -0.5 is out of range; allowed: at least 0");
  EXPECT_EQ(errorMessage([&] { params.set("lambdas", "10,-5"); }),
            "parameter 'lambdas' = -5 is out of range; allowed: at least 0");
}

TEST(ParamsAssign, FailedAssignmentKeepsThePreviousValue) {
  ParamSet params(declarations());
  EXPECT_THROW(params.set("epochs", "0"), Error);
  EXPECT_EQ(params.integer("epochs"), 200);
}

TEST(ParamsAssign, NumbersMustBeWholeAndFinite) {
  ParamSet params(declarations());
  EXPECT_EQ(errorMessage([&] { params.set("epochs", "3.5"); }),
            "parameter 'epochs': '3.5' is not valid; expected a whole number");
  for (const std::string bad : {"", "abc", "0.1x", "nan", "inf", "1,5"}) {
    EXPECT_EQ(errorMessage([&] { params.set("lr", bad); }),
              "parameter 'lr': '" + bad + "' is not valid; expected a number");
  }
}

TEST(ParamsAssign, BooleansAcceptCommonSpellings) {
  ParamSet params(declarations());
  for (const std::string yes : {"true", "1", "yes", "on", "TRUE", "On"}) {
    params.set("float64", yes);
    EXPECT_TRUE(params.flag("float64")) << yes;
    EXPECT_EQ(params.text("float64"), "true");
  }
  for (const std::string no : {"false", "0", "no", "off", "No"}) {
    params.set("float64", no);
    EXPECT_FALSE(params.flag("float64")) << no;
  }
  EXPECT_EQ(errorMessage([&] { params.set("float64", "maybe"); }),
            "parameter 'float64': 'maybe' is not valid; expected true/false, 1/0, yes/no or on/off");
}

TEST(ParamsAssign, ChoiceListsTheChoices) {
  ParamSet params(declarations());
  EXPECT_EQ(errorMessage([&] { params.set("likelihood", "poisson"); }),
            "parameter 'likelihood': 'poisson' is not valid; choose one of multinomial, gaussian, logistic");
}

TEST(ParamsAssign, FloatListsNeedCommaSeparatedNumbers) {
  ParamSet params(declarations());
  for (const std::string bad : {"10,,20", "10,", "10, ", ",10", "10;20", "10,abc"}) {
    EXPECT_EQ(errorMessage([&] { params.set("lambdas", bad); }),
              "parameter 'lambdas': '" + bad +
                  "' is not valid; expected comma-separated numbers such as 100,200,500");
  }
  params.set("lambdas", "0.5");
  EXPECT_EQ(params.reals("lambdas"), (std::vector<double>{0.5}));
}

TEST(ParamsAssign, BlankFloatListIsEmpty) {
  ParamSet params(declarations());
  for (const std::string blank : {"", "  "}) {
    params.set("lambdas", blank);
    EXPECT_TRUE(params.reals("lambdas").empty()) << "'" << blank << "'";
  }
}

TEST(ParamsAccess, TypedGettersRefuseOtherTypes) {
  const ParamSet params(declarations());
  EXPECT_EQ(errorMessage([&] { params.integer("lr"); }), "parameter 'lr' has type float, not int");
  EXPECT_EQ(errorMessage([&] { params.flag("epochs"); }), "parameter 'epochs' has type int, not bool");
  EXPECT_THROW(params.real("note"), Error);
  EXPECT_THROW(params.reals("lr"), Error);
  EXPECT_THROW(params.text("missing"), Error);
}

// A recorded run is the same experiment when it differs only in how it was computed
// (threads here), whatever order it lists its parameters in.
TEST(ParamsAccess, SameExperimentIgnoresOnlyComputeOnlyParameters) {
  std::vector<ParamSpec> specs = declarations();
  specs.push_back(computeOnly(integerParam("threads", "0", "compute threads", 0)));
  ParamSet params(specs);
  params.set("threads", "4");
  auto recorded = params.values();
  std::reverse(recorded.begin(), recorded.end());
  EXPECT_TRUE(params.sameExperiment(recorded));
  for (auto& [name, value] : recorded) {
    if (name == "threads") value = "1";
  }
  EXPECT_TRUE(params.sameExperiment(recorded));
  for (auto& [name, value] : recorded) {
    if (name == "lr") value = "0.002";
  }
  EXPECT_FALSE(params.sameExperiment(recorded));
  recorded = params.values();
  recorded.pop_back();  // a run without the threads record is still the same experiment
  EXPECT_TRUE(params.sameExperiment(recorded));
  recorded.pop_back();  // but not one without its "lambdas"
  EXPECT_FALSE(params.sameExperiment(recorded));
}

TEST(ParamsAccess, TypeNames) {
  EXPECT_EQ(typeName(Type::Int), "int");
  EXPECT_EQ(typeName(Type::Float), "float");
  EXPECT_EQ(typeName(Type::Bool), "bool");
  EXPECT_EQ(typeName(Type::Choice), "choice");
  EXPECT_EQ(typeName(Type::Text), "text");
  EXPECT_EQ(typeName(Type::FloatList), "float list");
}

}  // namespace
}  // namespace vaecf
