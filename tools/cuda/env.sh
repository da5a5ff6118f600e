# Sourced by the tools/cuda scripts on the GPU machine: unpacks the bundle of prepare.sh once, finds cuBLAS in the
# Python wheels of PyTorch (`import nvidia`), and sets `java` (an array: the jlink'd runtime with the bundle's class
# path). On failure it returns 1 with the reason in SOV_CUDA_ENV_ERROR.
b=.dev/cuda/run
if [[ ! -x $b/jre/bin/java ]]; then
  if ! { mkdir -p "$b" && xz -dc .dev/cuda/bundle.tar.xz | tar -C "$b" -xf -; }; then
    SOV_CUDA_ENV_ERROR="cannot unpack .dev/cuda/bundle.tar.xz: run tools/cuda/prepare.sh on a development machine and carry .dev/cuda"
    return 1
  fi
fi
py=$(command -v python3 || true)
nvidia_dir=$([[ -n $py ]] && "$py" -c 'import nvidia; print(list(nvidia.__path__)[0])' 2>/dev/null || true)
if [[ -n $nvidia_dir ]]; then
  libdirs=$(find "$nvidia_dir" -name 'libcublas.so*' -printf '%h\n' 2>/dev/null | sort -u | paste -sd: -)
  [[ -n $libdirs ]] && export SOV_CUDA_LIBRARY_PATH=${libdirs}${SOV_CUDA_LIBRARY_PATH:+:$SOV_CUDA_LIBRARY_PATH}
fi
export SOV_REQUIRE_GPU=1
java=("$b/jre/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
      --sun-misc-unsafe-memory-access=allow -Xmx48g -Dsov.root="$PWD" -Dsov.home="$PWD"
      -cp "$b/lib/*:$b/test-lib/*:$(tools/cuda/resource-path.sh)")
