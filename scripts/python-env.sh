#!/usr/bin/env bash
# Creates (once) and prints the path of a cached Python virtual environment
# with tensorflow-cpu and the test tools. Rerunnable; the cache lives outside
# the work tree so a fresh clone reuses it.
set -euo pipefail
TF_VERSION="2.15.1"
root="${TFGRAPH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tfgraph}"
venv="$root/venv-tf$TF_VERSION"
stamp="$venv/.tfgraph-ready-4"
if [ ! -f "$stamp" ]; then
  echo "python-env: preparing $venv (tensorflow-cpu $TF_VERSION)" >&2
  mkdir -p "$root"
  base_python="${TFGRAPH_BASE_PYTHON:-python3}"
  [ -x "$venv/bin/python" ] || "$base_python" -m venv "$venv" >&2
  "$venv/bin/python" -m pip install -q --upgrade pip >&2
  "$venv/bin/python" -m pip install -q "tensorflow-cpu==$TF_VERSION" "numpy<2" pytest >&2
  # Downstream consumers of frozen graphs (tests/conformance/test_freeze.py).
  "$venv/bin/python" -m pip install -q "tf2onnx==1.17.0" "onnx==1.17.0" \
    "onnxruntime==1.20.1" "opencv-python-headless==4.11.0.86" "numpy<2" >&2
  touch "$stamp"
fi
echo "$venv/bin/python"
