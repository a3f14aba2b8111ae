//! Who said what: direct quotes and reported speech, with speaker, cue and date.

mod ar;
mod en;

use super::link::Linked;
use super::segment::Doc;
use crate::{Lang, Statement, TimeExpr};
use chrono::NaiveDate;

pub fn find(doc: &Doc, entities: &[Linked], times: &[TimeExpr], _date: Option<NaiveDate>) -> Vec<Statement> {
    match doc.lang {
        Lang::Ar => ar::find(doc, entities, times),
        Lang::En => en::find(doc, entities, times),
    }
}
