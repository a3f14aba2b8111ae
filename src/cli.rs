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
    let an = analyze(&req.text, &opts);
    // Echo the id exactly as given (a number stays a number): the analysis's own id is left out.
    debug_assert!(an.id.is_none());
    let id = serde_json::to_vec(&req.id).map_err(|e| e.to_string())?;
    sorted_json::to_string(&an, vec![("id".to_string(), id)]).map(Some).map_err(|e| e.to_string())
}

/// JSON with every object's keys in byte order, as the CLI has always written it (it went through
/// `serde_json::Value`, whose maps are sorted), without building that tree of values: building,
/// writing and dropping it cost a fifteenth of the CLI's time on Arabic news.
mod sorted_json {
    use serde::ser::{self, Serialize};
    use std::borrow::Cow;

    type Error = serde_json::Error;

    /// A member written: its key and its byte range in the output (without its comma).
    type Member = (Cow<'static, str>, usize, usize);

    /// `value` as JSON, with `extra` (key, JSON) members added to its top-level object (replacing
    /// a member of the same key, as inserting into the sorted map did).
    pub fn to_string<T: Serialize>(value: &T, extra: Vec<(String, Vec<u8>)>) -> Result<String, Error> {
        let mut out = Vec::with_capacity(4096);
        let mut stack = Vec::with_capacity(64);
        value.serialize(Ser { out: &mut out, stack: &mut stack, extra })?;
        Ok(String::from_utf8(out).expect("serde_json writes UTF-8"))
    }

    fn leaf<T: Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) -> Result<(), Error> {
        serde_json::to_writer(out, v)
    }

    pub struct Ser<'a> {
        out: &'a mut Vec<u8>,
        /// The members of the objects being written, innermost last (an object's are contiguous:
        /// a nested object's are gone when its member is recorded), so that no object allocates.
        stack: &'a mut Vec<Member>,
        extra: Vec<(String, Vec<u8>)>,
    }

    impl<'a> Ser<'a> {
        fn nested(out: &'a mut Vec<u8>, stack: &'a mut Vec<Member>) -> Ser<'a> {
            Ser { out, stack, extra: Vec::new() }
        }
    }

    pub struct Seq<'a> {
        out: &'a mut Vec<u8>,
        stack: &'a mut Vec<Member>,
        first: bool,
        close: &'static [u8],
    }

    /// An object being written: its members go out as they come (`"key":value`, comma-separated,
    /// from byte `start`), and `finish` reorders them only when their keys are out of order (the
    /// bytes moved, not serialised again). `variant` wraps it as `{"variant": …}`.
    pub struct Obj<'a> {
        out: &'a mut Vec<u8>,
        stack: &'a mut Vec<Member>,
        /// Where this object's members start in `stack`.
        base: usize,
        start: usize,
        key: Option<String>,
        variant: bool,
        /// Members added after the value's own (see [`to_string`]).
        extra: Vec<(String, Vec<u8>)>,
    }

    impl<'a> Obj<'a> {
        fn new(ser: Ser<'a>, variant: bool) -> Obj<'a> {
            ser.out.push(b'{');
            let (start, base) = (ser.out.len(), ser.stack.len());
            Obj { out: ser.out, stack: ser.stack, base, start, key: None, variant, extra: ser.extra }
        }

        fn member(&mut self, key: Cow<'static, str>, write: impl FnOnce(Ser) -> Result<(), Error>) -> Result<(), Error> {
            if self.stack.len() > self.base {
                self.out.push(b',');
            }
            let at = self.out.len();
            leaf(self.out, key.as_ref())?;
            self.out.push(b':');
            write(Ser::nested(self.out, self.stack))?;
            self.stack.push((key, at, self.out.len()));
            Ok(())
        }

        fn finish(mut self) -> Result<(), Error> {
            for (key, json) in std::mem::take(&mut self.extra) {
                self.member(Cow::Owned(key), |ser| {
                    ser.out.extend_from_slice(&json);
                    Ok(())
                })?;
            }
            let members = &mut self.stack[self.base..];
            if !members.windows(2).all(|w| w[0].0 < w[1].0) {
                // A stable sort: of two members with one key, the later one wins, as in the map.
                members.sort_by(|a, b| a.0.cmp(&b.0));
                // The members in order after the object's bytes, which then make way for them.
                let end = self.out.len();
                let mut first = true;
                for (k, (key, a, b)) in members.iter().enumerate() {
                    if members.get(k + 1).is_some_and(|next| next.0 == *key) {
                        continue;
                    }
                    if !first {
                        self.out.push(b',');
                    }
                    first = false;
                    self.out.extend_from_within(*a..*b);
                }
                self.out.drain(self.start..end);
            }
            self.stack.truncate(self.base);
            self.out.push(b'}');
            if self.variant {
                self.out.push(b'}');
            }
            Ok(())
        }
    }

    impl Seq<'_> {
        fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
            if !self.first {
                self.out.push(b',');
            }
            self.first = false;
            v.serialize(Ser::nested(self.out, self.stack))
        }
        fn finish(self) -> Result<(), Error> {
            self.out.extend_from_slice(self.close);
            Ok(())
        }
    }

impl<'a> ser::Serializer for Ser<'a> {
        type Ok = ();
        type Error = Error;
        type SerializeSeq = Seq<'a>;
        type SerializeTuple = Seq<'a>;
        type SerializeTupleStruct = Seq<'a>;
        type SerializeTupleVariant = Seq<'a>;
        type SerializeMap = Obj<'a>;
        type SerializeStruct = Obj<'a>;
        type SerializeStructVariant = Obj<'a>;

        fn serialize_bool(self, v: bool) -> Result<(), Error> {
            leaf(self.out, &v)
        }
        fn serialize_i8(self, v: i8) -> Result<(), Error> {
            leaf(self.out, &v)
        }
        fn serialize_i16(self, v: i16) -> Result<(), Error> {
            leaf(self.out, &v)
        }
        fn serialize_i32(self, v: i32) -> Result<(), Error> {
            leaf(self.out, &v)
        }
        fn serialize_i64(self, v: i64) -> Result<(), Error> {
            leaf(self.out, &v)
        }
        fn serialize_u8(self, v: u8) -> Result<(), Error> {
            leaf(self.out, &v)
        }
        fn serialize_u16(self, v: u16) -> Result<(), Error> {
            leaf(self.out, &v)
        }
        fn serialize_u32(self, v: u32) -> Result<(), Error> {
            leaf(self.out, &v)
        }
        fn serialize_u64(self, v: u64) -> Result<(), Error> {
            leaf(self.out, &v)
        }
        // The value tree held an f32 as the f64 it converts to.
        fn serialize_f32(self, v: f32) -> Result<(), Error> {
            leaf(self.out, &(v as f64))
        }
        fn serialize_f64(self, v: f64) -> Result<(), Error> {
            leaf(self.out, &v)
        }
        fn serialize_char(self, v: char) -> Result<(), Error> {
            leaf(self.out, &v)
        }
        fn serialize_str(self, v: &str) -> Result<(), Error> {
            leaf(self.out, v)
        }
        fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
            leaf(self.out, v)
        }
        fn serialize_none(self) -> Result<(), Error> {
            self.out.extend_from_slice(b"null");
            Ok(())
        }
        fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Error> {
            v.serialize(self)
        }
        fn serialize_unit(self) -> Result<(), Error> {
            self.serialize_none()
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
            self.serialize_none()
        }
        fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), Error> {
            leaf(self.out, variant)
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<(), Error> {
            v.serialize(self)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, variant: &'static str, v: &T) -> Result<(), Error> {
            self.out.push(b'{');
            leaf(self.out, variant)?;
            self.out.push(b':');
            v.serialize(Ser::nested(self.out, self.stack))?;
            self.out.push(b'}');
            Ok(())
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Seq<'a>, Error> {
            self.out.push(b'[');
            Ok(Seq { out: self.out, stack: self.stack, first: true, close: b"]" })
        }
        fn serialize_tuple(self, len: usize) -> Result<Seq<'a>, Error> {
            self.serialize_seq(Some(len))
        }
        fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'a>, Error> {
            self.serialize_seq(Some(len))
        }
        fn serialize_tuple_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Seq<'a>, Error> {
            self.out.push(b'{');
            leaf(self.out, variant)?;
            self.out.extend_from_slice(b":[");
            Ok(Seq { out: self.out, stack: self.stack, first: true, close: b"]}" })
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Obj<'a>, Error> {
            Ok(Obj::new(self, false))
        }
        fn serialize_struct(self, _: &'static str, _: usize) -> Result<Obj<'a>, Error> {
            self.serialize_map(None)
        }
        fn serialize_struct_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Obj<'a>, Error> {
            self.out.push(b'{');
            leaf(self.out, variant)?;
            self.out.push(b':');
            Ok(Obj::new(self, true))
        }
    }

    // The four sequence shapes write alike: one element after another, then the closing bytes.
    macro_rules! sequence_shape {
        ($($trait:ident :: $method:ident),*) => {$(
            impl ser::$trait for Seq<'_> {
                type Ok = ();
                type Error = Error;
                fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
                    self.element(v)
                }
                fn end(self) -> Result<(), Error> {
                    self.finish()
                }
            }
        )*};
    }
    sequence_shape!(SerializeSeq::serialize_element, SerializeTuple::serialize_element, SerializeTupleStruct::serialize_field,
        SerializeTupleVariant::serialize_field);

    impl ser::SerializeMap for Obj<'_> {
        type Ok = ();
        type Error = Error;
        fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
            // The value tree's keys are strings (numbers and the like written as strings).
            self.key = Some(match serde_json::to_value(key)? {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            });
            Ok(())
        }
        fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
            let key = self.key.take().unwrap_or_default();
            self.member(Cow::Owned(key), |ser| v.serialize(ser))
        }
        fn end(self) -> Result<(), Error> {
            self.finish()
        }
    }

    // A struct and a struct variant write their fields alike (the variant's wrapper opened before).
    macro_rules! struct_shape {
        ($($trait:ident),*) => {$(
            impl ser::$trait for Obj<'_> {
                type Ok = ();
                type Error = Error;
                fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Error> {
                    self.member(Cow::Borrowed(key), |ser| v.serialize(ser))
                }
                fn end(self) -> Result<(), Error> {
                    self.finish()
                }
            }
        )*};
    }
    struct_shape!(SerializeStruct, SerializeStructVariant);
}
