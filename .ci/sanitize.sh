#!/usr/bin/env bash
# CI: AddressSanitizer + UndefinedBehaviorSanitizer build of the core, the CLI and the
# core tests (GUI off) in build-asan, then the core test binary in one process per core
# (gtest shards: under ASan, LibTorch's start-up costs ~5 s a process, so one process per
# test as ctest runs them took ~30 min). Every sanitizer report
# of any process (the test binary and the vaecf processes the CLI tests start) is written
# under build-asan/sanitizer-reports/ (ASan, LSan) or found in the tests' output (UBSan,
# which halts the process with exit code 86); the job fails when a test fails or any
# report exists.
#   .ci/sanitize.sh [gtest arguments, e.g. --gtest_filter=Canonical*]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${VAECF_SANITIZE_BUILD_DIR:-build-asan}
jobs=${VAECF_SANITIZE_JOBS:-$(nproc)}

start=$SECONDS
cmake -S . -B "$build" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
  -DVAECF_SANITIZE=ON -DVAECF_BUILD_GUI=OFF -DVAECF_BUILD_TESTS=ON
cmake --build "$build" --target vaecf vaecf_tests
echo "sanitize.sh: configure and build took $((SECONDS - start)) s"

reports="$PWD/$build/sanitizer-reports"
rm -rf "$reports"
mkdir -p "$reports"
# exitcode 86: a report never passes for the exit status 1 a test may expect of vaecf.
export ASAN_OPTIONS="log_path=$reports/asan:exitcode=86:abort_on_error=0:detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1:suppressions=$PWD/.ci/asan.supp"
export UBSAN_OPTIONS="log_path=$reports/ubsan:exitcode=86:print_stacktrace=1:halt_on_error=1:suppressions=$PWD/.ci/ubsan.supp"
export LSAN_OPTIONS="suppressions=$PWD/.ci/lsan.supp:print_suppressions=0"

status=0
start=$SECONDS
# ExternalPlugins needs the plugins.build fixture (the SDK installed and built against).
# CrashSafety trains and kills whole processes: minutes under the sanitizers and nothing
# they would see that the normal build's run of it does not.
filter="--gtest_filter=-ExternalPlugins.*:CrashSafety.*"
for arg in "$@"; do [[ $arg == --gtest_filter=* ]] && filter=$arg; done
pids=()
for ((shard = 0; shard < jobs; ++shard)); do
  GTEST_TOTAL_SHARDS=$jobs GTEST_SHARD_INDEX=$shard "$build/bin/vaecf_tests" "$filter" "$@" \
    > "$build/sanitize-shard-$shard.log" 2>&1 &
  pids+=($!)
done
for ((shard = 0; shard < jobs; ++shard)); do
  if ! wait "${pids[$shard]}"; then
    status=1
    echo "sanitize.sh: shard $shard failed:" >&2
    grep -E "^\[  FAILED  \]|Failure$" -A6 "$build/sanitize-shard-$shard.log" | head -80 >&2 || tail -40 "$build/sanitize-shard-$shard.log" >&2
  fi
done
echo "sanitize.sh: the tests took $((SECONDS - start)) s"

# UBSan writes its reports to stderr whatever log_path says (and halts with exit code 86):
# look for them in everything the tests printed too.
if grep -n -E "runtime error:|ERROR: (Address|Leak)Sanitizer" "$build"/sanitize-shard-*.log > "$reports/from-test-output.txt"; then
  :
else
  rm -f "$reports/from-test-output.txt"
fi
if compgen -G "$reports/*" > /dev/null; then
  echo "sanitize.sh: sanitizer reports:" >&2
  for report in "$reports"/*; do
    echo "==== $report" >&2
    head -c 20000 "$report" >&2
  done
  status=1
fi
if [ "$status" -ne 0 ]; then echo "sanitize.sh: FAILED" >&2; else echo "sanitize.sh: passed, no sanitizer report"; fi
exit "$status"
