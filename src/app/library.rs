//! A library of articles kept in the browser's local storage, and the editor's draft.
//!
//! Storage can be full, disabled (private modes), hold unreadable data or data from another
//! version (see [`crate::library`] for the format and its migrations). Whatever happens the
//! library in memory keeps every article for this visit and a message says what was not saved;
//! stored data this build cannot read is set aside, never overwritten.

use super::dom;
use super::i18n::{format_date, tr};
use super::store::Store;
use crate::library::{self as stored, Item, LibraryError};
use crate::share::Shared;
use crate::Lang;
use leptos::prelude::*;

const LIBRARY_KEY: &str = "khabar.library";
/// Where an unreadable library is moved before a new one is started.
pub const BACKUP_KEY: &str = "khabar.library.unreadable";
const DRAFT_KEY: &str = "khabar.draft";

/// How the stored library can be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Saving {
    Normal,
    /// Local storage is unavailable: the library lives in memory for this visit.
    Unavailable,
    /// The stored library is newer or unreadable and could not be set aside: never overwrite it.
    Refused,
}

/// The saved articles, shared by the library list and the combined view.
#[derive(Clone, Copy)]
pub struct Library {
    pub items: RwSignal<Vec<Item>>,
    /// The combined view of every saved article is open.
    pub combined: RwSignal<bool>,
    saving: RwSignal<Saving>,
    /// The last write failed (say, storage full): the list in memory is ahead of the stored one.
    unsaved: RwSignal<bool>,
}

fn storage() -> Result<web_sys::Storage, String> {
    match dom::window().local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("no local storage".into()),
        Err(e) => Err(js_error(e)),
    }
}

fn js_error(e: wasm_bindgen::JsValue) -> String {
    let get = |k: &str| js_sys::Reflect::get(&e, &k.into()).ok().and_then(|m| m.as_string()).filter(|s| !s.is_empty());
    match (get("name"), get("message")) {
        (Some(name), Some(msg)) => format!("{name}: {msg}"),
        (None, Some(msg)) => msg,
        (Some(name), None) => name,
        (None, None) => format!("{e:?}"),
    }
}

fn save(items: &[Item]) -> Result<(), String> {
    storage()?.set_item(LIBRARY_KEY, &stored::write(items)).map_err(js_error)
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

fn say(store: Store, key: &str, detail: Option<String>) {
    let ui = store.ui.get_untracked();
    let msg = match detail {
        Some(d) => format!("{}: {} ({d})", tr(ui, "library.error"), tr(ui, key)),
        None => format!("{}: {}", tr(ui, "library.error"), tr(ui, key)),
    };
    // a second problem at start-up (say, a broken link too) joins the first instead of hiding it
    store.message.update(|m| match m {
        Some(prev) if !prev.contains(&msg) => *m = Some(format!("{prev} {msg}")),
        _ => *m = Some(msg),
    });
}

impl Library {
    /// Read the stored library (migrating an older format) and put it in context.
    pub fn provide(store: Store) -> Library {
        let lib = Library { items: RwSignal::new(vec![]), combined: RwSignal::new(false), saving: RwSignal::new(Saving::Normal), unsaved: RwSignal::new(false) };
        provide_context(lib);
        let s = match storage() {
            Ok(s) => s,
            Err(_) => {
                // shown in the library panel itself: an alert on every visit in a private window would nag
                lib.saving.set(Saving::Unavailable);
                return lib;
            }
        };
        let raw = match s.get_item(LIBRARY_KEY) {
            Ok(Some(raw)) => raw,
            Ok(None) => return lib,
            Err(e) => {
                lib.saving.set(Saving::Unavailable);
                say(store, "library.unavailable", Some(js_error(e)));
                return lib;
            }
        };
        match stored::read(&raw) {
            Ok(loaded) => {
                if loaded.skipped > 0 {
                    // keep the original before writing back the readable part; if it cannot be kept, write nothing
                    if s.set_item(BACKUP_KEY, &raw).is_ok() {
                        say(store, "library.skipped", Some(loaded.skipped.to_string()));
                    } else {
                        lib.saving.set(Saving::Refused);
                        say(store, "library.skipped_untouched", Some(loaded.skipped.to_string()));
                    }
                }
                if (loaded.from_version < stored::VERSION || loaded.skipped > 0)
                    && lib.saving.get_untracked() == Saving::Normal
                    && let Err(e) = save(&loaded.items)
                {
                    lib.unsaved.set(true);
                    say(store, "library.not_saved", Some(e));
                }
                lib.items.set(loaded.items);
            }
            Err(LibraryError::Newer(v)) => {
                lib.saving.set(Saving::Refused);
                say(store, "library.newer", Some(format!("v{v}")));
            }
            Err(e) => {
                // unreadable: set it aside so that saving can start afresh without destroying it
                let detail = match &e {
                    LibraryError::Unreadable(d) => d.clone(),
                    _ => e.to_string(),
                };
                if s.set_item(BACKUP_KEY, &raw).is_ok() && s.remove_item(LIBRARY_KEY).is_ok() {
                    say(store, "library.set_aside", Some(detail));
                } else {
                    lib.saving.set(Saving::Refused);
                    say(store, "library.unreadable", Some(detail));
                }
            }
        }
        lib
    }

    /// Replace the list in memory and write it; a failure is reported and the memory copy kept.
    fn commit(self, store: Store, next: Vec<Item>) -> bool {
        self.items.set(next);
        match self.saving.get_untracked() {
            Saving::Normal => match save(&self.items.get_untracked()) {
                Ok(()) => {
                    self.unsaved.set(false);
                    true
                }
                Err(e) => {
                    self.unsaved.set(true);
                    say(store, "library.not_saved", Some(e));
                    false
                }
            },
            Saving::Unavailable => {
                say(store, "library.unavailable", None);
                false
            }
            Saving::Refused => {
                say(store, "library.refused", None);
                false
            }
        }
    }

    /// Save the editor's article (the same text saved again replaces its older copy).
    pub fn add(self, store: Store) {
        let snap = store.snapshot();
        if snap.text.trim().is_empty() {
            return;
        }
        let mut next = self.items.get_untracked();
        next.retain(|i| i.text != snap.text);
        let now = js_sys::Date::now();
        let mut id = format!("a{}", now as u64);
        while next.iter().any(|i| i.id == id) {
            id.push('x');
        }
        next.insert(0, Item { id, title: stored::title_of(&snap.text), text: snap.text, date: snap.date, lang: snap.lang, saved_at: now });
        if self.commit(store, next) {
            store.status.set(Some(tr(store.ui.get_untracked(), "library.saved").to_string()));
        }
    }

    pub fn remove(self, store: Store, id: &str) {
        let mut next = self.items.get_untracked();
        next.retain(|i| i.id != id);
        self.commit(store, next);
    }

    /// Load a saved article into the editor, optionally with one of its entities selected.
    pub fn open(self, store: Store, item: &Item, view: Option<&str>, selected: Option<String>) {
        store.message.set(None);
        store.load(Shared { text: item.text.clone(), date: item.date.clone(), lang: item.lang, view: view.map(str::to_string), selected });
    }
}

/// Text direction for a title.
pub fn dir_of(text: &str) -> &'static str {
    if crate::detect_lang(text) == Lang::Ar { "rtl" } else { "ltr" }
}

#[component]
pub fn LibraryView() -> impl IntoView {
    let store = expect_context::<Store>();
    let lib = expect_context::<Library>();
    let ui = store.ui;
    let t = move |k: &'static str| move || tr(ui.get(), k);
    let list = move || {
        let ui_now = ui.get();
        lib.items
            .get()
            .into_iter()
            .map(|item| {
                let id = item.id.clone();
                let open_item = item.clone();
                view! {
                    <li class="library-item" data-library-id=item.id.clone()>
                        <button type="button" class="library-open" on:click=move |_| lib.open(store, &open_item, None, None)>
                            <bdi dir=dir_of(&item.title) class="library-title">{item.title.clone()}</bdi>
                            <span class="date">{item.date.as_deref().map(|d| format_date(ui_now, d)).unwrap_or_default()}</span>
                        </button>
                        <button type="button" class="library-remove" aria-label=format!("{} {}", tr(ui_now, "library.remove"), item.title) on:click=move |_| lib.remove(store, &id)>
                            "×"
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let note = move || {
        let key = match lib.saving.get() {
            Saving::Normal => return None,
            Saving::Unavailable => "library.unavailable",
            Saving::Refused => "library.refused",
        };
        Some(view! { <p class="library-note" id="library-note">{tr(ui.get(), key)}</p> })
    };
    let count = move || lib.items.with(Vec::len);
    view! {
        <details class="library" id="library">
            <summary>
                {t("library.title")} " (" {count} ")"
                {move || (lib.saving.get() != Saving::Normal || lib.unsaved.get()).then(|| view! { <span class="library-off">" · " {tr(ui.get(), "library.session_only")}</span> })}
            </summary>
            {note}
            <div class="library-actions">
                <button type="button" id="library-add" on:click=move |_| lib.add(store) disabled=move || store.text.with(|t| t.trim().is_empty())>
                    {t("library.add")}
                </button>
                <Show
                    when=move || { count() >= 2 }
                    fallback=move || view! { <span class="muted library-hint">{t("combined.need_two")}</span> }
                >
                    <button type="button" id="library-combined" on:click=move |_| lib.combined.set(true)>
                        {t("combined.open")} " (" {count} ")"
                    </button>
                </Show>
            </div>
            <ul class="library-list">{list}</ul>
        </details>
    }
}
