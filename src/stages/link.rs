//! Group mentions into entities: one entity per real-world thing.
//!
//! Mentions with the same kind and key are one entity (lexicon and gazetteer keys are canonical
//! English names, so spelling variants meet there). Then a person's short form (بوتين, "Putin")
//! joins the one longer name in the article that contains it.

use super::mentions::{EntityKey, Mention};
use super::segment::Doc;
use crate::{Entity, EntityKind, Span};

/// An entity with the mentions it was built from (later stages need their keys).
#[derive(Debug, Clone)]
pub struct Linked {
    pub entity: Entity,
    pub keys: Vec<EntityKey>,
}

pub fn link(doc: &Doc, mut mentions: Vec<Mention>) -> Vec<Linked> {
    mentions.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut out: Vec<Linked> = Vec::new();
    for m in mentions {
        if let Some(l) = out.iter_mut().find(|l| l.entity.kind == m.kind && l.keys.contains(&m.key)) {
            if !l.entity.mentions.contains(&m.span) {
                l.entity.mentions.push(m.span);
            }
            if l.entity.name_en.is_none() {
                l.entity.name_en = m.name_en;
            }
            continue;
        }
        out.push(Linked {
            entity: Entity { id: String::new(), kind: m.kind, name: String::new(), name_en: m.name_en, name_ar: None, mentions: vec![m.span], geo: m.geo },
            keys: vec![m.key],
        });
    }
    merge_short_person_names(doc, &mut out);
    join_unplaced_namesakes(doc, &mut out);
    for (k, l) in out.iter_mut().enumerate() {
        l.entity.id = format!("e{k}");
        l.entity.mentions.sort();
        l.entity.name = display_name(doc, &l.entity.mentions);
    }
    out
}

/// The name words of a mention, folded, without a leading proclitic-only difference.
fn words<'a>(doc: &'a Doc, span: Span) -> Vec<&'a str> {
    word_iter(doc, span).collect()
}

fn word_iter<'a>(doc: &'a Doc, span: Span) -> impl Iterator<Item = &'a str> {
    let fs = doc.folded.folded(span.start);
    let fe = doc.folded.folded(span.end);
    doc.folded.text.get(fs..fe).unwrap_or("").split(|c: char| !super::segment::is_word_char(c)).filter(|w| !w.is_empty())
}

/// A person known only by one word joins the single other person whose name ends (or starts)
/// with that word; with two candidates the short form stays apart rather than guess.
fn merge_short_person_names(doc: &Doc, out: &mut Vec<Linked>) {
    // The first and last words of each person's multi-word mentions, computed once (kept in step
    // with `out` below): comparing them per pair of entities is what a long text multiplies.
    let mut edges: Vec<Vec<&str>> = out
        .iter()
        .map(|l| {
            if l.entity.kind != EntityKind::Person {
                return Vec::new();
            }
            let mut v: Vec<&str> = l.entity.mentions.iter().map(|&s| words(doc, s)).filter(|w| w.len() >= 2).flat_map(|w| [w[0], w[w.len() - 1]]).collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let mut k = 0;
    while k < out.len() {
        let e = &out[k];
        let pattern_only = e.keys.iter().all(|key| matches!(key, EntityKey::Surface(EntityKind::Person, _)));
        if e.entity.kind != EntityKind::Person || !pattern_only {
            k += 1;
            continue;
        }
        let short: Vec<Vec<&str>> = e.entity.mentions.iter().map(|&s| words(doc, s)).collect();
        let longest = short.iter().max_by_key(|w| w.len()).cloned().unwrap_or_default();
        if longest.len() >= 2 || longest.is_empty() {
            k += 1;
            continue;
        }
        let word = longest[0];
        let targets: Vec<usize> =
            (0..out.len()).filter(|&j| j != k && out[j].entity.kind == EntityKind::Person).filter(|&j| edges[j].binary_search(&word).is_ok()).collect();
        if targets.len() == 1 {
            let moved = out.remove(k);
            // A one-word person adds no multi-word mention to the target's edges.
            edges.remove(k);
            let t = if targets[0] > k { targets[0] - 1 } else { targets[0] };
            for s in moved.entity.mentions {
                if !out[t].entity.mentions.contains(&s) {
                    out[t].entity.mentions.push(s);
                }
            }
            out[t].keys.extend(moved.keys);
            continue;
        }
        k += 1;
    }
    // Entities are ordered by first mention, so ids read in text order.
    out.sort_by_key(|l| l.entity.mentions.iter().map(|s| s.start).min().unwrap_or(0));
}

/// A place found only by its form (the tagger's «المملكة») whose every form is also a form of a
/// place the gazetteer or a rule located is that place: one entity, not a located one and an
/// unlocated double.
fn join_unplaced_namesakes(doc: &Doc, out: &mut Vec<Linked>) {
    let forms = |l: &Linked| -> Vec<Vec<&str>> { l.entity.mentions.iter().map(|&s| words(doc, s)).collect() };
    // The located places' forms, computed once and kept in step with `out`: a joined place adds
    // only forms its target already has, so they never change.
    let mut located: Vec<Option<Vec<Vec<&str>>>> =
        out.iter().map(|l| (l.entity.kind == EntityKind::Place && l.entity.geo.is_some()).then(|| forms(l))).collect();
    let mut k = 0;
    while k < out.len() {
        let e = &out[k];
        let unplaced = e.entity.kind == EntityKind::Place && e.entity.geo.is_none() && e.keys.iter().all(|key| matches!(key, EntityKey::Surface(..)));
        let mine = if unplaced { forms(e) } else { Vec::new() };
        let target = (!mine.is_empty())
            .then(|| (0..out.len()).find(|&j| j != k && located[j].as_ref().is_some_and(|theirs| mine.iter().all(|f| theirs.contains(f)))))
            .flatten();
        let Some(t) = target else {
            k += 1;
            continue;
        };
        let moved = out.remove(k);
        located.remove(k);
        let t = if t > k { t - 1 } else { t };
        for s in moved.entity.mentions {
            if !out[t].entity.mentions.contains(&s) {
                out[t].entity.mentions.push(s);
            }
        }
        out[t].keys.extend(moved.keys);
    }
}

/// The fullest form used in the text: the mention with the most words, earliest on ties.
/// A form written all in capitals (a dateline's BEIRUT) loses a tie to the ordinary spelling.
fn display_name(doc: &Doc, mentions: &[Span]) -> String {
    let shouting = |s: &Span| {
        let t = s.slice(doc.text);
        t.chars().filter(|c| c.is_alphabetic()).count() > 3 && !t.chars().any(char::is_lowercase) && t.chars().any(char::is_uppercase)
    };
    // Each mention's rank computed once, not once per comparison, its words counted, not
    // collected; a single mention (most entities) needs no rank.
    let only = (mentions.len() == 1).then(|| &mentions[0]);
    only.or_else(|| mentions.iter().max_by_key(|s| (word_iter(doc, **s).count(), !shouting(s), std::cmp::Reverse(s.start))))
        .map(|s| s.slice(doc.text).trim_matches(|c: char| matches!(c, '«' | '»' | '"' | '(' | ')')).to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use crate::{EntityKind, Lang, Options, analyze};

    #[test]
    fn a_dateline_in_capitals_does_not_name_the_place() {
        let t = "BEIRUT, March 4 — The port of Beirut reopened on Monday, officials in Beirut said.";
        let a = analyze(t, &Options { lang: Some(Lang::En), date: None });
        let names: Vec<&str> = a.entities.iter().filter(|e| e.kind == EntityKind::Place).map(|e| e.name.as_str()).collect();
        assert!(names.contains(&"Beirut") && !names.contains(&"BEIRUT"), "{names:?}");
    }

    #[test]
    fn short_form_joins_the_full_name_and_ids_are_stable() {
        let t = "قال الرئيس الغاني جون ماهاما إن البلاد بخير. وأضاف ماهاما أن الاقتصاد ينمو.";
        let a = analyze(t, &Options { lang: Some(Lang::Ar), date: None });
        let people: Vec<_> = a.entities.iter().filter(|e| e.kind == EntityKind::Person).collect();
        assert_eq!(people.len(), 1, "{:?}", a.entities);
        assert_eq!(people[0].mentions.len(), 2);
        assert_eq!(people[0].name, "جون ماهاما");
        for (k, e) in a.entities.iter().enumerate() {
            assert_eq!(e.id, format!("e{k}"));
        }
    }

    #[test]
    fn an_unplaced_form_joins_the_located_place_it_spells() {
        use crate::stages::mentions::{EntityKey, Mention};
        use crate::stages::segment::Doc;
        use crate::{Geo, GeoKind, Span};
        let t = "وأكد أن المملكة ستواصل دعمها، وقال إن المملكة التي تقود التحالف لن تتراجع، وزار الوفد الكويت.";
        let doc = Doc::new(t, Lang::Ar);
        let at = |from: usize, name: &str| {
            let s = from + t[from..].find(name).unwrap();
            Span::new(s, s + name.len())
        };
        let (first, second) = (at(0, "المملكة"), at(t.find("التي").unwrap() - "المملكة ".len(), "المملكة"));
        let kuwait = at(0, "الكويت");
        let saudi = Some(Geo { lat: 24.1, lon: 44.5, country: "SA".into(), kind: GeoKind::Country });
        let place = |span: Span, key: EntityKey, geo: Option<Geo>| Mention { span, kind: EntityKind::Place, key, name_en: None, geo };
        let mentions = vec![
            place(first, EntityKey::Name("saudi arabia".into()), saudi),
            place(second, EntityKey::Surface(EntityKind::Place, "المملكه".into()), None),
            place(kuwait, EntityKey::Surface(EntityKind::Place, "الكويت".into()), None),
        ];
        let linked = super::link(&doc, mentions);
        let spans: Vec<Vec<Span>> = linked.iter().map(|l| l.entity.mentions.clone()).collect();
        // the tagger's second «المملكة» is the located kingdom; an unplaced name spelled otherwise stays apart
        assert_eq!(spans, vec![vec![first, second], vec![kuwait]]);
    }
}
