//! From the sources (generated table, hand-written supplement) to the sorted index.

use super::*;
use crate::Lang;

/// A name while building: folded, flags, capitalised words, the languages it is a name in (bit
/// per pack, [`lang_bit`]), its places.
type BuiltName = (String, u8, u32, u8, Vec<PlaceId>);

/// Collects places and names from the sources, then sorts them into a [`Gazetteer`].
pub struct Builder {
    prefixes: Box<dyn NamePrefixes>,
    places: Vec<Place>,
    names: Vec<BuiltName>,
    by_folded: HashMap<String, usize>,
    /// Folded names that are ordinary words first (مدينة "city", معسكر "camp"): never matched.
    stop: Vec<String>,
}

impl Default for Builder {
    fn default() -> Builder {
        Builder { prefixes: prefixes_of(), places: Vec::new(), names: Vec::new(), by_folded: HashMap::default(), stop: Vec::new() }
    }
}

impl Builder {
    fn add_place(&mut self, place: Place) -> PlaceId {
        self.places.push(place);
        (self.places.len() - 1) as PlaceId
    }

    /// Places under an exact folded name while building: best prior first.
    fn lookup_built(&self, name: &str) -> Vec<PlaceId> {
        let mut v = self.by_folded.get(&fold(name)).map(|&i| self.names[i].4.clone()).unwrap_or_default();
        v.sort_by(|&a, &b| self.places[b as usize].prior().total_cmp(&self.places[a as usize].prior()));
        v
    }

    /// A name of place `id` in language `lang`.
    fn add_name(&mut self, id: PlaceId, name: &str, common: bool, lang: Lang) {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let folded = fold(&name);
        let letters = folded.chars().filter(|c| c.is_alphabetic()).count();
        // Separators of the shipped index cannot occur in a name.
        if letters < 2 || folded.contains(['\n', '\t', '\u{1e}']) {
            return;
        }
        let prefixed = self.prefixes.lang() == Some(lang) && self.prefixes.writes(&folded);
        let mut flags = 0;
        if prefixed {
            flags |= PREFIXED;
        } else {
            if common {
                flags |= COMMON;
            }
            if name.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase()) && letters <= 4 {
                flags |= ACRONYM;
            }
        }
        let caps = name
            .split([' ', '-'])
            .filter(|w| !w.is_empty())
            .enumerate()
            .filter(|(i, w)| *i < 32 && w.chars().next().is_some_and(|c| c.is_uppercase()))
            .fold(0u32, |m, (i, _)| m | 1 << i);
        let bit = lang_bit(lang);
        if prefixed && let Some(variant) = self.prefixes.variant(&folded) {
            self.push_name(variant, id, flags | VARIANT, 0, bit);
        }
        self.push_name(folded, id, flags, caps, bit);
    }

    fn push_name(&mut self, folded: String, id: PlaceId, flags: u8, caps: u32, langs: u8) {
        match self.by_folded.get(&folded) {
            Some(&i) => {
                let n = &mut self.names[i];
                if !n.4.contains(&id) {
                    n.4.push(id);
                }
                // Restrictions hold only if every source spelling of the name carries them.
                let keep = PREFIXED | VARIANT;
                n.1 = (n.1 & keep) | (n.1 & flags & !keep);
                n.2 &= caps;
                n.3 |= langs;
            }
            None => {
                self.by_folded.insert(folded.clone(), self.names.len());
                self.names.push((folded, flags, caps, langs, vec![id]));
            }
        }
    }

    /// The generated table (`data/gazetteer.tsv.z`, see `tools/gazetteer/build.py`): a block naming
    /// the columns, then one block per column; `names:<code>` columns hold each pack's names.
    pub fn load_generated(&mut self, text: &str) {
        let mut blocks = text.split('\u{1e}');
        let header: Vec<&str> = blocks.next().unwrap_or_default().split('\t').collect();
        let cols: Vec<Vec<&str>> = blocks.map(|c| c.split('\n').collect()).collect();
        let col = |name: &str| header.iter().position(|h| *h == name).filter(|&k| k < cols.len());
        let (Some(kind), Some(cc), Some(lat), Some(lon), Some(pop), Some(en), Some(flags)) =
            (col("kind"), col("cc"), col("lat"), col("lon"), col("population"), col("name_en"), col("flags"))
        else {
            return;
        };
        let names: Vec<(usize, Lang)> =
            header.iter().enumerate().filter_map(|(k, h)| Some((k, Lang::parse(h.strip_prefix("names:")?)?))).filter(|&(k, _)| k < cols.len()).collect();
        let n = cols.iter().map(|c| c.len()).min().unwrap_or(0);
        for i in 0..n {
            let Some(kind) = parse_kind(cols[kind][i]) else { continue };
            let (Ok(lat), Ok(lon)) = (cols[lat][i].parse::<f64>(), cols[lon][i].parse::<f64>()) else { continue };
            let common = cols[flags][i].contains('c');
            // the first Arabic name is the preferred one (CLDR's, then GeoNames')
            let name_ar = names.iter().filter(|&&(_, lang)| lang == Lang::Ar).flat_map(|&(k, _)| cols[k][i].split('|')).find_map(arabic_display);
            let id = self.add_place(Place {
                name_en: cols[en][i].to_string(),
                name_ar,
                geo: Geo { lat, lon, country: cols[cc][i].to_string(), kind },
                population: cols[pop][i].parse().unwrap_or(0),
            });
            for &(k, lang) in &names {
                for alt in cols[k][i].split('|').filter(|s| !s.is_empty()) {
                    self.add_name(id, alt, common, lang);
                }
            }
        }
    }

    /// Supplement rows: `kind cc lat lon weight name_en names source`; kind `alias` adds names to
    /// the place already known under one of them in that country, and renames it in English. A
    /// name is in the language whose script it is written in (`detect_lang`).
    pub fn load_supplement(&mut self, text: &str) {
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 7 {
                continue;
            }
            let names: Vec<&str> = f[6].split('|').map(str::trim).filter(|s| !s.is_empty()).collect();
            if f[0] == "stop" {
                self.stop.extend(names.iter().map(|n| fold(n)));
                continue;
            }
            if f[0] == "alias" {
                let target = std::iter::once(f[5])
                    .chain(names.iter().copied())
                    .find_map(|n| self.lookup_built(n).into_iter().find(|&p| f[1].is_empty() || self.places[p as usize].geo.country == f[1]));
                if let Some(t) = target {
                    let place = &mut self.places[t as usize];
                    place.name_en = f[5].to_string();
                    // an alias lists other spellings: the source's preferred Arabic name stays,
                    // unless it is a machine spelling (تاىيف for Taif)
                    if place.name_ar.as_deref().is_none_or(machine_spelling) {
                        place.name_ar = arabic_names(&names).find_map(arabic_display);
                    }
                    self.add_name(t, f[5], false, Lang::En);
                    for n in names {
                        self.add_name(t, n, false, crate::detect_lang(n));
                    }
                }
                continue;
            }
            let Some(kind) = parse_kind(f[0]) else { continue };
            let (Ok(lat), Ok(lon)) = (f[2].parse::<f64>(), f[3].parse::<f64>()) else { continue };
            let id = self.add_place(Place {
                name_en: f[5].to_string(),
                name_ar: arabic_names(&names).find_map(arabic_display),
                geo: Geo { lat, lon, country: f[1].to_string(), kind },
                population: f[4].parse().unwrap_or(0),
            });
            self.add_name(id, f[5], false, Lang::En);
            for n in names {
                self.add_name(id, n, false, crate::detect_lang(n));
            }
        }
    }

    /// The countryside of a town ("the Aleppo countryside", «ريف حلب»), placed at the town, in the
    /// language whose prefixes name it so (see [`NamePrefixes::countryside`]).
    pub fn add_countrysides(&mut self) {
        let (Some(lang), Some((noun, countries))) = (self.prefixes.lang(), self.prefixes.countryside()) else { return };
        let (noun, countries) = (noun.to_string(), countries.to_vec());
        let mut own_names: HashMap<PlaceId, Vec<String>> = HashMap::default();
        for (folded, flags, _, _, places) in &self.names {
            if flags & PREFIXED != 0 && flags & VARIANT == 0 {
                for &p in places {
                    own_names.entry(p).or_default().push(folded.clone());
                }
            }
        }
        for t in 0..self.places.len() as PlaceId {
            let town = self.places[t as usize].clone();
            if town.geo.kind != GeoKind::City || town.population < 30_000 || !countries.contains(&town.geo.country) {
                continue;
            }
            let Some(names) = own_names.get(&t) else { continue };
            let mut forms: Vec<String> = names.iter().map(|n| format!("{noun} {n}")).filter(|n| !self.by_folded.contains_key(n)).collect();
            forms.sort();
            if forms.is_empty() {
                continue;
            }
            let en = format!("{} countryside", town.name_en);
            let name_ar = town.name_ar.as_ref().filter(|_| lang == Lang::Ar).map(|n| format!("{noun} {n}"));
            let id =
                self.add_place(Place { name_en: en.clone(), name_ar, geo: Geo { kind: GeoKind::Region, ..town.geo.clone() }, population: town.population / 2 });
            for f in forms {
                self.add_name(id, &f, false, lang);
            }
            if !self.by_folded.contains_key(&fold(&en)) {
                self.add_name(id, &en, false, Lang::En);
            }
        }
    }

    /// The formal name of a country («دولة قطر»), one entity with the short one, in the language
    /// whose prefixes form it so (see [`NamePrefixes::state_noun`]).
    pub fn add_state_forms(&mut self) {
        let (Some(lang), Some(noun)) = (self.prefixes.lang(), self.prefixes.state_noun()) else { return };
        let mut forms = Vec::new();
        for (folded, flags, _, _, places) in &self.names {
            if flags & PREFIXED == 0 || flags & VARIANT != 0 {
                continue;
            }
            for &p in places {
                if self.places[p as usize].geo.kind == GeoKind::Country {
                    forms.push((p, format!("{noun} {folded}")));
                }
            }
        }
        forms.sort();
        for (p, f) in forms {
            self.add_name(p, &f, false, lang);
        }
    }

    pub fn finish(self) -> Gazetteer {
        let Builder { prefixes, places, mut names, stop, .. } = self;
        names.retain(|n| {
            let base = if n.1 & VARIANT != 0 { prefixes.variant_base(&n.0) } else { None };
            !stop.contains(&n.0) && !base.is_some_and(|b| stop.contains(&b))
        });
        names.sort_by(|a, b| a.0.cmp(&b.0));
        let mut blob = String::new();
        let mut recs = Vec::with_capacity(names.len());
        let mut ids = Vec::new();
        let new_id = shipping_order(&places);
        for (folded, flags, caps, langs, mut pl) in names {
            pl.sort_by(|&a, &b| places[b as usize].prior().total_cmp(&places[a as usize].prior()).then(a.cmp(&b)));
            recs.push(NameRec {
                start: blob.len() as u32,
                len: folded.len() as u32,
                ids_start: ids.len() as u32,
                ids_len: pl.len() as u32,
                flags,
                caps,
                langs,
            });
            blob.push_str(&folded);
            ids.extend(pl.into_iter().map(|p| new_id[p as usize]));
        }
        let mut numbered: Vec<(PlaceId, Place)> = new_id.into_iter().zip(places).collect();
        numbered.sort_unstable_by_key(|(id, _)| *id);
        let places: Vec<Place> = numbered.into_iter().map(|(_, p)| p).collect();
        Gazetteer::indexed(prefixes, places.into(), blob, recs, ids)
    }
}

/// The names written in Arabic script among a supplement row's names.
fn arabic_names<'a>(names: &'a [&'a str]) -> impl Iterator<Item = &'a str> + 'a {
    names.iter().copied().filter(|n| crate::detect_lang(n) == Lang::Ar)
}

/// An Arabic-script name no Arabic writer would spell so: alif maqsura inside a word (ى is final
/// only), the mark of GeoNames' transliterated names.
fn machine_spelling(name: &str) -> bool {
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'ى' && chars.peek().is_some_and(|n| ('\u{0621}'..='\u{064A}').contains(n)) {
            return true;
        }
    }
    false
}

/// A name fit to show an Arabic reader: without vowel marks, tatweel or invisible controls, and in
/// Arabic letters only (GeoNames' Arabic-script names include Persian and Urdu spellings, مہاراشٹر).
fn arabic_display(name: &str) -> Option<String> {
    let kept: String = name
        .chars()
        .filter(
            |&c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'),
        )
        .collect();
    let display = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    let letters = display.chars().filter(|c| *c != ' ' && *c != '-').count();
    (letters >= 2 && display.chars().all(|c| c == ' ' || c == '-' || ('\u{0621}'..='\u{064A}').contains(&c))).then_some(display)
}

/// Each place's id in the shipped index: places by country, then along a Hilbert curve over
/// their coordinates, so that a place lies near the one before it and the coordinates, stored
/// as differences, stay small (45 kB less than the sources' order). Only ids change: each
/// name's candidates keep their order.
fn shipping_order(places: &[Place]) -> Vec<PlaceId> {
    let mut order: Vec<usize> = (0..places.len()).collect();
    let cell = |p: &Place| {
        // hundredths of a degree, as stored, onto a 2^16 grid
        let x = ((p.geo.lon * 100.0).round().clamp(-18000.0, 18000.0) + 18000.0) / 36000.0 * 65535.0;
        let y = ((p.geo.lat * 100.0).round().clamp(-9000.0, 9000.0) + 9000.0) / 18000.0 * 65535.0;
        hilbert(x as u32, y as u32)
    };
    order.sort_by_cached_key(|&i| (places[i].geo.country.clone(), cell(&places[i]), i));
    let mut new_id = vec![0; places.len()];
    for (new, old) in order.into_iter().enumerate() {
        new_id[old] = new as PlaceId;
    }
    new_id
}

/// Distance of a cell along the Hilbert curve over a 2^16 × 2^16 grid.
fn hilbert(mut x: u32, mut y: u32) -> u64 {
    const SIDE: u32 = 1 << 16;
    debug_assert!(x < SIDE && y < SIDE);
    let mut d = 0u64;
    let mut s = SIDE >> 1;
    while s > 0 {
        let rx = u32::from(x & s > 0);
        let ry = u32::from(y & s > 0);
        d += u64::from(s) * u64::from(s) * u64::from((3 * rx) ^ ry);
        if ry == 0 {
            if rx == 1 {
                // Reflected across the whole grid: later rounds read only the bits below `s`,
                // which are the same as across the quadrant's own side.
                x = SIDE - 1 - x;
                y = SIDE - 1 - y;
            }
            std::mem::swap(&mut x, &mut y);
        }
        s >>= 1;
    }
    d
}
