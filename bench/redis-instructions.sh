#!/bin/sh
# redis-server's instructions an exchange, load-independent (session 38): redis-server under
# `valgrind --tool=callgrind`, driven by bench/redis-store.ts (the exchange's two scripts, screenGate
# and putDelivered, warm-up round included) from the tree TREE (default: this one). Prints, per
# exchange, the inclusive instructions of every script call (evalGenericCommand) and of the parts
# session 38 found to matter: the KEYS/ARGV arrays handed to Lua (lua_pushlstring, lua_rawseti), the
# commands the scripts run (scriptCall), the numbers formatted (snprintf, sprintf) and parsed (strtod).
#
# Run:  sh bench/redis-instructions.sh [TREE] [EXCHANGES]      (EXCHANGES per round, default 1500;
#       KEEP_CALLGRIND=FILE keeps redis-server's callgrind output)
# Takes a few minutes (redis-server runs about fifty times slower); never part of `npm test`.
set -eu
for tool in valgrind callgrind_annotate redis-server redis-cli; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "redis-instructions.sh needs $tool on PATH (apt-get install -y valgrind redis-server)" >&2
    exit 2
  }
done
TREE=${1:-$(cd "$(dirname "$0")/.." && pwd)}
N=${2:-1500}
OUT=$(mktemp -d "${TMPDIR:-/tmp}/redis-instructions.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
valgrind --tool=callgrind --callgrind-out-file="$OUT/cg.out" redis-server --port "$PORT" --save '' \
  --appendonly no --bind 127.0.0.1 >"$OUT/valgrind.log" 2>&1 &
VP=$!
i=0
until redis-cli -p "$PORT" ping >/dev/null 2>&1; do
  i=$((i + 1))
  [ $i -lt 300 ] || { kill $VP; echo "redis-server did not start" >&2; exit 1; }
  sleep 0.1
done
(cd "$TREE" && BENCH_REDIS_PORT=$PORT BENCH_REDIS_PID=$VP npx tsx bench/redis-store.ts --exchanges "$N" \
  --concurrency 16 --rounds 1) >"$OUT/bench.log" 2>&1 || { kill $VP; cat "$OUT/bench.log" >&2; exit 1; }
kill -TERM $VP
wait $VP 2>/dev/null || true
tail -1 "$OUT/bench.log"
# Inclusive instructions and calls of each function named (callgrind_annotate's caller tree lists
# each function's callers with their call counts; the `*` line is the function itself).
callgrind_annotate --tree=caller --inclusive=yes --threshold=100 "$OUT/cg.out" 2>/dev/null | awk '
  /^ *[0-9,]+ \([ 0-9.%]+\)  < / { gsub(",", "", $1); n = $0; sub(/.*\(/, "", n); sub(/x\).*/, "", n); gsub(",", "", n); calls += n; next }
  /\*  / {
    gsub(",", "", $1)
    for (k = 1; k <= NF; k++) if ($k == "*") name = $(k + 1)
    sub(/^.*:/, "", name)
    incl[name] = $1; ncalls[name] = calls
  }
  /^$/ { calls = 0 }
  END {
    ex = ncalls["evalGenericCommand"] / 2
    if (ex == 0) { print "no script calls found" > "/dev/stderr"; exit 1 }
    printf "%d exchanges (script calls / 2), per exchange:\n", ex
    split("evalGenericCommand luaCallFunction lua_pushlstring lua_rawseti scriptCall __snprintf_chk __sprintf_chk strtod", f, " ")
    for (k = 1; k in f; k++) printf "  %-20s %9.1f K instructions, %6.2f calls\n", f[k], incl[f[k]] / ex / 1000, ncalls[f[k]] / ex
  }'
# The callgrind file goes with the temp dir unless asked for (KEEP_CALLGRIND=FILE).
if [ -n "${KEEP_CALLGRIND:-}" ]; then
  cp "$OUT/cg.out" "$KEEP_CALLGRIND"
  echo "(callgrind output: $KEEP_CALLGRIND)"
fi
