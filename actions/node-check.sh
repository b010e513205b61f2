#!/usr/bin/env bash
# First step of every stepwarden composite action: the steps run `node` from PATH, which inside a
# `container:` job is the container's node (composite steps run in the job's container), not the
# runner's. Fail with the fix instead of a JavaScript error from an old Node.
v="$(node -p 'process.versions.node' 2>/dev/null || true)"
major="${v%%.*}"
if [[ ! "$major" =~ ^[0-9]+$ ]] || ((major < 20)); then
  where="$(command -v node || echo 'not found')"
  echo "::error title=stepwarden needs Node.js 20 or newer::node on PATH is ${v:-missing} (${where}). Composite action steps run inside the job's container: in a 'container:' job the image must provide Node.js 20+ (e.g. node:20-slim, or install it), or run the stepwarden step in a job without 'container:'. On a runner without it, add actions/setup-node with node-version: 20 before this step."
  exit 1
fi
