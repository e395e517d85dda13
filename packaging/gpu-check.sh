#!/usr/bin/env bash
# The GPU check (docs/gpu.md): builds the core, the CLI and the core tests against the
# machine's pip libtorch with the header-only dependencies from .vendor/
# (packaging/vendor-deps.sh), runs the gpu-labelled tests, times the models on the ML-1M
# reference protocol and on ML-20M-shaped synthetic data in fp32 and bf16, EASE's fit,
# trains Mult-VAE to the end in both precisions, profiles an epoch, and writes everything
# to OUT/gpu-check.json (packaging/gpu-report.py). Every stage has its own time limit and its own log under OUT, and
# a failed stage does not stop the next.
#
#   packaging/gpu-check.sh OUT                      on the GPU machine
#   DEVICE=cpu SCALE=small packaging/gpu-check.sh OUT  the rehearsal on a machine without one
set -uo pipefail
out=$(mkdir -p "${1:?usage: gpu-check.sh OUT}" && cd "$1" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
device=${DEVICE:-cuda}
python=${PYTHON:-python3}
build=${BUILD_DIR:-build-gpu}
jobs=$(nproc)
data=$root/.vendor/data

stage() {  # stage NAME SECONDS COMMAND...: runs COMMAND (a function too) with its output in OUT/NAME.log
  local name=$1 limit=$2
  shift 2
  local begin=$(date +%s)
  echo "== $(date +%T) $name (limit ${limit}s)"
  timeout "$limit" bash -c '"$@"' stage "$@" >"$out/$name.log" 2>&1
  local status=$?
  echo "{\"stage\": \"$name\", \"status\": $status, \"seconds\": $(($(date +%s) - begin))}" >>"$out/stages.jsonl"
  tail -n 5 "$out/$name.log"
  return $status
}

if [ "${SCALE:-full}" = small ]; then
  synthetic="--format synthetic --users 6000 --items 2000 --interactions 300000 --heldout-users 500"
  train_epochs=3
else
  synthetic="--format synthetic --preset ml-20m --heldout-users 10000"
  train_epochs=200
fi
ml1m="--format ml-1m --path $data/ml-1m --heldout-users 600"
vaecf="$root/$build/bin/vaecf"
export out root device python build jobs data synthetic train_epochs ml1m vaecf

environment() {
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || echo "no nvidia-smi"
  "$python" -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, "cudnn", torch.backends.cudnn.version(), "gpus", torch.cuda.device_count())'
  nvcc --version | tail -n 2 || echo "no nvcc"
  c++ --version | head -n 1
  cmake --version | head -n 1
  echo "cores $jobs"
}

configure() {
  local prefix
  prefix=$("$python" -c 'import torch; print(torch.utils.cmake_prefix_path)')
  local options=(-G Ninja -DCMAKE_BUILD_TYPE=Release -DVAECF_BUILD_GUI=OFF -DVAECF_VENDORED_DEPS=ON
    -DVAECF_GPU_TESTS=ON -DVAECF_GPU_TEST_DEVICE="$device" -DVAECF_TEST_DATA_DIR="$data"
    -DCMAKE_PREFIX_PATH="$prefix" -DUSE_SYSTEM_NVTX=ON)
  export TORCH_CUDA_ARCH_LIST=9.0
  cmake -S . -B "$build" "${options[@]}" && return 0
  echo "== configuring again with cmake/NvtxShim.cmake"
  rm -rf "$build"
  cmake -S . -B "$build" "${options[@]}" -DCMAKE_PROJECT_INCLUDE="$root/cmake/NvtxShim.cmake"
}

# Times Mult-VAE, Mult-DAE and RecVAE: bench NAME DATA_ARGS MORE_ARGS... writes OUT/NAME.json.
bench() {
  local name=$1 dataset=$2
  shift 2
  # shellcheck disable=SC2086  # the data arguments are words
  "$vaecf" bench $dataset --models multvae,multdae,recvae --json "$@" >"$out/$name.json"
}

# Trains Mult-VAE on the ML-1M reference split in one precision; its metrics go to OUT.
train_precision() {
  local precision=$1 run="$root/$build/runs/multvae-$1"
  rm -rf "$run"
  # shellcheck disable=SC2086
  "$vaecf" train --model multvae $ml1m --set device="$device" --set precision="$precision" \
    --set epochs="$train_epochs" --set latent_every=0 --set checkpoint_every="$train_epochs" --out "$run" \
    --json >/dev/null &&
    cp "$run/metrics.json" "$out/train-multvae-$precision.json"
}
export -f environment configure bench train_precision

# Ordered by what the report needs most; the limits keep the whole check near 8 minutes.
stage environment 30 environment
stage configure 120 configure
stage build 300 cmake --build "$build" -j "$jobs" --target vaecf vaecf_tests -- -k 0
stage gpu-tests 150 ctest --test-dir "$build" -L gpu --output-on-failure
cp "$build/gpu-tests.json" "$out/" 2>/dev/null
stage bench-ml20m 240 bench bench-ml20m "$synthetic" --set device="$device" --precisions fp32,bf16 --epochs 3
stage bench-ml1m 90 bench bench-ml1m "$ml1m" --set device="$device" --precisions fp32,bf16 --epochs 5
stage train-fp32 90 train_precision fp32
stage train-bf16 90 train_precision bf16
if [ "$device" = cuda ]; then
  stage profile 90 "$python" tests/bench/gpu_profile.py 136677 20108 73.2
  grep '^{' "$out/profile.log" >"$out/profile.json"
fi
stage bench-ml1m-cpu 90 bench bench-ml1m-cpu "$ml1m" --set device=cpu

"$python" packaging/gpu-report.py "$out"
