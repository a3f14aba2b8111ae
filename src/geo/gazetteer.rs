//! The offline gazetteer: names in Arabic and English for countries, cities, regions, seas, sites.

use crate::Geo;

pub type PlaceId = u32;

#[derive(Debug, Clone)]
pub struct Place {
    pub name_en: String,
    pub geo: Geo,
    pub population: u64,
}

/// A name found in folded text, with the places it may refer to (most likely first).
#[derive(Debug, Clone)]
pub struct GazMatch {
    pub fstart: usize,
    pub fend: usize,
    pub candidates: Vec<PlaceId>,
}

pub struct Gazetteer {
    places: Vec<Place>,
}

impl Gazetteer {
    pub fn load() -> Gazetteer {
        Gazetteer { places: Vec::new() }
    }

    pub fn place(&self, id: PlaceId) -> &Place {
        &self.places[id as usize]
    }

    pub fn find(&self, _folded: &str) -> Vec<GazMatch> {
        Vec::new()
    }
}
