//! Property tests: `analyze` holds its invariants for arbitrary text in both languages, and a short
//! fuzz pass over realistic fragments (the long run is `cargo run --release --example fuzz`).
#![cfg(not(target_arch = "wasm32"))]

use khabar::{Lang, Options, analyze, validate::validate};
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "قال الرئيس الروسي فلاديمير بوتين",
    "إن",
    "«",
    "»",
    "\"",
    "أمس",
    "يوم 26 نوفمبر",
    "الأسبوع القادم",
    "وأضاف أن",
    "بحسب",
    "وزير الدفاع",
    "في سوريا",
    "وبروسيا",
    "للرقة",
    "مطار",
    "«تو - 95 إم إس»",
    "2300 طلعة",
    "، ",
    ". ",
    "\n",
    "؟",
    "The",
    "President",
    "Barack Obama",
    "said",
    "told reporters",
    "according to",
    "“",
    "”",
    "on Thursday",
    "last week",
    "in December",
    "2016",
    "he",
    "she",
    "U.S.",
    "Sen.",
    "'s",
    "Washington",
    "Paris",
    "١٢٣",
    "٫",
    "\u{200f}",
    "\u{200b}",
    "\u{064E}",
    "ـ",
    "—",
    "-",
    "(",
    ")",
    "  ",
    "\r\n",
    "Ünïcödé",
    "日本",
    "🙂",
];

fn fragment_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|v| v.join(" "))
}

fn check(text: &str) -> Result<(), TestCaseError> {
    for lang in [Some(Lang::Ar), Some(Lang::En), None] {
        let opts = Options { lang, date: chrono::NaiveDate::from_ymd_opt(2015, 11, 18) };
        let an = analyze(text, &opts);
        if let Err(e) = validate(text, &an) {
            return Err(TestCaseError::fail(format!("{e}\nlang {lang:?}\ntext {text:?}")));
        }
        let undated = analyze(text, &Options { lang, date: None });
        if let Err(e) = validate(text, &undated) {
            return Err(TestCaseError::fail(format!("{e} (no date)\ntext {text:?}")));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_holds_invariants(text in "\\PC{0,300}") {
        check(&text)?;
    }

    #[test]
    fn news_like_fragments_hold_invariants(text in fragment_text()) {
        check(&text)?;
    }

    #[test]
    fn arabic_and_punctuation_soup_holds_invariants(text in "[\\u{0600}-\\u{06FF}«»\"'.,،؛؟!:\\- \\n0-9A-Za-z]{0,400}") {
        check(&text)?;
    }
}

#[test]
fn the_seed_article_holds_invariants() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/gold/seed-asharq-putin-hollande.txt");
    let text = std::fs::read_to_string(path).expect("../shared beside the checkout");
    check(&text).unwrap();
}

/// Inputs the fuzzer once crashed on (`fuzz/regressions/`, saved from `fuzz/findings/`): each must
/// now hold every invariant in both languages, dated and undated.
#[test]
fn past_fuzz_findings_hold_invariants() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("fuzz/regressions exists") {
        let path = entry.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        check(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        seen += 1;
    }
    assert!(seen > 0);
}
