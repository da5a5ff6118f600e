#!/usr/bin/env bash
# On the device machine: the engine benchmarks on its CPU with the bundle of bundle.sh. Writes to $OUT.
#   bash tools/device-cpu/run.sh THREADS concurrency 1,4,16     (ConcurrencyBenchmark, ours only; peers: sov bench serving)
#   bash tools/device-cpu/run.sh THREADS serving prefix,autocomplete  (ServingBenchmark, llama.cpp peer)
# The 0.5B-shaped Q8_0 model is generated on first use into target/device-cpu (kept while the machine stays warm).
# THREADS "cores" means one per physical core.
set -euo pipefail
threads=$1 what=$2 arg=$3
if [ "$threads" = cores ]; then
  threads=$(lscpu -p=core,socket | grep -v '^#' | sort -u | wc -l)
fi
b=target/device-cpu
[ -d "$b/jre" ] || tar -C target -xJf target/device-cpu.tar.xz
out=${OUT:-/tmp}
java=("$b/jre/bin/java" --add-modules jdk.incubator.vector -XX:+UseParallelGC -cp "$b/test-classes:$b/classes:$b/lib/*")
{ lscpu | grep -E 'Model name|^CPU\(s\)|Thread|Core|Socket|Flags' | sed 's/Flags:.*\(avx512f\).*/Flags: ... avx512f .../'
  "${java[@]}" -XshowSettings:properties -version 2>&1 | grep -E 'java.version|os.arch'
  "${java[@]}" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -E ' UseAVX | MaxVectorSize '; } > "$out/machine.txt"
model=$b/q8.gguf
[ -f "$model" ] || "${java[@]}" dev.sovereign.engine.testmodel.WriteBenchModel "$model" Q8_0 > "$out/model.txt" 2>&1
case $what in
  concurrency) main=dev.sovereign.engine.runner.ConcurrencyBenchmark ;;
  serving) main=dev.sovereign.engine.runner.ServingBenchmark ;;
  *) echo "unknown benchmark $what" >&2; exit 2 ;;
esac
# The benchmarks leave llama.cpp's native threads behind: stop the JVM once its table is printed.
"${java[@]}" "$main" "$model" "$threads" "$arg" > "$out/$what.txt" 2>&1 &
pid=$!
while kill -0 $pid 2>/dev/null; do
  sleep 2
  if grep -qE "^(autocomplete replay, llama|\\| ${arg##*,} \\|)" "$out/$what.txt" 2>/dev/null; then break; fi
done
kill $pid 2>/dev/null || true
cat "$out/machine.txt" "$out/$what.txt"
