#!/usr/bin/env bash
# run-fuzz.sh — builds the libFuzzer targets with clang and runs each for a
# chosen time on a scratch copy of its seed corpus
#
# Copyright 2026 The Latent Space authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   tests/fuzz/run-fuzz.sh [TARGET|all] SECONDS
#
# TARGET is one of the names below (fuzz-TARGET.c). One line per target says
# "fuzz-TARGET: passed" or "fuzz-TARGET: failed"; the exit status is
# non-zero when any failed. A crash leaves its input in build-fuzz/crashes/;
# once the loader is fixed it joins tests/fuzz/corpus/TARGET/ as crash-NAME,
# where fuzz-replay-TARGET runs it with every test run. The corpus in the
# tree is only read: what the fuzzer finds goes into a scratch copy.
set -euo pipefail
cd "$(dirname "$0")/../.."

targets=(dataset idx csv folder model-file)
build=build-fuzz

usage() {
  local IFS='|'
  echo "usage: tests/fuzz/run-fuzz.sh [${targets[*]}|all] SECONDS" >&2
  exit 2
}

[ $# -eq 2 ] || usage
case $2 in '' | *[!0-9]*) usage ;; esac
seconds=$2
if [ "$1" = all ]; then
  chosen=("${targets[@]}")
elif [[ " ${targets[*]} " == *" $1 "* ]]; then
  chosen=("$1")
else
  usage
fi

# The project built with clang and the sanitizers; -fsanitize=fuzzer-no-link
# lets libFuzzer see coverage in the engine, not only in the target.
options=(-Db_sanitize=address,undefined -Db_lundef=false -Dbenchmarks=false
         -Dc_args=-fsanitize=fuzzer-no-link)
if [ -f "$build/build.ninja" ]; then
  meson configure "$build" "${options[@]}" >/dev/null
else
  CC=clang meson setup "$build" "${options[@]}" >/dev/null
fi
meson compile -C "$build" "${chosen[@]/#/fuzz-}" >/dev/null

scratch=$(mktemp -d "${TMPDIR:-/tmp}/latent-fuzz-corpus-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$build/crashes" "$build/fuzz-logs"

# Undefined behaviour stops the run like a crash does; a critical warning
# (a g_return_if_fail that failed) is a bug too. One BLAS thread: the
# fuzzer runs on one core.
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
export G_DEBUG=fatal-criticals
export OPENBLAS_NUM_THREADS=1

failed=0
for target in "${chosen[@]}"; do
  log=$build/fuzz-logs/$target.log
  cp -r "tests/fuzz/corpus/$target" "$scratch/$target"
  echo "== fuzz-$target for $seconds s (log: $log)" >&2
  if "$build/tests/fuzz/fuzz-$target" "$scratch/$target" \
       -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$build/crashes/$target-" >"$log" 2>&1; then
    grep -E '^(Done|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)' \
      "$log" >&2 || true
    echo "fuzz-$target: passed"
  else
    tail -n 60 "$log" >&2
    crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
    echo "fuzz-$target: the input that failed is ${crash:-in $log}" >&2
    echo "fuzz-$target: failed"
    failed=1
  fi
done
exit $failed
