//! Find entity mentions: the gazetteer's places, then the language pack's finders.

use super::Resources;
use super::segment::Doc;
use crate::{EntityKind, Geo, Span};
// FxHash: keys are short words hashed per token; SipHash's DoS resistance buys nothing here.
use rustc_hash::FxHashMap as HashMap;

/// One mention of a would-be entity, before linking.
#[derive(Debug, Clone)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityKind,
    /// What links mentions of the same thing.
    pub key: EntityKey,
    pub name_en: Option<String>,
    pub geo: Option<Geo>,
}

/// What links mentions into one entity (with their kind).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EntityKey {
    /// A canonical name, lower-cased: the English name of a lexicon or gazetteer entry, or the
    /// name itself in English text. Spelling variants that share it are one entity.
    Name(String),
    /// The folded surface a pattern or the tagger found, for a name no list knows.
    Surface(EntityKind, String),
}

pub fn find(doc: &Doc, res: &Resources) -> Vec<Mention> {
    let mut out = gazetteer_mentions(doc, res);
    crate::lang::pack(doc.lang).find_mentions(doc, res, &mut out);
    out
}

pub(crate) fn gazetteer_mentions(doc: &Doc, res: &Resources) -> Vec<Mention> {
    let gaz = &res.gazetteer;
    let found = gaz.find(doc);
    // A small town is believed only in a story about its country (or when a reading is notable):
    // otherwise its name is more likely a word or a person's name that happens to be a town.
    let countries: Vec<&str> = found
        .iter()
        .filter_map(|m| m.candidates.first().map(|&c| gaz.place(c)))
        .filter(|p| p.geo.kind == crate::GeoKind::Country || p.population >= 100_000)
        .map(|p| p.geo.country.as_str())
        .collect();
    let believable = |m: &crate::geo::gazetteer::GazMatch| {
        m.candidates.iter().any(|&c| {
            let p = gaz.place(c);
            p.geo.kind != crate::GeoKind::City || p.population >= 15_000 || countries.contains(&p.geo.country.as_str())
        })
    };
    found
        .into_iter()
        .filter(|m| !m.candidates.is_empty() && believable(m))
        .map(|m| {
            let p = res.gazetteer.place(m.candidates[0]);
            Mention {
                span: m.span,
                kind: EntityKind::Place,
                key: EntityKey::Name(p.link_key()),
                name_en: Some(p.name_en.clone()),
                geo: Some(p.geo.clone()),
            }
        })
        .collect()
}

/// Where a mention came from: on overlaps the longer one wins, then the more trusted source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Pattern = 0,
    Gazetteer = 1,
    Lexicon = 2,
}

pub struct Cand {
    pub m: Mention,
    pub src: Source,
}

/// Longest first, then the more trusted source; a mention overlapping a kept one is dropped.
pub fn resolve_overlaps(mut cands: Vec<Cand>) -> Vec<Cand> {
    crate::sort::by(&mut cands, |a, b| b.m.span.len().cmp(&a.m.span.len()).then(b.src.cmp(&a.src)).then(a.m.span.start.cmp(&b.m.span.start)));
    let mut kept: Vec<Cand> = Vec::with_capacity(cands.len());
    for c in cands {
        if c.m.span.is_empty() || kept.iter().any(|k| k.m.span.overlaps(c.m.span)) {
            continue;
        }
        kept.push(c);
    }
    crate::sort::by_key(&mut kept, |c| c.m.span.start);
    kept
}

/// A person introduced by a full name is later called by the last name alone (وأضاف ماهاما):
/// every such word, clitics aside (`is_clitic_prefix`: what may precede a word inside its token),
/// is a mention with the same key, where the language says the last word names the person alone
/// (`names_alone`, given the name's words: not a father's name after بن).
pub fn surname_mentions(doc: &Doc, kept: &mut Vec<Mention>, is_clitic_prefix: fn(&str) -> bool, names_alone: impl Fn(&[&str]) -> bool) {
    let mut surnames: Vec<(String, EntityKey, Option<String>)> = Vec::new();
    for m in kept.iter().filter(|m| m.kind == EntityKind::Person) {
        let EntityKey::Surface(EntityKind::Person, surface) = &m.key else { continue };
        let words: Vec<&str> = surface.split(' ').collect();
        if words.len() >= 2
            && let Some(last) = words.last()
            && last.chars().count() >= 3
            && names_alone(&words)
        {
            surnames.push((last.to_string(), m.key.clone(), m.name_en.clone()));
        }
    }
    if surnames.is_empty() {
        return;
    }
    // Token → surnames: a lookup per clitic split of each token, not a scan of every surname.
    let mut by_last: HashMap<&str, Vec<usize>> = HashMap::default();
    for (k, (last, ..)) in surnames.iter().enumerate() {
        by_last.entry(last.as_str()).or_default().push(k);
    }
    let mut added = Vec::new();
    let mut hits: Vec<(usize, usize)> = Vec::new(); // (surname, prefix bytes)
    for i in 0..doc.tokens.len() {
        let t = doc.ftok(i);
        hits.clear();
        for (pos, _) in t.char_indices().take(3) {
            if is_clitic_prefix(&t[..pos])
                && let Some(ks) = by_last.get(&t[pos..])
            {
                hits.extend(ks.iter().map(|&k| (k, pos)));
            }
        }
        crate::sort::ord(&mut hits);
        for &(k, pos) in &hits {
            let (_, key, name_en) = &surnames[k];
            let span = doc.folded.orig_span(doc.tokens[i].fstart + pos, doc.tokens[i].fend);
            // `kept` is sorted by start and its mentions do not nest: only neighbours can overlap.
            let at = kept.partition_point(|m| m.span.start < span.start);
            if kept[at.saturating_sub(1)..(at + 1).min(kept.len())].iter().any(|m| m.span.overlaps(span)) {
                continue;
            }
            added.push(Mention { span, kind: EntityKind::Person, key: key.clone(), name_en: name_en.clone(), geo: None });
        }
    }
    kept.extend(added);
    crate::sort::by_key(kept, |m| m.span.start);
}
