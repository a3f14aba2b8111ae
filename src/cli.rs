//! The `khabar` command line: `khabar analyze` for one document or a JSON-lines stream.

use crate::{Lang, Options, analyze, parse_date};
use rayon::prelude::*;
use std::io::{BufRead, Read, Write};

const USAGE: &str = "usage:
  khabar analyze [--lang ar|en|auto] [--date YYYY-MM-DD] [FILE|-]
  khabar analyze --jsonl [--keep-going] [--jobs N] [FILE|-]
      reads {\"id\",\"text\",\"lang\"?,\"date\"?} lines, prints one Analysis JSON a line,
      in input order, on N threads (default: all cores)";

/// Runs the CLI; returns the process exit code. Errors are one line on stderr.
pub fn main(args: Vec<String>) -> i32 {
    match run(&args) {
        Ok(()) => 0,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "khabar: {e}");
            if e.starts_with("usage") { 2 } else { 1 }
        }
    }
}

#[derive(Default)]
struct Args {
    lang: Option<Lang>,
    date: Option<chrono::NaiveDate>,
    jsonl: bool,
    keep_going: bool,
    /// Threads for `--jsonl`; `None`: all cores.
    jobs: Option<usize>,
    input: Option<String>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut out = Args::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().cloned().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        match a.as_str() {
            "--lang" => {
                let v = value("--lang")?;
                out.lang = match v.as_str() {
                    "auto" => None,
                    other => Some(Lang::parse(other).ok_or_else(|| format!("unknown language {other:?}: use ar, en or auto"))?),
                }
            }
            "--date" => out.date = Some(parse_date(&value("--date")?)?),
            "--jsonl" => out.jsonl = true,
            "--keep-going" => out.keep_going = true,
            "--jobs" => {
                let v = value("--jobs")?;
                out.jobs = Some(v.parse().ok().filter(|&n| n > 0).ok_or_else(|| format!("bad --jobs {v:?}: use a number of threads, 1 or more"))?)
            }
            "-h" | "--help" => return Err(USAGE.to_string()),
            "-" => out.input = Some("-".into()),
            s if s.starts_with('-') => return Err(format!("unknown option {s}\n{USAGE}")),
            s => {
                if out.input.is_some() {
                    return Err(format!("more than one input file given\n{USAGE}"));
                }
                out.input = Some(s.to_string())
            }
        }
    }
    Ok(out)
}

fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("analyze") => {}
        Some("-h" | "--help") | None => return Err(USAGE.to_string()),
        Some(other) => return Err(format!("unknown command {other:?}\n{USAGE}")),
    }
    let a = parse_args(&args[1..])?;
    let path = a.input.clone().unwrap_or_else(|| "-".into());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if a.jsonl {
        let reader: Box<dyn BufRead> = if path == "-" {
            Box::new(std::io::BufReader::new(std::io::stdin()))
        } else {
            Box::new(std::io::BufReader::new(std::fs::File::open(&path).map_err(|e| format!("cannot open {path}: {e}"))?))
        };
        run_jsonl(reader, &mut out, &a)
    } else {
        let bytes = read_all(&path)?;
        let text = String::from_utf8(bytes).map_err(|e| format!("{}: input is not valid UTF-8 (at byte {})", name(&path), e.utf8_error().valid_up_to()))?;
        let json = analyze_document(&text, &Options { lang: a.lang, date: a.date }).map_err(|e| format!("{}: {e}", name(&path)))?;
        writeln!(out, "{json}").map_err(|e| format!("cannot write output: {e}"))?;
        out.flush().map_err(|e| format!("cannot write output: {e}"))
    }
}

fn name(path: &str) -> &str {
    if path == "-" { "stdin" } else { path }
}

fn read_all(path: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read stdin: {e}"))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    }
    Ok(bytes)
}

/// One whole document, as the single-document form of `analyze` prints it (the Python package's
/// `analyze` returns the same JSON).
pub fn analyze_document(text: &str, opts: &Options) -> Result<String, String> {
    if text.trim().is_empty() {
        return Err("input is empty: nothing to analyse".into());
    }
    serde_json::to_string(&analyze(text, opts)).map_err(|e| e.to_string())
}

/// One line of the `--jsonl` protocol.
#[derive(serde::Deserialize)]
struct Request {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

/// Lines analysed together by `--jobs N`: enough to keep every thread busy between two writes
/// (a batch waits for its slowest article), few enough to bound memory.
const LINES_PER_THREAD: usize = 64;
const BATCH_BYTES: usize = 32 << 20;

fn run_jsonl(mut reader: Box<dyn BufRead>, out: &mut impl Write, a: &Args) -> Result<(), String> {
    let jobs = a.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    // One thread reads, analyses and writes a line at a time, so a pipe gets each answer as soon
    // as it is ready; more threads analyse a batch of lines at once and write it in input order.
    let pool =
        if jobs > 1 { Some(rayon::ThreadPoolBuilder::new().num_threads(jobs).build().map_err(|e| format!("cannot start {jobs} threads: {e}"))?) } else { None };
    let batch_lines = if pool.is_some() { jobs * LINES_PER_THREAD } else { 1 };
    let mut line_no = 0usize;
    let mut failures = 0usize;
    let mut batch: Vec<Vec<u8>> = Vec::new();
    loop {
        batch.clear();
        let mut bytes = 0;
        while batch.len() < batch_lines && bytes < BATCH_BYTES {
            let mut buf = Vec::new();
            if reader.read_until(b'\n', &mut buf).map_err(|e| format!("cannot read input: {e}"))? == 0 {
                break;
            }
            bytes += buf.len();
            batch.push(buf);
        }
        if batch.is_empty() {
            break;
        }
        let results: Vec<Result<Option<String>, String>> = match &pool {
            Some(pool) => pool.install(|| batch.par_iter().map(|line| analyze_line(line, a)).collect()),
            None => batch.iter().map(|line| analyze_line(line, a)).collect(),
        };
        for result in results {
            line_no += 1;
            match result {
                Ok(Some(json)) => {
                    writeln!(out, "{json}").map_err(|e| format!("cannot write output: {e}"))?;
                }
                Ok(None) => {}
                Err(e) => {
                    let msg = format!("line {line_no}: {e}");
                    if !a.keep_going {
                        out.flush().map_err(|e| format!("cannot write output: {e}"))?;
                        return Err(msg);
                    }
                    failures += 1;
                    let _ = writeln!(std::io::stderr(), "khabar: {msg} (skipped)");
                }
            }
        }
    }
    out.flush().map_err(|e| format!("cannot write output: {e}"))?;
    if failures > 0 {
        return Err(format!("{failures} of {line_no} lines failed"));
    }
    Ok(())
}

/// The options of one request: its own language and date, else the given defaults (the flags').
/// The Python package resolves its arguments here too, so both accept and refuse the same values.
pub fn request_options(lang: Option<&str>, date: Option<&str>, defaults: &Options) -> Result<Options, String> {
    let lang = match lang {
        None | Some("auto") | Some("") => defaults.lang,
        Some(l) => Some(Lang::parse(l).ok_or_else(|| format!("unknown language {l:?}: use ar, en or auto"))?),
    };
    let date = match date {
        None | Some("") => defaults.date,
        Some(d) => Some(parse_date(d)?),
    };
    Ok(Options { lang, date })
}

fn analyze_line(raw: &[u8], a: &Args) -> Result<Option<String>, String> {
    let line = std::str::from_utf8(raw).map_err(|e| format!("not valid UTF-8 (at byte {})", e.valid_up_to()))?;
    if line.trim().is_empty() {
        return Ok(None);
    }
    let req: Request = serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"))?;
    let opts = request_options(req.lang.as_deref(), req.date.as_deref(), &Options { lang: a.lang, date: a.date })?;
    let mut an = analyze(&req.text, &opts);
    an.id = Some(match &req.id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let mut v = serde_json::to_value(&an).map_err(|e| e.to_string())?;
    // Echo the id exactly as given (a number stays a number).
    v["id"] = req.id;
    serde_json::to_string(&v).map(Some).map_err(|e| e.to_string())
}
