# Sourced by ./sov and ./test: sets JAVA_HOME to a JDK 25 or later.
# Looks at JAVA_HOME, then the java on PATH, then the usual JVM folders.
SOV_REQUIRED_JDK=25

sov_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n1
}

sov_is_jdk() {
  local home="$1" major
  [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 1
  major="$(sov_java_major "$home/bin/java")"
  [[ -n "$major" && "$major" -ge "$SOV_REQUIRED_JDK" ]]
}

sov_find_jdk() {
  if [[ -n "${JAVA_HOME:-}" ]] && sov_is_jdk "$JAVA_HOME"; then echo "$JAVA_HOME"; return; fi
  if command -v java >/dev/null 2>&1; then
    local home; home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    if sov_is_jdk "$home"; then echo "$home"; return; fi
  fi
  local candidate
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
                   "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [[ -d "$candidate" ]] && sov_is_jdk "$candidate"; then echo "$candidate"; return; fi
  done
  return 1
}

if ! JAVA_HOME="$(sov_find_jdk)"; then
  echo "sov: no JDK $SOV_REQUIRED_JDK found (looked at JAVA_HOME, PATH and the usual JVM folders); install one (e.g. Temurin $SOV_REQUIRED_JDK) or set JAVA_HOME" >&2
  exit 2
fi
export JAVA_HOME
