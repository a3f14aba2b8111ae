//! Long-running fuzzer for `analyze` on stable Rust (cargo-fuzz needs nightly, which this project
//! cannot fetch). Generates inputs from a grammar of news fragments, byte mutations of the corpus
//! in fuzz/corpus/, and raw random UTF-8; checks every invariant in `khabar::validate` and catches
//! panics. Findings are written to fuzz/findings/ and the run exits non-zero.
//!
//!   cargo run --release --example fuzz -- --seconds 600        (the per-change long run)
//!   cargo run --release --example fuzz -- --seconds 20         (what the test command runs)

use khabar::{Lang, Options, analyze, validate::validate};
use std::time::{Duration, Instant};

const FRAGMENTS: &[&str] = &[
    "قال",
    "قالت",
    "وأضاف",
    "مضيفا أن",
    "أكد أن",
    "أعلن",
    "بحسب",
    "وفقا لـ",
    "حسب قول",
    "جاء فيه",
    "الرئيس",
    "وزير الخارجية",
    "فلاديمير بوتين",
    "بوتين",
    "هولاند",
    "«",
    "»",
    "«داعش»",
    "\"",
    "(",
    ")",
    "أمس",
    "يوم أمس",
    "غدا",
    "اليوم",
    "يوم الخميس",
    "المقبل",
    "26 نوفمبر",
    "تشرين الثاني",
    "الأسبوع القادم",
    "خلال 48 يوما الماضية",
    "2015",
    "سوريا",
    "وبروسيا",
    "للرقة",
    "ريف دمشق",
    "مطار حميميم",
    "«تو - 95 إم إس»",
    "34 صاروخًا",
    "مسؤول أميركي",
    "، ",
    "؛ ",
    ". ",
    "؟ ",
    "\n",
    "\n\n",
    "The",
    "President",
    "Obama",
    "said",
    "said that",
    "told reporters",
    "according to",
    "“",
    "”",
    "'",
    "he",
    "she",
    "they",
    "on Monday",
    "next week",
    "last year",
    "March 14",
    "two days ago",
    "in 2016",
    "U.S.",
    "Mr.",
    "Sen.",
    "Inc.",
    "'s",
    "Washington",
    "Paris",
    "Texas",
    "United Nations",
    "UN",
    "GENEVA —",
    "(Reuters)",
    "\u{200f}",
    "\u{200e}",
    "\u{200b}",
    "\u{064E}",
    "\u{0651}",
    "ـ",
    "—",
    "-",
    "١٢٣",
    "۴۵",
    "٫",
    "\t",
    "\r\n",
    "Ωμέγα",
    "Москва",
    "日本",
    "🙂",
    "\u{0301}",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn from_grammar(rng: &mut Rng) -> String {
    let n = rng.below(200);
    let mut s = String::new();
    for _ in 0..n {
        s.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
        if rng.below(3) > 0 {
            s.push(' ');
        }
    }
    s
}

fn mutate(rng: &mut Rng, seed: &str) -> String {
    let mut bytes = seed.as_bytes().to_vec();
    for _ in 0..1 + rng.below(8) {
        if bytes.is_empty() {
            break;
        }
        let at = rng.below(bytes.len());
        match rng.below(4) {
            0 => bytes[at] = rng.next() as u8,
            1 => {
                bytes.remove(at);
            }
            2 => {
                let frag = FRAGMENTS[rng.below(FRAGMENTS.len())].as_bytes();
                bytes.splice(at..at, frag.iter().copied());
            }
            _ => {
                let end = (at + rng.below(64)).min(bytes.len());
                let piece = bytes[at..end].to_vec();
                bytes.splice(at..at, piece);
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn random_utf8(rng: &mut Rng) -> String {
    let n = rng.below(400);
    (0..n).filter_map(|_| char::from_u32((rng.next() % 0x3000) as u32)).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds: u64 = args.iter().position(|a| a == "--seconds").and_then(|i| args.get(i + 1)).and_then(|s| s.parse().ok()).unwrap_or(60);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut corpus: Vec<String> =
        std::fs::read_dir(dir.join("corpus")).map(|rd| rd.flatten().filter_map(|e| std::fs::read_to_string(e.path()).ok()).collect()).unwrap_or_default();
    if corpus.is_empty() {
        corpus.push("قال الرئيس أمس: «نعم». The President said \"yes\" on Monday.".into());
    }
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1) | 1;
    let mut rng = Rng(seed);
    std::panic::set_hook(Box::new(|_| {}));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut runs, mut findings) = (0u64, 0u64);
    while Instant::now() < deadline {
        let text = match rng.below(3) {
            0 => from_grammar(&mut rng),
            1 => {
                let i = rng.below(corpus.len());
                mutate(&mut rng, &corpus[i])
            }
            _ => random_utf8(&mut rng),
        };
        let lang = [Some(Lang::Ar), Some(Lang::En), None][rng.below(3)];
        let date = if rng.below(4) == 0 {
            None
        } else {
            chrono::NaiveDate::from_ymd_opt(2000 + rng.below(30) as i32, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32)
        };
        let result = std::panic::catch_unwind(|| {
            let an = analyze(&text, &Options { lang, date });
            validate(&text, &an)
        });
        runs += 1;
        let problem = match result {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e),
            Err(p) => {
                Some(format!("panic: {}", p.downcast_ref::<String>().cloned().or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()))
            }
        };
        if let Some(problem) = problem {
            findings += 1;
            let out = dir.join("findings");
            let _ = std::fs::create_dir_all(&out);
            let name = out.join(format!("finding-{seed:x}-{runs}.txt"));
            let _ = std::fs::write(&name, &text);
            eprintln!("FINDING ({lang:?}, {date:?}): {problem}\n  input saved to {}", name.display());
        }
    }
    println!("fuzz: {runs} inputs in {seconds}s, {findings} findings (seed {seed:x})");
    std::process::exit(if findings == 0 { 0 } else { 1 });
}
