//! English language pack: word lists and the named-entity tagger's features; the mention and
//! statement rules in `mentions` and `statements`, the time grammar in `times`.

pub mod mentions;
pub mod statements;
pub(crate) mod times;

use super::{Lang, LanguagePack, WordClass, WordClasses};
use crate::stages::Resources;
use crate::stages::link::Linked;
use crate::stages::mentions::Mention;
use crate::stages::segment::Doc;
use crate::stages::tagger::{FeatureHasher, Model};
use crate::stages::times::{Recognised, Resolver};
use crate::{Statement, TimeExpr};

pub struct Pack;

impl LanguagePack for Pack {
    fn lang(&self) -> Lang {
        Lang::En
    }
    fn names(&self) -> &'static [&'static str] {
        &["en", "eng", "english"]
    }
    fn script_weight(&self, c: char) -> u32 {
        u32::from(c.is_ascii_alphabetic())
    }
    fn apostrophe_joins(&self, after: &str) -> bool {
        // The possessive 's is a word of its own (Sudan 's), as the tagger was trained.
        !after.starts_with("s ") && !after.starts_with("s\n") && after != "s"
    }
    fn is_abbreviation(&self, word: &str) -> bool {
        is(word, class::ABBREVIATION) || is(word, class::SENTENCE_ABBREVIATION)
    }
    fn find_mentions(&self, doc: &Doc, res: &Resources, out: &mut Vec<Mention>) {
        mentions::find(doc, res, out)
    }
    fn names_an_agreement(&self, _before: &str, after: &[&str]) -> bool {
        // "the Paris agreement", "the Paris climate accord": the noun follows, one word may come between
        after.iter().take(2).any(|w| is(&w.to_lowercase(), class::AGREEMENT))
    }
    fn tagger_model(&self) -> Option<&'static Model> {
        english().tagger.as_ref()
    }
    fn recognise_times(&self, doc: &Doc, _res: &Resources, resolver: &Resolver) -> Vec<Recognised> {
        times::find(doc, resolver)
            .into_iter()
            .map(|(first, end, v)| Recognised { start: doc.tokens[first].span.start, first, end, value: Some(v), until: None })
            .collect()
    }
    fn find_statements(&self, doc: &Doc, entities: &[Linked], times: &[TimeExpr]) -> Vec<Statement> {
        statements::find(doc, entities, times)
    }
    // The nearest earlier day would also date "X has said" by an unrelated event: English dates
    // statements across sentences by tense and narrative instead.
    fn continue_statement_dates(&self, doc: &Doc, times: &[TimeExpr], out: &mut [Statement]) {
        statements::continue_narrative_dates(doc, times, out)
    }
}

/// The classes of `data/lang/en/words.tsv`.
pub mod class {
    crate::lang::word_classes! {
        SAY = "say",
        ATTITUDE = "attitude",
        TELL = "tell",
        PERSON_PRONOUN = "person_pronoun",
        NP_BREAK = "np_break",
        BEFORE_VERB = "before_verb",
        TITLE_FUNCTION_WORD = "title_function_word",
        NAME_PARTICLE = "name_particle",
        NOT_NAME = "not_name",
        ORG_HEAD = "org_head",
        ORG_NOUN = "org_noun",
        ORG_OPENER = "org_opener",
        ACRONYM_STOP = "acronym_stop",
        COUNTED = "counted",
        SCALE = "scale",
        NUMBER_WORD = "number_word",
        ABBREVIATION = "abbreviation",
        SENTENCE_ABBREVIATION = "sentence_abbreviation",
        WORD_ABBREVIATION = "word_abbreviation",
        PREPOSITION = "preposition",
        SOURCE_NOUN = "source_noun",
        FINDING = "finding",
        SPEECH_FRAME = "speech_frame",
        EDITORIAL_LABEL = "editorial_label",
        STANCE_NOUN = "stance_noun",
        TIME_ADVERB = "time_adverb",
        VERB_OR_NOUN = "verb_or_noun",
        DETERMINER = "determiner",
        INSTITUTION_HEAD = "institution_head",
        AGREEMENT = "agreement",
    }
}

/// The English pack's tables, decoded once, on the pack's first use (`Resources::english`).
pub struct English {
    /// The rule words of `data/lang/en/words.tsv` by class.
    pub words: WordClasses,
    /// The NER model (`None` where the shipped file is a placeholder or damaged).
    pub tagger: Option<Model>,
}

impl crate::lang::PackTables for English {
    fn load(_gazetteer: &crate::geo::gazetteer::Gazetteer) -> English {
        let words = WordClasses::parse(include_str!("../../../data/lang/en/words.tsv"), class::CLASS_NAMES, str::to_string)
            .unwrap_or_else(|e| panic!("data/lang/en/words.tsv: {e}"));
        English { words, tagger: Model::from_bytes(include_bytes!("../../../data/models/en-ner.bin")) }
    }
}

pub(super) fn english() -> &'static English {
    crate::stages::resources().english()
}

fn words() -> &'static WordClasses {
    &english().words
}

/// A word (as the class expects it: lower-cased or as written) of a class of `data/lang/en/words.tsv`.
pub fn is(word: &str, c: WordClass) -> bool {
    words().is(word, c)
}

/// An abbreviation that is one word with its period for the tagger (lower case, no period).
pub fn is_word_abbreviation(word: &str) -> bool {
    is(word, class::ABBREVIATION) || is(word, class::WORD_ABBREVIATION)
}

/// Whether a given name is a common female one (data/lang/en/female-first-names.txt).
pub fn is_female_name(first: &str) -> bool {
    const LIST: &str = include_str!("../../../data/lang/en/female-first-names.txt");
    // Asked for every mention of every person: a scan of the list each time was 5 % of English analysis.
    static NAMES: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    !first.is_empty() && NAMES.get_or_init(|| LIST.lines().collect()).contains(first)
}

/// Feature templates (the first byte of each feature hash).
mod tpl {
    pub const LOWER: u8 = 0;
    pub const RAW: u8 = 1;
    pub const SHAPE: u8 = 2;
    pub const SUF2: u8 = 3;
    pub const SUF3: u8 = 4;
    pub const SUF4: u8 = 5;
    pub const PRE3: u8 = 6;
    pub const PREV: u8 = 7;
    pub const NEXT: u8 = 8;
    pub const PREV2: u8 = 9;
    pub const NEXT2: u8 = 10;
    pub const SHAPE_PREV: u8 = 11;
    pub const SHAPE_NEXT: u8 = 12;
    pub const FIRST_SHAPE: u8 = 13;
    pub const CAPS_SENT_SHAPE: u8 = 14;
    pub const PREV_WORD: u8 = 15;
    pub const WORD_NEXT: u8 = 16;
    pub const BIAS: u8 = 17;
    pub const LAST_PART: u8 = 18;
    pub const PREV_RAW: u8 = 19;
    pub const NEXT_RAW: u8 = 20;
    pub const SHAPE3: u8 = 21;
}

/// The word's shape (X upper, x lower, d digit, other characters as is), runs collapsed.
fn shape_bytes(w: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(w.len());
    for c in w.chars() {
        let k = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_numeric() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'?'
        };
        if out.last() != Some(&k) {
            out.push(k);
        }
    }
    out
}

fn suffix(w: &str, n: usize) -> &str {
    let mut idx = w.len();
    for (k, (i, _)) in w.char_indices().rev().enumerate() {
        idx = i;
        if k + 1 == n {
            break;
        }
    }
    &w[idx..]
}

fn prefix(w: &str, n: usize) -> &str {
    match w.char_indices().nth(n) {
        Some((i, _)) => &w[..i],
        None => w,
    }
}

/// A sentence written in capitals (a headline, a dateline): word shape says little there.
fn mostly_caps(words: &[&str]) -> bool {
    let (mut up, mut low) = (0, 0);
    for w in words {
        for c in w.chars() {
            if c.is_uppercase() {
                up += 1;
            } else if c.is_lowercase() {
                low += 1;
            }
        }
    }
    up > 3 && up > 2 * low
}

/// The tagger's features of every word of one sentence (words tokenised CoNLL-style: "'s", ","
/// and "." separate, "U.S." and "pro-Western" whole). The word's own form comes first.
pub fn ner_features(words: &[&str]) -> Vec<Vec<u32>> {
    let mut flat = FlatFeatures::default();
    ner_features_into(words, &mut flat);
    flat.rows().into_iter().map(<[u32]>::to_vec).collect()
}

pub use crate::stages::tagger::FlatFeatures;

/// [`ner_features`] into `flat` (cleared first).
pub fn ner_features_into(words: &[&str], flat: &mut FlatFeatures) {
    flat.hashes.clear();
    flat.ends.clear();
    let caps = mostly_caps(words);
    // Each word is seen from five positions: lower-case it and take its shape once, all words in
    // one buffer each (this runs for every sentence: one allocation per word was most of its
    // cost). Position k + 2 holds word k; the two sentinels on each side stand for "<s>" and "</s>".
    let at = |i: isize| -> &str { if i < 0 { "<s>" } else { words.get(i as usize).copied().unwrap_or("</s>") } };
    let span = -2..words.len() as isize + 2;
    let total: usize = words.iter().map(|w| w.len()).sum::<usize>() + 16;
    let (mut lows, mut shapes) = (Vec::with_capacity(total), Vec::with_capacity(total));
    let (mut low_at, mut shape_at) = (Vec::with_capacity(words.len() + 5), Vec::with_capacity(words.len() + 5));
    low_at.push(0);
    shape_at.push(0);
    for i in span {
        push_lower(at(i), &mut lows);
        low_at.push(lows.len());
        push_shape(at(i), &mut shapes);
        shape_at.push(shapes.len());
    }
    let low = |i: isize| &lows[low_at[(i + 2) as usize]..low_at[(i + 3) as usize]];
    let shp = |i: isize| &shapes[shape_at[(i + 2) as usize]..shape_at[(i + 3) as usize]];
    flat.hashes.reserve(words.len() * 24);
    for (i, &w) in words.iter().enumerate() {
        let i = i as isize;
        let f = &mut flat.hashes;
        f.push(FeatureHasher::new(tpl::LOWER).bytes(low(i)).finish());
        f.push(FeatureHasher::new(tpl::RAW).str(w).finish());
        f.push(FeatureHasher::new(tpl::SHAPE).bytes(shp(i)).finish());
        if w.is_ascii() {
            // Lower-casing ASCII keeps every byte in place: the affixes of the lower-cased word are
            // the lower-cased affixes.
            let l = low(i);
            f.push(FeatureHasher::new(tpl::SUF2).bytes(&l[l.len().saturating_sub(2)..]).finish());
            f.push(FeatureHasher::new(tpl::SUF3).bytes(&l[l.len().saturating_sub(3)..]).finish());
            f.push(FeatureHasher::new(tpl::SUF4).bytes(&l[l.len().saturating_sub(4)..]).finish());
            f.push(FeatureHasher::new(tpl::PRE3).bytes(&l[..l.len().min(3)]).finish());
        } else {
            f.push(FeatureHasher::new(tpl::SUF2).lower(suffix(w, 2)).finish());
            f.push(FeatureHasher::new(tpl::SUF3).lower(suffix(w, 3)).finish());
            f.push(FeatureHasher::new(tpl::SUF4).lower(suffix(w, 4)).finish());
            f.push(FeatureHasher::new(tpl::PRE3).lower(prefix(w, 3)).finish());
        }
        f.push(FeatureHasher::new(tpl::PREV).bytes(low(i - 1)).finish());
        f.push(FeatureHasher::new(tpl::NEXT).bytes(low(i + 1)).finish());
        f.push(FeatureHasher::new(tpl::PREV2).bytes(low(i - 2)).finish());
        f.push(FeatureHasher::new(tpl::NEXT2).bytes(low(i + 2)).finish());
        f.push(FeatureHasher::new(tpl::PREV_RAW).str(at(i - 1)).finish());
        f.push(FeatureHasher::new(tpl::NEXT_RAW).str(at(i + 1)).finish());
        f.push(FeatureHasher::new(tpl::SHAPE_PREV).bytes(shp(i - 1)).sep().bytes(shp(i)).finish());
        f.push(FeatureHasher::new(tpl::SHAPE_NEXT).bytes(shp(i)).sep().bytes(shp(i + 1)).finish());
        f.push(FeatureHasher::new(tpl::SHAPE3).bytes(shp(i - 1)).sep().bytes(shp(i)).sep().bytes(shp(i + 1)).finish());
        if i == 0 {
            f.push(FeatureHasher::new(tpl::FIRST_SHAPE).bytes(shp(i)).finish());
        }
        if caps {
            f.push(FeatureHasher::new(tpl::CAPS_SENT_SHAPE).bytes(shp(i)).finish());
        }
        f.push(FeatureHasher::new(tpl::PREV_WORD).bytes(low(i - 1)).sep().bytes(low(i)).finish());
        f.push(FeatureHasher::new(tpl::WORD_NEXT).bytes(low(i)).sep().bytes(low(i + 1)).finish());
        // A byte search: `rfind` with a char goes through the general pattern searcher.
        if let Some(p) = w.bytes().rposition(|b| b == b'-').filter(|&p| p > 0 && p + 1 < w.len()) {
            if w.is_ascii() {
                f.push(FeatureHasher::new(tpl::LAST_PART).bytes(&low(i)[p + 1..]).finish());
            } else {
                f.push(FeatureHasher::new(tpl::LAST_PART).lower(&w[p + 1..]).finish());
            }
        }
        f.push(FeatureHasher::new(tpl::BIAS).finish());
        flat.ends.push(flat.hashes.len());
    }
}

/// Appends the bytes `FeatureHasher::lower` feeds for a word.
fn push_lower(w: &str, out: &mut Vec<u8>) {
    if w.is_ascii() {
        out.extend(w.bytes().map(|b| b.to_ascii_lowercase()));
    } else {
        crate::stages::tagger::lowercase_pieces(w, |b| out.extend_from_slice(b));
    }
}

/// Appends the word's shape (see [`shape_bytes`]).
fn push_shape(w: &str, out: &mut Vec<u8>) {
    if w.is_ascii() {
        let mut last = None;
        for b in w.bytes() {
            let k = if b.is_ascii_uppercase() {
                b'X'
            } else if b.is_ascii_lowercase() {
                b'x'
            } else if b.is_ascii_digit() {
                b'd'
            } else {
                b
            };
            if last != Some(k) {
                out.push(k);
                last = Some(k);
            }
        }
    } else {
        out.extend_from_slice(&shape_bytes(w));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_match_the_allocating_reference() {
        let sentences: [&[&str]; 4] = [
            &["Sen.", "John", "McCain", "of", "Arizona", "said", "it", "'s", "pro-Western", "."],
            &["Zürich", "ÉIRE", "İstanbul", "Straße", "ﬁnance", "x-Ω", "-", "a-", "", "e-mail", "İ-İ"],
            &["THE", "HEADLINE", "IN", "CAPS", "2016"],
            &[],
        ];
        for s in sentences {
            assert_eq!(ner_features(s), reference::ner_features_reference(s), "{s:?}");
        }
    }

    #[test]
    fn affixes_respect_char_boundaries() {
        assert_eq!(suffix("Zürich", 3), "ich");
        assert_eq!(suffix("é", 3), "é");
        assert_eq!(prefix("Éire", 2), "Éi");
    }

    #[test]
    fn features_are_deterministic_and_word_first() {
        let a = ner_features(&["Sen.", "John", "McCain"]);
        let b = ner_features(&["Sen.", "John", "McCain"]);
        assert_eq!(a, b);
        assert_eq!(a[2][0], FeatureHasher::new(0).str("mccain").finish());
    }
}

/// The feature extraction as first written (a buffer per word), kept to check the faster one.
#[cfg(test)]
mod reference {
    use super::*;

    /// The tagger's features of every word of one sentence (words tokenised CoNLL-style: "'s", ","
    /// and "." separate, "U.S." and "pro-Western" whole). The word's own form comes first.
    pub(super) fn ner_features_reference(words: &[&str]) -> Vec<Vec<u32>> {
        let caps = mostly_caps(words);
        // Each word is seen from five positions: lower-case it and take its shape once. Index k + 2
        // holds word k; the two sentinels on each side stand for "<s>" and "</s>".
        let at = |i: isize| -> &str { if i < 0 { "<s>" } else { words.get(i as usize).copied().unwrap_or("</s>") } };
        let span = -2..words.len() as isize + 2;
        let lows: Vec<Vec<u8>> = span.clone().map(|i| lower_bytes(at(i))).collect();
        let shapes: Vec<Vec<u8>> = span.map(|i| shape_bytes(at(i))).collect();
        let low = |i: isize| lows[(i + 2) as usize].as_slice();
        let shp = |i: isize| shapes[(i + 2) as usize].as_slice();
        let mut out = Vec::with_capacity(words.len());
        for (i, &w) in words.iter().enumerate() {
            let i = i as isize;
            let mut f = Vec::with_capacity(24);
            f.push(FeatureHasher::new(tpl::LOWER).bytes(low(i)).finish());
            f.push(FeatureHasher::new(tpl::RAW).str(w).finish());
            f.push(FeatureHasher::new(tpl::SHAPE).bytes(shp(i)).finish());
            f.push(FeatureHasher::new(tpl::SUF2).lower(suffix(w, 2)).finish());
            f.push(FeatureHasher::new(tpl::SUF3).lower(suffix(w, 3)).finish());
            f.push(FeatureHasher::new(tpl::SUF4).lower(suffix(w, 4)).finish());
            f.push(FeatureHasher::new(tpl::PRE3).lower(prefix(w, 3)).finish());
            f.push(FeatureHasher::new(tpl::PREV).bytes(low(i - 1)).finish());
            f.push(FeatureHasher::new(tpl::NEXT).bytes(low(i + 1)).finish());
            f.push(FeatureHasher::new(tpl::PREV2).bytes(low(i - 2)).finish());
            f.push(FeatureHasher::new(tpl::NEXT2).bytes(low(i + 2)).finish());
            f.push(FeatureHasher::new(tpl::PREV_RAW).str(at(i - 1)).finish());
            f.push(FeatureHasher::new(tpl::NEXT_RAW).str(at(i + 1)).finish());
            f.push(FeatureHasher::new(tpl::SHAPE_PREV).bytes(shp(i - 1)).sep().bytes(shp(i)).finish());
            f.push(FeatureHasher::new(tpl::SHAPE_NEXT).bytes(shp(i)).sep().bytes(shp(i + 1)).finish());
            f.push(FeatureHasher::new(tpl::SHAPE3).bytes(shp(i - 1)).sep().bytes(shp(i)).sep().bytes(shp(i + 1)).finish());
            if i == 0 {
                f.push(FeatureHasher::new(tpl::FIRST_SHAPE).bytes(shp(i)).finish());
            }
            if caps {
                f.push(FeatureHasher::new(tpl::CAPS_SENT_SHAPE).bytes(shp(i)).finish());
            }
            f.push(FeatureHasher::new(tpl::PREV_WORD).bytes(low(i - 1)).sep().bytes(low(i)).finish());
            f.push(FeatureHasher::new(tpl::WORD_NEXT).bytes(low(i)).sep().bytes(low(i + 1)).finish());
            if let Some(p) = w.rfind('-').filter(|&p| p > 0 && p + 1 < w.len()) {
                f.push(FeatureHasher::new(tpl::LAST_PART).lower(&w[p + 1..]).finish());
            }
            f.push(FeatureHasher::new(tpl::BIAS).finish());
            out.push(f);
        }
        out
    }

    /// The bytes `FeatureHasher::lower` feeds for a word.
    fn lower_bytes(w: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(w.len());
        crate::stages::tagger::lowercase_pieces(w, |b| out.extend_from_slice(b));
        out
    }
}
