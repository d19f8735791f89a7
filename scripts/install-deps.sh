#!/usr/bin/env bash
# Installs the Debian 12 packages tfgraph needs to build and test.
# Rerunnable: installs only what is missing.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config
  libprotobuf-dev protobuf-compiler
  libncurses-dev libfmt-dev libre2-dev libleveldb-dev libsnappy-dev
  libgtest-dev googletest
  clang libclang-rt-14-dev
  python3 python3-venv
  tmux groff-base mandoc man-db
  strace
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
