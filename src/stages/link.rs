//! Group mentions into entities: one entity per real-world thing.

use super::mentions::Mention;
use super::segment::Doc;
use crate::Entity;

/// An entity with the mentions it was built from (later stages need their keys).
#[derive(Debug, Clone)]
pub struct Linked {
    pub entity: Entity,
    pub keys: Vec<String>,
}

pub fn link(doc: &Doc, mut mentions: Vec<Mention>) -> Vec<Linked> {
    mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut out: Vec<Linked> = Vec::new();
    for m in mentions {
        if let Some(l) = out.iter_mut().find(|l| l.entity.kind == m.kind && l.keys.contains(&m.key)) {
            l.entity.mentions.push(m.span);
            continue;
        }
        out.push(Linked {
            entity: crate::Entity {
                id: format!("e{}", out.len()),
                kind: m.kind,
                name: m.span.slice(doc.text).to_string(),
                name_en: m.name_en,
                mentions: vec![m.span],
                geo: m.geo,
            },
            keys: vec![m.key],
        });
    }
    out
}
