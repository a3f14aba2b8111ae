//! The pipeline stages, in the order `analyze` runs them.

pub mod geocode;
pub mod link;
pub mod mentions;
pub mod normalize;
pub mod segment;
pub mod statements;
pub mod tagger;
pub mod times;

use std::sync::OnceLock;

/// Read-only data every document uses: built once, shared by all analyses, never mutated. Every
/// shipped table is decoded here, so that building this is what a first analysis pays (the
/// start-up figure of BENCHMARKS.md) and nothing is decoded later on a document's time.
pub struct Resources {
    pub gazetteer: crate::geo::gazetteer::Gazetteer,
    /// Each language pack's tables (lexicons, tagger model, time grammar), a field per pack.
    pub packs: crate::lang::Tables,
    pub calendars: times::calendar::Calendars,
}

impl Resources {
    /// Decode every shipped table. Costly (this is the start-up time): `resources()` does it once.
    pub fn build() -> Resources {
        Resources::with_gazetteer(crate::geo::gazetteer::Gazetteer::load())
    }

    /// The shipped tables around a given gazetteer (tests of place finding use a small one).
    pub fn with_gazetteer(gazetteer: crate::geo::gazetteer::Gazetteer) -> Resources {
        Resources { packs: crate::lang::Tables::load(&gazetteer), gazetteer, calendars: times::calendar::Calendars::load() }
    }
}

/// The shared resources, built on first use.
pub fn resources() -> &'static Resources {
    static RES: OnceLock<Resources> = OnceLock::new();
    RES.get_or_init(Resources::build)
}
