//! Time expressions resolved against the article date.
//!
//! Each language pack recognises its expressions as typed [`TimeValue`]s (`src/lang/<code>/times.rs`,
//! with their words in `data/lang/<code>/`); one [`Resolver`] turns them into ISO values against the article
//! date, through the [`calendar`]s. Only the resolver's output is text.

pub mod calendar;
pub mod value;
pub mod words;

use super::Resources;
use super::segment::Doc;
use crate::TimeExpr;
use chrono::NaiveDate;
pub use value::{Recognised, Resolver, TimeValue};

/// Every time expression of the document with a value (relative ones need the article date).
pub fn find(doc: &Doc, res: &Resources, date: Option<NaiveDate>) -> Vec<TimeExpr> {
    let resolver = Resolver { date, calendars: &res.calendars };
    let found = doc.lang.pack().recognise_times(doc, res, &resolver);
    found
        .into_iter()
        .filter_map(|r| {
            let value = match r.until {
                Some(until) => resolver.resolve_range(&r.value?, &until)?,
                None => resolver.resolve(&r.value?)?,
            };
            Some(TimeExpr { start: r.start, end: doc.tokens[r.end - 1].span.end, value })
        })
        .collect()
}

/// A publication date written at the head of the article (a dateline), if any.
/// Looks only at the first lines ("WASHINGTON, Sept. 15, 2016 (AP) —", "Published 2016-09-15"),
/// and only at dates written out with their year: a dateline without a year ("GENEVA, Nov. 3
/// (Reuters) -") cannot give one. Every language's dates are tried, the text's own language first.
pub fn dateline(text: &str) -> Option<NaiveDate> {
    let mut end = text.len().min(400);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let res = super::resources();
    let first = crate::detect_lang(head);
    std::iter::once(first).chain(crate::lang::PACKS.iter().map(|p| p.lang()).filter(|&l| l != first)).find_map(|lang| {
        let doc = Doc::new(head, lang);
        find(&doc, res, None).into_iter().find(|t| t.value.len() == 10).and_then(|t| crate::parse_ymd(&t.value))
    })
}

#[cfg(test)]
mod dateline_tests {
    use super::dateline;

    #[test]
    fn english_datelines_with_a_year() {
        assert_eq!(dateline("WASHINGTON, Sept. 15, 2016 (AP) — The Senate voted.").map(|d| d.to_string()).as_deref(), Some("2016-09-15"));
        assert_eq!(dateline("Posted 2015-11-18\nThe text.").map(|d| d.to_string()).as_deref(), Some("2015-11-18"));
    }

    #[test]
    fn arabic_datelines_with_a_year() {
        assert_eq!(dateline("الرياض - الأربعاء 18 نوفمبر 2015: أعلن الوزير").map(|d| d.to_string()).as_deref(), Some("2015-11-18"));
        assert_eq!(dateline("بيروت: قال مسؤول أمس").map(|d| d.to_string()), None);
    }

    #[test]
    fn no_year_no_date() {
        assert_eq!(dateline("GENEVA, Nov. 3 (Reuters) - Talks resumed."), None);
        assert_eq!(dateline(""), None);
        assert_eq!(dateline("ééééé"), None);
    }
}
