//! A library of articles kept in the browser's local storage, and the editor's draft.
//!
//! Storage can be full, disabled (private modes), hold unreadable data or data from another
//! version (see [`crate::library`] for the format and its migrations). Whatever happens the
//! library in memory keeps every article for this visit and a message says what was not saved;
//! stored data this build cannot read is set aside, never overwritten.

use super::dom;
use super::i18n::{format_date, tr};
use super::store::Store;
use crate::library::{self as stored, Analysed, Filter, Found, Item, LibraryError, Sort};
use crate::share::Shared;
use crate::{Analysis, Lang};
use leptos::prelude::*;
use std::sync::Arc;

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
    serde_json::from_slice(raw.as_bytes()).ok().filter(|s: &Shared| !s.text.trim().is_empty())
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
        lib.keep_in_step(store);
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
                        if loaded.skipped_corrections > 0 {
                    say(store, "library.skipped_corrections", Some(loaded.skipped_corrections.to_string()));
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

    /// The open article's corrections and metadata follow it into the draft, and into its copy in
    /// the library when it is saved there.
    fn keep_in_step(self, store: Store) {
        Effect::new(move |first: Option<()>| {
            store.edits.track();
            store.meta.track();
            if first.is_none() {
                return;
            }
            let snap = store.snapshot();
            // an emptied editor (a link that failed to open) must not replace the last draft
            if snap.text.trim().is_empty() {
                return;
            }
            save_draft(&snap);
            let Some(pos) = self.items.with_untracked(|items| items.iter().position(|i| i.text == snap.text)) else { return };
            let meta = super::archive::effective_meta(store);
            let mut next = self.items.get_untracked();
            let item = &mut next[pos];
            let title = meta.title.clone().unwrap_or_else(|| item.title.clone());
            let meta = crate::metadata::Metadata { title: None, ..meta };
            if item.corrections != snap.corrections || item.meta != meta || item.title != title {
                item.corrections = snap.corrections;
                item.meta = meta;
                item.title = title;
                self.commit(store, next);
            }
        });
    }

    /// Merge a library file into this one; a damaged or foreign file changes nothing.
    pub fn import(self, store: Store, raw: &str) {
        let ui = store.ui.get_untracked();
        match stored::import_file(raw, &self.items.get_untracked()) {
            Ok(done) => {
                let note = tr(ui, "archive.imported").replace("{a}", &done.added.to_string()).replace("{u}", &done.updated.to_string()).replace("{s}", &done.unchanged.to_string());
                if self.commit(store, done.items) {
                    store.status.set(Some(note));
                }
                if done.skipped > 0 {
                    say(store, "library.skipped_import", Some(done.skipped.to_string()));
                }
            }
            Err(e) => store.error(format!("{}: {e}.", tr(ui, "archive.import_failed"))),
        }
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
        let meta = super::archive::effective_meta(store);
        let title = meta.title.clone().unwrap_or_else(|| stored::title_of(&snap.text));
        let meta = crate::metadata::Metadata { title: None, ..meta };
        next.insert(0, Item { id, title, text: snap.text, date: snap.date, lang: snap.lang, saved_at: now, meta, corrections: snap.corrections });
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
        store.load(Shared {
            text: item.text.clone(),
            date: item.date.clone(),
            lang: item.lang,
            view: view.map(str::to_string),
            selected,
            meta: item.metadata(),
            corrections: item.corrections.clone(),
        });
    }
}

/// Text direction for a title.
pub fn dir_of(text: &str) -> &'static str {
    if crate::detect_lang(text) == Lang::Ar { "rtl" } else { "ltr" }
}

/// Every saved article's analysis with its corrections, computed when first asked for (search,
/// exports across articles) and again only when the library changes.
fn analyses(lib: Library) -> Memo<Arc<Vec<Analysis>>> {
    Memo::new(move |_| Arc::new(lib.items.with(|items| items.iter().map(|i| i.analysis().analysis).collect())))
}

fn found_label(ui: super::store::Ui, f: &Found) -> Option<String> {
    match f {
        Found::Text(snippet) => Some(snippet.clone()),
        Found::Name { name, .. } => Some(format!("{}: {name}", tr(ui, "archive.found_name"))),
        Found::Speaker { name, .. } => Some(format!("{}: {name}", tr(ui, "archive.found_speaker"))),
        Found::Title | Found::Outlet | Found::Author => None,
    }
}

#[component]
pub fn LibraryView() -> impl IntoView {
    let store = expect_context::<Store>();
    let lib = expect_context::<Library>();
    let ui = store.ui;
    let t = move |k: &'static str| move || tr(ui.get(), k);
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new(Sort::Saved);
    let filter = RwSignal::new(Filter::default());
    let all = analyses(lib);
    // (item index, what matched) in the order shown
    let shown = Memo::new(move |_| {
        let q = query.get();
        lib.items.with(|items| {
            let order = stored::arrange(items, sort.get(), &filter.get());
            if q.trim().is_empty() {
                return order.into_iter().map(|i| (i, vec![])).collect::<Vec<_>>();
            }
            let analyses = all.get();
            let arts: Vec<Analysed> = items.iter().zip(analyses.iter()).map(|(item, analysis)| Analysed { item, analysis }).collect();
            let hits = stored::search(&arts, &q);
            // best match first, among the articles the filter admits
            hits.into_iter().filter(|h| order.contains(&h.article)).map(|h| (h.article, h.found)).collect()
        })
    });
    let list = move || {
        let ui_now = ui.get();
        let items = lib.items.get();
        shown
            .get()
            .into_iter()
            .filter_map(|(n, found)| {
                let item = items.get(n)?.clone();
                let id = item.id.clone();
                let open_item = item.clone();
                let corrected = !item.corrections.is_empty();
                let outlet = item.meta.outlet.clone();
                let found = found.iter().filter_map(|f| found_label(ui_now, f)).take(3).map(|l| view! { <li><bdi>{l}</bdi></li> }).collect_view();
                Some(view! {
                    <li class="library-item" data-library-id=item.id.clone()>
                        <button type="button" class="library-open" on:click=move |_| lib.open(store, &open_item, None, None)>
                            <bdi dir=dir_of(&item.title) class="library-title">{item.title.clone()}</bdi>
                            {outlet.map(|o| view! { <bdi class="library-outlet muted">{o}</bdi> })}
                            <span class="date">{item.date.as_deref().map(|d| format_date(ui_now, d)).unwrap_or_default()}</span>
                            {corrected.then(|| view! { <span class="badge corrected-badge">"✎ " {tr(ui_now, "archive.corrected")}</span> })}
                        </button>
                        <ul class="library-found">{found}</ul>
                        <button type="button" class="library-remove" aria-label=format!("{} {}", tr(ui_now, "library.remove"), item.title) on:click=move |_| lib.remove(store, &id)>
                            "×"
                        </button>
                    </li>
                })
            })
            .collect_view()
    };
    let no_match = move || {
        let q = query.get();
        (!q.trim().is_empty() && shown.with(Vec::is_empty)).then(|| view! { <p class="empty" id="library-no-match">{tr(ui.get(), "archive.no_match").replace("{q}", q.trim())}</p> })
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
    let download = move |name: &str, mime: &str, content: String| {
        if let Err(e) = dom::download(name, mime, &content) {
            store.error(format!("{e:?}"));
        }
    };
    let export_library = move |_| download("khabar-library.json", "application/json", lib.items.with_untracked(|i| stored::export_file(i)));
    // the CSV files of the whole library: every article's corrected analysis, with its title and outlet
    let library_csv = move |f: fn(&[crate::export::Article]) -> String| {
        let analyses = all.get_untracked();
        lib.items.with_untracked(|items| {
            let metas: Vec<_> = items.iter().map(Item::metadata).collect();
            let arts: Vec<crate::export::Article> = items
                .iter()
                .zip(analyses.iter())
                .zip(&metas)
                .map(|((i, a), m)| crate::export::Article { text: &i.text, analysis: a, meta: m, corrections: &i.corrections })
                .collect();
            f(&arts)
        })
    };
    let on_import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            leptos::task::spawn_local(async move {
                match dom::read_file(&file).await {
                    Ok(raw) => lib.import(store, &raw),
                    Err(e) => store.error(format!("{}: {e}", tr(store.ui.get_untracked(), "archive.import_failed"))),
                }
            });
        }
        input.set_value("");
    };
    let outlets = move || {
        let chosen = filter.with(|f| f.outlet.clone());
        lib.items.with(|i| stored::outlets(i)).into_iter().map(|o| view! { <option value=o.clone() selected={chosen.as_deref() == Some(o.as_str())}>{o.clone()}</option> }).collect_view()
    };
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
            <div class="library-tools">
                <input
                    type="search"
                    id="library-search"
                    class="filter"
                    aria-label=t("archive.search")
                    placeholder=t("archive.search_hint")
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <label class="field">
                    <span>{t("archive.sort")}</span>
                    <select id="library-sort" on:change=move |ev| if let Some(s) = Sort::parse(&event_target_value(&ev)) { sort.set(s) }>
                        {Sort::ALL.into_iter().map(|s| view! { <option value=s.as_str()>{move || tr(ui.get(), &format!("sort.{}", s.as_str()))}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{t("archive.outlet")}</span>
                    <select id="library-outlet" on:change=move |ev| { let v = event_target_value(&ev); filter.update(|f| f.outlet = Some(v).filter(|v| !v.is_empty())) }>
                        <option value="">{t("archive.all_outlets")}</option>
                        {outlets}
                    </select>
                </label>
                <label class="field">
                    <span>{t("archive.from")}</span>
                    <input type="date" id="library-from" on:change=move |ev| { let v = event_target_value(&ev); filter.update(|f| f.from = Some(v).filter(|v| !v.is_empty())) }/>
                </label>
                <label class="field">
                    <span>{t("archive.to")}</span>
                    <input type="date" id="library-to" on:change=move |ev| { let v = event_target_value(&ev); filter.update(|f| f.to = Some(v).filter(|v| !v.is_empty())) }/>
                </label>
            </div>
            {no_match}
            <ul class="library-list">{list}</ul>
            <div class="library-actions library-files">
                <button type="button" id="library-export" on:click=export_library disabled=move || count() == 0>{t("archive.export")}</button>
                <label class="button" for="library-import">{t("archive.import")}</label>
                <input type="file" id="library-import" class="visually-hidden" accept=".json,application/json" on:change=on_import/>
                <button type="button" id="library-entities-csv" disabled=move || count() == 0 on:click=move |_| download("khabar-library-entities.csv", "text/csv;charset=utf-8", library_csv(crate::export::entities_csv))>
                    {t("archive.entities_csv")}
                </button>
                <button type="button" id="library-statements-csv" disabled=move || count() == 0 on:click=move |_| download("khabar-library-statements.csv", "text/csv;charset=utf-8", library_csv(crate::export::statements_csv))>
                    {t("archive.statements_csv")}
                </button>
            </div>
        </details>
    }
}
