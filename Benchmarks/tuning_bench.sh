#!/usr/bin/env bash
# Tuning benchmarks, Atelier vs Syne Tune 0.16 (venv at $SYNETUNE_VENV, default /work/venvs/synetune).
#   1. Scheduler overhead per decision, both driven by a simulated backend (virtual time).
#   2. Anytime best val_error against wall time on the real trial script, several seeds:
#      Atelier ASHA, Atelier random search, Syne Tune ASHA, Syne Tune random search.
# Usage: Benchmarks/tuning_bench.sh [BUDGET_SECONDS=40] [WORKERS=2] [SEEDS="0 1 2"]
# Needs a built atelier: swift build -c release --product atelier (ATELIER=path overrides).
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET=${1:-40}
WORKERS=${2:-2}
SEEDS=${3:-"0 1 2"}
VENV=${SYNETUNE_VENV:-/work/venvs/synetune}
ATELIER=${ATELIER:-$(swift build -c release --product atelier --show-bin-path 2>/dev/null)/atelier}
OUT=$(mktemp -d /tmp/atelier-tuning-bench.XXXXXX)
SCRIPT=$PWD/Tests/TuningTests/Scripts/train_curve.py
echo "results in $OUT"

echo "== overhead (simulated backend, 2000 trials, 4 workers) =="
for seed in $([ -n "${SKIP_OVERHEAD:-}" ] || echo "$SEEDS"); do
  echo "atelier   seed $seed: $("$ATELIER" tune simulate Benchmarks/tuning_asha.yaml --seed "$seed" --json | tr -d '\n ')"
  echo "synetune  seed $seed: $("$VENV/bin/python" Benchmarks/synetune_overhead.py "$seed" 2>/dev/null)"
done

[ -n "${SKIP_ANYTIME:-}" ] && exit 0
echo "== anytime (real processes, budget ${BUDGET}s, $WORKERS workers) =="
for seed in $SEEDS; do
  for kind in asha random; do
    if [ "$kind" = asha ]; then
      sched="{type: asha, metric: val_error, mode: min, time_attr: epoch, max_t: 9, grace_period: 1, reduction_factor: 3}"
    else
      sched="{type: random_search, metric: val_error, mode: min, time_attr: epoch, max_t: 9}"
    fi
    cat > "$OUT/$kind-$seed.yaml" <<SPEC
name: $kind-$seed
command: [python3, $SCRIPT]
config_space:
  x: {uniform: [0.0, 1.0]}
  lr: {loguniform: [1.0e-4, 1.0]}
  epochs: 9
  sleep: 0.1
scheduler: $sched
n_workers: $WORKERS
stop: {max_wallclock_time: $BUDGET}
seed: $seed
SPEC
    "$ATELIER" tune run "$OUT/$kind-$seed.yaml" --data-dir "$OUT/atelier" --quiet > /dev/null
    SYNETUNE_FOLDER="$OUT/synetune" "$VENV/bin/python" Benchmarks/synetune_anytime.py "$kind" "$seed" "$BUDGET" "$WORKERS" \
      "$OUT/synetune-$kind-$seed.json" > /dev/null 2>&1
    echo "seed $seed $kind done"
  done
done
python3 Benchmarks/tuning_compare.py "$OUT" "$BUDGET" $SEEDS
