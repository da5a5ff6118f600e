#!/usr/bin/env bash
# Packs what the engine benchmarks need on the device machine, which has no Java: a jlink'd JRE, the engine's
# classes and its runtime jars (test-only jars left out, llama.cpp's natives cut to linux-x86_64), into
# target/device-cpu (git-ignored; pass it as the run's carry). Run from the repository root after a build.
set -euo pipefail
out=target/device-cpu
source tools/find-jdk.sh
java_home=$JAVA_HOME
rm -rf "$out"
mkdir -p "$out/lib"
./mvnw -B -ntp -q -o -pl sov-engine test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
"$java_home/bin/jlink" --add-modules java.base,java.logging,java.management,java.net.http,java.sql,jdk.incubator.vector,jdk.unsupported \
    --strip-debug --no-man-pages --no-header-files --compress=zip-0 --output "$out/jre"
# libjvm's symbol table is a fifth of the bundle; the run's carry is limited
chmod u+w "$out/jre/lib/server/libjvm.so" && strip --strip-unneeded "$out/jre/lib/server/libjvm.so"
cp -r sov-engine/target/classes "$out/classes"
cp -r sov-engine/target/test-classes "$out/test-classes"
tr ':' '\n' < sov-engine/target/cp.txt \
    | grep -Ev '/(openai-java[^/]*|kotlin[^/]*|okhttp|okio[^/]*|byte-buddy[^/]*|junit[^/]*|assertj-core|opentest4j|apiguardian-api|mockito[^/]*|annotations|junit-platform[^/]*)/' \
    | while read -r jar; do cp "$jar" "$out/lib/"; done
llama=$(ls "$out"/lib/llama-*.jar)
mkdir -p "$out/llama" && (cd "$out/llama" && unzip -q "../lib/$(basename "$llama")")
rm -rf "$out/llama/de/kherud/llama/"{Linux-Android,Mac,Windows}
find "$out/llama/de/kherud/llama/Linux" -mindepth 1 -maxdepth 1 -type d ! -name x86_64 -exec rm -rf {} +
rm "$llama" && (cd "$out/llama" && zip -q -r "../lib/$(basename "$llama")" .) && rm -rf "$out/llama"
tar -C target -cJf target/device-cpu.tar.xz device-cpu
du -sh target/device-cpu.tar.xz
