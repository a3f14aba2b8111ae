//! Where analysis runs: in a Web Worker (`public/worker.js`) so a long article never freezes the
//! page, or on the page itself when the browser cannot start the worker (then the status line says
//! so). Only the newest request counts: an answer to an older one is ignored, so a slow analysis
//! can never overwrite the view of newer text.

use super::i18n::tr;
use super::store::{Busy, Current, Request, Store};
use crate::{Analysis, Lang, Options};
use leptos::prelude::*;
use std::cell::RefCell;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Work shorter than this shows no progress (no flicker on every keystroke).
const QUIET: f64 = 150.0;

#[derive(PartialEq)]
enum Mode {
    /// The worker is loading; requests wait inside it.
    Starting,
    Worker,
    /// No worker: analyse on the page.
    Page,
}

struct Engine {
    mode: Mode,
    worker: Option<web_sys::Worker>,
    /// Id of the newest request; answers to any other are stale.
    latest: u64,
    /// The newest request not yet answered.
    waiting: Option<(u64, Request)>,
}

thread_local! {
    static ENGINE: RefCell<Engine> = const { RefCell::new(Engine { mode: Mode::Page, worker: None, latest: 0, waiting: None }) };
}

pub fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Start the worker (when that is impossible here, analysis stays on the page), and analyse
/// what the store asks for from now on.
pub fn start(store: Store) {
    Effect::new(move |_| match store.wanted.get() {
        Some(req) if !in_flight(&req) => request(store, req),
        Some(_) => {}
        None => cancel(store),
    });
    match spawn(store) {
        Ok(worker) => ENGINE.with_borrow_mut(|e| {
            e.mode = Mode::Starting;
            e.worker = Some(worker);
        }),
        Err(why) => fall_back(store, &why),
    }
}

fn attr(el: &web_sys::Element, name: &str) -> Option<String> {
    el.get_attribute(name).filter(|v| !v.is_empty())
}

fn spawn(store: Store) -> Result<web_sys::Worker, String> {
    let doc = super::dom::document();
    let base = doc.base_uri().ok().flatten().ok_or("no base URL")?;
    let tag = doc.query_selector("script[data-khabar-js]").ok().flatten().ok_or("no start-up script tag")?;
    let absolute = |rel: &str| web_sys::Url::new_with_base(rel, &base).map(|u| u.href()).map_err(|_| format!("bad URL {rel}"));
    let js = absolute(&attr(&tag, "data-khabar-js").ok_or("no glue URL")?)?;
    let wasm = absolute(&attr(&tag, "data-khabar-wasm").ok_or("no wasm URL")?)?;
    let opts = web_sys::WorkerOptions::new();
    opts.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(&absolute("worker.js")?, &opts).map_err(|e| format!("{e:?}"))?;

    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| answer(store, ev.data()));
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // the script could not load or threw at the top level
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
        ev.prevent_default();
        let why = ev.dyn_ref::<web_sys::ErrorEvent>().map(|e| e.message()).unwrap_or_else(|| "the worker failed to load".into());
        fall_back(store, &why);
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();

    let init = js_sys::Object::new();
    set(&init, "type", &"init".into());
    set(&init, "js", &js.into());
    set(&init, "wasm", &wasm.into());
    worker.post_message(&init).map_err(|e| format!("{e:?}"))?;
    Ok(worker)
}

fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), value);
}

fn get_str(obj: &JsValue, key: &str) -> Option<String> {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).ok().and_then(|v| v.as_string())
}

/// Analysis moves to the page: say so once, and answer what the worker still owed.
fn fall_back(store: Store, why: &str) {
    let owed = ENGINE.with_borrow_mut(|e| {
        if let Some(w) = e.worker.take() {
            w.terminate();
        }
        let was_page = e.mode == Mode::Page;
        e.mode = Mode::Page;
        (!was_page).then(|| e.waiting.take()).flatten()
    });
    mark("page");
    web_sys::console::warn_1(&format!("Khabar: the analysis worker is unavailable ({why}); analysing on the page").into());
    store.status.set(Some(tr(store.ui.get_untracked(), "engine.page").to_string()));
    if let Some((id, req)) = owed {
        store.busy.set(None);
        let current = on_page(req);
        if ENGINE.with_borrow(|e| e.latest == id) {
            store.apply(current);
        }
    }
}

/// A worker whose wasm trapped is never called again: a fresh one takes its place (requests
/// wait in it while it loads), and the failed request is answered with its error below.
fn restart(store: Store, trapped: u64) {
    if let Some(old) = ENGINE.with_borrow_mut(|e| e.worker.take()) {
        old.terminate();
    }
    web_sys::console::warn_1(&"Khabar: the analysis worker trapped; starting a new one".into());
    match spawn(store) {
        Ok(worker) => ENGINE.with_borrow_mut(|e| {
            e.mode = Mode::Starting;
            // a newer request sent to the old worker is sent again
            if let Some((id, req)) = &e.waiting
                && *id != trapped
            {
                post(&worker, *id, req);
            }
            e.worker = Some(worker);
        }),
        Err(why) => fall_back(store, &why),
    }
}

/// `<html data-analysis="worker|page">`: where analysis runs (for people inspecting the page and the tests).
fn mark(mode: &str) {
    if let Some(root) = super::dom::document().document_element() {
        let _ = root.set_attribute("data-analysis", mode);
    }
}

fn answer(store: Store, data: JsValue) {
    match get_str(&data, "type").as_deref() {
        Some("ready") => {
            ENGINE.with_borrow_mut(|e| e.mode = Mode::Worker);
            mark("worker");
        }
        Some("failed") => fall_back(store, &get_str(&data, "error").unwrap_or_default()),
        Some(kind @ ("result" | "error")) => {
            let id = js_sys::Reflect::get(&data, &"id".into()).ok().and_then(|v| v.as_f64()).unwrap_or(-1.0) as u64;
            let trapped = js_sys::Reflect::get(&data, &"trapped".into()).ok().and_then(|v| v.as_bool()) == Some(true);
            if trapped {
                restart(store, id);
            }
            let req = ENGINE.with_borrow_mut(|e| match &e.waiting {
                Some((w, _)) if *w == id && e.latest == id => e.waiting.take().map(|(_, r)| r),
                _ => None,
            });
            // stale: newer text was sent since
            let Some(req) = req else { return };
            store.busy.set(None);
            let parsed = if kind == "result" {
                get_str(&data, "json")
                    .ok_or_else(|| "no analysis in the answer".to_string())
                    .and_then(|j| serde_json::from_slice::<Analysis>(j.as_bytes()).map_err(|e| e.to_string()))
            } else {
                Err(get_str(&data, "error").unwrap_or_default())
            };
            match parsed {
                // drawn in a task of its own: reading a long analysis is work enough for one
                Ok(analysis) => set_timeout(
                    move || {
                        if ENGINE.with_borrow(|e| e.latest == id) {
                            store.apply(Current::new(req.text, req.date, req.lang_choice, analysis));
                        }
                    },
                    Duration::ZERO,
                ),
                // a trap's own words ("unreachable") tell a reader nothing: say what happened and what is safe
                Err(_) if trapped => store.error(tr(store.ui.get_untracked(), "engine.trapped").to_string()),
                Err(e) => store.error(format!("{}: {e}", tr(store.ui.get_untracked(), "engine.failed"))),
            }
        }
        _ => {}
    }
}

fn options(req: &Request) -> Options {
    Options { lang: req.lang_choice, date: req.date.as_deref().and_then(|d| crate::parse_date(d).ok()) }
}

fn on_page(req: Request) -> Current {
    let analysis = crate::analyze(&req.text, &options(&req));
    Current::new(req.text, req.date, req.lang_choice, analysis)
}

/// Whether this exact text, date and language is already being analysed.
fn in_flight(req: &Request) -> bool {
    ENGINE.with_borrow(|e| e.waiting.as_ref().is_some_and(|(_, w)| w == req))
}

/// Forget any analysis under way (the editor went back to what is shown).
fn cancel(store: Store) {
    ENGINE.with_borrow_mut(|e| {
        e.latest += 1;
        e.waiting = None;
    });
    store.busy.set(None);
}

fn post(worker: &web_sys::Worker, id: u64, req: &Request) -> bool {
    let msg = js_sys::Object::new();
    set(&msg, "type", &"analyze".into());
    set(&msg, "id", &(id as f64).into());
    set(&msg, "text", &req.text.as_str().into());
    set(&msg, "lang", &req.lang_choice.map_or("", Lang::code).into());
    set(&msg, "date", &req.date.as_deref().unwrap_or("").into());
    worker.post_message(&msg).is_ok()
}

/// Analyse `req`: in the worker (the answer comes later), or on the page at once.
fn request(store: Store, req: Request) {
    let sent = ENGINE.with_borrow_mut(|e| {
        e.latest += 1;
        let id = e.latest;
        let worker = match (&e.mode, &e.worker) {
            (Mode::Starting | Mode::Worker, Some(w)) => w.clone(),
            _ => {
                e.waiting = None;
                return None;
            }
        };
        if !post(&worker, id, &req) {
            return None;
        }
        let bytes = req.text.len();
        e.waiting = Some((id, req.clone()));
        Some(Busy { id, bytes, since: now() })
    });
    match sent {
        Some(busy) => store.busy.set(Some(busy)),
        None => {
            store.busy.set(None);
            store.apply(on_page(req));
        }
    }
}

fn size(bytes: usize) -> String {
    if bytes >= 1_000_000 { format!("{:.1} MB", bytes as f64 / 1e6) } else { format!("{} kB", bytes.div_ceil(1000)) }
}

/// "Analysing 1.2 MB… 3 s" with a moving bar, while an analysis has taken longer than a moment.
#[component]
pub fn Progress() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = store.ui;
    let elapsed = RwSignal::new(0.0f64);
    // a clock that runs only while something is being analysed
    Effect::new(move |prev: Option<Option<IntervalHandle>>| {
        if let Some(Some(h)) = prev {
            h.clear();
        }
        elapsed.set(0.0);
        let busy = store.busy.get()?;
        set_interval_with_handle(move || elapsed.set(now() - busy.since), Duration::from_millis(100)).ok()
    });
    let shown = move || store.busy.with(Option::is_some) && elapsed.get() >= QUIET;
    view! {
        <div id="analysing" class="analysing" hidden=move || !shown()>
            <progress aria-labelledby="analysing-label"></progress>
            <span id="analysing-label" role="status">
                {move || store.busy.get().map(|b| format!("{} {}…", tr(ui.get(), "engine.analysing"), size(b.bytes)))}
            </span>
            <span class="analysing-time" aria-hidden="true">{move || format!("{:.0} s", (elapsed.get() / 1000.0).floor())}</span>
        </div>
    }
}
