#!/usr/bin/env bash
# Tensor/NeuralNet benchmarks, recorded in BENCHMARKS.md. Run from the repository root:
#   Benchmarks/tensor_bench.sh [python-with-torch]
# (a) SGEMM GFLOP/s through Tensor vs a raw cblas_sgemm call, with Atelier's kernel selection and with
#     OpenBLAS's own CPU detection (ATELIER_BLAS_AUTOSELECT=0);
# (b) LSTM forward+backward tokens/s vs PyTorch CPU (2 threads), alternating the two tools in one run.
set -euo pipefail
PYTHON=${1:-/work/venvs/torch/bin/python}
ROUNDS=${ROUNDS:-3}
ATELIER_SLICE=ml swift build -c release --product TensorBench 2>&1 | tail -1
BIN=.build/release/TensorBench
echo "== machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== (a) SGEMM, kernel chosen by Atelier"
$BIN sgemm 15
echo "== (a) SGEMM, OpenBLAS's own detection (ATELIER_BLAS_AUTOSELECT=0)"
ATELIER_BLAS_AUTOSELECT=0 $BIN sgemm 5
echo "== (a) SGEMM, OpenBLAS's fallback kernel when its detection fails (OPENBLAS_CORETYPE=Prescott, user-set, respected)"
OPENBLAS_CORETYPE=Prescott $BIN sgemm 3
echo "== (b) LSTM, $ROUNDS alternating rounds of 5 iterations each"
for round in $(seq "$ROUNDS"); do
    $BIN lstm 5 | tail -1
    "$PYTHON" Benchmarks/lstm_pytorch.py 5 2
done
echo "== (b) PyTorch with 1 thread, for reference (its OpenMP threads suffer most when the cores are shared)"
"$PYTHON" Benchmarks/lstm_pytorch.py 5 1
echo "== (b) LSTM with glibc's default malloc thresholds (TENSORBENCH_MALLOC=default)"
TENSORBENCH_MALLOC=default $BIN lstm 5 | tail -1
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
