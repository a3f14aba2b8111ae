//! Khabar's core: from an article's text to an [`Analysis`] — entities, statements, times, places.
//!
//! A pipeline of plain functions over one document: normalise → segment → find mentions → link
//! entities → geocode → times → statements. `analyze` is pure and per-document: the only shared
//! thing is read-only data (gazetteer, lexicons) built once on first use.

pub mod analysis;
pub mod combine;
pub mod corrections;
pub mod export;
pub mod geo;
pub mod html;
pub mod lang;
pub mod metadata;
pub mod library;
pub mod share;
pub mod sort;
pub mod stages;
pub mod validate;
pub mod varint;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

/// The web app; its views are wasm-only, its pure parts (strings, filters, layout maths) are
/// compiled and tested natively too.
pub mod app;

#[cfg(target_arch = "wasm32")]
pub mod wasm_api;

pub use analysis::*;
use chrono::NaiveDate;
use stages::segment::Doc;

/// How to analyse one document.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `None`: detect from the script of the text.
    pub lang: Option<Lang>,
    /// The article's publication date, against which relative times are resolved.
    pub date: Option<NaiveDate>,
}

/// Analyse one article. Never panics on any UTF-8 input; empty text gives an empty analysis.
pub fn analyze(text: &str, opts: &Options) -> Analysis {
    let lang = opts.lang.unwrap_or_else(|| detect_lang(text));
    let doc = Doc::new(text, lang);
    let res = stages::resources();
    let mentions = stages::mentions::find(&doc, res);
    let mut entities = stages::link::link(&doc, mentions);
    stages::geocode::geocode(&doc, res, &mut entities);
    let times = stages::times::find(&doc, res, opts.date);
    let statements = stages::statements::find(&doc, &entities, &times, opts.date);
    Analysis {
        id: None,
        lang,
        date: opts.date.map(ymd),
        entities: entities.into_iter().map(|e| e.entity).collect(),
        statements,
        times,
    }
}

/// The language whose script the text is mostly written in (the packs weigh each character).
pub fn detect_lang(text: &str) -> Lang {
    lang::detect_lang(text)
}

/// Parse an ISO date (YYYY-MM-DD) strictly.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    if s.len() != 10 {
        return Err(format!("bad date {s:?}: expected YYYY-MM-DD"));
    }
    parse_ymd(s).ok_or_else(|| format!("bad date {s:?}: expected a real calendar date as YYYY-MM-DD"))
}

// Dates are written and read by hand rather than with chrono's `format` and `parse_from_str`:
// those interpret their format string at run time, which linked all of chrono's strftime and
// parsing code (RFC 2822 included) into the browser build, 18 kB (8 kB gzip). The results are
// chrono's, byte for byte (tests below compare them).

/// `d` as chrono's `format("%Y-%m-%d")` writes it (its `Display` is the same).
pub fn ymd(d: NaiveDate) -> String {
    d.to_string()
}

/// A year as chrono's `%Y` writes it: four digits, with a sign outside 0–9999.
pub fn year4(year: i32) -> String {
    if (0..10_000).contains(&year) { format!("{year:04}") } else { format!("{year:+05}") }
}

/// What `NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()` gives: each number may follow white
/// space, the year may have a sign (then any number of digits, else at most four), the month
/// and the day one or two digits; nothing may follow.
pub fn parse_ymd(s: &str) -> Option<NaiveDate> {
    fn number(s: &str, max: usize) -> Option<(i64, &str)> {
        let digits = s.bytes().take(max).take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let n = s.bytes().take(digits).try_fold(0i64, |n, b| n.checked_mul(10)?.checked_add(i64::from(b - b'0')))?;
        Some((n, &s[digits..]))
    }
    let s = s.trim_start();
    let (year, s) = if let Some(rest) = s.strip_prefix('-') {
        let (v, rest) = number(rest, usize::MAX)?;
        (0i64.checked_sub(v)?, rest)
    } else if let Some(rest) = s.strip_prefix('+') {
        number(rest, usize::MAX)?
    } else {
        number(s, 4)?
    };
    let (month, s) = number(s.strip_prefix('-')?.trim_start(), 2)?;
    let (day, s) = number(s.strip_prefix('-')?.trim_start(), 2)?;
    if !s.is_empty() {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month as u32, day as u32)
}

/// A publication date written in the article itself (a dateline), if any: used by the web app
/// to pre-fill the date field.
pub fn dateline_date(text: &str) -> Option<NaiveDate> {
    stages::times::dateline(text)
}

#[cfg(test)]
mod date_tests {
    use chrono::{Datelike, NaiveDate};
    use proptest::prelude::*;

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        for y in (-2000..12_000).step_by(7).chain([-262_143, -10_000, -1000, -999, -1, 0, 1, 999, 1000, 9999, 10_000, 262_142]) {
            for (m, d) in [(1, 1), (2, 28), (12, 31)] {
                let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
                assert_eq!(super::ymd(date), date.format("%Y-%m-%d").to_string());
                assert_eq!(format!("{}-{:02}", super::year4(date.year()), date.month()), date.format("%Y-%m").to_string());
                assert_eq!(super::year4(date.year()), date.format("%Y").to_string());
            }
        }
    }

    fn same_as_chrono(s: &str) {
        assert_eq!(super::parse_ymd(s), NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(), "{s:?}");
    }

    #[test]
    fn dates_are_read_as_chrono_reads_them() {
        for s in [
            "", "2024-01-31", "2024-02-30", "2024-1-5", " 2024- 1- 5", "2024-01-05 ", "+2024-01-05", "-0044-03-15", "+00002024-01-05",
            "20240-01-05", "2024-001-05", "2024-01-005", "2024--01-05", "\u{a0}2024-01-05", "2024-13-01", "2024-00-10", "2024-12-00",
            "99999999999-01-01", "+99999999999-01-01", "-9999999999999999999-01-01", "+2147483647-12-31", "262143-12-31", "0000-01-01",
        ] {
            same_as_chrono(s);
        }
    }

    proptest! {
        #[test]
        fn any_short_text_is_read_as_chrono_reads_it(s in "[0-9 +\\-a\u{a0}\u{3000}]{0,14}") {
            same_as_chrono(&s);
        }

        #[test]
        fn date_like_texts_are_read_as_chrono_reads_them(s in "[ +\\-]?[0-9]{0,6}[- ]{1,2}[0-9]{0,3}[- ]{1,2}[0-9 ]{0,3}") {
            same_as_chrono(&s);
        }
    }
}
