#!/bin/sh
# Checks the hand-maintained specs (spec/pipedrive.yaml for API v1 and
# spec/pipedrive-v2.yaml for API v2): installs the pinned tools, lints each
# spec with Redocly CLI, and validates every example against its schema.
# Run from anywhere: sh spec/check.sh
set -eu
spec_dir=$(cd "$(dirname "$0")" && pwd)
npm ci --prefix "$spec_dir" --no-audit --no-fund --loglevel=error >/dev/null
cd "$spec_dir"
for spec in pipedrive.yaml pipedrive-v2.yaml; do
  npx --no-install redocly lint "$spec" --config redocly.yaml
  node check-examples.mjs "$spec"
done
