#!/usr/bin/env bash
# Builds Roundtable's libFuzzer targets (Fuzz/) with the address sanitizer and coverage for libFuzzer, in their own
# build folder (.build-fuzz; the normal build is unchanged), and runs them.
#
#   scripts/fuzz.sh                     every target for 20 s on its corpus (what ./scripts/test.sh runs)
#   scripts/fuzz.sh TARGET [SECONDS]    one target (FuzzSignedNote, FuzzAct, …; see targets below) for as long as asked
#
# A crash, a leak, a broken property or an input that takes more than 10 s stops the target: libFuzzer prints the
# input and writes it to .build-fuzz/findings/, and the script exits non-zero. Each run starts from the committed seeds
# in Fuzz/Corpus/TARGET and keeps what it learns in .build-fuzz/corpus/TARGET.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(FuzzSignedNote FuzzAct FuzzJSON FuzzSTIX FuzzPageCursor FuzzTilePath FuzzCheckpoint FuzzCosignature FuzzReceipt
         FuzzMerkleProof FuzzFounders FuzzMarkdown)
if [ $# -ge 1 ]; then targets=("$1"); fi
seconds="${2:-20}"

# libFuzzer without its own main: SwiftPM names an executable's entry point itself, and each target's main calls
# libFuzzer's driver (Fuzz/FuzzDriver).
no_main="$(ls "$(dirname "$(readlink -f "$(command -v swift)")")"/../lib/swift/clang/lib/linux/libclang_rt.fuzzer_no_main-*.a | head -1)"
flags=(-c release --build-path .build-fuzz
       -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table
       -Xlinker "$no_main" -Xlinker -lstdc++)
for target in "${targets[@]}"; do
  ROUNDTABLE_FUZZ=1 swift build "${flags[@]}" --product "$target" 2>&1 | grep -E "error|warning: unre|Compiling Fuzz|Build of" || true
  test -x ".build-fuzz/release/$target" || { echo "fuzz: $target did not build" >&2; exit 1; }
done

mkdir -p .build-fuzz/findings
status=0
for target in "${targets[@]}"; do
  corpus=".build-fuzz/corpus/$target"
  mkdir -p "$corpus"
  dictionary=()
  if [ -f "Fuzz/Dictionaries/$target.dict" ]; then dictionary=(-dict="Fuzz/Dictionaries/$target.dict"); fi
  echo "fuzz: $target for ${seconds} s"
  if ! ".build-fuzz/release/$target" "${dictionary[@]}" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
      -artifact_prefix=".build-fuzz/findings/$target-" "$corpus" "Fuzz/Corpus/$target" > ".build-fuzz/$target.log" 2>&1; then
    status=1
    echo "fuzz: $target FAILED; the input is in .build-fuzz/findings/ (end of its log below)" >&2
    tail -40 ".build-fuzz/$target.log" >&2
  else
    grep -E "^stat::number_of_executed_units|^stat::average_exec_per_sec" ".build-fuzz/$target.log" | tr '\n' ' '
    echo
  fi
done
exit $status
