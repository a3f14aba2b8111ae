//! Mentions of a town that name something else: its government speaking ("Paris said",
//! «أعلنت واشنطن») or an agreement signed there ("the Paris agreement", «اتفاق باريس»). The
//! place stays one entity with its coordinates (the protocol's `geo`); the map pins it only for
//! its other mentions, so a story about the Paris agreement has no pin in Paris.

use crate::{Analysis, EntityKind, GeoKind, Span};

/// The mentions of towns that stand for their government or name an agreement, in text order.
pub fn figurative_mentions(text: &str, analysis: &Analysis) -> Vec<Span> {
    let pack = analysis.lang.pack();
    let mut out: Vec<Span> = Vec::new();
    let towns = analysis.entities.iter().filter(|e| e.kind == EntityKind::Place && e.geo.as_ref().is_some_and(|g| g.kind == GeoKind::City));
    for e in towns {
        for &m in &e.mentions {
            let speaks = analysis.statements.iter().any(|s| s.speaker.as_deref() == Some(e.id.as_str()) && s.speaker_span == Some(m));
            let before = words(text.get(..m.start).unwrap_or("")).next_back().unwrap_or("");
            let after: Vec<&str> = words(text.get(m.end..).unwrap_or("")).take(2).collect();
            if speaks || pack.names_an_agreement(before, &after) {
                out.push(m);
            }
        }
    }
    crate::sort::ord(&mut out);
    out
}

/// Whether a place has a mention that names it as a place: what the map pins.
pub fn pinned(entity: &crate::Entity, figurative: &[Span]) -> bool {
    entity.mentions.iter().any(|m| figurative.binary_search(m).is_err())
}

fn words(s: &str) -> impl DoubleEndedIterator<Item = &str> {
    s.split(|c: char| !crate::stages::segment::is_word_char(c)).filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Lang, Options, analyze};

    fn figurative(text: &str, lang: Lang) -> (Vec<&str>, Vec<String>) {
        let a = analyze(text, &Options { lang: Some(lang), date: None });
        let fig = figurative_mentions(text, &a);
        let pinned_places = a.entities.iter().filter(|e| e.kind == EntityKind::Place && pinned(e, &fig)).map(|e| e.name.clone()).collect();
        (fig.iter().map(|s| s.slice(text)).collect(), pinned_places)
    }

    #[test]
    fn a_capital_speaking_or_naming_an_agreement_is_no_pin() {
        let t = "Paris said on Monday it would not sign. The Paris agreement was signed by 195 countries. Officials met in Moscow.";
        let (fig, pins) = figurative(t, Lang::En);
        assert_eq!(fig, ["Paris", "Paris"]);
        assert_eq!(pins, ["Moscow"]);
        // one literal mention keeps the pin (once)
        let t = "The Paris agreement was signed in Paris.";
        assert_eq!(figurative(t, Lang::En).1, ["Paris"]);
        let t = "أعلنت واشنطن أمس أنها ستنسحب من اتفاق باريس للمناخ. وعقد الاجتماع في الرياض.";
        let (fig, pins) = figurative(t, Lang::Ar);
        assert_eq!(fig, ["واشنطن", "باريس"]);
        assert_eq!(pins, ["الرياض"]);
    }
}
