//! The pipeline stages, in the order `analyze` runs them.

pub mod geocode;
pub mod link;
pub mod mentions;
pub mod normalize;
pub mod segment;
pub mod statements;
pub mod tagger;
pub mod tagger_ar;
pub mod word_clusters;
pub mod times;

use std::sync::OnceLock;

/// Read-only data every document uses: built once, shared by all analyses, never mutated.
pub struct Resources {
    pub gazetteer: crate::geo::gazetteer::Gazetteer,
}

impl Resources {
    /// Decode every shipped table. Costly (this is the start-up time): `resources()` does it once.
    pub fn build() -> Resources {
        Resources { gazetteer: crate::geo::gazetteer::Gazetteer::load() }
    }
}

pub fn resources() -> &'static Resources {
    static RES: OnceLock<Resources> = OnceLock::new();
    RES.get_or_init(Resources::build)
}
