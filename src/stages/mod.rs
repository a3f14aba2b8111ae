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

use tagger::Model;

/// Read-only data every document uses: built once, shared by all analyses, never mutated. Every
/// shipped table is decoded here, so that building this is what a first analysis pays (the
/// start-up figure of BENCHMARKS.md) and nothing is decoded later on a document's time.
pub struct Resources {
    pub gazetteer: crate::geo::gazetteer::Gazetteer,
    /// The Arabic lexicons (people, organisations, titles, speech verbs, months …) and their automaton.
    pub arabic: crate::lang::ar::Arabic,
    /// The English rule words.
    pub english: crate::lang::en::English,
    pub taggers: TaggerModels,
    pub calendars: times::calendar::Calendars,
    pub time_grammars: times::words::TimeGrammars,
}

/// The named-entity tagger models (`None` where the shipped file is a placeholder or damaged).
pub struct TaggerModels {
    pub ar: Option<Model>,
    pub en: Option<Model>,
}

impl TaggerModels {
    fn load() -> TaggerModels {
        TaggerModels {
            ar: Model::from_bytes(include_bytes!("../../data/models/ar-ner.bin")),
            en: Model::from_bytes(include_bytes!("../../data/models/en-ner.bin")),
        }
    }
}

impl Resources {
    /// Decode every shipped table. Costly (this is the start-up time): `resources()` does it once.
    pub fn build() -> Resources {
        Resources::with_gazetteer(crate::geo::gazetteer::Gazetteer::load())
    }

    /// The shipped tables around a given gazetteer (tests of place finding use a small one).
    pub fn with_gazetteer(gazetteer: crate::geo::gazetteer::Gazetteer) -> Resources {
        Resources {
            arabic: crate::lang::ar::Arabic::load(&gazetteer),
            gazetteer,
            english: crate::lang::en::English::load(),
            taggers: TaggerModels::load(),
            calendars: times::calendar::Calendars::load(),
            time_grammars: times::words::TimeGrammars::load(),
        }
    }
}

/// The shared resources, built on first use.
pub fn resources() -> &'static Resources {
    static RES: OnceLock<Resources> = OnceLock::new();
    RES.get_or_init(Resources::build)
}
