//! Time expressions resolved against the article date.

mod ar;
mod en;

use super::segment::Doc;
use crate::{Lang, TimeExpr};
use chrono::NaiveDate;

pub fn find(doc: &Doc, date: Option<NaiveDate>) -> Vec<TimeExpr> {
    match doc.lang {
        Lang::Ar => ar::find(doc, date),
        Lang::En => en::find(doc, date),
    }
}

/// A publication date written at the head of the article (a dateline), if any.
pub fn dateline(_text: &str) -> Option<NaiveDate> {
    None
}
