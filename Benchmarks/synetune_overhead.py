"""Scheduler overhead per decision of Syne Tune's ASHA, driven by a discrete-event simulation.

The twin of `atelier tune simulate Benchmarks/tuning_asha.yaml`: same synthetic learning curve
(train_curve.py), 9 epochs of 0.1 virtual seconds, 4 workers, ASHA (grace 1, eta 3, max_t 9),
2000 trials. Only the time inside scheduler calls is counted; a decision is one suggest (with
on_trial_add) or one on_trial_result, as on Atelier's side.

Run with the Syne Tune venv: /work/venvs/synetune/bin/python Benchmarks/synetune_overhead.py [seed]
"""
import heapq
import json
import math
import sys
import time
from datetime import datetime

from syne_tune.backend.trial_status import Trial
from syne_tune.config_space import loguniform, uniform
from syne_tune.optimizer.baselines import ASHA


def val_error(x, lr, epoch):
    floor = 0.05 + 0.4 * (x - 0.3) ** 2 + 0.1 * abs(math.log10(lr) + 2.0)
    speed = 0.3 + 0.7 * math.exp(-abs(math.log10(lr) + 2.0))
    return floor + (1.0 - floor) * math.exp(-speed * epoch)


def main(seed=0, trials=2000, workers=4, max_t=9, epoch_seconds=0.1):
    space = {"x": uniform(0.0, 1.0), "lr": loguniform(1e-4, 1.0), "epochs": max_t, "sleep": epoch_seconds}
    scheduler = ASHA(space, metric="val_error", time_attr="epoch", max_t=max_t, do_minimize=True,
                     random_seed=seed, grace_period=1, reduction_factor=3)
    now, seq, started, running = 0.0, 0, 0, 0
    queue, live = [], {}
    overhead, decisions, results, best = 0.0, 0, 0, float("inf")
    while True:
        while running < workers and started < trials:
            t0 = time.perf_counter()
            suggestion = scheduler.suggest()
            trial = Trial(trial_id=started, config=suggestion.config, creation_time=datetime.now())
            scheduler.on_trial_add(trial)
            overhead += time.perf_counter() - t0
            decisions += 1
            live[started] = trial
            seq += 1
            heapq.heappush(queue, (now + epoch_seconds, seq, started, 1))
            started += 1
            running += 1
        if not queue:
            break
        now, _, trial_id, epoch = heapq.heappop(queue)
        trial = live[trial_id]
        value = val_error(trial.config["x"], trial.config["lr"], epoch)
        best = min(best, value)
        result = {"epoch": epoch, "val_error": value}
        t0 = time.perf_counter()
        decision = scheduler.on_trial_result(trial, result)
        overhead += time.perf_counter() - t0
        decisions += 1
        results += 1
        if decision == "STOP" or epoch >= max_t:
            running -= 1
        else:
            seq += 1
            heapq.heappush(queue, (now + epoch_seconds, seq, trial_id, epoch + 1))
    print(json.dumps({"trials": started, "results": results, "decisions": decisions,
                      "scheduler_us_per_decision": overhead / decisions * 1e6,
                      "virtual_seconds": now, "best": best}))


if __name__ == "__main__":
    main(seed=int(sys.argv[1]) if len(sys.argv) > 1 else 0)
