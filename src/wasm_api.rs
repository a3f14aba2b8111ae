//! The core's JavaScript face, for the analysis Web Worker (`public/worker.js`) and the browser
//! benchmark (`tests/bench.browser.mjs`). The same wasm binary runs the app in the page and the
//! analysis in the worker: in a worker the start function mounts nothing (see `main.rs`).
//!
//! Everything crosses as strings: the analysis as JSON (the app reads it back with serde), the
//! benchmark's texts as a JSON array. Bad input comes back as a JavaScript error, never a panic.

use crate::{Lang, Options};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`: exists in windows and workers alike.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

fn options(lang: &str, date: &str) -> Result<Options, JsError> {
    let lang = match lang.trim() {
        "" | "auto" => None,
        code => Some(Lang::parse(code).ok_or_else(|| JsError::new(&format!("unknown language {code:?}: expected ar, en or auto")))?),
    };
    let date = match date.trim() {
        "" => None,
        d => Some(crate::parse_date(d).map_err(|e| JsError::new(&e))?),
    };
    Ok(Options { lang, date })
}

/// Analyse one article: `lang` is "ar", "en" or "auto"/""; `date` is YYYY-MM-DD or "".
/// Returns the [`crate::Analysis`] as JSON.
#[wasm_bindgen]
pub fn analyze_json(text: &str, lang: &str, date: &str) -> Result<String, JsError> {
    let analysis = crate::analyze(text, &options(lang, date)?);
    serde_json::to_string(&analysis).map_err(|e| JsError::new(&e.to_string()))
}

/// Decode everything analysis needs once for the process (gazetteer, lexicons, both taggers'
/// models, some decoded on first use) ahead of the first article, by analysing a line in each language.
#[wasm_bindgen]
pub fn warm_up() {
    let _ = crate::stages::resources();
    for (text, lang) in [("قال الرئيس في القاهرة يوم الاثنين إن المحادثات ستستمر.", Lang::Ar), ("The president said in Cairo on Monday that talks would go on.", Lang::En)] {
        std::hint::black_box(crate::analyze(text, &Options { lang: Some(lang), date: None }));
    }
}

/// The worker's idle-time warm-up, one step per call (`step` from 0): analyse one of the app's
/// example articles as a request would be (JSON out). WebAssembly functions are compiled on their
/// first call and optimised once they have run enough, in the background; analysing small
/// articles before the first real one means it runs on compiled, mostly optimised code instead of
/// paying for that itself. Returns whether there are more steps.
#[wasm_bindgen]
pub fn warm_jit(step: u32) -> bool {
    const STEPS: u32 = 6;
    let (text, lang) = if step % 2 == 0 { (crate::app::EXAMPLE_AR, "ar") } else { (crate::app::EXAMPLE_EN, "en") };
    if step < STEPS {
        let _ = std::hint::black_box(analyze_json(text, lang, "2024-03-04"));
    }
    step + 1 < STEPS
}

/// Start-up cost in milliseconds: one fresh decode of the tables a first Arabic analysis needs
/// (gazetteer, calendars and the Arabic pack's, the heavier pack), as a new page pays it. Does not
/// touch the shared copy.
#[wasm_bindgen]
pub fn bench_startup_ms() -> f64 {
    let t = performance_now();
    let r = crate::stages::Resources::build();
    std::hint::black_box(r.arabic());
    let ms = performance_now() - t;
    std::hint::black_box(&r);
    ms
}

/// Milliseconds to analyse every text of `texts_json` (a JSON array of strings) once, in
/// `lang` ("ar", "en", "auto"), against `date` (YYYY-MM-DD or ""). The tables are decoded
/// before the clock starts.
#[wasm_bindgen]
pub fn bench_analyze_ms(texts_json: &str, lang: &str, date: &str) -> Result<f64, JsError> {
    let texts: Vec<String> = serde_json::from_slice(texts_json.as_bytes()).map_err(|e| JsError::new(&format!("texts: {e}")))?;
    let opts = options(lang, date)?;
    warm_up();
    let t = performance_now();
    for text in &texts {
        std::hint::black_box(crate::analyze(text, &opts));
    }
    Ok(performance_now() - t)
}
