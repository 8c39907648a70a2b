#!/usr/bin/env bash
# run-benchmarks.sh — training throughput of Latent Space against PyTorch
#
# Copyright 2026 The Latent Space authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   tests/bench/run-benchmarks.sh BUILD_DIR [THREADS]
#
# Runs build/tests/bench/bench-train (training vs OpenBLAS sgemm on the same
# shapes, in one run), then tests/bench/peer_torch.py (the same network in
# PyTorch, same threads, bundled digits, k-means ACC/NMI on its codes), and
# prints the ratio of the two training throughputs; then the clustering,
# drawing, window, code-space and default-run benchmarks. The machine may be shared:
# the C benchmark's own ratio (training / sgemm) is measured step by step in
# one run and is the steadier figure; the ratio to PyTorch compares two runs.
# Environment: PEER_EPOCHS (default 3), PYTHON (a python3 that has torch).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: run-benchmarks.sh BUILD_DIR [THREADS]}
threads=${2:-2}
bench=$build/tests/bench/bench-train

if [ ! -x "$bench" ]; then
  echo "run-benchmarks.sh: $bench is missing; configure with -Dbenchmarks=true and build" >&2
  exit 1
fi

# Debian's python3-torch lives in the system python, which a pyenv or venv
# python3 earlier in PATH does not see.
python=${PYTHON:-}
if [ -z "$python" ]; then
  for candidate in python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import torch' 2>/dev/null; then
      python=$candidate
      break
    fi
  done
fi

result_field() { # LINE FIELD
  tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"
}

echo "== Latent Space: bench-train $threads"
ours=$("$bench" "$threads" | tee /dev/stderr | grep '^RESULT')

# The other figures the README reports, each measured against its limit or a
# peer in the same run.
others() {
  echo "== k-means, PCA and metrics at the trainer's sizes: bench-cluster"
  OPENBLAS_NUM_THREADS=1 "$build/tests/bench/bench-cluster"
  echo "== scatter plot drawing (stamped dots vs one cairo_arc per point): bench-scatter"
  xvfb-run -a -s "-screen 0 1280x800x24" "$build/tests/bench/bench-scatter" || true
  echo "== the live window (snapshots shown, main-loop stalls, throughput): bench-window 30"
  GDK_DEBUG=gl-disable xvfb-run -a -s "-screen 0 1280x800x24" "$build/tests/bench/bench-window" 30 || true
  echo "== k-means accuracy in four code spaces: bench-code-space"
  "$build/tests/bench/bench-code-space"
  echo "== default headless runs, three seeds (ACC, wall time, peak RSS): bench-headless.py"
  python3 "$here/bench-headless.py" "$build"
  echo "== what each step adds, on the digits and generated rings: bench-grouping"
  "$build/tests/bench/bench-grouping"
}

if [ -z "$python" ]; then
  echo "run-benchmarks.sh: no python3 with torch (apt install python3-torch python3-sklearn); no peer" >&2
  others
  exit 0
fi

echo "== PyTorch: peer_torch.py --threads $threads --epochs ${PEER_EPOCHS:-3} --cluster"
peer=$("$python" "$here/peer_torch.py" --threads "$threads" --epochs "${PEER_EPOCHS:-3}" --cluster \
  | tee /dev/stderr | grep '^RESULT')

ours_rate=$(result_field "$ours" samples_per_s)
peer_rate=$(result_field "$peer" samples_per_s)
echo "== summary ($threads threads)"
awk -v o="$ours_rate" -v p="$peer_rate" \
    -v og="$(result_field "$ours" gflops)" -v pg="$(result_field "$peer" gflops)" \
    -v sg="$(result_field "$ours" sgemm_gflops)" -v r="$(result_field "$ours" ratio)" 'BEGIN {
  printf "Latent Space: %.0f samples/s, %.1f GFLOP/s (%.0f%% of sgemm alone, %.1f GFLOP/s)\n", o, og, 100 * r, sg
  printf "PyTorch:      %.0f samples/s, %.1f GFLOP/s\n", p, pg
  printf "Latent Space / PyTorch: %.2fx\n", o / p
}'

others
