//! Native benchmark: start-up cost and analysis throughput on real news, checked against the
//! budgets in BENCHMARKS.md. Run: `cargo bench --bench analyze` (add `-- --quick` for one pass).
//! Timings are medians over repeated passes; budgets are reported, never asserted in tests.

use std::io::Read;
use std::time::Instant;

use khabar::{Lang, Options, analyze};

struct Corpus {
    name: &'static str,
    lang: Lang,
    docs: Vec<(String, Option<chrono::NaiveDate>)>,
}

fn shared() -> std::path::PathBuf {
    std::env::var_os("KHABAR_SHARED").map(Into::into).unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared").into())
}

fn arabic_news(limit: usize) -> Corpus {
    let path = shared().join("corpus/news/aawsat-2015.jsonl.gz");
    let mut raw = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&path).expect("news corpus")).read_to_string(&mut raw).unwrap();
    let docs = raw
        .lines()
        .take(limit)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| {
            let date = v["date"].as_str().and_then(|d| khabar::parse_date(d).ok());
            (v["text"].as_str().unwrap_or_default().to_string(), date)
        })
        .collect();
    Corpus { name: "Arabic news (Asharq Al-Awsat 2015)", lang: Lang::Ar, docs }
}

fn english_news(limit: usize) -> Corpus {
    let dir = shared().join("corpus/quotes/polnear/train/text");
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("PolNeAR train").flatten().map(|e| e.path()).collect();
    files.sort();
    let docs = files.iter().take(limit).filter_map(|p| std::fs::read_to_string(p).ok()).map(|t| (t, chrono::NaiveDate::from_ymd_opt(2016, 9, 1))).collect();
    Corpus { name: "English news (PolNeAR train)", lang: Lang::En, docs }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let passes = if quick { 1 } else { 5 };

    // Start-up: decoding the gazetteer and the Arabic pack's tables (the heavier pack; each pack's
    // are decoded on its first use), as a fresh process or page would before a first Arabic text.
    let startup: Vec<f64> = (0..passes.max(3))
        .map(|_| {
            let t = Instant::now();
            let r = khabar::stages::Resources::build();
            std::hint::black_box(r.arabic());
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    let startup = median(startup);
    println!("| start-up (gazetteer + Arabic tables) | {startup:.2} ms | budget 50 ms (browser) |");
    let _ = khabar::stages::resources();

    let mut over_budget = false;
    for corpus in [arabic_news(if quick { 300 } else { 1500 }), english_news(if quick { 200 } else { 840 })] {
        let words: usize = corpus.docs.iter().map(|(t, _)| t.split_whitespace().count()).sum();
        let bytes: usize = corpus.docs.iter().map(|(t, _)| t.len()).sum();
        let mut times = Vec::new();
        for _ in 0..passes {
            let t = Instant::now();
            for (text, date) in &corpus.docs {
                std::hint::black_box(analyze(text, &Options { lang: Some(corpus.lang), date: *date }));
            }
            times.push(t.elapsed().as_secs_f64());
        }
        let secs = median(times);
        let ms_per_kw = secs * 1e3 / (words as f64 / 1000.0);
        let mbs = bytes as f64 / 1e6 / secs;
        let ok = ms_per_kw <= 1.0;
        over_budget |= !ok;
        println!(
            "| {} | {} docs, {} words, {:.1} MB | {:.3} ms / 1000 words | {:.1} MB/s | budget 1 ms / 1000 words: {} |",
            corpus.name,
            corpus.docs.len(),
            words,
            bytes as f64 / 1e6,
            ms_per_kw,
            mbs,
            if ok { "met" } else { "NOT met" }
        );
    }
    // One long article: analysis must stay linear in the text (a 1 MB paste in the browser).
    let long = arabic_news(if quick { 200 } else { 1500 });
    let mut text = String::new();
    for (t, _) in &long.docs {
        if text.len() >= 1_000_000 {
            break;
        }
        text.push_str(t.trim());
        text.push_str("\n\n");
    }
    let words = text.split_whitespace().count();
    let times: Vec<f64> = (0..passes.max(3))
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(analyze(&text, &Options { lang: Some(Lang::Ar), date: None }));
            t.elapsed().as_secs_f64()
        })
        .collect();
    let secs = median(times);
    println!(
        "| one long Arabic article (news joined) | {:.2} MB, {} words | {:.3} ms / 1000 words | {:.0} ms in all | linear: same order as the row above |",
        text.len() as f64 / 1e6,
        words,
        secs * 1e3 / (words as f64 / 1000.0),
        secs * 1e3
    );
    if over_budget {
        println!("a throughput budget is not met (see BENCHMARKS.md)");
    }
}
