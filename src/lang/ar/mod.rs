//! Arabic language pack: lexicons loaded from `data/lang/ar/` (built once, read-only) and the
//! clitic-aware lookups every Arabic stage shares; the mention and statement rules in `mentions`
//! and `statements`, the time grammar in `times`.

pub mod byline;
pub mod clitics;
pub mod mentions;
pub mod news_lexicon;
mod places;
pub mod spelling;
pub mod statements;
pub mod tagger;
pub(crate) mod times;
pub mod word_clusters;

use super::{Lang, LanguagePack, WordClass, WordClasses, WordMap};
use crate::geo::gazetteer::NamePrefixes;
use crate::stages::Resources;
use crate::stages::link::Linked;
use crate::stages::mentions::Mention;
use crate::stages::normalize::fold;
use crate::stages::segment::Doc;
use crate::stages::tagger::Model;
use crate::stages::times::{Recognised, Resolver};
use crate::{EntityKind, Statement, TimeExpr};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use clitics::{ARTICLE, CONJUNCTIONS, LI, LI_ARTICLE, PREPOSITIONS};
// FxHash: keys are short words hashed per token; SipHash's DoS resistance buys nothing here.
use rustc_hash::FxHashMap as HashMap;

const PEOPLE: &str = include_str!("../../../data/lang/ar/people.tsv");
const ORGS: &str = include_str!("../../../data/lang/ar/orgs.tsv");
const DEMONYMS: &str = include_str!("../../../data/lang/ar/demonyms.tsv");
const TITLES: &str = include_str!("../../../data/lang/ar/titles.txt");
const REPORTING: &str = include_str!("../../../data/lang/ar/reporting_verbs.tsv");
const TIME_WORDS: &str = include_str!("../../../data/lang/ar/time_words.tsv");
const STOPWORDS: &str = include_str!("../../../data/lang/ar/stopwords.txt");
const WORDS: &str = include_str!("../../../data/lang/ar/words.tsv");
const GIVEN_NAMES: &str = include_str!("../../../data/lang/ar/given_names.txt");
/// Words that only look like a preposition on a definite word (tools/lexicon/clitic_words.py).
const CLITIC_WORDS: &str = include_str!("../../../data/lang/ar/clitic_words.tsv");
/// A head and its definite complement that name an activity, not a body (tools/lexicon/activities.py).
const ACTIVITIES: &str = include_str!("../../../data/lang/ar/activities.tsv");
/// Given names induced from the news corpus (tools/lexicon/given_names.py): word, counts.
const GIVEN_NAMES_NEWS: &str = include_str!("../../../data/lang/ar/given_names_news.txt");

/// The classes of `data/lang/ar/words.tsv`.
pub mod class {
    crate::lang::word_classes! {
        COMPLEMENTISER = "complementiser",
        ABBREVIATION = "abbreviation",
        CALL = "call",
        INFORM = "inform",
        IMPERSONAL = "impersonal",
        PARTICIPLE = "participle",
        PARTICIPLE_PREFIX = "participle_prefix",
        PARTICIPLE_ENDING = "participle_ending",
        CONTINUE = "continue",
        SOURCE_NOUN = "source_noun",
        SPEAKER_EDGE = "speaker_edge",
        AFTER_VERB = "after_verb",
        AFFILIATION = "affiliation",
        SPEAKER_END = "speaker_end",
        CLAUSE_BOUNDARY = "clause_boundary",
        SUBORDINATOR = "subordinator",
        CONTRAST = "contrast",
        RELAY = "relay",
        NAME_PARTICLE = "name_particle",
        NAME_TAIL = "name_tail",
        PRONOUN_SUFFIX = "pronoun_suffix",
        ROLE_NOUN = "role_noun",
        HONORIFIC = "honorific",
        HONORIFIC_OWNER = "honorific_owner",
        COMMON_NOUN_TITLE = "common_noun_title",
        PROFESSION = "profession",
        NAMESAKE_ORG_HEAD = "namesake_org_head",
        NAMESAKE_SITE_HEAD = "namesake_site_head",
        REGNAL_TITLE = "regnal_title",
        ROLE_COMPLEMENT = "role_complement",
        TITLE_HEAD_COMPLEMENT = "title_head_complement",
        ORG_HEAD = "org_head",
        MINISTRY_PORTFOLIO = "ministry_portfolio",
        VESSEL = "vessel",
        SCALE = "scale",
        NISBA_ENDING = "nisba_ending",
        ADJECTIVE_ENDING = "adjective_ending",
        NISBA_FEMININE_PLURAL = "nisba_feminine_plural",
        ROLE_LINK = "role_link",
        ON_BEHALF = "on_behalf",
        EPITHET = "epithet",
        COMMA = "comma",
        JOINT = "joint",
        CONTENT_END = "content_end",
        FRAME_END = "frame_end",
        FROM = "from",
        ACCORDING = "according",
        ACCORDING_TO = "according_to",
        SAYING = "saying",
        QUOTING = "quoting",
        PUBLISHED = "published",
        IN_IT = "in_it",
        NOUN_PREFIX = "noun_prefix",
        GLOSS_COMMA = "gloss_comma",
        GLOSS = "gloss",
        NAME_CLOSER = "name_closer",
        GLOSS_LEAD = "gloss_lead",
        DUAL_TITLE = "dual_title",
        FEMININE_ENDING = "feminine_ending",
        FEMININE_PLURAL_ENDING = "feminine_plural_ending",
        THEOPHORIC_PREFIX = "theophoric_prefix",
        COMPANY_NOUN = "company_noun",
        MINISTRY_STEM = "ministry_stem",
        AMBIGUOUS_CUE = "ambiguous_cue",
        OBJECT_PREPOSITION = "object_preposition",
        STATE_BODY = "state_body",
        SITE_HEAD = "site_head",
        SITE_ADJECTIVE = "site_adjective",
        KINGDOM = "kingdom",
        QUOTE_HEAD = "quote_head",
        NASAB = "nasab",
        KUNYA = "kunya",
        PLACE_NOUN = "place_noun",
        COMPASS_NOUN = "compass_noun",
        PLACE_OPENER = "place_opener",
        PLACE_LIST = "place_list",
        AGREEMENT = "agreement",
        AS_FRAME = "as_frame",
        FRAME_WHAT = "frame_what",
        FRAME_LINK = "frame_link",
        SPEAKER_ADJUNCT = "speaker_adjunct",
        PERFECT_PARTICLE = "perfect_particle",
        BACK_REFERENCE = "back_reference",
        BY_SAYING = "by_saying",
        ACTIVITY_HEAD = "activity_head",
        EPONYM_TITLE = "eponym_title",
        EPONYM_ORG_HEAD = "eponym_org_head",
        EPONYM_PLACE_HEAD = "eponym_place_head",
        TAG_LIST = "tag_list",
        FACILITY_HEAD = "facility_head",
        NORM_NOUN = "norm_noun",
        CALLED = "called",
        RELATIVE = "relative",
        WEAPON = "weapon",
        POSSESSIVE_ENDING = "possessive_ending",
        MASCULINE_PLURAL_ENDING = "masculine_plural_ending",
        EULOGY_OBJECT = "eulogy_object",
    }
}

pub struct Pack;

impl LanguagePack for Pack {
    fn lang(&self) -> Lang {
        Lang::Ar
    }
    fn names(&self) -> &'static [&'static str] {
        &["ar", "ara", "arabic"]
    }
    fn script_weight(&self, c: char) -> u32 {
        u32::from(matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
    }
    fn find_mentions(&self, doc: &Doc, res: &Resources, out: &mut Vec<Mention>) {
        mentions::find(doc, res, out)
    }
    fn is_abbreviation(&self, word: &str) -> bool {
        arabic().words.is(word, class::ABBREVIATION)
    }
    fn names_an_agreement(&self, before: &str, _after: &[&str]) -> bool {
        // «اتفاق باريس»، «باتفاق باريس»: the agreement noun comes first, maybe with a proclitic
        let word = fold(before);
        let (_, w) = clitics::peel(&word, clitics::CONJUNCTIONS, 3);
        let (_, bare) = clitics::peel(w, clitics::BI_LI, 3);
        arabic().words.is(bare, class::AGREEMENT) || arabic().words.is(w, class::AGREEMENT)
    }
    fn is_site_head(&self, word: &str) -> bool {
        let (_, w) = arabic().peel_conjunction(word);
        let (_, bare) = clitics::peel(w, clitics::BI_LI, 3);
        arabic().words.is(bare, class::SITE_HEAD)
    }
    fn introduces_place(&self, word: &str) -> bool {
        let (_, w) = arabic().peel_conjunction(word);
        let (_, bare) = clitics::peel(w, clitics::PREPOSITIONS, 3);
        let words = &arabic().words;
        words.is(bare, class::SITE_HEAD) || words.is(bare, class::PLACE_NOUN)
    }
    fn tagger_model(&self) -> Option<&'static Model> {
        mentions::tagger_model()
    }
    fn citation_form(&self, written: &str) -> Option<String> {
        citation_form(written)
    }
    fn is_lineage_word(&self, word: &str) -> bool {
        arabic().words.is(word, class::NASAB)
    }
    fn display_name_en(&self, name: &str) -> String {
        transliterate(name)
    }
    fn place_name_en(&self, name: &str, gazetteer_en: &str, places: crate::lang::PlaceNames) -> String {
        arabic().translit.place_name(name, gazetteer_en, places)
    }
    fn name_en_with_places(&self, name: &str, name_en: &str, places: crate::lang::PlaceNames) -> Option<String> {
        let translit = &arabic().translit;
        let (told, named_place) = translit.english_name_with(name, places);
        // Only over a name spelled out from the letters: a lexicon's English name stands.
        (named_place && told != name_en && translit.english_name(name) == name_en).then_some(told)
    }
    fn place_prefixes(&self) -> Option<Box<dyn NamePrefixes>> {
        Some(Box::new(PlacePrefixes::load()))
    }
    fn place_spellings(&self, folded: &str) -> Vec<String> {
        spelling::variants(folded)
    }
    fn recognise_times(&self, doc: &Doc, res: &Resources, resolver: &Resolver) -> Vec<Recognised> {
        let mut found = times::find(doc, &res.arabic().time_grammar, resolver.date.is_some());
        let outlets = byline::outlet_spans(doc);
        found.retain(|t| !outlets.iter().any(|o| o.overlaps(crate::Span::new(t.start, t.end))));
        found
    }
    fn find_statements(&self, doc: &Doc, entities: &[Linked], times: &[TimeExpr]) -> Vec<Statement> {
        statements::find(doc, entities, times)
    }
    fn dates_from_preceding_time(&self) -> bool {
        true
    }
}

/// A well-known person or organisation from the curated lexicon.
#[derive(Debug, Clone)]
pub struct LexEntity {
    pub kind: EntityKind,
    pub name_en: String,
    /// Folded words of which one must be in the document for a `~` short form (a surname that is
    /// also a common given name or word: صالح) to stand for this entity.
    pub context: Vec<String>,
    /// The folded words of its written forms, and each two of them written together (عبد الفتاح as
    /// عبدالفتاح): the given and middle names a text may write before a listed surname.
    pub words: Vec<String>,
    /// The first word of its display form when that has several (فلاديمير of فلاديمير بوتين).
    pub first_name: Option<String>,
    /// Whether any of its forms is written with a hamza (أوباما): a text's hamza where the list has
    /// none is another word (بأول is not Powell's باول).
    pub hamza: bool,
}

/// A nationality adjective's country.
#[derive(Debug, Clone)]
pub struct Demonym {
    /// ISO 3166-1 alpha-2, empty for supranational groups.
    pub code: String,
    pub country_en: String,
}

/// The Arabic pack: every list folded, so lookups take folded tokens.
pub struct Arabic {
    /// One automaton over all lexicon forms (plus their لل- variants).
    pub names: AhoCorasick,
    /// Pattern index -> lexicon entity index.
    pub pattern_entity: Vec<u32>,
    /// Pattern index -> whether it is a `~` short form that needs its entity's context words.
    pub pattern_conditional: Vec<bool>,
    pub entities: Vec<LexEntity>,
    /// A listed person's English name → the first entity with it: several rules ask, per mention,
    /// which listed person a lexicon mention is.
    person_by_name_en: HashMap<String, u32>,
    pub demonyms: Vec<Demonym>,
    demonym_forms: WordMap<u32>,
    titles: WordMap<()>,
    /// Heads of multi-word titles that are no title alone (ولي العهد, آية الله), with the word that
    /// must follow them: آية folds to أية «any».
    title_second_word: WordMap<String>,
    /// Every reporting form of `data/lang/ar/reporting_verbs.tsv` (folded) with what it is.
    cues: WordMap<Cue>,
    stop: WordMap<()>,
    /// Given names borne by Arabs (`data/lang/ar/given_names.txt`, Wikidata), folded.
    given: WordMap<()>,
    /// Either list: `given` or the given names induced from the news corpus
    /// (`given_names_news.txt`), which the rules' name patterns read too. One map, since they ask
    /// it of every token.
    any_given: WordMap<()>,
    /// Words shaped like a preposition on a definite word that are read otherwise
    /// (`data/lang/ar/clitic_words.tsv`): true for ل + a word starting with ل (لليبيا).
    clitic_words: HashMap<String, bool>,
    /// «head complement» pairs that name an activity (`data/lang/ar/activities.tsv`: حركه الرياح).
    activities: HashMap<String, ()>,
    /// The listed nouns that open with a clitic's letter, read whole (`peel_clitic`).
    whole_nouns: WholeNouns,
    months: WordMap<u32>,
    /// First words of the months written as two words (كانون, تشرين): only these need the pair looked up.
    /// First words of two-word months (تشرين): asked of every token, so behind a filter.
    month_heads: WordMap<()>,
    weekdays: WordMap<u32>,
    /// Every form of the five tables above with the tables it is in, so that a rule asking about
    /// several of them peels a token's clitics and hashes it once (see [`Lexical`]).
    lexical: WordMap<Lexical>,
    /// Rule words by class (`class::*`), folded.
    pub words: WordClasses,
    /// English names for what the lexicons do not know.
    pub translit: super::ar_translit::Translit,
    /// Word clusters for the tagger (`data/lang/ar/clusters.bin`, built with it: data/SOURCES.md).
    pub clusters: word_clusters::WordClusters,
    /// How the tagger reads each stem across the news (`data/lang/ar/news_lexicon.bin`, built with
    /// it): one of its features.
    pub news_lexicon: news_lexicon::NewsLexicon,
    /// The 8-bit path prefixes of the clusters that hold almost no person's name, and almost no
    /// place's, sorted (`data/lang/ar/no_name_clusters.tsv`, built from the labelled data).
    no_name_clusters: [Vec<u16>; 2],
    /// The country a bare «المملكة» stands for, as the gazetteer knows it (see `places`).
    pub home_kingdom: Option<Mention>,
    /// The NER model (`None` where the shipped file is a placeholder or damaged).
    pub tagger: Option<crate::stages::tagger::Model>,
    /// The words of the time grammar by role (`data/lang/ar/time_grammar.tsv`).
    pub time_grammar: crate::stages::times::words::TimeWords,
}

/// The Arabic pack's tables, decoded once, on the pack's first use (`Resources::arabic`).
pub fn arabic() -> &'static Arabic {
    crate::stages::resources().arabic()
}

impl crate::lang::PackTables for Arabic {
    fn load(gazetteer: &crate::geo::gazetteer::Gazetteer) -> Arabic {
        Arabic::load(gazetteer)
    }
}

static TIME_GRAMMAR: &str = include_str!("../../../data/lang/ar/time_grammar.tsv");

fn data_lines(src: &str) -> impl Iterator<Item = &str> {
    src.lines().map(str::trim_end).filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// Inserts a folded ال- word also in its لل- shape minus the first ل ("للرئيس" = ل + "لرئيس"), so
/// that stripping one proclitic ل finds it.
fn insert_with_lam<V: Clone>(map: &mut HashMap<String, V>, folded: String, v: V) {
    if let Some(rest) = folded.strip_prefix(ARTICLE) {
        map.entry(format!("{LI}{rest}")).or_insert_with(|| v.clone());
    }
    map.entry(folded).or_insert(v);
}

const CLUSTERS: &[u8] = include_bytes!("../../../data/lang/ar/clusters.bin");
const NEWS_LEXICON: &[u8] = include_bytes!("../../../data/lang/ar/news_lexicon.bin");
/// The letters that carry a hamza, which folding makes plain (أ → ا).
pub const HAMZA_LETTERS: [char; 6] = ['أ', 'إ', 'آ', 'ؤ', 'ئ', 'ء'];
const NO_NAME_CLUSTERS: &str = include_str!("../../../data/lang/ar/no_name_clusters.tsv");
/// The depth of the prefixes in `NO_NAME_CLUSTERS`.
const NO_NAME_DEPTH: u32 = 8;

impl Arabic {
    /// The pack's tables; `gazetteer` is the one the other resources use (for the home kingdom).
    pub fn load(gazetteer: &crate::geo::gazetteer::Gazetteer) -> Arabic {
        let mut entities = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_entity = Vec::new();
        let mut pattern_conditional = Vec::new();
        let mut seen: HashMap<String, ()> = HashMap::default();
        for (src, kind) in [(PEOPLE, EntityKind::Person), (ORGS, EntityKind::Organization)] {
            for line in data_lines(src) {
                let mut cols = line.split('\t');
                let (Some(en), Some(forms)) = (cols.next(), cols.next()) else { continue };
                let context = cols.next().map(|c| c.split('|').map(|w| fold(w.trim())).filter(|w| !w.is_empty()).collect()).unwrap_or_default();
                let idx = entities.len() as u32;
                let mut words: Vec<String> = Vec::new();
                for form in forms.split('|') {
                    let parts: Vec<String> = fold(form.trim().trim_start_matches('~')).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect();
                    words.extend(parts.windows(2).map(|p| format!("{}{}", p[0], p[1])));
                    words.extend(parts);
                }
                let display: Vec<String> = fold(forms.split('|').next().unwrap_or_default().trim().trim_start_matches('~')).split(' ').map(str::to_string).collect();
                let first_name = (display.len() > 1).then(|| display[0].clone());
                let hamza = forms.contains(HAMZA_LETTERS);
                entities.push(LexEntity { kind, name_en: en.trim().to_string(), context, words, first_name, hamza });
                for form in forms.split('|').map(str::trim).filter(|f| !f.is_empty()) {
                    let conditional = form.starts_with('~');
                    let f = fold(form.trim_start_matches('~'));
                    let mut add = |p: String| {
                        if seen.insert(p.clone(), ()).is_none() {
                            patterns.push(p);
                            pattern_entity.push(idx);
                            pattern_conditional.push(conditional);
                        }
                    };
                    if let Some(rest) = f.strip_prefix(ARTICLE) {
                        add(format!("{LI_ARTICLE}{rest}"));
                    }
                    add(f);
                }
            }
        }
        // Dense transitions for the states of the first three letters (six bytes), where the search
        // of every document's whole text spends its time; deeper states stay sparse.
        let names = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .dense_depth(6)
            .build(&patterns)
            .expect("lexicon automaton builds from plain strings");

        let words = WordClasses::parse(WORDS, class::CLASS_NAMES, fold).unwrap_or_else(|e| panic!("data/lang/ar/words.tsv: {e}"));
        let nisba = words.list(class::NISBA_ENDING).first().and_then(|n| n.chars().next()).unwrap_or_default();
        let mut demonyms = Vec::new();
        let mut demonym_forms = HashMap::default();
        for line in data_lines(DEMONYMS) {
            let mut cols = line.split('\t');
            let (Some(code), Some(en), Some(forms)) = (cols.next(), cols.next(), cols.next()) else { continue };
            let idx = demonyms.len() as u32;
            demonyms.push(Demonym { code: code.trim().to_string(), country_en: en.trim().to_string() });
            let forms: Vec<&str> = forms.split('|').map(str::trim).collect();
            // "!form" lists a derived shape that is really another word (روسيا is the country).
            let not: Vec<String> = forms.iter().filter_map(|f| f.strip_prefix('!')).map(fold).collect();
            for form in forms.iter().filter(|f| !f.starts_with('!')) {
                let base = fold(form);
                if base.is_empty() {
                    continue;
                }
                // A masculine adjective (the first form, or another spelling of it: أمريكي beside
                // أميركي): derive feminine, plural, dual, accusative.
                let mut shapes = vec![base.clone()];
                if base.ends_with(nisba) {
                    for suffix in words.list(class::ADJECTIVE_ENDING) {
                        shapes.push(format!("{base}{suffix}"));
                    }
                    let stem = base.trim_end_matches(nisba);
                    for plural in words.list(class::NISBA_FEMININE_PLURAL) {
                        shapes.push(stem.to_string() + plural);
                    }
                }
                for s in shapes.into_iter().filter(|s| !not.contains(s)) {
                    if !s.starts_with(ARTICLE) {
                        insert_with_lam(&mut demonym_forms, format!("{ARTICLE}{s}"), idx);
                    }
                    demonym_forms.entry(s).or_insert(idx);
                }
            }
        }

        let set = |src: &str| {
            let mut m = HashMap::default();
            for l in data_lines(src) {
                // Multi-word titles are recognised by their head word; complements are skipped later.
                let first = l.split_whitespace().next().unwrap_or("");
                let f = fold(first.trim_end_matches('.'));
                if !f.is_empty() {
                    insert_with_lam(&mut m, f, ());
                }
            }
            m
        };
        let titles = set(TITLES);
        let mut title_second_word = HashMap::default();
        let alone: Vec<String> = data_lines(TITLES).filter(|l| !l.trim().contains(' ')).map(|l| fold(l.trim().trim_end_matches('.'))).collect();
        for l in data_lines(TITLES) {
            let mut words = l.split_whitespace().map(fold);
            if let (Some(head), Some(second)) = (words.next(), words.next())
                && !alone.contains(&head)
            {
                title_second_word.entry(head).or_insert(second);
            }
        }
        let stop = set(STOPWORDS);
        let given: Vec<String> = data_lines(GIVEN_NAMES).map(|l| fold(l.trim())).collect();
        let clitic_words = data_lines(CLITIC_WORDS)
            .filter_map(|l| {
                let mut c = l.split('\t');
                Some((fold(c.next()?), c.next()? == "li_lam"))
            })
            .collect();
        let activities = data_lines(ACTIVITIES).filter_map(|l| Some((fold(l.split('\t').next()?), ()))).collect();
        let given_news: Vec<String> = data_lines(GIVEN_NAMES_NEWS).map(|l| fold(l.split('\t').next().unwrap_or("").trim())).collect();
        let any_given = given.iter().chain(&given_news).map(|g| (g.clone(), ())).collect();
        let given = given.into_iter().map(|g| (g, ())).collect();
        let cues = load_cues(&words);
        let mut months = HashMap::default();
        let mut weekdays = HashMap::default();
        for line in data_lines(TIME_WORDS) {
            let mut cols = line.split('\t');
            let (Some(kind), Some(n), Some(forms)) = (cols.next(), cols.next(), cols.next()) else { continue };
            let Ok(n) = n.trim().parse::<u32>() else { continue };
            for form in forms.split('|') {
                let f = fold(form.trim());
                match kind {
                    "month" => {
                        months.insert(f, n);
                    }
                    _ => insert_with_lam(&mut weekdays, f, n),
                }
            }
        }
        let month_heads: HashMap<String, ()> = months.keys().filter_map(|k| k.split_once(' ').map(|(a, _)| (a.to_string(), ()))).collect();
        let translit = super::ar_translit::Translit::load();
        let clusters = word_clusters::WordClusters::from_bytes(CLUSTERS).unwrap_or_else(word_clusters::WordClusters::empty);
        let news_lexicon = news_lexicon::NewsLexicon::from_bytes(NEWS_LEXICON).unwrap_or_else(news_lexicon::NewsLexicon::empty);
        let home_kingdom = places::home_country_place(gazetteer);
        let mut lexical: HashMap<String, Lexical> = HashMap::default();
        for (table, bit) in [
            (demonym_forms.keys().collect::<Vec<_>>(), Lexical::DEMONYM),
            (titles.keys().collect(), Lexical::TITLE),
            (stop.keys().collect(), Lexical::STOP),
            (months.keys().collect(), Lexical::MONTH),
            (weekdays.keys().collect(), Lexical::WEEKDAY),
        ] {
            for form in table {
                lexical.entry(form.clone()).or_default().0 |= bit;
            }
        }
        let mut person_by_name_en = HashMap::default();
        for (i, e) in entities.iter().enumerate().filter(|(_, e)| e.kind == EntityKind::Person) {
            person_by_name_en.entry(e.name_en.clone()).or_insert(i as u32);
        }
        Arabic {
            names,
            pattern_entity,
            pattern_conditional,
            entities,
            person_by_name_en,
            demonyms,
            demonym_forms: demonym_forms.into(),
            titles: titles.into(),
            title_second_word: title_second_word.into(),
            cues: cues.into(),
            stop: stop.into(),
            given,
            any_given,
            clitic_words,
            activities,
            whole_nouns: WholeNouns::new(&words),
            months: months.into(),
            month_heads: month_heads.into(),
            weekdays: weekdays.into(),
            lexical: lexical.into(),
            words,
            translit,
            clusters,
            news_lexicon,
            no_name_clusters: [EntityKind::Person, EntityKind::Place].map(|kind| {
                // the bits under a leading 1, as `word_clusters` stores paths
                let class = if kind == EntityKind::Person { "person" } else { "place" };
                let mut v: Vec<u16> = data_lines(NO_NAME_CLUSTERS)
                    .filter_map(|l| l.strip_prefix(class)?.strip_prefix('\t'))
                    .filter_map(|l| u16::from_str_radix(&format!("1{}", l.split('\t').next()?), 2).ok())
                    .collect();
                crate::sort::ord(&mut v);
                v
            }),
            home_kingdom,
            tagger: crate::stages::tagger::Model::from_bytes(include_bytes!("../../../data/models/ar-ner.bin")),
            time_grammar: crate::stages::times::words::TimeWords::parse(TIME_GRAMMAR).unwrap_or_default(),
        }
    }

    /// Which of the demonym, title, stop-word, month and weekday tables know the token, each
    /// as [`lookup`] would find it (as written, or after its conjunction and preposition).
    pub fn lexical(&self, tok: &str) -> Lexical {
        let bits = |w: &str| self.lexical.get(w).copied().unwrap_or_default();
        let mut found = bits(tok);
        let (conj, rest) = peel_clitic(&self.whole_nouns, tok, CONJUNCTIONS, 2);
        if conj > 0 {
            found.0 |= bits(rest).0;
        }
        if let (prep, r) = peel_clitic(&self.whole_nouns, rest, PREPOSITIONS, 2)
            && prep > 0
        {
            found.0 |= bits(r).0;
        }
        found
    }

    /// Whether a folded word's stem is in a word cluster that holds almost no name of this kind
    /// (a person's or a place's: a verb, an adverb, a verbal noun): `data/lang/ar/no_name_clusters.tsv`.
    pub fn in_cluster_without(&self, kind: EntityKind, w: &str) -> bool {
        let Some(path) = self.clusters.path(clitics::stem(w)) else { return false };
        let clusters = &self.no_name_clusters[usize::from(kind != EntityKind::Person)];
        clusters.binary_search(&word_clusters::path_prefix(path, NO_NAME_DEPTH)).is_ok()
    }

    /// The listed person with this English name (a lexicon mention's `name_en`).
    pub fn listed_person(&self, name_en: Option<&str>) -> Option<&LexEntity> {
        self.person_by_name_en.get(name_en?).map(|&i| &self.entities[i as usize])
    }

    pub fn demonym(&self, tok: &str) -> Option<&Demonym> {
        lookup(&self.whole_nouns, &self.demonym_forms, tok).map(|(_, &i)| &self.demonyms[i as usize])
    }
    pub fn is_demonym(&self, tok: &str) -> bool {
        lookup(&self.whole_nouns, &self.demonym_forms, tok).is_some()
    }
    pub fn is_title(&self, tok: &str) -> bool {
        lookup(&self.whole_nouns, &self.titles, tok).is_some()
    }
    /// Whether `w` with the article is a title (the construct form أمير of الأمير), without
    /// allocating the definite form: asked for most words of every name.
    pub fn is_title_with_article(&self, w: &str) -> bool {
        let mut buf = [0u8; 128];
        let (article, word) = (ARTICLE.as_bytes(), w.as_bytes());
        let len = article.len() + word.len();
        if len > buf.len() {
            return self.is_title(&format!("{ARTICLE}{w}"));
        }
        buf[..article.len()].copy_from_slice(article);
        buf[article.len()..len].copy_from_slice(word);
        std::str::from_utf8(&buf[..len]).is_ok_and(|key| self.is_title(key))
    }
    /// Whether a title at `tok` needs its second word next (آية الله) and `next` is not it.
    pub fn title_head_without_its_complement(&self, tok: &str, next: &str) -> bool {
        // The word as written first: ولي would peel to لي.
        let second = self.title_second_word.get(tok).or_else(|| self.title_second_word.get(clitics::peel(tok, CONJUNCTIONS, 2).1));
        second.is_some_and(|second| second != next)
    }
    /// A title with no proclitic other than و/ف (a title after ب/ل is rarely the subject).
    pub fn title_prefix(&self, tok: &str) -> Option<usize> {
        lookup(&self.whole_nouns, &self.titles, tok).map(|(p, _)| p)
    }
    /// A preposition written on a definite word (بالاتحاد، للغفيلي) at the start of folded `w`: the
    /// bytes a mention leaves out and whether the article's alef comes back in the citation form
    /// (لل + غفيلي → الغفيلي, where nothing can be left out). ل + a word starting with ل (لليبيا)
    /// leaves out one ل; words the corpus reads otherwise (`clitic_words.tsv`: باليرمو) are none.
    pub fn preposition_on_article(&self, w: &str) -> Option<(usize, bool)> {
        let listed = self.clitic_words.get(w).copied();
        if w.starts_with(LI_ARTICLE) && w.chars().count() >= 5 {
            return match listed {
                Some(true) => Some((LI.len_utf8(), false)),
                Some(false) => None,
                None => Some((0, true)),
            };
        }
        let definite = w.strip_prefix(clitics::BI).is_some_and(|r| r.starts_with(ARTICLE) && r.chars().count() >= 5);
        (definite && listed.is_none()).then_some((clitics::BI.len_utf8(), false))
    }
    /// Whether folded `head` (clitics off) and the definite word after it name an activity, not a
    /// body (حركة الرياح, تنظيم الفعاليات: `activities.tsv`).
    pub fn is_activity(&self, head: &str, complement: &str) -> bool {
        !self.activities.is_empty() && self.activities.contains_key(&format!("{head} {complement}"))
    }
    /// A given name, after an optional و/ف (not after ب/ل: بدر, لبنى begin with those letters).
    pub fn is_given_name(&self, tok: &str) -> bool {
        self.given.contains_key(tok) || self.given.contains_key(clitics::peel(tok, CONJUNCTIONS, 2).1)
    }
    /// A given name of either list as written, with no clitic peeled (وليد, not و + ليد).
    pub fn is_given_name_as_written(&self, tok: &str) -> bool {
        self.any_given.contains_key(tok)
    }
    /// A given name of either list, Wikidata's or the one induced from news, after an optional و/ف.
    pub fn is_any_given_name(&self, tok: &str) -> bool {
        // `is_given_name` for either list, the conjunction peeled once: asked of every token.
        let (peeled, bare) = clitics::peel(tok, CONJUNCTIONS, 2);
        self.any_given.contains_key(tok) || peeled > 0 && self.any_given.contains_key(bare)
    }
    /// و + a given name, where the whole word is not itself one (ومصطفى, not وليد): in a list of
    /// people, the start of the next name.
    pub fn is_coordinated_given_name(&self, tok: &str) -> bool {
        !self.given.contains_key(tok) && tok.strip_prefix(clitics::WA).is_some_and(|rest| self.given.contains_key(rest))
    }
    /// How the news reads `w`'s stem (`lexicon`: the shipped one, or a fold's in training); the
    /// clusters say whether an unlisted stem is a frequent word.
    pub fn news_class(&self, lexicon: &news_lexicon::NewsLexicon, w: &str) -> news_lexicon::LexiconClass {
        let stem = clitics::stem(w);
        lexicon.class(stem, self.clusters.path(stem).is_some())
    }
    /// Whether the news rarely reads `w`'s stem inside a name ([`news_lexicon::rarely_named`] of
    /// [`Arabic::news_class`]): a common word.
    pub fn rarely_named(&self, lexicon: &news_lexicon::NewsLexicon, w: &str) -> bool {
        news_lexicon::rarely_named(self.news_class(lexicon, w))
    }
    /// A frequent common word: the clusters hold `w`'s stem and the news rarely reads it inside a
    /// name (a rare stem the clusters lack is likelier a name).
    pub fn frequent_common_word(&self, lexicon: &news_lexicon::NewsLexicon, w: &str) -> bool {
        self.clusters.path(clitics::stem(w)).is_some() && self.rarely_named(lexicon, w)
    }
    /// How `tok`, led by the conjunction و inside a person's name, reads (`Conjoined`): و + a
    /// given name, listed or read by the news as one (`lexicon`: mostly opening a person's name),
    /// begins the next name; a word the news rarely reads inside a name ends it (نايف وشد من
    /// أزر); anything else (وليد, ولد, a foreign name on W: ويلسون) stays as tagged.
    pub fn conjoined(&self, tok: &str, lexicon: &news_lexicon::NewsLexicon) -> tagger::Conjoined {
        use tagger::Conjoined;
        if self.is_coordinated_given_name(tok) {
            return Conjoined::NextName;
        }
        if !tok.starts_with(clitics::WA) || self.given.contains_key(tok) {
            return Conjoined::Part;
        }
        let class = self.news_class(lexicon, tok);
        if clitics::stem(tok).len() < tok.len() && news_lexicon::opens_person_names(class) {
            Conjoined::NextName
        } else if news_lexicon::rarely_named(class) {
            Conjoined::Ends
        } else {
            Conjoined::Part
        }
    }
    /// `tok` without its conjunction و/ف, unless the whole word is a listed noun (`peel_clitic`):
    /// ولاية, وزارة, وكالة are nouns, not و + لاية.
    #[inline]
    pub fn peel_conjunction<'w>(&self, tok: &'w str) -> (usize, &'w str) {
        peel_clitic(&self.whole_nouns, tok, CONJUNCTIONS, 3)
    }
    /// A stop word as written, no clitic peeled (بلان is not ب + لان).
    pub fn is_stop_as_written(&self, tok: &str) -> bool {
        self.stop.contains_key(tok)
    }
    pub fn is_stop(&self, tok: &str) -> bool {
        lookup(&self.whole_nouns, &self.stop, tok).is_some()
    }
    /// A reporting verb or participle that is one whatever follows it (not a verbal noun, not a
    /// form that is more often another word).
    pub fn is_speech_verb(&self, tok: &str) -> bool {
        self.cue(tok).is_some_and(|(_, c)| !c.needs_complement)
    }
    /// The reporting form in a token after an optional و/ف: the byte length of that conjunction
    /// and what the form is.
    pub fn cue(&self, tok: &str) -> Option<(usize, Cue)> {
        if let Some(c) = self.cues.get(tok) {
            return Some((0, *c));
        }
        match clitics::peel(tok, CONJUNCTIONS, 0) {
            (n, rest) if n > 0 => self.cues.get(rest).map(|c| (n, *c)),
            _ => None,
        }
    }
    /// A single-word month name (Gregorian or the first word of a Levantine one).
    pub fn month(&self, tok: &str) -> Option<u32> {
        lookup(&self.whole_nouns, &self.months, tok).map(|(_, &m)| m)
    }
    /// Months written as two words (كانون الثاني, تشرين الأول).
    pub fn month2(&self, a: &str, b: &str) -> Option<u32> {
        let a = clitics::strip_proclitics(a);
        if !self.month_heads.contains_key(a) {
            return None;
        }
        let key = format!("{a} {b}");
        self.months.get(&key).copied()
    }
    pub fn weekday(&self, tok: &str) -> Option<u32> {
        lookup(&self.whole_nouns, &self.weekdays, tok).map(|(_, &d)| d)
    }
}

/// The lexicon tables a token is in (see [`Arabic::lexical`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Lexical(u8);

impl Lexical {
    const DEMONYM: u8 = 1;
    const TITLE: u8 = 2;
    const STOP: u8 = 4;
    const MONTH: u8 = 8;
    const WEEKDAY: u8 = 16;

    pub fn demonym(self) -> bool {
        self.0 & Self::DEMONYM != 0
    }
    pub fn title(self) -> bool {
        self.0 & Self::TITLE != 0
    }
    pub fn stop(self) -> bool {
        self.0 & Self::STOP != 0
    }
    /// A month or a weekday.
    pub fn calendar_word(self) -> bool {
        self.0 & (Self::MONTH | Self::WEEKDAY) != 0
    }
}

/// The class of a reporting verb's lemma (the class column of `reporting_verbs.tsv`): what its
/// content looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    /// A clause or a quotation (قال إن), sometimes a noun object (أكد ضرورة …).
    Say,
    /// An addressee may come first (أبلغ فلانا أن).
    Tell,
    /// Often a noun or prepositional object (نفى خطف …، أعرب عن قلقه).
    Attitude,
    /// Carries the previous speaker (أضاف، تابع).
    Continue,
    /// An object then إلى/ب (دعا … إلى).
    Call,
}

/// The shape of a reporting form (the feature column's first part).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueShape {
    /// Perfect, imperfect or future.
    Finite,
    /// The accusative participle of a continuation (مؤكدا، مشيرة).
    Participle,
    /// A verbal noun with a possessive pronoun (قوله، بقولها): the speaker is the pronoun's.
    Masdar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub class: CueClass,
    pub shape: CueShape,
    /// A verbal noun or a form that is more often another word (بين "between", عبر "through"):
    /// a cue only when a complementiser, colon, quotation or its preposition follows.
    pub needs_complement: bool,
    /// An imperfect or future form (يؤكد، ستعلن).
    pub imperfect: bool,
    /// The speaker's gender the form agrees with (قالت، مشيرة; قوله), where it marks one.
    pub gender: Option<Gender>,
}

/// Grammatical gender, as a verb, participle or pronoun marks its subject's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Masculine,
    Feminine,
}

impl Gender {
    /// From the paradigm's person-gender-number code (3fs, ms, 3mp; none in 1p or 3d).
    fn of_feature(feature: &str) -> Option<Gender> {
        let person = feature.split('.').rfind(|p| *p != "nom")?;
        if person.contains('f') {
            Some(Gender::Feminine)
        } else if person.contains('m') {
            Some(Gender::Masculine)
        } else {
            None
        }
    }
}

/// Reads the generated paradigm. Bare nominative participles (مؤكد، متهم، معبر) are left out:
/// they are adjectives and nouns far more often than reporting words.
fn load_cues(words: &WordClasses) -> HashMap<String, Cue> {
    let mut cues = HashMap::default();
    for line in data_lines(REPORTING) {
        let mut cols = line.split('\t');
        let (Some(form), Some(class), Some(lemma), Some(feature)) = (cols.next(), cols.next(), cols.next(), cols.next()) else { continue };
        let class = match class {
            "say" => CueClass::Say,
            "tell" => CueClass::Tell,
            "attitude" => CueClass::Attitude,
            "continue" => CueClass::Continue,
            "call" => CueClass::Call,
            _ => continue,
        };
        let shape = match feature.split('.').next() {
            Some("past" | "impf" | "fut") => CueShape::Finite,
            Some("part") if !feature.ends_with(".nom") => CueShape::Participle,
            Some("masdar") => CueShape::Masdar,
            _ => continue,
        };
        let form = fold(form);
        let needs_complement = shape == CueShape::Masdar || words.is(&form, class::AMBIGUOUS_CUE) || words.is(&fold(lemma), class::AMBIGUOUS_CUE);
        let imperfect = feature.starts_with("impf") || feature.starts_with("fut");
        let gender = Gender::of_feature(feature);
        // A form two cells of the paradigm share (past.3fs and past.2ms are both أكدت) marks no gender.
        cues.entry(form).and_modify(|c: &mut Cue| c.gender = c.gender.filter(|g| Some(*g) == gender)).or_insert(Cue {
            class,
            shape,
            needs_complement,
            imperfect,
            gender,
        });
    }
    cues
}

/// Looks a folded token up with its proclitics (و ف, then ب ل ك) tried off (each only as
/// [`peel_clitic`] allows); returns the byte length of the stripped prefix.
fn lookup<'m, V>(whole: &WholeNouns, map: &'m WordMap<V>, tok: &str) -> Option<(usize, &'m V)> {
    if let Some(v) = map.get(tok) {
        return Some((0, v));
    }
    let (conj, rest) = peel_clitic(whole, tok, CONJUNCTIONS, 2);
    if conj > 0
        && let Some(v) = map.get(rest)
    {
        return Some((conj, v));
    }
    match peel_clitic(whole, rest, PREPOSITIONS, 2) {
        (prep, r) if prep > 0 => map.get(r).map(|v| (conj + prep, v)),
        _ => None,
    }
}

/// [`clitics::peel`], unless the whole word is a listed noun (`words.tsv`): ولاية, وزارة, بلدية are
/// nouns, not و + لاية (which would end in the title آية), ب + لديه.
#[inline]
fn peel_clitic<'w>(whole: &WholeNouns, tok: &'w str, clitics: &[char], min_rest: usize) -> (usize, &'w str) {
    let (n, rest) = clitics::peel(tok, clitics, min_rest);
    if n > 0 && whole.contains(tok) { (0, tok) } else { (n, rest) }
}

/// The classes of `words.tsv` that list nouns (heads of names, roles, sources): a word listed in
/// one is that noun whole, whatever letter it opens with.
const NOUN_CLASSES: [WordClass; 12] = [
    class::ROLE_NOUN, class::ORG_HEAD, class::ACTIVITY_HEAD, class::PLACE_NOUN, class::PLACE_LIST, class::SITE_HEAD,
    class::FACILITY_HEAD, class::SOURCE_NOUN, class::COMPANY_NOUN, class::QUOTE_HEAD, class::VESSEL, class::AGREEMENT,
];

/// The nouns of [`NOUN_CLASSES`] that open with a clitic's letter (a few dozen). Asked of every
/// peel, many times a token: a bit filter on the word's length and letters answers most words
/// without hashing them.
#[derive(Debug, Default)]
struct WholeNouns {
    filter: Vec<u64>,
    words: rustc_hash::FxHashSet<String>,
}

impl WholeNouns {
    const BITS: usize = 4096;

    fn new(classes: &WordClasses) -> WholeNouns {
        let mut whole = WholeNouns { filter: vec![0; Self::BITS / 64], words: Default::default() };
        let clitic_letters: Vec<char> = CONJUNCTIONS.iter().chain(PREPOSITIONS).copied().collect();
        for w in NOUN_CLASSES.iter().flat_map(|&c| classes.list(c)) {
            if w.starts_with(clitic_letters.as_slice()) {
                let bit = Self::bit(w);
                whole.filter[bit / 64] |= 1 << (bit % 64);
                whole.words.insert(w.clone());
            }
        }
        whole
    }

    #[inline(always)]
    fn bit(w: &str) -> usize {
        let b = w.as_bytes();
        let (n, last, second) = (b.len(), b.last().copied().unwrap_or(0) as usize, b.get(3).copied().unwrap_or(0) as usize);
        (n.wrapping_mul(131) ^ last.wrapping_mul(7919) ^ second.wrapping_mul(31)) % Self::BITS
    }

    #[inline(always)]
    fn contains(&self, w: &str) -> bool {
        let bit = Self::bit(w);
        self.filter.get(bit / 64).is_some_and(|f| f & (1 << (bit % 64)) != 0) && self.words.contains(w)
    }
}

/// The proclitics a name may carry in running text: و ف then ب ل ك (each optional).
pub fn is_clitic_prefix(p: &str) -> bool {
    clitics::is_proclitic_sequence(p)
}

/// A name written after ل with its article (للغفيلي) cited with the article (الغفيلي); the
/// mention cannot leave the ل out, as the article's alef is not written.
pub fn citation_form(written: &str) -> Option<String> {
    let first = written.split(' ').next().unwrap_or(written);
    if arabic().preposition_on_article(&fold(first)) != Some((0, true)) {
        return None;
    }
    // The second ل and what follows, diacritics between the two kept out.
    let mut lams = 0;
    let at = written.char_indices().find_map(|(i, c)| {
        lams += usize::from(c == LI);
        (lams == 2).then_some(i)
    })?;
    Some(format!("{}{}", ARTICLE, &written[at + LI.len_utf8()..]))
}

/// `char::is_alphabetic`, the Arabic letters (U+0621..=U+064A) answered first: Unicode's table
/// search costs tens of instructions for each of them, and rules ask it of every letter of a word.
pub fn is_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c) || c.is_alphabetic()
}

/// The English display name of an Arabic name the lexicons do not know (see `ar_translit`).
pub fn transliterate(ar: &str) -> String {
    arabic().translit.english_name(ar)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_letters_are_alphabetic() {
        assert!(('\u{0621}'..='\u{064A}').all(char::is_alphabetic));
        assert!(['a', 'é', 'ب'].into_iter().all(is_letter) && !['1', '-', '،'].into_iter().any(is_letter));
    }

    #[test]
    fn lexicon_loads_and_lookups_strip_clitics() {
        let ar = arabic();
        assert!(ar.entities.iter().any(|e| e.name_en == "Vladimir Putin"));
        assert!(ar.is_demonym(&fold("والفرنسي")));
        assert!(ar.is_demonym(&fold("الأميركية")));
        assert_eq!(ar.demonym(&fold("الروسية")).map(|d| d.code.as_str()), Some("RU"));
        assert!(ar.is_title(&fold("الرئيس")));
        assert!(ar.is_title(&fold("للرئيس")));
        assert!(ar.is_speech_verb(&fold("وأضاف")));
        assert!(ar.is_speech_verb(&fold("مضيفًا")));
        assert_eq!(ar.month(&fold("نوفمبر")), Some(11));
        assert_eq!(ar.month2(&fold("تشرين"), &fold("الثاني")), Some(11));
        assert_eq!(ar.weekday(&fold("الخميس")), Some(4));
        assert!(!ar.is_demonym(&fold("روسيا")));
    }

    #[test]
    fn transliteration_is_readable() {
        assert_eq!(transliterate("كمال"), "Kamal");
        assert!(transliterate("الحسن").to_lowercase().starts_with("al"));
        assert_eq!(transliterate(""), "");
    }
}

/// The prefixes written onto an Arabic place name (`data/lang/ar/place_prefixes.tsv`): what the
/// gazetteer asks through [`NamePrefixes`].
pub struct PlacePrefixes {
    conjunctions: Vec<String>,
    prepositions: Vec<String>,
    article: String,
    article_after_lam: String,
    /// Every prefix a name may carry, the bare name ("") first: conjunctions, prepositions, then
    /// each conjunction with each preposition.
    allowed: Vec<String>,
    /// «ريف» before a town's name, and the countries whose towns' countryside is named so.
    countryside: String,
    countryside_countries: Vec<String>,
    /// «دولة» before a country's name.
    state: String,
}

const PLACE_PREFIXES: &str = include_str!("../../../data/lang/ar/place_prefixes.tsv");

impl PlacePrefixes {
    pub fn load() -> PlacePrefixes {
        let mut p = PlacePrefixes {
            conjunctions: Vec::new(),
            prepositions: Vec::new(),
            article: String::new(),
            article_after_lam: String::new(),
            allowed: Vec::new(),
            countryside: String::new(),
            countryside_countries: Vec::new(),
            state: String::new(),
        };
        for line in data_lines(PLACE_PREFIXES) {
            let Some((class, forms)) = line.split_once('\t') else { continue };
            let forms: Vec<String> = forms.split('|').map(|f| fold(f.trim())).filter(|f| !f.is_empty()).collect();
            match class {
                "conjunction" => p.conjunctions = forms,
                "preposition" => p.prepositions = forms,
                "article" => p.article = forms.concat(),
                "article_after_lam" => p.article_after_lam = forms.concat(),
                "countryside" => p.countryside = forms.concat(),
                "countryside_countries" => p.countryside_countries = forms.iter().map(|c| c.to_uppercase()).collect(),
                "state" => p.state = forms.concat(),
                _ => {}
            }
        }
        p.allowed = std::iter::once(String::new()).chain(p.conjunctions.iter().cloned()).chain(p.prepositions.iter().cloned()).collect();
        for c in &p.conjunctions {
            for b in &p.prepositions {
                p.allowed.push(format!("{c}{b}"));
            }
        }
        p
    }
}

impl NamePrefixes for PlacePrefixes {
    fn lang(&self) -> Option<Lang> {
        Some(Lang::Ar)
    }
    fn writes(&self, folded: &str) -> bool {
        crate::stages::normalize::has_arabic_script(folded)
    }
    fn name_starts(&self, word: &str) -> [Option<usize>; 3] {
        // Byte by byte: `starts_with` calls memcmp for each of these two-byte prefixes, on every word.
        let starts = |w: &str, p: &str| w.len() >= p.len() && w.bytes().zip(p.bytes()).all(|(a, b)| a == b);
        let conj = self.conjunctions.iter().find(|c| starts(word, c)).map_or(0, String::len);
        let prep = self.prepositions.iter().find(|p| starts(&word[conj..], p)).map_or(0, |p| conj + p.len());
        [Some(0), (conj > 0).then_some(conj), (prep > 0).then_some(prep)].map(|o| o.filter(|&o| o < word.len()))
    }
    fn allows(&self, prefix: &str, variant: bool) -> bool {
        let allowed = if variant { &self.allowed[..=self.conjunctions.len()] } else { &self.allowed[..] };
        allowed.iter().any(|a| a == prefix)
    }
    fn strippable(&self) -> &[String] {
        &self.allowed[1..]
    }
    fn without_prefixes<'w>(&self, mut word: &'w str) -> &'w str {
        while let Some(rest) = self.conjunctions.iter().chain(&self.prepositions).find_map(|p| word.strip_prefix(p.as_str())) {
            word = rest;
        }
        word
    }
    fn variant(&self, folded: &str) -> Option<String> {
        folded.strip_prefix(self.article.as_str()).map(|rest| format!("{}{rest}", self.article_after_lam))
    }
    fn variant_base(&self, folded: &str) -> Option<String> {
        folded.strip_prefix(self.article_after_lam.as_str()).map(|rest| format!("{}{rest}", self.article))
    }
    fn countryside(&self) -> Option<(&str, &[String])> {
        (!self.countryside.is_empty()).then_some((self.countryside.as_str(), &self.countryside_countries[..]))
    }
    fn state_noun(&self) -> Option<&str> {
        (!self.state.is_empty()).then_some(self.state.as_str())
    }
}
