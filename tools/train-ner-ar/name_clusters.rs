//! Builds data/lang/ar/no_name_clusters.tsv: the word clusters (the first 8 bits of a stem's path
//! in data/lang/ar/clusters.bin) whose words the labelled NER data almost never tags as a person,
//! and those it almost never tags as a place: verbs (تمنح, ستؤثر, لنكن), adverbs (رسمياً), verbal
//! nouns (لمكافحة). The rule layer takes a word after a title or a reporting verb for a name, and
//! the gazetteer any word a town is called; a word of these clusters, alone, is neither.
//!
//!   cargo run --release --example name_clusters [-- --shared DIR]
//!
//! Counts every token of ANERcorp dev, NewsFANE train and AQMAR (../shared/corpus/ner) whose stem
//! is in the cluster vocabulary; a cluster is listed when it holds at least MIN_TOKENS of them and
//! fewer than MAX_RATE of them are (B- or I-) persons, or places. Rerun after the clusters are rebuilt.

use khabar::lang::ar::clitics::stem;
use khabar::lang::ar::word_clusters::{WordClusters, path_prefix};
use khabar::stages::normalize::fold;
use std::collections::BTreeMap;
use std::fmt::Write;

const DEPTH: u32 = 8;
const MIN_TOKENS: u32 = 100;
const MAX_RATE: f64 = 0.005;
const CORPORA: [&str; 3] = ["anercorp-dev.conll", "newsfane-train.conll", "aqmar.conll"];
const OUT: &str = "data/lang/ar/no_name_clusters.tsv";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shared = args.iter().position(|a| a == "--shared").and_then(|i| args.get(i + 1)).cloned().unwrap_or_else(|| "../shared".into());
    let bytes = std::fs::read("data/lang/ar/clusters.bin").expect("data/lang/ar/clusters.bin (run from the repository root)");
    let clusters = WordClusters::from_bytes(&bytes).expect("a word-cluster table");
    // prefix -> (tokens, persons, places)
    let mut counts: BTreeMap<u16, (u32, u32, u32)> = BTreeMap::new();
    for corpus in CORPORA {
        let path = format!("{shared}/corpus/ner/{corpus}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        for line in text.lines() {
            let mut cols = line.split_whitespace();
            let (Some(word), Some(tag)) = (cols.next(), cols.last()) else { continue };
            let Some(p) = clusters.path(stem(&fold(word))) else { continue };
            let c = counts.entry(path_prefix(p, DEPTH)).or_default();
            c.0 += 1;
            c.1 += u32::from(tag.ends_with("-PER") || tag.ends_with("-PERS"));
            c.2 += u32::from(tag.ends_with("-LOC"));
        }
    }
    let mut out = String::from(
        "# Word clusters whose words are almost never a person's name, or a place's: built by\n\
         # `cargo run --release --example name_clusters` from the labelled NER data and\n\
         # data/lang/ar/clusters.bin (see tools/train-ner-ar/name_clusters.rs). Do not edit.\n\
         # class (what its words are not)\tpath prefix (bits)\ttokens\tof them that kind\n",
    );
    for (class, kind) in [("person", 1), ("place", 2)] {
        for (prefix, c) in &counts {
            let hits = if kind == 1 { c.1 } else { c.2 };
            if c.0 >= MIN_TOKENS && f64::from(hits) < MAX_RATE * f64::from(c.0) {
                // the bits under the leading 1
                let bits = format!("{prefix:b}");
                writeln!(out, "{class}\t{}\t{}\t{hits}", &bits[1..], c.0).expect("writing to a string");
            }
        }
    }
    std::fs::write(OUT, &out).unwrap_or_else(|e| panic!("cannot write {OUT}: {e}"));
    let count = |class: &str| out.lines().filter(|l| l.starts_with(class)).count();
    eprintln!("{OUT}: {} clusters without persons, {} without places", count("person\t"), count("place\t"));
}
