"""Syne Tune side of the anytime-performance benchmark: ASHA or random search on the real trial
script (Tests/TuningTests/Scripts/train_curve.py, 9 epochs, 0.1 s per epoch) with the local backend.

Usage: /work/venvs/synetune/bin/python Benchmarks/synetune_anytime.py {asha|random} SEED BUDGET WORKERS OUT.json
Writes the (st_tuner_time, val_error) of every result to OUT.json.
"""
import json
import logging
import os
import sys
import tempfile
from pathlib import Path

scheduler_name, seed, budget, workers, out = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
os.environ.setdefault("SYNETUNE_FOLDER", tempfile.mkdtemp(prefix="synetune-bench-"))
logging.getLogger().setLevel(logging.WARNING)

from syne_tune import StoppingCriterion, Tuner  # noqa: E402
from syne_tune.backend import LocalBackend  # noqa: E402
from syne_tune.config_space import loguniform, uniform  # noqa: E402
from syne_tune.optimizer.baselines import ASHA, RandomSearch  # noqa: E402

script = Path(__file__).resolve().parent.parent / "Tests/TuningTests/Scripts/train_curve.py"
space = {"x": uniform(0.0, 1.0), "lr": loguniform(1e-4, 1.0), "epochs": 9, "sleep": 0.1}
if scheduler_name == "asha":
    scheduler = ASHA(space, metric="val_error", time_attr="epoch", max_t=9, do_minimize=True, random_seed=seed,
                     grace_period=1, reduction_factor=3)
else:
    scheduler = RandomSearch(space, metrics=["val_error"], do_minimize=True, random_seed=seed)
tuner = Tuner(trial_backend=LocalBackend(entry_point=str(script)), scheduler=scheduler,
              stop_criterion=StoppingCriterion(max_wallclock_time=budget), n_workers=workers,
              sleep_time=0.1, results_update_interval=5, save_tuner=False, tuner_name=f"bench-{scheduler_name}-{seed}")
tuner.run()
from syne_tune.experiments import load_experiment  # noqa: E402

df = load_experiment(tuner.name).results
rows = [{"t": float(t), "v": float(v)} for t, v in zip(df["st_tuner_time"], df["val_error"])]
Path(out).write_text(json.dumps(rows))
