#!/usr/bin/env python3
"""Extract the Wikinews 2019-2020 articles into the benchmark's input files.

Reads ../shared/data/news/wikinews_{2019,2020}.csv (columns: url, date, title,
text) and writes, under bench/out/:

  news.txt    every article as one paragraph (its own paragraphs and line
              breaks joined by single spaces), articles separated by one
              blank line; this is the file `annals parse` reads.
  news.jsonl  {"id", "date", "text"} per article, the same texts; this is what
              spacy_bench.py reads, one nlp.pipe document per article.
  news.json   a summary: articles, words, characters.

Words are whitespace-separated tokens of the texts as written, counted the
same way for both tools, so words/s is comparable.
Standard library only; runs with any python3.
"""
import argparse
import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data", "news"))
FILES = ("wikinews_2019.csv", "wikinews_2020.csv")
SPACE = re.compile(r"\s+")  # also matches U+00A0 and other Unicode spaces


def articles(data_dir):
    csv.field_size_limit(1 << 30)
    for name in FILES:
        path = os.path.join(data_dir, name)
        with open(path, newline="", encoding="utf-8") as f:
            for i, row in enumerate(csv.DictReader(f), 1):
                text = SPACE.sub(" ", row.get("text") or "").strip()
                if not text:
                    print(f"news.py: {name} row {i}: empty text, skipped", file=sys.stderr)
                    continue
                year = name.split("_")[1].split(".")[0]
                yield {"id": f"wikinews-{year}-{i:04d}", "date": row.get("date") or None, "text": text}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("ANNALS_NEWS_DIR", DEFAULT_DATA),
                    help="folder with the wikinews CSV files (default: %(default)s)")
    ap.add_argument("--out", default=os.path.join(HERE, "out"), help="output folder (default: %(default)s)")
    args = ap.parse_args()

    missing = [f for f in FILES if not os.path.isfile(os.path.join(args.data, f))]
    if missing:
        sys.exit(f"news.py: missing {', '.join(missing)} in {args.data} "
                 "(the data lives in ../shared/data/news; set --data or ANNALS_NEWS_DIR)")

    os.makedirs(args.out, exist_ok=True)
    n = words = chars = 0
    txt_path = os.path.join(args.out, "news.txt")
    jsonl_path = os.path.join(args.out, "news.jsonl")
    with open(txt_path, "w", encoding="utf-8") as txt, open(jsonl_path, "w", encoding="utf-8") as jl:
        for art in articles(args.data):
            if n:
                txt.write("\n")
            txt.write(art["text"] + "\n")
            jl.write(json.dumps(art, ensure_ascii=False) + "\n")
            n += 1
            words += len(art["text"].split())
            chars += len(art["text"])
    summary = {"articles": n, "words": words, "chars": chars,
               "bytes": os.path.getsize(txt_path), "txt": txt_path, "jsonl": jsonl_path}
    with open(os.path.join(args.out, "news.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1)
        f.write("\n")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
