#!/usr/bin/env bash
# Coverage-guided fuzzing of nnlite's parsers with libFuzzer (issue 16).
#   scripts/fuzz.sh [seconds] [harness...]   default: 60 s each, every harness
#   FUZZ_RUNS=1000000 scripts/fuzz.sh 600   stops each at a million executions
# Builds the parsers with clang + AddressSanitizer + UndefinedBehaviorSanitizer +
# coverage instrumentation, links each fuzz/fuzz_*.cpp with them into a
# libFuzzer binary in build/fuzz and runs it, one at a time (nice 15: the machine is shared),
# on a working corpus in build/fuzz/corpus/<name> seeded from fuzz/corpus/<name>
# (files nnlite wrote: fuzz/make_seeds.py) and fuzz/regressions/<name> (inputs
# that once failed). A crash input lands in build/fuzz/findings/<name>; add it
# to fuzz/regressions/<name> once fixed. Needs clang, libclang-rt-dev and libomp-dev.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  harnesses=(safetensors json graph idx cifar loader)
fi
cxx="${CXX_FUZZ:-clang++}"
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -gline-tables-only"
# The parsers (io, the graph loader and interpreter, the loader's batch code)
# are compiled with instrumentation into each harness, where they take the
# place of the same functions in the development build's libnnlite.so (built
# by scripts/dev-build.sh, uninstrumented): a full instrumented build of the
# core takes an hour on two shared cores, these sources a few minutes.
scripts/dev-build.sh >/dev/null
lib="$PWD/build/dev/cpp"
objdir=build/fuzz/obj
mkdir -p "$objdir"
objs=()
for src in cpp/src/io/*.cpp cpp/src/data/*.cpp cpp/src/exported/load.cpp cpp/src/exported/run.cpp \
           cpp/src/exported/attrs.cpp cpp/src/exported/optimize.cpp cpp/src/exported/fused_step.cpp \
           cpp/src/ops/fold_batch_norm.cpp; do
  obj="$objdir/$(echo "$src" | tr / _).o"
  if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ]; then
    nice -n 15 "$cxx" -std=c++17 $san -fsanitize=fuzzer-no-link -O1 -fPIC -fopenmp -Icpp/include -Icpp/src \
      -c "$src" -o "$obj"
  fi
  objs+=("$obj")
done
for h in "${harnesses[@]}"; do
  bin="build/fuzz/fuzz_$h"
  nice -n 15 "$cxx" -std=c++17 $san -fsanitize=fuzzer -O1 -Icpp/include -Icpp/src -Ifuzz "fuzz/fuzz_$h.cpp" \
    "${objs[@]}" -L"$lib" -lnnlite -Wl,-rpath,"$lib" -lz -fopenmp -o "$bin"
  work="build/fuzz/corpus/$h" findings="build/fuzz/findings/$h"
  mkdir -p "$work" "$findings"
  seeds=()
  for d in "fuzz/corpus/$h" "fuzz/regressions/$h"; do
    [ -d "$d" ] && seeds+=("$d")
  done
  dict=()
  [ -f "fuzz/dict/$h.dict" ] && dict=(-dict="fuzz/dict/$h.dict")
  echo "== fuzz_$h: $seconds s"
  # malloc_limit: an input that makes the parser allocate past 2 GB is a finding
  # (nnlite promises memory bounded by the input's size).
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
    nice -n 15 "$bin" "$work" "${seeds[@]}" "${dict[@]}" -max_total_time="$seconds" -runs="${FUZZ_RUNS:--1}" -rss_limit_mb=4096 \
    -malloc_limit_mb=2048 -timeout=20 -print_final_stats=1 -artifact_prefix="$findings/" 2>&1 | \
    grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY|Done)|runtime error" || true
done
