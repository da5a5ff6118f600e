#!/usr/bin/env bash
# Compiles every <src>/*.cu into <out>/<stem>.fatbin with nvcc (machine code for sm_80, sm_89 and sm_90 plus
# compute_90 PTX that the driver JIT-compiles for newer GPUs) and writes <out>/kernels.properties, which tells the
# runtime whether nvcc was there and which modules exist. Called by sov-engine's build (generate-resources).
# A fatbin newer than its .cu and every header beside it is kept. No nvcc: no fatbins, nvcc= empty, exit 0.
# A compile error exits non-zero, which fails the build.
set -euo pipefail

src=${1:?usage: build-kernels.sh <cuda source dir> <output dir>}
out=${2:?usage: build-kernels.sh <cuda source dir> <output dir>}
mkdir -p "$out"

nvcc=$(command -v nvcc || true)
if [[ -z $nvcc && -n ${CUDA_HOME:-} && -x $CUDA_HOME/bin/nvcc ]]; then
  nvcc=$CUDA_HOME/bin/nvcc
fi

shopt -s nullglob
sources=("$src"/*.cu)
headers=("$src"/*.cuh "$src"/*.h)

if [[ -z $nvcc ]]; then
  rm -f "$out"/*.fatbin
  printf 'nvcc=\nmodules=\n' > "$out/kernels.properties"
  # exec-maven-plugin passes this line straight to the console, so it shows under mvn -q as well
  echo "[WARNING] nvcc not found on PATH or in \$CUDA_HOME/bin: this build has no CUDA kernels (the cuda device will refuse to start)"
  exit 0
fi

# Deterministic bits matter more than speed here (results are compared with the CPU engine): no --use_fast_math.
flags=(-fatbin -O3 -std=c++17 --threads 0
  -gencode arch=compute_80,code=sm_80
  -gencode arch=compute_89,code=sm_89
  -gencode 'arch=compute_90,code=[sm_90,compute_90]')

modules=()
for cu in "${sources[@]}"; do
  stem=$(basename "$cu" .cu)
  modules+=("$stem")
  fatbin=$out/$stem.fatbin
  stale=0
  [[ -f $fatbin && $fatbin -nt $cu ]] || stale=1
  for h in "${headers[@]}"; do
    [[ $h -nt $fatbin ]] && stale=1
  done
  if (( stale )); then
    echo "nvcc: $stem.cu -> $stem.fatbin"
    if ! "$nvcc" "${flags[@]}" -I "$src" -o "$fatbin.tmp" "$cu"; then
      rm -f "$fatbin.tmp"
      echo "nvcc failed on $cu" >&2
      exit 1
    fi
    mv "$fatbin.tmp" "$fatbin"
  fi
done

# fatbins of deleted sources must not linger in target/classes
for fatbin in "$out"/*.fatbin; do
  [[ -f $src/$(basename "$fatbin" .fatbin).cu ]] || rm -f "$fatbin"
done

version=$("$nvcc" --version | sed -n 's/.*release \([0-9.]*\).*/\1/p' | head -1)
note=$(printf 'nvcc=%s\nmodules=%s\n' "${version:-unknown}" "$(IFS=,; echo "${modules[*]}")")
# rewritten only when it changes, so an unchanged build leaves target/classes untouched
if [[ ! -f $out/kernels.properties || $(cat "$out/kernels.properties") != "$note" ]]; then
  echo "$note" > "$out/kernels.properties"
fi
