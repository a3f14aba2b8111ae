//! Who said what: direct quotes and reported speech, with speaker, cue and date.

use super::link::Linked;
use super::segment::Doc;
use crate::{Statement, TimeExpr};
use chrono::NaiveDate;

pub fn find(doc: &Doc, entities: &[Linked], times: &[TimeExpr], date: Option<NaiveDate>) -> Vec<Statement> {
    let pack = crate::lang::pack(doc.lang);
    let mut out = pack.find_statements(doc, entities, times);
    date_statements(doc, times, date, pack.dates_from_preceding_time(), &mut out);
    pack.continue_statement_dates(doc, times, &mut out);
    out
}

/// A statement's date, when the language rules left it open: the day-valued time expression that
/// governs it (in its sentence, outside what was said), else the nearest time expression before it
/// outside any statement's content when that one is a day; else unknown. Times inside a content
/// are what was said about, not when it was said.
pub fn date_statements(doc: &Doc, times: &[TimeExpr], date: Option<NaiveDate>, from_preceding_time: bool, statements: &mut [Statement]) {
    let contents: Vec<crate::Span> = statements.iter().map(|s| s.content).collect();
    let outside: Vec<&TimeExpr> = times.iter().filter(|t| !contents.iter().any(|c| c.contains(t.span()))).collect();
    let is_day = |v: &str| v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-';
    let today = date.map(|d| d.format("%Y-%m-%d").to_string());
    for s in statements.iter_mut().filter(|s| s.date.is_none()) {
        let anchor = s.cue.map_or(s.content.start, |c| c.start.min(s.content.start));
        let sentence = doc.sentence_of_offset(anchor);
        let same_sentence = |t: &&TimeExpr| sentence.is_some() && doc.sentence_of_offset(t.start) == sentence;
        // A dateline ("بيروت - 4 مارس 2024: قال ... أمس") gives the publication day; another day
        // named in the same sentence is the one the statement was made on.
        let in_sentence = || outside.iter().filter(|t| same_sentence(t));
        let governing = in_sentence().find(|t| today.as_deref() != Some(t.value.as_str())).or_else(|| in_sentence().next()).copied();
        // A past day reported inside the content of this very sentence ("انتزعت اليوم") dates it too.
        let inner = || times.iter().find(|t| same_sentence(&t) && is_day(&t.value) && today.as_deref().is_none_or(|d| t.value.as_str() <= d));
        let before = || outside.iter().rev().find(|t| from_preceding_time && t.end <= anchor).copied();
        let chosen = governing.or_else(inner).or_else(before);
        s.date = chosen.filter(|t| is_day(&t.value)).map(|t| t.value.clone());
    }
}

#[cfg(test)]
mod tests {
    use crate::{Lang, Options, analyze, parse_date};

    #[test]
    fn a_dateline_does_not_date_a_statement_made_yesterday() {
        let t = "بيروت - 4 مارس 2024: قال وزير النقل اللبناني كريم نصار، أمس، إن المرفأ سيعاود العمل الأسبوع المقبل.";
        let a = analyze(t, &Options { lang: Some(Lang::Ar), date: Some(parse_date("2024-03-04").unwrap()) });
        assert_eq!(a.statements.len(), 1, "{:?}", a.statements);
        assert_eq!(a.statements[0].date.as_deref(), Some("2024-03-03"));
    }
}
