//! English rules for the times stage.

use crate::TimeExpr;
use crate::stages::segment::Doc;
use chrono::NaiveDate;

pub fn find(_doc: &Doc, _date: Option<NaiveDate>) -> Vec<TimeExpr> {
    Vec::new()
}
