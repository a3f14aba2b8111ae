//! `khabar._khabar`: the Rust core behind the Python package (`python/khabar/`).
//!
//! Each document goes through the CLI's own functions (`khabar::cli`): the same options, the same
//! messages, the same Analysis serialised by the same serde code. Python receives JSON text and
//! the package's `__init__.py` turns it into dicts, so no field is described twice.

use khabar::Options;
use khabar::cli::{analyze_document, request_options};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyString;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// A Python `str` as Rust text; a lone surrogate (which UTF-8 cannot hold) is reported like the
/// CLI reports bytes that are not UTF-8.
fn text_of(s: &Bound<'_, PyString>) -> Result<String, String> {
    match s.to_cow() {
        Ok(text) => Ok(text.into_owned()),
        Err(_) => {
            let at = s
                .call_method1("encode", ("utf-8", "surrogatepass"))
                .and_then(|b| b.extract::<Vec<u8>>())
                .map(|b| std::str::from_utf8(&b).err().map_or(0, |e| e.valid_up_to()))
                .unwrap_or(0);
            Err(format!("text is not valid UTF-8 (at byte {at}): it holds a lone surrogate"))
        }
    }
}

/// One document: what the single-document CLI (`khabar analyze --lang L --date D FILE`) prints.
#[pyfunction]
#[pyo3(signature = (text, lang=None, date=None))]
fn analyze_json(py: Python<'_>, text: &Bound<'_, PyString>, lang: Option<&str>, date: Option<&str>) -> PyResult<String> {
    let text = text_of(text).map_err(PyValueError::new_err)?;
    let opts = request_options(lang, date, &Options::default()).map_err(PyValueError::new_err)?;
    py.detach(move || analyze_document(&text, &opts)).map_err(PyValueError::new_err)
}

/// A document of a batch: its text (or why it has none) and its own language and date.
type Request = (Result<String, String>, Option<String>, Option<String>);

fn analyze_request((text, lang, date): &Request) -> Result<String, String> {
    let text = text.as_ref().map_err(Clone::clone)?;
    let opts = request_options(lang.as_deref(), date.as_deref(), &Options::default())?;
    // As in `--jsonl`, an empty text is a valid (empty) analysis, not an error.
    serde_json::to_string(&khabar::analyze(text, &opts)).map_err(|e| e.to_string())
}

/// Pools by thread count, built once: building a pool for every batch would cost more than
/// analysing a short batch.
fn pool(threads: usize) -> Result<Arc<rayon::ThreadPool>, String> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let mut pools = POOLS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = pools.get(&threads) {
        return Ok(p.clone());
    }
    let p = Arc::new(rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| format!("cannot start {threads} threads: {e}"))?);
    pools.insert(threads, p.clone());
    Ok(p)
}

/// Many documents at once, on `threads` threads (all cores when None) with the GIL released:
/// for each `(text, lang, date)` in order, `(True, analysis JSON)` or `(False, message)`.
/// A `text` of None stands for a document the caller already found wrong.
#[pyfunction]
#[pyo3(signature = (docs, threads=None))]
fn analyze_batch(
    py: Python<'_>,
    docs: Vec<(Option<Bound<'_, PyString>>, Option<String>, Option<String>)>,
    threads: Option<usize>,
) -> PyResult<Vec<(bool, String)>> {
    let requests: Vec<Request> = docs.into_iter().map(|(text, lang, date)| (text.as_ref().map_or_else(|| Err(String::new()), text_of), lang, date)).collect();
    let pool = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be 1 or more")),
        Some(1) => None,
        Some(n) => Some(pool(n).map_err(PyValueError::new_err)?),
        None => pool(std::thread::available_parallelism().map_or(1, |n| n.get())).map(Some).map_err(PyValueError::new_err)?,
    };
    let results: Vec<Result<String, String>> = py.detach(move || match pool {
        Some(pool) => pool.install(|| requests.par_iter().map(analyze_request).collect()),
        None => requests.iter().map(analyze_request).collect(),
    });
    Ok(results.into_iter().map(|r| r.map_or_else(|e| (false, e), |json| (true, json))).collect())
}

#[pymodule]
fn _khabar(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(analyze_json, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_batch, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
