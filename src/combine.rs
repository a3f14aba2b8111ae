//! Several articles read together: the same entity found in different articles becomes one
//! group (who appears in which article, how often), and the statements of each speaker are
//! collected from every article with their dates, so they can be read side by side.
//!
//! Pure and per-call like [`crate::analyze`]: the web app's combined view and tests use it the same way.
//!
//! Matching across articles is by kind and a normalised name. The English display name
//! (`name_en`) is preferred, so an Arabic and an English article about the same person meet when
//! the analysis gave the Arabic name an English form. A one-word person name (a surname, as
//! reporters write on second reference) joins the one longer person name ending with that word;
//! when two or more longer names end with it the surname stays on its own rather than guess.

use crate::stages::normalize::fold;
use crate::{Analysis, EntityKind, Statement};
use std::collections::HashMap;

/// One article to combine.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub title: &'a str,
    pub text: &'a str,
    pub analysis: &'a Analysis,
}

/// Where a group's entity appears in one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appearance {
    /// Index into the sources passed to [`combine`].
    pub article: usize,
    /// The entity's id in that article's analysis (several when the article's own linking kept
    /// two forms apart that the cross-article key joins).
    pub entity_ids: Vec<String>,
    pub mentions: usize,
}

/// A statement from one article that belongs to a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub article: usize,
    /// Index of the statement in its article's analysis.
    pub index: usize,
    /// Said by the group's entity (else the statement only mentions it).
    pub by: bool,
    pub content: String,
    pub cue: Option<String>,
    pub direct: bool,
    /// The date it is filed under (see [`file_statements`]), and whether that date was inferred.
    pub date: Option<String>,
    pub date_inferred: bool,
}

/// One entity across articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Kind and normalised name: stable across calls, fit for a DOM attribute.
    pub key: String,
    pub kind: EntityKind,
    /// The name to show: the English name when there is one, else the most mentioned form.
    pub name: String,
    /// The most mentioned Arabic form, when an article writes it in Arabic, else the gazetteer's
    /// Arabic name of a place (for an Arabic interface).
    pub name_ar: Option<String>,
    /// Every distinct display name the articles use for it (for example Arabic and English).
    pub names: Vec<String>,
    /// One per article it appears in, in article order.
    pub appearances: Vec<Appearance>,
    /// Statements by it, then statements mentioning it, each in article then date then text order.
    pub quotes: Vec<Quote>,
}

impl Group {
    pub fn mentions(&self) -> usize {
        self.appearances.iter().map(|a| a.mentions).sum()
    }
    pub fn in_article(&self, article: usize) -> Option<&Appearance> {
        self.appearances.iter().find(|a| a.article == article)
    }
    /// Statements by this entity in one article.
    pub fn said_in(&self, article: usize) -> impl Iterator<Item = &Quote> {
        self.quotes.iter().filter(move |q| q.article == article && q.by)
    }
    /// Statements in one article that mention this entity without being by it.
    pub fn mentioned_in(&self, article: usize) -> impl Iterator<Item = &Quote> {
        self.quotes.iter().filter(move |q| q.article == article && !q.by)
    }
}

/// The date each statement is filed under: its own when the text gives one, else that of the
/// nearest dated statement before it in the text (reporting usually runs in order), else the
/// article date. The flag says the date was inferred.
pub fn file_statements(statements: &[Statement], article_date: Option<&str>) -> Vec<(Option<String>, bool)> {
    let mut by_position: Vec<usize> = (0..statements.len()).collect();
    crate::sort::by_key(&mut by_position, |&i| statements[i].content.start);
    let mut filed = vec![(None, false); statements.len()];
    let mut last: Option<String> = None;
    for i in by_position {
        match &statements[i].date {
            Some(d) => {
                last = Some(d.clone());
                filed[i] = (Some(d.clone()), false);
            }
            None => filed[i] = (last.clone().or_else(|| article_date.map(str::to_string)), true),
        }
    }
    filed
}

/// A name reduced for matching: folded (case, Arabic letter variants and marks), Latin accents
/// dropped, punctuation turned into spaces, spaces collapsed.
pub fn name_key(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::with_capacity(folded.len());
    let mut space = true;
    for c in folded.chars() {
        let c = strip_accent(c);
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn strip_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'ñ' | 'ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' | 'ş' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ğ' => 'g',
        'ł' => 'l',
        c => c,
    }
}

/// The entity's cross-article key: kind and its normalised English name, else its own name.
fn entity_key(kind: EntityKind, name: &str, name_en: Option<&str>) -> Option<String> {
    let en = name_en.map(name_key).filter(|k| !k.is_empty());
    let key = en.or_else(|| Some(name_key(name)).filter(|k| !k.is_empty()))?;
    Some(format!("{}:{key}", kind.as_str()))
}

/// Group the entities of several articles and collect their statements.
/// Groups come most widespread first (articles, then mentions), then by name.
pub fn combine(sources: &[Source]) -> Vec<Group> {
    // key -> (article, entity index) members
    let mut members: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for (a, src) in sources.iter().enumerate() {
        for (e, ent) in src.analysis.entities.iter().enumerate() {
            if let Some(key) = entity_key(ent.kind, &ent.name, ent.name_en.as_deref()) {
                members.entry(key).or_default().push((a, e));
            }
        }
    }
    merge_surnames(&mut members);

    let mut groups: Vec<Group> = members.into_iter().map(|(key, list)| build_group(sources, key, list)).collect();
    crate::sort::by(&mut groups, |x, y| {
        y.appearances.len().cmp(&x.appearances.len()).then(y.mentions().cmp(&x.mentions())).then_with(|| x.name.cmp(&y.name)).then_with(|| x.key.cmp(&y.key))
    });
    groups
}

/// A one-word person key joins the only multi-word person key that ends with that word.
fn merge_surnames(members: &mut HashMap<String, Vec<(usize, usize)>>) {
    let prefix = format!("{}:", EntityKind::Person.as_str());
    let keys: Vec<String> = members.keys().filter(|k| k.starts_with(&prefix)).cloned().collect();
    for short in &keys {
        let word = &short[prefix.len()..];
        if word.contains(' ') {
            continue;
        }
        let longer: Vec<&String> =
            keys.iter().filter(|k| *k != short && k[prefix.len()..].contains(' ') && k[prefix.len()..].rsplit(' ').next() == Some(word)).collect();
        if let [long] = longer.as_slice()
            && let Some(moved) = members.remove(short)
        {
            members.entry((*long).clone()).or_default().extend(moved);
        }
    }
}

fn build_group(sources: &[Source], key: String, mut list: Vec<(usize, usize)>) -> Group {
    crate::sort::ord(&mut list);
    let first = &sources[list[0].0].analysis.entities[list[0].1];
    let kind = first.kind;

    let mut appearances: Vec<Appearance> = Vec::new();
    let mut names: Vec<(String, usize)> = Vec::new();
    let mut english: Vec<(String, usize)> = Vec::new();
    let mut gazetteer_ar: Vec<(String, usize)> = Vec::new();
    for &(a, e) in &list {
        let ent = &sources[a].analysis.entities[e];
        let n = ent.mentions.len();
        match appearances.last_mut() {
            Some(app) if app.article == a => {
                app.entity_ids.push(ent.id.clone());
                app.mentions += n;
            }
            _ => appearances.push(Appearance { article: a, entity_ids: vec![ent.id.clone()], mentions: n }),
        }
        tally(&mut names, &ent.name, n);
        if let Some(en) = ent.name_en.as_deref().filter(|s| !s.trim().is_empty()) {
            tally(&mut english, en, n);
        }
        if let Some(ar) = ent.name_ar.as_deref().filter(|s| !s.trim().is_empty()) {
            tally(&mut gazetteer_ar, ar, n);
        }
    }
    let most = |v: &[(String, usize)]| v.iter().max_by(|x, y| x.1.cmp(&y.1).then_with(|| y.0.cmp(&x.0))).map(|(s, _)| s.clone());
    // English forms: the English names given, and names an (English) article writes in Latin letters
    for (n, c) in names.iter().filter(|(n, _)| crate::detect_lang(n) == crate::Lang::En) {
        tally(&mut english, n, *c);
    }
    let name = most(&english).or_else(|| most(&names)).unwrap_or_default();
    let arabic: Vec<(String, usize)> = names.iter().filter(|(n, _)| crate::detect_lang(n) == crate::Lang::Ar).cloned().collect();
    // as an Arabic article writes it, else as the gazetteer does (a place only English articles name)
    let name_ar = most(&arabic).or_else(|| most(&gazetteer_ar));
    let mut all_names: Vec<String> = Vec::new();
    for (s, _) in names.iter().chain(english.iter()) {
        if !all_names.contains(s) {
            all_names.push(s.clone());
        }
    }

    let mut quotes = Vec::new();
    for app in &appearances {
        let src = &sources[app.article];
        let statements = &src.analysis.statements;
        let filed = file_statements(statements, src.analysis.date.as_deref());
        let ents: Vec<_> = app.entity_ids.iter().filter_map(|id| src.analysis.entity(id)).collect();
        for (i, s) in statements.iter().enumerate() {
            let by = s.speaker.as_deref().is_some_and(|sp| app.entity_ids.iter().any(|id| id == sp));
            let mentioned = !by && ents.iter().any(|e| e.mentions.iter().any(|m| s.content.contains(*m)));
            if !by && !mentioned {
                continue;
            }
            quotes.push(Quote {
                article: app.article,
                index: i,
                by,
                content: s.content_text(src.text),
                cue: s.cue.map(|c| c.slice(src.text).to_string()).filter(|c| !c.is_empty()),
                direct: s.direct,
                date: filed[i].0.clone(),
                date_inferred: filed[i].1,
            });
        }
    }
    // by first, then per article; within one article by date (undated last), then text order
    crate::sort::by(&mut quotes, |x, y| {
        let pos = |q: &Quote| sources[q.article].analysis.statements[q.index].content.start;
        y.by.cmp(&x.by)
            .then(x.article.cmp(&y.article))
            .then_with(|| (x.date.is_none(), &x.date).cmp(&(y.date.is_none(), &y.date)))
            .then_with(|| pos(x).cmp(&pos(y)))
    });

    Group { key, kind, name, name_ar, names: all_names, appearances, quotes }
}

fn tally(v: &mut Vec<(String, usize)>, s: &str, n: usize) {
    match v.iter_mut().find(|(x, _)| x == s) {
        Some((_, c)) => *c += n,
        None => v.push((s.to_string(), n)),
    }
}

/// One statement of the merged timeline of several articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub article: usize,
    /// Index of the statement in its article's analysis.
    pub index: usize,
    /// The key of the speaker's group (see [`Group::key`]), so one speaker can be followed across articles.
    pub speaker_key: Option<String>,
    /// The speaker as the article names it: the entity, else the reader's description.
    pub speaker: Option<String>,
    pub content: String,
    pub direct: bool,
    pub date: Option<String>,
    pub date_inferred: bool,
}

/// Every statement of every article on one time axis: by the date it is filed under (undated
/// last), then by article, then in text order.
pub fn merged_timeline(sources: &[Source], groups: &[Group]) -> Vec<Entry> {
    let mut key_of: HashMap<(usize, &str), &str> = HashMap::new();
    for g in groups {
        for app in &g.appearances {
            for id in &app.entity_ids {
                key_of.insert((app.article, id.as_str()), g.key.as_str());
            }
        }
    }
    let mut out = Vec::new();
    for (a, src) in sources.iter().enumerate() {
        let filed = file_statements(&src.analysis.statements, src.analysis.date.as_deref());
        for (i, s) in src.analysis.statements.iter().enumerate() {
            let entity = s.speaker.as_deref().and_then(|id| src.analysis.entity(id));
            out.push(Entry {
                article: a,
                index: i,
                speaker_key: s.speaker.as_deref().and_then(|id| key_of.get(&(a, id))).map(|k| k.to_string()),
                speaker: entity.map(|e| e.name.clone()).or_else(|| s.speaker_description.clone()),
                content: s.content_text(src.text),
                direct: s.direct,
                date: filed[i].0.clone(),
                date_inferred: filed[i].1,
            });
        }
    }
    let pos = |e: &Entry| sources[e.article].analysis.statements[e.index].content.start;
    crate::sort::by(&mut out, |x, y| (x.date.is_none(), &x.date, x.article).cmp(&(y.date.is_none(), &y.date, y.article)).then_with(|| pos(x).cmp(&pos(y))));
    out
}

/// A group as one entity standing for all its members, for views drawn from one analysis (the
/// map): its key as id, its names, and the place of its most mentioned located member. None when
/// no member is located, or when every located town is named only for its government or an
/// agreement (`figurative[article]`, from [`crate::geo::figurative::figurative_mentions`]).
pub fn as_entity(sources: &[Source], g: &Group, figurative: &[Vec<crate::Span>]) -> Option<crate::Entity> {
    let on_map = |article: usize, e: &crate::Entity| {
        e.geo.as_ref().is_some_and(|geo| {
            geo.lat.is_finite()
                && geo.lon.is_finite()
                && (geo.kind == crate::GeoKind::Country || crate::geo::figurative::pinned(e, figurative.get(article).map_or(&[], Vec::as_slice)))
        })
    };
    let geo = g
        .appearances
        .iter()
        .flat_map(|app| app.entity_ids.iter().filter_map(|id| sources[app.article].analysis.entity(id)).filter(|e| on_map(app.article, e)))
        .max_by_key(|e| e.mentions.len())?
        .geo
        .clone();
    Some(crate::Entity {
        id: g.key.clone(),
        kind: g.kind,
        name: g.name_ar.clone().unwrap_or_else(|| g.name.clone()),
        name_en: Some(g.name.clone()),
        name_ar: None,
        mentions: vec![],
        geo,
    })
}

/// A mention in its sentence: the words around it on its line, for a list of mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InContext {
    pub before: String,
    pub mention: String,
    pub after: String,
}

/// How many words of context a mention keeps on each side.
const CONTEXT_WORDS: usize = 8;

/// The mentions of some entities of one article, in text order, each with a few words around it
/// (never past the line it is on).
pub fn mentions_in_context(text: &str, analysis: &Analysis, entity_ids: &[String]) -> Vec<InContext> {
    let mut spans: Vec<crate::Span> = entity_ids.iter().filter_map(|id| analysis.entity(id)).flat_map(|e| e.mentions.iter().copied()).collect();
    crate::sort::by_key(&mut spans, |s| (s.start, s.end));
    spans.dedup();
    spans
        .into_iter()
        .filter(|s| s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end))
        .map(|s| {
            let line_start = text[..s.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[s.end..].find('\n').map_or(text.len(), |i| s.end + i);
            let before: Vec<&str> = text[line_start..s.start].split_whitespace().collect();
            let after: Vec<&str> = text[s.end..line_end].split_whitespace().collect();
            let cut = before.len().saturating_sub(CONTEXT_WORDS);
            let mut b = before[cut..].join(" ");
            if cut > 0 {
                b.insert_str(0, "… ");
            }
            if text[..s.start].ends_with(char::is_whitespace) && !b.is_empty() {
                b.push(' ');
            }
            let mut a = after[..after.len().min(CONTEXT_WORDS)].join(" ");
            if text[s.end..].starts_with(char::is_whitespace) && !a.is_empty() {
                a.insert(0, ' ');
            }
            if after.len() > CONTEXT_WORDS {
                a.push_str(" …");
            }
            InContext { before: b, mention: text[s.start..s.end].to_string(), after: a }
        })
        .collect()
}

impl Group {
    /// The statements made by this group across articles on one time axis: by the date each is
    /// filed under (undated last), then by article, then in text order.
    pub fn statements_by_date(&self) -> Vec<&Quote> {
        let mut said: Vec<&Quote> = self.quotes.iter().filter(|q| q.by).collect();
        crate::sort::by(&mut said, |x, y| (x.date.is_none(), &x.date, x.article, x.index).cmp(&(y.date.is_none(), &y.date, y.article, y.index)));
        said
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Entity, Lang, Span};

    /// (id, kind, name, name_en, mention words)
    type Ent<'a> = (&'a str, EntityKind, &'a str, Option<&'a str>, &'a [&'a str]);

    /// An analysis built by hand: entities found in `text` by substring; statements as
    /// (speaker id, content words, date).
    fn analysis(text: &str, lang: Lang, date: Option<&str>, ents: &[Ent], stmts: &[(Option<&str>, &str, Option<&str>)]) -> Analysis {
        let span_of = |w: &str| {
            let s = text.find(w).unwrap_or_else(|| panic!("{w:?} not in the text"));
            Span::new(s, s + w.len())
        };
        Analysis {
            id: None,
            lang,
            date: date.map(str::to_string),
            entities: ents
                .iter()
                .map(|(id, kind, name, en, words)| Entity {
                    id: id.to_string(),
                    kind: *kind,
                    name: name.to_string(),
                    name_en: en.map(str::to_string),
                    name_ar: None,
                    mentions: words.iter().map(|w| span_of(w)).collect(),
                    geo: None,
                })
                .collect(),
            statements: stmts
                .iter()
                .map(|(sp, content, d)| Statement {
                    speaker: sp.map(str::to_string),
                    speaker_span: None,
                    cue: None,
                    content: span_of(content),
                    direct: true,
                    date: d.map(str::to_string),
                    speaker_description: None,
                    content_parts: Vec::new(),
                })
                .collect(),
            times: vec![],
        }
    }

    const EN: &str = "Vladimir Putin said \"talks resume Monday\". Putin added \"we are ready\". Moscow hosted Paris officials.";
    const AR: &str = "قال بوتين «سنرد بحزم». وقالت موسكو إن الرئيس هولاند «يزور روسيا».";
    const EN2: &str = "François Hollande said \"France stands with Russia\" while Moscow watched.";

    fn en() -> Analysis {
        analysis(
            EN,
            Lang::En,
            Some("2015-11-20"),
            &[("e1", EntityKind::Person, "Vladimir Putin", None, &["Vladimir Putin", "Putin added"]), ("e2", EntityKind::Place, "Moscow", None, &["Moscow"])],
            &[(Some("e1"), "talks resume Monday", Some("2015-11-23")), (Some("e1"), "we are ready", None)],
        )
    }

    fn ar() -> Analysis {
        analysis(
            AR,
            Lang::Ar,
            Some("2015-11-18"),
            &[
                ("p1", EntityKind::Person, "بوتين", Some("Putin"), &["بوتين"]),
                ("p2", EntityKind::Place, "موسكو", Some("Moscow"), &["موسكو"]),
                ("p3", EntityKind::Person, "هولاند", Some("Hollande"), &["هولاند"]),
                ("p4", EntityKind::Place, "روسيا", Some("Russia"), &["روسيا"]),
            ],
            &[(Some("p1"), "سنرد بحزم", None), (Some("p2"), "يزور روسيا", Some("2015-11-26"))],
        )
    }

    fn en2() -> Analysis {
        analysis(
            EN2,
            Lang::En,
            None,
            &[
                ("h", EntityKind::Person, "François Hollande", None, &["François Hollande"]),
                ("r", EntityKind::Place, "Russia", None, &["Russia"]),
                ("m", EntityKind::Place, "Moscow", None, &["Moscow"]),
            ],
            &[(Some("h"), "France stands with Russia", None)],
        )
    }

    fn group<'a>(groups: &'a [Group], key: &str) -> &'a Group {
        groups.iter().find(|g| g.key == key).unwrap_or_else(|| panic!("no group {key}: {:?}", groups.iter().map(|g| &g.key).collect::<Vec<_>>()))
    }

    #[test]
    fn keys_fold_case_accents_arabic_variants_and_punctuation() {
        assert_eq!(name_key("François  Hollande"), "francois hollande");
        assert_eq!(name_key("Al-Assad"), "al assad");
        assert_eq!(name_key("إدلبُ"), name_key("ادلب"));
        assert_eq!(name_key(" ... "), "");
    }

    #[test]
    fn the_same_entity_in_two_languages_is_one_group() {
        let (a, b) = (en(), ar());
        let sources = [Source { title: "en", text: EN, analysis: &a }, Source { title: "ar", text: AR, analysis: &b }];
        let groups = combine(&sources);
        let moscow = group(&groups, "place:moscow");
        assert_eq!(moscow.appearances.iter().map(|x| x.article).collect::<Vec<_>>(), vec![0, 1]);
        assert_eq!(moscow.name, "Moscow");
        assert_eq!(moscow.name_ar.as_deref(), Some("موسكو"));
        assert_eq!(group(&groups, "place:moscow").names.len(), 2);
        assert!(moscow.names.contains(&"موسكو".to_string()));
        // Putin (Arabic, surname only) joins Vladimir Putin (English, full name)
        let putin = group(&groups, "person:vladimir putin");
        assert_eq!(putin.appearances.len(), 2);
        assert_eq!(putin.mentions(), 3);
        assert_eq!(putin.in_article(1).unwrap().entity_ids, vec!["p1".to_string()]);
        assert!(!groups.iter().any(|g| g.key == "person:putin"));
        // the widest groups come first
        assert!(groups[0].appearances.len() == 2 && groups.last().unwrap().appearances.len() == 1);
    }

    #[test]
    fn one_time_axis_for_every_article_with_speakers_followed_across_them() {
        let (a, b) = (en(), ar());
        let sources = [Source { title: "en", text: EN, analysis: &a }, Source { title: "ar", text: AR, analysis: &b }];
        let groups = combine(&sources);
        let line = merged_timeline(&sources, &groups);
        assert_eq!(line.len(), 4);
        let dates: Vec<Option<&str>> = line.iter().map(|e| e.date.as_deref()).collect();
        assert_eq!(dates, vec![Some("2015-11-18"), Some("2015-11-23"), Some("2015-11-23"), Some("2015-11-26")]);
        // Putin in English and in Arabic is one speaker to follow
        let putin: Vec<usize> = line.iter().filter(|e| e.speaker_key.as_deref() == Some("person:vladimir putin")).map(|e| e.article).collect();
        assert_eq!(putin, vec![1, 0, 0]);
        assert_eq!(line[0].speaker.as_deref(), Some("بوتين"));
    }

    #[test]
    fn statements_by_the_same_speaker_are_collected_from_every_article_with_dates() {
        let (a, b) = (en(), ar());
        let sources = [Source { title: "en", text: EN, analysis: &a }, Source { title: "ar", text: AR, analysis: &b }];
        let groups = combine(&sources);
        let putin = group(&groups, "person:vladimir putin");
        let said: Vec<(usize, &str, Option<&str>, bool)> =
            putin.quotes.iter().filter(|q| q.by).map(|q| (q.article, q.content.as_str(), q.date.as_deref(), q.date_inferred)).collect();
        assert_eq!(
            said,
            vec![
                (0, "talks resume Monday", Some("2015-11-23"), false),
                // undated: filed under the dated statement before it
                (0, "we are ready", Some("2015-11-23"), true),
                // undated and first in its article: filed under the article date
                (1, "سنرد بحزم", Some("2015-11-18"), true),
            ]
        );
        assert_eq!(putin.said_in(1).count(), 1);
        // Russia is mentioned in a statement by Moscow: a mention, not a statement by Russia
        let russia = group(&groups, "place:russia");
        assert_eq!(russia.quotes.len(), 1);
        assert_eq!(group(&groups, "person:vladimir putin").name_ar.as_deref(), Some("بوتين"));
        assert_eq!(group(&groups, "person:vladimir putin").name, "Vladimir Putin");
        assert!(!russia.quotes[0].by);
        assert_eq!(russia.mentioned_in(1).count(), 1);
    }

    #[test]
    fn a_surname_shared_by_two_full_names_stays_apart() {
        let text = "Ahmad Khan met Imran Khan. Khan said \"yes\".";
        let a = analysis(
            text,
            Lang::En,
            None,
            &[
                ("a", EntityKind::Person, "Ahmad Khan", None, &["Ahmad Khan"]),
                ("b", EntityKind::Person, "Imran Khan", None, &["Imran Khan"]),
                ("c", EntityKind::Person, "Khan", None, &["Khan said"]),
            ],
            &[],
        );
        let groups = combine(&[Source { title: "t", text, analysis: &a }]);
        assert_eq!(groups.len(), 3);
        group(&groups, "person:khan");
    }

    #[test]
    fn accented_and_arabic_forms_of_a_name_merge() {
        let (a, c) = (ar(), en2());
        let sources = [Source { title: "ar", text: AR, analysis: &a }, Source { title: "en2", text: EN2, analysis: &c }];
        let groups = combine(&sources);
        // Hollande (Arabic, English name "Hollande") joins "François Hollande"
        let hollande = group(&groups, "person:francois hollande");
        assert_eq!(hollande.appearances.len(), 2);
        assert_eq!(hollande.said_in(1).count(), 1);
        assert_eq!(hollande.said_in(0).count(), 0);
        let russia = group(&groups, "place:russia");
        assert_eq!(russia.appearances.len(), 2);
        // a statement by Hollande mentions Russia in the second article
        assert_eq!(russia.mentioned_in(1).count(), 1);
    }

    #[test]
    fn nothing_in_nothing_out() {
        assert!(combine(&[]).is_empty());
        let empty = crate::analyze("", &crate::Options::default());
        assert!(combine(&[Source { title: "", text: "", analysis: &empty }]).is_empty());
    }

    #[test]
    fn real_analyses_combine_without_panicking_and_every_quote_points_into_its_article() {
        let texts = [
            "Vladimir Putin said on Monday that Russia would respond. Putin added: \"We will not wait.\"",
            "قال الرئيس الروسي فلاديمير بوتين أمس إن موسكو سترد. وأضاف بوتين: «لن ننتظر».",
        ];
        let analyses: Vec<Analysis> =
            texts.iter().map(|t| crate::analyze(t, &crate::Options { lang: None, date: crate::parse_date("2015-11-18").ok() })).collect();
        let sources: Vec<Source> = texts.iter().zip(&analyses).map(|(t, a)| Source { title: "", text: t, analysis: a }).collect();
        let groups = combine(&sources);
        let total: usize = analyses.iter().map(|a| a.entities.len()).sum();
        let members: usize = groups.iter().flat_map(|g| &g.appearances).map(|a| a.entity_ids.len()).sum();
        assert_eq!(members, total, "every entity is in exactly one group");
        for g in &groups {
            for q in &g.quotes {
                let s = &analyses[q.article].statements[q.index];
                assert_eq!(q.content, s.content.slice(texts[q.article]));
            }
        }
    }

    #[test]
    fn a_speakers_statements_from_every_article_on_one_time_axis() {
        let (a, b) = (en(), ar());
        let sources = [Source { title: "en", text: EN, analysis: &a }, Source { title: "ar", text: AR, analysis: &b }];
        let groups = combine(&sources);
        let said: Vec<(usize, Option<&str>)> =
            group(&groups, "person:vladimir putin").statements_by_date().iter().map(|q| (q.article, q.date.as_deref())).collect();
        assert_eq!(said, vec![(1, Some("2015-11-18")), (0, Some("2015-11-23")), (0, Some("2015-11-23"))]);
        // a place says nothing
        assert!(group(&groups, "place:russia").statements_by_date().is_empty());
    }

    #[test]
    fn a_place_across_articles_is_one_located_entity_with_its_mentions_in_context() {
        let mut a = en();
        let mut b = ar();
        let moscow = crate::Geo { lat: 55.75, lon: 37.62, country: "RU".into(), kind: crate::GeoKind::City };
        a.entities[1].geo = Some(moscow.clone());
        b.entities[1].geo = Some(moscow);
        let sources = [Source { title: "en", text: EN, analysis: &a }, Source { title: "ar", text: AR, analysis: &b }];
        let groups = combine(&sources);
        let g = group(&groups, "place:moscow");
        let e = as_entity(&sources, g, &[]).expect("located");
        assert_eq!((e.id.as_str(), e.name.as_str(), e.name_en.as_deref()), ("place:moscow", "موسكو", Some("Moscow")));
        assert_eq!(e.geo.as_ref().map(|g| g.country.as_str()), Some("RU"));
        // Russia has no coordinates in these analyses
        assert!(as_entity(&sources, group(&groups, "place:russia"), &[]).is_none());
        // a town named only as its government (its one mention figurative) is not on the map
        let figurative = vec![a.entities[1].mentions.clone(), b.entities[1].mentions.clone()];
        assert!(as_entity(&sources, g, &figurative).is_none());
        let ctx = mentions_in_context(EN, &a, &g.in_article(0).unwrap().entity_ids);
        assert_eq!(
            ctx,
            vec![InContext {
                before: "… \"talks resume Monday\". Putin added \"we are ready\". ".into(),
                mention: "Moscow".into(),
                after: " hosted Paris officials.".into()
            }]
        );
        let ctx = mentions_in_context(AR, &b, &["p2".to_string()]);
        assert_eq!(ctx[0].mention, "موسكو");
        assert!(ctx[0].before.ends_with("وقالت "), "{ctx:?}");
        // unknown ids and spans outside the text give nothing, never a panic
        assert!(mentions_in_context("short", &a, &["e2".to_string(), "nope".to_string()]).is_empty());
    }
}
