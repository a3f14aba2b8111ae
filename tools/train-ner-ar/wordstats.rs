//! How each word stem is used in unlabelled news, bucketed: evidence that a word is or is not a
//! name which the labelled data is too small to show. A name rarely takes the article or a
//! possessive suffix, rarely alternates imperfect-verb prefixes (يقدم، تقدم، سيقدم), is rarely
//! written with the accusative tanween (جالساً), and often follows a given name or a title.

use flate2::read::GzDecoder;
use khabar::Lang;
use khabar::lang::ar::arabic;
use khabar::lang::ar::clitics::{CONJUNCTIONS, PREPOSITIONS, has_article, peel};
use khabar::lang::ar::tagger::stem;
use khabar::stages::segment::Doc;
use rustc_hash::FxHashMap as HashMap;
use std::io::BufRead;

/// Stems kept: seen at least this often.
pub fn min_count() -> u32 { std::env::var("KH_MIN").ok().and_then(|v| v.parse().ok()).unwrap_or(5) }

/// Fields of a stem's statistics, 3 bits each (bucket 0 to 7).
pub const FIELDS: [&str; 7] = ["count", "article", "possessive", "verb_prefixes", "tanween", "after_given", "after_title"];

fn ratio_bucket(x: u32, n: u32) -> u32 {
    if x == 0 {
        return 0;
    }
    let r = x as f64 / n.max(1) as f64;
    match r {
        r if r < 0.02 => 1,
        r if r < 0.1 => 2,
        r if r < 0.3 => 3,
        r if r < 0.6 => 4,
        _ => 5,
    }
}

fn wide_bucket(x: u32, n: u32) -> u32 {
    if x == 0 {
        return 0;
    }
    let r = x as f64 / n.max(1) as f64;
    match r {
        r if r < 0.05 => 1,
        r if r < 0.3 => 2,
        r if r < 1.0 => 3,
        r if r < 3.0 => 4,
        _ => 5,
    }
}

/// Whether the folded token carries the article (after its conjunction and preposition).
fn definite(w: &str) -> bool {
    let core = peel(w, CONJUNCTIONS, 3).1;
    if core.starts_with("لل") && stem(w) != core {
        return true;
    }
    let (p, r) = peel(core, PREPOSITIONS, 0);
    (has_article(core) || (p > 0 && has_article(r))) && stem(w) != core
}

/// (stem, packed buckets) for every stem seen at least `MIN_COUNT` times in the news at `path`.
pub fn build(path: &str) -> Vec<(String, u32)> {
    let t0 = std::time::Instant::now();
    let ar = arabic();
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let reader = std::io::BufReader::new(GzDecoder::new(std::io::BufReader::new(file)));
    // Per folded token type: count, with tanween, after a given name, after a title.
    let mut types: HashMap<String, [u32; 4]> = HashMap::default();
    let mut given_cache: HashMap<String, (bool, bool)> = HashMap::default();
    for line in reader.lines() {
        let line = line.unwrap_or_else(|e| panic!("{path}: {e}"));
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        let Some(text) = v.get("text").and_then(|t| t.as_str()) else { continue };
        let doc = Doc::new(text, Lang::Ar);
        let mut prev = (false, false);
        for i in 0..doc.tokens.len() {
            let w = doc.ftok(i);
            let e = types.entry(w.to_string()).or_default();
            e[0] += 1;
            e[1] += u32::from(doc.otok(i).contains('\u{064B}'));
            e[2] += u32::from(prev.0);
            e[3] += u32::from(prev.1);
            prev = *given_cache.entry(w.to_string()).or_insert_with(|| (ar.is_any_given_name(w), ar.lexical(w).title()));
        }
    }
    eprintln!("word stats: {} types read in {:.0}s", types.len(), t0.elapsed().as_secs_f64());
    // Per stem: count, definite, tanween, after given, after title.
    let mut stems: HashMap<&str, [u32; 5]> = HashMap::default();
    for (w, c) in &types {
        if !w.chars().all(char::is_alphabetic) {
            continue;
        }
        let s = stem(w);
        if s.chars().count() < 2 {
            continue;
        }
        let e = stems.entry(s).or_default();
        e[0] += c[0];
        e[1] += if definite(w) { c[0] } else { 0 };
        e[2] += c[1];
        e[3] += c[2];
        e[4] += c[3];
    }
    let count = |s: &str| stems.get(s).map_or(0, |e| e[0]);
    let mut out = Vec::new();
    for (&s, e) in &stems {
        let n = e[0];
        if n < min_count() {
            continue;
        }
        // Possessive / object suffixes on the same stem (ة written ت before them).
        let base = s.strip_suffix('ة').map_or_else(|| s.to_string(), |b| format!("{b}ت"));
        let possessive: u32 = ["ه", "ها", "هم", "هما", "كم", "نا", "هن"].iter().map(|x| count(&format!("{base}{x}"))).sum();
        // Imperfect prefixes: the same core after another of ي ت ن, with or without future س.
        let core = s.strip_prefix('س').filter(|r| r.starts_with(['ي', 'ت', 'ن'])).unwrap_or(s);
        let verb = match core.strip_prefix(['ي', 'ت', 'ن']) {
            Some(c) if c.chars().count() >= 2 => {
                ["ي", "ت", "ن", "سي", "ست", "سن"].iter().map(|p| count(&format!("{p}{c}"))).sum::<u32>().saturating_sub(n)
            }
            _ => 0,
        };
        let nb = (32 - n.leading_zeros()).div_ceil(2).min(7);
        let fields = [nb, ratio_bucket(e[1], n), wide_bucket(possessive, n), wide_bucket(verb, n), ratio_bucket(e[2], n), ratio_bucket(e[3], n), ratio_bucket(e[4], n)];
        let packed = fields.iter().enumerate().fold(0u32, |a, (k, &b)| a | b << (3 * k));
        out.push((s.to_string(), packed));
    }
    out.sort();
    eprintln!("word stats: {} stems kept in {:.0}s", out.len(), t0.elapsed().as_secs_f64());
    out
}
