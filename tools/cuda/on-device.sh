#!/usr/bin/env bash
# Runs THERE, on the GPU machine, in the repository root, with the bundle of tools/cuda/prepare.sh carried as
# .dev/cuda. Stages, run in this order whatever order they are named in:
#   selftest  CudaSelfTest: driver, memory, copies, kernels, cuBLAS, graphs, copy bandwidth
#   kernels   GpuKernelCheck: every decoder kernel against a float64 reference
#   tests     the @Tag("gpu") JUnit tests of sov-engine (SOV_REQUIRE_GPU=1: a missing device fails them)
#   serve     sov engine --device cuda and sov serve (spec.engine.device: cuda) answering through the gateway with curl
#   peer      tools/cuda/hf_peer.py: HF transformers on the benchmark's shapes (JSON, read by bench)
#   bench     GpuDecodeBenchmark: tok/s at batch 1/8/64, roofline, TTFT; ratios over the peer's JSON
#   all       every stage
# Usage: bash tools/cuda/on-device.sh all | STAGE...     e.g. bash tools/cuda/on-device.sh peer bench
# Each stage runs under `timeout` with its own limit, cut further so that the whole run ends within
# SOV_DEVICE_BUDGET_S (default 570) seconds; a stage without time left is skipped and says so. Output goes to
# $OUT/report.txt (summary, machine, every stage's verdict and tail) and one file per stage (at most 7 more); the
# summary is printed at the end.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
started=$(date +%s)
budget=${SOV_DEVICE_BUDGET_S:-570}
out=${OUT:-/tmp/sov-cuda-out}
mkdir -p "$out"
report=$out/report.txt
: > "$report"

order=(selftest kernels tests serve peer bench)
declare -A limit=([selftest]=60 [kernels]=90 [tests]=240 [serve]=150 [peer]=270 [bench]=300)
declare -A wanted=()
[[ $# -eq 0 ]] && set -- all
for arg in "$@"; do
  if [[ $arg == all ]]; then
    for s in "${order[@]}"; do wanted[$s]=1; done
  elif [[ -n ${limit[$arg]:-} ]]; then
    wanted[$arg]=1
  else
    echo "on-device: unknown stage '$arg' (stages: ${order[*]} all)" >&2
    exit 2
  fi
done

note() { echo "$*" | tee -a "$report"; }

# --- the bundle, the libraries, the JVM (shared with serve-demo.sh) ---------------------------------------------
source tools/cuda/env.sh || { note "FATAL: $SOV_CUDA_ENV_ERROR"; exit 1; }

{
  echo "== machine ($(date -u +%FT%TZ)), bundle of commit $(cat "$b/commit.txt" 2>/dev/null || echo '?')"
  [[ -s $b/dirty.txt ]] && echo "   (built with uncommitted changes: $(paste -sd' ' "$b/dirty.txt"))"
  nvidia-smi --query-gpu=name,memory.total,memory.used,driver_version,clocks.max.memory --format=csv,noheader 2>&1
  echo "python: ${py:-none}; nvidia wheels: ${nvidia_dir:-none}"
  echo "SOV_CUDA_LIBRARY_PATH=${SOV_CUDA_LIBRARY_PATH:-}"
  "${java[0]}" -version 2>&1 | head -1
  nproc; free -g | head -2
} >> "$report" 2>&1

# --- stages -----------------------------------------------------------------------------------------------------
declare -A verdict=()

# run_stage NAME FILE COMMAND...: runs under its limit (cut to what the budget leaves), records rc and time
run_stage() {
  local name=$1 file=$2; shift 2
  local left=$((budget - ($(date +%s) - started) - 10))
  local cap=${limit[$name]}
  (( left < cap )) && cap=$left
  if (( cap < 20 )); then
    verdict[$name]="SKIPPED (no time left of the ${budget}s budget; run: bash tools/cuda/on-device.sh $name)"
    return
  fi
  local t0=$(date +%s)
  timeout --kill-after=10 "$cap" "$@" > "$file" 2>&1
  local rc=$?
  local took=$(( $(date +%s) - t0 ))
  case $rc in
    0) verdict[$name]="OK in ${took}s" ;;
    124|137) verdict[$name]="TIMEOUT after ${took}s (limit ${cap}s)" ;;
    *) verdict[$name]="FAILED rc=$rc in ${took}s" ;;
  esac
}

[[ -n ${wanted[selftest]:-} ]] && run_stage selftest "$out/selftest.txt" "${java[@]}" dev.sovereign.engine.cuda.CudaSelfTest
[[ -n ${wanted[kernels]:-} ]] && run_stage kernels "$out/kernels.txt" "${java[@]}" dev.sovereign.engine.gpu.GpuKernelCheck
[[ -n ${wanted[tests]:-} ]] && run_stage tests "$out/tests.txt" "${java[@]}" org.junit.platform.console.ConsoleLauncher \
    execute --select-package dev.sovereign.engine.cuda \
    --select-package dev.sovereign.engine.gpu --select-class dev.sovereign.engine.runner.GpuServingEngineTest \
    --include-tag gpu --disable-banner --disable-ansi-colors --details=tree --details-theme=ascii
[[ -n ${wanted[serve]:-} ]] && run_stage serve "$out/serve.txt" bash tools/cuda/serve-demo.sh
[[ -n ${wanted[peer]:-} ]] && run_stage peer "$out/peer.txt" "${py:-python3}" tools/cuda/hf_peer.py --out "$out/peer.json"
[[ -n ${wanted[bench]:-} ]] && run_stage bench "$out/bench.txt" "${java[@]}" dev.sovereign.engine.bench.gpu.GpuDecodeBenchmark \
    /tmp/sov-gpu-bench --peer "$out/peer.json"

# --- summary ----------------------------------------------------------------------------------------------------
{
  echo
  for s in "${order[@]}"; do
    [[ -z ${wanted[$s]:-} ]] && continue
    echo "== $s: ${verdict[$s]:-not run}"
    f=$out/$s.txt
    [[ -f $f ]] || continue
    case $s in
      selftest|kernels) grep -E 'FAIL|PASS|passed|failed' "$f" | cut -c1-240 | head -60 ;;
      tests) grep -E '\[X\]|\[S\]|tests (successful|failed|aborted|skipped|found)' "$f" | cut -c1-240 | head -50 ;;
      serve) grep -E '^(\$|\{|sov_engine|vllm:|MODEL|sov-tiny)|device|[Ee]rror|Exception' "$f" | cut -c1-400 | head -40 ;;
      peer) tail -25 "$f" | cut -c1-240 ;;
      bench) grep -E '^\||TTFT|roofline|reads|peer:|SKIP|Exception|bandwidth|engine up' "$f" | cut -c1-300 | head -40
             tail -2 "$f" | cut -c1-300 ;;
    esac
  done
  echo "== total $(( $(date +%s) - started ))s of the ${budget}s budget; files in \$OUT: $(ls "$out" | paste -sd' ' -)"
} >> "$report"
cat "$report"
