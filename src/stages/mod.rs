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

/// Read-only data every document uses: built once, shared by all analyses, never mutated. The
/// gazetteer and calendars are decoded here; each language pack's tables on that pack's first use
/// (a text in one language does not pay for the other's). Building this and the pack of a first
/// text's language is what a first analysis pays (the start-up figure of BENCHMARKS.md).
pub struct Resources {
    pub gazetteer: crate::geo::gazetteer::Gazetteer,
    /// Each language pack's tables (lexicons, tagger model, time grammar), a field per pack.
    pub packs: crate::lang::Tables,
    pub calendars: times::calendar::Calendars,
}

impl Resources {
    /// Decode the shared tables (the packs' wait for their first use). Costly: `resources()` does it once.
    pub fn build() -> Resources {
        Resources::with_gazetteer(crate::geo::gazetteer::Gazetteer::load())
    }

    /// The shipped tables around a given gazetteer (tests of place finding use a small one).
    pub fn with_gazetteer(gazetteer: crate::geo::gazetteer::Gazetteer) -> Resources {
        Resources { packs: Default::default(), gazetteer, calendars: times::calendar::Calendars::load() }
    }
}

/// The shared resources, built on first use.
pub fn resources() -> &'static Resources {
    static RES: OnceLock<Resources> = OnceLock::new();
    RES.get_or_init(Resources::build)
}
