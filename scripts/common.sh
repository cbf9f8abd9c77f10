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
  # The JVM's default JIT thresholds: a fit runs each epoch's updates in one barrier stage, so
  # Spark's scheduling code runs once per epoch, not once per update, and compiling it sooner
  # (-XX:CompileThresholdScaling=0.1, the former setting) only slowed start-up and the first
  # epochs down (docs/performance.md, "JIT thresholds"). With sync=step, one job per update, it
  # made a warm update at batch 1024 10-20% faster: SPARKPROP_JAVA_OPTS can set it again.
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
  # The classes as one jar, the form a class-data archive can hold (class_archive below); a
  # plain directory when the JDK has no jar tool. The jar is rewritten only when the classes'
  # content changed (Maven rewrites unchanged files too), since a new jar retires the archive.
  local jar="$ROOT/target/sparkprop-run.jar" sum="$ROOT/target/sparkprop-run.jar.sum" content
  if [ ! -f "$jar" ] || [ ! -f "$sum" ] || [ "$stamp" -nt "$sum" ] \
      || [ -n "$(find "$ROOT/target/classes" -newer "$sum" -print -quit)" ]; then
    content="$(cd "$ROOT/target/classes" && find . -type f -print0 | sort -z | xargs -0 cksum \
      | cksum)"
    if [ ! -f "$jar" ] || [ "$(cat "$sum" 2>/dev/null)" != "$content" ]; then
      rm -f "$jar"
      command -v jar >/dev/null 2>&1 \
        && jar cf "$jar.$$" -C "$ROOT/target/classes" . 2>/dev/null && mv -f "$jar.$$" "$jar" \
        || rm -f "$jar.$$"
    fi
    [ ! -f "$jar" ] || { printf '%s\n' "$content" > "$sum.$$" && mv -f "$sum.$$" "$sum"; }
  fi
  if [ -f "$jar" ]; then
    CLASSPATH_RUN="$jar:$(cat "$stamp")"
  fi
}

# Class-data sharing for the JVM that scripts/sparkprop starts, with SPARKPROP_CLASS_ARCHIVE=on
# (off by default: measured, it shortens the phases before the data's but lengthens the data
# phase, with no gain in the whole run; docs/performance.md). The classes a training run loads
# (sparkprop's, Spark's, Hadoop's, Log4j's: about 10,000) are mapped from an archive instead of
# being read, verified and parsed from the jars, which shortens the checks of the settings and
# Spark's start (docs/performance.md, "Start-up, third round"). The first training run after a
# build writes the archive when it exits (-XX:ArchiveClassesAtExit); the runs after it map it
# (-XX:SharedArchiveFile). Its name carries a key of the java binary, the classpath and every
# jar's size and time, so a rebuild or a changed dependency makes a new one. An archive only
# counts once the run that wrote it has ended and trained to the end (Main writes the marker
# FILE.ok that -Dsparkprop.classArchiveDone names); a partial one is removed. The archive never
# fails a run: -Xshare:auto runs without one the JVM refuses, and its messages are silenced.
# SPARKPROP_CLASS_ARCHIVE_DIR moves the archives
# (default target/cds). Needs CLASSPATH_RUN (ensure_build); sets CLASS_ARCHIVE_OPTS and
# CLASS_ARCHIVE (the archive mapped, or empty).
class_archive() {
  CLASS_ARCHIVE_OPTS=()
  CLASS_ARCHIVE=""
  [ "${SPARKPROP_CLASS_ARCHIVE:-off}" = on ] || return 0
  # The JVM archives classes from jar files only.
  [[ "$CLASSPATH_RUN" == *.jar:* ]] || return 0
  local dir="${SPARKPROP_CLASS_ARCHIVE_DIR:-$ROOT/target/cds}" key java_bin
  java_bin="$(readlink -f "$(command -v java)")" || return 0
  key="$( { printf '%s\n%s\n' "$java_bin" "$CLASSPATH_RUN"
            tr ':' '\n' <<< "$CLASSPATH_RUN" | xargs -d '\n' stat -L -c '%n %s %Y' 2>&1
          } | cksum | cut -d' ' -f1)"
  local archive="$dir/sparkprop-$key.jsa" part pid writing=false
  # Parts whose JVM has ended: this build's is kept when its run trained to the end; the rest
  # are removed (those of earlier builds too).
  for part in "$dir"/sparkprop-*.jsa.part.*; do
    [ -e "$part" ] || continue
    case "$part" in *.ok) continue ;; esac
    pid="${part##*.part.}"
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
      [ "${part%.part.*}" != "$archive" ] || writing=true
    elif [ "${part%.part.*}" = "$archive" ] && [ -f "$part.ok" ] && [ -s "$part" ]; then
      mv -f "$part" "$archive" 2>/dev/null || true
      rm -f "$part.ok"
    else
      rm -f "$part" "$part.ok"
    fi
  done
  local quiet=(-Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
  if [ -f "$archive" ]; then
    CLASS_ARCHIVE="$archive"
    CLASS_ARCHIVE_OPTS=(-XX:SharedArchiveFile="$archive" "${quiet[@]}")
  elif ! $writing && mkdir -p "$dir" 2>/dev/null && [ -w "$dir" ]; then
    # Archives of earlier builds are of no more use.
    find "$dir" -maxdepth 1 -name 'sparkprop-*.jsa' ! -name "sparkprop-$key.jsa" -delete \
      2>/dev/null || true
    # exec keeps the process id: the JVM that writes the part is process $$.
    CLASS_ARCHIVE_OPTS=(-XX:ArchiveClassesAtExit="$archive.part.$$"
      -Dsparkprop.classArchiveDone="$archive.part.$$.ok" "${quiet[@]}")
  fi
}
