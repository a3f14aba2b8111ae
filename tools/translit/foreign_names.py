"""Conventional spellings of Western names written in Arabic (لوبيز → Lopez, خورخي → Jorge).

Called by build.py (its last step); writes data/lang/ar/names_en_foreign.tsv.

The Arabic -> Latin model of build.py learns how Arab names are romanised, so a Western name comes
out the way an Arab name with those letters would (لوبيز → Lubiz). Here the direction is reversed:
  * candidates: the given and family names of Western locales in PyPI `Faker` (MIT; its person
    providers for English, Spanish, Italian, Portuguese, French, German and Dutch);
  * a Latin -> Arabic model learned from the gazetteer's places in the Americas, Europe and Oceania
    (GeoNames, CC BY 4.0) and from the Western names Arabs bear on Wikidata (جيمس James): each Latin letter writes an Arabic chunk of 0-2 letters, P(chunk | the
    letters around it), by EM over monotone alignments, then Witten-Bell smoothed contexts;
  * each candidate's likeliest Arabic spellings (a beam search) that SaudiNewsNet writes at least
    MIN_NEWS times are kept, and each such Arabic word gets the candidate that writes it likeliest.
Besides the names, the words of organisations' and places' names in the CoNLL-2003 English training
text (Reuters; class `entity`: Manchester, United, Times, Post, Sports) are candidates the same way:
the English words that clubs, papers and companies keep in Arabic (مانشستر يونايتد, نيويورك تايمز).
A word that Arabs bear as a name (Wikidata name units of any Arab or Muslim country) takes a Western
spelling only as they spell it, the commonest first (جون: John, not Jon); the names table's words and
the given names induced from Arabic lineages are left out.
"""
import gzip
import json
import math
import os
import re
import subprocess
import sys
import zipfile
from collections import Counter, defaultdict

FAKER = ("Faker", "40.63.0")
LOCALES = "en_US en_GB en_IE es_ES es_AR es_MX es_CO it_IT pt_BR pt_PT fr_FR de_DE de_AT nl_NL".split()
# Countries whose places teach how Arabic writes Western names.
WESTERN = set("""AD AL AR AT AU BA BE BG BO BR BY CA CH CL CO CR CU CY CZ DE DK DO EC EE ES FI FR GB GR GT HN HR HU IE IS
IT LI LT LU LV MC MD ME MK MT MX NI NL NO NZ PA PE PL PR PT PY RO RS RU SE SI SK SM SV UA US UY VA VE""".split())
MAX_CHUNK = 2
EM_ITERATIONS = 5
BEAM = 24
MIN_NEWS = 3
# A spelling is a candidate's when it is at least this likely against the candidate's best one
# (ميوتشي, not ميسي, is how Arabic writes Meucci).
MIN_RELATIVE = 0.5
# A word whose definite form the news writes this often (relative to the bare word) is a common noun.
MAX_DEFINITE = 0.2
# Wikidata's spellings of a word decide only when this many Arabs bear it (two Qataris' Rodrigues
# do not make رودريغيز Portuguese).
MIN_BEARERS = 3
COMMON_LOCALES = 4
ARABIC_LETTERS = re.compile("[\u0621-\u064A]+")
PARTICLES = {"van", "von", "de", "da", "di", "del", "der", "dos", "du", "la", "le"}


def faker_names(cache, latin):
    """{latin name: (class, number of locales listing it)} from Faker's person providers."""
    name, ver = FAKER
    if not any(f.startswith(f"faker-{ver}") or f.startswith(f"Faker-{ver}") for f in os.listdir(cache)):
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", f"{name}=={ver}", "-d", cache], check=True)
    whl = [f for f in os.listdir(cache) if f.lower().startswith(f"faker-{ver}") and f.endswith(".whl")][0]
    out = os.path.join(cache, "faker-x")
    if not os.path.exists(out):
        zipfile.ZipFile(os.path.join(cache, whl)).extractall(out)
    sys.path.insert(0, out)
    import importlib
    given, family = Counter(), Counter()
    for loc in LOCALES:
        p = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attrs, into in ((("first_names", "first_names_male", "first_names_female"), given), (("last_names",), family)):
            seen = set()
            for a in attrs:
                v = getattr(p, a, ())
                for n in (v.keys() if hasattr(v, "keys") else v):
                    for w in latin(n).split():
                        if w not in PARTICLES and len(w) >= 3:
                            seen.add(w)
            into.update(seen)
    sys.path.remove(out)
    names = {}
    for w in sorted(set(given) | set(family)):
        names[w] = ("given" if given[w] >= family[w] else "family", given[w] + family[w])
    return names


# An English name word is a candidate when the CoNLL text tags it this often inside an organisation's
# or a place's name.
MIN_CONLL = 3


def conll_entity_words(shared, latin):
    """{latin word: ("entity", 1)}: title-case words of ORG and LOC names in CoNLL-2003 English train."""
    counts = Counter()
    with open(os.path.join(shared, "corpus", "ner", "eng.train"), encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if len(cols) == 4 and cols[3][2:] in ("ORG", "LOC") and re.fullmatch("[A-Z][a-z]{3,}", cols[0]):
                counts[latin(cols[0])] += 1
    return {w: ("entity", 1) for w, n in counts.items() if n >= MIN_CONLL and w not in PARTICLES}


def western_pairs(rows, pair_words):
    """(Latin word, folded Arabic word) pairs of places in Western countries."""
    return pair_words(r for r in rows if r["cc"] in WESTERN)


def contexts(l, i):
    w = "^^" + l + "$$"
    p2, p, c, n, n2 = w[i], w[i + 1], w[i + 2], w[i + 3], w[i + 4]
    return ["4" + p + c + n + n2, "3" + p + c + n, "2" + c + n, "1" + c]


def train(pairs, prob, viterbi):
    """Smoothed P(chunk | context) for every context seen, most specific first in `contexts`."""
    counts = defaultdict(Counter)
    for (l, a), w in pairs.items():
        chunks = viterbi(l, a, prob, MAX_CHUNK)
        if chunks is None:
            continue
        for i, ch in enumerate(chunks):
            for key in contexts(l, i):
                counts[key][ch] += w
    dist = {}
    for level in "1234":
        for key in sorted(k for k in counts if k[0] == level):
            cnt = counts[key]
            n = sum(cnt.values())
            lower = dist.get({"1": None, "2": "1" + key[1], "3": "2" + key[2:4], "4": "3" + key[1:4]}[level]) or {}
            beta = len(cnt) if lower else 0.0
            dist[key] = {ch: (cnt.get(ch, 0.0) + beta * lower.get(ch, 0.0)) / (n + beta) for ch in set(cnt) | set(lower)}
    return dist


def spellings(l, dist):
    """The likeliest Arabic spellings of Latin word l: [(arabic, probability)]."""
    beams = [("", 1.0)]
    for i in range(len(l)):
        d = next((dist[k] for k in contexts(l, i) if k in dist), {"": 1.0})
        top = sorted(((p, ch) for ch, p in d.items() if p >= 0.02), reverse=True)[:6]
        beams = sorted(((a + ch, s * p) for a, s in beams for p, ch in top), key=lambda x: -x[1])
        merged = {}
        for a, s in beams:
            merged[a] = merged.get(a, 0.0) + s
        beams = sorted(merged.items(), key=lambda x: (-x[1], x[0]))[:BEAM]
    return beams


def news_counts(shared, fold):
    counts = Counter()
    word = re.compile("[\u0621-\u064A\u0640\u064B-\u065F\u0670]+")
    with gzip.open(os.path.join(shared, "corpus", "news", "saudinewsnet.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            counts.update(fold(w) for w in word.findall(json.loads(line)["text"]))
    return counts


def build(cache, shared, out_path, b, arab_units, listed, words):
    """`b` is build.py itself: its text helpers, gazetteer readers and EM alignment serve here."""
    fold, latin = b.fold, b.latin
    names = faker_names(cache, latin)
    # The letter model learns from the names' pairs only; the entity words are candidates after it.
    faker = set(names)
    for w, v in conll_entity_words(shared, latin).items():
        names.setdefault(w, v)
    pairs = Counter()
    for (a, l), w in western_pairs(b.gazetteer_rows(), b.gazetteer_pairs).items():
        if re.fullmatch("[a-z]+", l):
            pairs[(l, a)] += w
    # Western names borne by Arabs, as Wikidata spells them in both scripts (جيمس James).
    for a, spelt in arab_units.items():
        for l, n in spelt.items():
            if l in faker and ARABIC_LETTERS.fullmatch(a):
                pairs[(l, a)] += min(n, 5)
    # Latin letters emit Arabic chunks: any chunk, no shorter bound on the Arabic.
    prob = b.em(pairs, MAX_CHUNK, EM_ITERATIONS, allowed=lambda c, chunk: True, fits=lambda l, a: len(a) <= MAX_CHUNK * len(l))
    dist = train(pairs, prob, b.viterbi)
    news = news_counts(shared, fold)
    best = {}
    for l in sorted(names):
        sp = spellings(l, dist)
        top = sp[0][1] if sp else 0.0
        for a, p in sp:
            confirmed = sum(arab_units.get(a, {}).values()) >= MIN_BEARERS
            # Three letters fit too many names (جين: Jean, Gene, Jane) unless Arabs' spelling decides.
            # A name most locales list (Martin) is written more ways than a rare one (Martine).
            relative = MIN_RELATIVE / 2 if names[l][1] >= COMMON_LOCALES else MIN_RELATIVE
            if p < relative * top or news[a] < MIN_NEWS or a in listed or len(a) < 3 or (len(a) == 3 and not confirmed):
                continue
            # A listed word, a clitic on a commoner word (ولم, وعلي), or a common word the article
            # often defines (مركز, المركز) is no one's name; nor does a
            # Western name begin with the article unless its Latin does (Alvaro, ألفارو) and the
            # word without it is rare (الموت is ال + موت, not Almut).
            if a in words or (a[0] in "وفبلك" and news[a[1:]] > news[a]):
                continue
            # Nor a common word with a pronoun suffix (دونه, لونه; ساره stays Sara).
            if a.endswith("ه") and news[a[:-1]] > news[a]:
                continue
            if news["ال" + a] > MAX_DEFINITE * news[a] or (a.startswith("ال") and (not l.startswith(("al", "el")) or news[a[2:]] > 0.1 * news[a])):
                continue
            # A word Arabs bear (Wikidata) takes a Western spelling only when they mostly spell it
            # so (جون: John 17 times, Jean twice; صالح stays Arab, Saleh, not Salih).
            if confirmed:
                if arab_units[a].most_common(1)[0][0] != l:
                    continue
                score = 100.0
            else:
                score = math.log(p) + 0.5 * math.log(names[l][1])
            # An entity word is no one's name: not one Arabs bear (سابر is Saber, not Sauber), and a
            # Western name spelt the same wins (كونتي: Conti, not County).
            if names[l][0] == "entity":
                if a in arab_units:
                    continue
                score -= 1000.0
            if a not in best or score > best[a][0]:
                best[a] = (score, l)
    lines = ["# Western name units written in Arabic (folded) -> their Latin spelling, class (given, family, or entity: a word",
             "# of an organisation's or a place's name), news count.",
             "# Built by tools/translit/build.py (foreign_names.py) from Faker's names (MIT), the words of ORG and LOC names in",
             "# CoNLL-2003 English train and GeoNames; do not edit."]
    for a in sorted(best):
        l = best[a][1]
        lines.append(f"{a}\t{l.capitalize()}\t{names[l][0]}\t{news[a]}")
    open(out_path, "w", encoding="utf-8").write("\n".join(lines) + "\n")
    print(f"foreign names: {len(best)} Arabic spellings of {len({b[1] for b in best.values()})} Western names "
          f"({len(names)} candidates, {len(pairs)} training pairs)")
