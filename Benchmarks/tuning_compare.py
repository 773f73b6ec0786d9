"""Summarises Benchmarks/tuning_bench.sh's anytime runs: best val_error so far at fractions of the
budget, per system and scheduler, averaged over seeds. Usage: tuning_compare.py OUT BUDGET SEEDS..."""
import csv
import json
import statistics
import sys
from pathlib import Path

out, budget, seeds = Path(sys.argv[1]), float(sys.argv[2]), sys.argv[3:]
checkpoints = [budget * f for f in (0.25, 0.5, 0.75, 1.0)]


def best_at(rows, t):
    values = [v for (time, v) in rows if time <= t]
    return min(values) if values else float("nan")


def atelier(kind, seed):
    with open(out / "atelier/tune" / f"{kind}-{seed}" / "results.csv") as f:
        return [(float(r["st_tuner_time"]), float(r["val_error"])) for r in csv.DictReader(f)]


def synetune(kind, seed):
    return [(r["t"], r["v"]) for r in json.loads((out / f"synetune-{kind}-{seed}.json").read_text())]


print(f"| system | scheduler | " + " | ".join(f"best @ {t:.0f}s" for t in checkpoints) + " | results |")
print("|---|---|" + "---|" * (len(checkpoints) + 1))
for system, load in (("Atelier", atelier), ("Syne Tune", synetune)):
    for kind in ("asha", "random"):
        runs = [load(kind, s) for s in seeds]
        cells = [statistics.mean(best_at(r, t) for r in runs) for t in checkpoints]
        count = statistics.mean(len(r) for r in runs)
        print(f"| {system} | {kind} | " + " | ".join(f"{c:.4f}" for c in cells) + f" | {count:.0f} |")
