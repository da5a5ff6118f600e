#!/usr/bin/env bash
# Prints the class-path entries for the resources the bundle leaves out because the tracked tree holds them (the
# modules' src/main/resources and the engine's src/test/resources), as absolute paths; run from the repository root.
set -euo pipefail
paths=()
for d in sov-*/src/main/resources sov-engine/src/test/resources; do
  [[ -d $d ]] && paths+=("$PWD/$d")
done
(IFS=:; echo "${paths[*]}")
