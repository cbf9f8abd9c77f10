# Shared by the scripts: paths, JVM options Spark 4 needs on Java 17, native BLAS, the build.
# Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
# One BLAS thread per Spark task slot: several multi-threaded BLAS calls on the same cores
# slow each other down.
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"

SPARK_JVM_OPTS=(
  -XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Dio.netty.tryReflectionSetAccessible=true
  # Spark runs its scheduling code once per job, i.e. once per update: at the JVM's default
  # thresholds much of it stays in profiling (tier 3) code for thousands of updates. Compiling
  # it ten times sooner makes an update at batch 1024 10-20% faster once warm, for some more
  # compilation early on (scripts/bench --main UpdateCpu with
  # SPARKPROP_JAVA_OPTS=-XX:CompileThresholdScaling=1 measures the JVM's default).
  -XX:CompileThresholdScaling=0.1
)
# Extra JVM options for every JVM the scripts start; they come last, so they override the above.
if [ -n "${SPARKPROP_JAVA_OPTS:-}" ]; then
  read -r -a _extra <<< "$SPARKPROP_JAVA_OPTS"
  SPARK_JVM_OPTS+=("${_extra[@]}")
fi

# Installs a distribution package when it is missing and we may (root with apt-get).
ensure_package() {
  local pkg="$1"
  if dpkg -s "$pkg" >/dev/null 2>&1; then return 0; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing $pkg ..." >&2
    if ! { apt-get install -y -qq "$pkg" >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$pkg" >/dev/null 2>&1; }; }; then
      echo "warning: could not install $pkg" >&2
      return 1
    fi
  else
    echo "warning: package $pkg is missing (install it with: sudo apt-get install $pkg)" >&2
    return 1
  fi
}

# Native BLAS: without it the kernels fall back to Java, several times slower.
ensure_blas() {
  ensure_package libopenblas0-pthread || echo "warning: no OpenBLAS; training runs on Java BLAS" >&2
}

# Headless Chromium for the tests tagged "browser" (they open a run report as a reader would).
# Returns 1 when it is missing and cannot be installed.
ensure_chromium() {
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
    || ensure_package chromium
}

# Compiles the project when a source is newer than the build, and writes the runtime classpath.
ensure_build() {
  local stamp="$ROOT/target/classpath.txt"
  if [ ! -f "$stamp" ] || [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$stamp" -print -quit)" ]; then
    echo "building sparkprop ..." >&2
    (cd "$ROOT" && mvn -q -B -Dstyle.color=never compile dependency:build-classpath \
        -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=test) >&2 || {
      echo "error: the build failed" >&2; exit 1; }
    # The plugin leaves an unchanged classpath file alone: mark the build as done.
    touch "$stamp"
  fi
  CLASSPATH_RUN="$ROOT/target/classes:$(cat "$stamp")"
}
