#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json_fwd.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "DataOptions.h"
#include "RankOptions.h"
#include "ScaleBench.h"
#include "plugin/ModelFamily.h"

namespace vaecf::cli {

// Declares every subcommand on `app` and runs the one the user chose.
class Commands {
 public:
  Commands(CLI::App& app, int argc, char** argv);
  void run();

 private:
  void declareDataStats(CLI::App& app);
  void declareSplit(CLI::App& app);
  void declareTrain(CLI::App& app, const std::string& modelForHelp);
  void declareResume(CLI::App& app);
  void declareEval(CLI::App& app);
  void declareRecommend(CLI::App& app);
  void declareBench(CLI::App& app);

  void dataStats();
  void split();
  void train();
  void resume();
  void eval();
  void recommend();
  void bench();
  nlohmann::json benchTrainingEpochs(const Split& split, const ProtocolOptions& protocol,
                                     const InteractionLog& log) const;
  nlohmann::json benchClosedFormFits(const Split& split) const;
  ParamSet benchParams(const ModelFamily& model) const;
  // The ranks this process trains with (null: alone), local ones started in `local`.
  std::shared_ptr<RankGroup> joinRanks(const std::unique_ptr<LocalRanks>& local);
  void useComputeThreads(ParamSet& params) const;
  void printBench(const nlohmann::json& result) const;

  std::vector<std::pair<CLI::App*, std::function<void()>>> actions_;
  DataOptions data_;
  RankOptions ranks_;
  int argc_ = 0;
  char** argv_ = nullptr;
  bool json_ = false;
  int threads_ = 0;
  std::string model_, likeDir_, outDir_, runDir_, userId_, usersFile_, cohortEdges_ = "5,11,51,101", cohortAxis_ = "total";
  std::vector<std::string> assignments_;
  std::size_t count_ = 10;
  std::vector<std::string> benchModels_;  // default: every model that trains on the loaded split
  std::vector<std::string> benchPrecisions_;
  int benchEpochs_ = 1;
  ScaleBenchOptions scaleBench_;
};

}  // namespace vaecf::cli
