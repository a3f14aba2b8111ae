//! Languages as packs. A pack says what is particular to one language — how its text segments,
//! how its mentions, times and statements are found, how its names read in English, how much a
//! character speaks for its script — and nothing else: the stages (`src/stages/`) hold the logic
//! every language shares and ask the pack of the document's language for the rest.
//!
//! A pack is `src/lang/<code>/`, its word lists in `data/lang/<code>/`, its tagger model in
//! `data/models/`, its `mod` line below and its line in the `registry!` (which names the type of
//! its read-only tables: they are decoded once, on the pack's first use).

pub mod ar;
pub mod ar_translit;
pub mod en;
mod words;

pub(crate) use words::word_classes;
pub use words::{WordClass, WordClasses, WordMap};

use crate::stages::Resources;
use crate::stages::link::Linked;
use crate::stages::mentions::Mention;
use crate::stages::segment::Doc;
use crate::stages::tagger::Model;
use crate::stages::times::{Recognised, Resolver};
use crate::{Statement, TimeExpr};
use serde::{Deserialize, Serialize};

/// What a pack decodes once from its shipped files (lexicons, tagger model, time grammar), kept in
/// [`Resources`], on the first use of that pack (what a first analysis in its language pays), and
/// read-only after.
pub trait PackTables: Sized + Send + Sync + 'static {
    /// `gazetteer` is the shared one, for tables that refer to places.
    fn load(gazetteer: &crate::geo::gazetteer::Gazetteer) -> Self;
}

/// The registry: one line per pack, `Variant => module::Pack { field: module::Tables }`. It
/// declares the `Lang` variant (serialised as its lower-case name), the pack behind it, its place
/// in [`PACKS`] and its tables as `field` of [`Tables`].
macro_rules! registry {
    ($($variant:ident => $pack:path { $field:ident : $tables:ty }),+ $(,)?) => {
        /// A language Khabar reads: one per pack.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "lowercase")]
        pub enum Lang {
            $($variant),+
        }

        /// Every pack, in registry order.
        pub const PACKS: &[&dyn LanguagePack] = &[$(&$pack),+];

        impl Lang {
            pub fn pack(self) -> &'static dyn LanguagePack {
                match self {
                    $(Lang::$variant => &$pack),+
                }
            }
        }

        /// Every pack's read-only tables, a field per pack, each decoded on its first use: a text
        /// in one language does not pay for the other's lexicons and tagger model.
        #[derive(Default)]
        pub struct Tables {
            $($field: std::sync::OnceLock<$tables>),+
        }

        impl Resources {
            $(
                /// The pack's tables, decoded on first use around this gazetteer.
                pub fn $field(&self) -> &$tables {
                    self.packs.$field.get_or_init(|| <$tables as PackTables>::load(&self.gazetteer))
                }
            )+
        }
    };
}

registry! {
    Ar => ar::Pack { arabic: ar::Arabic },
    En => en::Pack { english: en::English },
}

/// The language a text is read as when no pack's script outweighs it.
const FALLBACK: Lang = Lang::En;

impl Lang {
    /// The ISO 639-1 code ("ar"), as in the Analysis JSON.
    pub fn code(self) -> &'static str {
        self.pack().names().first().copied().unwrap_or_default()
    }
    /// A language from its code or name ("ar", "ara", "arabic"), any case.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        PACKS.iter().find(|p| p.names().contains(&s.as_str())).map(|p| p.lang())
    }
}

/// What one language provides to the pipeline.
/// The English name of the well-known place a folded word names, if any (a country, or a city
/// the gazetteer counts 100,000 people in): what the gazetteer lends the naming of other entities.
pub type PlaceNames<'a> = &'a dyn Fn(&str) -> Option<String>;

pub trait LanguagePack: Sync {
    fn lang(&self) -> Lang;
    /// The language's code first, then other names `Lang::parse` accepts (all lower case).
    fn names(&self) -> &'static [&'static str];
    /// How much a character speaks for this language's script (0: not at all); `detect_lang`
    /// reads a text as the language with the highest total.
    fn script_weight(&self, c: char) -> u32;

    /// Segmentation: whether an apostrophe between letters stays inside the word, given the text
    /// after it (O'Brien yes, the possessive of Sudan's no).
    fn apostrophe_joins(&self, _after: &str) -> bool {
        false
    }
    /// Segmentation: a folded word that, followed by a period, ends no sentence (Mr., Gen.).
    fn is_abbreviation(&self, _word: &str) -> bool {
        false
    }

    /// Adds the language's mentions to `out`, which holds the gazetteer's; the pack decides
    /// which of those stand (its own finders, tagger and features included).
    fn find_mentions(&self, doc: &Doc, res: &Resources, out: &mut Vec<Mention>);
    /// The named-entity tagger's model, if the pack ships one.
    fn tagger_model(&self) -> Option<&'static Model> {
        None
    }
    /// A name's citation form when the text fuses it with a particle its mention could not leave
    /// out (Arabic للغفيلي: ل + الغفيلي), for display; `None` when it is written as cited.
    fn citation_form(&self, _written: &str) -> Option<String> {
        None
    }
    /// Whether a folded word links a person's name to a forebear's (Arabic بن، بنت): the name
    /// with that lineage left out is the same person's.
    fn is_lineage_word(&self, _word: &str) -> bool {
        false
    }
    /// A readable English (Latin) form of a name written in this language, for display.
    fn display_name_en(&self, name: &str) -> String {
        name.to_string()
    }
    /// What this language writes onto the front of a place name (and the forms it derives from
    /// one), if anything: the gazetteer matches this language's names after those prefixes.
    fn place_prefixes(&self) -> Option<Box<dyn crate::geo::gazetteer::NamePrefixes>> {
        None
    }
    /// Other spellings of a (folded) place name that the gazetteer may list instead, for a name it
    /// does not know as written (Arabic writes a foreign g as غ or ج).
    fn place_spellings(&self, _folded: &str) -> Vec<String> {
        Vec::new()
    }
    /// The English name of a place as written in the text, given the gazetteer's English name
    /// (and the English names of the well-known places its words may name).
    fn place_name_en(&self, _name: &str, gazetteer_en: &str, _places: PlaceNames) -> String {
        gazetteer_en.to_string()
    }
    /// A name's English display name told again with the well-known places its words name, when
    /// its English name (`name_en`) was spelled out from the letters and the places change it.
    fn name_en_with_places(&self, _name: &str, _name_en: &str, _places: PlaceNames) -> Option<String> {
        None
    }

    /// Whether a place named between these words names an agreement signed there ("the Paris
    /// agreement", «اتفاق باريس»): `before` is the word just before the name, `after` the next
    /// few words after it, as written.
    fn names_an_agreement(&self, _before: &str, _after: &[&str]) -> bool {
        false
    }
    /// Whether a (folded) word is the head noun of a named site or settlement before its name (a
    /// camp, an air base, a district): such a place, unknown to the gazetteer, may stand at the
    /// town named beside it (`stages::geocode`).
    fn is_site_head(&self, _word: &str) -> bool {
        false
    }
    /// Whether a (folded) word introduces a settlement or district by its kind just before its
    /// name (a city, a province, a district: «مدينة الشدادي بريف الحسكة»): the name after it is a
    /// place however small, and may stand at the town or region named beside it.
    fn introduces_place(&self, _word: &str) -> bool {
        false
    }

    /// The time grammar: the document's time expressions as typed values, which the shared
    /// `Resolver` (article date, calendars) turns into ISO values.
    fn recognise_times(&self, doc: &Doc, res: &Resources, resolver: &Resolver) -> Vec<Recognised>;

    /// Statements found by the language's rules, before the shared dating.
    fn find_statements(&self, doc: &Doc, entities: &[Linked], times: &[TimeExpr]) -> Vec<Statement>;
    /// Whether a statement with no time of its own takes the nearest earlier day named outside
    /// any statement (see `stages::statements::date_statements`).
    fn dates_from_preceding_time(&self) -> bool {
        false
    }
    /// Dating after the shared rule, for statements still undated (English narrative tense).
    fn continue_statement_dates(&self, _doc: &Doc, _times: &[TimeExpr], _statements: &mut [Statement]) {}
}

/// The pack of a language.
pub fn pack(lang: Lang) -> &'static dyn LanguagePack {
    lang.pack()
}

/// The language whose script weighs most in the text (its first 20,000 characters); the fallback
/// language on a tie.
pub fn detect_lang(text: &str) -> Lang {
    let mut scores = [0u64; PACKS.len()];
    for c in text.chars().take(20_000) {
        for (score, p) in scores.iter_mut().zip(PACKS) {
            *score += u64::from(p.script_weight(c));
        }
    }
    let fallback = PACKS.iter().position(|p| p.lang() == FALLBACK).unwrap_or(0);
    let mut best = fallback;
    for (k, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = k;
        }
    }
    PACKS[best].lang()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_one_pack_and_round_trips_its_code() {
        for p in PACKS {
            assert_eq!(PACKS.iter().filter(|q| q.lang() == p.lang()).count(), 1);
            assert_eq!(Lang::parse(p.lang().code()), Some(p.lang()));
        }
        assert_eq!(Lang::Ar.pack().lang(), Lang::Ar);
        assert_eq!(Lang::parse(" English "), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn detection_weighs_scripts_and_falls_back_on_a_tie() {
        assert_eq!(detect_lang("قال الرئيس إن Putin"), Lang::Ar);
        assert_eq!(detect_lang("Putin said بوتين"), Lang::En);
        assert_eq!(detect_lang("123 ..."), Lang::En);
        assert_eq!(detect_lang(""), Lang::En);
    }
}
