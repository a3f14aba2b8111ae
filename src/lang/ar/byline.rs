//! The byline and dateline at the head of an Arabic article («الرياض - واس», «جدة: عبدالله
//! الزهراني», «عين اليوم – الدمام», «فهد العتيبي - سبق - الطائف:», «القاهرة (رويترز) -»,
//! «إبراهيم المتحمي (القنفذة)»): the agency or outlet and the reporter it names are entities;
//! its place is left to the gazetteer. It is text about the article, never anyone's statement.

use crate::EntityKind;
use crate::Span;
use crate::lang::LanguagePack;
use crate::lang::ar::{arabic, clitics};
use crate::stages::mentions::{EntityKey, Mention};
use crate::stages::segment::Doc;

/// The most words a byline holds (a place, an outlet, a two- to four-word name, a date).
const MAX_WORDS: usize = 14;

/// The token range of the byline at the head of the document, if the first line (or the start
/// of the first line, up to a colon or a dash after a bracket) reads as one: short segments
/// between dashes, colons or brackets, one of them an outlet, or a name/place pair on a line of
/// its own.
pub fn head(doc: &Doc) -> Option<std::ops::Range<usize>> {
    let n = doc.tokens.len();
    let first = doc.tokens.first()?.span.start;
    let line_end = doc.text[first..].find('\n').map_or(doc.text.len(), |e| first + e);
    let first_line_end = (0..n).find(|&i| doc.tokens[i].span.start >= line_end).unwrap_or(n);
    let own_line = first_line_end < n && first_line_end <= MAX_WORDS;
    // Inline: the byline ends at the first colon, or a dash right after a bracket, early on.
    let inline_end =
        (0..first_line_end.min(MAX_WORDS + 1)).find(|&i| doc.ftok(i) == ":" || is_dash(doc.ftok(i)) && i > 0 && doc.ftok(i - 1) == ")").map(|i| i + 1);
    let end = if own_line { first_line_end } else { inline_end? };
    let segments = segments(doc, 0..end);
    let outlet = segments.iter().any(|s| outlet_of(doc, s.clone()).is_some());
    let separated = (0..end).any(|i| is_separator(doc.ftok(i)));
    let words = (0..end).filter(|&i| doc.tokens[i].is_word).count();
    // A line of its own that is not a headline: an outlet in it, or short segments (a name and a place).
    let bare_pair = own_line && separated && segments.len() >= 2 && segments.iter().all(|s| s.len() <= 4);
    (words >= 1 && (outlet || bare_pair)).then_some(0..end)
}

/// Mentions the byline holds: its outlet or agency (an organisation) and its reporter (a person);
/// whatever else (a place, a date) is left to the other finders.
pub fn mentions(doc: &Doc, out: &mut Vec<Mention>) {
    let Some(range) = head(doc) else { return };
    let with_outlet = segments(doc, range.clone()).into_iter().any(|s| outlet_of(doc, s).is_some());
    for seg in segments(doc, range) {
        let span = Span::new(doc.tokens[seg.start].span.start, doc.tokens[seg.end - 1].span.end);
        // A place that is also a paper's name (الرياض) is the place in a dateline.
        // Only a place that is the whole segment: a reporter's family name may spell a town
        // (لجين الأحمدي – عين اليوم).
        let place = out.iter().any(|m| m.kind == EntityKind::Place && m.span.start <= span.start && m.span.end >= span.end);
        let found = if place {
            None
        } else if let Some(name_en) = outlet_of(doc, seg.clone()) {
            Some(Mention { span, kind: EntityKind::Organization, key: EntityKey::Name(name_en.to_lowercase()), name_en: Some(name_en), geo: None })
        } else if is_reporter(doc, seg.clone(), out, with_outlet) {
            let folded = seg.clone().map(|i| doc.ftok(i)).collect::<Vec<_>>().join(" ");
            Some(Mention {
                span,
                kind: EntityKind::Person,
                key: EntityKey::Surface(EntityKind::Person, folded),
                name_en: Some(super::transliterate(span.slice(doc.text))),
                geo: None,
            })
        } else {
            None
        };
        if let Some(m) = found {
            out.retain(|o| !o.span.overlaps(m.span));
            out.push(m);
        }
    }
    crate::sort::by_key(out, |m| m.span.start);
}

/// The most words a closing tag list holds.
const MAX_TAG_WORDS: usize = 20;

/// Where a closing list of keyword tags starts («… سمات المدينة نورة الشهري وزارة الصحة»: 1,735 of
/// the 2,077 articles of عين اليوم in saudinewsnet end so): the tags are run together, so any name
/// read across them is garbage (التحالف السهم الذهبي اليمن), and the names they repeat are the
/// article's own. The byte offset of the tag word, when at most MAX_TAG_WORDS words follow it to the
/// end of the text with no sentence punctuation among them.
pub fn tag_list_start(doc: &Doc) -> Option<usize> {
    let n = doc.tokens.len();
    let k = (n.saturating_sub(MAX_TAG_WORDS + 1)..n).rev().find(|&i| arabic().words.is(doc.ftok(i), super::class::TAG_LIST))?;
    let punctuated = (k + 1..n).any(|i| matches!(doc.ftok(i), "." | ":" | "!" | "?" | "؟"));
    (!punctuated && k + 1 < n).then(|| doc.tokens[k].span.start)
}

/// Where the byline names an outlet (عين اليوم، اليوم): no time expression there.
pub fn outlet_spans(doc: &Doc) -> Vec<Span> {
    let Some(range) = head(doc) else { return Vec::new() };
    segments(doc, range)
        .into_iter()
        .filter(|s| outlet_of(doc, s.clone()).is_some())
        .map(|s| Span::new(doc.tokens[s.start].span.start, doc.tokens[s.end - 1].span.end))
        .collect()
}

fn is_dash(t: &str) -> bool {
    matches!(t, "-" | "–" | "—" | "ـ")
}

fn is_separator(t: &str) -> bool {
    is_dash(t) || matches!(t, ":" | "(" | ")" | "/" | "|" | "،" | ",")
}

/// The runs of words between separators.
fn segments(doc: &Doc, range: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    for i in range.clone() {
        if is_separator(doc.ftok(i)) || !doc.tokens[i].is_word {
            if i > start {
                out.push(start..i);
            }
            start = i + 1;
        }
    }
    if range.end > start {
        out.push(start..range.end);
    }
    out
}

/// The English name of the outlet a segment names (data/meta/outlets.tsv).
fn outlet_of(doc: &Doc, seg: std::ops::Range<usize>) -> Option<String> {
    let text = &doc.text[doc.tokens[seg.start].span.start..doc.tokens[seg.end - 1].span.end];
    crate::metadata::outlet_named(text)
}

/// A reporter's name: two to four plain words, none a title, verb, month or known place; named
/// by the tagger, or beside an outlet, or shaped like a given name and a family name (عبدالله
/// الزهراني), which a two-word headline (اتفاقية جديدة) is not.
fn is_reporter(doc: &Doc, seg: std::ops::Range<usize>, found: &[Mention], with_outlet: bool) -> bool {
    let ar = arabic();
    let span = Span::new(doc.tokens[seg.start].span.start, doc.tokens[seg.end - 1].span.end);
    // A given name first makes a family name that spells a town a name (لجين الأحمدي).
    let given_first = ar.is_any_given_name(doc.ftok(seg.start));
    let place = found.iter().any(|m| m.kind == EntityKind::Place && m.span.overlaps(span) && (!given_first || m.span.start <= span.start && m.span.end >= span.end));
    let tagged = found.iter().any(|m| m.kind == EntityKind::Person && m.span.overlaps(span));
    let family_shaped = !clitics::has_article(doc.ftok(seg.start)) && clitics::has_article(doc.ftok(seg.end - 1));
    (2..=4).contains(&seg.len())
        && !place
        && (tagged || with_outlet || family_shaped)
        && seg.clone().all(|i| {
            let w = doc.ftok(i);
            w.chars().count() >= 2
                && w.chars().all(|ch| super::Pack.script_weight(ch) > 0)
                && !ar.is_title(w)
                && !ar.is_speech_verb(w)
                && ar.month(w).is_none()
                && ar.weekday(w).is_none()
        })
}

#[cfg(test)]
mod tests {
    use crate::stages::segment::Doc;
    use crate::{Analysis, EntityKind, Lang, Options, analyze, parse_date};

    fn run(t: &str) -> Analysis {
        analyze(t, &Options { lang: Some(Lang::Ar), date: Some(parse_date("2021-05-04").unwrap()) })
    }

    fn named(a: &Analysis, t: &str, kind: EntityKind) -> Vec<String> {
        a.entities.iter().filter(|e| e.kind == kind).flat_map(|e| e.mentions.iter().map(|m| m.slice(t).to_string())).collect()
    }

    #[test]
    fn an_agency_dateline_names_the_agency_and_the_place() {
        let t = "تبوك - واس\nافتتح أمير المنطقة معرضا للكتاب يضم مئتي دار نشر.";
        let a = run(t);
        assert!(named(&a, t, EntityKind::Organization).contains(&"واس".to_string()), "{:?}", a.entities);
        assert!(named(&a, t, EntityKind::Place).contains(&"تبوك".to_string()), "{:?}", a.entities);
        assert!(a.statements.is_empty(), "{:?}", a.statements);
    }

    #[test]
    fn a_reporter_byline_names_the_reporter_and_never_speaks() {
        let t = "خالد العنزي - سبق - حائل: أعلنت أمانة المنطقة أن الطرق ستفتح غدا.";
        let a = run(t);
        assert!(named(&a, t, EntityKind::Person).contains(&"خالد العنزي".to_string()), "{:?}", a.entities);
        assert!(named(&a, t, EntityKind::Organization).contains(&"سبق".to_string()), "{:?}", a.entities);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_ne!(a.statements[0].speaker_span.map(|s| s.slice(t)), Some("خالد العنزي"));
    }

    #[test]
    fn an_outlet_line_is_an_organisation_not_a_time() {
        let t = " \nعين اليوم – جدة\nقال المتحدث باسم الشرطة إن الحادث وقع فجرا.";
        let a = run(t);
        assert!(named(&a, t, EntityKind::Organization).contains(&"عين اليوم".to_string()), "{:?}", a.entities);
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
    }

    #[test]
    fn headlines_and_first_sentences_are_not_bylines() {
        for t in [
            "وزير الصحة يفتتح مستشفى جديدا في الشمال\nافتتح وزير الصحة أمس مستشفى جديدا.",
            "قال المتحدث باسم الوزارة: إن العمل مستمر.",
            "أمطار غزيرة على الباحة\nهطلت أمطار غزيرة أمس.",
        ] {
            let doc = Doc::new(t, Lang::Ar);
            assert_eq!(super::head(&doc), None, "{t}");
        }
        // A short headline between dashes names no reporter.
        let t = "تبوك - أبها: مباراة حاسمة\nيلتقي الفريقان مساء اليوم في الملعب.";
        assert!(named(&run(t), t, EntityKind::Person).is_empty(), "{:?}", run(t).entities);
        let doc = Doc::new("الباحة - واس\nهطلت أمطار غزيرة أمس.", Lang::Ar);
        assert_eq!(super::head(&doc), Some(0..3));
    }
}
