#!/usr/bin/env python3
"""Generates the fastText parity fixtures of FastTextTests with the reference implementation.

Run with a venv that has `fasttext` (0.9.3, built from source) and `gensim`:
    /work/venvs/fasttext/bin/python Benchmarks/fasttext_generate_fixtures.py
It trains a tiny skipgram model (dim 10, bucket 2000) on the first lines of the shared wiki_text
validation split plus a few lines of unusual words, saves it as Fixtures/tiny.bin, and records what
fastText says about tricky words in Fixtures/expected.json: subword strings and ids, word vectors,
nearest neighbours and analogies; raw hashes come from gensim's independent port of fastText's hash.
"""
import json
import os
import sys
import tempfile

import fasttext
import numpy as np
from gensim.models.fasttext import ft_hash_bytes

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "Tests", "FastTextTests", "Fixtures")
CORPUS = os.environ.get("WIKI_VALID", "/work/shared/data/wiki_text/valid.txt")

# In-vocabulary unusual words: repeated so that they pass minCount.
EXTRA_LINES = [
    "le café naïve façade Zürich über São Paulo",
    "東京 日本語 中文 한국어 русский язык",
    "emoji 😀 🎉 👍🏽 rocket 🚀 fire",
    "a I x 7 go",
]
TRICKY = [
    "café", "naïve", "Zürich", "東京", "日本語", "😀", "👍🏽", "🚀", "a", "I", "x", "go",
    "the", "of", "</s>",
    # out of vocabulary
    "cafés", "naïveté", "東京都", "😀😀", "zzzzqqq", "ab", "é", "ß", "Ω", "🇫🇷",
    "supercalifragilisticexpialidocious" * 3, "unbelievablenesses", "antidisestablishmentarianism",
    "Straße", "mañana", "北京大学", "ＡＢＣ", "naïve-café", "C++", "__label__x",
]


def main() -> None:
    os.makedirs(FIXTURES, exist_ok=True)
    with open(CORPUS, encoding="utf-8") as f:
        lines = [next(f) for _ in range(600)]
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as tmp:
        tmp.writelines(lines)
        for _ in range(6):
            tmp.write("\n".join(EXTRA_LINES) + "\n")
        corpus = tmp.name
    model = fasttext.train_unsupervised(
        corpus, model="skipgram", dim=10, bucket=2000, minn=3, maxn=6, epoch=5, minCount=5,
        thread=12, verbose=0)  # thread >= 10: fastText 0.9.3 initialises only thread/10 of the input matrix
    os.unlink(corpus)
    model.save_model(os.path.join(FIXTURES, "tiny.bin"))

    words = model.get_words(include_freq=False)
    expected = {
        "nwords": len(words),
        "dim": model.get_dimension(),
        "first_words": words[:20],
        "words": [],
        "vocabulary_vectors": {w: to_list(model.get_word_vector(w)) for w in words[:40]},
        "hashes": {w: ft_hash_bytes(w.encode("utf-8")) for w in TRICKY},
        "neighbors": {},
        "analogies": [],
    }
    for w in TRICKY:
        subwords, ids = model.get_subwords(w)
        expected["words"].append({
            "word": w,
            "in_vocabulary": model.get_word_id(w) >= 0,
            "subwords": list(subwords),
            "ids": [int(i) for i in ids],
            "vector": to_list(model.get_word_vector(w)),
        })
    for w in ["the", "café", "東京", "zzzzqqq"]:
        expected["neighbors"][w] = [[n, float(s)] for s, n in model.get_nearest_neighbors(w, k=5)]
    for a, b, c in [("the", "of", "and"), ("café", "naïve", "Zürich")]:
        expected["analogies"].append({
            "query": [a, b, c],
            "result": [[n, float(s)] for s, n in model.get_analogies(a, b, c, k=5)],
        })
    with open(os.path.join(FIXTURES, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
    print(f"nwords={len(words)} bin={os.path.getsize(os.path.join(FIXTURES, 'tiny.bin'))} bytes", file=sys.stderr)


def to_list(vector: np.ndarray) -> list:
    return [float(x) for x in vector]


if __name__ == "__main__":
    main()
