#!/usr/bin/env bash
# Installs what is missing, builds tfgraph, and runs it on a bundled sample.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
TFGRAPH_BUILD_DIR=build scripts/build.sh -DTFGRAPH_BUILD_TESTS=OFF
sample=samples/tf1_saved_model
if [ -t 0 ] && [ -t 1 ] && ./build/tfgraph --has-tui 2>/dev/null; then
  exec ./build/tfgraph "$sample"
fi
exec ./build/tfgraph info "$sample"
