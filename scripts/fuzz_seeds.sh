#!/usr/bin/env bash
# Writes the seed inputs of one fuzz target into a folder, at run time, from
# samples/ and the shared corpus ($TFGRAPH_CORPUS, default ../shared/corpus;
# skipped with a note when absent). Nothing is copied into the repository.
#
#   scripts/fuzz_seeds.sh TARGET OUT_DIR
#
# Files above 1 MiB are left out (they slow every mutation down and add no
# format feature the smaller ones lack). Multi-file targets get their files
# joined with the part separator of tests/fuzz/fuzz_util.h ("\n#TFGPART").
# Seeds are named by content hash, so duplicates collapse.
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
target="$1"
out="$2"
corpus="${TFGRAPH_CORPUS:-$src/../shared/corpus}"
mkdir -p "$out"
roots=("$src/samples")
if [ -d "$corpus" ]; then
  roots+=("$corpus")
else
  echo "fuzz_seeds: shared corpus not found at $corpus; seeding from samples/ only" >&2
fi
max=1048576
sep=$'\n#TFGPART'

# Every regular file under the roots, NUL-separated, small enough.
files() { find "${roots[@]}" -type f -size -$((max + 1))c "$@" -print0 | sort -z; }

add_file() {  # add_file FILE: one seed holding FILE's bytes
  local h
  h="$(sha1sum <"$1" | cut -c1-16)"
  cp "$1" "$out/$h"
}

add_bytes() {  # add_bytes: one seed from stdin
  local tmp="$out/.tmp" h
  cat >"$tmp"
  h="$(sha1sum <"$tmp" | cut -c1-16)"
  mv "$tmp" "$out/$h"
}

is_table() {  # a LevelDB table ends with the 8-byte table magic
  [ "$(tail -c 8 "$1" | od -An -tx1 | tr -d ' \n')" = "57fb808b247547db" ]
}

case "$target" in
  tensor_ref_fuzzer)
    for s in x x:0 x:1 ^x import/x:0 ' x:12 ' 'a/b/c:3' 'f:output:0' '^f' 'arg' 'n:out:123456789'; do
      printf '%s' "$s" | add_bytes
    done ;;
  graphdef_fuzzer)
    while IFS= read -r -d '' f; do add_file "$f"; done \
      < <(files -name '*.pb' ! -name saved_model.pb ! -name fingerprint.pb ! -name keras_metadata.pb) ;;
  graph_head_fuzzer)
    while IFS= read -r -d '' f; do add_file "$f"; done \
      < <(files \( -name '*.pb' -o -name '*.meta' \) ! -name fingerprint.pb ! -name keras_metadata.pb) ;;
  graphdef_text_fuzzer)
    while IFS= read -r -d '' f; do add_file "$f"; done < <(files -name '*.pbtxt') ;;
  meta_graph_fuzzer)
    while IFS= read -r -d '' f; do add_file "$f"; done < <(files -name '*.meta') ;;
  saved_model_fuzzer)
    # saved_model.pb[txt] + variables.index + variables.data-00000-of-00001.
    while IFS= read -r -d '' f; do
      v="$(dirname "$f")/variables/variables"
      if [ -f "$v.index" ] && [ -f "$v.data-00000-of-00001" ] &&
         [ $(( $(stat -c %s "$f") + $(stat -c %s "$v.data-00000-of-00001") )) -le $max ]; then
        { cat "$f"; printf '%s' "$sep"; cat "$v.index"; printf '%s' "$sep"
          cat "$v.data-00000-of-00001"; } | add_bytes
      else
        add_file "$f"
      fi
    done < <(files \( -name saved_model.pb -o -name saved_model.pbtxt \)) ;;
  checkpoint_index_fuzzer)
    while IFS= read -r -d '' f; do add_file "$f"; done < <(files -name '*.index') ;;
  checkpoint_fuzzer)
    # index + first data shard of every one-shard V2 checkpoint.
    while IFS= read -r -d '' f; do
      data="${f%.index}.data-00000-of-00001"
      [ -f "$data" ] || continue
      { cat "$f"; printf '%s' "$sep"; cat "$data"; } | add_bytes
    done < <(files -name '*.index') ;;
  checkpoint_v1_fuzzer)
    while IFS= read -r -d '' f; do
      is_table "$f" && add_file "$f"
    done < <(files ! -name '*.index' ! -name '*.data-*' ! -name '*.pb' ! -name '*.meta' \
                   ! -name '*.txt') ;;
  cli_fuzzer)
    # argv vectors, NUL-separated (the command name is not part of them).
    for a in 'model' 'model\0--json' 'm\0--tag-set\0serve,gpu' 'm\0--tag-set=serve' \
             'm\0--match\0^dense.*\0--op=MatMul' 'm\0--\0--json' '--checkpoint\0c\0m' \
             'm\0--output\0a,b\0--output\0c' '--help' 'm\0--jsn' 'm\0--function\0f\0n'; do
      printf -- "$a" | add_bytes
    done ;;
  object_graph_fuzzer)
    # The _CHECKPOINTABLE_OBJECT_GRAPH string of every one-shard V2 checkpoint.
    while IFS= read -r -d '' f; do
      [ -f "${f%.index}.data-00000-of-00001" ] || continue
      python3 "$src/tests/reliability/tfformats.py" object-graph "${f%.index}" "$out/.og" \
        2>/dev/null && add_bytes <"$out/.og"
      rm -f "$out/.og"
    done < <(files -name '*.index') ;;
  *)
    # A target without a rule gets no seeds; libFuzzer starts from nothing.
    ;;
esac
n="$(find "$out" -type f | wc -l)"
echo "fuzz_seeds: $target: $n seeds" >&2
