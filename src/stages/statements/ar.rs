//! Arabic rules for the statements stage.

use crate::stages::link::Linked;
use crate::stages::segment::Doc;
use crate::{Statement, TimeExpr};

pub fn find(_doc: &Doc, _entities: &[Linked], _times: &[TimeExpr]) -> Vec<Statement> {
    Vec::new()
}
