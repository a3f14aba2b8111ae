#!/usr/bin/env python3
"""Induce Arabic given names from unlabelled news: data/lang/ar/given_names_news.txt.

    python3 tools/lexicon/given_names.py > data/lang/ar/given_names_news.txt

Wikidata's list (data/lang/ar/given_names.txt, tools/translit/given_names.py) misses names Gulf
papers use every day (سلطان, عوض, هذيل, مفرج, joined عبدالرحمن). Over
../shared/corpus/news/saudinewsnet.jsonl.gz (folded as Khabar folds), a word is counted in a
name slot when it stands
  - on either side of بن / بنت in a lineage (محمد بن سلمان: both are given names), or
  - right after a title that is always followed by a name (الأمير، الشيخ، الدكتور، المهندس …), or
  - right before a definite nisba family name (عوض القحطاني; an indefinite noun cannot take a
    definite adjective, so what stands there is a name or a noun in construct).
It is listed when it fills a slot at least MIN_SLOT times (MIN_LINEAGE of them in a lineage) and at least RATIO of all its
occurrences are in a slot (a word that is mostly something else, عهد or الله, is left out), has no
article or attached preposition, and is no stop word, title or reporting form Khabar already
lists. Names already in given_names.txt are not repeated.
"""
import collections
import gzip
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from arabic import TOKEN, fold  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SHARED = os.environ.get("KHABAR_SHARED", os.path.join(ROOT, "..", "shared"))
DATA = os.path.join(ROOT, "data", "lang", "ar")
MIN_SLOT = 8
# Verbs and nouns follow titles now and then (المواطن أرسل); a name also turns up in a lineage.
MIN_LINEAGE = 1
RATIO = 0.3
LINEAGE = {"بن", "بنت"}
# Titles after which Saudi papers always write a given name (folded).
TITLES = {"الامير", "الاميره", "الشيخ", "الشيخه", "الدكتور", "الدكتوره", "المهندس", "المهندسه", "الاستاذ", "الاستاذه",
          "اللواء", "العميد", "العقيد", "المقدم", "الرايد", "السيد", "السيده", "الزميل", "الزميله", "المواطن", "المواطنه",
          "الشاعر", "الشاعره", "الفنان", "الفنانه", "الكاتب", "الكاتبه", "الملك", "سمو", "معالي"}


def family_name(w):
    """A definite nisba of five letters or more (القحطاني، الغامدي): Gulf family names."""
    return w.startswith("ال") and w.endswith("ي") and len(w) >= 6


def words_of(path, column=0):
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            out.add(fold(line.rstrip("\n").split("\t")[column].split()[0]))
    return out


def main():
    known = words_of(os.path.join(DATA, "given_names.txt"))
    excluded = words_of(os.path.join(DATA, "stopwords.txt")) | words_of(os.path.join(DATA, "titles.txt")) | words_of(os.path.join(DATA, "reporting_verbs.tsv"))
    excluded |= TITLES | LINEAGE | {"ال", "اب", "ابو", "ابي", "ابا", "ام", "عبد"}
    seen, slot, lineage = collections.Counter(), collections.Counter(), collections.Counter()
    with gzip.open(os.path.join(SHARED, "corpus", "news", "saudinewsnet.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            toks = TOKEN.findall(fold(json.loads(line)["text"]))
            for i, w in enumerate(toks):
                seen[w] += 1
                if w in LINEAGE and 0 < i < len(toks) - 1:
                    for x in (toks[i - 1], toks[i + 1]):
                        slot[x] += 1
                        lineage[x] += 1
                elif w in TITLES and i + 1 < len(toks):
                    slot[toks[i + 1]] += 1
                elif family_name(w) and i > 0:
                    slot[toks[i - 1]] += 1
    print(f"# Given names induced from saudinewsnet by tools/lexicon/given_names.py (MIN_SLOT {MIN_SLOT}, MIN_LINEAGE {MIN_LINEAGE}, RATIO {RATIO});")
    print("# word<TAB>times in a name slot<TAB>times seen. Generated: do not edit, rerun the tool.")
    rows = []
    for w, k in slot.items():
        if k < MIN_SLOT or k / seen[w] < RATIO or lineage[w] < MIN_LINEAGE or len(w) < 2 or w in known or w in excluded:
            continue
        # A conjunction on a word (والمقيم): the word itself is counted on its own.
        if w.startswith("و") and seen[w[1:]] > 0:
            continue
        if w.startswith("ال") or w[0] in "بلك" and w[1:].startswith("ال") or not TOKEN.fullmatch(w) or w in "«»\":،.":
            continue
        rows.append((w, k, seen[w]))
    for w, k, s in sorted(rows):
        print(f"{w}\t{k}\t{s}")


if __name__ == "__main__":
    main()
