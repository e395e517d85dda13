#!/usr/bin/env bash
# CI: builds the libFuzzer targets of every parser a user can hand files to (tests/fuzz,
# clang, ASan + UBSan, no LibTorch) in build-fuzz and runs each for a bounded time from
# its seed corpus (tests/fuzz/corpus/TARGET, cut from the real data's first lines). Fails
# when a target crashes, leaks, times out or asks for more memory than the limit; the
# input is kept under build-fuzz/crashes/TARGET/. Fix the parser, then keep the input as a
# regression test: tests/data/fuzz-regressions/TARGET/NAME plus NAME.expected (the
# message it must now be refused with; FuzzRegressionTest replays them).
#   .ci/fuzz.sh [seconds per target, default 30] [target ...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
build=${VAECF_FUZZ_BUILD_DIR:-build-fuzz}

if ! command -v clang++ > /dev/null; then
  echo "fuzz.sh: clang++ is missing (apt-get install clang; libFuzzer comes with libclang-rt-14-dev)" >&2
  exit 1
fi
start=$SECONDS
cmake -S tests/fuzz -B "$build" -G Ninja -DCMAKE_BUILD_TYPE= -DCMAKE_CXX_COMPILER=clang++
cmake --build "$build"
echo "fuzz.sh: configure and build took $((SECONDS - start)) s"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(split ml-100k ml-1m ml-latest netflix citeulike delimited run-config events metrics checksummed
           plugin-manifest session lesson)
fi
declare -A dictionary=([split]=split.dict [run-config]=json.dict [events]=json.dict [metrics]=json.dict [checksummed]=checksummed.dict
                   [plugin-manifest]=json.dict [session]=json.dict)

failed=()
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  crashes="$build/crashes/$target"
  mkdir -p "$corpus" "$crashes"
  cp -n tests/fuzz/corpus/"$target"/* "$corpus"/ 2> /dev/null || true
  dict="tests/fuzz/${dictionary[$target]:-dataset.dict}"
  echo "== fuzz_$target: ${seconds}s, corpus $(ls "$corpus" | wc -l) inputs"
  # A few-KB input must never need more than 256 MB (issue 13: ids sized allocations).
  if ! "$build/fuzz_$target" "$corpus" -dict="$dict" -max_total_time="$seconds" -max_len=8192 \
      -malloc_limit_mb=256 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
      -artifact_prefix="$crashes/" > "$build/fuzz_$target.log" 2>&1; then
    failed+=("$target")
    echo "fuzz.sh: fuzz_$target failed:" >&2
    grep -E -A30 "^==[0-9]+==ERROR|runtime error|deadly signal|out-of-memory|malloc\(|Timeout|terminate called" \
      "$build/fuzz_$target.log" | head -60 >&2 || tail -40 "$build/fuzz_$target.log" >&2
    ls "$crashes" >&2
  else
    grep -E "^Done|stat::number_of_executed_units|stat::new_units_added" "$build/fuzz_$target.log" || true
  fi
done

if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz.sh: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz.sh: ${#targets[@]} targets ran ${seconds}s each without a crash"
