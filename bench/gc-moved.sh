#!/bin/sh
# Bytes V8's scavenger copied over one whole `check` (sum of `promoted` and `new_space_survived` of
# every GC in --trace-gc-nvp): a measure of GC work that does not move with the machine's load.
#   sh bench/gc-moved.sh BUNDLE REPO        e.g. sh bench/gc-moved.sh dist/index.js /tmp/repo
set -u
node --trace-gc-nvp "$1" check "$2" --format json | grep -a "pause=" | node -e '
let n = 0, promoted = 0, survived = 0, pause = 0;
for (const line of require("node:fs").readFileSync(0, "utf8").split("\n")) {
  if (!line) continue;
  const f = Object.fromEntries(line.split(" ").filter((kv) => kv.includes("=")).map((kv) => kv.split("=")));
  n++; promoted += Number(f.promoted ?? 0); survived += Number(f.new_space_survived ?? 0); pause += Number(f.pause ?? 0);
}
const mb = (b) => (b / 1e6).toFixed(1);
console.log(`${process.argv[1]}: ${n} GCs; promoted ${mb(promoted)} MB, survived in new space ${mb(survived)} MB, moved ${mb(promoted + survived)} MB; pauses ${pause.toFixed(0)} ms (load-dependent)`);
' "$1"
