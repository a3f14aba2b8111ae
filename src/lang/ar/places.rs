//! Arabic rules for names that lists and the tagger miss because they are built from common words:
//! a state body with its nationality (الحكومة العراقية، الجيش اليمني), a named site after its
//! trigger noun (مطار عدن، قاعدة العند الجوية، معبر رفح) and the bare «المملكة», which the Saudi
//! papers Khabar is read on write for Saudi Arabia (dev gold guideline).

use crate::lang::ar::clitics::{self, ARTICLE, BI_LI, CONJUNCTIONS};
use crate::lang::ar::mentions::surface_mention;
use crate::lang::ar::{Arabic, class};
use crate::stages::mentions::{Cand, EntityKey, Mention, Source};
use crate::stages::segment::Doc;
use crate::{EntityKind, Geo, GeoKind};
use rustc_hash::FxHashMap as HashMap;

/// The country that a bare «المملكة» stands for in papers that write it for their own kingdom.
const HOME_KINGDOM: &str = "SA";

pub(super) fn find(doc: &Doc, ar: &Arabic, cands: &[Cand], known_at: &HashMap<usize, usize>, out: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    let known = |k: usize| known_at.get(&k).map(|&c| &cands[c].m);
    let home = home_kingdom(ar, cands);
    for i in 0..n {
        let (conj, w) = clitics::peel(doc.ftok(i), CONJUNCTIONS, 3);
        let (prep, bare) = clitics::peel(w, BI_LI, 3);
        let next = if i + 1 < n { doc.ftok(i + 1) } else { "" };
        let span_of = |a: usize, skip: usize, b: usize| doc.folded.orig_span(doc.tokens[a].fstart + skip, doc.tokens[b - 1].fend);
        // الحكومة العراقية، الجيش اليمني: a state body and the nationality that says whose.
        let feminine = |t: &str| ar.words.list(class::FEMININE_ENDING).iter().any(|e| t.ends_with(e.as_str()));
        if bare.strip_prefix(ARTICLE).is_some_and(|h| ar.words.is(h, class::STATE_BODY))
            && ar.is_demonym(next)
            && feminine(bare) == feminine(next)
            && known(i).is_none()
            && known(i + 1).is_none()
        {
            let span = span_of(i, conj + prep, i + 2);
            let key_text = doc.folded.text[doc.tokens[i].fstart + conj + prep..doc.tokens[i + 1].fend].to_string();
            out.push(Cand { m: surface_mention(doc, EntityKind::Organization, span, key_text), src: Source::Pattern });
            continue;
        }
        // مطار عدن، قاعدة العند الجوية، معسكر القرميد: an indefinite site noun and a definite or
        // known place name, with an adjective of the site's kind.
        if ar.words.is(bare, class::SITE_HEAD) && i + 1 < n && doc.tokens[i + 1].sentence == doc.tokens[i].sentence {
            let inner = known(i + 1).filter(|m| m.kind == EntityKind::Place);
            let named = inner.is_some() || clitics::has_article(next) && next.chars().count() > 4 && !ar.is_stop(next) && !ar.is_title(next) && !ar.is_demonym(next) && known(i + 1).is_none();
            if !named || !next.chars().all(crate::lang::ar::is_letter) {
                continue;
            }
            let mut end = i + 2;
            if end < n && ar.words.is(clitics::without_article(doc.ftok(end)), class::SITE_ADJECTIVE) {
                end += 1;
            }
            let span = span_of(i, conj + prep, end);
            let geo = inner.and_then(|m| m.geo.clone()).map(|g| Geo { kind: GeoKind::Site, ..g });
            let key = EntityKey::Surface(EntityKind::Place, doc.folded.text[doc.tokens[i].fstart + conj + prep..doc.tokens[end - 1].fend].to_string());
            let inner_en = inner.and_then(|m| m.name_en.as_deref()).map(|en| ar.translit.place_name("", en, &|_| None));
            let name_en = ar.translit.site_name(span.slice(doc.text), inner_en.as_deref());
            out.push(Cand { m: Mention { span, kind: EntityKind::Place, key, name_en: Some(name_en), geo }, src: Source::Pattern });
            continue;
        }
        // «المملكة» alone (not المملكة المتحدة، المملكة الأردنية): the paper's own kingdom.
        if let Some(home) = home
            && (ar.words.is(bare, class::KINGDOM) || prep > 0 && bare.starts_with(clitics::LI) && ar.words.is(&format!("{ARTICLE}{}", &bare[clitics::LI.len_utf8()..]), class::KINGDOM))
            && (!clitics::has_article(next) || ar.is_stop(next))
            && !ar.is_demonym(next)
        {
            let span = span_of(i, conj + prep, i + 1);
            out.push(Cand { m: Mention { span, kind: EntityKind::Place, key: home.key.clone(), name_en: home.name_en.clone(), geo: home.geo.clone() }, src: Source::Gazetteer });
        }
    }
}

/// Names coordinated with places are places: كمديرية كريتر والتواهي وخورمكسر, مواقع الجهينة
/// والبلق. A chain of one-word names joined by و counts when a place noun opens it or two of its
/// members are places the lists know; its unknown members become places.
pub(super) fn coordinated(doc: &Doc, ar: &Arabic, cands: &[Cand], known_at: &HashMap<usize, usize>, out: &mut Vec<Cand>) {
    let n = doc.tokens.len();
    let known = |k: usize| known_at.get(&k).map(|&c| &cands[c].m).filter(|m| m.span.end <= doc.tokens[k].span.end);
    let name_like = |w: &str| {
        w.chars().count() >= 3 && w.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c)) && !ar.is_stop(w) && !ar.is_title(w) && !ar.is_demonym(w) && ar.month(w).is_none() && ar.weekday(w).is_none() && !ar.is_speech_verb(w)
    };
    // One buffer for every token's chain: a vector per token was an allocation per token.
    let mut members = Vec::new();
    let mut i = 1;
    while i < n {
        let opener = clitics::peel(clitics::peel(doc.ftok(i - 1), CONJUNCTIONS, 3).1, clitics::PREPOSITIONS, 3).1;
        let opened = ar.words.is(opener, class::PLACE_NOUN) || ar.words.is(opener, class::PLACE_LIST);
        // The chain's members: token i, then و-led single words.
        members.clear();
        members.push(i);
        let mut k = i + 1;
        while k < n && doc.tokens[k].sentence == doc.tokens[i].sentence && doc.ftok(k).starts_with(clitics::WA) && doc.ftok(k).chars().count() > 3 {
            members.push(k);
            k += 1;
        }
        let places = members.iter().filter(|&&m| known(m).is_some_and(|c| c.kind == EntityKind::Place)).count();
        if members.len() < 2 || !(opened || places >= 2) {
            i += 1;
            continue;
        }
        for (pos, &m) in members.iter().enumerate() {
            let skip = if pos == 0 { 0 } else { clitics::WA.len_utf8() };
            let w = &doc.ftok(m)[skip..];
            // A member in construct with a definite noun (وشركاء النجاح) is a common noun.
            let construct = m + 1 < n && doc.tokens[m + 1].sentence == doc.tokens[m].sentence && !members.contains(&(m + 1)) && {
                let next = doc.ftok(m + 1);
                clitics::has_article(next) && next.chars().count() > 3 && !ar.is_stop(next)
            };
            if known_at.contains_key(&m) || construct || !name_like(w) || crate::lang::ar::mentions::is_name_particle_or_role(w) {
                continue;
            }
            let span = doc.folded.orig_span(doc.tokens[m].fstart + skip, doc.tokens[m].fend);
            let key_text = w.to_string();
            out.push(Cand { m: surface_mention(doc, EntityKind::Place, span, key_text), src: Source::Pattern });
        }
        i = k;
    }
}

/// The home kingdom's country mention: the article's own mention of it, else the gazetteer's.
fn home_kingdom<'c>(ar: &'c Arabic, cands: &'c [Cand]) -> Option<&'c Mention> {
    let country = cands.iter().find(|c| c.m.geo.as_ref().is_some_and(|g| g.kind == GeoKind::Country && g.country == HOME_KINGDOM)).map(|c| &c.m);
    country.or(ar.home_kingdom.as_ref())
}

/// The home kingdom as the gazetteer knows it, for articles that name only its cities (decoded
/// once, with the pack: `Arabic::load`).
pub(super) fn home_country_place(gaz: &crate::geo::gazetteer::Gazetteer) -> Option<Mention> {
    gaz.country(HOME_KINGDOM).map(|p| Mention {
        span: crate::Span::new(0, 0),
        kind: EntityKind::Place,
        key: EntityKey::Name(p.link_key()),
        name_en: Some(p.name_en.clone()),
        geo: Some(p.geo.clone()),
    })
}

#[cfg(test)]
mod tests {
    use crate::{Analysis, EntityKind, GeoKind, Lang, Options, analyze, parse_date};

    fn run(t: &str) -> Analysis {
        analyze(t, &Options { lang: Some(Lang::Ar), date: Some(parse_date("2020-03-10").unwrap()) })
    }

    fn kinds_of<'a>(a: &Analysis, t: &'a str) -> Vec<(EntityKind, &'a str)> {
        a.entities.iter().flat_map(|e| e.mentions.iter().map(move |m| (e.kind, m.slice(t)))).collect()
    }

    #[test]
    fn state_bodies_with_a_nationality_are_organisations() {
        let t = "وانتشرت وحدات من الجيش اليمني في المدينة، ورحبت الحكومة العراقية بالخطوة.";
        let a = run(t);
        let found = kinds_of(&a, t);
        assert!(found.contains(&(EntityKind::Organization, "الجيش اليمني")), "{found:?}");
        assert!(found.contains(&(EntityKind::Organization, "الحكومة العراقية")), "{found:?}");
    }

    #[test]
    fn named_sites_after_their_trigger_noun() {
        let t = "وهبطت الطائرة في مطار عدن، ثم نقلت المعدات إلى قاعدة الصقر الجوية. وأضيفت البيانات إلى قاعدة بيانات جديدة.";
        let a = run(t);
        let found = kinds_of(&a, t);
        assert!(found.contains(&(EntityKind::Place, "مطار عدن")), "{found:?}");
        assert!(found.contains(&(EntityKind::Place, "قاعدة الصقر الجوية")), "{found:?}");
        assert!(!found.iter().any(|(_, m)| m.contains("بيانات")), "{found:?}");
        let airport = a.entities.iter().find(|e| e.mentions.iter().any(|m| m.slice(t) == "مطار عدن")).unwrap();
        assert_eq!(airport.geo.as_ref().map(|g| (g.kind, g.country.as_str())), Some((GeoKind::Site, "YE")));
    }

    #[test]
    fn the_bare_kingdom_is_saudi_arabia() {
        let t = "وأكد الوزير أن المملكة ستواصل دعمها للمبادرة، فيما زار وفد من المملكة المتحدة الرياض. وأشاد بالمملكة التي تدعم الحوار.";
        let a = run(t);
        let kingdom = a.entities.iter().find(|e| e.mentions.iter().any(|m| m.slice(t) == "المملكة")).expect("المملكة found");
        assert_eq!(kingdom.name_en.as_deref(), Some("Saudi Arabia"));
        assert_eq!(kingdom.kind, EntityKind::Place);
        assert_eq!(kingdom.mentions.len(), 2, "a relative pronoun after it is no adjective");
        assert!(!a.entities.iter().any(|e| e.name_en.as_deref() == Some("Saudi Arabia") && e.mentions.iter().any(|m| m.slice(t).starts_with("المملكة المتحدة"))));
    }

    #[test]
    fn names_coordinated_with_places_are_places() {
        let t = "وسيطرت القوات على مناطق الزهراء والقصيبة والمنارة، ثم تقدمت نحو دمشق وحلب وكفرسوسة. واجتمع الوزير والسفير.";
        let a = run(t);
        let found = kinds_of(&a, t);
        for place in ["الزهراء", "القصيبة", "المنارة", "كفرسوسة"] {
            assert!(found.contains(&(EntityKind::Place, place)), "{place}: {found:?}");
        }
        assert!(!found.iter().any(|(_, m)| m.contains("السفير")), "{found:?}");
        let t = "وشكر أمانة منطقة المدينة وشركاء النجاح، وشرب الناس المشروبات الغازية في حمص.";
        let found = kinds_of(&run(t), t);
        assert!(!found.iter().any(|(_, m)| m.contains("شركاء") || m.contains("الغازية")), "{found:?}");
    }
}
