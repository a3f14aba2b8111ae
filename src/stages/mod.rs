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

/// Read-only data every document uses: built once, shared by all analyses, never mutated.
pub struct Resources {
    pub gazetteer: crate::geo::gazetteer::Gazetteer,
    pub calendars: times::calendar::Calendars,
    pub time_grammars: times::words::TimeGrammars,
}

impl Resources {
    /// Decode every shipped table. Costly (this is the start-up time): `resources()` does it once.
    pub fn build() -> Resources {
        Resources {
            gazetteer: crate::geo::gazetteer::Gazetteer::load(),
            calendars: times::calendar::Calendars::load(),
            time_grammars: times::words::TimeGrammars::load(),
        }
    }
}

impl Resources {
    /// The shipped tables around another gazetteer (tests of place finding).
    pub fn with_gazetteer(gazetteer: crate::geo::gazetteer::Gazetteer) -> Resources {
        Resources { gazetteer, calendars: times::calendar::Calendars::load(), time_grammars: times::words::TimeGrammars::load() }
    }
}

pub fn resources() -> &'static Resources {
    static RES: OnceLock<Resources> = OnceLock::new();
    RES.get_or_init(Resources::build)
}
