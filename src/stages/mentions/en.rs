//! English rules for the mentions stage.

use super::Mention;
use crate::stages::Resources;
use crate::stages::segment::Doc;

/// Adds this language's mentions to `out` (which holds the gazetteer's already).
pub fn find(_doc: &Doc, _res: &Resources, _out: &mut Vec<Mention>) {}
