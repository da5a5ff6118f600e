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

# Libraries sov engine and sov serve do not load on that machine: Kubernetes (sov operator, sov render, discovery),
# the Helm SDK's native library, the ONNX runtime of the router's embedding model (the router is off there), the
# OpenAI SDK and its Kotlin runtime (test clients). Class loading is lazy, so they are only needed by the commands that
# use them; `sov engine --help` and the serve stage check that nothing the device runs needs them.
leave_out='/(kubernetes-[^/]*|openshift-[^/]*|fabric8[^/]*|helm-java[^/]*|onnxruntime[^/]*|langchain4j[^/]*|openai-java[^/]*|kotlin[^/]*|okhttp|okio[^/]*|byte-buddy[^/]*|bcprov[^/]*|bcpkix[^/]*|bcutil[^/]*|llama|jna[^/]*)/'

echo "prepare: building (package, tests compiled, not run)..." >&2
./mvnw -o -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/runtime-cp.txt \
    -Dmdep.includeScope=runtime
# again with the engine's test scope (test-compile is up to date; it lets Maven resolve the sibling modules)
./mvnw -o -B -q -pl sov-engine -am test-compile dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt \
    -Dmdep.includeScope=test
if [[ ! -f $junit_console ]]; then
  ./mvnw -B -q dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:$junit_console_version
fi
fatbins=$(find sov-engine/target/classes/dev/sovereign/engine/cuda/kernels -name '*.fatbin' 2>/dev/null | wc -l)
if [[ $fatbins -eq 0 ]]; then
  echo "prepare: WARNING: no kernels/*.fatbin in sov-engine/target/classes: was nvcc on PATH during the build?" >&2
fi

rm -rf "$out"
mkdir -p "$stage/lib" "$stage/test-lib"
# our modules as jars of their classes, the libraries as they are
for module in sov-api sov-spec sov-engine sov-router sov-gateway sov-platform sov-eval sov-k8s sov-cli; do
  "$JAVA_HOME/bin/jar" --create --file "$stage/lib/$module.jar" -C "$module/target/classes" .
done
"$JAVA_HOME/bin/jar" --create --file "$stage/test-lib/sov-engine-tests.jar" -C sov-engine/target/test-classes .
cat sov-*/target/runtime-cp.txt | tr ':' '\n' | grep -v '/target/' | grep '\.jar$' | sort -u \
    | grep -Ev "$leave_out" | while read -r jar; do cp "$jar" "$stage/lib/"; done
# what the engine's tests need besides: JUnit, AssertJ, the test-scope libraries not already in lib/
tr ':' '\n' < sov-engine/target/test-cp.txt | grep '\.jar$' | grep -v '/target/' | grep -Ev "$leave_out" \
    | while read -r jar; do [[ -f $stage/lib/$(basename "$jar") ]] || cp "$jar" "$stage/test-lib/"; done
cp "$junit_console" "$stage/test-lib/"
# the console launcher carries its own JUnit; two copies on the class path confuse the engine discovery
rm -f "$stage"/test-lib/junit-jupiter-*.jar "$stage"/test-lib/junit-platform-*[0-9].jar "$stage"/test-lib/opentest4j-*.jar \
    "$stage"/test-lib/apiguardian-api-*.jar

modules=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 25 \
    --class-path "$stage/lib/*:$stage/test-lib/*" "$stage"/lib/sov-*.jar "$stage/test-lib/sov-engine-tests.jar" 2>/dev/null || true)
# the Vector API and Unsafe are reached reflectively or through flags jdeps cannot see; zipfs and the charsets for
# reading models and templates
modules="${modules:+$modules,}java.base,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.incubator.vector,jdk.unsupported,jdk.zipfs,jdk.charsets"
modules=$(echo "$modules" | tr ',' '\n' | sort -u | paste -sd, -)
echo "prepare: jlink modules: $modules" >&2
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=zip-0 \
    --output "$stage/jre"
# libjvm's symbol table is a fifth of the runtime; the run's carry is limited
chmod u+w "$stage/jre/lib/server/libjvm.so" && strip --strip-unneeded "$stage/jre/lib/server/libjvm.so"
rm -f "$stage"/jre/lib/server/classes*.jsa # the CDS archive is rebuilt on first start if wanted; it does not compress
# jars are deflated; stored jars let xz find the redundancy across all of them (about a third smaller in all)
for jar in "$stage"/lib/*.jar "$stage"/test-lib/*.jar; do
  tmp=$(mktemp -d)
  (cd "$tmp" && unzip -q -o "$OLDPWD/$jar" 2>/dev/null || true)
  rm "$jar" && (cd "$tmp" && zip -q -0 -r -X "$OLDPWD/$jar" .) && rm -rf "$tmp"
done
git rev-parse HEAD > "$stage/commit.txt"
git status --porcelain --untracked-files=no | head -20 > "$stage/dirty.txt"
tar -C "$stage" -cf - . | xz -T0 -6 > "$out/bundle.tar.xz"
rm -rf "$stage"

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
