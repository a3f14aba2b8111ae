//! Trains the English named-entity tagger shipped as data/models/en-ner.bin.
//!
//!   cargo run --release --example train_ner -- --repack OLD.bin OUT.bin [--step N] [--key-bits N]
//!   cargo run --release --example train_ner -- ../shared/corpus/ner/eng.train data/models/en-ner.bin [--epochs N] [--step N] [--key-bits N] [--dev FILE]
//!
//! Input: CoNLL-2003 (IOB1, tag in the last column). Labels become BIO over PER/ORG/LOC/MISC.
//! `--dev` only reports exact-span F1 on another file; it never feeds training.

#[path = "../repack.rs"]
mod repack;
#[path = "../shipped_deflate.rs"]
mod shipped_deflate;

use khabar::lang::en::ner_features;
use khabar::stages::tagger::{Model, Trainer};
use std::collections::{HashMap, HashSet};

const STEP: i16 = 32;
const KEY_BITS: u32 = 24;

const TAGS: [&str; 9] = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"];

fn read_conll(path: &str) -> Vec<(Vec<String>, Vec<u8>)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let mut out = Vec::new();
    let (mut words, mut labels): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let mut flush = |words: &mut Vec<String>, labels: &mut Vec<String>| {
        if words.is_empty() {
            return;
        }
        // IOB1 -> BIO: an I- that does not continue an entity of the same type begins one.
        let mut tags = Vec::new();
        let mut prev_type = String::new();
        for l in labels.iter() {
            let (bio, typ) = match l.split_once('-') {
                Some((p, t)) => (p, t.to_string()),
                None => ("O", String::new()),
            };
            let name = match bio {
                "O" => "O".to_string(),
                "B" => format!("B-{typ}"),
                _ if prev_type == typ => format!("I-{typ}"),
                _ => format!("B-{typ}"),
            };
            tags.push(TAGS.iter().position(|t| *t == name).unwrap_or(0) as u8);
            prev_type = if bio == "O" { String::new() } else { typ };
        }
        out.push((std::mem::take(words), tags));
        labels.clear();
    };
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with("-DOCSTART-") {
            flush(&mut words, &mut labels);
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        words.push(parts[0].to_string());
        labels.push(parts[parts.len() - 1].to_string());
    }
    flush(&mut words, &mut labels);
    out
}

fn spans(tags: &[u8]) -> HashSet<(usize, usize, u8)> {
    let mut out = HashSet::new();
    let mut start: Option<(usize, u8)> = None;
    for (i, &t) in tags.iter().chain(std::iter::once(&0)).enumerate() {
        let typ = (t + 1) / 2;
        let begins = t % 2 == 1;
        if let Some((s, ty)) = start {
            if t == 0 || begins || typ != ty {
                out.insert((s, i, ty));
                start = None;
            }
        }
        if t != 0 && start.is_none() {
            start = Some((i, typ));
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if repack::run_if_asked(&args, STEP, KEY_BITS) {
        return;
    }
    let mut pos = Vec::new();
    let (mut epochs, mut dev, mut min_count, mut min_weight) = (8usize, None, 2usize, 0i16);
    // Weight step (weights are ×1000) and feature-hash bits kept in the shipped model: see Model::to_bytes.
    let (mut step, mut key_bits) = (STEP, KEY_BITS);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--epochs" => epochs = it.next().and_then(|v| v.parse().ok()).expect("--epochs N"),
            "--min-count" => min_count = it.next().and_then(|v| v.parse().ok()).expect("--min-count N"),
            "--dev" => dev = it.next().cloned(),
            "--step" => step = it.next().and_then(|v| v.parse().ok()).expect("--step N"),
            "--key-bits" => key_bits = it.next().and_then(|v| v.parse().ok()).expect("--key-bits N"),
            "--min-weight" => min_weight = it.next().and_then(|v| v.parse().ok()).expect("--min-weight N"),
            _ => pos.push(a.clone()),
        }
    }
    let [train, out] = &pos[..] else {
        eprintln!("usage: train_ner TRAIN.conll OUT.bin [--epochs N] [--min-count N] [--min-weight N] [--step N] [--key-bits N] [--dev FILE]");
        std::process::exit(2);
    };
    let t0 = std::time::Instant::now();
    let data = read_conll(train);
    let feats: Vec<Vec<Vec<u32>>> = data.iter().map(|(w, _)| ner_features(&w.iter().map(String::as_str).collect::<Vec<_>>())).collect();
    let mut counts: HashMap<u32, usize> = HashMap::new();
    for s in &feats {
        for f in s.iter().flatten() {
            *counts.entry(*f).or_default() += 1;
        }
    }
    let tags: Vec<String> = TAGS.iter().map(|s| s.to_string()).collect();
    let mut trainer = Trainer::new(tags.clone());
    for (&k, &c) in &counts {
        if c >= min_count {
            trainer.allow(k);
        }
    }
    eprintln!("{} sentences, {} features kept of {}", data.len(), counts.values().filter(|&&c| c >= min_count).count(), counts.len());
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for e in 0..epochs {
        // Deterministic Fisher-Yates shuffle, so that the command reproduces the same model.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let errors: usize = order.iter().map(|&i| trainer.learn(&feats[i], &data[i].1)).sum();
        eprintln!("epoch {}: {} token errors", e + 1, errors);
    }
    let rows = trainer.finish(1000.0, min_weight);
    let bytes = shipped_deflate::shipped_deflate(&Model::to_bytes(&tags, &rows, step, key_bits));
    std::fs::write(out, &bytes).unwrap_or_else(|e| panic!("cannot write {out}: {e}"));
    eprintln!("{} rows, {} bytes compressed, {:.1}s", rows.len(), bytes.len(), t0.elapsed().as_secs_f64());
    if let Some(dev) = dev {
        let model = Model::from_bytes(&bytes).expect("model round-trips");
        let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
        for (w, g) in read_conll(&dev) {
            let pred = model.tag(&ner_features(&w.iter().map(String::as_str).collect::<Vec<_>>()));
            // MISC is not scored downstream: compare PER/ORG/LOC only.
            let keep = |s: HashSet<(usize, usize, u8)>| s.into_iter().filter(|x| x.2 != 4).collect::<HashSet<_>>();
            let (p, g) = (keep(spans(&pred)), keep(spans(&g)));
            tp += p.intersection(&g).count();
            np += p.len();
            ng += g.len();
        }
        let (p, r) = (tp as f64 / np.max(1) as f64, tp as f64 / ng.max(1) as f64);
        eprintln!("dev PER/ORG/LOC exact span: P {p:.3} R {r:.3} F1 {:.4}", 2.0 * p * r / (p + r).max(1e-9));
    }
}
