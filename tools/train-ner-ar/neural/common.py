"""Data loading, normalisation, folds and exact-span scoring, matching tools/train-ner-ar's protocol."""
import os, re, unicodedata

# ../shared beside the repository, as for every build command (KHABAR_SHARED overrides).
SHARED = os.environ.get("KHABAR_SHARED", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "shared"))
CORPUS = os.path.join(SHARED, "corpus", "ner")
TYPES = ["PER", "ORG", "LOC"]
TAGS = ["O"] + [f"{b}-{t}" for t in TYPES for b in "BI"]

_FOLD = {}
for c in "أإآٱ": _FOLD[c] = "ا"
for c in "ىئی": _FOLD[c] = "ي"
_FOLD["ة"] = "ه"; _FOLD["ؤ"] = "و"; _FOLD["ک"] = "ك"
for i in range(10):
    _FOLD[chr(0x660 + i)] = str(i); _FOLD[chr(0x6F0 + i)] = str(i)
_DROP = set(chr(c) for c in list(range(0x64B, 0x660)) + [0x670] + list(range(0x6D6, 0x6EE)) + [0x640]
            + list(range(0x200B, 0x2010)) + list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A)) + [0xAD, 0xFEFF])


def fold(s):
    """khabar::stages::normalize::fold (the parts that matter here)."""
    out = []
    for ch in s:
        if ch in _DROP: continue
        ch = _FOLD.get(ch, ch)
        out.append(ch.lower() if not ('\u0600' <= ch <= '\u06FF') else ch)
    return "".join(out)


def word_key(w):
    """Key for the word-embedding table: folded, digits collapsed."""
    return re.sub(r"[0-9]", "0", fold(w))


def norm_label(lab):
    if lab == "O" or "-" not in lab: return "O"
    b, t = lab.split("-", 1)
    if t == "PERS": t = "PER"
    if t not in TYPES: return "O"   # MISC -> O
    return f"{b}-{t}"


def read_conll(path):
    sents, cur = [], []
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if len(parts) < 2:
            if cur: sents.append(cur); cur = []
            continue
        cur.append((parts[0].replace("\u200e", ""), norm_label(parts[-1])))
    if cur: sents.append(cur)
    return sents


def letters(sent):
    return "".join(c for c in fold(" ".join(w for w, _ in sent)) if c.isalpha())


def spans(tags):
    """Exact spans (start, end, type); an I- after O or another type starts a span."""
    out, start = set(), None
    for i, t in enumerate(list(tags) + ["O"]):
        typ = t[2:] if t != "O" else None
        begins = t.startswith("B-")
        if start is not None and (t == "O" or begins or typ != start[1]):
            out.add((start[0], i, start[1])); start = None
        if t != "O" and start is None:
            start = (i, typ)
    return out


def place_in(base, other, anchor=16):
    """As train-ner-ar's place_in: each `other` sentence's ANERcorp sentence, by its first 16 folded letters."""
    all_l, owner = [], []
    for k, s in enumerate(base):
        l = letters(s); all_l.append(l); owner.extend([k] * len(l))
    text = "".join(all_l)
    at = {}
    for i in range(len(text) - anchor):
        at.setdefault(text[i:i + anchor], i)
    out = []
    for s in other:
        l = letters(s)
        out.append(owner[at[l[:anchor]]] if len(l) >= anchor and l[:anchor] in at else None)
    for k in range(1, len(out) - 1):
        if out[k] is None and out[k - 1] is not None and out[k - 1] == out[k + 1]:
            out[k] = out[k - 1]
    return out


def load_folds(k_folds=5):
    """Returns anercorp, newsfane, aqmar sentences and fold ids (a: int; n: int or None)."""
    a = read_conll(f"{CORPUS}/anercorp-dev.conll")
    n = read_conll(f"{CORPUS}/newsfane-train.conll")
    q = read_conll(f"{CORPUS}/aqmar.conll")
    na = len(a)
    a_fold = [k * k_folds // na for k in range(na)]
    placed = place_in(a, n)
    n_fold = [None if p is None else p * k_folds // na for p in placed]
    # Also drop any NewsFANE sentence whose exact letters equal a sentence of some fold (belt and braces).
    by_letters = {}
    for k, s in enumerate(a):
        by_letters.setdefault(letters(s), set()).add(a_fold[k])
    n_exact = [by_letters.get(letters(s), set()) for s in n]
    return a, a_fold, n, n_fold, n_exact, q


def training_set(fold, a, a_fold, n, n_fold, n_exact, q, mix="anq"):
    """(sentence, source) pairs; source 0 ANERcorp, 1 NewsFANE, 2 AQMAR.
    NewsFANE: as in train-ner-ar, only sentences placed in a fold other than the test fold
    (unplaced ones are dropped, so no test text can leak), and none whose letters equal a test sentence."""
    out = []
    if "a" in mix: out += [(s, 0) for s, f in zip(a, a_fold) if f != fold]
    if "n" in mix: out += [(s, 1) for s, f, e in zip(n, n_fold, n_exact) if f is not None and f != fold and fold not in e]
    if "q" in mix: out += [(s, 2) for s in q]
    return out


def prf(tp, np_, ng):
    p = tp / max(np_, 1); r = tp / max(ng, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def count(gold_tags, pred_tags, counts):
    g, p = spans(gold_tags), spans(pred_tags)
    for t in TYPES:
        c = counts.setdefault(t, [0, 0, 0])
        c[0] += sum(1 for x in p if x[2] == t and x in g)
        c[1] += sum(1 for x in p if x[2] == t)
        c[2] += sum(1 for x in g if x[2] == t)


def report(counts):
    tot = [sum(counts[t][i] for t in TYPES) for i in range(3)]
    lines = ["all  P %.3f R %.3f F1 %.3f" % prf(*tot)]
    for t in TYPES:
        lines.append("%s  P %.3f R %.3f F1 %.3f  (tp %d pred %d gold %d)" % ((t,) + prf(*counts[t]) + tuple(counts[t])))
    return "\n".join(lines)
