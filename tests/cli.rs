//! The CLI as a process: the protocol khabar-eval and batch engines rely on, and every error path.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn khabar(args: &[&str], stdin: &[u8]) -> Output {
    let mut child =
        Command::new(env!("CARGO_BIN_EXE_khabar")).args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("khabar runs");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    // Write on a thread: a large input must not deadlock against a full stdout pipe.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A failure is one line on stderr, a non-zero exit, and no panic message.
fn assert_clean_failure(o: &Output, needle: &str) {
    assert!(!o.status.success(), "should fail: {}", stderr(o));
    let err = stderr(o);
    assert!(err.contains(needle), "stderr {err:?} should mention {needle:?}");
    assert!(!err.contains("panicked"), "panic: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
}

#[test]
fn analyze_prints_one_analysis_json() {
    let o = khabar(&["analyze", "--lang", "en", "--date", "2020-05-04", "-"], b"The minister said on Monday that talks would resume.");
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["lang"], "en");
    assert_eq!(v["date"], "2020-05-04");
    for key in ["entities", "statements", "times"] {
        assert!(v[key].is_array(), "{key} is an array");
    }
}

#[test]
fn analyze_reads_a_file_and_detects_arabic() {
    let dir = std::env::temp_dir().join(format!("khabar-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("a.txt");
    std::fs::write(&file, "قال الوزير إن المحادثات ستستأنف غدا في القاهرة.").unwrap();
    let o = khabar(&["analyze", file.to_str().unwrap()], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["lang"], "ar");
    assert!(v["date"].is_null());
}

#[test]
fn jsonl_keeps_ids_and_order_in_one_process() {
    let input = concat!(
        r#"{"id":"a","text":"Officials in Cairo spoke.","lang":"en","date":"2021-01-02"}"#,
        "\n",
        "\n",
        r#"{"id":7,"text":"وصل الوفد إلى عمان أمس."}"#,
        "\n",
    );
    let o = khabar(&["analyze", "--jsonl", "-"], input.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = String::from_utf8(o.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "a");
    assert_eq!(lines[0]["date"], "2021-01-02");
    assert_eq!(lines[1]["id"], 7);
    assert_eq!(lines[1]["lang"], "ar");
}

#[test]
fn empty_input_is_refused() {
    assert_clean_failure(&khabar(&["analyze", "-"], b""), "empty");
    assert_clean_failure(&khabar(&["analyze", "-"], b" \n\t\n"), "empty");
}

#[test]
fn invalid_utf8_is_refused() {
    assert_clean_failure(&khabar(&["analyze", "-"], b"caf\xe9 \xff\xfe"), "UTF-8");
}

#[test]
fn bad_dates_and_languages_are_refused() {
    assert_clean_failure(&khabar(&["analyze", "--date", "2015-02-30", "-"], b"x"), "bad date");
    assert_clean_failure(&khabar(&["analyze", "--date", "yesterday", "-"], b"x"), "bad date");
    assert_clean_failure(&khabar(&["analyze", "--lang", "fr", "-"], b"x"), "unknown language");
}

#[test]
fn unknown_commands_and_options_are_refused() {
    let o = khabar(&["summarise"], b"");
    assert!(!o.status.success());
    assert!(stderr(&o).contains("unknown command"));
    let o = khabar(&["analyze", "--frobnicate"], b"");
    assert!(!o.status.success());
    assert!(stderr(&o).contains("unknown option"));
}

#[test]
fn missing_file_is_refused() {
    assert_clean_failure(&khabar(&["analyze", "/nonexistent/khabar/article.txt"], b""), "cannot read");
}

#[test]
fn jsonl_names_the_bad_line() {
    let input = "{\"id\":\"1\",\"text\":\"ok\"}\n{\"id\":\"2\",\"text\":\n";
    let o = khabar(&["analyze", "--jsonl", "-"], input.as_bytes());
    assert_clean_failure(&o, "line 2: malformed JSON");
    let input = "{\"id\":\"1\",\"text\":\"ok\",\"date\":\"2015-13-01\"}\n";
    assert_clean_failure(&khabar(&["analyze", "--jsonl", "-"], input.as_bytes()), "line 1: bad date");
    let input = "{\"text\":\"no id\"}\n";
    assert_clean_failure(&khabar(&["analyze", "--jsonl", "-"], input.as_bytes()), "line 1");
    assert_clean_failure(&khabar(&["analyze", "--jsonl", "-"], b"\xff\n"), "line 1: not valid UTF-8");
}

#[test]
fn jsonl_keep_going_skips_bad_lines_and_still_fails() {
    let input = "{\"id\":\"1\",\"text\":\"Paris\"}\nnot json\n{\"id\":\"3\",\"text\":\"Rome\"}\n";
    let o = khabar(&["analyze", "--jsonl", "--keep-going", "-"], input.as_bytes());
    assert!(!o.status.success(), "a skipped line still makes the run fail");
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    let ids: Vec<String> = out.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, ["1", "3"]);
    let err = stderr(&o);
    assert!(err.contains("line 2") && err.contains("skipped"), "{err}");
    assert!(!err.contains("panicked"));
}

/// `--jobs N` analyses batches of lines in parallel: stdout, stderr and the exit code must be the
/// bytes `--jobs 1` gives, whatever the mix of articles, blank lines and bad lines.
#[test]
fn jsonl_jobs_give_the_same_bytes_in_input_order() {
    let texts = [
        "Officials in Cairo said on Monday that talks would resume.",
        "قال الوزير إن المحادثات ستستأنف غدا في القاهرة.",
        "The minister told reporters in Paris: \"We will not give up.\"",
        "وصل الوفد إلى عمان أمس.",
    ];
    let mut input = String::new();
    for i in 0..300 {
        match i % 50 {
            7 => input.push('\n'),
            23 => input.push_str("{\"id\":23,\"text\":\"x\",\"date\":\"2015-02-30\"}\n"),
            _ => input.push_str(&format!("{}\n", serde_json::json!({"id": i, "text": texts[i % texts.len()].repeat(1 + i % 5), "date": "2015-07-21"}))),
        }
    }
    for extra in [&[][..], &["--keep-going"][..]] {
        let run = |jobs: &str| {
            let mut args = vec!["analyze", "--jsonl", "--jobs", jobs];
            args.extend_from_slice(extra);
            args.push("-");
            khabar(&args, input.as_bytes())
        };
        let one = run("1");
        assert!(!one.status.success(), "the bad date fails the run");
        assert!(!one.stdout.is_empty());
        for jobs in ["2", "3", "8"] {
            let many = run(jobs);
            assert_eq!(many.status.code(), one.status.code(), "--jobs {jobs} {extra:?}");
            assert!(many.stdout == one.stdout, "--jobs {jobs} {extra:?}: stdout differs from --jobs 1");
            assert_eq!(stderr(&many), stderr(&one), "--jobs {jobs} {extra:?}");
        }
    }
    assert_clean_failure(&khabar(&["analyze", "--jsonl", "--jobs", "0", "-"], b""), "--jobs");
    assert_clean_failure(&khabar(&["analyze", "--jsonl", "--jobs", "many", "-"], b""), "--jobs");
}

#[test]
fn hostile_inputs_never_crash() {
    let mut big = String::new();
    while big.len() < 5 * 1024 * 1024 {
        big.push_str("قال الرئيس الفرنسي أمس في باريس: «سنواصل». The minister said \"we will\" on Monday. ");
    }
    let one_line: String = "word ".repeat(200_000);
    let cases: Vec<Vec<u8>> = vec![
        big.into_bytes(),
        one_line.into_bytes(),
        ".,;:!?«»\"'()-–—…".repeat(1000).into_bytes(),
        "0123456789 ٠١٢٣٤٥٦٧٨٩ ".repeat(1000).into_bytes(),
        "\u{200f}\u{200e}\u{200b}\u{200d}\u{202e}abc\u{202c}".repeat(500).into_bytes(),
        "Путин и بوتين and Putin ".repeat(300).into_bytes(),
        b"<script>alert(1)</script><img src=x onerror=alert(2)>".to_vec(),
        "line one\r\nline two\r\n".repeat(100).into_bytes(),
        b"nul\0bytes\0inside\0text".to_vec(),
        "\u{064B}\u{0640}\u{0670}".repeat(2000).into_bytes(),
    ];
    for (i, case) in cases.iter().enumerate() {
        let o = khabar(&["analyze", "-"], case);
        assert!(o.status.success(), "case {i}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("case {i}: bad JSON {e}"));
        assert!(v["entities"].is_array(), "case {i}");
    }
}
