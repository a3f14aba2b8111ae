//! A library of articles kept in the browser's local storage, and the editor's draft.
//!
//! Storage can be full, disabled (private modes) or hold data from another version: every failure
//! is shown as a message and the in-memory list stays as it was, so nothing is lost silently.

use super::dom;
use super::i18n::{format_date, tr};
use super::store::Store;
use crate::share::Shared;
use crate::Lang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

const LIBRARY_KEY: &str = "khabar.library";
const DRAFT_KEY: &str = "khabar.draft";
const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub text: String,
    pub date: Option<String>,
    pub lang: Option<Lang>,
    /// Milliseconds since the epoch.
    pub saved_at: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    version: u32,
    items: Vec<Item>,
}

fn storage() -> Result<web_sys::Storage, String> {
    match dom::window().local_storage() {
        Ok(Some(s)) => Ok(s),
        _ => Err("local storage is not available in this browser (private mode or disabled)".into()),
    }
}

fn js_error(e: wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_else(|| format!("{e:?}"))
}

/// The stored library; an unreadable or newer one is reported, never overwritten by accident.
pub fn load() -> Result<Vec<Item>, String> {
    let Some(raw) = storage()?.get_item(LIBRARY_KEY).map_err(js_error)? else { return Ok(vec![]) };
    let stored: Stored = serde_json::from_str(&raw).map_err(|e| format!("the saved library is unreadable ({e})"))?;
    if stored.version > VERSION {
        return Err(format!("the saved library was written by a newer Khabar (version {})", stored.version));
    }
    Ok(stored.items)
}

fn save(items: &[Item]) -> Result<(), String> {
    let raw = serde_json::to_string(&Stored { version: VERSION, items: items.to_vec() }).map_err(|e| e.to_string())?;
    storage()?.set_item(LIBRARY_KEY, &raw).map_err(|e| format!("the library could not be saved ({})", js_error(e)))
}

pub fn save_draft(shared: &Shared) {
    // the draft is a convenience: failing to keep it must not bother the user on every keystroke
    if let (Ok(s), Ok(raw)) = (storage(), serde_json::to_string(shared)) {
        let _ = s.set_item(DRAFT_KEY, &raw);
    }
}

pub fn load_draft() -> Option<Shared> {
    let raw = storage().ok()?.get_item(DRAFT_KEY).ok()??;
    serde_json::from_str(&raw).ok().filter(|s: &Shared| !s.text.trim().is_empty())
}

fn title_of(text: &str) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let mut title: String = line.chars().take(70).collect();
    if line.chars().count() > 70 {
        title.push('…');
    }
    title
}

#[component]
pub fn LibraryView() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = store.ui;
    let t = move |k: &'static str| move || tr(ui.get(), k);
    let items = RwSignal::new(Vec::<Item>::new());
    match load() {
        Ok(list) => items.set(list),
        Err(e) => store.error(format!("{}: {e}.", tr(ui.get_untracked(), "library.error"))),
    }
    let add = move |_| {
        let snap = store.snapshot();
        if snap.text.trim().is_empty() {
            return;
        }
        let mut next = items.get_untracked();
        // the same text saved again replaces its older copy instead of piling up
        next.retain(|i| i.text != snap.text);
        let now = js_sys::Date::now();
        next.insert(0, Item { id: format!("a{}", now as u64), title: title_of(&snap.text), text: snap.text, date: snap.date, lang: snap.lang, saved_at: now });
        match save(&next) {
            Ok(()) => {
                items.set(next);
                store.status.set(Some(tr(ui.get_untracked(), "library.saved").to_string()));
            }
            Err(e) => store.error(format!("{}: {e}. {}", tr(ui.get_untracked(), "library.error"), tr(ui.get_untracked(), "library.kept"))),
        }
    };
    let remove = move |id: String| {
        let mut next = items.get_untracked();
        next.retain(|i| i.id != id);
        match save(&next) {
            Ok(()) => items.set(next),
            Err(e) => store.error(format!("{}: {e}.", tr(ui.get_untracked(), "library.error"))),
        }
    };
    let list = move || {
        let ui_now = ui.get();
        items
            .get()
            .into_iter()
            .map(|item| {
                let id = item.id.clone();
                let open_item = item.clone();
                let dir = if crate::detect_lang(&item.title) == Lang::Ar { "rtl" } else { "ltr" };
                view! {
                    <li class="library-item" data-library-id=item.id.clone()>
                        <button
                            type="button"
                            class="library-open"
                            on:click=move |_| {
                                store.message.set(None);
                                store.load(Shared { text: open_item.text.clone(), date: open_item.date.clone(), lang: open_item.lang, view: None, selected: None });
                            }
                        >
                            <bdi dir=dir class="library-title">{item.title.clone()}</bdi>
                            <span class="date">{item.date.as_deref().map(|d| format_date(ui_now, d)).unwrap_or_default()}</span>
                        </button>
                        <button type="button" class="library-remove" aria-label=format!("{} {}", tr(ui_now, "library.remove"), item.title) on:click=move |_| remove(id.clone())>
                            "×"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <details class="library" id="library">
            <summary>{t("library.title")} " (" {move || items.with(Vec::len)} ")"</summary>
            <button type="button" id="library-add" on:click=add disabled=move || store.text.with(|t| t.trim().is_empty())>{t("library.add")}</button>
            <ul class="library-list">{list}</ul>
        </details>
    }
}
