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
    crate::sort::by_key(&mut mentions, |m| (m.span.start, std::cmp::Reverse(m.span.end)));
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
    join_lineage_forms(doc, &mut out);
    merge_short_person_names(doc, &mut out);
    join_unplaced_namesakes(doc, &mut out);
    for (k, l) in out.iter_mut().enumerate() {
        l.entity.id = format!("e{k}");
        crate::sort::ord(&mut l.entity.mentions);
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

/// A person named with a lineage (خالد بن محمد العطية, فيصل بن سلمان بن عبدالعزيز) is the one the
/// text also names without it (خالد العطية, فيصل بن سلمان): a form of two or more words that is a
/// longer form less a run of lineage pairs joins the single person who has that longer form.
/// Listed names keep their entity: the other is moved into it.
fn join_lineage_forms(doc: &Doc, out: &mut Vec<Linked>) {
    let pack = doc.lang.pack();
    let person = |l: &Linked| l.entity.kind == EntityKind::Person;
    // Each shortened form of a name with a lineage, with the persons it came from (looked up by
    // form: a long text names thousands of people).
    let mut shortened: rustc_hash::FxHashMap<Vec<&str>, Vec<usize>> = Default::default();
    for (j, l) in out.iter().enumerate().filter(|(_, l)| person(l)) {
        for &s in &l.entity.mentions {
            let w = words(doc, s);
            for i in 1..w.len() {
                let mut end = i;
                while end + 1 < w.len() && pack.is_lineage_word(w[end]) {
                    end += 2;
                    let rest = [&w[..i], &w[end..]].concat();
                    if rest.len() >= 2 {
                        shortened.entry(rest).or_default().push(j);
                    }
                }
            }
        }
    }
    if shortened.is_empty() {
        return;
    }
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for (k, l) in out.iter().enumerate().filter(|(_, l)| person(l)) {
        let mut targets: Vec<usize> = l
            .entity
            .mentions
            .iter()
            .flat_map(|&s| {
                let w = words(doc, s);
                shortened.get(&w).into_iter().flatten().copied().filter(move |&j| j != k).collect::<Vec<_>>()
            })
            .collect();
        crate::sort::ord(&mut targets);
        targets.dedup();
        if let [t] = targets[..] {
            moves.push((k, t));
        }
    }
    let listed = |l: &Linked| l.keys.iter().any(|key| !matches!(key, EntityKey::Surface(..)));
    let mut gone = vec![false; out.len()];
    for (k, t) in moves {
        if gone[k] || gone[t] {
            continue;
        }
        // The entity that stays: a listed one, else the one with the longer form.
        let (from, into) = if listed(&out[k]) && !listed(&out[t]) { (t, k) } else { (k, t) };
        // English writes the name without the lineage (Faisal bin Salman).
        if !listed(&out[k]) && !listed(&out[t]) {
            out[into].entity.name_en = out[k].entity.name_en.clone();
        }
        let moved = std::mem::take(&mut out[from].entity.mentions);
        let keys = std::mem::take(&mut out[from].keys);
        for s in moved {
            if !out[into].entity.mentions.contains(&s) {
                out[into].entity.mentions.push(s);
            }
        }
        out[into].keys.extend(keys);
        gone[from] = true;
    }
    let mut k = 0;
    out.retain(|_| {
        k += 1;
        !gone[k - 1]
    });
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
            crate::sort::ord(&mut v);
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
        // Cited as the longer names write it (للسويح is السويح of عمار السويح).
        let cited = doc.lang.pack().citation_form(longest[0]);
        let word = cited.as_deref().unwrap_or(longest[0]);
        let targets: Vec<usize> = (0..out.len())
            .filter(|&j| j != k && out[j].entity.kind == EntityKind::Person)
            .filter(|&j| edges[j].binary_search(&word).is_ok())
            .collect();
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
    crate::sort::by_key(out, |l| l.entity.mentions.iter().map(|s| s.start).min().unwrap_or(0));
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
        // Capitals first, Arabic letters (which have none) answered without Unicode's tables: the
        // alphabetic count looked every Arabic letter up there.
        let capital = |c: char| !('\u{0600}'..='\u{06FF}').contains(&c) && c.is_uppercase();
        t.chars().any(capital) && t.chars().filter(|c| c.is_alphabetic()).count() > 3 && !t.chars().any(char::is_lowercase)
    };
    // Each mention's rank computed once, not once per comparison, its words counted, not
    // collected; a single mention (most entities) needs no rank.
    let only = (mentions.len() == 1).then(|| &mentions[0]);
    only.or_else(|| mentions.iter().max_by_key(|s| (word_iter(doc, **s).count(), !shouting(s), std::cmp::Reverse(s.start))))
        .map(|s| {
            // Quotation marks and brackets inside a name (قناة «المتوسط», ملعب "لوفتس رود", شركة
            // (فينيفست)) are the text's, not the name's.
            let quote = |c: char| matches!(c, '«' | '»' | '"' | '“' | '”' | '(' | ')');
            let written = s.slice(doc.text).trim_matches(quote);
            let unquoted: String;
            let written = if written.contains(quote) {
                unquoted = written.replace(quote, "").split_whitespace().collect::<Vec<_>>().join(" ");
                unquoted.as_str()
            } else {
                written
            };
            doc.lang.pack().citation_form(written).unwrap_or_else(|| written.to_string())
        })
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
    fn a_name_with_its_lineage_joins_the_name_without_it() {
        let t = "استقبل الدكتور خالد بن محمد العطية الوفد. وقال خالد العطية إن الزيارة مهمة. وحضر الأمير فيصل بن سلمان بن \
                 عبدالعزيز أمير منطقة المدينة المنورة الحفل. وقال الأمير فيصل بن سلمان إن الحفل ناجح.";
        let a = analyze(t, &Options { lang: Some(Lang::Ar), date: None });
        let people: Vec<(&str, usize)> = a.entities.iter().filter(|e| e.kind == EntityKind::Person).map(|e| (e.name.as_str(), e.mentions.len())).collect();
        assert!(people.contains(&("خالد بن محمد العطية", 2)), "{people:?}");
        assert!(people.contains(&("فيصل بن سلمان بن عبدالعزيز", 2)), "{people:?}");
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

    #[test]
    fn a_name_is_displayed_without_li_on_its_article() {
        use crate::Span;
        use crate::stages::mentions::{EntityKey, Mention};
        use crate::stages::segment::Doc;
        let t = "قدم الدعم للمنظمة العربية للتنمية، ثم أعلنت المنظمة العربية للتنمية النتائج.";
        let doc = Doc::new(t, Lang::Ar);
        let at = |name: &str| {
            let s = t.find(name).unwrap();
            Span::new(s, s + name.len())
        };
        // The pack keys the form with ل as the one with ال (ar/mentions.rs, leave_out_clitics).
        let key = || EntityKey::Surface(EntityKind::Organization, "المنظمه العربيه للتنميه".into());
        let org = |span: Span| Mention { span, kind: EntityKind::Organization, key: key(), name_en: None, geo: None };
        let linked = super::link(&doc, vec![org(at("للمنظمة العربية للتنمية")), org(at("المنظمة العربية للتنمية"))]);
        assert_eq!(linked.len(), 1);
        assert_eq!(linked[0].entity.name, "المنظمة العربية للتنمية");
    }
}
