//! Who said what: direct quotes and reported speech, with speaker, cue and date.

use super::link::Linked;
use super::segment::Doc;
use crate::{Statement, TimeExpr};
use chrono::NaiveDate;

pub fn find(_doc: &Doc, _entities: &[Linked], _times: &[TimeExpr], _date: Option<NaiveDate>) -> Vec<Statement> {
    Vec::new()
}
