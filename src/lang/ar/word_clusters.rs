//! Word clusters learned from unlabelled news (Brown / Ratinov–Roth style features): each word of
//! a vocabulary has a path in a binary tree of clusters, and the tagger uses prefixes of that path,
//! so a name never seen in the labelled data still shares features with names used alike.
//!
//! The table is built by `cargo run --release --example train_ner_ar -- build` (see
//! data/SOURCES.md) and stored compactly: words sorted and front-coded, then one varint path per
//! word (the path's bits under a leading 1, so its length is implicit), deflated.

use crate::varint::{self, Reader};
// FxHash: the keys are the first eight bytes of words, one lookup per distinct stem of a document.
use rustc_hash::FxHashMap as HashMap;

const MAGIC: &[u8; 4] = b"KWC1";

/// The longest path stored; prefixes of it are the features.
pub const MAX_DEPTH: u32 = 12;

pub struct WordClusters {
    /// Every word, concatenated in sorted order; `ends[i]` is where word `i` ends.
    text: String,
    ends: Vec<u32>,
    /// The cluster path of word `i`, under a leading 1 bit.
    paths: Vec<u16>,
    /// The words sharing their first eight bytes (see [`head`]) are consecutive in sorted order:
    /// the range of them, by those bytes. A lookup is then one hash and a comparison or two, where
    /// a binary search over the vocabulary compared fifteen words for every distinct stem.
    by_head: HashMap<u64, (u32, u32)>,
}

/// The first eight bytes of a word (zero-padded), as one number.
fn head(word: &str) -> u64 {
    let mut b = [0u8; 8];
    let n = word.len().min(8);
    b[..n].copy_from_slice(&word.as_bytes()[..n]);
    u64::from_le_bytes(b)
}

impl WordClusters {
    pub fn empty() -> WordClusters {
        WordClusters { text: String::new(), ends: Vec::new(), paths: Vec::new(), by_head: HashMap::default() }
    }

    pub fn len(&self) -> usize {
        self.paths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    fn word(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The path of `word` (bits under a leading 1), if the word is in the vocabulary.
    pub fn path(&self, word: &str) -> Option<u16> {
        let &(lo, hi) = self.by_head.get(&head(word))?;
        (lo as usize..hi as usize).find(|&i| self.word(i) == word).map(|i| self.paths[i])
    }

    /// Serialises `(word, path)` pairs; paths are bits under a leading 1, at most `MAX_DEPTH` deep.
    pub fn to_bytes(entries: &[(String, u16)]) -> Vec<u8> {
        let mut sorted: Vec<&(String, u16)> = entries.iter().collect();
        crate::sort::ord(&mut sorted);
        sorted.dedup_by(|a, b| a.0 == b.0);
        let mut out = MAGIC.to_vec();
        varint::put(&mut out, sorted.len() as u64);
        let mut last = "";
        for (w, _) in &sorted {
            let shared = last.bytes().zip(w.bytes()).take_while(|(a, b)| a == b).count();
            // Keep the shared prefix on a character boundary, so every suffix is valid UTF-8.
            let shared = (0..=shared).rev().find(|&k| w.is_char_boundary(k)).unwrap_or(0);
            varint::put(&mut out, shared as u64);
            varint::put(&mut out, (w.len() - shared) as u64);
            out.extend_from_slice(&w.as_bytes()[shared..]);
            last = w;
        }
        for (_, p) in &sorted {
            varint::put(&mut out, *p as u64);
        }
        miniz_oxide::deflate::compress_to_vec(&out, 10)
    }

    /// Reads a table written by [`WordClusters::to_bytes`]; `None` if the bytes are not one.
    pub fn from_bytes(compressed: &[u8]) -> Option<WordClusters> {
        let raw = miniz_oxide::inflate::decompress_to_vec(compressed).ok()?;
        let mut r = Reader::new(&raw);
        if r.take(4)? != MAGIC {
            return None;
        }
        let n = r.varint()? as usize;
        let mut text: Vec<u8> = Vec::with_capacity(n.min(1 << 20) * 8);
        let mut ends = Vec::with_capacity(n.min(1 << 20));
        let mut start = 0usize;
        for _ in 0..n {
            let shared = r.varint()? as usize;
            let len = r.varint()? as usize;
            if shared > text.len() - start {
                return None;
            }
            let prefix_at = start;
            start = text.len();
            text.extend_from_within(prefix_at..prefix_at + shared);
            text.extend_from_slice(r.take(len)?);
            ends.push(u32::try_from(text.len()).ok()?);
        }
        // The whole valid and every word ending on a character boundary (checked once, not suffix
        // by suffix): every word is a valid slice.
        let text = String::from_utf8(text).ok()?;
        if !ends.iter().all(|&e| text.is_char_boundary(e as usize)) {
            return None;
        }
        let mut paths = Vec::with_capacity(n);
        for _ in 0..n {
            let p = u16::try_from(r.varint()?).ok().filter(|&p| p >= 1 && p < 1 << (MAX_DEPTH + 1))?;
            paths.push(p);
        }
        let mut clusters = WordClusters { text, ends, paths, by_head: HashMap::default() };
        // Words of one head must be consecutive: the words must be strictly increasing.
        if (1..clusters.len()).any(|i| clusters.word(i - 1) >= clusters.word(i)) {
            return None;
        }
        let mut by_head: HashMap<u64, (u32, u32)> = HashMap::with_capacity_and_hasher(clusters.len(), Default::default());
        for i in 0..clusters.len() {
            by_head.entry(head(clusters.word(i))).or_insert((i as u32, i as u32)).1 = i as u32 + 1;
        }
        clusters.by_head = by_head;
        Some(clusters)
    }
}

/// The prefix of `path` (bits under a leading 1) of `depth` bits, in the same form; the whole path
/// when it is shorter.
pub fn path_prefix(path: u16, depth: u32) -> u16 {
    let len = 15 - path.leading_zeros();
    if len <= depth { path } else { path >> (len - depth) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_lookup() {
        let entries: Vec<(String, u16)> =
            [("رياض", 0b1_0110), ("جده", 0b1_0111), ("قال", 0b1_1), ("رياضه", 0b1_000_1111_0000)].iter().map(|(w, p)| (w.to_string(), *p)).collect();
        let c = WordClusters::from_bytes(&WordClusters::to_bytes(&entries)).unwrap();
        assert_eq!(c.len(), 4);
        assert_eq!(c.path("رياض"), Some(0b1_0110));
        assert_eq!(c.path("رياضه"), Some(0b1_000_1111_0000));
        assert_eq!(c.path("قال"), Some(0b1_1));
        assert_eq!(c.path("ريا"), None);
        assert_eq!(c.path("رياضي"), None);
        assert_eq!(c.path(""), None);
        assert_eq!(path_prefix(0b1_0110, 2), 0b1_01);
        assert_eq!(path_prefix(0b1_0110, 8), 0b1_0110);
    }

    #[test]
    fn junk_is_not_a_table() {
        assert!(WordClusters::from_bytes(b"junk").is_none());
        assert!(WordClusters::from_bytes(&miniz_oxide::deflate::compress_to_vec(b"KWC1\x02\x00\x01a\x00\x01a", 6)).is_none());
    }
}
