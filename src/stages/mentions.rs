//! Find entity mentions: gazetteer and lexicon matches, and language patterns.

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
    let mut out = Vec::new();
    for m in res.gazetteer.find(&doc.folded.text) {
        let p = res.gazetteer.place(m.candidates[0]);
        out.push(Mention {
            span: doc.folded.orig_span(m.fstart, m.fend),
            kind: EntityKind::Place,
            key: p.name_en.to_lowercase(),
            name_en: Some(p.name_en.clone()),
            geo: Some(p.geo.clone()),
        });
    }
    out
}
