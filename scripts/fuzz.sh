#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz/ (see tests/fuzz/CMakeLists.txt).
#
#   scripts/fuzz.sh [-b BUILD_DIR] [-t SECONDS] [--smoke | --regress] [TARGET...]
#
# Without TARGETs, every *_fuzzer in BUILD_DIR/tests/fuzz runs in turn, each
# for SECONDS (default 60). BUILD_DIR (default build-asan) is configured and
# built with clang, ASan+UBSan and -DTFGRAPH_FUZZ=ON when it does not exist.
#
# Seeds are generated at run time into BUILD_DIR/fuzz/<target>/seeds from
# samples/ and the shared corpus ($TFGRAPH_CORPUS, default ../shared/corpus;
# used when present) by scripts/fuzz_seeds.sh; nothing is copied into the
# repository. New interesting inputs accumulate in BUILD_DIR/fuzz/<target>/corpus
# across runs; crashing inputs land in BUILD_DIR/fuzz/<target>/artifacts/.
#
# --smoke    fixed random seed, no corpus kept between runs (CI).
# --regress  no fuzzing: run each target once on tests/fuzz/regressions/<target>/*.
#
# Prints one line per target ("fuzz: <target>: N execs in S s, C corpus inputs,
# no findings" or the crashing input) and a total; exits 1 if any target
# crashed, leaked, timed out or ran out of memory.
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
build="$src/build-asan"
seconds=60
mode=fuzz
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    -b) build="$(cd "$2" 2>/dev/null && pwd || echo "$2")"; shift 2 ;;
    -t) seconds="$2"; shift 2 ;;
    --smoke) mode=smoke; shift ;;
    --regress) mode=regress; shift ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done

if [ ! -d "$build/tests/fuzz" ]; then
  echo "fuzz.sh: configuring $build (clang, ASan+UBSan, libFuzzer)" >&2
  CC=clang CXX=clang++ cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTFGRAPH_SANITIZE=ON -DTFGRAPH_FUZZ=ON -DTFGRAPH_WERROR=OFF >/dev/null
  cmake --build "$build" -j2
fi
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$build"/tests/fuzz/*_fuzzer; do [ -x "$f" ] && targets+=("$(basename "$f")"); done
fi
if [ ${#targets[@]} -eq 0 ]; then
  echo "fuzz.sh: no fuzz targets in $build/tests/fuzz" >&2
  exit 2
fi

# Leaks are findings; a crash stops the run (libFuzzer keeps the input).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:halt_on_error=1:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

total_execs=0
failed=0
for target in "${targets[@]}"; do
  bin="$build/tests/fuzz/$target"
  [ -x "$bin" ] || { echo "fuzz: $target: not built" >&2; failed=$((failed + 1)); continue; }
  work="$build/fuzz/$target"
  regressions="$src/tests/fuzz/regressions/$target"
  mkdir -p "$work/artifacts"
  log="$work/last.log"

  if [ "$mode" = regress ]; then
    files=()
    [ -d "$regressions" ] && while IFS= read -r f; do files+=("$f"); done \
      < <(find "$regressions" -type f | sort)
    if [ ${#files[@]} -eq 0 ]; then
      echo "fuzz: $target: no regression inputs"
      continue
    fi
    if "$bin" -rss_limit_mb=2560 -malloc_limit_mb=1024 -timeout=20 "${files[@]}" >"$log" 2>&1; then
      echo "fuzz: $target: ${#files[@]} regression inputs pass"
    else
      tail -n 60 "$log" >&2
      echo "fuzz: $target: a regression input fails (log: $log)"
      failed=$((failed + 1))
    fi
    continue
  fi

  rm -rf "$work/seeds"
  "$src/scripts/fuzz_seeds.sh" "$target" "$work/seeds"
  [ "$mode" = smoke ] && rm -rf "$work/corpus"
  mkdir -p "$work/corpus"
  dirs=("$work/corpus" "$work/seeds")
  [ -d "$regressions" ] && dirs+=("$regressions")
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 -malloc_limit_mb=1024
        -max_len=1048576 -print_final_stats=1
        -artifact_prefix="$work/artifacts/")
  [ "$mode" = smoke ] && args+=(-seed=1)
  dict="$src/tests/fuzz/$target.dict"
  [ -f "$dict" ] && args+=(-dict="$dict")
  status=0
  "$bin" "${args[@]}" "${dirs[@]}" >"$log" 2>&1 || status=$?
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  secs="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)"
  execs="${execs:-0}"
  total_execs=$((total_execs + execs))
  inputs="$(find "$work/corpus" -type f | wc -l)"
  if [ "$status" -eq 0 ]; then
    echo "fuzz: $target: $execs execs in ${seconds} s (${secs:-0}/s), $inputs new corpus inputs, no findings"
  else
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|artifact_prefix|Test unit written)' "$log" \
      | head -n 20 >&2 || true
    tail -n 40 "$log" >&2
    echo "fuzz: $target: FINDING after $execs execs (exit $status); input in $work/artifacts/, log $log"
    failed=$((failed + 1))
  fi
done
if [ "$mode" != regress ]; then
  echo "fuzz: total $total_execs executions over ${#targets[@]} targets, $failed with findings"
fi
[ "$failed" -eq 0 ]
