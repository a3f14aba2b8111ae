//! Builds the Arabic named-entity tagger: word clusters from unlabelled news
//! (data/lang/ar/clusters.bin), then the averaged structured-perceptron model (data/models/ar-ner.bin)
//! with the news lexicon it reads (data/lang/ar/news_lexicon.bin).
//!
//!   cargo run --release --example train_ner_ar -- build        # all three files: the shipped ones
//!   cargo run --release --example train_ner_ar -- cv [--folds 5]
//!   cargo run --release --example train_ner_ar -- train | clusters   # one of the two steps
//!
//! Options (defaults): --shared DIR (../shared), --clusters PATH (data/lang/ar/clusters.bin),
//! --out PATH (data/models/ar-ner.bin), --epochs N (8), --min-count N (3: rarer features are
//! dropped), --min-weight N (1200: smaller averaged weights, x1000, are dropped), --step N (512:
//! weights are stored in steps of 0.512), --key-bits N (23), --group N (8 sentences per training
//! document), --train-beam N (4: a structured perceptron, each sentence decoded with the run-time
//! beam search and updated as a whole; 0: the older greedy per-token updates, about 1.3 points of
//! F1 and 3 on persons worse); for `cv`: --folds K (5), --only-folds N (quicker comparisons),
//! --sets anq (which of ANERcorp, NewsFANE, AQMAR train), --no-propagation, --errors (list the
//! errors of every fold, with each span's sentence start and token range), --pipeline (also score
//! the whole Arabic mention stage as it runs in the product, rules and the repairs after the
//! tagger included, with each fold's model and ANERcorp's copies; errors as PMISSED/PWRONG), --seed N (the training
//! shuffle's seed: CV is deterministic, so compare variants over a few seeds; the baseline moves
//! about ±0.3 points between them), --anercorp-copies N (1: the ANERcorp text and labels train
//! this many times, NewsFANE's and AQMAR's once), --also-quantise STEP/KEY-BITS/MIN-WEIGHT,...
//! (`cv` also scores every fold's weights stored these ways: model size against F1 on one training).
//! Pruned this far the model is a third of its full size for the same cross-validated F1.
//! The three sets label by different conventions, so every feature has a shared weight and a copy
//! per set (feature augmentation, Daumé 2007), the copies valued --domain-scale X (0.35; 1 costs
//! persons 4 points: the copies, each learnt from a third of the data, overfit); --target a|n|q|s
//! (a: the shipped model is the shared weights plus ANERcorp's copies, one model of the usual size;
//! s: shared only), --domain-sets anq (the sets that get copies), --no-domains (one weight per
//! feature, as before session 11). `cv` scores the ANERcorp labels with ANERcorp's copies and the
//! NewsFANE labels with NewsFANE's, and both labellings with the --target model.
//! Self-training (uptraining), --self-train N (0: off): SaudiNewsNet articles (not the dev gold's;
//! every 7919th of the file in turn, articles of at most 40 sentences, until --self-pool sentences,
//! 4 N by default) are tagged by the model trained on the gold sets (in `cv`, by each fold's own,
//! which never saw the held-out text), and the N sentences of 6 to 60 tokens with an entity whose
//! best tagging leads the beam's runner-up by the largest margins train with the gold sets as a
//! fourth set with its own feature copies (--self-keep-empty: sentences without an entity too;
//! --self-epochs E: in the first E epochs only). `cv` then also reports each fold's first model.
//! The news lexicon, --news-lexicon N (50000; 0: off): a first model, trained on the gold sets
//! without it, tags N sentences of SaudiNewsNet as at run time (the same articles as the
//! self-training pool); per stem seen at least --lex-min times (3), the share of its occurrences
//! tagged as each type and how often it opens the name become its class
//! (src/lang/ar/news_lexicon.rs), and the model is trained again with the classes of each token
//! and its neighbours as features. In `cv` each fold's first model builds the lexicon its held-out
//! text is read with. --lex-jackknife: each half of the training text gets the lexicon of a model
//! trained on the other half (off: with an earlier form of the classes it scored persons 0.776,
//! 0.753, 0.600 on the first three folds against 0.778, 0.757, 0.622 without).
//! --lex-rounds R (1): the model trained with the lexicon reads the news again into a new one, and
//! the next model trains with that (2 rounds: 0.788 / 0.753 against 0.787 / 0.745, organisations
//! 0.626 → 0.610).
//!
//! Labelled data (all in ../shared/corpus/ner): ANERcorp dev and NewsFANE train (the same text,
//! relabelled closer to our guidelines) and AQMAR (Wikipedia), CoNLL with BIO tags in the last
//! column. MISC is mapped to O (AQMAR's is noisy, and nothing downstream uses it). Consecutive
//! sentences are joined into small documents and analysed by the same segmentation, gazetteer,
//! lexicons and rules as at run time, so the tagger learns on top of the rule layer and with the
//! document-level features it sees at run time. Labels move from the corpus tokens to ours by
//! byte offsets.
//!
//! `cv` reports K-fold cross-validated exact-span F1 (PER/ORG/LOC) on the ANERcorp text, in
//! contiguous folds (neighbouring sentences share articles), scored against both the ANERcorp
//! and the NewsFANE labels. NewsFANE sentences are placed in ANERcorp by their letters, so a
//! held-out fold's text is never trained on under either labelling.

mod clusters;
#[path = "../shipped_deflate.rs"]
mod shipped_deflate;

use shipped_deflate::shipped_deflate;

use khabar::Lang;
use khabar::EntityKind;
use khabar::lang::ar::mentions::{is_name_word, mentions_with_tagger, training_features};
use khabar::stages::resources;
use khabar::stages::segment::Doc;
use khabar::stages::tagger::{Model, Trainer};
use khabar::stages::normalize::fold;
use khabar::lang::ar::news_lexicon::{NewsLexicon, StemCounts};
use khabar::lang::ar::tagger::{news_lexicon_features, propagate_names};
use khabar::lang::ar::word_clusters::WordClusters;
use std::collections::{HashMap, HashSet};

const TAGS: [&str; 7] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"];
const TYPES: [&str; 3] = ["PER", "ORG", "LOC"];

/// One training document: a few consecutive corpus sentences.
struct Sample {
    feats: Vec<Vec<u32>>,
    gold: Vec<u8>,
    /// Token ranges of the sentences as our segmenter finds them (the tagger's sequences).
    sentences: Vec<std::ops::Range<usize>>,
    /// The tokens' text, for error listings.
    words: Vec<String>,
    /// Each token's stem as the tagger's features read it (the news lexicon's key).
    stems: Vec<String>,
    /// The cross-validation fold of its text, if it is ANERcorp text; None when it straddles folds.
    fold: Option<usize>,
    /// Its labelled set: 0 ANERcorp, 1 NewsFANE, 2 AQMAR, 3 news labelled by a model (self-training).
    source: u8,
    /// The document's text, for scoring the whole mention stage (`cv --pipeline`).
    text: String,
}

struct Options {
    shared: String,
    clusters: String,
    out: String,
    /// Where `build` writes the news lexicon that goes with the model.
    lexicon_out: String,
    epochs: usize,
    min_count: usize,
    group: usize,
    folds: usize,
    step: i16,
    key_bits: u32,
    /// Averaged weights (×1000) below this are dropped: a smaller model.
    min_weight: i16,
    /// `cv` lists every fold's errors.
    errors: bool,
    /// `cv` runs only the first N folds (quicker comparisons).
    only_folds: usize,
    /// Which labelled sets train: a (ANERcorp), n (NewsFANE), q (AQMAR).
    sets: String,
    /// `cv` also scores the whole mention stage (rules, the fold's tagger and the repairs after it).
    pipeline: bool,
    /// `cv` scores the tagger without the document-level propagation of names.
    no_propagation: bool,
    /// Training decodes with a beam this wide and updates whole sequences (0: greedy, per token).
    train_beam: usize,
    /// Seed of the training shuffle.
    seed: u64,
    /// How many times the ANERcorp sentences train.
    anercorp_copies: usize,
    /// `cv` also scores each fold's weights stored with these (step, key bits, min weight).
    also_quantise: Vec<(i16, u32, i16)>,
    /// Every feature also gets a copy per labelled set (feature augmentation).
    domains: bool,
    /// With `domains`: the sets that get copies (of a, n, q), and the copies' value.
    domain_sets: String,
    domain_scale: f32,
    /// With `domains`: the set whose copies are folded into the shipped weights (None: shared only).
    target: Option<u8>,
    /// Self-training: this many news sentences, labelled by the model trained on the gold sets (in
    /// `cv`, each fold's own), join the training (0: off).
    self_train: usize,
    /// The unlabelled pool the confident sentences are chosen from, in sentences.
    self_pool: usize,
    /// The labelled news trains in the first this many epochs only.
    self_epochs: usize,
    /// Keep also sentences the model tags without any entity (else only those with one).
    self_keep_empty: bool,
    /// News lexicon: this many news sentences, tagged by the model trained on the gold sets (in
    /// `cv`, each fold's own), give each stem seen there the share of its occurrences tagged as
    /// each type; a second model trains with that share as a feature (0: off).
    news_lexicon: usize,
    /// A stem enters the news lexicon when seen at least this often in the pool.
    lex_min: usize,
    /// Each half of the training text gets the lexicon of a model trained on the other half.
    lex_jackknife: bool,
    /// How many times a model reads the news into the lexicon (each round's model is trained with
    /// the lexicon of the round before).
    lex_rounds: usize,
}

fn tag_index(label: &str, continuing: bool) -> u8 {
    let (bio, typ) = match label.split_once('-') {
        Some((b, t)) => (b, if t == "PERS" { "PER" } else { t }),
        None => return 0,
    };
    let bio = if continuing || bio == "I" { "I" } else { "B" };
    TAGS.iter().position(|t| *t == format!("{bio}-{typ}")).unwrap_or(0) as u8
}

type CorpusSentence = Vec<(String, String)>;

fn read_conll(path: &str) -> Vec<CorpusSentence> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for line in text.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.len() < 2 {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        cur.push((parts[0].replace('\u{200e}', ""), parts[parts.len() - 1].to_string()));
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Letters of a sentence, folded: what two tokenisations of the same text share.
fn letters(s: &CorpusSentence) -> Vec<char> {
    let joined: String = s.iter().map(|(w, _)| w.as_str()).collect::<Vec<_>>().join(" ");
    khabar::stages::normalize::fold(&joined).chars().filter(|c| c.is_alphabetic()).collect()
}

/// Where each sentence of `other` starts in the text of `base` (as a fraction of base's
/// sentences), found by its first letters; None when it cannot be placed.
fn place_in(base: &[CorpusSentence], other: &[CorpusSentence]) -> Vec<Option<usize>> {
    const ANCHOR: usize = 16;
    let mut all: Vec<char> = Vec::new();
    let mut owner: Vec<usize> = Vec::new();
    for (k, s) in base.iter().enumerate() {
        let l = letters(s);
        owner.extend(std::iter::repeat_n(k, l.len()));
        all.extend(l);
    }
    let mut at: HashMap<&[char], usize> = HashMap::new();
    for i in 0..all.len().saturating_sub(ANCHOR) {
        at.entry(&all[i..i + ANCHOR]).or_insert(i);
    }
    let mut out: Vec<Option<usize>> = other
        .iter()
        .map(|s| {
            let l = letters(s);
            (l.len() >= ANCHOR).then(|| at.get(&l[..ANCHOR]).map(|&i| owner[i])).flatten()
        })
        .collect();
    // Short fragments go with their neighbours when both agree.
    for k in 1..out.len().saturating_sub(1) {
        if out[k].is_none() && out[k - 1].is_some() && out[k - 1] == out[k + 1] {
            out[k] = out[k - 1];
        }
    }
    out
}

/// Joins `group` consecutive sentences into one document and computes its features and labels.
fn samples(sents: &[CorpusSentence], folds_of: &[Option<usize>], group: usize, clusters: &WordClusters, source: u8) -> Vec<Sample> {
    let res = resources();
    let mut out = Vec::new();
    for (chunk, folds) in sents.chunks(group).zip(folds_of.chunks(group)) {
        let mut text = String::new();
        let mut offs: Vec<(usize, usize, &str)> = Vec::new();
        for s in chunk {
            if !text.is_empty() {
                text.push_str("\n");
            }
            for (k, (w, label)) in s.iter().enumerate() {
                if k > 0 {
                    text.push(' ');
                }
                offs.push((text.len(), text.len() + w.len(), label));
                text.push_str(w);
            }
        }
        let doc = Doc::new(&text, Lang::Ar);
        let feats = training_features(&doc, res, clusters);
        let mut gold = Vec::with_capacity(doc.tokens.len());
        for t in &doc.tokens {
            let j = offs.partition_point(|o| o.1 <= t.span.start);
            let (label, first_piece) = match offs.get(j) {
                Some(o) if o.0 <= t.span.start => (o.2, o.0 == t.span.start),
                _ => ("O", true),
            };
            // A piece after the first of a corpus token continues its entity.
            let label = if !t.is_word && label != "O" && !first_piece { "O" } else { label };
            gold.push(tag_index(label, !first_piece));
        }
        // BIO repair: an I- after O (a dropped punctuation piece) begins the entity.
        for k in 0..gold.len() {
            let t = gold[k];
            if t != 0 && t % 2 == 0 && (k == 0 || (gold[k - 1] + 1) / 2 != t / 2) {
                gold[k] = t - 1;
            }
        }
        let fold = folds[0].filter(|f| folds.iter().all(|g| *g == Some(*f)));
        let sentences = doc.sentences.iter().map(|s| s.tokens.clone()).collect();
        let words = (0..doc.tokens.len()).map(|i| doc.otok(i).to_string()).collect();
        let stems = token_stems(&doc);
        out.push(Sample { feats, gold, sentences, words, stems, fold, source, text });
    }
    out
}

fn spans(tags: &[u8]) -> HashSet<(usize, usize, u8)> {
    let mut out = HashSet::new();
    let mut start: Option<(usize, u8)> = None;
    for (i, &t) in tags.iter().chain(std::iter::once(&0)).enumerate() {
        let typ = t.div_ceil(2);
        let begins = t % 2 == 1;
        if let Some((s, ty)) = start
            && (t == 0 || begins || typ != ty)
        {
            out.insert((s, i, ty));
            start = None;
        }
        if t != 0 && start.is_none() {
            start = Some((i, typ));
        }
    }
    out
}

/// The model as shipped (the --target set's copies folded in), at the default packing.
fn model_bytes(trainer: &Trainer, o: &Options) -> Vec<u8> {
    Model::to_bytes(&trainer.tags, &trainer.finish_for(o.domains.then_some(o.target).flatten(), 1000.0, o.min_weight), o.step, o.key_bits)
}

fn train_weights(data: &[&Sample], o: &Options) -> Trainer {
    let mut counts: HashMap<u32, usize> = HashMap::new();
    for s in data {
        for f in s.feats.iter().flatten() {
            *counts.entry(*f).or_default() += 1;
        }
    }
    let tags: Vec<String> = TAGS.iter().map(|s| s.to_string()).collect();
    let mut trainer = Trainer::new(tags.clone());
    trainer.domain_scale = o.domain_scale;
    let mut keys: Vec<u32> = counts.iter().filter(|&(_, &c)| c >= o.min_count).map(|(&k, _)| k).collect();
    keys.sort_unstable();
    for k in keys {
        trainer.allow(k);
    }
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed = o.seed;
    for epoch in 0..o.epochs {
        // Deterministic shuffle, so that the command reproduces the same model.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            let s = data[i];
            if s.source == 3 && epoch >= o.self_epochs {
                continue;
            }
            trainer.domain = (o.domains && o.domain_sets.contains(b"anqu"[s.source as usize] as char)).then_some(s.source);
            for r in &s.sentences {
                if o.train_beam > 0 {
                    trainer.learn_sequence(&s.feats[r.clone()], &s.gold[r.clone()], o.train_beam);
                } else {
                    trainer.learn(&s.feats[r.clone()], &s.gold[r.clone()]);
                }
            }
        }
    }
    trainer
}

/// Per type (PER, ORG, LOC): true positives, predicted, gold.
type Counts = [[usize; 3]; 3];

/// `s` tagged by `model` as at run time: sentence by sentence, then (with `propagate`) names made
/// consistent in the document.
fn run_time_tags(model: &Model, lexicon: &NewsLexicon, s: &Sample, propagate: bool) -> Vec<u8> {
    let mut tags = vec![0u8; s.feats.len()];
    for r in &s.sentences {
        tags[r.clone()].copy_from_slice(&model.tag(&s.feats[r.clone()]));
    }
    if propagate {
        let folded: Vec<String> = s.words.iter().map(|w| fold(w)).collect();
        let words: Vec<&str> = folded.iter().map(String::as_str).collect();
        propagate_names(&words, &mut tags, &model.tags, is_name_word, |w| khabar::lang::ar::arabic().conjoined(w, lexicon));
    }
    tags
}

fn score(model: &Model, lexicon: &NewsLexicon, data: &[&Sample], counts: &mut Counts, errors: bool, propagate: bool) {
    for s in data {
        let tags = run_time_tags(model, lexicon, s, propagate);
        for r in &s.sentences {
            let pred = spans(&tags[r.clone()]);
            compare(s, r, &pred, counts, errors.then_some(""));
        }
    }
}

/// Adds one sentence's predicted spans against its gold to `counts`, listing the errors (each line
/// led by `errors`, the listing's prefix) when asked.
fn compare(s: &Sample, r: &std::ops::Range<usize>, pred: &HashSet<(usize, usize, u8)>, counts: &mut Counts, errors: Option<&str>) {
    let gold = spans(&s.gold[r.clone()]);
    if let Some(lead) = errors {
        let text = |x: &(usize, usize, u8)| s.words[r.start + x.0..r.start + x.1].join(" ");
        let context = s.words[r.clone()].join(" ");
        for g in gold.difference(pred) {
            eprintln!("{lead}MISSED {} {} {} {} [{}] in: {context}", TYPES[g.2 as usize - 1], r.start, g.0, g.1, text(g));
        }
        for p in pred.difference(&gold) {
            eprintln!("{lead}WRONG {} {} {} {} [{}] in: {context}", TYPES[p.2 as usize - 1], r.start, p.0, p.1, text(p));
        }
    }
    for (t, c) in counts.iter_mut().enumerate() {
        let typ = t as u8 + 1;
        c[0] += pred.iter().filter(|x| x.2 == typ && gold.contains(x)).count();
        c[1] += pred.iter().filter(|x| x.2 == typ).count();
        c[2] += gold.iter().filter(|x| x.2 == typ).count();
    }
}

/// Like `score`, for the whole Arabic mention stage at run time with `model` as its tagger: each
/// person, organisation or place mention counts as the tokens it touches (a mention without its
/// clitic, وبوتين → بوتين, covers the corpus token, as khabar-eval's `ner` counts it).
fn score_pipeline(model: &Model, lexicon: &NewsLexicon, data: &[&Sample], counts: &mut Counts, errors: bool) {
    let res = resources();
    for s in data {
        let doc = Doc::new(&s.text, Lang::Ar);
        assert_eq!(doc.tokens.len(), s.gold.len(), "the same text segments the same way");
        let mut pred: Vec<HashSet<(usize, usize, u8)>> = vec![HashSet::new(); s.sentences.len()];
        for m in mentions_with_tagger(&doc, res, model, lexicon) {
            let typ = match m.kind {
                EntityKind::Person => 1,
                EntityKind::Organization => 2,
                EntityKind::Place => 3,
                _ => continue,
            };
            let first = doc.tokens.partition_point(|t| t.span.end <= m.span.start);
            let end = doc.tokens.partition_point(|t| t.span.start < m.span.end);
            let Some(k) = s.sentences.iter().position(|r| r.contains(&first)) else { continue };
            let r = &s.sentences[k];
            if first < end {
                pred[k].insert((first - r.start, end.min(r.end) - r.start, typ));
            }
        }
        for (r, pred) in s.sentences.iter().zip(pred) {
            compare(s, r, &pred, counts, errors.then_some("P"));
        }
    }
}

fn prf(tp: usize, np: usize, ng: usize) -> String {
    let (p, r) = (tp as f64 / np.max(1) as f64, tp as f64 / ng.max(1) as f64);
    format!("P {p:.3} R {r:.3} F1 {:.3}", 2.0 * p * r / (p + r).max(1e-9))
}

fn add(into: &mut Counts, c: &Counts) {
    for (row, from) in into.iter_mut().zip(c) {
        for (x, y) in row.iter_mut().zip(from) {
            *x += y;
        }
    }
}

fn report(name: &str, c: &Counts) {
    let total = c.iter().fold([0; 3], |a, x| [a[0] + x[0], a[1] + x[1], a[2] + x[2]]);
    eprintln!("  {name}: all {}", prf(total[0], total[1], total[2]));
    for (t, x) in c.iter().enumerate() {
        eprintln!("  {name}: {} {}", TYPES[t], prf(x[0], x[1], x[2]));
    }
}

/// All labelled data: (ANERcorp samples, NewsFANE samples, AQMAR samples).
fn labelled(o: &Options, clusters: &WordClusters) -> [Vec<Sample>; 3] {
    let dir = format!("{}/corpus/ner", o.shared);
    let anercorp = read_conll(&format!("{dir}/anercorp-dev.conll"));
    let newsfane = read_conll(&format!("{dir}/newsfane-train.conll"));
    let aqmar = read_conll(&format!("{dir}/aqmar.conll"));
    let fold_of = |k: usize| Some(k * o.folds.max(1) / anercorp.len());
    let a_folds: Vec<Option<usize>> = (0..anercorp.len()).map(fold_of).collect();
    let placed = place_in(&anercorp, &newsfane);
    let unplaced = placed.iter().filter(|p| p.is_none()).count();
    eprintln!("NewsFANE: {} of {} sentences placed in ANERcorp", newsfane.len() - unplaced, newsfane.len());
    let n_folds: Vec<Option<usize>> = placed.iter().map(|p| p.and_then(fold_of)).collect();
    let q_folds = vec![None; aqmar.len()];
    [
        samples(&anercorp, &a_folds, o.group, clusters, 0),
        samples(&newsfane, &n_folds, o.group, clusters, 1),
        samples(&aqmar, &q_folds, o.group, clusters, 2),
    ]
}

/// Unlabelled news for self-training: whole SaudiNewsNet articles (not the dev gold's), spread over
/// the file by a fixed stride, until `o.self_pool` sentences; analysed as the labelled sets are.
fn unlabelled(o: &Options, clusters: &WordClusters) -> Vec<Sample> {
    use std::io::BufRead;
    let t0 = std::time::Instant::now();
    let gold: HashSet<String> = std::fs::read_dir(format!("{}/corpus/gold", o.shared))
        .map(|d| d.flatten().filter_map(|e| e.file_name().to_str().and_then(|n| n.split('.').next()).map(String::from)).collect())
        .unwrap_or_default();
    let path = format!("{}/corpus/news/saudinewsnet.jsonl.gz", o.shared);
    let file = std::fs::File::open(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(std::io::BufReader::new(file)));
    let mut texts: Vec<String> = Vec::new();
    for line in reader.lines() {
        let line = line.unwrap_or_else(|e| panic!("{path}: {e}"));
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        let id = v.get("id").and_then(|t| t.as_str()).unwrap_or("");
        if let Some(text) = v.get("text").and_then(|t| t.as_str()).filter(|_| !gold.contains(id)) {
            texts.push(text.to_string());
        }
    }
    let res = resources();
    let (mut out, mut sentences) = (Vec::new(), 0);
    // A prime stride visits every article once, in an order that mixes the outlets and dates.
    for k in 0..texts.len() {
        if sentences >= o.self_pool {
            break;
        }
        let text = &texts[k * 7919 % texts.len()];
        let doc = Doc::new(text, Lang::Ar);
        if doc.sentences.len() > 40 {
            continue;
        }
        sentences += doc.sentences.len();
        let feats = training_features(&doc, res, clusters);
        let words = (0..doc.tokens.len()).map(|i| doc.otok(i).to_string()).collect();
        let sentences = doc.sentences.iter().map(|s| s.tokens.clone()).collect();
        let stems = token_stems(&doc);
        out.push(Sample { gold: vec![0; feats.len()], feats, sentences, words, stems, fold: None, source: 3, text: text.clone() });
    }
    eprintln!("self-training pool: {} articles, {sentences} sentences in {:.1}s", out.len(), t0.elapsed().as_secs_f64());
    out
}

/// The pool tagged by `model` as at run time (sentence by sentence, then names spread over the
/// article), keeping the `o.self_train` sentences of 6 to 60 tokens it is surest of: the largest
/// margins of the best tagging over the runner-up in the beam.
fn auto_label(model: &Model, pool: &[Sample], o: &Options) -> Vec<Sample> {
    let mut tagged: Vec<Vec<u8>> = Vec::with_capacity(pool.len());
    // (margin, sample, sentence)
    let mut sure: Vec<(i64, usize, usize)> = Vec::new();
    for (k, s) in pool.iter().enumerate() {
        let mut tags = vec![0u8; s.feats.len()];
        let mut margins = Vec::with_capacity(s.sentences.len());
        for r in &s.sentences {
            let (t, m) = model.tag_with_margin(&s.feats[r.clone()]);
            tags[r.clone()].copy_from_slice(&t);
            margins.push(m);
        }
        let folded: Vec<String> = s.words.iter().map(|w| fold(w)).collect();
        let words: Vec<&str> = folded.iter().map(String::as_str).collect();
        propagate_names(&words, &mut tags, &model.tags, is_name_word, |w| khabar::lang::ar::arabic().conjoined(w, &NewsLexicon::empty()));
        for (j, r) in s.sentences.iter().enumerate() {
            if (6..=60).contains(&r.len()) && (o.self_keep_empty || tags[r.clone()].iter().any(|&t| t != 0)) {
                sure.push((margins[j], k, j));
            }
        }
        tagged.push(tags);
    }
    sure.sort_by_key(|&(m, k, j)| (std::cmp::Reverse(m), k, j));
    sure.truncate(o.self_train);
    sure.sort_by_key(|&(_, k, j)| (k, j));
    let mut out: Vec<Sample> = Vec::new();
    let mut last = None;
    for (_, k, j) in sure {
        let s = &pool[k];
        if last != Some(k) {
            last = Some(k);
            let (feats, gold) = (s.feats.clone(), tagged[k].clone());
            let stems = s.stems.clone();
            out.push(Sample { feats, gold, sentences: Vec::new(), words: Vec::new(), stems, fold: None, source: 3, text: String::new() });
        }
        out.last_mut().expect("pushed").sentences.push(s.sentences[j].clone());
    }
    let entities: usize = out.iter().map(|s| s.sentences.iter().map(|r| spans(&s.gold[r.clone()]).len()).sum::<usize>()).sum();
    eprintln!("self-training: {} sentences from {} articles, {entities} entities", out.iter().map(|s| s.sentences.len()).sum::<usize>(), out.len());
    out
}

/// Each token's stem as the tagger's features read it.
fn token_stems(doc: &Doc) -> Vec<String> {
    (0..doc.tokens.len()).map(|i| khabar::lang::ar::tagger::stem(doc.ftok(i)).to_string()).collect()
}

/// The news lexicon of `model`: the pool tagged as at run time (sentence by sentence, then names
/// spread over the article), counted per stem, kept as stored (the bytes' round trip).
fn news_lexicon(model: &Model, reads_with: &NewsLexicon, pool: &[Sample], clusters: &WordClusters, o: &Options) -> NewsLexicon {
    let mut counts: HashMap<&str, StemCounts> = HashMap::new();
    for s in pool {
        let tags = run_time_tags(model, reads_with, s, true);
        for (st, &t) in s.stems.iter().zip(&tags) {
            if st.chars().count() < 2 {
                continue;
            }
            let e = counts.entry(st).or_default();
            e[0] += 1;
            if t > 0 {
                e[t.div_ceil(2) as usize] += 1;
                e[4] += u32::from(t % 2 == 1);
            }
        }
    }
    let lex = NewsLexicon::from_counts(counts.iter().map(|(s, c)| (*s, c)), o.lex_min as u32, |s| clusters.path(s).is_some());
    eprintln!("news lexicon: {} of {} stems", lex.len(), counts.len());
    NewsLexicon::from_bytes(&lex.to_bytes()).expect("the news lexicon round-trips")
}

/// `s` with each token's news-lexicon features added, as the tagger computes them at run time.
fn with_lexicon(s: &Sample, lex: &NewsLexicon, clusters: &WordClusters) -> Sample {
    let classes: Vec<_> = s.stems.iter().map(|st| lex.class(st, clusters.path(st).is_some())).collect();
    let feats = s
        .feats
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut f = f.clone();
            news_lexicon_features(&classes, i, &mut f);
            f
        })
        .collect();
    Sample { feats, gold: s.gold.clone(), sentences: s.sentences.clone(), words: s.words.clone(), stems: s.stems.clone(), fold: s.fold, source: s.source, text: s.text.clone() }
}

/// Trains with the news lexicon: `trainer`, trained on `train` without it, reads the pool into the
/// lexicon that ships with the model; then `trainer` is trained again, on `train` with the
/// lexicon's features. Each half of `train` (by fold, AQMAR by its text) gets them from the
/// lexicon of a model trained on the other half, as held-out text gets them from a model that never
/// saw it: else the second model learns to trust the lexicon on the names the first had memorised.
/// Returns the first model and the lexicon.
fn train_with_lexicon(trainer: &mut Trainer, train: &[&Sample], pool: &[Sample], clusters: &WordClusters, o: &Options) -> (Model, NewsLexicon) {
    let first = packed(trainer, o);
    let lex = news_lexicon(&first, &NewsLexicon::empty(), pool, clusters, o);
    let half_of = |s: &Sample| s.fold.unwrap_or(s.text.len()) % 2;
    let lexed: Vec<Sample> = if o.lex_jackknife {
        let by_half: Vec<NewsLexicon> = (0..2)
            .map(|h| {
                let other: Vec<&Sample> = train.iter().copied().filter(|s| half_of(s) != h).collect();
                news_lexicon(&packed(&train_weights(&other, o), o), &NewsLexicon::empty(), pool, clusters, o)
            })
            .collect();
        train.iter().map(|s| with_lexicon(s, &by_half[half_of(s)], clusters)).collect()
    } else {
        train.iter().map(|s| with_lexicon(s, &lex, clusters)).collect()
    };
    *trainer = train_weights(&lexed.iter().collect::<Vec<_>>(), o);
    let mut lex = lex;
    for _ in 1..o.lex_rounds {
        // The model trained with the lexicon reads the news again (with its lexicon's features).
        let pool_lexed: Vec<Sample> = pool.iter().map(|s| with_lexicon(s, &lex, clusters)).collect();
        lex = news_lexicon(&packed(trainer, o), &lex, &pool_lexed, clusters, o);
        let lexed: Vec<Sample> = train.iter().map(|s| with_lexicon(s, &lex, clusters)).collect();
        *trainer = train_weights(&lexed.iter().collect::<Vec<_>>(), o);
    }
    (first, lex)
}

/// The model as shipped, read back.
fn packed(trainer: &Trainer, o: &Options) -> Model {
    Model::from_bytes(&model_bytes(trainer, o)).expect("model round-trips")
}

fn held(set: &[Sample], fold: usize) -> Vec<&Sample> {
    set.iter().filter(|s| s.fold == Some(fold)).collect()
}

fn cross_validate(o: &Options, clusters: &WordClusters) {
    let t0 = std::time::Instant::now();
    let [a, n, q] = labelled(o, clusters);
    let pool = if o.self_train > 0 || o.news_lexicon > 0 { unlabelled(o, clusters) } else { Vec::new() };
    eprintln!("features in {:.1}s", t0.elapsed().as_secs_f64());
    // With self-training, each fold's first model (trained on the gold sets without the fold) is
    // scored too: the baseline on the same shuffle.
    let mut first_a = Counts::default();
    // Each fold's weights are stored at every quantisation asked for: their F1 compared on the same training.
    let mut quantisations = vec![(o.step, o.key_bits, o.min_weight)];
    quantisations.extend(o.also_quantise.iter().copied());
    let (mut vs_a, mut vs_n): (Vec<Counts>, Vec<Counts>) = (vec![Counts::default(); quantisations.len()], vec![Counts::default(); quantisations.len()]);
    let mut sizes = vec![0usize; quantisations.len()];
    let (mut ship_a, mut ship_n) = (vs_a.clone(), vs_n.clone());
    let (mut pipe_a, mut pipe_n) = (vs_a.clone(), vs_n.clone());
    let use_set = |c: char| o.sets.contains(c);
    for k in 0..o.folds.min(o.only_folds) {
        // Train on everything whose text is not in fold k; AQMAR always trains.
        let a_n = a.iter().filter(|_| use_set('a')).chain(n.iter().filter(|_| use_set('n')));
        let mut train_set: Vec<&Sample> = a_n.filter(|s| s.fold.is_some_and(|f| f != k)).chain(q.iter().filter(|_| use_set('q'))).collect();
        let copies = (1..o.anercorp_copies).flat_map(|_| a.iter().filter(|s| use_set('a') && s.fold.is_some_and(|f| f != k)));
        train_set.extend(copies.collect::<Vec<_>>());
        let mut trainer = train_weights(&train_set, o);
        // With the news lexicon, the held-out sets are scored with its features (shadowing the plain
        // ones), by a model trained with them.
        let lexed: Vec<Vec<Sample>>;
        let mut fold_lex = NewsLexicon::empty();
        let (a, n) = if o.news_lexicon > 0 {
            let (first, lex) = train_with_lexicon(&mut trainer, &train_set, &pool, clusters, o);
            let mut c = Counts::default();
            score(&first, &NewsLexicon::empty(), &held(&a, k), &mut c, false, !o.no_propagation);
            eprintln!("fold {} first model ({:.0}s):", k + 1, t0.elapsed().as_secs_f64());
            report("ANERcorp labels", &c);
            add(&mut first_a, &c);
            lexed = [&a, &n].map(|set| held(set, k).into_iter().map(|s| with_lexicon(s, &lex, clusters)).collect::<Vec<Sample>>()).into_iter().collect();
            fold_lex = lex;
            (&lexed[0], &lexed[1])
        } else {
            (&a, &n)
        };
        if o.self_train > 0 {
            // The news is labelled by this fold's model, which never saw the held-out text.
            let first = packed(&trainer, o);
            let mut c = Counts::default();
            score(&first, &NewsLexicon::empty(), &held(&a, k), &mut c, false, !o.no_propagation);
            eprintln!("fold {} first model ({:.0}s):", k + 1, t0.elapsed().as_secs_f64());
            report("ANERcorp labels", &c);
            add(&mut first_a, &c);
            let auto = auto_label(&first, &pool, o);
            train_set.extend(auto.iter());
            trainer = train_weights(&train_set, o);
        }
        for (q, (step, key_bits, min_weight)) in quantisations.iter().enumerate() {
            // Not Zopfli'd as shipped (about 6 % smaller): its minutes add up over folds and quantisations.
            // With per-set copies, each labelling is scored by the model folded for its own set.
            let model_for = |target: Option<u8>| {
                let bytes = Model::to_bytes(&trainer.tags, &trainer.finish_for(target, 1000.0, *min_weight), *step, *key_bits);
                (bytes.len(), Model::from_bytes(&bytes).expect("model round-trips"))
            };
            let (size, model_a) = model_for(o.domains.then_some(0));
            let own_n = o.domains.then(|| model_for(Some(1)).1);
            let model_n = own_n.as_ref().unwrap_or(&model_a);
            eprintln!("fold {}: model {} bytes (step {step}, key bits {key_bits}, min weight {min_weight})", k + 1, size);
            sizes[q] += size;
            let (mut fa, mut fn_): (Counts, Counts) = Default::default();
            score(&model_a, &fold_lex, &held(&a, k), &mut fa, o.errors, !o.no_propagation);
            score(model_n, &fold_lex, &held(&n, k), &mut fn_, false, !o.no_propagation);
            if o.pipeline {
                let (mut pa, mut pn): (Counts, Counts) = Default::default();
                score_pipeline(&model_a, &fold_lex, &held(&a, k), &mut pa, o.errors);
                score_pipeline(&model_a, &fold_lex, &held(&n, k), &mut pn, false);
                report("whole mention stage, ANERcorp labels", &pa);
                add(&mut pipe_a[q], &pa);
                add(&mut pipe_n[q], &pn);
            }
            if o.domains {
                // The shipped fold: one set's copies (or none) scored on both labellings; a set's own
                // model and its labelling were scored above.
                let built;
                let shipped = match o.target {
                    Some(0) => &model_a,
                    Some(1) => model_n,
                    t => {
                        built = model_for(t).1;
                        &built
                    }
                };
                let score_with = |labelled: &[&Sample]| {
                    let mut c = Counts::default();
                    score(shipped, &fold_lex, labelled, &mut c, false, !o.no_propagation);
                    c
                };
                add(&mut ship_a[q], &if o.target == Some(0) { fa } else { score_with(&held(&a, k)) });
                add(&mut ship_n[q], &if o.target == Some(1) { fn_ } else { score_with(&held(&n, k)) });
            }
            eprintln!("fold {} ({:.0}s):", k + 1, t0.elapsed().as_secs_f64());
            report("ANERcorp labels", &fa);
            add(&mut vs_a[q], &fa);
            add(&mut vs_n[q], &fn_);
        }
    }
    if o.self_train > 0 || o.news_lexicon > 0 {
        eprintln!("{}-fold, each fold's first model (no self-training; the target set's copies):", o.folds);
        report("ANERcorp labels", &first_a);
    }
    for (q, (step, key_bits, min_weight)) in quantisations.iter().enumerate() {
        let folds = o.folds.min(o.only_folds);
        eprintln!("{}-fold cross-validated exact-span F1 on the ANERcorp text (step {step}, key bits {key_bits}, min weight {min_weight}; \
            models {} bytes on average):", o.folds, sizes[q] / folds.max(1));
        if o.domains {
            let t = o.target.map_or("none", |t| ["ANERcorp", "NewsFANE", "AQMAR"][t as usize]);
            report(&format!("ANERcorp labels, {t}'s copies"), &ship_a[q]);
            report(&format!("NewsFANE labels, {t}'s copies"), &ship_n[q]);
        }
        report("ANERcorp labels", &vs_a[q]);
        report("NewsFANE labels", &vs_n[q]);
        if o.pipeline {
            report("whole mention stage, ANERcorp labels", &pipe_a[q]);
            report("whole mention stage, NewsFANE labels", &pipe_n[q]);
        }
    }
}

fn train_shipped(o: &Options, clusters: &WordClusters) {
    let t0 = std::time::Instant::now();
    let [a, n, q] = labelled(o, clusters);
    let use_set = |c: char| o.sets.contains(c);
    let mut all: Vec<&Sample> = a.iter().filter(|_| use_set('a')).chain(n.iter().filter(|_| use_set('n'))).chain(q.iter().filter(|_| use_set('q'))).collect();
    all.extend((1..o.anercorp_copies).flat_map(|_| a.iter().filter(|_| use_set('a'))).collect::<Vec<_>>());
    let auto;
    if o.self_train > 0 {
        auto = auto_label(&packed(&train_weights(&all, o), o), &unlabelled(o, clusters), o);
        all.extend(auto.iter());
    }
    let mut trainer = train_weights(&all, o);
    let lexicon = if o.news_lexicon > 0 { train_with_lexicon(&mut trainer, &all, &unlabelled(o, clusters), clusters, o).1 } else { NewsLexicon::empty() };
    let lexicon_bytes = lexicon.to_bytes();
    std::fs::write(&o.lexicon_out, &lexicon_bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", o.lexicon_out));
    eprintln!("news lexicon: {} stems, {} bytes", lexicon.len(), lexicon_bytes.len());
    let bytes = shipped_deflate(&model_bytes(&trainer, o));
    std::fs::write(&o.out, &bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", o.out));
    eprintln!("model: {} bytes compressed, {:.1}s", bytes.len(), t0.elapsed().as_secs_f64());
}

fn load_clusters(path: &str) -> WordClusters {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {path}: {e} (run the `clusters` step first)"));
    WordClusters::from_bytes(&bytes).unwrap_or_else(|| panic!("{path} is not a word-cluster table"))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut o = Options {
        shared: "../shared".into(),
        clusters: "data/lang/ar/clusters.bin".into(),
        out: "data/models/ar-ner.bin".into(),
        lexicon_out: "data/lang/ar/news_lexicon.bin".into(),
        epochs: 8,
        min_count: 3,
        group: 8,
        folds: 5,
        step: 512,
        key_bits: 23,
        min_weight: 1200,
        errors: false,
        only_folds: usize::MAX,
        sets: "anq".into(),
        pipeline: false,
        no_propagation: false,
        train_beam: 4,
        seed: 0x2545_F491_4F6C_DD1D,
        anercorp_copies: 1,
        also_quantise: Vec::new(),
        domains: true,
        domain_sets: "anqu".into(),
        domain_scale: 0.35,
        target: Some(0),
        self_train: 0,
        self_pool: 0,
        self_epochs: usize::MAX,
        self_keep_empty: false,
        news_lexicon: 50_000,
        lex_min: 3,
        lex_jackknife: false,
        lex_rounds: 1,
    };
    let mut command = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().unwrap_or_else(|| panic!("{name} needs a value"));
        let number = |v: String, name: &str| v.parse::<usize>().unwrap_or_else(|_| panic!("{name}: not a number: {v}"));
        match a.as_str() {
            "--shared" => o.shared = value(a),
            "--clusters" => o.clusters = value(a),
            "--out" => o.out = value(a),
            "--lexicon-out" => o.lexicon_out = value(a),
            "--epochs" => o.epochs = number(value(a), a),
            "--min-count" => o.min_count = number(value(a), a),
            "--group" => o.group = number(value(a), a).max(1),
            "--folds" => o.folds = number(value(a), a).max(2),
            "--step" => o.step = number(value(a), a) as i16,
            "--key-bits" => o.key_bits = number(value(a), a) as u32,
            "--min-weight" => o.min_weight = number(value(a), a) as i16,
            "--errors" => o.errors = true,
            "--pipeline" => o.pipeline = true,
            "--no-propagation" => o.no_propagation = true,
            "--only-folds" => o.only_folds = number(value(a), a),
            "--sets" => o.sets = value(a),
            "--train-beam" => o.train_beam = number(value(a), a),
            "--seed" => o.seed = number(value(a), a) as u64,
            "--no-domains" => o.domains = false,
            "--domain-sets" => o.domain_sets = value(a),
            "--domain-scale" => o.domain_scale = value(a).parse().expect("--domain-scale: a number"),
            "--target" => o.target = "anq".find(value(a).as_str()).map(|t| t as u8),
            "--self-train" => o.self_train = number(value(a), a),
            "--self-pool" => o.self_pool = number(value(a), a),
            "--self-epochs" => o.self_epochs = number(value(a), a),
            "--self-keep-empty" => o.self_keep_empty = true,
            "--news-lexicon" => o.news_lexicon = number(value(a), a),
            "--lex-min" => o.lex_min = number(value(a), a),
            "--lex-jackknife" => o.lex_jackknife = true,
            "--lex-rounds" => o.lex_rounds = number(value(a), a).max(1),
            "--anercorp-copies" => o.anercorp_copies = number(value(a), a).max(1),
            "--also-quantise" => {
                for q in value(a).split(',') {
                    let v: Vec<usize> = q.split('/').map(|x| number(x.to_string(), a)).collect();
                    let [step, key_bits, min_weight] = v[..] else { panic!("--also-quantise STEP/KEY-BITS/MIN-WEIGHT,...") };
                    o.also_quantise.push((step as i16, key_bits as u32, min_weight as i16));
                }
            }
            c @ ("build" | "cv" | "train" | "clusters") if command.is_none() => command = Some(c.to_string()),
            other => {
                eprintln!("unknown argument {other}\nusage: train_ner_ar build|cv|train|clusters [options]: see tools/train-ner-ar/main.rs");
                std::process::exit(2);
            }
        }
    }
    if o.self_pool == 0 {
        o.self_pool = (4 * o.self_train).max(o.news_lexicon);
    }
    let news = format!("{}/corpus/news/saudinewsnet.jsonl.gz", o.shared);
    match command.as_deref() {
        Some("build") => {
            let table = clusters::build(&news);
            std::fs::write(&o.clusters, WordClusters::to_bytes(&table)).unwrap_or_else(|e| panic!("cannot write {}: {e}", o.clusters));
            train_shipped(&o, &load_clusters(&o.clusters));
        }
        Some("clusters") => {
            let table = clusters::build(&news);
            std::fs::write(&o.clusters, WordClusters::to_bytes(&table)).unwrap_or_else(|e| panic!("cannot write {}: {e}", o.clusters));
        }
        Some("train") => train_shipped(&o, &load_clusters(&o.clusters)),
        Some("cv") => cross_validate(&o, &load_clusters(&o.clusters)),
        _ => {
            eprintln!("usage: train_ner_ar build|cv|train|clusters [options]: see tools/train-ner-ar/main.rs");
            std::process::exit(2);
        }
    }
}
