//! How well `khabar::metadata::detect` proposes an article's title, outlet, author and date, on
//! articles whose metadata is known (the gold set's `.meta.json`, SaudiNewsNet's fields).
//!
//! ```sh
//! cargo run --profile eval --example metadata_eval -- ../shared/corpus/gold ../shared/corpus/news/saudinewsnet.jsonl.gz [--limit N]
//! ```
//!
//! Each article is read twice:
//! - **body**: the text as the corpus stores it (no headline, no byline), as a reader pasting only
//!   the story would give it. Graded: the date (the dateline's, against the publication date) and
//!   the outlet;
//! - **page**: headline, byline and body on their own lines, as copied from the article's web page.
//!   Graded: the title (equal to the headline), the author (on articles with a byline: two words
//!   or more inside it, not the outlet), the outlet.
//!
//! An outlet is right when it is the publisher (`source`/`publisher`, through the table below) or
//! an agency or outlet the byline itself names (a gold field: «جنيف : (رويترز)», «واس (جدة)»).
//! Precision is right / proposed; coverage is proposed / articles.

use flate2::read::GzDecoder;
use khabar::metadata::{Metadata, detect};
use serde_json::Value;
use std::io::{BufRead, BufReader};

/// The corpora's publisher ids and the outlet names `data/meta/outlets.tsv` gives them.
const PUBLISHERS: &[(&str, &str)] = &[
    ("aawsat", "Asharq Al-Awsat"),
    ("okaz", "Okaz"),
    ("alriyadh", "Al Riyadh"),
    ("alwatan", "Al-Watan"),
    ("was", "Saudi Press Agency"),
    ("spa", "Saudi Press Agency"),
];

#[derive(Default)]
struct Tally {
    articles: usize,
    proposed: usize,
    right: usize,
    wrong: Vec<String>,
}

impl Tally {
    fn add(&mut self, proposed: Option<&str>, right: bool, note: String) {
        self.articles += 1;
        if proposed.is_some() {
            self.proposed += 1;
            if right {
                self.right += 1;
            } else if self.wrong.len() < 12 {
                self.wrong.push(note);
            }
        }
    }
    fn line(&self, name: &str) -> String {
        let pct = |a: usize, b: usize| if b == 0 { "-".to_string() } else { format!("{:.3}", a as f64 / b as f64) };
        format!(
            "{name:<14} articles {:>6}  proposed {:>6} (coverage {})  right {:>6} (precision {})",
            self.articles,
            self.proposed,
            pct(self.proposed, self.articles),
            self.right,
            pct(self.right, self.proposed)
        )
    }
}

struct Doc {
    id: String,
    source: String,
    date: Option<String>,
    title: Option<String>,
    byline: Option<String>,
    text: String,
}

fn clean(s: &str) -> String {
    s.replace("&nbsp;", " ").replace("&ndash;", "–").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn field(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).map(clean).filter(|s| !s.is_empty())
}

fn doc_of(v: &Value, text: String) -> Doc {
    Doc {
        id: field(v, "id").unwrap_or_default(),
        source: field(v, "source")
            .or_else(|| field(v, "publisher"))
            .or_else(|| field(v, "id").and_then(|i| i.split('-').next().map(str::to_string)))
            .unwrap_or_default(),
        date: field(v, "date"),
        title: field(v, "title"),
        byline: field(v, "author"),
        text,
    }
}

/// Whether the outlet is the publisher or one the byline names.
fn outlet_right(doc: &Doc, outlet: &str) -> bool {
    if PUBLISHERS.iter().any(|(id, name)| *id == doc.source && *name == outlet) {
        return true;
    }
    let Some(byline) = &doc.byline else { return false };
    // what the byline names, read the way detection reads a single stretch of text
    byline.split(|c: char| matches!(c, ':' | '-' | '–' | '—' | '(' | ')' | '،' | ',' | '|' | '«' | '»' | '"')).any(|part| {
        let m = detect(&format!("{}\nx y z", part.trim()));
        m.meta.outlet.as_deref() == Some(outlet)
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let limit = args.iter().position(|a| a == "--limit").and_then(|i| args.get(i + 1)).and_then(|n| n.parse::<usize>().ok()).unwrap_or(usize::MAX);
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--") && a.parse::<usize>().is_err()).collect();
    let mut docs: Vec<Doc> = Vec::new();
    for p in paths {
        let path = std::path::Path::new(p);
        if path.is_dir() {
            let mut metas: Vec<_> = std::fs::read_dir(path)
                .expect("readable directory")
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(".meta.json"))
                .collect();
            metas.sort();
            for m in metas {
                let v: Value = serde_json::from_str(&std::fs::read_to_string(&m).expect("meta")).expect("meta JSON");
                let txt = m.to_string_lossy().replace(".meta.json", ".txt");
                let text = std::fs::read_to_string(&txt).unwrap_or_default();
                docs.push(doc_of(&v, text));
            }
        } else {
            let file = std::fs::File::open(path).expect("corpus file");
            let reader: Box<dyn BufRead> = if p.ends_with(".gz") { Box::new(BufReader::new(GzDecoder::new(file))) } else { Box::new(BufReader::new(file)) };
            for line in reader.lines().map_while(Result::ok).take(limit) {
                let Ok(v) = serde_json::from_str::<Value>(&line) else { continue };
                let text = v.get("text").and_then(Value::as_str).unwrap_or_default().to_string();
                docs.push(doc_of(&v, text));
            }
        }
    }

    let (mut date, mut body_outlet, mut title, mut author, mut page_outlet) =
        (Tally::default(), Tally::default(), Tally::default(), Tally::default(), Tally::default());
    let mut spa = Tally::default();
    for d in &docs {
        if d.text.trim().is_empty() {
            continue;
        }
        let body = detect(&d.text);
        let right_date = body.date.is_some() && body.date == d.date;
        date.add(body.date.as_deref(), right_date, format!("{}: {:?} vs {:?}", d.id, body.date, d.date));
        let o = body.meta.outlet.as_deref();
        body_outlet.add(o, o.is_some_and(|o| outlet_right(d, o)), format!("{}: {:?} (source {}, byline {:?})", d.id, o, d.source, d.byline));
        if d.source == "was" || d.source == "spa" {
            spa.add(o, o == Some("Saudi Press Agency"), format!("{}: {:?}", d.id, o));
        }
        let Some(headline) = &d.title else { continue };
        let page = [Some(headline.as_str()), d.byline.as_deref(), Some(d.text.as_str())].into_iter().flatten().collect::<Vec<_>>().join("\n");
        let Metadata { title: t, author: a, outlet: po, .. } = detect(&page).meta;
        title.add(t.as_deref(), t.as_deref().map(clean).as_deref() == Some(headline.as_str()), format!("{}: {:?} vs {headline:?}", d.id, t));
        let byline = d.byline.clone().unwrap_or_default();
        // a person's name: inside the byline, two words or more (a one-word part is a place), not the outlet
        let a_right = a.as_deref().is_some_and(|a| byline.contains(a) && a.split_whitespace().count() >= 2 && po.as_deref().is_none_or(|o| !a.contains(o)));
        // graded where the corpus knows the byline
        if !byline.is_empty() {
            author.add(a.as_deref(), a_right, format!("{}: {:?} vs byline {byline:?}", d.id, a));
        }
        page_outlet.add(
            po.as_deref(),
            po.as_deref().is_some_and(|o| outlet_right(d, o)),
            format!("{}: {:?} (source {}, byline {byline:?})", d.id, po, d.source),
        );
    }
    for (name, t) in [
        ("date (body)", &date),
        ("outlet (body)", &body_outlet),
        ("outlet (SPA)", &spa),
        ("title (page)", &title),
        ("author (page)", &author),
        ("outlet (page)", &page_outlet),
    ] {
        println!("{}", t.line(name));
    }
    if args.iter().any(|a| a == "--wrong") {
        for (name, t) in [("date", &date), ("outlet body", &body_outlet), ("title", &title), ("author", &author), ("outlet page", &page_outlet)] {
            println!("\n-- wrong {name}");
            for w in &t.wrong {
                println!("  {w}");
            }
        }
    }
}
