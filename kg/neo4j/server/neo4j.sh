#!/usr/bin/env bash
# Run a real Neo4j Community 5.26 LTS server on 127.0.0.1 for tests and CI.
#
# Neo4j does not publish its server tarball to Maven Central, but it does publish
# every jar of it, so `fetch` resolves them with Maven (pom.xml beside this script) into
# a NEO4J_HOME of our own under the cache folder, and `start` launches the same
# entry point the official bin/neo4j does (org.neo4j.server.CommunityEntryPoint).
# Run with --help for usage.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/neo4j.sh COMMAND [ARGS]

Runs a real Neo4j Community 5.26 LTS server (jars from Maven Central) on
127.0.0.1, with its jars, config, data and logs under a cache folder.

Commands:
  fetch         Resolve the Neo4j jars into the cache (no-op when already cached).
  start         Fetch if needed, start the server in the background and wait until
                Bolt answers (no-op if it already runs). On the very first start the
                password of user 'neo4j' is set to $NEO4J_PASSWORD.
  stop          Stop the server cleanly (SIGTERM, then SIGKILL after a grace period).
  restart       stop + start.
  status        Exit 0 if the server runs and answers Bolt, 3 if it is not running,
                1 if its process is alive but Bolt does not answer.
  reset         Stop the server if it runs and wipe the data folder (the next start
                begins with empty databases and sets the password again).
  admin ARGS    Run neo4j-admin against this server's config and data, e.g.
                  scripts/neo4j.sh admin database import full --help
                (offline commands such as import need the server stopped).
  env           Print shell assignments (no password) for scripts and tests:
                NEO4J_URI, NEO4J_USERNAME, KG_NEO4J_HOME, NEO4J_HOME, NEO4J_CONF, ...
  -h, --help    This help.

Environment:
  NEO4J_PASSWORD      Password of user 'neo4j' (min. 8 characters). If unset, the
                      dev password 'kg-dev-password' is used. It only takes effect
                      on the first start of an empty data folder: to change it
                      later, run `reset`. The script never prints it.
  KG_NEO4J_HOME       Cache folder (default: ~/.cache/kg/neo4j; scripts/neo4j.sh in a
                      checkout uses <repo>/.cache/neo4j). Holds the jars
                      (neo4j-community-<version>/), conf/, data/, logs/, run/, import/.
  KG_NEO4J_VERSION    Neo4j version to fetch (default: 5.26.30, latest 5.26 LTS patch).
  KG_NEO4J_PORT       Bolt port on 127.0.0.1 (default: 7687).
  KG_NEO4J_HTTP_PORT  If set, enable the HTTP API on 127.0.0.1:<port>; unset (the
                      default) disables HTTP and HTTPS entirely.
  KG_NEO4J_TIMEOUT    Seconds `start` waits for Bolt to answer (default: 120).
  KG_NEO4J_STOP_TIMEOUT  Seconds `stop` waits before SIGKILL (default: 60).
  KG_NEO4J_HEAP       Max JVM heap (default: 1g; initial heap is 256m).
  KG_NEO4J_PAGECACHE  Page cache size (default: 256m).
  KG_NEO4J_QUICK_JIT  1: run the server JVM with C1 only (-XX:TieredStopAtLevel=1).
                      Saves a few seconds of start-up only when the cores are busy
                      with other work (~0.5 s on an idle 2-core machine), and makes
                      query-heavy runs slower. 0 (default): full JIT, as upstream.
  KG_NEO4J_JAVA_OPTS  Extra JVM options for the server, split on whitespace.
  JAVA_HOME           Java 17 or 21 to use (default: `java` on PATH).
  MAVEN_OPTS          Passed to Maven as usual, e.g. -Dmaven.repo.local=/path.
EOF
}

# ---------------------------------------------------------------- settings ---
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM_DIR="$HERE"   # pom.xml beside this script (package data of kg.neo4j.server)

NEO4J_VERSION="${KG_NEO4J_VERSION:-5.26.30}"
CACHE="${KG_NEO4J_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/kg/neo4j}"
PORT="${KG_NEO4J_PORT:-7687}"
HTTP_PORT="${KG_NEO4J_HTTP_PORT:-}"
START_TIMEOUT="${KG_NEO4J_TIMEOUT:-120}"
STOP_TIMEOUT="${KG_NEO4J_STOP_TIMEOUT:-60}"
HEAP="${KG_NEO4J_HEAP:-1g}"
PAGECACHE="${KG_NEO4J_PAGECACHE:-256m}"
DEFAULT_PASSWORD="kg-dev-password"
PASSWORD="${NEO4J_PASSWORD:-$DEFAULT_PASSWORD}"

# The jars live in a versioned NEO4J_HOME; config, data and logs live beside it so
# that a version bump re-fetches jars but keeps (or, via `reset`, wipes) the data.
DIST="$CACHE/neo4j-community-$NEO4J_VERSION"
CONF_DIR="$CACHE/conf"
DATA_DIR="$CACHE/data"
LOGS_DIR="$CACHE/logs"
RUN_DIR="$CACHE/run"
IMPORT_DIR="$CACHE/import"
PID_FILE="$RUN_DIR/neo4j.pid"
PORT_FILE="$RUN_DIR/bolt.port"       # port of the running server, for status/start
CONSOLE_LOG="$LOGS_DIR/console.log"   # JVM stdout/stderr (early crashes land here)
SERVER_LOG="$LOGS_DIR/neo4j.log"      # Neo4j's own user log
# sha256 of the password the data folder was initialised with: lets `start` say
# "wrong NEO4J_PASSWORD" up front instead of failing with an auth error later.
PASSWORD_STAMP="$DATA_DIR/.kg-password.sha256"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

log() { printf 'neo4j.sh: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

# ------------------------------------------------------------------ checks ---
check_settings() {
  [[ "$PORT" =~ ^[0-9]+$ ]] || die "KG_NEO4J_PORT must be a number, got '$PORT'"
  [[ -z "$HTTP_PORT" || "$HTTP_PORT" =~ ^[0-9]+$ ]] || die "KG_NEO4J_HTTP_PORT must be a number"
  [[ "$START_TIMEOUT" =~ ^[0-9]+$ ]] || die "KG_NEO4J_TIMEOUT must be whole seconds"
  [[ "$STOP_TIMEOUT" =~ ^[0-9]+$ ]] || die "KG_NEO4J_STOP_TIMEOUT must be whole seconds"
  # Neo4j refuses passwords shorter than 8 characters (dbms.security.auth_minimum_password_length).
  (( ${#PASSWORD} >= 8 )) || die "NEO4J_PASSWORD must have at least 8 characters"
}

check_java() {
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found (install a JDK 17 or 21, or set JAVA_HOME)"
  local spec
  spec="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  case "$spec" in
    17|21) ;;
    *) log "warning: Neo4j 5.26 supports Java 17 and 21, found '$spec' ($JAVA); set JAVA_HOME if it fails" ;;
  esac
}

# ------------------------------------------------------------------- fetch ---
is_fetched() { [[ -f "$DIST/.fetched" ]]; }

fetch() {
  if is_fetched; then
    log "Neo4j $NEO4J_VERSION already fetched in $DIST"
    write_admin_wrapper
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found: Maven is needed once to fetch Neo4j (apt-get install maven)"
  check_java
  log "fetching Neo4j Community $NEO4J_VERSION jars from Maven Central into $DIST ..."
  # Resolve into a temp folder and rename at the end, so an interrupted fetch
  # never leaves a half-filled lib/ that later runs would take for complete.
  local tmp="$DIST.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp/lib" "$tmp/plugins" "$tmp/bin"
  # Maven's output is kept out of the way unless it fails.
  if ! mvn -B -q -Dstyle.color=never -f "$POM_DIR/pom.xml" -Dneo4j.version="$NEO4J_VERSION" \
        dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp/lib" \
        >"$tmp.mvn.log" 2>&1; then
    cat "$tmp.mvn.log" >&2
    rm -rf "$tmp" "$tmp.mvn.log"
    die "Maven could not resolve org.neo4j:neo4j:$NEO4J_VERSION (see the output above)"
  fi
  rm -f "$tmp.mvn.log"
  [[ -f "$tmp/lib/neo4j-$NEO4J_VERSION.jar" ]] || { rm -rf "$tmp"; die "neo4j-$NEO4J_VERSION.jar missing after fetch"; }
  echo "org.neo4j:neo4j:$NEO4J_VERSION $(find "$tmp/lib" -name '*.jar' | wc -l) jars" > "$tmp/.fetched"
  rm -rf "$DIST"
  mv "$tmp" "$DIST"
  write_admin_wrapper
  log "fetched $(find "$DIST/lib" -name '*.jar' | wc -l) jars ($(du -sh "$DIST/lib" | cut -f1))"
}

# bin/neo4j-admin: the official neo4j-admin front end (the class the tarball's
# bin/neo4j-admin runs), pointed at our NEO4J_HOME and generated config.
write_admin_wrapper() {
  mkdir -p "$DIST/bin" "$DIST/plugins"   # the admin bootloader fails without plugins/
  cat > "$DIST/bin/neo4j-admin" <<'EOF'
#!/usr/bin/env bash
# Generated by scripts/neo4j.sh: neo4j-admin for this NEO4J_HOME. Prefer
# `scripts/neo4j.sh admin ...`, which also (re)writes ../../conf/neo4j.conf.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NEO4J_HOME="$home"
export NEO4J_CONF="${NEO4J_CONF:-$(cd "$home/../conf" && pwd)}"
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$home/lib/*" org.neo4j.server.startup.Neo4jAdminCommand "$@"
EOF
  chmod +x "$DIST/bin/neo4j-admin"
}

# ------------------------------------------------------------------ config ---
# Regenerated before every start/admin call so env var changes take effect.
write_conf() {
  mkdir -p "$CONF_DIR" "$DATA_DIR" "$LOGS_DIR" "$RUN_DIR" "$IMPORT_DIR"
  local http
  if [[ -n "$HTTP_PORT" ]]; then
    http="server.http.enabled=true
server.http.listen_address=127.0.0.1:$HTTP_PORT
server.http.advertised_address=127.0.0.1:$HTTP_PORT"
  else
    http="server.http.enabled=false"
  fi
  cat > "$CONF_DIR/neo4j.conf.tmp" <<EOF
# Generated by scripts/neo4j.sh - overwritten on every start; set env vars instead.
server.directories.data=$DATA_DIR
server.directories.logs=$LOGS_DIR
server.directories.run=$RUN_DIR
server.directories.import=$IMPORT_DIR
server.directories.plugins=$DIST/plugins

# Loopback only: this server is for local tests, never reachable from outside.
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$PORT
server.bolt.advertised_address=127.0.0.1:$PORT
server.bolt.tls_level=DISABLED
$http
server.https.enabled=false

# Small footprint for a 2-core CI machine. The JVM flags in start() set the real
# heap; these lines keep Neo4j's own memory checks consistent with them.
server.memory.heap.initial_size=256m
server.memory.heap.max_size=$HEAP
server.memory.pagecache.size=$PAGECACHE

dbms.security.auth_enabled=true
dbms.usage_report.enabled=false

# Bolt's Netty event loops otherwise wait a 5 s quiet period each on shutdown,
# which made every stop take ~12 s; a test server needs no grace there.
internal.dbms.bolt.netty_server_shutdown_quiet_period=0
EOF
  mv "$CONF_DIR/neo4j.conf.tmp" "$CONF_DIR/neo4j.conf"
}

admin() {
  NEO4J_HOME="$DIST" NEO4J_CONF="$CONF_DIR" \
    "$JAVA" -cp "$DIST/lib/*" org.neo4j.server.startup.Neo4jAdminCommand "$@"
}

# ---------------------------------------------------------------- probing ---
# PID of our server if it runs, else nothing. The command-line check guards
# against a stale pid file whose number now belongs to another process (or to
# a Neo4j of another cache folder).
server_pid() {
  [[ -f "$PID_FILE" ]] || return 0
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  local cmdline
  cmdline="$(tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" || true)"
  if [[ "$cmdline" == *CommunityEntryPoint*"--config-dir=$CONF_DIR"* ]]; then
    echo "$pid"
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/${1:-$PORT}") 2>/dev/null; }

# A real Bolt handshake, in plain bash so it needs no driver: send the magic
# 0x6060B017 and the versions 5.0-5.4 and 4.4; a Bolt server answers with the
# (non-zero) version it picked.
bolt_handshake() {
  # shellcheck disable=SC2016  # $1 and $v expand in the inner shell
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "\x60\x60\xb0\x17\x00\x04\x04\x05\x00\x00\x04\x04\x00\x00\x00\x00\x00\x00\x00\x00" >&3
    v="$(head -c 4 <&3 | od -An -tx1 | tr -d " \n")"
    [[ -n "$v" && "$v" != 00000000 ]]' _ "$PORT" 2>/dev/null
}

have_driver() { python3 -c 'import neo4j' >/dev/null 2>&1; }

# Log in with the Python driver when it is installed: proves the password works
# and the default database serves queries. Exit 0 ok, 2 auth refused, 1 other.
driver_check() {
  KG_CHECK_URI="bolt://127.0.0.1:$PORT" KG_CHECK_PASSWORD="$PASSWORD" python3 - <<'EOF' 2>/dev/null
import os, sys
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError
try:
    with GraphDatabase.driver(os.environ["KG_CHECK_URI"],
                              auth=("neo4j", os.environ["KG_CHECK_PASSWORD"]),
                              connection_timeout=5) as d:
        d.verify_connectivity()
        d.execute_query("RETURN 1")
except AuthError:
    sys.exit(2)
except Exception:
    sys.exit(1)
EOF
}

show_log_tail() {
  local f
  for f in "$CONSOLE_LOG" "$SERVER_LOG"; do
    if [[ -s "$f" ]]; then
      log "last lines of $f:"
      tail -n 20 "$f" >&2
    fi
  done
  log "full debug log: $LOGS_DIR/debug.log"
}

# --------------------------------------------------------------- commands ---
password_hash() { printf '%s' "$PASSWORD" | sha256sum | cut -d' ' -f1; }

# Fails early when NEO4J_PASSWORD is not the one the data folder was set up with.
check_password_stamp() {
  if [[ -f "$PASSWORD_STAMP" && "$(cat "$PASSWORD_STAMP")" != "$(password_hash)" ]]; then
    die "NEO4J_PASSWORD differs from the one $DATA_DIR was initialised with; use that one, or run 'scripts/neo4j.sh reset' to start over"
  fi
}

init_password_if_new() {
  if [[ -d "$DATA_DIR/databases/system" ]]; then
    # Already initialised: the password lives in the system database now.
    check_password_stamp
    return 0
  fi
  # set-initial-password only works before the first start; it writes
  # data/dbms/auth.ini, which the server applies when it creates the system db.
  log "first start: setting the initial password of user 'neo4j'"
  admin dbms set-initial-password "$PASSWORD" >/dev/null \
    || die "neo4j-admin dbms set-initial-password failed"
  password_hash > "$PASSWORD_STAMP"
}

# Waits until Bolt answers (and, with the driver installed, a login works).
wait_ready() {
  local pid="$1" deadline=$((SECONDS + START_TIMEOUT)) rc
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE" "$PORT_FILE"
      log "Neo4j exited during start-up; server log: $SERVER_LOG"
      show_log_tail
      return 1
    fi
    # Bolt comes up a moment before the HTTP connector, so wait for that too.
    if bolt_handshake && { [[ -z "$HTTP_PORT" ]] || port_open "$HTTP_PORT"; }; then
      if ! have_driver; then return 0; fi
      rc=0; driver_check || rc=$?
      case "$rc" in
        0) return 0 ;;
        2) log "Neo4j answers on bolt://127.0.0.1:$PORT but refused the login: NEO4J_PASSWORD is not the password of this data folder ('reset' starts over)"
           return 1 ;;
      esac   # 1: e.g. the default database is still starting; keep waiting
    fi
    if (( SECONDS >= deadline )); then
      log "Neo4j did not answer on bolt://127.0.0.1:$PORT within ${START_TIMEOUT}s (KG_NEO4J_TIMEOUT); stopping it. Server log: $SERVER_LOG"
      show_log_tail
      stop_server >/dev/null 2>&1 || true
      return 1
    fi
    sleep 0.5
  done
}

start_server() {
  check_settings
  local t0=$SECONDS pid
  pid="$(server_pid)"
  if [[ -n "$pid" ]]; then
    local running_port
    running_port="$(cat "$PORT_FILE" 2>/dev/null || echo "$PORT")"
    [[ "$running_port" == "$PORT" ]] \
      || die "already running (pid $pid) on port $running_port, not KG_NEO4J_PORT=$PORT; stop it first"
    check_password_stamp
    if bolt_handshake; then
      log "already running (pid $pid) on bolt://127.0.0.1:$PORT"
      return 0
    fi
    log "process $pid is up but Bolt does not answer yet; waiting"
    wait_ready "$pid"
    return
  fi
  if port_open; then
    die "port $PORT on 127.0.0.1 is already taken by another process (set KG_NEO4J_PORT)"
  fi

  is_fetched || fetch
  check_java
  write_admin_wrapper
  write_conf
  init_password_if_new

  # Same JVM flags as the official neo4j.conf of 5.26 (server.jvm.additional),
  # minus -XX:+AlwaysPreTouch, which only slows start-up of a test server.
  local -a jvm=(
    "-Xms256m" "-Xmx$HEAP"
    -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow
    -XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields -XX:+DisableExplicitGC
    -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true
    -Djdk.tls.ephemeralDHKeySize=2048 -Djdk.tls.rejectClientInitiatedRenegotiation=true
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED
    -Dlog4j2.disable.jmx=true -Dfile.encoding=UTF-8
  )
  if [[ "${KG_NEO4J_QUICK_JIT:-0}" == 1 ]]; then
    # Start-up is mostly class loading and one-off init code, where C2 compiles
    # compete for the 2 cores; C1 code is plenty for a test server's small queries.
    jvm+=(-XX:TieredStopAtLevel=1)
  fi
  if [[ -n "${KG_NEO4J_JAVA_OPTS:-}" ]]; then
    # shellcheck disable=SC2206  # word splitting of the user's extra options is intended
    jvm+=(${KG_NEO4J_JAVA_OPTS})
  fi

  log "starting Neo4j $NEO4J_VERSION on bolt://127.0.0.1:$PORT (data: $DATA_DIR)"
  : > "$CONSOLE_LOG"
  rm -f "$PID_FILE"   # a stale one would pass the wait below with the wrong pid
  # setsid: own session, so a Ctrl-C or the end of the calling shell or CI step
  # does not take the server down with it. The inner shell writes its own pid
  # and then execs java, so the pid file names the JVM itself. 9>&- keeps the
  # JVM from inheriting (and so holding forever) this script's lock.
  # shellcheck disable=SC2016  # $$, $1 and $@ expand in the inner shell
  NEO4J_HOME="$DIST" NEO4J_CONF="$CONF_DIR" \
    setsid bash -c 'echo $$ > "$1"; shift; exec "$@"' _ "$PID_FILE" \
      "$JAVA" "${jvm[@]}" -cp "$CONF_DIR/*:$DIST/lib/*" org.neo4j.server.CommunityEntryPoint \
      --home-dir="$DIST" --config-dir="$CONF_DIR" \
      </dev/null >>"$CONSOLE_LOG" 2>&1 9>&- &
  # Wait for the pid file (written within milliseconds by the inner shell).
  local _
  for _ in $(seq 50); do [[ -s "$PID_FILE" ]] && break; sleep 0.1; done
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ -n "$pid" ]] || die "could not launch java (see $CONSOLE_LOG)"
  echo "$PORT" > "$PORT_FILE"

  wait_ready "$pid" || exit 1
  log "Neo4j is up (pid $pid) on bolt://127.0.0.1:$PORT after $((SECONDS - t0))s"
}

stop_server() {
  local pid
  pid="$(server_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$PID_FILE" "$PORT_FILE"
    log "not running"
    return 0
  fi
  log "stopping Neo4j (pid $pid)"
  # SIGTERM runs Neo4j's shutdown hook: checkpoint and clean close of the stores.
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null; do
    if (( SECONDS >= deadline )); then
      log "still running after ${STOP_TIMEOUT}s; killing it (the next start recovers from the transaction log)"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$PID_FILE" "$PORT_FILE"
  log "stopped"
}

status_server() {
  local pid
  pid="$(server_pid)"
  if [[ -z "$pid" ]]; then
    echo "Neo4j is not running"
    return 3
  fi
  PORT="$(cat "$PORT_FILE" 2>/dev/null || echo "$PORT")"   # check where it really listens
  if bolt_handshake; then
    echo "Neo4j is running (pid $pid) on bolt://127.0.0.1:$PORT"
    return 0
  fi
  echo "Neo4j process $pid is alive but bolt://127.0.0.1:$PORT does not answer"
  return 1
}

reset_data() {
  stop_server
  log "wiping $DATA_DIR"
  rm -rf "$DATA_DIR"
  mkdir -p "$DATA_DIR"
}

print_env() {
  # No password here on purpose: tests read NEO4J_PASSWORD (or the default) themselves.
  cat <<EOF
NEO4J_URI=bolt://127.0.0.1:$PORT
NEO4J_USERNAME=neo4j
KG_NEO4J_HOME=$CACHE
NEO4J_HOME=$DIST
NEO4J_CONF=$CONF_DIR
NEO4J_ADMIN=$DIST/bin/neo4j-admin
KG_NEO4J_IMPORT_DIR=$IMPORT_DIR
EOF
}

# Serialise commands that change state, so e.g. two test processes calling
# `start` at once don't launch two servers on one data folder.
with_lock() {
  mkdir -p "$CACHE"
  exec 9>"$CACHE/.lock"
  flock 9
  "$@"
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    fetch)   with_lock fetch ;;
    start)   with_lock start_server ;;
    stop)    with_lock stop_server ;;
    restart) with_lock stop_server; start_server ;;
    status)  status_server ;;
    reset)   with_lock reset_data ;;
    admin)
      check_settings
      is_fetched || with_lock fetch
      write_admin_wrapper
      write_conf
      admin "$@" ;;
    env)     print_env ;;
    -h|--help|help) usage ;;
    "") usage >&2; exit 2 ;;
    *) log "unknown command '$cmd'"; usage >&2; exit 2 ;;
  esac
}

main "$@"
