#!/usr/bin/env bash
# Installs what is missing, builds tfgraph with its tests, prepares the cached
# TensorFlow environment, and runs every test (unit, CLI, conformance with real
# TensorFlow, reliability) through ctest. Rerunnable.
#
# Two builds, each running the whole suite:
#   build/       the normal build (gcc, -Wall -Wextra -Werror);
#   build-asan/  clang with AddressSanitizer + UBSan (leak checking on, -O1,
#                asserts on) and the libFuzzer targets; its ctest also runs
#                every fuzz target briefly (fuzz.smoke.*, TFGRAPH_FUZZ_SMOKE_SECONDS
#                each, default 20) and on its saved crash inputs (fuzz.regress.*).
#                The Python suites there run the sanitized tfgraph (TFGRAPH_BIN).
# TFGRAPH_SKIP_SANITIZE=1 runs the normal build only.
# The fuzz targets are built only when clang can link -fsanitize=fuzzer
# (Debian: clang + libclang-rt-14-dev, which install-deps.sh installs); if it
# cannot, the sanitized pass still runs, without them, and says so.
#
# Each phase prints how long it took ("test.sh: <phase>: N s"). The last line
# is the combined count: "N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
phase_start=$SECONDS
phase() {
  echo "test.sh: $1: $((SECONDS - phase_start)) s" >&2
  phase_start=$SECONDS
}
scripts/install-deps.sh
phase "install Debian packages"
python="$(scripts/python-env.sh)"
phase "TensorFlow venv"
TFGRAPH_BUILD_DIR=build scripts/build.sh -DTFGRAPH_BUILD_TESTS=ON -DTFGRAPH_PYTHON="$python"
phase "normal build"

# True if clang links a libFuzzer target with ASan+UBSan here.
libfuzzer_links() {
  command -v clang++ >/dev/null || return 1
  local dir ok=1
  dir="$(mktemp -d)"
  printf '%s\n' '#include <cstddef>' '#include <cstdint>' \
    'extern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t) { return 0; }' \
    >"$dir/probe.cc"
  clang++ -fsanitize=fuzzer,address,undefined "$dir/probe.cc" -o "$dir/probe" \
    >/dev/null 2>&1 && ok=0
  rm -rf "$dir"
  return $ok
}

sanitize=1
[ "${TFGRAPH_SKIP_SANITIZE:-0}" = 1 ] && sanitize=0
if [ "$sanitize" = 1 ]; then
  fuzz=OFF
  if libfuzzer_links; then
    fuzz=ON
  else
    echo "test.sh: clang cannot link -fsanitize=fuzzer here: the sanitized pass runs" \
      "without the fuzz targets" >&2
  fi
  cc=clang cxx=clang++
  command -v clang++ >/dev/null || cc=gcc cxx=g++
  CC=$cc CXX=$cxx TFGRAPH_BUILD_DIR=build-asan scripts/build.sh \
    -DTFGRAPH_BUILD_TESTS=ON -DTFGRAPH_PYTHON="$python" \
    -DTFGRAPH_SANITIZE=ON -DTFGRAPH_FUZZ="$fuzz" -DTFGRAPH_WERROR=OFF \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g" \
    -DTFGRAPH_FUZZ_SMOKE_SECONDS="${TFGRAPH_FUZZ_SMOKE_SECONDS:-20}"
  phase "ASan+UBSan build (fuzz targets: $fuzz)"
fi

# Runs ctest in a build dir; prints its output and remembers its counts.
passed=0
failed=0
summaries=()
run_ctest() {
  local dir="$1" label="$2" log status=0
  log="$(mktemp)"
  (cd "$dir" && ctest -j2 --output-on-failure --timeout 1800) 2>&1 | tee "$log" || status=$?
  local line
  line="$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1 || true)"
  if [ -n "$line" ]; then
    local total nfail
    total="$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line")"
    nfail="$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<<"$line")"
    passed=$((passed + total - nfail))
    failed=$((failed + nfail))
    summaries+=("$label: $line")
  else
    failed=$((failed + 1))
    summaries+=("$label: ctest did not finish (exit $status)")
  fi
  rm -f "$log"
}

run_ctest build "normal build"
phase "normal test suite"
if [ "$sanitize" = 1 ]; then
  # Any sanitizer report aborts the process, so the test that ran it fails.
  export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:halt_on_error=1:symbolize=1:detect_stack_use_after_return=0"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
  run_ctest build-asan "ASan+UBSan build"
  phase "ASan+UBSan test suite"
fi
echo "test.sh: total $((SECONDS - start)) s" >&2

echo
for s in "${summaries[@]}"; do echo "$s"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
