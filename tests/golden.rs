//! Golden regression tests: every `tests/golden/<lang>/<YYYY-MM-DD>_<name>.txt` is analysed with its
//! language and the date in its file name, and the Analysis JSON must equal `<same stem>.json`.
//! On a mismatch the test prints a line diff. `KHABAR_BLESS=1 cargo test --test golden` rewrites the
//! expected files from today's output (review the diff in git before committing it).

use std::path::{Path, PathBuf};

use khabar::{Lang, Options, analyze, parse_date};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn cases() -> Vec<(Lang, PathBuf)> {
    let mut out = Vec::new();
    for (code, lang) in [("ar", Lang::Ar), ("en", Lang::En)] {
        let dir = golden_dir().join(code);
        let mut texts: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        texts.sort();
        out.extend(texts.into_iter().map(|p| (lang, p)));
    }
    out
}

fn analysis_json(lang: Lang, text_path: &Path) -> String {
    let stem = text_path.file_stem().and_then(|s| s.to_str()).expect("a UTF-8 file name");
    let date = stem.split('_').next().expect("a date before '_' in the file name");
    let date = parse_date(date).unwrap_or_else(|e| panic!("{}: {e}", text_path.display()));
    let text = std::fs::read_to_string(text_path).expect("a UTF-8 text");
    let analysis = analyze(&text, &Options { lang: Some(lang), date: Some(date) });
    serde_json::to_string_pretty(&analysis).expect("an Analysis serialises") + "\n"
}

/// A unified-style line diff (longest common subsequence; golden files are small).
fn line_diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out += &format!("{:>5} - {}\n", i + 1, a[i]);
            i += 1;
        } else {
            out += &format!("{:>5} + {}\n", j + 1, b[j]);
            j += 1;
        }
    }
    out
}

#[test]
fn golden_analyses_are_unchanged() {
    let bless = std::env::var_os("KHABAR_BLESS").is_some();
    let mut failures = Vec::new();
    let all = cases();
    assert!(all.len() >= 4, "golden texts missing under {}", golden_dir().display());
    for (lang, text_path) in all {
        let actual = analysis_json(lang, &text_path);
        let expected_path = text_path.with_extension("json");
        if bless {
            std::fs::write(&expected_path, &actual).expect("write the expected file");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!("{} (- expected, + today; line numbers of each file):\n{}", expected_path.display(), line_diff(&expected, &actual)));
        }
    }
    assert!(failures.is_empty(), "output changed; if on purpose, re-bless with KHABAR_BLESS=1 cargo test --test golden\n\n{}", failures.join("\n"));
}

#[test]
fn the_diff_shows_changed_lines_only() {
    assert_eq!(line_diff("a\nb\nc\n", "a\nx\nc\n"), "    2 - b\n    2 + x\n");
    assert_eq!(line_diff("a\n", "a\n"), "");
}
