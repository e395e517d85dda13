#include "data/LegacyNumpyRandom.h"

#include <numeric>
#include <utility>

namespace vaecf {

std::uint32_t LegacyNumpyRandom::interval(std::uint32_t max) {
  if (max == 0) return 0;
  std::uint32_t mask = max;
  mask |= mask >> 1;
  mask |= mask >> 2;
  mask |= mask >> 4;
  mask |= mask >> 8;
  mask |= mask >> 16;
  std::uint32_t value;
  do {
    value = static_cast<std::uint32_t>(engine_()) & mask;
  } while (value > max);
  return value;
}

std::vector<std::uint32_t> LegacyNumpyRandom::permutation(std::uint32_t n) {
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0U);
  for (std::uint32_t i = n > 0 ? n - 1 : 0; i >= 1; --i) std::swap(order[i], order[interval(i)]);
  return order;
}

std::vector<std::uint32_t> LegacyNumpyRandom::choiceWithoutReplacement(std::uint32_t n, std::uint32_t k) {
  std::vector<std::uint32_t> order = permutation(n);
  order.resize(k);
  return order;
}

}  // namespace vaecf
