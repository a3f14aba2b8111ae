#!/usr/bin/env python3
"""Build data/lang/ar/given_names.txt: Arabic given names, one folded word a line.

    nice -n 10 python3 tools/translit/given_names.py [--cache D]   # D: build.py's download directory

The source is build.py's: personal-name units attested on Wikidata (CC0) as packaged in PyPI
`arabic-name-romanizer` 0.2.0 (MIT), people of the Arab countries build.py spells for. A unit is
listed when it is one Arabic word, given (not surname) for most of the people who bear it, and
borne by at least MIN_PEOPLE people. The tagger reads the list as a feature and the rule layer uses
it for «given name + family name» (علي القحطاني); words that are also common words (صالح, أمل) are
kept: the rules check the context, the tagger learns the weight.
"""
import argparse
import os
import sys
import tempfile
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build  # noqa: E402

OUT = os.path.join(build.ROOT, "data", "lang", "ar", "given_names.txt")
MIN_PEOPLE = 6


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", help="download directory to reuse")
    args = ap.parse_args()
    db = build.fetch(args.cache or tempfile.mkdtemp(prefix="khabar-translit-"))
    people, given = Counter(), Counter()
    for a, _latin, country, role, n in build.person_units(db):
        if country not in build.SPELLING_WEIGHT or " " in a or not build.ARABIC_WORD.match(a) or len(a) < 2:
            continue
        people[a] += n
        if role == "given":
            given[a] += n
    names = sorted(a for a in people if people[a] >= MIN_PEOPLE and given[a] * 2 > people[a])
    lines = ["# Arabic given names (folded), one a line: tools/translit/given_names.py (Wikidata via PyPI arabic-name-romanizer 0.2.0)."]
    open(OUT, "w", encoding="utf-8").write("\n".join(lines + names) + "\n")
    print(f"given names: {len(names)}")


if __name__ == "__main__":
    main()
