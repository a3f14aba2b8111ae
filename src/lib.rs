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
        date: opts.date.map(|d| d.format("%Y-%m-%d").to_string()),
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
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("bad date {s:?}: expected a real calendar date as YYYY-MM-DD"))
}

/// A publication date written in the article itself (a dateline), if any: used by the web app
/// to pre-fill the date field.
pub fn dateline_date(text: &str) -> Option<NaiveDate> {
    stages::times::dateline(text)
}
