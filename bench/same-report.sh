#!/bin/sh
# Asserts that two bundles report byte-identically on one repository (the perf work must not change
# what `check` says): bench/same-report.sh OLD_BUNDLE NEW_BUNDLE REPO [FORMAT]
set -u
old=$1 new=$2 repo=$3 format=${4:-json}
a=$(mktemp) b=$(mktemp)
node "$old" check "$repo" --format "$format" > "$a"; ca=$?
node "$new" check "$repo" --format "$format" > "$b"; cb=$?
if [ "$ca" != "$cb" ]; then echo "exit codes differ: $ca vs $cb"; exit 1; fi
if ! cmp -s "$a" "$b"; then echo "reports differ ($format):"; diff "$a" "$b" | head -20; exit 1; fi
echo "identical ($format, exit $ca, $(wc -c < "$a") bytes)"
rm -f "$a" "$b"
