//! What the news says of a word: how the tagger, trained on the labelled sets, reads the word's
//! stem across the unlabelled SaudiNewsNet articles (the share of its occurrences inside a
//! person's, an organisation's or a place's name, and whether it opens the name or continues it).
//! A name that the labelled data never saw (a footballer's surname, a foreign minister) appears in
//! the news in hundreds of contexts where the tagger does know it; aggregated per stem, those
//! readings are a lexicon induced from the news, and the shipped tagger takes a stem's class as a
//! feature (`tagger::add_wide_features`).
//!
//! Built by `cargo run --release --example train_ner_ar -- build` (data/SOURCES.md): a first tagger
//! without this feature reads the news, the table is counted from its tags, and the shipped tagger
//! trains with the table. Stored as hash keys of the stems (Rice-coded gaps, deflated): 22 bits
//! and a class byte for the typed stems, 18 bits for the untyped ones (the stems themselves are not
//! needed; an unknown stem whose key collides with one of the table's only gets that class).

use crate::varint::{self, Bits, Reader};

const MAGIC: &[u8; 4] = b"KNL2";
/// Bits of a typed stem's key: one unknown stem in 1,000 reads as a typed one.
const KEY_BITS: u32 = 22;
/// Bits of an untyped stem's key, which says only "seen": one unknown stem in 25 reads as seen.
const SEEN_BITS: u32 = 18;

/// Per stem, as counted over the tagged news: occurrences; occurrences inside a person's, an
/// organisation's, a place's name; occurrences that begin a name.
pub type StemCounts = [u32; 5];

/// A stem's reading in the news, as a small number (0: unknown).
pub type LexiconClass = u8;

/// Seen in the news but rarely tagged (the classes below are the typed ones).
const UNTYPED: LexiconClass = 28;
/// Untyped, and held by the word clusters: a frequent word, apart from the unknown stems, which
/// are likelier names.
const CLUSTERED_UNTYPED: LexiconClass = 29;

pub struct NewsLexicon {
    /// The typed stems' keys, sorted, and their classes.
    keys: Vec<u32>,
    classes: Vec<LexiconClass>,
    /// The keys of the untyped stems that the clusters do not hold, sorted.
    seen: Vec<u32>,
}

/// The table's key of a stem: FNV-1a, its top `bits` bits.
fn key(stem: &str, bits: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in stem.as_bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    h >> (32 - bits)
}

/// The class of a stem with these counts: the type the tagger gave it most, how often (a fifth
/// to a half, to four fifths, more), and whether it mostly opens the name (a given name, بن),
/// mostly continues it (a surname), or both; [`UNTYPED`] when it is tagged less than a fifth of
/// the time.
pub fn class_of(c: &StemCounts) -> LexiconClass {
    let (typ, n) = (1..4).map(|t| (t, c[t])).max_by_key(|&(t, n)| (n, std::cmp::Reverse(t))).unwrap_or((1, 0));
    let seen = c[0].max(1);
    if n * 5 < seen {
        return UNTYPED;
    }
    let share = if n * 2 < seen {
        0
    } else if n * 5 < seen * 4 {
        1
    } else {
        2
    };
    let named = (c[1] + c[2] + c[3]).max(1);
    let opens = if c[4] * 4 < named {
        0
    } else if c[4] * 4 < named * 3 {
        1
    } else {
        2
    };
    1 + (typ as u8 - 1) * 9 + share * 3 + opens
}

/// Whether the news rarely reads a stem of this class inside a name (a common word).
pub fn rarely_named(class: LexiconClass) -> bool {
    class == UNTYPED || class == CLUSTERED_UNTYPED
}

/// Whether the news reads a stem of this class as a person's given name: inside a person's name
/// at least half the time, and mostly opening it.
pub fn opens_person_names(class: LexiconClass) -> bool {
    (1..UNTYPED).contains(&class) && (class - 1) / 9 == 0 && (class - 1) % 9 / 3 >= 1 && (class - 1) % 3 == 2
}

impl NewsLexicon {
    pub fn empty() -> NewsLexicon {
        NewsLexicon { keys: Vec::new(), classes: Vec::new(), seen: Vec::new() }
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.seen.is_empty()
    }

    /// Stems the table holds: typed, and seen untyped.
    pub fn len(&self) -> usize {
        self.keys.len() + self.seen.len()
    }

    /// The table of the stems seen at least `min_seen` times, each with its class; the untyped
    /// stems that `clustered` knows are left out (the tagger's cluster features already say they
    /// are frequent words; the table stays under half the size). Where two typed stems share a
    /// key, the more frequent one's class stays.
    pub fn from_counts<'a>(counts: impl IntoIterator<Item = (&'a str, &'a StemCounts)>, min_seen: u32, clustered: impl Fn(&str) -> bool) -> NewsLexicon {
        let mut typed: Vec<(u32, u32, LexiconClass)> = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        for (s, c) in counts.into_iter().filter(|(_, c)| c[0] >= min_seen) {
            match class_of(c) {
                UNTYPED if !clustered(s) => seen.push(key(s, SEEN_BITS)),
                UNTYPED => {}
                class => typed.push((key(s, KEY_BITS), c[0], class)),
            }
        }
        crate::sort::by_key(&mut typed, |&(k, n, class)| (k, std::cmp::Reverse(n), class));
        typed.dedup_by_key(|e| e.0);
        crate::sort::ord(&mut seen);
        seen.dedup();
        NewsLexicon { keys: typed.iter().map(|e| e.0).collect(), classes: typed.iter().map(|e| e.2).collect(), seen }
    }

    /// The class of `stem`, `clustered` when the word clusters hold it (0 when neither the table
    /// nor the clusters know it).
    pub fn class(&self, stem: &str, clustered: bool) -> LexiconClass {
        if self.is_empty() {
            return 0;
        }
        if let Ok(i) = self.keys.binary_search(&key(stem, KEY_BITS)) {
            return self.classes[i];
        }
        if clustered {
            CLUSTERED_UNTYPED
        } else if self.seen.binary_search(&key(stem, SEEN_BITS)).is_ok() {
            UNTYPED
        } else {
            0
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        put_keys(&mut out, &self.keys);
        out.extend_from_slice(&self.classes);
        put_keys(&mut out, &self.seen);
        miniz_oxide::deflate::compress_to_vec(&out, 10)
    }

    /// Reads a table written by [`NewsLexicon::to_bytes`]; `None` if the bytes are not one.
    pub fn from_bytes(compressed: &[u8]) -> Option<NewsLexicon> {
        let raw = miniz_oxide::inflate::decompress_to_vec(compressed).ok()?;
        let mut r = Reader::new(&raw);
        if r.take(4)? != MAGIC {
            return None;
        }
        let keys = read_keys(&mut r, KEY_BITS)?;
        let classes = r.take(keys.len())?.to_vec();
        if classes.iter().any(|&c| c == 0 || c >= UNTYPED) {
            return None;
        }
        let seen = read_keys(&mut r, SEEN_BITS)?;
        if r.take(1).is_some() {
            return None;
        }
        Some(NewsLexicon { keys, classes, seen })
    }
}

/// Sorted keys as their count and Rice-coded gaps.
fn put_keys(out: &mut Vec<u8>, keys: &[u32]) {
    varint::put(out, keys.len() as u64);
    let gaps: Vec<u32> = keys.iter().scan(0, |last, &k| Some(k - std::mem::replace(last, k))).collect();
    let (rice, packed) = varint::rice_encode(&gaps);
    varint::put(out, u64::from(rice));
    varint::put(out, packed.len() as u64);
    out.extend_from_slice(&packed);
}

/// Keys written by [`put_keys`], each under `bits` bits and strictly increasing.
fn read_keys(r: &mut Reader, bits: u32) -> Option<Vec<u32>> {
    let n = usize::try_from(r.varint()?).ok().filter(|&n| n <= 1 << bits)?;
    let rice = u32::try_from(r.varint()?).ok().filter(|&k| k <= 24)?;
    let nbytes = usize::try_from(r.varint()?).ok()?;
    let mut code = Bits::new(r.take(nbytes)?);
    let mut keys = Vec::with_capacity(n);
    let mut last = 0u32;
    for i in 0..n {
        let gap = code.rice(rice).filter(|&g| g > 0 || i == 0)?;
        last = last.checked_add(gap).filter(|&k| k < 1 << bits)?;
        keys.push(last);
    }
    Some(keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_follow_the_counts() {
        // Seen 100 times, a person's name at 90 of them, opening it at 85: a given name.
        let given = class_of(&[100, 90, 0, 0, 85]);
        let surname = class_of(&[100, 90, 0, 0, 5]);
        let place = class_of(&[100, 0, 2, 60, 60]);
        assert!(given != surname && given != 0 && surname != 0);
        assert_ne!(place, given);
        assert_eq!(class_of(&[100, 10, 5, 0, 10]), UNTYPED, "a common word");
    }

    #[test]
    fn readings_of_a_class() {
        let given = class_of(&[100, 90, 0, 0, 85]);
        let surname = class_of(&[100, 90, 0, 0, 5]);
        assert!(opens_person_names(given) && !opens_person_names(surname) && !rarely_named(given));
        assert!(!opens_person_names(class_of(&[100, 0, 0, 90, 85])));
        assert!(rarely_named(class_of(&[100, 3, 0, 0, 3])) && rarely_named(CLUSTERED_UNTYPED) && !rarely_named(0));
    }

    #[test]
    fn round_trip_and_lookup() {
        let counts: Vec<(String, StemCounts)> = vec![
            ("كانافارو".into(), [40, 38, 0, 0, 3]),
            ("قال".into(), [900, 0, 0, 0, 0]),
            ("جده".into(), [300, 0, 10, 250, 250]),
            ("ندر".into(), [1, 1, 0, 0, 1]),
            ("مستغرب".into(), [5, 0, 0, 0, 0]),
        ];
        let lex = NewsLexicon::from_counts(counts.iter().map(|(s, c)| (s.as_str(), c)), 3, |s| s == "قال" || s == "جده");
        assert_eq!(lex.len(), 3, "rare stems and the clusters' untyped ones are left out");
        let back = NewsLexicon::from_bytes(&lex.to_bytes()).unwrap();
        assert_eq!(back.class("كانافارو", false), class_of(&counts[0].1));
        assert_eq!(back.class("جده", true), class_of(&counts[2].1), "a typed stem of the clusters stays");
        assert_eq!(back.class("قال", true), CLUSTERED_UNTYPED);
        assert_eq!(back.class("مستغرب", false), UNTYPED);
        assert_eq!(back.class("ندر", false), 0);
        assert_eq!(NewsLexicon::empty().class("قال", true), 0, "no table, no class");
    }

    #[test]
    fn junk_is_not_a_table() {
        assert!(NewsLexicon::from_bytes(b"junk").is_none());
        // Two keys, the second gap 0 (not increasing); one key and no class.
        assert!(NewsLexicon::from_bytes(&miniz_oxide::deflate::compress_to_vec(b"KNL2\x02\x00\x01\x2f\x01\x01\x00\x00\x00", 6)).is_none());
        assert!(NewsLexicon::from_bytes(&miniz_oxide::deflate::compress_to_vec(b"KNL2\x01\x00\x01\x2f", 6)).is_none());
        let fine = miniz_oxide::deflate::compress_to_vec(b"KNL2\x01\x00\x01\x2f\x01\x00\x00\x00", 6);
        assert_eq!(NewsLexicon::from_bytes(&fine).map(|l| l.len()), Some(1));
    }
}
