//! Features of the Arabic tagger that reach beyond the token and its neighbours: word clusters
//! learned from unlabelled news, character evidence for foreign names written in Arabic, and what
//! the rest of the document says about the same word. The local features are in
//! `lang/ar/mentions.rs` (`tagger_features`), which calls [`add_wide_features`].

use crate::lang::ar::news_lexicon::{LexiconClass, NewsLexicon};
use crate::lang::ar::word_clusters::{WordClusters, path_prefix};
use crate::stages::tagger::FeatureHasher;
// FxHash: keys are short words hashed per token; SipHash's DoS resistance buys nothing here.
use rustc_hash::FxHashMap as HashMap;

/// A word without its proclitics and article (و/ف, then ب/ل/ك, then ال): also the key of the
/// word clusters, so that والرياض, بالرياض and الرياض share one cluster.
pub use crate::lang::ar::clitics::stem;

mod tpl {
    pub const CLUSTER: u8 = 40;
    pub const PREV_CLUSTER: u8 = 41;
    pub const NEXT_CLUSTER: u8 = 42;
    pub const NO_CLUSTER: u8 = 43;
    pub const STEM_PREFIX: u8 = 44;
    pub const STEM_SUFFIX: u8 = 45;
    pub const VOWEL_SKELETON: u8 = 46;
    pub const DOC_RULE_KINDS: u8 = 47;
    pub const DOC_AFTER_TITLE: u8 = 48;
    pub const CLUSTER_PAIR: u8 = 49;
    pub const PREV_STEM_CLUSTER: u8 = 51;
    pub const CLUSTER_NEXT_STEM: u8 = 52;
    pub const NEWS_CLASS: u8 = 53;
    pub const NEWS_CLASS_PREV: u8 = 54;
    pub const NEWS_CLASS_NEXT: u8 = 55;
}

/// Depths of the cluster-path prefixes used as features: coarse classes to nearly single words.
const DEPTHS: [u32; 4] = [4, 7, 10, 12];

/// What the whole document knows about each token's stem, computed once per document.
pub struct WideContext<'a> {
    stems: Vec<&'a str>,
    paths: Vec<Option<u16>>,
    /// Each token's stem hashed into [`context_stem_features`]' two features as its neighbours
    /// name it (template, stem, separator): hashed once per distinct stem, not per neighbour.
    stem_prefixes: Vec<[FeatureHasher; 2]>,
    /// For each token whose stem occurs more than once: the rule kinds found on its occurrences.
    doc_kinds: Vec<u8>,
    /// For each token: another occurrence of its stem follows a title or role word.
    doc_after_title: Vec<bool>,
    /// Each token's stem's class in the news lexicon; empty without one.
    news_classes: Vec<LexiconClass>,
}

impl<'a> WideContext<'a> {
    /// `words[i]` is token i's folded text, `ids[i]` its word's number (the same for every
    /// occurrence of a word, numbered from 0 in order of first occurrence), `rule_kind[i]` the kind
    /// (1 person, 2 organisation, 3 place, else 0) the rule layer gave it, `titled[i]` whether it
    /// is a title or role word.
    pub fn new(words: &[&'a str], ids: &[usize], rule_kind: &[u8], titled: &[bool], clusters: &WordClusters, lexicon: &NewsLexicon) -> WideContext<'a> {
        // Stems, clusters and the stem's hashed prefixes once per distinct word, then per distinct
        // stem (words that differ by their clitics share one): function words recur on every line.
        let mut firsts: Vec<usize> = Vec::new();
        for (i, &d) in ids.iter().enumerate() {
            if d == firsts.len() {
                firsts.push(i);
            }
        }
        let mut stem_id: HashMap<&str, usize> = HashMap::with_capacity_and_hasher(firsts.len(), Default::default());
        // Per distinct stem: its cluster path, hashed prefixes, and whether it is long enough for
        // the document-level features.
        let mut per_stem: Vec<(Option<u16>, [FeatureHasher; 2], bool, LexiconClass)> = Vec::new();
        let word_stems: Vec<(&str, usize)> = firsts
            .iter()
            .map(|&i| {
                let s = stem(words[i]);
                let k = *stem_id.entry(s).or_insert_with(|| {
                    let path = clusters.path(s);
                    per_stem.push((path, stem_prefixes(s), s.chars().count() >= 3, lexicon.class(s, path.is_some())));
                    per_stem.len() - 1
                });
                (s, k)
            })
            .collect();
        let stems: Vec<&str> = ids.iter().map(|&d| word_stems[d].0).collect();
        let sids: Vec<usize> = ids.iter().map(|&d| word_stems[d].1).collect();
        let paths = sids.iter().map(|&k| per_stem[k].0).collect();
        let stem_prefixes = sids.iter().map(|&k| per_stem[k].1).collect();
        let news_classes = if lexicon.is_empty() { Vec::new() } else { sids.iter().map(|&k| per_stem[k].3).collect() };
        // Per stem: rule kinds, occurrences after a title, occurrences.
        let mut by_stem = vec![(0u8, 0u32, 0u32); per_stem.len()];
        for (i, &k) in sids.iter().enumerate() {
            if !per_stem[k].2 {
                continue;
            }
            let e = &mut by_stem[k];
            if rule_kind[i] > 0 {
                e.0 |= 1 << rule_kind[i];
            }
            e.1 += u32::from(i > 0 && titled[i - 1]);
            e.2 += 1;
        }
        let mut doc_kinds = vec![0u8; words.len()];
        let mut doc_after_title = vec![false; words.len()];
        for (i, &k) in sids.iter().enumerate() {
            let (kinds, after_title, count) = by_stem[k];
            if count > 1 {
                doc_kinds[i] = kinds;
                doc_after_title[i] = after_title > u32::from(i > 0 && titled[i - 1]);
            }
        }
        WideContext { stems, paths, stem_prefixes, doc_kinds, doc_after_title, news_classes }
    }

    /// Each token's stem (clitics and article peeled), for the features that need it too.
    pub fn stems(&self) -> &[&'a str] {
        &self.stems
    }

    /// Each token's stem's class in the news lexicon (empty without a lexicon).
    pub fn news_classes(&self) -> &[LexiconClass] {
        &self.news_classes
    }
}

/// Cluster features of token `i` and its neighbours, character evidence from its stem, and the
/// document-level features: appended to `out`.
pub fn add_wide_features(cx: &WideContext, i: usize, out: &mut Vec<u32>) {
    own_cluster_features(cx, i, out);
    neighbour_cluster_features(cx, i, out);
    stem_letter_features(cx, i, out);
    context_stem_features(cx, i, out);
    news_lexicon_features(&cx.news_classes, i, out);
}

/// How the news reads token `i`'s stem, alone and beside its neighbours' (`classes`: every
/// token's class in the news lexicon; nothing when it is empty). Training tools call it with
/// the lexicon of each fold.
pub fn news_lexicon_features(classes: &[LexiconClass], i: usize, out: &mut Vec<u32>) {
    if classes.is_empty() {
        return;
    }
    let at = |j: isize| if j < 0 { 255 } else { classes.get(j as usize).copied().unwrap_or(255) };
    let ii = i as isize;
    let h = FeatureHasher::new;
    out.push(h(tpl::NEWS_CLASS).bytes(&[at(ii)]).finish());
    out.push(h(tpl::NEWS_CLASS_PREV).bytes(&[at(ii - 1), at(ii)]).finish());
    out.push(h(tpl::NEWS_CLASS_NEXT).bytes(&[at(ii), at(ii + 1)]).finish());
}

fn path_at(cx: &WideContext, j: isize) -> Option<u16> {
    if j < 0 { None } else { cx.paths.get(j as usize).copied().flatten() }
}

fn coarse(cx: &WideContext, j: isize, d: u32) -> u16 {
    path_at(cx, j).map_or(0, |p| path_prefix(p, d))
}

/// The part of [`add_wide_features`] that depends on token `i`'s word alone (its stem's cluster):
/// the same for every occurrence of the word.
pub fn own_cluster_features(cx: &WideContext, i: usize, out: &mut Vec<u32>) {
    let h = FeatureHasher::new;
    match path_at(cx, i as isize) {
        Some(p) => {
            for d in DEPTHS {
                out.push(h(tpl::CLUSTER).bytes(&path_prefix(p, d).to_le_bytes()).finish());
            }
        }
        None => out.push(h(tpl::NO_CLUSTER).finish()),
    }
}

/// The clusters of token `i`'s neighbours, alone and paired with its own.
pub fn neighbour_cluster_features(cx: &WideContext, i: usize, out: &mut Vec<u32>) {
    let h = FeatureHasher::new;
    let ii = i as isize;
    for d in [4, 10] {
        out.push(h(tpl::PREV_CLUSTER).bytes(&[d as u8]).bytes(&coarse(cx, ii - 1, d).to_le_bytes()).finish());
        out.push(h(tpl::NEXT_CLUSTER).bytes(&[d as u8]).bytes(&coarse(cx, ii + 1, d).to_le_bytes()).finish());
    }
    out.push(h(tpl::CLUSTER_PAIR).bytes(&coarse(cx, ii - 1, 7).to_le_bytes()).bytes(&coarse(cx, ii, 7).to_le_bytes()).finish());
}

/// Character evidence from token `i`'s stem (its word alone decides it).
pub fn stem_letter_features(cx: &WideContext, i: usize, out: &mut Vec<u32>) {
    let h = FeatureHasher::new;
    let st = cx.stems[i];
    let chars = st.chars().count();
    if chars >= 4 {
        for n in [3, 4] {
            out.push(h(tpl::STEM_PREFIX).bytes(&[n as u8]).str(char_prefix(st, n)).finish());
        }
        for n in [2, 3, 4] {
            out.push(h(tpl::STEM_SUFFIX).bytes(&[n as u8]).str(char_suffix(st, n)).finish());
        }
        let mut skeleton = h(tpl::VOWEL_SKELETON);
        for c in st.chars().take(12) {
            skeleton.byte(if is_long_vowel(c) { b'V' } else { b'C' });
        }
        out.push(skeleton.finish());
    }
}

/// A stem as [`context_stem_features`] pairs it with the token after it and the token before.
fn stem_prefixes(stem: &str) -> [FeatureHasher; 2] {
    [tpl::PREV_STEM_CLUSTER, tpl::CLUSTER_NEXT_STEM].map(|t| *FeatureHasher::new(t).str(stem).sep())
}

/// The word's class after a given neighbour word (قال + a name-like cluster, وزير + a person) and
/// what the rest of the document says about its stem.
pub fn context_stem_features(cx: &WideContext, i: usize, out: &mut Vec<u32>) {
    let h = FeatureHasher::new;
    let ii = i as isize;
    let mut before = if i > 0 { cx.stem_prefixes[i - 1][0] } else { stem_prefixes("<s>")[0] };
    let mut after = cx.stem_prefixes.get(i + 1).map_or_else(|| stem_prefixes("</s>")[1], |p| p[1]);
    out.push(before.bytes(&coarse(cx, ii, 7).to_le_bytes()).finish());
    out.push(after.bytes(&coarse(cx, ii, 7).to_le_bytes()).finish());
    out.push(h(tpl::DOC_RULE_KINDS).bytes(&[cx.doc_kinds[i]]).finish());
    if cx.doc_after_title[i] {
        out.push(h(tpl::DOC_AFTER_TITLE).finish());
    }
}

/// Document-level consistency after tagging (`tags` over every token of the document, named by
/// `names` as "O", "B-PER", "I-PER" ...): a name tagged once is a name at its other occurrences
/// left untagged, and the last word of a person's full name alone is that person (وأضاف ماهاما).
/// Only words that `can_be_name` are spread. Person names back to back become one; inside a
/// person's name, a word led by the conjunction و is read by `conjoined`: the next person's name
/// begins on it, or the name ends before it.
pub fn propagate_names(words: &[&str], tags: &mut [u8], names: &[String], can_be_name: impl Fn(&str) -> bool, conjoined: impl Fn(&str) -> Conjoined) {
    let index = |name: &str| names.iter().position(|n| n == name).map(|i| i as u8);
    let Some(outside) = index("O") else { return };
    // Entity spans as (start, end, type).
    let mut spans: Vec<(usize, usize, &str)> = Vec::new();
    let mut k = 0;
    while k < tags.len() {
        let name = names.get(tags[k] as usize).map_or("O", String::as_str);
        let Some(typ) = name.strip_prefix("B-") else {
            k += 1;
            continue;
        };
        let mut e = k + 1;
        while e < tags.len() && names.get(tags[e] as usize).and_then(|n| n.strip_prefix("I-")) == Some(typ) {
            e += 1;
        }
        spans.push((k, e, typ));
        k = e;
    }
    if spans.is_empty() {
        return;
    }
    let stems: Vec<&str> = words.iter().map(|w| stem(w)).collect();
    let key = |a: usize, b: usize| -> Vec<&str> { stems[a..b].to_vec() };
    let long_enough = |k: &[&str]| k.iter().map(|w| w.chars().count()).sum::<usize>() >= 3 && k.iter().all(|w| w.chars().all(crate::lang::ar::is_letter));
    // Each name's type: the first it was given.
    let mut known: HashMap<Vec<&str>, &str> = HashMap::default();
    for &(a, b, typ) in &spans {
        let k = key(a, b);
        if b - a <= 4 && long_enough(&k) && can_be_name(words[a]) {
            known.entry(k).or_insert(typ);
        }
        if typ == "PER" && b - a >= 2 {
            let last = key(b - 1, b);
            if last[0].chars().count() >= 3 && long_enough(&last) && can_be_name(words[b - 1]) {
                known.entry(last).or_insert(typ);
            }
        }
    }
    let longest = known.keys().map(Vec::len).max().unwrap_or(0);
    let first_words: HashMap<&str, ()> = known.keys().map(|k| (k[0], ())).collect();
    let mut i = 0;
    while i < tags.len() {
        if !first_words.contains_key(stems[i]) {
            i += 1;
            continue;
        }
        let mut matched = 0;
        for len in (1..=longest.min(tags.len() - i)).rev() {
            if !tags[i..i + len].iter().all(|&t| t == outside) {
                continue;
            }
            if let Some(&typ) = known.get(&key(i, i + len))
                && let (Some(b), Some(inside)) = (index(&format!("B-{typ}")), index(&format!("I-{typ}")))
            {
                // Right after a name of its type it continues that name (محمد + مأمون).
                let continues = i > 0 && names.get(tags[i - 1] as usize).is_some_and(|n| n.get(2..) == Some(typ));
                tags[i] = if continues { inside } else { b };
                tags[i + 1..i + len].iter_mut().for_each(|t| *t = inside);
                matched = len;
                break;
            }
        }
        i += matched.max(1);
    }
    // Two person names back to back, with no conjunction between, are one name (محمد | مأمون).
    if let (Some(b), Some(inside)) = (index("B-PER"), index("I-PER")) {
        for i in 1..tags.len() {
            if tags[i] == b && (tags[i - 1] == b || tags[i - 1] == inside) && !words[i].starts_with('و') {
                tags[i] = inside;
            } else if tags[i] == inside {
                match conjoined(words[i]) {
                    Conjoined::NextName => tags[i] = b,
                    Conjoined::Ends => {
                        tags[i] = outside;
                        // What follows, if the tagger read on, is a name of its own.
                        if tags.get(i + 1) == Some(&inside) {
                            tags[i + 1] = b;
                        }
                    }
                    Conjoined::Part => {}
                }
            }
        }
    }
}

/// How a word led by the conjunction و reads inside a person's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conjoined {
    /// The next person's name begins on it (ومصطفى, وكريستوفر in a list of people).
    NextName,
    /// A common word: the name ends before it (نايف وشد من أزر …).
    Ends,
    /// As tagged: part of the name, or nothing known (وليد, ولد, ويلسون).
    Part,
}

pub fn char_prefix(w: &str, n: usize) -> &str {
    w.char_indices().nth(n).map_or(w, |(i, _)| &w[..i])
}

pub fn char_suffix(w: &str, n: usize) -> &str {
    // From the end, counting the bytes that start a character: asked several times for every
    // token, where counting the word's characters first walked it twice.
    let b = w.as_bytes();
    let mut seen = 0;
    for i in (0..b.len()).rev() {
        if (b[i] as i8) >= -0x40 {
            seen += 1;
            if seen == n {
                return &w[i..];
            }
        }
    }
    w
}

/// Long vowels and consonants make a word's skeleton (كافيلنيكوف → CVCVCCVCVC): foreign names
/// written in Arabic spell their vowels out, native words mostly do not.
fn is_long_vowel(c: char) -> bool {
    matches!(c, 'ا' | 'و' | 'ي')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_share_clusters_across_clitics() {
        assert_eq!(stem("والرياض"), "رياض");
        assert_eq!(stem("بالرياض"), "رياض");
        assert_eq!(stem("للرياض"), "رياض");
        let skeleton: String = "كافيلنيكوف".chars().map(|c| if is_long_vowel(c) { 'V' } else { 'C' }).collect();
        assert_eq!(skeleton, "CVCVCCVCVC");
    }

    #[test]
    fn suffixes_count_characters_from_the_end() {
        for w in ["", "a", "ab", "الرياض", "xé", "كافيلنيكوف"] {
            for n in 0..8 {
                let count = w.chars().count();
                let by_count = if count <= n { w } else { w.char_indices().nth(count - n).map_or(w, |(i, _)| &w[i..]) };
                assert_eq!(char_suffix(w, n), by_count, "{w} {n}");
            }
        }
    }

    #[test]
    fn names_tagged_once_are_names_everywhere() {
        let names: Vec<String> = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"].iter().map(|s| s.to_string()).collect();
        let words = ["قال", "طه", "ياسين", "رمضان", "في", "بغداد", "واكد", "رمضان", "من", "وبغداد"];
        let mut tags = vec![0, 1, 2, 2, 0, 3, 0, 0, 0, 0];
        propagate_names(&words, &mut tags, &names, |_| true, |_| Conjoined::Part);
        assert_eq!(tags, vec![0, 1, 2, 2, 0, 3, 0, 1, 0, 3]);
    }

    #[test]
    fn a_conjoined_word_begins_the_next_name_or_ends_this_one() {
        let names: Vec<String> = ["O", "B-PER", "I-PER"].iter().map(|s| s.to_string()).collect();
        let words = ["قال", "شافيز", "وكريستوفر", "ثم", "نايف", "وشد", "من", "ازر"];
        let mut tags = vec![0, 1, 2, 0, 1, 2, 0, 0];
        let conjoined = |w: &str| match w {
            "وكريستوفر" => Conjoined::NextName,
            "وشد" => Conjoined::Ends,
            _ => Conjoined::Part,
        };
        propagate_names(&words, &mut tags, &names, |_| false, conjoined);
        assert_eq!(tags, vec![0, 1, 1, 0, 1, 0, 0, 0]);
    }

    #[test]
    fn other_occurrences_carry_the_rule_kind() {
        let words = ["قال", "الرييس", "كافيلنيكوف", "ثم", "وكافيلنيكوف"];
        let cx = WideContext::new(&words, &[0, 1, 2, 3, 4], &[0, 0, 1, 0, 0], &[false, true, false, false, false], &WordClusters::empty(), &NewsLexicon::empty());
        assert_eq!(cx.doc_kinds[4], 1 << 1);
        assert!(cx.doc_after_title[4]);
        assert!(!cx.doc_after_title[2]);
    }
}
