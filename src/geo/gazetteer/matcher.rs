//! Place names in a document: the longest name at each word start, at word boundaries, written as
//! a name (capitals for Latin-script names; only the prefixes a language allows before it).

use super::*;
use crate::Lang;
#[cfg(doc)]
use crate::lang::LanguagePack;

/// Countries whose towns Arabic names natively (not transliterated from another language).
const ARAB_WORLD: &[&str] =
    &["SY", "IQ", "LB", "JO", "PS", "IL", "EG", "YE", "LY", "TN", "DZ", "MA", "SD", "SA", "KW", "QA", "BH", "AE", "OM", "MR", "SO", "DJ"];

/// Folded nouns that introduce a place's name (with or without ال).
const PLACE_NOUNS: &[&str] = &[
    "مدينه",
    "المدينه",
    "بلده",
    "البلده",
    "قريه",
    "القريه",
    "معتقل",
    "سجن",
    "قاعده",
    "مطار",
    "مخيم",
    "منطقه",
    "محافظه",
    "ولايه",
    "اقليم",
    "جزيره",
    "ميناء",
    "معبر",
    "حي",
    "جبل",
    "نهر",
    "بحر",
    "city",
    "town",
    "village",
    "camp",
    "port",
    "province",
];

/// What a language writes onto the front of a place name in the same word (Arabic: و ف ب ل, and
/// لل for the article after ل), and the forms it derives from place names. The gazetteer asks; the
/// language's pack answers ([`LanguagePack::place_prefixes`], `lang::ar::PlacePrefixes`). Names of
/// its [`lang`](NamePrefixes::lang) that it [`writes`](NamePrefixes::writes) are flagged `PREFIXED`
/// in the index.
pub trait NamePrefixes: Send + Sync {
    /// The language whose names these rules apply to.
    fn lang(&self) -> Option<Lang>;
    /// Whether a folded name is written in this language's script.
    fn writes(&self, folded: &str) -> bool;
    /// Byte offsets inside a folded word where a name may start, the word start first.
    fn name_starts(&self, word: &str) -> [Option<usize>; 3];
    /// Whether `prefix` may stand attached before a name; `variant` for a name in its stored
    /// prefixed shape (للرقة), which takes fewer.
    fn allows(&self, prefix: &str, variant: bool) -> bool;
    /// The prefixes `lookup` tries off a whole unknown form, in order.
    fn strippable(&self) -> &[String];
    /// A word with every attached prefix taken off.
    fn without_prefixes<'w>(&self, word: &'w str) -> &'w str;
    /// The shape a name also takes after a prefix (الرقة → للرقة), stored beside it.
    fn variant(&self, folded: &str) -> Option<String>;
    /// The name a stored variant shape stands for (للرقة → الرقة).
    fn variant_base(&self, folded: &str) -> Option<String>;
    /// The noun that names a town's countryside before its name (ريف حلب), and the countries
    /// (ISO codes) where that is a usual way to name a rural area.
    fn countryside(&self) -> Option<(&str, &[String])> {
        None
    }
    /// The noun that makes a country's formal name before its short one (دولة قطر).
    fn state_noun(&self) -> Option<&str> {
        None
    }
}

/// No language attaches prefixes: every name is matched as written.
struct NoPrefixes;

impl NamePrefixes for NoPrefixes {
    fn lang(&self) -> Option<Lang> {
        None
    }
    fn writes(&self, _: &str) -> bool {
        false
    }
    fn name_starts(&self, _: &str) -> [Option<usize>; 3] {
        [Some(0), None, None]
    }
    fn allows(&self, prefix: &str, _: bool) -> bool {
        prefix.is_empty()
    }
    fn strippable(&self) -> &[String] {
        &[]
    }
    fn without_prefixes<'w>(&self, word: &'w str) -> &'w str {
        word
    }
    fn variant(&self, _: &str) -> Option<String> {
        None
    }
    fn variant_base(&self, _: &str) -> Option<String> {
        None
    }
}

/// The prefix rules of the language pack that attaches prefixes to names (today Arabic only).
pub fn prefixes_of() -> Box<dyn NamePrefixes> {
    crate::lang::PACKS.iter().find_map(|p| p.place_prefixes()).unwrap_or_else(|| Box::new(NoPrefixes))
}

/// How much higher (log population) a place read after a conjunction must stand to win over a
/// whole word that names another: ln 5.
const FAR_BETTER_KNOWN: f64 = 1.609;

/// A name found at a word: its last token, folded byte range and index in the sorted names.
struct Found {
    end_token: usize,
    fstart: usize,
    fend: usize,
    name: usize,
}

impl Gazetteer {
    /// Every place name in the document: longest first, never overlapping, at word boundaries.
    pub fn find(&self, doc: &Doc) -> Vec<GazMatch> {
        let toks = &doc.tokens;
        let mut out = Vec::new();
        let mut key = String::with_capacity(MAX_BYTES + 8);
        let mut i = 0;
        while i < toks.len() {
            match self.longest_at(doc, i, &mut key).filter(|found| !self.quoted_title(doc, i, found.end_token)) {
                Some(found) => {
                    let (fs, fe) = (found.fstart, found.fend);
                    out.push(GazMatch { span: doc.folded.orig_span(fs, fe), fstart: fs, fend: fe, candidates: self.name_ids(found.name).to_vec() });
                    i = found.end_token + 1;
                }
                None => i += 1,
            }
        }
        out
    }

    /// The longest acceptable name starting in word `i` (at its start or after a prefix).
    fn longest_at(&self, doc: &Doc, i: usize, key: &mut String) -> Option<Found> {
        let tok = &doc.tokens[i];
        if !tok.is_word {
            return None;
        }
        let first = &doc.folded.text[tok.fstart..tok.fend];
        let mut best: Option<Found> = None;
        let [whole, after_conjunction, after_preposition] = self.prefixes.name_starts(first);
        for (k, off) in [whole, after_conjunction, after_preposition].into_iter().enumerate() {
            let Some(off) = off else { continue };
            let mut here: Option<Found> = None;
            self.extend_from(doc, i, &first[..off], tok.fstart + off, key, &mut here);
            best = match (best, here) {
                // The same words read after a conjunction name a far better-known place (five
                // times the population): وجدة is و + جدة (Jeddah) unless a word before says
                // Oujda (ووجدة). A foreign name's first letter is no preposition: باردو is Bardo.
                (Some(b), Some(h))
                    if k == 1 && h.end_token == b.end_token && self.top_prior(h.name) > self.top_prior(b.name) + FAR_BETTER_KNOWN =>
                {
                    Some(h)
                }
                (Some(b), Some(h)) if h.fend - h.fstart > b.fend - b.fstart => Some(h),
                (b, h) => b.or(h),
            };
        }
        best
    }

    /// The prior of the best-known place a sorted name stands for.
    fn top_prior(&self, name: usize) -> f64 {
        self.name_ids(name).iter().map(|&p| self.place(p).prior()).fold(f64::MIN, f64::max)
    }

    /// Grows the key token by token from folded offset `fs` in word `i` while some name still has
    /// it as a prefix (a range of the sorted index that only narrows), recording in `best` each
    /// whole name longer than it that `accept` allows after `prefix`.
    fn extend_from(&self, doc: &Doc, i: usize, prefix: &str, fs: usize, key: &mut String, best: &mut Option<Found>) {
        let (text, toks) = (doc.folded.text.as_str(), &doc.tokens);
        key.clear();
        let (mut lo, mut hi) = (0, self.names.len());
        let mut j = i;
        while j < toks.len() && j < i + MAX_TOKENS && toks[j].fend - fs <= MAX_BYTES {
            if j > i {
                let gap = &text[toks[j - 1].fend..toks[j].fstart];
                if gap.contains('\n') {
                    break;
                }
                if !gap.is_empty() {
                    key.push(' ');
                }
            }
            key.push_str(&text[if j == i { fs } else { toks[j].fstart }..toks[j].fend]);
            if j == i
                && let Some(p) = prefix4(key)
            {
                let Some(&(a, b)) = self.buckets.get(&p) else { break };
                (lo, hi) = (a as usize, b as usize);
            }
            let k = key.as_bytes();
            lo += self.names[lo..hi].partition_point(|r| self.rec_bytes(r) < k);
            if lo >= hi || !self.rec_bytes(&self.names[lo]).starts_with(k) {
                break;
            }
            if self.rec_bytes(&self.names[lo]) == k {
                let longer = best.as_ref().is_none_or(|b| toks[j].fend - fs > b.fend - b.fstart);
                if longer && self.accept(doc, lo, prefix, fs, toks[j].fend) {
                    *best = Some(Found { end_token: j, fstart: fs, fend: toks[j].fend, name: lo });
                }
            }
            hi = lo + self.names[lo..hi].partition_point(|r| self.rec_bytes(r).starts_with(k));
            j += 1;
        }
    }

    /// A name that opens a short «…» or "…" (closed within three tokens) is the title of
    /// something else — a newspaper («الشرق الأوسط»), a conference («جنيف 1»), an operation.
    fn quoted_title(&self, doc: &Doc, i: usize, j: usize) -> bool {
        let toks = &doc.tokens;
        let opens = i > 0 && matches!(doc.otok(i - 1), "«" | "\"" | "“");
        // ... unless a place noun introduces it: معتقل «غوانتانامو», بلدة «صرين».
        let introduced = i > 1 && PLACE_NOUNS.contains(&self.prefixes.without_prefixes(doc.ftok(i - 2)));
        opens && !introduced && (j + 1..(j + 4).min(toks.len())).any(|k| matches!(doc.otok(k), "»" | "\"" | "”"))
    }

    fn accept(&self, doc: &Doc, n: usize, prefix: &str, s: usize, e: usize) -> bool {
        let r = self.names[n];
        if r.flags & PREFIXED != 0 {
            if !self.prefixes.allows(prefix, r.flags & VARIANT != 0) {
                return false;
            }
            // A clitic plus a short name is too often just a word («لجنة» is ل + جنة): only
            // well-known places may be found that way.
            if !prefix.is_empty() && self.name(n).chars().count() <= 3 {
                // (Foreign towns are spelled from foreign names: «باتن» Patten is not ب+أتن Athens.)
                return self.name_ids(n).iter().any(|&p| {
                    let p = self.place(p);
                    p.geo.kind == GeoKind::Country || (p.population >= 200_000 && ARAB_WORLD.contains(&p.geo.country.as_str()))
                });
            }
            return true;
        }
        prefix.is_empty() && self.capitalised_in_text(doc, r, s, e)
    }

    /// English names must be written as names: capitalised where the source capitalises them, in
    /// capitals for acronyms, and — for names that are also ordinary words — not at a sentence start.
    fn capitalised_in_text(&self, doc: &Doc, r: NameRec, s: usize, e: usize) -> bool {
        let span = doc.folded.orig_span(s, e);
        let orig = span.slice(doc.text);
        let letters = || orig.chars().filter(|c| c.is_alphabetic());
        if r.flags & ACRONYM != 0 {
            return letters().all(|c| c.is_uppercase());
        }
        for (i, w) in orig.split([' ', '-']).filter(|w| !w.is_empty()).enumerate() {
            let must = i >= 32 || r.caps & (1 << i) != 0;
            if must && !w.chars().next().is_some_and(|c| c.is_uppercase()) {
                return false;
            }
        }
        if r.flags & COMMON != 0 {
            let before = doc.text[..span.start].trim_end_matches([' ', '\t']);
            let initial = before.is_empty() || before.ends_with(['.', '!', '?', '\n', '"', '“', ':', '—', '-', '(']);
            if initial || letters().all(|c| c.is_uppercase()) {
                return false;
            }
        }
        true
    }
}
