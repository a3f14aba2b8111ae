#!/usr/bin/env python3
"""Compare the Analysis output of two `khabar` binaries, document by document.

    scripts/compare-output.py BASE_BIN NEW_BIN [--limit N] [--show N] [--corpus aawsat,polnear,gold]

Refactors must not change output: this runs both binaries (`BIN analyze --jsonl -`) over
  - every article of ../shared/corpus/news/aawsat-2015.jsonl.gz (with its date),
  - the PolNeAR train texts (dates from metadata.tsv),
  - the gold texts (../shared/corpus/gold/*.txt with their .meta.json),
and reports every document whose JSON line differs, with a unified diff of the pretty-printed
Analysis for the first few. Exit status 0 when byte-identical, 1 otherwise.
Standard library only; `KHABAR_SHARED` overrides the location of ../shared.
"""
import argparse
import csv
import difflib
import gzip
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("KHABAR_SHARED", os.path.join(HERE, "..", "..", "shared"))


def aawsat_docs(limit):
    path = os.path.join(SHARED, "corpus", "news", "aawsat-2015.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit and n >= limit:
                break
            d = json.loads(line)
            doc = {"id": "aawsat:" + str(d["id"]), "text": d["text"], "lang": d.get("lang", "ar")}
            if d.get("date"):
                doc["date"] = d["date"][:10]
            yield doc


def polnear_docs(limit):
    base = os.path.join(SHARED, "corpus", "quotes", "polnear")
    with open(os.path.join(base, "metadata.tsv"), encoding="utf-8") as f:
        meta = {r["filename"]: r for r in csv.DictReader(f, delimiter="\t")}
    text_dir = os.path.join(base, "train", "text")
    for n, name in enumerate(sorted(os.listdir(text_dir))):
        if limit and n >= limit:
            break
        stem = name[:-4]
        with open(os.path.join(text_dir, name), encoding="utf-8") as f:
            doc = {"id": "polnear:" + stem, "text": f.read(), "lang": "en"}
        date = meta.get(stem, {}).get("publication_date")
        if date and date != "None":
            doc["date"] = date
        yield doc


def gold_docs(limit):
    gold = os.path.join(SHARED, "corpus", "gold")
    for n, name in enumerate(sorted(x for x in os.listdir(gold) if x.endswith(".txt"))):
        if limit and n >= limit:
            break
        stem = name[:-4]
        with open(os.path.join(gold, name), encoding="utf-8") as f:
            text = f.read()
        meta = {}
        meta_path = os.path.join(gold, stem + ".meta.json")
        if os.path.exists(meta_path):
            with open(meta_path, encoding="utf-8") as f:
                meta = json.load(f)
        doc = {"id": "gold:" + stem, "text": text}
        if meta.get("lang"):
            doc["lang"] = meta["lang"]
        if meta.get("date"):
            doc["date"] = meta["date"]
        yield doc


CORPORA = {"aawsat": aawsat_docs, "polnear": polnear_docs, "gold": gold_docs}


def run(binary, input_path):
    with open(input_path, "rb") as f:
        out = subprocess.run([binary, "analyze", "--jsonl", "-"], stdin=f, capture_output=True)
    if out.returncode != 0:
        sys.exit(f"{binary} failed ({out.returncode}): {out.stderr.decode(errors='replace')[:2000]}")
    return out.stdout.decode("utf-8").splitlines()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("base")
    ap.add_argument("new")
    ap.add_argument("--corpus", default="aawsat,polnear,gold", help="comma-separated: aawsat, polnear, gold")
    ap.add_argument("--limit", type=int, default=0, help="at most N documents per corpus (0: all)")
    ap.add_argument("--show", type=int, default=3, help="print diffs for the first N differing documents")
    args = ap.parse_args()

    docs = []
    for name in args.corpus.split(","):
        docs.extend(CORPORA[name.strip()](args.limit))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
        input_path = f.name
    try:
        base, new = run(args.base, input_path), run(args.new, input_path)
    finally:
        os.unlink(input_path)
    if len(base) != len(new):
        sys.exit(f"line counts differ: base {len(base)}, new {len(new)}")

    differing = [(d["id"], b, n) for d, b, n in zip(docs, base, new) if b != n]
    by_corpus = {}
    for doc_id, _, _ in differing:
        by_corpus[doc_id.split(":")[0]] = by_corpus.get(doc_id.split(":")[0], 0) + 1
    print(f"{len(docs)} documents, {len(differing)} differ" + (f" {by_corpus}" if by_corpus else ""))
    for doc_id, b, n in differing[: args.show]:
        pretty = lambda s: json.dumps(json.loads(s), ensure_ascii=False, indent=1).splitlines()
        print(f"--- {doc_id}")
        for line in difflib.unified_diff(pretty(b), pretty(n), "base", "new", lineterm="", n=2):
            print(line)
    for doc_id, _, _ in differing[args.show :]:
        print(f"differs: {doc_id}")
    sys.exit(1 if differing else 0)


if __name__ == "__main__":
    main()
