"""A tiny training program for Atelier's live tuning tests and benchmarks.

It behaves like a Syne Tune training script: hyperparameters arrive as ``--name value``, the
checkpoint directory as ``--st_checkpoint_dir``, and results are reported by printing
``[tune-metric]: {json}`` lines (the Syne Tune Reporter format) with plain ``print`` so that Syne
Tune itself is not needed. The "learning curve" is a parametric function of the hyperparameters:
it converges towards a floor set by ``x`` and ``lr``, faster for good learning rates.

Test hooks: ``--crash_x X`` makes the trial with ``--x X`` raise at epoch 2; ``--malformed_x X``
makes it print a broken metric line; ``--hang_x X`` makes it sleep forever.
"""
import argparse
import json
import math
import os
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--x", type=float, default=0.5)
parser.add_argument("--lr", type=float, default=0.01)
parser.add_argument("--epochs", type=int, default=5)
parser.add_argument("--sleep", type=float, default=0.0)
parser.add_argument("--crash_x", type=float, default=None)
parser.add_argument("--malformed_x", type=float, default=None)
parser.add_argument("--hang_x", type=float, default=None)
parser.add_argument("--st_checkpoint_dir", type=str, default=None)
args, _ = parser.parse_known_args()

checkpoint = os.path.join(args.st_checkpoint_dir, "state.json") if args.st_checkpoint_dir else None
if args.st_checkpoint_dir:
    os.makedirs(args.st_checkpoint_dir, exist_ok=True)  # Syne Tune does not create it
start_epoch = 1
if checkpoint and os.path.exists(checkpoint):
    with open(checkpoint) as f:
        start_epoch = json.load(f)["epoch"] + 1


def val_error(x, lr, epoch):
    floor = 0.05 + 0.4 * (x - 0.3) ** 2 + 0.1 * abs(math.log10(lr) + 2.0)
    speed = 0.3 + 0.7 * math.exp(-abs(math.log10(lr) + 2.0))
    return floor + (1.0 - floor) * math.exp(-speed * epoch)


for epoch in range(start_epoch, args.epochs + 1):
    if args.sleep > 0:
        time.sleep(args.sleep)
    if args.crash_x is not None and args.x == args.crash_x and epoch == 2:
        raise RuntimeError("deliberate crash for the test")
    if args.hang_x is not None and args.x == args.hang_x:
        time.sleep(3600)
    if args.malformed_x is not None and args.x == args.malformed_x and epoch == 2:
        print("[tune-metric]: {not json", flush=True)
        time.sleep(30)
    # Checkpoint before reporting, as Syne Tune's examples do: the report may make the tuner pause
    # (SIGTERM) this process at once.
    if checkpoint:
        with open(checkpoint + ".tmp", "w") as f:
            json.dump({"epoch": epoch}, f)
        os.replace(checkpoint + ".tmp", checkpoint)
    # st_worker_timestamp is what Syne Tune's Reporter adds; Syne Tune's backend requires it.
    report = {"epoch": epoch, "val_error": val_error(args.x, args.lr, epoch), "st_worker_timestamp": time.time()}
    print(f"[tune-metric]: {json.dumps(report)}", flush=True)
sys.exit(0)
