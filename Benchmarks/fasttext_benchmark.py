#!/usr/bin/env python3
"""Training throughput: `atelier embeddings train` vs the fastText Python package, same corpus, same flags.

Usage (from the repository root, after `swift build -c release --product atelier`):
    /work/venvs/fasttext/bin/python Benchmarks/fasttext_benchmark.py [--repeats 3] [--epoch 1] [--thread 2]
The corpus is wiki_text's two train parts concatenated into a scratch file (never into the repository).
Both tools run alternately, `repeats` times each; the figure compared is the words/sec/thread of each tool's
final progress line (tokens processed / training seconds / threads, fastText's own definition).
The models of the last two repetitions stay in the scratch directory for Benchmarks/fasttext_quality.py.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time

DATA = "/work/shared/data/wiki_text"
RATE = re.compile(rb"words/sec/thread:\s*(\d+)")


def last_rate(stderr: bytes) -> int:
    rates = RATE.findall(stderr)
    if not rates:
        sys.exit(f"no progress line in output:\n{stderr[-2000:].decode(errors='replace')}")
    return int(rates[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--epoch", type=int, default=1)
    parser.add_argument("--thread", type=int, default=2)
    parser.add_argument("--model", default="skipgram")
    parser.add_argument("--atelier", default=".build/release/atelier")
    parser.add_argument("--scratch", default="/tmp/fasttext-bench")
    args = parser.parse_args()
    os.makedirs(args.scratch, exist_ok=True)
    corpus = os.path.join(args.scratch, "wiki-train.txt")
    if not os.path.exists(corpus):
        with open(corpus, "wb") as out:
            for part in ("train-00.txt", "train-01.txt"):
                with open(os.path.join(DATA, part), "rb") as f:
                    out.write(f.read())

    flags = dict(model=args.model, dim=100, ws=5, epoch=args.epoch, minCount=5, neg=5, minn=3, maxn=6,
                 bucket=2_000_000, lr=0.05, t=1e-4, thread=args.thread, lrUpdateRate=100)
    fasttext_code = (
        "import fasttext,sys; m=fasttext.train_unsupervised(sys.argv[1], verbose=2, "
        + ", ".join(f"{k}={v!r}" for k, v in flags.items()) + "); m.save_model(sys.argv[2])")
    atelier_flags = [
        "--model", args.model, "--dim", "100", "--ws", "5", "--epoch", str(args.epoch), "--min-count", "5",
        "--neg", "5", "--minn", "3", "--maxn", "6", "--bucket", "2000000", "--lr", "0.05", "--t", "1e-4",
        "--thread", str(args.thread), "--lr-update-rate", "100", "--verbose", "2"]

    results = {"fastText": [], "Atelier": []}
    walls = {"fastText": [], "Atelier": []}
    for rep in range(args.repeats):
        for tool in ("fastText", "Atelier"):
            prefix = os.path.join(args.scratch, f"{tool.lower()}-{rep}")
            if tool == "fastText":
                command = [sys.executable, "-c", fasttext_code, corpus, prefix + ".bin"]
            else:
                command = [args.atelier, "embeddings", "train", "--input", corpus, "--output", prefix] + atelier_flags
            start = time.monotonic()
            run = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            wall = time.monotonic() - start
            if run.returncode != 0:
                sys.exit(f"{tool} failed:\n{run.stderr[-2000:].decode(errors='replace')}")
            rate = last_rate(run.stderr)
            results[tool].append(rate)
            walls[tool].append(wall)
            print(f"rep {rep} {tool:8s} {rate:8d} words/sec/thread  wall {wall:6.1f} s", flush=True)
            if rep < args.repeats - 2:
                for ext in (".bin", ".vec"):
                    if os.path.exists(prefix + ext):
                        os.unlink(prefix + ext)

    ft, at = statistics.median(results["fastText"]), statistics.median(results["Atelier"])
    print()
    print("| tool | words/sec/thread (median) | runs | wall s (median, incl. dictionary + saving) |")
    print("|---|---|---|---|")
    for tool in ("fastText", "Atelier"):
        print(f"| {tool} | {statistics.median(results[tool]):.0f} | {results[tool]} | {statistics.median(walls[tool]):.1f} |")
    print(f"\nratio Atelier / fastText = {at / ft:.2f}x  (flags: {flags})")


if __name__ == "__main__":
    main()
