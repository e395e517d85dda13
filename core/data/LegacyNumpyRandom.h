#pragma once

#include <cstdint>
#include <random>
#include <vector>

namespace vaecf {

// The draws of NumPy's legacy global generator (np.random.seed / permutation / choice
// without replacement), which the reference preprocessing uses. An integer seed is the
// standard MT19937 initialisation, so std::mt19937 produces the same 32-bit stream.
class LegacyNumpyRandom {
 public:
  explicit LegacyNumpyRandom(std::uint32_t seed) : engine_(seed) {}

  // Uniform integer in [0, max]: masked 32-bit draws with rejection (random_interval).
  std::uint32_t interval(std::uint32_t max);
  // np.random.permutation(n): Fisher-Yates from the last position down to 1.
  std::vector<std::uint32_t> permutation(std::uint32_t n);
  // np.random.choice(n, k, replace=False): the first k entries of a permutation of n.
  std::vector<std::uint32_t> choiceWithoutReplacement(std::uint32_t n, std::uint32_t k);

 private:
  std::mt19937 engine_;
};

}  // namespace vaecf
