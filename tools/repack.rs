//! `--repack OLD.bin OUT.bin [--step N] [--key-bits N]`, of the English training tool: rewrites a
//! model of the first format (KTG1) in the current one, from its weights, without retraining.

use khabar::stages::tagger::{Model, ktg1_rows};

/// Runs the repack when `args` ask for it (and says so), with the tool's own defaults.
pub fn run_if_asked(args: &[String], default_step: i16, default_key_bits: u32) -> bool {
    if args.first().map(String::as_str) != Some("--repack") {
        return false;
    }
    let (input, out) = (&args[1], &args[2]);
    let flag = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok());
    let (step, key_bits) = (flag("--step").unwrap_or(default_step as u32) as i16, flag("--key-bits").unwrap_or(default_key_bits));
    let old = std::fs::read(input).unwrap_or_else(|e| panic!("cannot read {input}: {e}"));
    let (tags, rows) = ktg1_rows(&old).expect("a KTG1 model");
    let bytes = Model::to_bytes(&tags, &rows, step, key_bits);
    std::fs::write(out, &bytes).unwrap_or_else(|e| panic!("cannot write {out}: {e}"));
    eprintln!("{} rows repacked: {} to {} bytes", rows.len(), old.len(), bytes.len());
    true
}
