//! Find entity mentions: the gazetteer's places, then the language pack's finders.

use super::Resources;
use super::segment::Doc;
use crate::{EntityKind, Geo, Span};

/// One mention of a would-be entity, before linking.
#[derive(Debug, Clone)]
pub struct Mention {
    pub span: Span,
    pub kind: EntityKind,
    /// The folded canonical form used to link mentions of the same thing.
    pub key: String,
    pub name_en: Option<String>,
    pub geo: Option<Geo>,
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
                key: p.name_en.to_lowercase(),
                name_en: Some(p.name_en.clone()),
                geo: Some(p.geo.clone()),
            }
        })
        .collect()
}
