#!/usr/bin/env python3
"""Loads a .bin written by Atelier with the fastText Python package and with gensim, and checks that
both give the word vectors Atelier computed (listed in a JSON file {word: [floats]}).

Usage: python fasttext_interop_check.py MODEL.bin VECTORS.json
Exit status 0 when every vector matches within 1e-5; prints one line per library.
Used by Tests/FastTextTests/InteropTests.swift when FASTTEXT_PYTHON names a python with both packages.
"""
import json
import sys

import numpy as np


def main() -> int:
    model_path, vectors_path = sys.argv[1], sys.argv[2]
    with open(vectors_path, encoding="utf-8") as f:
        expected = json.load(f)
    failures = 0

    import fasttext
    ft = fasttext.load_model(model_path)
    worst = max(float(np.max(np.abs(ft.get_word_vector(w) - np.array(v, dtype=np.float32)))) for w, v in expected.items())
    from importlib.metadata import version
    print(f"fasttext {version('fasttext')} load_model: {len(ft.words)} words, dim {ft.get_dimension()}, max abs difference {worst:.3g}")
    failures += worst > 1e-5

    from gensim.models.fasttext import load_facebook_vectors
    kv = load_facebook_vectors(model_path)
    worst = max(float(np.max(np.abs(kv[w] - np.array(v, dtype=np.float32)))) for w, v in expected.items())
    print(f"gensim {version('gensim')} load_facebook_vectors: {len(kv.key_to_index)} words, max abs difference {worst:.3g}")
    failures += worst > 1e-5
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
