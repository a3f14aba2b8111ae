//! Country outlines for the map view, decoded once from `data/world.bin.z` (Natural Earth 1:50m via
//! npm `world-atlas`, simplified and quantised by `tools/gazetteer/build.py`).
//!
//! Format after zlib: `KWM1`, varint country count, then per country: 2 bytes ISO 3166-1 alpha-2,
//! varint name length + UTF-8 English name, varint ring count, and per ring a varint point count and
//! zigzag-varint deltas of (lon, lat) in hundredths of a degree.

use std::sync::OnceLock;

use super::projection::{Bounds, FramePoint, Framing, View, frame, project, rings_path};
use crate::varint::{Reader, unzigzag};
use crate::{Analysis, GeoKind};

static WORLD: &[u8] = include_bytes!("../../data/world.bin.z");

#[derive(Debug, Clone)]
pub struct Country {
    /// ISO 3166-1 alpha-2 (the same codes as `Geo::country`).
    pub iso2: String,
    pub name_en: String,
    /// Closed rings of (lon, lat) in degrees; the first point is not repeated at the end.
    pub rings: Vec<Vec<(f32, f32)>>,
}

impl Country {
    /// The outline as an SVG path in world units (see [`super::projection`]).
    pub fn path(&self) -> String {
        rings_path(self.rings.iter().map(|r| r.as_slice()))
    }

    /// Bounds in world units of the country's outline.
    pub fn bounds(&self) -> Option<Bounds> {
        Bounds::of_points(self.rings.iter().flatten().map(|&(lon, lat)| project(lon as f64, lat as f64)))
    }
}

/// A country outline ready to draw: its SVG path in world units, built once.
#[derive(Debug, Clone)]
pub struct CountryPath {
    pub iso2: String,
    pub name_en: String,
    pub d: String,
}

pub struct World {
    pub countries: Vec<Country>,
}

impl World {
    /// The shipped outlines, decoded on first use (an empty world if the data were damaged).
    pub fn get() -> &'static World {
        static W: OnceLock<World> = OnceLock::new();
        W.get_or_init(|| World::decode(WORLD).unwrap_or(World { countries: Vec::new() }))
    }

    /// Every country's SVG path in world units, built on first use and cached: the map view draws
    /// these inside one `<g transform=View::transform()>`, so zoom and pan never rebuild them.
    pub fn paths() -> &'static [CountryPath] {
        static P: OnceLock<Vec<CountryPath>> = OnceLock::new();
        P.get_or_init(|| {
            World::get()
                .countries
                .iter()
                .map(|c| CountryPath { iso2: c.iso2.clone(), name_en: c.name_en.clone(), d: c.path() })
                .filter(|p| !p.d.is_empty())
                .collect()
        })
    }

    pub fn country(&self, iso2: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso2.eq_ignore_ascii_case(iso2))
    }

    /// A country's outline bounds in world units, computed once per country on first use.
    pub fn country_bounds(iso2: &str) -> Option<Bounds> {
        // one slot per country, filled when that country is first framed: projecting every outline
        // at once (39k points) cost the page's first analysis with places 4-7 ms on the main thread
        static B: OnceLock<Vec<OnceLock<Option<Bounds>>>> = OnceLock::new();
        let countries = &World::get().countries;
        let slots = B.get_or_init(|| countries.iter().map(|_| OnceLock::new()).collect());
        // the first country of that code with an outline (a code can repeat; an empty outline has no bounds)
        countries.iter().zip(slots).filter(|(c, _)| c.iso2.eq_ignore_ascii_case(iso2)).find_map(|(c, slot)| *slot.get_or_init(|| c.bounds()))
    }

    pub fn decode(z: &[u8]) -> Option<World> {
        let raw = miniz_oxide::inflate::decompress_to_vec_zlib(z).ok()?;
        let mut r = Reader::new(&raw);
        if r.take(4)? != b"KWM1" {
            return None;
        }
        let n = r.varint()? as usize;
        let mut countries = Vec::with_capacity(n.min(400));
        for _ in 0..n {
            let iso2 = String::from_utf8(r.take(2)?.to_vec()).ok()?;
            let len = r.varint()? as usize;
            let name_en = String::from_utf8(r.take(len)?.to_vec()).ok()?;
            let nrings = r.varint()? as usize;
            let mut rings = Vec::with_capacity(nrings.min(1000));
            for _ in 0..nrings {
                let npts = r.varint()? as usize;
                let mut ring = Vec::with_capacity(npts.min(100_000));
                let (mut x, mut y) = (0i64, 0i64);
                for _ in 0..npts {
                    x += unzigzag(r.varint()?);
                    y += unzigzag(r.varint()?);
                    ring.push((x as f32 / 100.0, y as f32 / 100.0));
                }
                rings.push(ring);
            }
            countries.push(Country { iso2, name_en, rings });
        }
        Some(World { countries })
    }
}

/// A pin for a place entity that is not a country.
#[derive(Debug, Clone, PartialEq)]
pub struct Pin {
    pub entity: String,
    pub name: String,
    pub name_en: Option<String>,
    pub lon: f64,
    pub lat: f64,
    pub kind: GeoKind,
    /// ISO 3166-1 alpha-2, empty for seas and places spanning countries.
    pub country: String,
    pub mentions: usize,
}

/// What the map shows for one analysis: countries to shade (named in the article, ISO2, with
/// their entity id and mention count) and pins for everything else with coordinates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapData {
    pub countries: Vec<(String, String, usize)>,
    /// ISO2 of countries the article does not name but where its pins are (Antalya → TR): a
    /// lighter shade.
    pub implied: Vec<String>,
    pub pins: Vec<Pin>,
    /// (lon, lat) of every located place, countries at their centroid.
    pub focus: Vec<(f64, f64)>,
    /// (entity id, lon, lat) of each named country's centre.
    pub country_points: Vec<(String, f64, f64)>,
}

impl MapData {
    /// `figurative`: mentions that name a town's government or an agreement
    /// ([`super::figurative::figurative_mentions`]); a town named only so gets no pin.
    pub fn of(a: &Analysis, figurative: &[crate::Span]) -> MapData {
        MapData::of_places(a.entities.iter().map(|e| (e, e.mentions.len())), |e| super::figurative::pinned(e, figurative))
    }

    /// The same from entities with the weight each pin and country gets (an article's map weighs
    /// a place by its mentions, the map of several articles by the articles naming it); a place
    /// that is not a country is pinned only when `pinned` says so.
    pub fn of_places<'a>(places: impl IntoIterator<Item = (&'a crate::Entity, usize)>, pinned: impl Fn(&crate::Entity) -> bool) -> MapData {
        let places: Vec<(&crate::Entity, usize)> = places.into_iter().collect();
        let mut m = MapData::default();
        for &(e, weight) in &places {
            let Some(g) = &e.geo else { continue };
            if !g.lat.is_finite() || !g.lon.is_finite() || g.kind != GeoKind::Country && !pinned(e) {
                continue;
            }
            m.focus.push((g.lon, g.lat));
            if g.kind == GeoKind::Country && !g.country.is_empty() {
                m.countries.push((g.country.clone(), e.id.clone(), weight));
                m.country_points.push((e.id.clone(), g.lon, g.lat));
            } else {
                m.pins.push(Pin {
                    entity: e.id.clone(),
                    name: e.name.clone(),
                    name_en: e.name_en.clone(),
                    lon: g.lon,
                    lat: g.lat,
                    kind: g.kind,
                    country: g.country.clone(),
                    mentions: weight,
                });
            }
        }
        for &(p, _) in &places {
            let Some(g) = &p.geo else { continue };
            let named = m.countries.iter().any(|c| c.0 == g.country);
            if g.kind != GeoKind::Country && !g.country.is_empty() && !named && !m.implied.contains(&g.country) {
                m.implied.push(g.country.clone());
            }
        }
        m
    }

    /// What the first view frames: every pin, and each named country with no pin inside it
    /// (at its centre), each weighed by its mentions and with its country around it. Returns the
    /// framing and, for each point, the entity it stands for.
    pub fn framing(&self) -> Option<(Framing, Vec<String>)> {
        let mut points = Vec::new();
        let mut ids = Vec::new();
        let mut add = |id: &str, lon: f64, lat: f64, country: &str, mentions: usize| {
            let (x, y) = project(lon, lat);
            let surroundings = (!country.is_empty()).then(|| World::country_bounds(country)).flatten();
            points.push(FramePoint { x, y, weight: mentions.max(1) as f64, surroundings });
            ids.push(id.to_string());
        };
        for p in &self.pins {
            add(&p.entity, p.lon, p.lat, &p.country, p.mentions);
        }
        for c in &self.countries {
            if !self.pins.iter().any(|p| p.country == c.0)
                && let Some((lon, lat)) = self.country_points.iter().find(|(id, _, _)| *id == c.1).map(|(_, lon, lat)| (*lon, *lat))
            {
                add(&c.1, lon, lat, &c.0, c.2);
            }
        }
        frame(&points).map(|f| (f, ids))
    }

    /// The first view: the article's main cluster of places in a `width` × `height` viewport
    /// (the whole world when there is no place).
    pub fn fit(&self, width: f64, height: f64, padding: f64) -> View {
        match self.framing() {
            Some((f, _)) => View::fit(f.bounds, width, height, padding),
            None => View::world(width, height),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_outlines_decode_with_known_countries() {
        let w = World::get();
        assert!(w.countries.len() > 200, "{}", w.countries.len());
        for iso in ["SY", "RU", "FR", "EG", "TR", "US", "FJ"] {
            let c = w.country(iso).unwrap_or_else(|| panic!("{iso} missing"));
            assert!(!c.rings.is_empty());
        }
        let sy = w.country("sy").unwrap();
        assert_eq!(sy.name_en, "Syria");
        // Every point is a real coordinate.
        for c in &w.countries {
            for &(lon, lat) in c.rings.iter().flatten() {
                assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat), "{} {lon} {lat}", c.iso2);
            }
        }
    }

    #[test]
    fn syria_outline_contains_damascus_region() {
        let sy = World::get().country("SY").unwrap();
        let (lo_lon, hi_lon, lo_lat, hi_lat) =
            sy.rings.iter().flatten().fold((f32::MAX, f32::MIN, f32::MAX, f32::MIN), |a, &(x, y)| (a.0.min(x), a.1.max(x), a.2.min(y), a.3.max(y)));
        assert!(lo_lon < 36.3 && hi_lon > 36.3 && lo_lat < 33.5 && hi_lat > 33.5);
        assert!(lo_lon > 35.0 && hi_lon < 43.0);
    }

    #[test]
    fn no_ring_streaks_across_the_map() {
        // Rings are split at the antimeridian: no edge may jump more than half the world.
        for c in &World::get().countries {
            for r in &c.rings {
                for w in r.windows(2) {
                    assert!((w[0].0 - w[1].0).abs() < 180.0, "{} jumps", c.iso2);
                }
            }
        }
    }

    #[test]
    fn paths_are_cached_and_nonempty() {
        let p = World::paths();
        assert!(p.len() > 200);
        assert!(std::ptr::eq(p, World::paths()));
        assert!(p.iter().all(|c| c.d.starts_with('M') && c.d.ends_with('Z')));
    }

    #[test]
    fn map_data_shades_countries_and_pins_the_rest() {
        let a = crate::analyze("زار الرئيس موسكو ثم سوريا وحلب", &crate::Options::default());
        let m = MapData::of(&a, &[]);
        assert!(m.countries.iter().any(|c| c.0 == "SY"), "{m:?}");
        assert!(m.pins.iter().any(|p| p.name_en.as_deref() == Some("Moscow")), "{m:?}");
        assert_eq!(m.implied, vec!["RU".to_string()]);
        let v = m.fit(800.0, 500.0, 30.0);
        for &(lon, lat) in &m.focus {
            let (x, y) = v.place(lon, lat);
            assert!((0.0..=800.0).contains(&x) && (0.0..=500.0).contains(&y));
        }
        let empty = MapData::of(&crate::analyze("", &crate::Options::default()), &[]);
        assert!(empty.pins.is_empty() && empty.fit(800.0, 500.0, 30.0).scale > 0.0);
    }

    #[test]
    fn a_lone_capital_is_framed_with_its_whole_country() {
        let a = crate::analyze("وصل الوزير إلى الرياض أمس", &crate::Options::default());
        let m = MapData::of(&a, &[]);
        let (f, ids) = m.framing().expect("Riyadh is located");
        assert_eq!(ids.len(), 1);
        let sa = World::country_bounds("SA").expect("Saudi Arabia's outline");
        assert!(f.bounds.contains(sa.min_x, sa.min_y) && f.bounds.contains(sa.max_x, sa.max_y), "{f:?} {sa:?}");
    }

    #[test]
    fn a_far_place_named_once_is_an_outlier() {
        let text = "Fighting in Aleppo, Homs and Hama continued. Officials in Damascus and Beirut met. A reporter in Washington asked once.";
        let a = crate::analyze(text, &crate::Options { lang: Some(crate::Lang::En), date: None });
        let m = MapData::of(&a, &[]);
        let (f, ids) = m.framing().expect("places");
        let outliers: Vec<&str> = f.outliers.iter().map(|&i| ids[i].as_str()).collect();
        let washington = a.entities.iter().find(|e| e.name == "Washington").map(|e| e.id.as_str());
        assert!(washington.is_some_and(|w| outliers == [w]), "{outliers:?} {washington:?}");
    }

    #[test]
    fn damaged_data_is_rejected_not_panicking() {
        assert!(World::decode(b"").is_none());
        assert!(World::decode(&[0x78, 0x9c, 1, 2, 3]).is_none());
        let z = miniz_oxide::deflate::compress_to_vec_zlib(b"KWM1\x05SY", 6);
        assert!(World::decode(&z).is_none());
    }
}
