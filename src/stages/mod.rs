//! The pipeline stages, in the order `analyze` runs them.

pub mod geocode;
pub mod link;
pub mod mentions;
pub mod normalize;
pub mod segment;
pub mod statements;
pub mod times;

use std::sync::OnceLock;

/// Read-only data every document uses: built once, shared by all analyses, never mutated.
pub struct Resources {
    pub gazetteer: crate::geo::gazetteer::Gazetteer,
}

pub fn resources() -> &'static Resources {
    static RES: OnceLock<Resources> = OnceLock::new();
    RES.get_or_init(|| Resources { gazetteer: crate::geo::gazetteer::Gazetteer::load() })
}
