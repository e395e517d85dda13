#include <ATen/ATen.h>

#include <charconv>
#include <string>
#include <thread>
#include <utility>

#include "train/DataParallel.h"
#include "train/RankCollectives.h"

#ifdef USE_C10D_GLOO
#include <torch/csrc/distributed/c10d/FileStore.hpp>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#endif

namespace vaecf {

namespace {

// A pause or a long validation on rank 0 keeps the others waiting at the next batch.
constexpr std::chrono::hours kPatientWait{24};

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

#ifdef USE_C10D_GLOO

std::string describe(const RankAddress& address) {
  return "rank " + std::to_string(address.rank) + " of " + std::to_string(address.worldSize);
}

c10::intrusive_ptr<c10d::Store> rendezvousStore(const RankAddress& address) {
  c10::intrusive_ptr<c10d::Store> store;
  if (!address.rendezvousFile.empty()) {
    store = c10::make_intrusive<c10d::FileStore>(address.rendezvousFile.string(), address.worldSize);
  } else {
    c10d::TCPStoreOptions options;
    options.port = address.port;
    options.isServer = address.rank == 0;
    options.numWorkers = static_cast<std::size_t>(address.worldSize);
    options.timeout = address.joinTimeout;
    store = c10::make_intrusive<c10d::TCPStore>(address.host, options);
  }
  store->setTimeout(address.joinTimeout);
  return store;
}

// Gloo over TCP: the loopback device for ranks on one machine, else the interface this
// host's name resolves to.
std::shared_ptr<gloo::transport::Device> transportDevice(const RankAddress& address) {
  if (!address.rendezvousFile.empty()) return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
  return c10d::ProcessGroupGloo::createDefaultDevice();
}

// Every rank counts itself in and waits until all have: a rank that never comes is
// noticed here, between polls, rather than deep inside Gloo's own rendezvous.
void awaitAllRanks(c10d::Store& store, const RankAddress& address, const std::function<void()>& whileWaiting) {
  const std::string key = "vaecf/joined";
  store.add(key, 1);
  const auto deadline = std::chrono::steady_clock::now() + address.joinTimeout;
  for (std::int64_t joined = 0; (joined = store.add(key, 0)) < address.worldSize;) {
    if (std::chrono::steady_clock::now() > deadline)
      throw Error(std::to_string(joined) + " of " + std::to_string(address.worldSize) + " ranks joined within " +
                  std::to_string(address.joinTimeout.count()) + " s");
    if (whileWaiting) whileWaiting();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

class GlooCollectives final : public RankGroup::Collectives {
 public:
  GlooCollectives(const RankAddress& address, const std::function<void()>& whileWaiting) : address_(address) {
    auto store = rendezvousStore(address);
    awaitAllRanks(*store, address, whileWaiting);
    auto options = c10d::ProcessGroupGloo::Options::create(address.timeout);
    options->devices.push_back(transportDevice(address));
    options->threads = 1;
    group_ = c10::make_intrusive<c10d::ProcessGroupGloo>(store, address.rank, address.worldSize, options);
  }

  int rank() const override { return address_.rank; }
  int worldSize() const override { return address_.worldSize; }

  void sum(std::vector<at::Tensor>& tensors) override {
    if (tensors.empty()) return;
    run("a gradient exchange", [&] { return group_->allreduce(tensors); });
  }

  void broadcast(at::Tensor& tensor, bool patient) override {
    std::vector<at::Tensor> tensors{tensor};
    c10d::BroadcastOptions options;
    if (patient) options.timeout = kPatientWait;
    run("waiting for rank 0", [&] { return group_->broadcast(tensors, options); });
  }

 private:
  template <class Start>
  void run(const char* what, const Start& start) {
    try {
      start()->wait();
    } catch (const std::exception& e) {
      throw RankLost(describe(address_) + ": " + what + " failed (" + firstLine(e.what()) +
                     "): another rank stopped or the connection broke");
    }
  }

  RankAddress address_;
  c10::intrusive_ptr<c10d::ProcessGroupGloo> group_;
};

#endif

}  // namespace

void parseMaster(const std::string& text, RankAddress& address) {
  const auto colon = text.rfind(':');
  int port = 0;
  const char* end = text.data() + text.size();
  const bool valid = colon != std::string::npos && colon > 0 &&
                     std::from_chars(text.data() + colon + 1, end, port).ptr == end && port > 0 && port < 65536;
  if (!valid) throw Error("--master '" + text + "' is not HOST:PORT with a port in 1..65535");
  address.host = text.substr(0, colon);
  address.port = static_cast<std::uint16_t>(port);
}

RankGroup::RankGroup(std::unique_ptr<Collectives> collectives) : collectives_(std::move(collectives)) {}

RankGroup::~RankGroup() = default;

int RankGroup::rank() const { return collectives_->rank(); }
int RankGroup::worldSize() const { return collectives_->worldSize(); }

std::shared_ptr<RankGroup> RankGroup::join(const RankAddress& address, const std::function<void()>& whileWaiting) {
  if (address.worldSize < 1 || address.rank < 0 || address.rank >= address.worldSize)
    throw Error("rank " + std::to_string(address.rank) + " is not in a world of " +
                std::to_string(address.worldSize) + " ranks");
#ifdef USE_C10D_GLOO
  try {
    return std::shared_ptr<RankGroup>(new RankGroup(std::make_unique<GlooCollectives>(address, whileWaiting)));
  } catch (const std::exception& e) {
    throw Error(describe(address) + " could not join the others: " + firstLine(e.what()));
  }
#else
  throw Error("this build has no torch.distributed with Gloo: install libgloo-dev and rebuild (docs/data-parallel.md)");
#endif
}

}  // namespace vaecf
