//! Time expressions resolved against the article date.

use super::segment::Doc;
use crate::TimeExpr;
use chrono::NaiveDate;

pub fn find(_doc: &Doc, _date: Option<NaiveDate>) -> Vec<TimeExpr> {
    Vec::new()
}

pub fn dateline(_text: &str) -> Option<NaiveDate> {
    None
}
