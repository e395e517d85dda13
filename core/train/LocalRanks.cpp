#include "train/LocalRanks.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "common/ChildProcess.h"
#include "common/Error.h"

namespace fs = std::filesystem;

namespace vaecf {

LocalRanks::LocalRanks(int workers, const RankAddress& timeouts, Errors errors)
    : workers_(workers), address_(timeouts), errors_(errors) {
  std::string pattern = (fs::temp_directory_path() / "vaecf-ranks-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    throw Error("cannot create a rendezvous folder in " + fs::temp_directory_path().string() + ": " +
                std::strerror(errno));
  folder_ = pattern;
  address_.rank = 0;
  address_.worldSize = workers;
  address_.rendezvousFile = folder_ / "rendezvous";
}

void LocalRanks::start(const fs::path& program, const std::vector<std::string>& arguments, int threadsPerRank) {
  for (int rank = 1; rank < workers_; ++rank) {
    std::vector<std::string> argv{program.string(), "--threads", std::to_string(threadsPerRank)};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    for (const std::string& argument : {std::string("--rank"), std::to_string(rank), std::string("--world-size"),
                                        std::to_string(workers_), std::string("--rendezvous"),
                                        address_.rendezvousFile.string()})
      argv.push_back(argument);
    const fs::path errors = errors_ == Errors::Logged ? errorLog(rank) : fs::path();
    try {
      children_.push_back(std::make_unique<ChildProcess>(argv, ChildOutput{"/dev/null", errors}));
    } catch (const Error& error) {
      throw Error("rank " + std::to_string(rank) + ": " + error.what());
    }
  }
}

LocalRanks::~LocalRanks() {
  // Ranks that joined follow rank 0 and end by themselves; ranks waiting to join a rank 0
  // that gave up would wait out their join timeout.
  const auto grace = joined_ ? std::chrono::milliseconds(2000) : std::chrono::milliseconds(0);
  for (auto& child : children_) child->stop(grace);
  std::error_code ignored;
  fs::remove_all(folder_, ignored);
}

std::shared_ptr<RankGroup> LocalRanks::join(const std::function<void()>& whileWaiting) {
  auto group = RankGroup::join(address_, [&] {
    const std::string exited = earlyExit();
    if (!exited.empty()) throw Error(exited);
    if (whileWaiting) whileWaiting();
  });
  joined_ = true;
  return group;
}

fs::path LocalRanks::errorLog(int rank) const { return folder_ / ("rank-" + std::to_string(rank) + ".log"); }

std::string LocalRanks::earlyExit() {
  for (std::size_t i = 0; i < children_.size(); ++i) {
    if (!children_[i]->finished()) continue;
    const int rank = static_cast<int>(i) + 1;
    const std::string said = errors_ == Errors::Logged ? errorReportedIn(errorLog(rank)) : "its error is above";
    return "rank " + std::to_string(rank) + " " + children_[i]->howItEnded() + " before joining" +
           (said.empty() ? "" : " (" + said + ")");
  }
  return {};
}

}  // namespace vaecf
