#!/usr/bin/env python3
"""Embedding quality: models trained by Atelier and by fastText on the same corpus with the same flags
(the last two repetitions of Benchmarks/fasttext_benchmark.py), compared on
  * WordSim-353 and SimLex-999 (Spearman ρ; gensim's bundled copies), OOV pairs scored via n-grams,
  * Google analogies (gensim's questions-words.txt, 30k most frequent words),
  * top-10 nearest-neighbour overlap with fastText, against the overlap of two fastText runs
    (hogwild training is not deterministic, so that is the noise floor).
Every model is loaded with gensim's load_facebook_vectors, so this also shows that gensim reads
Atelier's .bin.

Usage: /work/venvs/fasttext/bin/python Benchmarks/fasttext_quality.py [--scratch /tmp/fasttext-bench] [--rep 2]
"""
import argparse
import os
import random

import numpy as np
from gensim.models.fasttext import load_facebook_vectors
from gensim.test.utils import datapath
from scipy.stats import spearmanr


def similarity_score(kv, path, delimiter="\t"):
    gold, predicted = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            parts = line.strip().split(delimiter)
            if len(parts) < 3:
                continue
            try:
                score = float(parts[2])
            except ValueError:
                continue
            a, b = parts[0].lower(), parts[1].lower()
            gold.append(score)
            predicted.append(float(kv.similarity(a, b)))  # OOV words get n-gram vectors, as fastText does
    return spearmanr(gold, predicted).correlation, len(gold)


def neighbours(kv, words, k=10):
    return {w: {n for n, _ in kv.most_similar(w, topn=k)} for w in words}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scratch", default="/tmp/fasttext-bench")
    parser.add_argument("--rep", type=int, default=2, help="index of the last repetition")
    parser.add_argument("--overlap-only", action="store_true", help="skip the similarity and analogy scores")
    args = parser.parse_args()
    paths = {
        "fastText": os.path.join(args.scratch, f"fasttext-{args.rep}.bin"),
        "fastText (other run)": os.path.join(args.scratch, f"fasttext-{args.rep - 1}.bin"),
        "Atelier": os.path.join(args.scratch, f"atelier-{args.rep}.bin"),
        "Atelier (other run)": os.path.join(args.scratch, f"atelier-{args.rep - 1}.bin"),
        # optional: `atelier embeddings train ... --seed 1 --output SCRATCH/atelier-seed1` (another initialisation)
        "Atelier (seed 1)": os.path.join(args.scratch, "atelier-seed1.bin"),
    }
    models = {name: load_facebook_vectors(path) for name, path in paths.items() if os.path.exists(path)}
    print("| model | WordSim-353 ρ | SimLex-999 ρ | Google analogies (30k vocab) |")
    print("|---|---|---|---|")
    for name, kv in models.items():
        if args.overlap_only:
            break
        ws, n_ws = similarity_score(kv, datapath("wordsim353.tsv"))
        sl, n_sl = similarity_score(kv, datapath("simlex999.txt"))
        analogy, _ = kv.evaluate_word_analogies(datapath("questions-words.txt"), restrict_vocab=30000)
        print(f"| {name} | {ws:.3f} ({n_ws} pairs) | {sl:.3f} ({n_sl} pairs) | {analogy:.3f} |", flush=True)

    vocabulary = models["fastText"].index_to_key
    random.seed(0)
    probe = random.sample(vocabulary[100:5100], 200)
    found = {name: neighbours(kv, probe) for name, kv in models.items()}
    print()
    print("| model A | model B | mean top-10 neighbour overlap (200 words of frequency rank 100-5100) |")
    print("|---|---|---|")
    pairs = [("fastText", "fastText (other run)"), ("fastText", "Atelier"), ("fastText", "Atelier (other run)"),
             ("Atelier", "Atelier (other run)"), ("Atelier", "Atelier (seed 1)"), ("fastText", "Atelier (seed 1)")]
    for a, b in pairs:
        if a in found and b in found:
            overlap = np.mean([len(found[a][w] & found[b][w]) / 10 for w in probe])
            print(f"| {a} | {b} | {overlap:.3f} |")

if __name__ == "__main__":
    main()
