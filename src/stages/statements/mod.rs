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
    // Contents by start, with the furthest end reached so far: whether one contains a time is a
    // binary search (a long text has thousands of each).
    let mut contents: Vec<crate::Span> = statements.iter().flat_map(|s| s.parts().to_vec()).collect();
    crate::sort::by_key(&mut contents, |c| c.start);
    let reach: Vec<usize> = contents.iter().scan(0, |far, c| {
        *far = c.end.max(*far);
        Some(*far)
    }).collect();
    let contained = |t: crate::Span| {
        let k = contents.partition_point(|c| c.start <= t.start);
        k > 0 && reach[k - 1] >= t.end
    };
    let outside: Vec<&TimeExpr> = times.iter().filter(|t| !contained(t.span())).collect();
    // The times of each sentence, in order (`None`: outside every sentence).
    let mut by_sentence: std::collections::HashMap<Option<usize>, (Vec<&TimeExpr>, Vec<&TimeExpr>)> = std::collections::HashMap::new();
    for t in &outside {
        by_sentence.entry(doc.sentence_of_offset(t.start)).or_default().0.push(t);
    }
    for t in times {
        by_sentence.entry(doc.sentence_of_offset(t.start)).or_default().1.push(t);
    }
    let no_times = (Vec::new(), Vec::new());
    // Days outside contents, in order, and whether their ends are in order too (then the last one
    // ending by a point is found by binary search; otherwise by a scan, as written).
    let outside_days: Vec<&TimeExpr> = outside.iter().copied().filter(|t| is_day_value(&t.value)).collect();
    let ends_sorted = outside_days.windows(2).all(|w| w[0].end <= w[1].end);
    let today = date.map(crate::ymd);
    // A day said inside a content dates the saying only when it is the article's day or the few
    // before it (انتزعت اليوم، قال أمس): an older day in a content is what was talked about.
    let week_before = date.and_then(|d| d.checked_sub_days(chrono::Days::new(3))).map(crate::ymd);
    let recent = |v: &str| match (&today, &week_before) {
        (Some(t), Some(w)) => v <= t.as_str() && v >= w.as_str(),
        _ => true,
    };
    for s in statements.iter_mut().filter(|s| s.date.is_none()) {
        let anchor = s.cue.map_or(s.content.start, |c| c.start.min(s.content.start));
        let sentence = doc.sentence_of_offset(anchor);
        let (sentence_outside, sentence_times) = if sentence.is_some() { by_sentence.get(&sentence).unwrap_or(&no_times) } else { &no_times };
        // A dateline ("بيروت - 4 مارس 2024: قال ... أمس") gives the publication day; another day
        // named in the same sentence is the one the statement was made on.
        let in_sentence = || sentence_outside.iter();
        let governing = in_sentence().find(|t| today.as_deref() != Some(t.value.as_str())).or_else(|| in_sentence().next()).copied();
        // A past day reported inside the content of this very sentence ("انتزعت اليوم") dates it too.
        let inner = || sentence_times.iter().find(|t| is_day_value(&t.value) && recent(&t.value)).copied();
        let before = || {
            if !from_preceding_time {
                None
            } else if ends_sorted {
                outside_days[..outside_days.partition_point(|t| t.end <= anchor)].last().copied()
            } else {
                outside_days.iter().rev().find(|t| t.end <= anchor).copied()
            }
        };
        let chosen = governing.or_else(inner).or_else(before);
        s.date = chosen.filter(|t| is_day_value(&t.value)).map(|t| t.value.clone());
    }
}

/// A time value that is one day (YYYY-MM-DD).
fn is_day_value(v: &str) -> bool {
    v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-'
}

// Quote pairing, shared by the packs' statement rules.

/// Quotation pairs over the whole document (a quote may run over several sentences): for each
/// opening token, the token index of its closing mark. Nested «…» inside «…» are skipped over.
pub(crate) fn quote_pairs(doc: &Doc) -> Vec<Option<usize>> {
    let n = doc.tokens.len();
    let mut close = vec![None; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut straight: Option<usize> = None;
    for i in 0..n {
        match doc.ftok(i) {
            "«" | "“" => stack.push(i),
            "»" | "”" => {
                if let Some(o) = stack.pop() {
                    close[o] = Some(i);
                }
            }
            "\"" => match straight.take() {
                Some(o) if doc.tokens[o].span.start < i_para_end(doc, o) && doc.tokens[i].span.start < i_para_end(doc, o) => close[o] = Some(i),
                Some(_) => straight = Some(i),
                None => straight = Some(i),
            },
            _ => {}
        }
    }
    close
}

/// The end of the paragraph holding token i: straight quotes never pair across paragraphs.
fn i_para_end(doc: &Doc, i: usize) -> usize {
    let s = doc.tokens[i].sentence;
    let p = doc.sentences[s].paragraph;
    doc.paragraphs.get(p).map_or(usize::MAX, |p| p.end)
}

/// Quoted stretches as token ranges (inside the marks), per paragraph: straight quotes alternate,
/// curly ones and `` '' say which way they face; a quote still open at a paragraph's end ends there.
pub(crate) fn quoted_stretches(doc: &Doc) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let toks = &doc.tokens;
    let mut open: Option<usize> = None;
    let mut inner_open = false;
    let mut para_end = 0usize;
    let mut para = 0usize;
    for i in 0..toks.len() {
        while para < doc.paragraphs.len() && toks[i].span.start >= doc.paragraphs[para].end {
            para += 1;
        }
        let pe = doc.paragraphs.get(para).map_or(usize::MAX, |p| p.end);
        if pe != para_end {
            // A quote still open at the end of a paragraph ends there (the next paragraph
            // reopens it by news convention).
            if let Some(o) = open.take()
                && i > o + 1
            {
                out.push((o + 1, i));
            }
            inner_open = false;
            para_end = pe;
        }
        if !is_quote_mark(doc.otok(i)) {
            continue;
        }
        let o = doc.otok(i);
        // A quote inside a quote uses the other kind of mark ("… “…” …"): it stays inside. A mark
        // of the other kind where no inner quote is open closes the quote (“…" typed carelessly).
        if let Some(s) = open
            && mark_family(doc.otok(s)) != mark_family(o)
        {
            let opens = match o {
                "“" | "``" => true,
                "”" => false,
                _ => opens_by_position(doc, i),
            };
            if opens || inner_open {
                inner_open = opens;
                continue;
            }
        }
        inner_open = false;
        let opening = match o {
            "“" | "``" => true,
            "”" => false,
            // Some outlets write '' on both sides: it opens after a space, before a word.
            "''" => opens_by_position(doc, i),
            _ => open.is_none(),
        };
        match (opening, open) {
            (true, None) => open = Some(i),
            (true, Some(_)) => open = Some(i),
            (false, Some(s)) => {
                if i > s + 1 {
                    out.push((s + 1, i));
                }
                open = None;
            }
            (false, None) => {}
        }
    }
    if let Some(o) = open
        && toks.len() > o + 1
    {
        out.push((o + 1, toks.len()));
    }
    out
}

/// Straight, curly and doubled-apostrophe marks pair only within their kind.
fn mark_family(mark: &str) -> u8 {
    match mark {
        "\"" => 0,
        "“" | "”" => 1,
        _ => 2,
    }
}

/// A mark with a space (or nothing) before it and a word after it opens a quote.
fn opens_by_position(doc: &Doc, i: usize) -> bool {
    let span = doc.tokens[i].span;
    let before = doc.text[..span.start].chars().next_back();
    let after = doc.text[span.end..].chars().next();
    before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '-')) && after.is_some_and(|c| !c.is_whitespace())
}

/// A quotation mark as written in the original text (straight, curly, or TeX-style doubled).
pub(crate) fn is_quote_mark(tok: &str) -> bool {
    matches!(tok, "\"" | "“" | "”" | "''" | "``")
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
