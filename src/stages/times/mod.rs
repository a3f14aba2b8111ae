//! Time expressions resolved against the article date.

// The language packs' time grammars (`LanguagePack::find_times`).
pub(crate) mod ar;
pub(crate) mod en;

use super::segment::Doc;
use crate::TimeExpr;
use chrono::NaiveDate;

pub fn find(doc: &Doc, date: Option<NaiveDate>) -> Vec<TimeExpr> {
    crate::lang::pack(doc.lang).find_times(doc, date)
}

/// A publication date written at the head of the article (a dateline), if any.
/// Looks only at the first lines ("WASHINGTON, Sept. 15, 2016 (AP) —", "Published 2016-09-15"),
/// and only at dates written out with their year: a dateline without a year ("GENEVA, Nov. 3
/// (Reuters) -") cannot give one.
pub fn dateline(text: &str) -> Option<NaiveDate> {
    let mut end = text.len().min(400);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let first = crate::detect_lang(head);
    std::iter::once(first.pack()).chain(crate::lang::PACKS.iter().copied().filter(|p| p.lang() != first)).find_map(|p| p.dateline(head))
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
    fn no_year_no_date() {
        assert_eq!(dateline("GENEVA, Nov. 3 (Reuters) - Talks resumed."), None);
        assert_eq!(dateline(""), None);
        assert_eq!(dateline("ééééé"), None);
    }
}
