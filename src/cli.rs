//! The `khabar` command line: `khabar analyze` for one document or a JSON-lines stream.

use crate::{Lang, Options, analyze, parse_date};
use std::io::{BufRead, Read, Write};

const USAGE: &str = "usage:
  khabar analyze [--lang ar|en|auto] [--date YYYY-MM-DD] [FILE|-]
  khabar analyze --jsonl [--keep-going] [FILE|-]
      reads {\"id\",\"text\",\"lang\"?,\"date\"?} lines, prints one Analysis JSON a line";

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
        if text.trim().is_empty() {
            return Err(format!("{}: input is empty: nothing to analyse", name(&path)));
        }
        let an = analyze(&text, &Options { lang: a.lang, date: a.date });
        let json = serde_json::to_string(&an).map_err(|e| e.to_string())?;
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

#[derive(serde::Deserialize)]
struct Request {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

fn run_jsonl(mut reader: Box<dyn BufRead>, out: &mut impl Write, a: &Args) -> Result<(), String> {
    let mut line_no = 0usize;
    let mut failures = 0usize;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(|e| format!("cannot read input: {e}"))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        match analyze_line(&buf, a) {
            Ok(Some(json)) => {
                writeln!(out, "{json}").map_err(|e| format!("cannot write output: {e}"))?;
            }
            Ok(None) => {}
            Err(e) => {
                let msg = format!("line {line_no}: {e}");
                if !a.keep_going {
                    return Err(msg);
                }
                failures += 1;
                let _ = writeln!(std::io::stderr(), "khabar: {msg} (skipped)");
            }
        }
    }
    out.flush().map_err(|e| format!("cannot write output: {e}"))?;
    if failures > 0 {
        return Err(format!("{failures} of {line_no} lines failed"));
    }
    Ok(())
}

fn analyze_line(raw: &[u8], a: &Args) -> Result<Option<String>, String> {
    let line = std::str::from_utf8(raw).map_err(|e| format!("not valid UTF-8 (at byte {})", e.valid_up_to()))?;
    if line.trim().is_empty() {
        return Ok(None);
    }
    let req: Request = serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"))?;
    let lang = match req.lang.as_deref() {
        None | Some("auto") | Some("") => a.lang,
        Some(l) => Some(Lang::parse(l).ok_or_else(|| format!("unknown language {l:?}: use ar, en or auto"))?),
    };
    let date = match req.date.as_deref() {
        None | Some("") => a.date,
        Some(d) => Some(parse_date(d)?),
    };
    let mut an = analyze(&req.text, &Options { lang, date });
    an.id = Some(match &req.id {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    });
    let mut v = serde_json::to_value(&an).map_err(|e| e.to_string())?;
    // Echo the id exactly as given (a number stays a number).
    v["id"] = req.id;
    serde_json::to_string(&v).map(Some).map_err(|e| e.to_string())
}
