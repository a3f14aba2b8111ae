//! A small, language-neutral sequence tagger: an averaged perceptron over hashed features with
//! a small left-to-right beam search, trained per word (greedy) or per sentence (structured).
//!
//! The language supplies, for each token, the hashes of its context features (word, shape,
//! affixes, neighbours ...). The tagger adds the tag-history features itself, so the same code
//! serves any language: only the feature extractor and the training data differ.
//!
//! The model is a table from a feature hash (its top bits) to one row of weights (one per tag),
//! quantised to multiples of a step and serialised compactly (Rice-coded key gaps, a mask of the
//! non-zero weights per row, varint weights, then deflate), so it can be shipped with
//! `include_bytes!` and loaded once.

use crate::varint::{self, Reader};
// FxHash: keys are short words hashed per token; SipHash's DoS resistance buys nothing here.
use rustc_hash::FxHashMap as HashMap;

/// The UTF-8 of `s` lower-cased char by char, in pieces: what the models were trained on (not
/// `str::to_lowercase`, whose final-sigma rule differs).
pub fn lowercase_pieces(s: &str, mut piece: impl FnMut(&[u8])) {
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if c.is_ascii() {
            piece(&[c.to_ascii_lowercase() as u8]);
        } else {
            for l in c.to_lowercase() {
                piece(l.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
}

/// FNV-1a over bytes; used to hash feature strings without allocating them.
#[derive(Clone, Copy)]
pub struct FeatureHasher(u32);

impl FeatureHasher {
    /// Starts a feature of template `template` (a small number naming the feature kind).
    pub fn new(template: u8) -> Self {
        let mut h = FeatureHasher(0x811c_9dc5);
        h.byte(template);
        h
    }
    pub fn byte(&mut self, b: u8) {
        self.0 ^= b as u32;
        self.0 = self.0.wrapping_mul(0x0100_0193);
    }
    pub fn bytes(&mut self, s: &[u8]) -> &mut Self {
        // Four bytes per turn of the loop: every feature of every token is hashed byte by byte,
        // and the loop's own bookkeeping cost as much as the hashing.
        const PRIME: u32 = 0x0100_0193;
        let mut h = self.0;
        let mut quads = s.chunks_exact(4);
        for q in &mut quads {
            h = (h ^ q[0] as u32).wrapping_mul(PRIME);
            h = (h ^ q[1] as u32).wrapping_mul(PRIME);
            h = (h ^ q[2] as u32).wrapping_mul(PRIME);
            h = (h ^ q[3] as u32).wrapping_mul(PRIME);
        }
        for &b in quads.remainder() {
            h = (h ^ b as u32).wrapping_mul(PRIME);
        }
        self.0 = h;
        self
    }
    pub fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }
    /// Feeds `s` lower-cased, without building a lower-cased copy.
    pub fn lower(&mut self, s: &str) -> &mut Self {
        lowercase_pieces(s, |b| {
            self.bytes(b);
        });
        self
    }
    /// A separator between parts of a compound feature.
    pub fn sep(&mut self) -> &mut Self {
        self.byte(0xff);
        self
    }
    pub fn finish(&self) -> u32 {
        // 0 marks an empty slot in the lookup table.
        if self.0 == 0 { 1 } else { self.0 }
    }
}

/// Every word's features in one buffer: analysis tags every sentence, and a vector per word was
/// an allocation per word.
#[derive(Default)]
pub struct FlatFeatures {
    pub(crate) hashes: Vec<u32>,
    /// Where each word's features end in `hashes`.
    pub(crate) ends: Vec<usize>,
}

impl FlatFeatures {
    /// Word `i`'s features.
    pub fn row(&self, i: usize) -> &[u32] {
        &self.hashes[if i == 0 { 0 } else { self.ends[i - 1] }..self.ends[i]]
    }

    /// Each word's features, in word order.
    pub fn rows(&self) -> Vec<&[u32]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(a, &b)| &self.hashes[a..b]).collect()
    }
}

/// Hash of the tag-history features the tagger adds to every token.
fn history_features(prev: u8, prev2: u8, first_static: u32, out: &mut [u32; 3]) {
    let mut h = FeatureHasher::new(250);
    h.byte(prev);
    out[0] = h.finish();
    h.byte(prev2);
    out[1] = h.finish();
    out[2] = word_history_feature(prev, first_static);
}

/// The history feature pairing the previous tag with the token's first feature (its word).
fn word_history_feature(prev: u8, first_static: u32) -> u32 {
    let mut h = FeatureHasher::new(251);
    h.byte(prev);
    h.bytes(&first_static.to_le_bytes());
    h.finish()
}

/// `allowed[p * n + t]`: tag t may follow p (p = 0 is the start, else tag index + 1). BIO tag
/// names are respected: "I-X" only continues "B-X" or "I-X".
fn transitions(tags: &[String]) -> Vec<bool> {
    let n = tags.len();
    let mut allowed = vec![true; (n + 1) * n];
    for (t, name) in tags.iter().enumerate() {
        if let Some(typ) = name.strip_prefix("I-") {
            for p in 0..=n {
                allowed[p * n + t] = p > 0 && tags[p - 1].get(2..) == Some(typ);
            }
        }
    }
    allowed
}

/// A trained model: tag names and an open-addressing table of weight rows.
pub struct Model {
    pub tags: Vec<String>,
    /// Open-addressing slots (load under 1/2): feature hash (0 = empty) in the low half, the
    /// index of its weight row in the high half, so that a probe touches one cache line.
    slots: Vec<u64>,
    /// Weight rows of [`Model::stride`] weights each: the tags' weights, then zeros up to a
    /// multiple of 8, so that adding a row is whole 8-lane vector additions.
    weights: Vec<i16>,
    shift: u32,
    /// Feature hashes are looked up by their top `key_bits` bits (see [`Model::to_bytes`]).
    key_bits: u32,
    /// For each previous tag (0 the start, else tag index + 1), the tags [`transitions`] allow
    /// after it, in tag order: computed once rather than per sentence.
    successors: Vec<Vec<u8>>,
    /// For each (previous tag, tag before it), the summed weight rows of the two history features
    /// that depend on nothing else: looked up once at load instead of per hypothesis and token.
    history: Vec<i32>,
}

/// The weights a row holds for `ntags` tags: a whole number of 8-lane vectors where the target
/// has vectors (native; WebAssembly built with simd128); elsewhere padding would only add work.
fn lanes(ntags: usize) -> usize {
    if cfg!(any(not(target_arch = "wasm32"), target_feature = "simd128")) { ntags.next_multiple_of(8) } else { ntags }
}

/// The run-time beam width.
const BEAM: usize = 4;

/// Hypotheses of the beam search: (score, tag + 1, previous tag + 1, history index), best first.
#[derive(Default)]
struct Beam {
    items: [(i64, u8, u8, u32); BEAM],
    len: usize,
}

impl Beam {
    fn clear(&mut self) {
        self.len = 0;
    }
    fn push(&mut self, h: (i64, u8, u8, u32)) {
        self.items[self.len] = h;
        self.len += 1;
    }
    fn as_slice(&self) -> &[(i64, u8, u8, u32)] {
        &self.items[..self.len]
    }
    /// Inserts `h` (at most [`BEAM`] kept): the same hypotheses, in the same order, as a stable
    /// sort of all candidates by score cut to the beam, without sorting them all.
    #[inline]
    fn keep_best(&mut self, h: (i64, u8, u8, u32)) {
        if self.len == BEAM && self.items[BEAM - 1].0 >= h.0 {
            return;
        }
        // After every hypothesis scoring as much: an earlier candidate wins a tie, as in a stable sort.
        let at = self.items[..self.len].iter().position(|b| b.0 < h.0).unwrap_or(self.len);
        // Shifted one by one: `copy_within` calls memmove, which costs more than these few moves.
        let mut j = self.len.min(BEAM - 1);
        while j > at {
            self.items[j] = self.items[j - 1];
            j -= 1;
        }
        self.items[at] = h;
        self.len = (self.len + 1).min(BEAM);
    }
}

/// Fibonacci hashing: the high bits of the product mix every bit of the key.
fn slot(key: u32, shift: u32) -> usize {
    ((key as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize
}

const MAGIC: &[u8; 4] = b"KTG3";

impl Model {
    /// `weights` holds [`lanes`] weights per key (the tags', then zeros), in the order of `keys`.
    fn from_flat(tags: Vec<String>, key_bits: u32, keys: Vec<u32>, weights: Vec<i16>) -> Model {
        let (n, stride) = (tags.len(), lanes(tags.len()));
        debug_assert_eq!(weights.len(), keys.len() * stride);
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let shift = 64 - cap.trailing_zeros();
        let mut slots = vec![0u64; cap];
        let mask = cap - 1;
        for (r, &key) in keys.iter().enumerate() {
            let mut i = slot(key, shift);
            while slots[i] as u32 != 0 && slots[i] as u32 != key {
                i = (i + 1) & mask;
            }
            slots[i] = key as u64 | ((r as u64) << 32);
        }
        let allowed = transitions(&tags);
        let successors = allowed.chunks(n).map(|row| (0..n as u8).filter(|&t| row[t as usize]).collect()).collect();
        let mut model = Model { tags, slots, weights, shift, key_bits, successors, history: Vec::new() };
        let mut history = vec![0i32; (n + 1) * (n + 1) * stride];
        let mut hist = [0u32; 3];
        for (k, row) in history.chunks_exact_mut(stride).enumerate() {
            history_features((k / (n + 1)) as u8, (k % (n + 1)) as u8, 0, &mut hist);
            model.add_rows(&hist[..2], row);
        }
        model.history = history;
        model
    }

    /// Adds the weight rows of `keys` to `scores` ([`Model::stride`] lanes).
    pub fn add_rows(&self, keys: &[u32], scores: &mut [i32]) {
        debug_assert_eq!(scores.len(), lanes(self.tags.len()));
        // The row widths of the shipped models (7 and 9 tags padded to 8 and 16 lanes, or not
        // padded where the target has no vectors) get a copy whose sums stay in registers.
        match scores.len() {
            8 => self.add_rows_n::<8>(keys, scores.try_into().expect("8 lanes")),
            16 => self.add_rows_n::<16>(keys, scores.try_into().expect("16 lanes")),
            _ => self.add_rows_any(keys, scores),
        }
    }

    /// [`Model::add_rows`] for rows of `L` weights: the slot loads come first, free of branches,
    /// so that the processor overlaps their cache misses; then the rare collisions are probed
    /// and the rows summed into a local array the compiler keeps in vector registers.
    fn add_rows_n<const L: usize>(&self, keys: &[u32], scores: &mut [i32; L]) {
        let mut acc = *scores;
        let mut add = |row: usize| {
            let w: &[i16; L] = self.weights[row * L..(row + 1) * L].try_into().expect("a row of L weights");
            for (a, &w) in acc.iter_mut().zip(w) {
                *a += w as i32;
            }
        };
        // A few keys (the tag history): probed directly, without the batches' set-up, which
        // costs more than the lookups themselves.
        if keys.len() <= 4 {
            for &key in keys {
                let key = truncate_key(key, self.key_bits);
                if let Some(row) = self.probe(key, self.slots[slot(key, self.shift)]) {
                    add(row);
                }
            }
            *scores = acc;
            return;
        }
        for chunk in keys.chunks(32) {
            let mut first = [0u64; 32];
            let mut tk = [0u32; 32];
            for ((f, t), &key) in first.iter_mut().zip(tk.iter_mut()).zip(chunk) {
                *t = truncate_key(key, self.key_bits);
                *f = self.slots[slot(*t, self.shift)];
            }
            for (&key, &s) in tk.iter().zip(&first).take(chunk.len()) {
                if let Some(row) = self.probe(key, s) {
                    add(row);
                }
            }
        }
        *scores = acc;
    }

    /// [`Model::add_rows`] for any row width.
    fn add_rows_any(&self, keys: &[u32], scores: &mut [i32]) {
        for &key in keys {
            let key = truncate_key(key, self.key_bits);
            if let Some(row) = self.probe(key, self.slots[slot(key, self.shift)]) {
                self.add_row(row, scores);
            }
        }
    }

    /// The weight row of a (truncated) key, given the content of its home slot: linear probing
    /// on from there until the key or an empty slot.
    #[inline]
    fn probe(&self, key: u32, mut s: u64) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut i = slot(key, self.shift);
        loop {
            let k = s as u32;
            if k == key {
                return Some((s >> 32) as usize);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
            s = self.slots[i];
        }
    }

    #[inline]
    fn add_row(&self, row: usize, scores: &mut [i32]) {
        let n = scores.len();
        let weights = &self.weights[row * n..(row + 1) * n];
        if n % 8 == 0 {
            for (s, w) in scores.chunks_exact_mut(8).zip(weights.chunks_exact(8)) {
                for (s, &w) in s.iter_mut().zip(w) {
                    *s += w as i32;
                }
            }
        } else {
            for (s, &w) in scores.iter_mut().zip(weights) {
                *s += w as i32;
            }
        }
    }

    /// Tags one sequence with a small beam search. `feats[i]` holds token `i`'s feature hashes,
    /// the first being its most informative one (the word), which is also paired with the
    /// previous tag. BIO tag names are respected: "I-X" only continues "B-X" or "I-X".
    pub fn tag<F: AsRef<[u32]>>(&self, feats: &[F]) -> Vec<u8> {
        self.decode(feats.len(), |i| feats[i].as_ref().first().copied().unwrap_or(0), |i, scores| self.add_rows(feats[i].as_ref(), scores))
    }

    /// The weights each row holds: the tags' weights, then zeros up to a whole number of vectors.
    pub fn stride(&self) -> usize {
        lanes(self.tags.len())
    }

    /// [`Model::tag`] for a caller that sums the static feature rows itself (a language that
    /// sums the features its words decide once per distinct word): `word(i)` is token `i`'s
    /// first feature hash, and `scores(i, s)` adds token `i`'s static rows to the zeroed `s`
    /// ([`Model::stride`] lanes, see [`Model::add_rows`]).
    pub fn decode(&self, len: usize, word: impl Fn(usize) -> u32, scores: impl FnMut(usize, &mut [i32])) -> Vec<u8> {
        self.decode_with_margin(len, word, scores).0
    }

    /// [`Model::tag`] with the margin of its best tagging over the runner-up left in the beam
    /// (`i64::MAX` when none is left): how sure the model is of the sequence, for a trainer that
    /// labels unlabelled text with it (self-training keeps the sure sentences).
    pub fn tag_with_margin<F: AsRef<[u32]>>(&self, feats: &[F]) -> (Vec<u8>, i64) {
        self.decode_with_margin(feats.len(), |i| feats[i].as_ref().first().copied().unwrap_or(0), |i, scores| self.add_rows(feats[i].as_ref(), scores))
    }

    fn decode_with_margin(&self, len: usize, word: impl Fn(usize) -> u32, mut scores: impl FnMut(usize, &mut [i32])) -> (Vec<u8>, i64) {
        let n = self.tags.len();
        let stride = lanes(n);
        // Each hypothesis: (score, history index); histories are (tag, parent) chains.
        let mut chains: Vec<(u8, u32)> = Vec::with_capacity(len * BEAM);
        let mut beam = Beam::default();
        beam.push((0, 0, 0, u32::MAX));
        let mut next = Beam::default();
        let mut base = vec![0i32; stride];
        // The history feature pairing the previous tag with the word, per previous tag: hypotheses
        // sharing their last tag share it, so it is looked up once per token and tag.
        let mut word_history = vec![0i32; (n + 1) * stride];
        for i in 0..len {
            base.iter_mut().for_each(|s| *s = 0);
            scores(i, &mut base);
            let word = word(i);
            let mut looked_up = 0u64;
            next.clear();
            for &(score, prev, prev2, chain) in beam.as_slice() {
                let p = prev as usize;
                let wh = &mut word_history[p * stride..(p + 1) * stride];
                if looked_up & (1 << p) == 0 {
                    looked_up |= 1 << p;
                    wh.iter_mut().for_each(|s| *s = 0);
                    self.add_rows(&[word_history_feature(prev, word)], wh);
                }
                let h = &self.history[(p * (n + 1) + prev2 as usize) * stride..][..n];
                chains.push((prev, chain));
                let link = (chains.len() - 1) as u32;
                for &t in &self.successors[p] {
                    let t = t as usize;
                    // Integer sums: the same in any order as adding the rows one by one.
                    let s = base[t] + h[t] + wh[t];
                    next.keep_best((score + s as i64, t as u8 + 1, prev, link));
                }
            }
            std::mem::swap(&mut beam, &mut next);
        }
        // Walk back: each hypothesis holds its last tag, chains hold the earlier ones.
        let mut out = Vec::with_capacity(len);
        if let Some(&(_, last, _, mut link)) = beam.as_slice().first() {
            if len > 0 {
                out.push(last - 1);
            }
            while link != u32::MAX {
                let (tag, parent) = chains[link as usize];
                if tag > 0 {
                    out.push(tag - 1);
                }
                link = parent;
            }
        }
        out.reverse();
        let hyps = beam.as_slice();
        let margin = if hyps.len() > 1 { hyps[0].0 - hyps[1].0 } else { i64::MAX };
        (out, margin)
    }

    /// Reads a model written by [`Model::to_bytes`]; `None` if the bytes are not one.
    pub fn from_bytes(compressed: &[u8]) -> Option<Model> {
        let raw = miniz_oxide::inflate::decompress_to_vec(compressed).ok()?;
        let mut r = Reader::new(&raw);
        if r.take(4)? != MAGIC {
            return None;
        }
        let ntags = r.varint()? as usize;
        if ntags == 0 || ntags > 32 {
            return None;
        }
        let mut tags = Vec::with_capacity(ntags);
        for _ in 0..ntags {
            let len = r.varint()? as usize;
            tags.push(String::from_utf8(r.take(len)?.to_vec()).ok()?);
        }
        let key_bits = r.varint()? as u32;
        let step = r.varint()?;
        if !(8..=32).contains(&key_bits) || step == 0 || step > i16::MAX as u64 {
            return None;
        }
        let nrows = r.varint()? as usize;
        // Decoded straight into flat arrays: one allocation per model, not one per row.
        let mut keys = Vec::with_capacity(nrows.min(1 << 22));
        let rice = r.varint()? as u32;
        let nbytes = r.varint()? as usize;
        let mut bits = varint::Bits::new(r.take(nbytes)?);
        if rice > 24 {
            return None;
        }
        let mut key = 0u32;
        for _ in 0..nrows {
            key = key.wrapping_add(bits.rice(rice)?);
            keys.push(key);
        }
        // Then one bit mask per row (which tags have a weight), then the non-zero weights in row
        // order: sections of like values, which deflate compresses best.
        let mut masks = Vec::with_capacity(keys.len());
        for _ in 0..keys.len() {
            masks.push(r.varint_inline()? as u32);
        }
        // Straight into rows padded to the tagger's lanes; only the tags a mask names are read.
        let tag_bits = if ntags == 32 { u32::MAX } else { (1 << ntags) - 1 };
        let mut weights = vec![0i16; keys.len() * lanes(ntags)];
        for (row, mask) in weights.chunks_exact_mut(lanes(ntags)).zip(masks) {
            let mut mask = mask & tag_bits;
            while mask != 0 {
                let t = mask.trailing_zeros() as usize;
                mask &= mask - 1;
                let z = r.varint_inline()?;
                let mag = ((z >> 1) + 1).checked_mul(step)?.min(i16::MAX as u64) as i16;
                row[t] = if z & 1 != 0 { -mag } else { mag };
            }
        }
        Some(Model::from_flat(tags, key_bits, keys, weights))
    }

    /// Serialises rows (sorted by key) compactly: see [`Model::from_bytes`]. Weights are rounded to
    /// multiples of `step` and feature hashes truncated to their top `key_bits` bits (rows that
    /// then share a key are summed; rows left all zero are dropped): a smaller download for a
    /// little noise in the scores.
    pub fn to_bytes(tags: &[String], rows: &[(u32, Vec<i16>)], step: i16, key_bits: u32) -> Vec<u8> {
        assert!(step > 0 && (8..=32).contains(&key_bits) && tags.len() <= 32);
        let mut merged: Vec<(u32, Vec<i32>)> = Vec::new();
        let mut sorted: Vec<(u32, &Vec<i16>)> = rows.iter().map(|(k, w)| (truncate_key(*k, key_bits), w)).collect();
        crate::sort::by_key(&mut sorted, |r| r.0);
        for (k, w) in sorted {
            let q = |x: i16| (x as f64 / step as f64).round() as i32;
            match merged.last_mut() {
                Some(last) if last.0 == k => last.1.iter_mut().zip(w.iter()).for_each(|(a, &b)| *a += q(b)),
                _ => merged.push((k, w.iter().map(|&x| q(x)).collect())),
            }
        }
        merged.retain(|r| r.1.iter().any(|&w| w != 0));
        let mut out = MAGIC.to_vec();
        varint::put(&mut out, tags.len() as u64);
        for t in tags {
            varint::put(&mut out, t.len() as u64);
            out.extend_from_slice(t.as_bytes());
        }
        varint::put(&mut out, key_bits as u64);
        varint::put(&mut out, step as u64);
        varint::put(&mut out, merged.len() as u64);
        let gaps: Vec<u32> = merged.iter().scan(0u32, |last, (k, _)| Some(k.wrapping_sub(std::mem::replace(last, *k)))).collect();
        let (rice, packed) = varint::rice_encode(&gaps);
        varint::put(&mut out, rice as u64);
        varint::put(&mut out, packed.len() as u64);
        out.extend_from_slice(&packed);
        for (_, w) in &merged {
            let mask = w.iter().take(tags.len()).enumerate().filter(|(_, v)| **v != 0).fold(0u64, |m, (t, _)| m | 1 << t);
            varint::put(&mut out, mask);
        }
        for (_, w) in &merged {
            for &v in w.iter().take(tags.len()).filter(|v| **v != 0) {
                let mag = (v.unsigned_abs() as u64).min(i16::MAX as u64 / step as u64);
                varint::put(&mut out, (mag - 1) << 1 | (v < 0) as u64);
            }
        }
        miniz_oxide::deflate::compress_to_vec(&out, 10)
    }
}

/// Reads the rows of a model in the first format (`KTG1`: 32-bit keys, every weight stored), so
/// that a shipped model can be repacked without retraining: see the English tool's `--repack`.
pub fn ktg1_rows(compressed: &[u8]) -> Option<(Vec<String>, Vec<(u32, Vec<i16>)>)> {
    let raw = miniz_oxide::inflate::decompress_to_vec(compressed).ok()?;
    let mut r = Reader::new(&raw);
    if r.take(4)? != b"KTG1" {
        return None;
    }
    let ntags = r.varint()? as usize;
    let mut tags = Vec::with_capacity(ntags.min(32));
    for _ in 0..ntags {
        let len = r.varint()? as usize;
        tags.push(String::from_utf8(r.take(len)?.to_vec()).ok()?);
    }
    let nrows = r.varint()? as usize;
    let mut rows = Vec::with_capacity(nrows.min(1 << 22));
    let mut key = 0u32;
    for _ in 0..nrows {
        key = key.wrapping_add(r.varint()? as u32);
        rows.push((key, Vec::with_capacity(ntags)));
    }
    // Tag-major: all rows' weight for tag 0, then tag 1 ...
    for _ in 0..ntags {
        for row in rows.iter_mut() {
            row.1.push(varint::unzigzag(r.varint()?) as i16);
        }
    }
    Some((tags, rows))
}

/// The stored form of a feature hash: its top `bits` bits (0 stays reserved for empty slots).
fn truncate_key(key: u32, bits: u32) -> u32 {
    (key >> (32 - bits)).max(1)
}

/// Averaged-perceptron training (used by the training tool; cheap to compile, unused at run time).
pub struct Trainer {
    pub tags: Vec<String>,
    index: HashMap<u32, usize>,
    w: Vec<f32>,
    /// Sum of weights over time, kept lazily: `acc + w * (now - stamp)` is the true sum.
    acc: Vec<f32>,
    stamp: Vec<u32>,
    now: u32,
    /// The source of the sequences being learnt, when sources label differently: every allowed
    /// feature then also has a copy for that source (Daumé 2007's feature augmentation), so that
    /// what one source's conventions teach stays in its copy; [`Trainer::finish_for`] folds one
    /// source's copies into the shared weights.
    pub domain: Option<u8>,
    /// The value of the per-source copies (1.0 in Daumé's form; smaller trusts the shared weights more).
    pub domain_scale: f32,
    /// Rows of the per-source copies: (feature, source) → offset into `w`, made on first update.
    specific: HashMap<(u32, u8), usize>,
}

impl Trainer {
    pub fn new(tags: Vec<String>) -> Trainer {
        Trainer {
            tags,
            index: HashMap::default(),
            w: Vec::new(),
            acc: Vec::new(),
            stamp: Vec::new(),
            now: 1,
            domain: None,
            domain_scale: 1.0,
            specific: HashMap::default(),
        }
    }

    /// Registers features so that only these get weights (callers prune rare ones first).
    pub fn allow(&mut self, key: u32) {
        let n = self.tags.len();
        let next = self.index.len();
        if let std::collections::hash_map::Entry::Vacant(v) = self.index.entry(key) {
            v.insert(next * n);
            self.w.extend(std::iter::repeat_n(0.0, n));
            self.acc.extend(std::iter::repeat_n(0.0, n));
            self.stamp.extend(std::iter::repeat_n(0, n));
        }
    }

    fn score(&self, keys: &[u32], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for k in keys {
            if let Some(&base) = self.index.get(k) {
                for (t, s) in scores.iter_mut().enumerate() {
                    *s += self.w[base + t];
                }
            }
            if let Some(&base) = self.domain.and_then(|d| self.specific.get(&(*k, d))) {
                for (t, s) in scores.iter_mut().enumerate() {
                    *s += self.domain_scale * self.w[base + t];
                }
            }
        }
    }

    fn update(&mut self, keys: &[u32], tag: usize, delta: f32) {
        let n = self.tags.len();
        for k in keys {
            if let Some(&base) = self.index.get(k) {
                let mut bases = [Some((base, delta)), None];
                if let Some(d) = self.domain {
                    let next = self.w.len();
                    let own = *self.specific.entry((*k, d)).or_insert(next);
                    bases[1] = Some((own, delta * self.domain_scale));
                    if own == next {
                        self.w.extend(std::iter::repeat_n(0.0, n));
                        self.acc.extend(std::iter::repeat_n(0.0, n));
                        self.stamp.extend(std::iter::repeat_n(0, n));
                    }
                }
                for (base, delta) in bases.into_iter().flatten() {
                    let i = base + tag;
                    self.acc[i] += self.w[i] * (self.now - self.stamp[i]) as f32;
                    self.stamp[i] = self.now;
                    self.w[i] += delta;
                }
            }
        }
    }

    /// One pass over one sequence, following the model's own previous decisions (greedy) as at
    /// run time; returns the number of mistakes.
    pub fn learn(&mut self, feats: &[Vec<u32>], gold: &[u8]) -> usize {
        let n = self.tags.len();
        let mut scores = vec![0f32; n];
        let (mut prev, mut prev2) = (0u8, 0u8);
        let mut hist = [0u32; 3];
        let mut keys = Vec::new();
        let mut errors = 0;
        for (f, &g) in feats.iter().zip(gold) {
            history_features(prev, prev2, f.first().copied().unwrap_or(0), &mut hist);
            for &h in &hist {
                self.allow(h);
            }
            keys.clear();
            keys.extend_from_slice(f);
            keys.extend_from_slice(&hist);
            self.score(&keys, &mut scores);
            let guess = (0..n).max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a))).unwrap_or(0);
            if guess != g as usize {
                errors += 1;
                self.update(&keys, g as usize, 1.0);
                self.update(&keys, guess, -1.0);
            }
            self.now += 1;
            prev2 = prev;
            prev = guess as u8 + 1;
        }
        errors
    }

    /// One pass over one sequence as a structured perceptron: the sequence is decoded with the
    /// run-time beam search, and when the gold sequence falls out of the beam the weights move
    /// from the best hypothesis to the gold one on the prefix decoded so far (early update, which
    /// keeps the updates valid for an inexact search). Returns 1 if the decoding was wrong.
    pub fn learn_sequence(&mut self, feats: &[Vec<u32>], gold: &[u8], beam: usize) -> usize {
        let n = self.tags.len();
        let allowed = transitions(&self.tags);
        let mut base = vec![0f32; n];
        let mut hist = [0u32; 3];
        // Hypotheses: (score, tags so far).
        let mut hyps: Vec<(f32, Vec<u8>)> = vec![(0.0, Vec::new())];
        let mut next: Vec<(f32, Vec<u8>)> = Vec::with_capacity(beam * n);
        let mut keys = Vec::new();
        let at = |tags: &[u8], back: usize| if tags.len() >= back { tags[tags.len() - back] + 1 } else { 0 };
        let mut wrong: Option<usize> = None;
        for (i, f) in feats.iter().enumerate() {
            self.score(f, &mut base);
            next.clear();
            for (score, tags) in &hyps {
                let (prev, prev2) = (at(tags, 1), at(tags, 2));
                history_features(prev, prev2, f.first().copied().unwrap_or(0), &mut hist);
                keys.clear();
                keys.extend_from_slice(&hist);
                let mut scores = vec![0f32; n];
                self.score(&keys, &mut scores);
                for t in 0..n {
                    if allowed[prev as usize * n + t] {
                        let mut seq = tags.clone();
                        seq.push(t as u8);
                        next.push((score + base[t] + scores[t], seq));
                    }
                }
            }
            // Stable, as at run time: ties keep the earlier hypothesis.
            crate::sort::by(&mut next, |a, b| b.0.total_cmp(&a.0));
            next.truncate(beam);
            std::mem::swap(&mut hyps, &mut next);
            if !hyps.iter().any(|h| h.1[..] == gold[..=i]) {
                wrong = Some(i + 1);
                break;
            }
        }
        let len = match wrong {
            Some(len) => len,
            None if hyps[0].1[..] != gold[..feats.len()] => feats.len(),
            None => {
                self.now += 1;
                return 0;
            }
        };
        let best = hyps[0].1.clone();
        self.update_sequence(&feats[..len], &gold[..len], 1.0);
        self.update_sequence(&feats[..len], &best, -1.0);
        self.now += 1;
        1
    }

    /// Moves the weights of every feature (static and tag history) of the tagged sequence.
    fn update_sequence(&mut self, feats: &[Vec<u32>], tags: &[u8], delta: f32) {
        let mut hist = [0u32; 3];
        let (mut prev, mut prev2) = (0u8, 0u8);
        for (f, &t) in feats.iter().zip(tags) {
            history_features(prev, prev2, f.first().copied().unwrap_or(0), &mut hist);
            for &h in &hist {
                self.allow(h);
            }
            self.update(f, t as usize, delta);
            self.update(&hist, t as usize, delta);
            prev2 = prev;
            prev = t + 1;
        }
    }

    /// The averaged weights, quantised to i16 with `scale`, dropping rows whose weights all round
    /// below `min_abs`. Rows come back sorted by key.
    pub fn finish(&self, scale: f32, min_abs: i16) -> Vec<(u32, Vec<i16>)> {
        self.finish_for(None, scale, min_abs)
    }

    /// [`Trainer::finish`] with the copies learnt for source `target` added to the shared weights:
    /// one model of the shared size that scores as the augmented one does on that source.
    pub fn finish_for(&self, target: Option<u8>, scale: f32, min_abs: i16) -> Vec<(u32, Vec<i16>)> {
        let n = self.tags.len();
        let avg = |i: usize| (self.acc[i] + self.w[i] * (self.now - self.stamp[i]) as f32) / self.now as f32;
        let mut rows: Vec<(u32, Vec<i16>)> = Vec::new();
        for (&key, &base) in &self.index {
            let own = target.and_then(|d| self.specific.get(&(key, d)).copied());
            let row: Vec<i16> = (0..n)
                .map(|t| {
                    let avg = avg(base + t) + own.map_or(0.0, |b| self.domain_scale * avg(b + t));
                    let q = (avg * scale).round().clamp(i16::MIN as f32, i16::MAX as f32) as i16;
                    if q.abs() < min_abs { 0 } else { q }
                })
                .collect();
            if row.iter().any(|&w| w != 0) {
                rows.push((key, row));
            }
        }
        crate::sort::by_key(&mut rows, |r| r.0);
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_feats(words: &[&str]) -> Vec<Vec<u32>> {
        words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let mut v = vec![FeatureHasher::new(0).lower(w).finish()];
                let prev = if i > 0 { words[i - 1] } else { "<s>" };
                v.push(FeatureHasher::new(1).lower(prev).finish());
                v
            })
            .collect()
    }

    #[test]
    fn learns_a_toy_task_and_survives_serialisation() {
        let tags: Vec<String> = ["O", "B-PER"].iter().map(|s| s.to_string()).collect();
        let mut t = Trainer::new(tags.clone());
        let data: Vec<(Vec<&str>, Vec<u8>)> =
            vec![(vec!["mr", "smith", "came"], vec![0, 1, 0]), (vec!["mr", "jones", "left"], vec![0, 1, 0]), (vec!["the", "dog", "came"], vec![0, 0, 0])];
        for (w, _) in &data {
            for f in word_feats(w) {
                f.iter().for_each(|&k| t.allow(k));
            }
        }
        for _ in 0..10 {
            for (w, g) in &data {
                t.learn(&word_feats(w), g);
            }
        }
        let rows = t.finish(100.0, 1);
        let model = Model::from_bytes(&Model::to_bytes(&tags, &rows, 10, 24)).unwrap();
        // "mr" followed by an unseen word: the context feature alone marks a person.
        assert_eq!(model.tag(&word_feats(&["mr", "brown", "came"])), vec![0, 1, 0]);
    }

    #[test]
    fn junk_bytes_are_not_a_model() {
        assert!(Model::from_bytes(b"nonsense").is_none());
        assert!(Model::from_bytes(&miniz_oxide::deflate::compress_to_vec(b"KTG3\xff", 6)).is_none());
    }

    #[test]
    fn lowercasing_hash_matches_lowercase_text() {
        assert_eq!(FeatureHasher::new(3).lower("ÉTAT Paris").finish(), FeatureHasher::new(3).str("état paris").finish());
    }
}
