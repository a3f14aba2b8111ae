#!/usr/bin/env python3
"""Arabic names for Arab-world towns the generated gazetteer knows only in Latin letters.

GeoNames gives many sizeable Arab towns no Arabic name, or a machine-made one (تاىيف for Taif),
so Arabic articles never find them. This script reads the Arabic news corpora, collects the words
(and word pairs) that follow a place noun in construct state («مدينة الطائف», «محافظة ينبع»),
reduces each to a consonant skeleton, and matches it to the skeleton of the English names of
cities in Arab countries that lack a usable Arabic name. A candidate is kept only if
  - it follows a place noun often enough (MIN_PLACE) and mostly stands where places stand,
  - the documents that name it often name the town's country too,
  - its skeleton names exactly one city among all the region's cities (named or not),
  - no place in the gazetteer already bears it, and it is no listed Arabic word.
Output: alias rows in the supplement format (data/gazetteer-aliases-ar.tsv).

    python3 tools/gazetteer/arabic_aliases.py /work/shared/corpus/news/*.jsonl.gz > data/gazetteer-aliases-ar.tsv
"""
import collections
import gzip
import json
import re
import sys
import unicodedata
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARAB = set("SY IQ LB JO PS EG YE LY TN DZ MA SD SA KW QA BH AE OM".split())
MIN_POP = 20_000  # targets: towns this size or more
MIN_PLACE = 5  # documents where it follows a construct-state place noun
MIN_PLACE_SHARE = 0.3  # of all the candidate's occurrences, those after a place noun or في/إلى/من
MIN_SKELETON = 2  # consonants: a single one matches anything
MIN_PLACE_SHORT = 10  # documents after a place noun needed by a two-consonant skeleton
NAMESAKE_RATIO = 4  # a namesake this many times smaller does not compete for a name

PLACE_NOUNS = {"مدينة", "محافظة", "منطقة", "بلدة", "قرية", "مدينه", "محافظه", "منطقه", "بلده", "قريه", "ميناء", "واحة", "جزيرة", "مخيم"}
PLACE_NOUNS |= {c + n for n in list(PLACE_NOUNS) for c in ("و", "ب", "ل", "وب", "ول", "لم")}
PREPOSITIONS = {"في", "إلى", "الى", "من", "وفي", "قرب", "شمال", "جنوب", "شرق", "غرب"}
MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
TOKEN = re.compile("[\u0621-\u064a]+")


def fold(s):
    s = MARKS.sub("", s)
    return s.translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ئ": "ي", "ة": "ه", "ؤ": "و"}))


# Arabic letters to consonant classes shared with the Latin side (emphatics with plain letters,
# velars and uvulars together since Gulf ق is g and Egyptian ج is g); ع and hamza dropped; long
# vowels (and و/ي, consonant or vowel) kept as vowel classes a/u/i.
AR_CLASS = {
    "ب": "b", "ت": "t", "ث": "T", "ج": "k", "ح": "h", "خ": "k", "د": "d", "ذ": "D", "ر": "r", "ز": "z", "س": "s",
    "ش": "S", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "k", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "ة": "", "و": "u", "ي": "i", "ى": "a", "ا": "a", "أ": "a", "إ": "", "آ": "a", "ء": "", "ئ": "i",
    "ؤ": "u", "ع": "",
}
VOWELS = set("aui")
# Latin letters that can spell each Arabic long vowel (or و/ي as consonants)
LATIN_FOR = {"a": set("ae"), "u": set("ouw"), "i": set("iey")}


def shape(word_classes):
    """(consonants, gaps): the consonant string with doubles merged, and the vowel letters around them."""
    cons, gaps, gap = [], [], []
    for c in word_classes:
        if c in VOWELS or c in "eoyw":
            gap.append(c)
        elif cons and cons[-1] == c and not gap:
            continue
        else:
            cons.append(c)
            gaps.append(gap)
            gap = []
    gaps.append(gap)
    return "".join(cons), gaps


def ar_shape(name):
    words = []
    for w in name.split():
        if w.startswith("ال") and len(w) > 3:
            w = w[2:]
        feminine = w[-1] in "هة"  # a final ه is mostly ة read as -ah
        if feminine:
            w = w[:-1]
        words.append(shape([AR_CLASS.get(c, "?") for c in w if AR_CLASS.get(c, "?") != ""]) + (feminine,))
    return words


def en_shape(name):
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c)).lower()
    # articles: "Al Amarah", "Az Zawiyah", "El-Jadida", "Ash Shihr"
    joined = " ".join(name.split())
    joined = re.sub(r"\b(?:al|el|as|ash|ad|adh|at|ath|az|an|ar|ed|es|esh|et|ez|en|er|l)['\s]+(?=\w)", "", joined)
    joined = re.sub(r"\b(?:al|el)-", "", joined)
    words = []
    for w in re.split(r"[\s-]+", joined):
        w = w.replace("'", "").replace("`", "")
        for a, b in (("dj", "k"), ("kh", "k"), ("gh", "k"), ("sh", "S"), ("ch", "S"), ("th", "T"), ("dh", "D"), ("ph", "f")):
            w = w.replace(a, b)
        feminine = bool(re.search(r"(?:[aeiouy]h?|[ae]t)$", w))  # -a, -ah, -eh, -at: what ة sounds like
        w = re.sub(r"([aeiou])h$", r"\1", w)
        w = w.translate(str.maketrans({"g": "k", "j": "k", "q": "k", "c": "k", "x": "k", "v": "f", "p": "b"}))
        if not re.fullmatch(r"[a-zS]*", w):
            return None
        if w:
            words.append(shape(list(w)) + (feminine,))
    return words


def skeleton(shapes):
    return " ".join(s[0] for s in shapes) if shapes else None


def vowels_agree(ar, en):
    """Every Arabic long vowel stands where the Latin name writes a vowel that can spell it (a
    word-initial alif is only a carrier: آسفي, Safi), and every Latin long vowel, diphthong or
    glide (ai, ia, ou, w, y) stands where the Arabic writes one."""
    for (_, ar_gaps, ar_fem), (_, en_gaps, en_fem) in zip(ar, en):
        if ar_fem and not en_fem:  # ة is heard: Mellit is not «مليتة»
            return False
        for k, (ag, eg) in enumerate(zip(ar_gaps, en_gaps)):
            if any(not (LATIN_FOR[v] & set(eg)) for v in ag if not (k == 0 and v == "a" and not eg)):
                return False
            if (len(eg) >= 2 or {"w", "y"} & set(eg)) and not ag:
                return False
    return True


def gazetteer_rows():
    raw = zlib.decompress((ROOT / "data/gazetteer.tsv.z").read_bytes()).decode()
    blocks = raw.split("\x1e")
    header = blocks[0].split("\t")
    cols = [b.split("\n") for b in blocks[1:]]
    for r in zip(*cols):
        yield dict(zip(header, r))


def usable_arabic(name):
    # Alif maqsura inside a word, or non-Arabic letters, mark a machine or Persian/Urdu spelling.
    return bool(name) and not re.search("ى[\u0621-\u064a]", name) and all(c == " " or c == "-" or "\u0621" <= c <= "\u064a" for c in MARKS.sub("", name))


def supplement_names():
    for line in (ROOT / "data/gazetteer-supplement.tsv").read_text().splitlines():
        f = line.split("\t")
        if line.startswith("#") or len(f) < 7:
            continue
        yield f[1], f[5], [n for n in f[6].split("|") if n]


def known_words():
    words = set()
    for p in (ROOT / "data/lang/ar").glob("*"):
        if p.suffix not in (".tsv", ".txt"):
            continue
        for line in p.read_text().splitlines():
            if line.startswith("#"):
                continue
            for field in line.split("\t")[:1]:
                for form in field.split("|"):
                    if TOKEN.fullmatch(form.strip()):
                        words.add(fold(form.strip()))
    return words


def collect(paths):
    """Per candidate, the number of distinct documents where it follows a place noun, where it
    follows a preposition, and where it occurs at all (news is syndicated: one story told ten
    times is one piece of evidence)."""
    after_noun, after_prep, total = collections.Counter(), collections.Counter(), collections.Counter()
    seen = set()
    for path in paths:
        with gzip.open(path, "rt") as fh:
            for line in fh:
                doc = json.loads(line)
                key = hash(doc.get("text", "")[:2000])
                if doc.get("lang", "ar") != "ar" or key in seen:
                    continue
                seen.add(key)
                noun, prep, occ = set(), set(), set()
                for sent in re.split(r"[.،,؛:!؟?()«»\"\n]", (doc.get("title") or "") + "\n" + doc.get("text", "")):
                    toks = TOKEN.findall(sent)
                    for i, t in enumerate(toks):
                        occ.add(t)
                        if i + 1 < len(toks):
                            occ.add(t + " " + toks[i + 1])
                        if i == 0:
                            continue
                        prev = toks[i - 1]
                        grams = [t] + ([t + " " + toks[i + 1]] if i + 1 < len(toks) else [])
                        for g in grams:
                            if prev in PLACE_NOUNS:
                                noun.add(g)
                            elif prev in PREPOSITIONS:
                                prep.add(g)
                after_noun.update(noun)
                after_prep.update(prep | noun)
                total.update(occ)
    return after_noun, after_prep, total


MIN_COUNTRY_SHARE = 0.2  # of the documents naming the candidate, those naming the town's country


def country_shares(pending, rows, paths):
    """For each candidate, the share of the documents naming it that name each country of its
    matching towns: a Saudi village «الحجرة» read in Saudi news is not El Hadjira in Algeria."""
    country_names = collections.defaultdict(set)
    for r in rows:
        if r["kind"] == "country":
            country_names[r["cc"]] |= {fold(n) for n in r["names:ar"].split("|") if n and usable_arabic(n)}
    for cc, _, names in supplement_names():
        if cc in country_names:
            country_names[cc] |= {fold(n) for n in names if TOKEN.search(n)}
    wanted = {fold(c): {rows[i]["cc"] for i in every} for c, (_, _, _, every) in pending.items()}
    docs, with_country = collections.Counter(), collections.Counter()
    seen = set()
    for path in paths:
        with gzip.open(path, "rt") as fh:
            for line in fh:
                doc = json.loads(line)
                text = fold((doc.get("title") or "") + " " + doc.get("text", ""))
                key = hash(doc.get("text", "")[:2000])
                if key in seen:
                    continue
                seen.add(key)
                for c, ccs in wanted.items():
                    if c in text:
                        docs[c] += 1
                        for cc in ccs:
                            with_country[c, cc] += any(n in text for n in country_names[cc])
    return {c: {cc: with_country[fold(c), cc] / max(docs[fold(c)], 1) for cc in wanted[fold(c)]} for c in pending}


def main(paths):
    rows = [r for r in gazetteer_rows()]
    # folded names places already bear, with their holders (a smaller namesake of the target, say
    # a village «عنيزة» beside the town Unaizah, does not count: the alias goes to the larger)
    taken = collections.defaultdict(set)
    for r in rows:
        for n in r["names:ar"].split("|"):
            if n:
                taken[fold(n)].add((r["cc"], r["name_en"]))
                if fold(n).startswith("ال"):
                    taken[fold(n)[2:]].add((r["cc"], r["name_en"]))
    for cc, en, names in supplement_names():
        for n in names:
            taken[fold(n)].add((cc, en))
    supplemented = {(cc, en) for cc, en, _ in supplement_names()}
    # the largest place of each (country, English name): what a name's holder weighs
    population_of = collections.defaultdict(int)
    for r in rows:
        key = (r["cc"], r["name_en"])
        population_of[key] = max(population_of[key], int(r["population"] or 0))
    words = known_words()
    particles = {fold(c[0]) for c in (l.split("\t") for l in (ROOT / "data/lang/ar/words.tsv").read_text().splitlines()) if len(c) == 2 and c[1] == "kunya"}

    # every regional city, with or without an Arabic name, by the skeletons of its English names
    by_skeleton = collections.defaultdict(list)
    cities = {}
    for i, r in enumerate(rows):
        if r["kind"] != "city" or r["cc"] not in ARAB:
            continue
        pop = int(r["population"] or 0)
        cities[i] = r
        # the English name itself: GeoNames' alternates include other towns' names (Thuwal's
        # "Tuwal" is also Jazan's «الطوال»); alternates still make a namesake ambiguous below
        for en in {r["name_en"], *filter(None, r["names:en"].split("|"))}:
            shapes = en_shape(en)
            sk = skeleton(shapes)
            if sk and len(sk.replace(" ", "")) >= MIN_SKELETON:
                by_skeleton[sk].append((i, shapes, en == r["name_en"]))
    lacking = {
        i for i, r in cities.items()
        if int(r["population"] or 0) >= MIN_POP and not any(usable_arabic(n) for n in r["names:ar"].split("|")) and (r["cc"], r["name_en"]) not in supplemented
    }

    after_noun, after_prep, total = collect(paths)
    head_of = collections.Counter()
    for c, m in after_noun.items():
        # a second word opening with a clitic conjunction or preposition («صامطة وأبي عريش»,
        # «بمبلغ») or a listed word starts another phrase, not a longer name
        if " " in c and m >= MIN_PLACE and c.split()[1][0] not in "وبلف" and fold(c.split()[1]) not in words:
            head_of[c.split()[0]] = max(head_of[c.split()[0]], m)
    found = collections.defaultdict(list)
    pending = {}
    for cand, n in after_noun.items():
        if n < MIN_PLACE:
            continue
        f = fold(cand)
        if f in words or (f.startswith("ال") and f[2:] in words):
            continue
        # the head of a longer name («حفر» of «حفر الباطن») is not a name of its own
        if head_of.get(cand, 0) * 2 >= n:
            continue
        # a listed word inside the phrase is no town's name, but a name particle may open one (أبو عريش)
        if any(fold(w) in words and not (k == 0 and fold(w) in particles and " " in cand) for k, w in enumerate(cand.split())):
            continue
        share = after_prep[cand] / max(total[cand], 1)
        if share < MIN_PLACE_SHARE:
            continue
        shapes = ar_shape(cand)
        sk = skeleton(shapes)
        if " " not in cand and not f.startswith("ال") and len(f) < 4:
            continue  # a bare three-letter word is mostly a common noun or verb («حقل» field)
        if "?" in sk or len(sk.replace(" ", "")) < MIN_SKELETON:
            continue
        if len(sk.replace(" ", "")) == 2 and n < MIN_PLACE_SHORT:
            continue
        matches = [(i, primary) for i, en, primary in by_skeleton.get(sk, []) if vowels_agree(shapes, en)]
        # a town is a candidate through its own English name (alternates only make namesakes)
        options = sorted({i for i, primary in matches if primary}, key=lambda i: -int(rows[i]["population"] or 0))
        if options:
            pending[cand] = (n, share, options, sorted({i for i, _ in matches}, key=lambda i: -int(rows[i]["population"] or 0)))

    # namesakes across the region: the town of the country the documents name is the one the news
    # means (بارق in Saudi papers is Bariq, not Algeria's larger Baraki); among several, or with no
    # country named, the far larger town
    shares = country_shares(pending, rows, paths)
    for cand, (n, share, options, every) in pending.items():
        f = fold(cand)
        ranked = [i for i in every if shares[cand].get(rows[i]["cc"], 0) >= MIN_COUNTRY_SHARE]
        pops = [max(int(rows[i]["population"] or 0), 1) for i in ranked]
        for i in ranked:
            print(f"country share {cand} {rows[i]['cc']} {rows[i]['name_en']}: {shares[cand].get(rows[i]['cc'], 0):.2f}", file=sys.stderr)
        if not ranked or (len(ranked) > 1 and pops[0] < NAMESAKE_RATIO * pops[1]) or ranked[0] not in options:
            continue
        i = ranked[0]
        if i not in lacking:
            continue
        own = {(rows[i]["cc"], rows[i]["name_en"])}
        # a name borne elsewhere only by far smaller places (a Qatari village «عنيزة» beside the
        # Saudi town Unaizah) still goes to the target: the matcher prefers the larger namesake
        pop = int(rows[i]["population"] or 0)
        def blocks(holders):
            return any(h not in own and population_of.get(h, 0) * NAMESAKE_RATIO > pop for h in holders)
        if blocks(taken.get(f, set())) or (f.startswith("ال") and blocks(taken.get(f[2:], set()))):
            continue
        # a namesake in the country must be smaller, or the alias would land on it
        if any(r["cc"] == rows[i]["cc"] and r["name_en"] == rows[i]["name_en"] and int(r["population"] or 0) > int(rows[i]["population"] or 0) for r in rows):
            continue
        found[i].append((n, cand, total[cand], share))

    print("# Arabic names for Arab-world towns that the generated gazetteer lacks, matched by consonant skeleton")
    print("# between the corpus's place-noun phrases («مدينة X») and the towns' English names. GENERATED: do not edit;")
    print("# python3 tools/gazetteer/arabic_aliases.py /work/shared/corpus/news/*.jsonl.gz > data/gazetteer-aliases-ar.tsv")
    print("# Format: data/gazetteer-supplement.tsv (alias rows). Source column: documents where the name follows a place noun / documents with it.")
    for i in sorted(found, key=lambda i: (rows[i]["cc"], rows[i]["name_en"])):
        r = rows[i]
        forms = sorted(found[i], reverse=True)
        names = "|".join(c for _, c, _, _ in forms)
        src = "news " + " ".join(f"{n}/{t}" for n, _, t, _ in forms)
        print(f"alias\t{r['cc']}\t\t\t\t{r['name_en']}\t{names}\t{src}")
        print(f"{r['cc']} {r['population']} {r['name_en']} | {r['names:en'][:60]} <- {forms}", file=sys.stderr)
    print(f"{len(found)} towns named", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
