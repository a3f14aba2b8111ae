//! Give each place entity its coordinates, choosing among homonyms by the article's context.
//!
//! A bare name's prior is its population (countries and seas weighted up, provinces down); the
//! article then votes: a candidate in a country the article names, or near another place it names,
//! gains. So الرقة is Raqqa in a Syrian story and Paris is in Texas only when Texas is around.

use super::Resources;
use super::link::Linked;
use super::segment::Doc;
use crate::geo::gazetteer::{Gazetteer, PlaceId};
use crate::{EntityKind, GeoKind};

/// Bonus (in log-population units) for a candidate in a country the article names: weak, since
/// big countries (the US) are named in most articles.
const SAME_COUNTRY: f64 = 1.5;
/// Bonus for a candidate near another place the article names (not a country).
const NEARBY: f64 = 5.0;
/// Context may prefer a town up to this many times smaller than the most likely reading, no
/// more: Paris, Texas beside Dallas, but never a village called Riyadh over the Saudi capital.
const MAX_CONTEXT_LEAP: f64 = 4.7; // ln(110)
const NEARBY_KM: f64 = 600.0;
/// What reading a name as a place its gazetteer entry does not list costs (log-population
/// units), when that place shares the English name of one it lists: «فكتوريا» is the Australian
/// Victoria in an Australian story, never without context.
const HOMONYM_COST: f64 = 3.0;

pub fn geocode(doc: &Doc, res: &Resources, entities: &mut [Linked]) {
    let gaz = &res.gazetteer;
    let cands: Vec<Vec<PlaceId>> = entities.iter().map(|l| candidates(doc, gaz, l)).collect();

    // Context from unambiguous evidence: places whose best reading is clear.
    let mut countries: Vec<&str> = Vec::new();
    let mut anchors: Vec<(usize, f64, f64)> = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        let Some(&best) = c.first() else { continue };
        let p = gaz.place(best);
        // clear: no other reading comes close, or those that do are in the same place (Beirut
        // the city and Beirut the governorate)
        let clear = c[1..].iter().all(|&o| {
            let q = gaz.place(o);
            q.prior() + SAME_COUNTRY + NEARBY < p.prior() || haversine_km(p.geo.lat, p.geo.lon, q.geo.lat, q.geo.lon) <= NEARBY_KM / 4.0
        });
        if p.geo.kind == GeoKind::Country {
            countries.push(&p.geo.country);
        } else if clear && p.geo.kind != GeoKind::Sea {
            anchors.push((i, p.geo.lat, p.geo.lon));
            if !p.geo.country.is_empty() {
                countries.push(&p.geo.country);
            }
        }
    }

    let mut chosen: Vec<Option<PlaceId>> = vec![None; entities.len()];
    for (i, c) in cands.iter().enumerate() {
        let top = c.iter().map(|&id| gaz.place(id).prior()).fold(f64::MIN, f64::max);
        let context = |id: PlaceId| {
            let p = gaz.place(id);
            let mut bonus = 0.0;
            if !p.geo.country.is_empty() && countries.contains(&p.geo.country.as_str()) {
                bonus += SAME_COUNTRY;
            }
            if p.geo.kind != GeoKind::Country && anchors.iter().any(|&(j, lat, lon)| j != i && haversine_km(lat, lon, p.geo.lat, p.geo.lon) <= NEARBY_KM) {
                bonus += NEARBY;
            }
            bonus
        };
        let exact = c.iter().copied().filter(|&id| gaz.place(id).prior() >= top - MAX_CONTEXT_LEAP).map(|id| (id, gaz.place(id).prior() + context(id)));
        // homonyms count only where the article's other places vouch for them
        let homonyms = english_homonyms(gaz, c).into_iter().filter(|&id| gaz.place(id).prior() >= top - MAX_CONTEXT_LEAP).filter_map(|id| {
            let bonus = context(id);
            (bonus > 0.0).then(|| (id, gaz.place(id).prior() - HOMONYM_COST + bonus))
        });
        chosen[i] = exact.chain(homonyms).max_by(|a, b| a.1.total_cmp(&b.1)).map(|(id, _)| id);
    }

    let pack = doc.lang.pack();
    let places = |word: &str| well_known_place_en(gaz, word);
    for (l, pick) in entities.iter_mut().zip(chosen) {
        let Some(id) = pick else {
            name_places_inside(pack, l, &places);
            continue;
        };
        let p = gaz.place(id);
        l.entity.geo = Some(p.geo.clone());
        l.entity.name_en = Some(pack.place_name_en(&l.entity.name, &p.name_en, &places));
        // The Arabic name is a second name for a reader of another script; a name already written
        // in Arabic letters needs none.
        if !crate::stages::normalize::has_arabic_script(&l.entity.name) {
            l.entity.name_ar = p.name_ar.clone();
        }
    }
    place_by_neighbours(doc, entities);
}

/// How many tokens away a located place may be to lend its position to a site named beside it.
const NEIGHBOUR_TOKENS: usize = 4;

/// A named site the gazetteer does not know (a camp, an air base, a district: «معسكر القرميد بأرض
/// الشام إدلب», «وزنجبار، وقاعدة العند الجوية») is put at the nearest town or region named beside
/// it in its sentence: articles name such places with the town they are in or by. Only names
/// with a site's head word, or just after a word for a settlement's kind («مدينة الشدادي بريف
/// الحسكة»): a bare unknown name is as often no place at all. A country, or a
/// region spanning several, is too wide to say where in it.
fn place_by_neighbours(doc: &Doc, entities: &mut [Linked]) {
    let pack = doc.lang.pack();
    let located: Vec<(usize, crate::Geo)> = entities
        .iter()
        .filter(|l| l.entity.kind == EntityKind::Place)
        .filter_map(|l| l.entity.geo.as_ref().map(|g| (l, g)))
        .filter(|(_, g)| matches!(g.kind, GeoKind::City | GeoKind::Region | GeoKind::Site) && !g.country.is_empty())
        // the token holding the mention's start: a name may begin after a proclitic (وزنجبار)
        .flat_map(|(l, g)| l.entity.mentions.iter().map(move |m| (doc.tokens.partition_point(|t| t.span.end <= m.start), g.clone())))
        .collect();
    for l in entities.iter_mut().filter(|l| l.entity.kind == EntityKind::Place && l.entity.geo.is_none()) {
        let nearest = l
            .entity
            .mentions
            .iter()
            .map(|m| (doc.tokens.partition_point(|t| t.span.end <= m.start), doc.token_at_or_after(m.end)))
            .filter(|&(first, end)| end > first + 1 && pack.is_site_head(doc.ftok(first)) || first > 0 && pack.introduces_place(doc.ftok(first - 1)))
            .flat_map(|(first, end)| {
                let sentence = doc.tokens[first].sentence;
                located.iter().filter(move |(t, _)| doc.tokens[*t.min(&(doc.tokens.len() - 1))].sentence == sentence).filter_map(move |(t, g)| {
                    // ties go to the place after the name: the town a site is "in"
                    let gap = if *t >= end { (t + 1 - end, 0) } else { (first.checked_sub(*t)?, 1) };
                    (gap.0 <= NEIGHBOUR_TOKENS).then_some((gap, g))
                })
            })
            .min_by_key(|(gap, _)| *gap);
        if let Some((_, g)) = nearest {
            l.entity.geo = Some(crate::Geo { kind: GeoKind::Site, ..g.clone() });
        }
    }
}

/// The places an entity's mentions may name: the candidates of its most specific mention (the
/// one with the fewest readings), so that «دير الزور» settles what «الدير» alone would not.
fn candidates(doc: &Doc, gaz: &Gazetteer, l: &Linked) -> Vec<PlaceId> {
    if l.entity.kind != EntityKind::Place {
        return Vec::new();
    }
    let exact = l.entity.mentions.iter().map(|m| gaz.lookup(m.slice(doc.text))).filter(|c| !c.is_empty()).min_by_key(|c| c.len());
    if let Some(c) = exact {
        return c.to_vec();
    }
    // Spelled otherwise than the gazetteer lists it (الأوروجواي for الأوروغواي): only a well-known
    // place, since a spelling one letter off a village's is often an ordinary word.
    let pack = doc.lang.pack();
    for m in &l.entity.mentions {
        for spelling in pack.place_spellings(&crate::stages::normalize::fold(m.slice(doc.text))) {
            let known: Vec<PlaceId> = gaz.lookup_folded(&spelling).iter().copied().filter(|&id| well_known(gaz.place(id))).collect();
            if !known.is_empty() {
                return known;
            }
        }
    }
    Vec::new()
}

/// Smallest population of a place found by another spelling of its name, unless a country.
const WELL_KNOWN_POPULATION: u64 = 100_000;

fn well_known(p: &crate::geo::gazetteer::Place) -> bool {
    p.geo.kind == GeoKind::Country || p.population >= WELL_KNOWN_POPULATION
}

/// An organisation or a place the gazetteer does not locate, named in several words, says the
/// well-known places among them as English does (جامعة الطائف → Taif University): its English name
/// is told again when it was spelled out from the letters.
fn name_places_inside(pack: &dyn crate::lang::LanguagePack, l: &mut Linked, places: crate::lang::PlaceNames) {
    if !matches!(l.entity.kind, EntityKind::Organization | EntityKind::Place) || !l.entity.name.contains(' ') {
        return;
    }
    if let Some(en) = l.entity.name_en.as_deref().and_then(|en| pack.name_en_with_places(&l.entity.name, en, places)) {
        l.entity.name_en = Some(en);
    }
}

/// The English name of the place a word names when the word's likeliest reading is a country or a
/// city of [`WELL_KNOWN_POPULATION`]: what names built on it (a university, a province) say in English.
fn well_known_place_en(gaz: &Gazetteer, word: &str) -> Option<String> {
    let best = gaz.lookup(word).iter().map(|&id| gaz.place(id)).max_by(|a, b| a.prior().total_cmp(&b.prior()))?;
    let city = best.geo.kind == GeoKind::City && best.population >= WELL_KNOWN_POPULATION;
    (best.geo.kind == GeoKind::Country || city).then(|| best.name_en.clone())
}

/// Places with the English name of one of the entity's candidates that are not candidates
/// themselves: the Arabic names in the gazetteer cover far fewer places than the English ones, so
/// «فكتوريا» lists only Victoria in Canada although it names the Australian state just as well.
fn english_homonyms(gaz: &Gazetteer, exact: &[PlaceId]) -> Vec<PlaceId> {
    let mut out: Vec<PlaceId> = Vec::new();
    let mut names: Vec<&str> = exact.iter().map(|&id| gaz.place(id).name_en.as_str()).collect();
    crate::sort::ord(&mut names);
    names.dedup();
    for name in names {
        for &id in gaz.lookup(name) {
            if !exact.contains(&id) && !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}

pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = (p2 - p1, (lon2 - lon1).to_radians());
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::gazetteer::Gazetteer;
    use crate::stages::{link, mentions};
    use crate::{Entity, Lang};

    const TSV: &str = "\
country\tSY\t35.0\t38.5\t17000000\tSyria\tسوريا\tt
country\tKW\t29.3\t47.6\t4000000\tKuwait\tالكويت\tt
country\tFR\t46.6\t2.4\t67000000\tFrance\tفرنسا\tt
country\tUS\t39.5\t-99.1\t330000000\tUnited States\tUS\tt
city\tSY\t35.95\t39.01\t530000\tRaqqa\tالرقة\tt
city\tKW\t29.15\t48.1\t900000\tAr-Riqqah\tالرقة\tt
city\tSY\t36.2\t37.16\t2000000\tAleppo\tحلب\tt
city\tFR\t48.85\t2.35\t2100000\tParis\tباريس\tt
city\tUS\t33.66\t-95.56\t25000\tParis\t\tt
region\tUS\t31.2\t-99.3\t290000000\tTexas\t\tt
city\tUS\t32.78\t-96.8\t1300000\tDallas\t\tt
city\tSA\t24.69\t46.72\t4200000\tRiyadh\tالرياض\tt
city\tEG\t31.24\t30.95\t20000\tAr Riyad\tالرياض\tt
city\tEG\t30.05\t31.25\t9000000\tCairo\tالقاهرة\tt
country\tEG\t26.5\t29.9\t100000000\tEgypt\tمصر\tt
";

    #[test]
    fn a_word_names_a_well_known_place_only_as_a_country_or_a_big_city() {
        let g = Gazetteer::from_tsv(TSV);
        assert_eq!(well_known_place_en(&g, "القاهرة").as_deref(), Some("Cairo"));
        assert_eq!(well_known_place_en(&g, "مصر").as_deref(), Some("Egypt"));
        // The Saudi capital, not the Egyptian village of 20,000 that shares its name.
        assert_eq!(well_known_place_en(&g, "الرياض").as_deref(), Some("Riyadh"));
        assert_eq!(well_known_place_en(&g, "هارفارد"), None);
    }

    fn geocoded(g: &Gazetteer, text: &str, lang: Lang) -> Vec<Entity> {
        let doc = Doc::new(text, lang);
        let res = Resources::with_gazetteer(Gazetteer::from_tsv(TSV));
        let _ = g;
        let ms: Vec<mentions::Mention> = res
            .gazetteer
            .find(&doc)
            .into_iter()
            .map(|m| {
                let p = res.gazetteer.place(m.candidates[0]);
                mentions::Mention { span: m.span, kind: EntityKind::Place, key: mentions::EntityKey::Name(p.name_en.to_lowercase()), name_en: None, geo: None }
            })
            .collect();
        let mut linked = link::link(&doc, ms);
        geocode(&doc, &res, &mut linked);
        linked.into_iter().map(|l| l.entity).collect()
    }

    fn country_of(ents: &[Entity], name: &str, text: &str) -> String {
        ents.iter().find(|e| e.mentions.iter().any(|m| m.slice(text) == name)).and_then(|e| e.geo.as_ref()).map(|g| g.country.clone()).unwrap_or_default()
    }

    #[test]
    fn context_country_decides_a_homonym() {
        let g = Gazetteer::from_tsv(TSV);
        // Without context the larger town wins; a Syrian story pulls الرقة to Syria.
        let t = "قصفت الطائرات الرقة وحلب في سوريا";
        assert_eq!(country_of(&geocoded(&g, t, Lang::Ar), "الرقة", t), "SY");
        let t = "وصل الوفد إلى الرقة في الكويت";
        assert_eq!(country_of(&geocoded(&g, t, Lang::Ar), "الرقة", t), "KW");
    }

    #[test]
    fn paris_is_in_france_unless_texas_is_around() {
        let g = Gazetteer::from_tsv(TSV);
        let t = "The summit in Paris drew leaders from the US.";
        assert_eq!(country_of(&geocoded(&g, t, Lang::En), "Paris", t), "FR");
        let t = "The rodeo moved from Dallas to Paris, Texas.";
        assert_eq!(country_of(&geocoded(&g, t, Lang::En), "Paris", t), "US");
    }

    #[test]
    fn context_never_overturns_a_capital_for_a_village() {
        let g = Gazetteer::from_tsv(TSV);
        let t = "وصل وزير خارجية مصر من القاهرة إلى الرياض";
        assert_eq!(country_of(&geocoded(&g, t, Lang::Ar), "الرياض", t), "SA");
    }

    #[test]
    fn every_place_entity_gets_geo_and_english_name() {
        let g = Gazetteer::from_tsv(TSV);
        let t = "زار الوزير باريس ثم فرنسا";
        for e in geocoded(&g, t, Lang::Ar) {
            assert!(e.geo.is_some() && e.name_en.is_some(), "{e:?}");
        }
    }

    #[test]
    fn an_english_articles_places_carry_their_arabic_names() {
        let text = "The delegation flew from Moscow to Erbil, then to Iraq and Saudi Arabia.";
        let a = crate::analyze(text, &crate::Options { lang: Some(Lang::En), date: None });
        let ar = |name: &str| a.entities.iter().find(|e| e.mentions.iter().any(|m| m.slice(text) == name)).and_then(|e| e.name_ar.clone());
        let names: Vec<Option<String>> = ["Moscow", "Erbil", "Iraq", "Saudi Arabia"].iter().map(|n| ar(n)).collect();
        // written as displayed (hamza, taa marbuta), not as matched
        assert_eq!(names[..3], ["موسكو", "أربيل", "العراق"].map(|s| Some(s.to_string())));
        assert!(names[3].as_deref().is_some_and(|n| n.ends_with('ة')), "{:?}", names[3]);
        // an Arabic article's places are named in Arabic already
        let text = "وصل الوفد إلى موسكو";
        let a = crate::analyze(text, &crate::Options { lang: Some(Lang::Ar), date: None });
        assert!(a.entities.iter().all(|e| e.name_ar.is_none()));
    }

    #[test]
    fn shipped_gazetteer_reads_context() {
        let place = |text: &str, lang, name: &str| {
            let a = crate::analyze(text, &crate::Options { lang: Some(lang), date: None });
            let e = a.entities.iter().find(|e| e.mentions.iter().any(|m| m.slice(text) == name)).cloned();
            e.and_then(|e| e.geo).map(|g| (g.country, g.kind))
        };
        assert_eq!(place("Fighting near Aleppo and Raqqa displaced thousands.", Lang::En, "Raqqa"), Some(("SY".into(), GeoKind::City)));
        assert_eq!(place("The delegation flew from Moscow to Damascus.", Lang::En, "Moscow"), Some(("RU".into(), GeoKind::City)));
        // Beirut reads as the city or its governorate, both in one place: an anchor all the same
        assert_eq!(place("Officials in Beirut said the port of Tripoli reopens.", Lang::En, "Tripoli"), Some(("LB".into(), GeoKind::City)));
        assert_eq!(place("Ranchers near Dallas said Paris, Texas, was flooded.", Lang::En, "Paris"), Some(("US".into(), GeoKind::City)));
        assert_eq!(place("وصلت سفن إلى البحر المتوسط قرب اللاذقية", Lang::Ar, "البحر المتوسط"), Some((String::new(), GeoKind::Sea)));
        assert_eq!(place("اشتباكات في ريف حماة الشمالي", Lang::Ar, "ريف حماة"), Some(("SY".into(), GeoKind::Region)));
        assert_eq!(place("اندلعت حرائق في ولاية فكتوريا قرب ملبورن في أستراليا", Lang::Ar, "فكتوريا"), Some(("AU".into(), GeoKind::Region)));
    }

    #[test]
    fn an_english_homonym_is_read_only_with_context() {
        let tsv = "\
country\tAU\t-25.0\t134.0\t26000000\tAustralia\tأستراليا\tt
country\tCA\t60.0\t-95.0\t38000000\tCanada\tكندا\tt
city\tCA\t48.43\t-123.37\t90000\tVictoria\tفكتوريا\tt
region\tAU\t-37.0\t144.0\t6600000\tVictoria\t\tt
city\tAU\t-37.81\t144.96\t5000000\tMelbourne\tملبورن\tt
";
        let res = Resources::with_gazetteer(Gazetteer::from_tsv(tsv));
        let run = |text: &str| {
            let doc = Doc::new(text, Lang::Ar);
            let ms: Vec<mentions::Mention> = res
                .gazetteer
                .find(&doc)
                .into_iter()
                .map(|m| mentions::Mention { span: m.span, kind: EntityKind::Place, key: mentions::EntityKey::Name(m.span.slice(text).to_string()), name_en: None, geo: None })
                .collect();
            let mut linked = link::link(&doc, ms);
            geocode(&doc, &res, &mut linked);
            let e: Vec<Entity> = linked.into_iter().map(|l| l.entity).collect();
            country_of(&e, "فكتوريا", text)
        };
        assert_eq!(run("اندلعت حرائق في ولاية فكتوريا قرب ملبورن في أستراليا"), "AU");
        assert_eq!(run("وصل الوفد إلى فكتوريا أمس"), "CA");
    }

    #[test]
    fn a_place_spelled_otherwise_is_found_if_well_known() {
        let tsv = "\
country\tUY\t-32.8\t-56.0\t3400000\tUruguay\tالأوروغواي\tt
city\tCN\t31.22\t121.46\t22000000\tShanghai\tشانغهاي\tt
city\tXX\t10.0\t10.0\t3000\tBarzuban\tبريزبان\tt
";
        let res = Resources::with_gazetteer(Gazetteer::from_tsv(tsv));
        let geo = |text: &str, name: &str| {
            let doc = Doc::new(text, Lang::Ar);
            let start = text.find(name).unwrap();
            let span = crate::Span::new(start, start + name.len());
            let ms = vec![mentions::Mention { span, kind: EntityKind::Place, key: mentions::EntityKey::Name(name.to_string()), name_en: None, geo: None }];
            let mut linked = link::link(&doc, ms);
            geocode(&doc, &res, &mut linked);
            linked[0].entity.geo.as_ref().map(|g| g.country.clone())
        };
        // A foreign g as ج, a long vowel left out.
        assert_eq!(geo("وصل الوفد إلى الأوروجواي أمس", "الأوروجواي").as_deref(), Some("UY"));
        assert_eq!(geo("وصل الوفد إلى شنغهاي أمس", "شنغهاي").as_deref(), Some("CN"));
        // A village's spelling one letter off is too often another word.
        assert_eq!(geo("وصل الوفد إلى بريزبن أمس", "بريزبن"), None);
    }

    #[test]
    fn an_unknown_site_stands_at_the_town_named_beside_it() {
        let geo = |text: &str, name: &str| {
            let a = crate::analyze(text, &crate::Options { lang: Some(Lang::Ar), date: None });
            a.entities.iter().find(|e| e.name == name).and_then(|e| e.geo.clone()).map(|g| (g.country, g.kind, g.lat, g.lon))
        };
        let idlib = geo("قصفت الطائرات إدلب أمس", "إدلب").unwrap();
        let t = "وقتل القيادي في عملية معسكر القرميد قرب إدلب في سوريا.";
        assert_eq!(geo(t, "معسكر القرميد"), Some(("SY".into(), GeoKind::Site, idlib.2, idlib.3)));
        let t = "وسيطرت القوات على عدن وزنجبار، وقاعدة العند الجوية، ومعسكر لبوزة.";
        assert_eq!(geo(t, "قاعدة العند الجوية").map(|g| g.0), Some("YE".into()));
        // with no town beside it, and never at a country's centre
        assert_eq!(geo("ووصل الجنود إلى معسكر القرميد أمس.", "معسكر القرميد"), None);
        assert_eq!(geo("ووصل الجنود إلى معسكر القرميد في سوريا أمس.", "معسكر القرميد"), None);
    }

    #[test]
    fn haversine_is_sane() {
        assert!((haversine_km(0.0, 0.0, 0.0, 1.0) - 111.2).abs() < 0.5);
        assert_eq!(haversine_km(10.0, 10.0, 10.0, 10.0), 0.0);
    }
}
