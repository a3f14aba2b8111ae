//! Trains the Arabic named-entity tagger shipped as data/models/ar-ner.bin.
//!
//!   cargo run --release --example train_ner_ar -- --repack OLD.bin OUT.bin [--step N] [--key-bits N]
//!   cargo run --release --example train_ner_ar -- ../shared/corpus/ner/anercorp-dev.conll data/models/ar-ner.bin [--epochs N] [--min-count N] [--folds K] [--step N] [--key-bits N]
//!
//! Input: ANERcorp (CoNLL, BIO, tag in the last column; PERS/ORG/LOC/MISC). Each sentence is
//! joined with spaces and analysed by the same segmentation, gazetteer, lexicons and rules as at
//! run time, so the tagger learns on top of the rule layer's findings. Labels move from the
//! corpus tokens to ours by byte offsets. `--folds K` first reports K-fold cross-validated
//! exact-span F1 (PER/ORG/LOC), then trains the shipped model on everything.

#[path = "../repack.rs"]
mod repack;

use khabar::Lang;
use khabar::lang::ar::mentions::training_features;
use khabar::stages::resources;
use khabar::stages::segment::Doc;
use khabar::stages::tagger::{Model, Trainer};
use std::collections::{HashMap, HashSet};

const STEP: i16 = 64;
const KEY_BITS: u32 = 24;

const TAGS: [&str; 9] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];

struct Sentence {
    feats: Vec<Vec<u32>>,
    gold: Vec<u8>,
}

fn tag_index(label: &str, continuing: bool) -> u8 {
    let (bio, typ) = match label.split_once('-') {
        Some((b, t)) => (b, if t == "PERS" { "PER" } else { t }),
        None => return 0,
    };
    let bio = if continuing || bio == "I" { "I" } else { "B" };
    TAGS.iter().position(|t| *t == format!("{bio}-{typ}")).unwrap_or(0) as u8
}

fn read(path: &str) -> Vec<Sentence> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let res = resources();
    let mut out = Vec::new();
    let mut words: Vec<(String, String)> = Vec::new();
    let mut flush = |words: &mut Vec<(String, String)>| {
        if words.is_empty() {
            return;
        }
        let mut text = String::new();
        let mut offs = Vec::new();
        for (w, _) in words.iter() {
            if !text.is_empty() {
                text.push(' ');
            }
            offs.push((text.len(), text.len() + w.len()));
            text.push_str(w);
        }
        let doc = Doc::new(&text, Lang::Ar);
        let feats = training_features(&doc, res);
        let mut gold = Vec::with_capacity(doc.tokens.len());
        for t in &doc.tokens {
            let j = offs.partition_point(|o| o.1 <= t.span.start);
            let (label, first_piece) = match offs.get(j) {
                Some(o) if o.0 <= t.span.start => (words[j].1.as_str(), o.0 == t.span.start),
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
        out.push(Sentence { feats, gold });
        words.clear();
    };
    for line in text.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.len() < 2 {
            flush(&mut words);
            continue;
        }
        words.push((parts[0].replace('\u{200e}', ""), parts[parts.len() - 1].to_string()));
    }
    flush(&mut words);
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

fn train(data: &[&Sentence], epochs: usize, min_count: usize, pack: (i16, u32)) -> Vec<u8> {
    let mut counts: HashMap<u32, usize> = HashMap::new();
    for s in data {
        for f in s.feats.iter().flatten() {
            *counts.entry(*f).or_default() += 1;
        }
    }
    let tags: Vec<String> = TAGS.iter().map(|s| s.to_string()).collect();
    let mut trainer = Trainer::new(tags.clone());
    let mut keys: Vec<u32> = counts.iter().filter(|&(_, &c)| c >= min_count).map(|(&k, _)| k).collect();
    keys.sort_unstable();
    for k in keys {
        trainer.allow(k);
    }
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for _ in 0..epochs {
        // Deterministic shuffle, so that the command reproduces the same model.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &i in &order {
            trainer.learn(&data[i].feats, &data[i].gold);
        }
    }
    Model::to_bytes(&tags, &trainer.finish(1000.0, 2), pack.0, pack.1)
}

fn score(model: &Model, data: &[&Sentence]) -> (usize, usize, usize) {
    let (mut tp, mut np, mut ng) = (0, 0, 0);
    for s in data {
        let pred = model.tag(&s.feats);
        let keep = |x: HashSet<(usize, usize, u8)>| x.into_iter().filter(|x| x.2 != 4).collect::<HashSet<_>>();
        let (p, g) = (keep(spans(&pred)), keep(spans(&s.gold)));
        tp += p.intersection(&g).count();
        np += p.len();
        ng += g.len();
    }
    (tp, np, ng)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if repack::run_if_asked(&args, STEP, KEY_BITS) {
        return;
    }
    let mut pos = Vec::new();
    let (mut epochs, mut min_count, mut folds) = (8usize, 2usize, 0usize);
    // Weight step (weights are ×1000) and feature-hash bits kept in the shipped model: see Model::to_bytes.
    let (mut step, mut key_bits) = (STEP, KEY_BITS);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--epochs" => epochs = it.next().and_then(|v| v.parse().ok()).expect("--epochs N"),
            "--min-count" => min_count = it.next().and_then(|v| v.parse().ok()).expect("--min-count N"),
            "--folds" => folds = it.next().and_then(|v| v.parse().ok()).expect("--folds K"),
            "--step" => step = it.next().and_then(|v| v.parse().ok()).expect("--step N"),
            "--key-bits" => key_bits = it.next().and_then(|v| v.parse().ok()).expect("--key-bits N"),
            _ => pos.push(a.clone()),
        }
    }
    let [input, out] = &pos[..] else {
        eprintln!("usage: train_ner_ar ANERCORP.conll OUT.bin [--epochs N] [--min-count N] [--folds K] [--step N] [--key-bits N]");
        std::process::exit(2);
    };
    let t0 = std::time::Instant::now();
    let data = read(input);
    eprintln!("{} sentences read in {:.1}s", data.len(), t0.elapsed().as_secs_f64());
    if folds >= 2 {
        let (mut tp, mut np, mut ng) = (0, 0, 0);
        for k in 0..folds {
            // Contiguous folds: neighbouring sentences share articles, so this is the honest split.
            let lo = data.len() * k / folds;
            let hi = data.len() * (k + 1) / folds;
            let train_set: Vec<&Sentence> = data.iter().enumerate().filter(|(i, _)| *i < lo || *i >= hi).map(|x| x.1).collect();
            let test_set: Vec<&Sentence> = data[lo..hi].iter().collect();
            let model = Model::from_bytes(&train(&train_set, epochs, min_count, (step, key_bits))).expect("model round-trips");
            let (a, b, c) = score(&model, &test_set);
            eprintln!("fold {}: F1 {:.3}", k + 1, 2.0 * a as f64 / (b + c).max(1) as f64);
            tp += a;
            np += b;
            ng += c;
        }
        let (p, r) = (tp as f64 / np.max(1) as f64, tp as f64 / ng.max(1) as f64);
        eprintln!("{folds}-fold cross-validated PER/ORG/LOC exact span: P {p:.3} R {r:.3} F1 {:.3}", 2.0 * p * r / (p + r).max(1e-9));
    }
    let all: Vec<&Sentence> = data.iter().collect();
    let bytes = train(&all, epochs, min_count, (step, key_bits));
    std::fs::write(out, &bytes).unwrap_or_else(|e| panic!("cannot write {out}: {e}"));
    eprintln!("model: {} bytes compressed, {:.1}s", bytes.len(), t0.elapsed().as_secs_f64());
}
