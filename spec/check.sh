#!/bin/sh
# Checks spec/pipedrive.yaml: installs the pinned tools, lints the spec with
# Redocly CLI, and validates every example against its schema.
# Run from anywhere: sh spec/check.sh
set -eu
spec_dir=$(cd "$(dirname "$0")" && pwd)
npm ci --prefix "$spec_dir" --no-audit --no-fund --loglevel=error >/dev/null
cd "$spec_dir"
npx --no-install redocly lint pipedrive.yaml --config redocly.yaml
node check-examples.mjs pipedrive.yaml
