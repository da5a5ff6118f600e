#!/usr/bin/env bash
# Runs HERE, on a development machine: builds the project and packs what the GPU machine needs (it has no Java) into
# .dev/cuda/ (git-excluded): a jlink'd JDK 25 runtime with only the modules the code uses, the runtime jars of
# `sov engine` / `sov serve` / `sov generate`, the engine's test classes (the GPU tests, GpuDecodeBenchmark, the test
# model writers) and JUnit's console launcher for the @Tag("gpu") tests. The device run carries .dev/cuda and
# everything it sends is limited to 64 MiB, tracked files included, so the bundle is xz-compressed and its size printed.
# Then, on the device:  bash tools/cuda/on-device.sh all     (see docs/engine-cuda.md)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source tools/find-jdk.sh
out=.dev/cuda
stage=$out/stage
junit_console_version=1.13.1
junit_console=$HOME/.m2/repository/org/junit/platform/junit-platform-console-standalone/$junit_console_version/junit-platform-console-standalone-$junit_console_version.jar

# Libraries sov engine, sov generate and sov serve (router off) do not load, by Maven group: Kubernetes clients and the
# operator SDK (sov operator, sov render, discovery), the Helm SDK and its native library, the ONNX runtime and DJL
# tokenizers of the router's embedding model, the OpenAI SDK with Kotlin and OkHttp, Netty and Vert.x (the Kubernetes
# HTTP clients), Bouncy Castle, llama.cpp's binding, PostgreSQL's driver (the gateway's shared state; SQLite here),
# Rhino and the JSON Schema validator (sov eval's assertions). Class loading is lazy, so only the commands that use them need
# them; the check at the end runs `sov engine` and `sov serve` on the trimmed class path here.
leave_out='/\.m2/repository/(org/postgresql|org/mozilla|com/networknt|io/kubernetes|io/fabric8|io/javaoperatorsdk|com/marcnuri|ai/djl|com/microsoft/onnxruntime|dev/langchain4j|com/openai|org/jetbrains|com/squareup|io/netty|io/vertx|org/bouncycastle|net/bytebuddy|de/kherud|com/github/victools|io/swagger|net/java/dev/jna)/'

if [[ ${1:-} == --no-build ]]; then
  echo "prepare: packing the last build (--no-build)" >&2
else
  echo "prepare: building (package, tests compiled, not run)..." >&2
  ./mvnw -o -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/runtime-cp.txt \
      -DincludeScope=runtime
  # again with the engine's test scope (test-compile is up to date; it lets Maven resolve the sibling modules)
  ./mvnw -o -B -q -pl sov-engine -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt \
      -DincludeScope=test
fi
if [[ ! -f $junit_console ]]; then
  ./mvnw -B -q dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:$junit_console_version
fi
fatbins=$(find sov-engine/target/classes/dev/sovereign/engine/cuda/kernels -name '*.fatbin' 2>/dev/null | wc -l)
if [[ $fatbins -eq 0 ]]; then
  echo "prepare: WARNING: no kernels/*.fatbin in sov-engine/target/classes: was nvcc on PATH during the build?" >&2
fi

rm -rf "$out"
mkdir -p "$stage/lib" "$stage/test-lib"
# jar_without_tracked JAR CLASSES RESOURCES: our module's classes as a jar, less the resources the tracked tree carries
# anyway (the router's heads, the engine's test fixtures): env.sh puts those folders on the class path there
jar_without_tracked() {
  local copy
  copy=$(mktemp -d)
  cp -r "$2/." "$copy/"
  if [[ -d $3 ]]; then
    (cd "$3" && find . -type f) | while read -r f; do cmp -s "$3/$f" "$copy/$f" && rm "$copy/$f"; done
  fi
  "$JAVA_HOME/bin/jar" --create --file "$1" -C "$copy" .
  rm -rf "$copy"
}
for module in sov-api sov-spec sov-engine sov-router sov-gateway sov-platform sov-eval sov-k8s sov-cli; do
  jar_without_tracked "$stage/lib/$module.jar" "$module/target/classes" "$module/src/main/resources"
done
jar_without_tracked "$stage/test-lib/sov-engine-tests.jar" sov-engine/target/test-classes sov-engine/src/test/resources
# picocli reflects over every subcommand's methods at start, so the types in `sov operator`'s signatures must load
kept_for_reflection='/(kubernetes-client-api|operator-framework-core)-[^/]*\.jar$'
runtime=$(tr ':' '\n' < sov-cli/target/runtime-cp.txt | grep -v '/target/' | grep '\.jar$')
{ grep -Ev "$leave_out" <<< "$runtime"; grep -E "$kept_for_reflection" <<< "$runtime"; } | sort -u \
    | while read -r jar; do cp "$jar" "$stage/lib/"; done
# what the GPU tests need besides the runtime: AssertJ, JUnit (the console launcher carries all of JUnit), sov-testing
tr ':' '\n' < sov-engine/target/test-cp.txt | grep -E '/assertj-core-[^/]*\.jar$' | while read -r jar; do
  cp "$jar" "$stage/test-lib/"
done
cp "$junit_console" "$stage/test-lib/"
"$JAVA_HOME/bin/jar" --create --file "$stage/test-lib/sov-testing.jar" -C sov-testing/target/classes .

# What the runtime needs, fixed rather than jdeps' union over every library (that pulls in JFR, the compiler and the
# debugger for code paths the device never takes): each module costs megabytes of the bundle. java.desktop is there
# for java.beans, which jinjava's expression resolver loads with every chat template. jdeps' extra modules
# for our own classes are printed so a new dependency is seen.
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.incubator.vector,jdk.unsupported,jdk.zipfs
ours=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 25 \
    --class-path "$stage/lib/*:$stage/test-lib/*" "$stage"/lib/sov-*.jar "$stage/test-lib/sov-engine-tests.jar" 2>/dev/null || true)
extra=$(comm -13 <(echo "$modules" | tr ',' '\n' | sort) <(echo "$ours" | tr ',' '\n' | sort) | paste -sd, -)
[[ -n $extra ]] && echo "prepare: note: jdeps sees our classes use $extra too (left out; add them here if a stage needs them)" >&2
echo "prepare: jlink modules: $modules" >&2
# java.desktop is wanted for java.beans only: its other packages keep one class each, its natives stay out
printf -- '--exclude-resources=%s\n' "$(python3 tools/cuda/desktop_skeleton.py "$JAVA_HOME")" > "$out/jlink-args"
"$JAVA_HOME/bin/jlink" @"$out/jlink-args" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --compress=zip-0 \
    --exclude-files='**/libawt*.so,**/libfontmanager.so,**/liblcms.so,**/libmlib_image.so,**/libjavajpeg.so,**/libsplashscreen.so,**/libjawt.so,**/libjsound.so' \
    --output "$stage/jre"
# libjvm's symbol table is a fifth of the runtime; the run's carry is limited
chmod u+w "$stage/jre/lib/server/libjvm.so" && strip --strip-unneeded "$stage/jre/lib/server/libjvm.so"
rm -f "$stage"/jre/lib/server/classes*.jsa # the CDS archive is rebuilt on first start if wanted; it does not compress
# SQLite's JDBC driver carries natives for every platform; the device is linux x86_64
sqlite=$(ls "$stage"/lib/sqlite-jdbc-*.jar 2>/dev/null || true)
if [[ -n $sqlite ]]; then
  zip -q -d "$sqlite" $(unzip -Z1 "$sqlite" | grep '^org/sqlite/native/' | grep -v '^org/sqlite/native/Linux/x86_64/' \
      | grep -v '/$') >/dev/null
fi
# The trimmed class path and runtime must still run what the device runs: sov generate (auto: the CPU here) and sov
# serve up to its first answer. A class left out shows here as a NoClassDefFoundError, not on the device.
check=$(mktemp -d)
run_java=("$stage/jre/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
          --sun-misc-unsafe-memory-access=allow -Dsov.home="$PWD" -cp "$stage/lib/*:$(tools/cuda/resource-path.sh)")
"${run_java[@]}" dev.sovereign.cli.Main generate --model models/sov-tiny --chat --prompt "What is 12 + 30?" \
    --max-tokens 8 > "$check/generate.txt" 2>&1 || { cat "$check/generate.txt"; echo "prepare: sov generate FAILED on the bundle" >&2; exit 1; }
echo "prepare: sov generate on the bundle: $(grep -v WARNING "$check/generate.txt" | tr '\n' ' ' | cut -c1-200)" >&2
mkdir -p "$check/models" "$check/data"
printf 'apiVersion: sovereign.dev/v1alpha1\nkind: InferenceService\nmetadata: {name: tiny}\nspec:\n  model: {repository: "file:%s/models/sov-tiny", contextWindow: 2048}\n  engine: {kind: embedded, device: auto}\n' "$PWD" > "$check/models/tiny.yaml"
printf 'apiVersion: sovereign.dev/v1alpha1\nkind: PlatformConfig\nrouter: {enabled: false}\n' > "$check/sov.yaml"
SOV_DATA_DIR=$check/data "${run_java[@]}" dev.sovereign.cli.Main serve --models "$check/models" --config "$check/sov.yaml" \
    --port 18093 --api-key check=sk-check > "$check/serve.txt" 2>&1 &
serve_pid=$!
answered=
for _ in $(seq 90); do
  if curl -sf -H 'Authorization: Bearer sk-check' -H 'Content-Type: application/json' http://127.0.0.1:18093/v1/chat/completions \
      -d '{"model":"tiny","messages":[{"role":"user","content":"What is 12 + 30?"}],"max_tokens":8}' > "$check/answer.json" 2>/dev/null; then
    answered=1; break
  fi
  sleep 1
done
kill $serve_pid; wait $serve_pid 2>/dev/null || true # its exit status is the TERM it was sent
if [[ -z $answered ]]; then
  grep -v WARNING "$check/serve.txt" | tail -30; echo "prepare: sov serve FAILED on the bundle" >&2; exit 1
fi
echo "prepare: sov serve on the bundle answered: $(cut -c1-160 "$check/answer.json")" >&2
rm -rf "$check"

# jars are deflated; stored jars let xz find the redundancy across all of them (about a third smaller in all)
for jar in "$stage"/lib/*.jar "$stage"/test-lib/*.jar; do
  tmp=$(mktemp -d)
  (cd "$tmp" && unzip -q -o "$OLDPWD/$jar" 2>/dev/null || true)
  rm "$jar" && (cd "$tmp" && zip -q -0 -r -X "$OLDPWD/$jar" .) && rm -rf "$tmp"
done
git rev-parse HEAD > "$stage/commit.txt"
git status --porcelain --untracked-files=no | head -20 > "$stage/dirty.txt"
tar -C "$stage" -cf - . | xz -T0 -9 > "$out/bundle.tar.xz"
rm -rf "$stage" "$out/jlink-args"

bundle=$(stat -c %s "$out/bundle.tar.xz")
tracked=$(git ls-files -z | xargs -0 du -cb 2>/dev/null | tail -1 | cut -f1)
untracked=$(git ls-files -z --others --exclude-standard | xargs -0 -r du -cb 2>/dev/null | tail -1 | cut -f1)
total=$((bundle + tracked + ${untracked:-0}))
printf 'prepare: bundle %.1f MiB (%s), tracked tree %.1f MiB, untracked %.1f MiB: %.1f MiB of the 64 MiB a run sends\n' \
    "$(echo "$bundle / 1048576" | bc -l)" "$out/bundle.tar.xz" "$(echo "$tracked / 1048576" | bc -l)" \
    "$(echo "${untracked:-0} / 1048576" | bc -l)" "$(echo "$total / 1048576" | bc -l)"
if [[ $total -gt $((64 * 1048576)) ]]; then
  echo "prepare: TOO BIG for one run: leave more out" >&2
  exit 1
fi
