//! The editor: paste area, file loading (button and drag-and-drop), date and language.

use super::dom;
use super::i18n::tr;
use super::store::Store;
use crate::share::Shared;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Open a text, Markdown, HTML or exported-JSON file into the editor.
pub fn open_file(store: Store, file: web_sys::File) {
    let name = file.name().to_ascii_lowercase();
    let ext = name.rsplit('.').next().unwrap_or("").to_string();
    let mime = file.type_();
    let ui = store.ui.get_untracked();
    let known = ["txt", "md", "markdown", "html", "htm", "json"].contains(&ext.as_str()) || mime.starts_with("text/");
    if !known {
        store.error(tr(ui, "file.unsupported").to_string());
        return;
    }
    leptos::task::spawn_local(async move {
        match dom::read_file(&file).await {
            Ok(content) => {
                store.message.set(None);
                if ext == "json" {
                    super::exports::import(store, &content);
                    return;
                }
                let text = if ext == "html" || ext == "htm" || mime == "text/html" { dom::html_to_text(&content) } else { content };
                store.load(Shared { text, ..Default::default() });
            }
            Err(e) => store.error(format!("{}: {e}", tr(ui, "file.unreadable"))),
        }
    });
}

#[component]
pub fn InputView() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = store.ui;
    let t = move |k: &'static str| move || tr(ui.get(), k);
    let detected = move || {
        store.current.with(|c| {
            (c.lang_choice.is_none() && !c.text.trim().is_empty()).then(|| {
                let lang = if c.analysis.lang == crate::Lang::Ar { "lang.ar" } else { "lang.en" };
                format!("{} ({})", tr(ui.get(), lang), tr(ui.get(), "input.detected"))
            })
        })
    };
    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            open_file(store, file);
        }
        // choosing the same file again must fire `change` again
        input.set_value("");
    };
    let folded = move || !store.editing.get();
    let edit = move |_| {
        store.editing.set(true);
        dom::reveal_and_focus("#article");
    };
    // an empty editor reads in the interface's direction; typed text finds its own
    let editor_dir = move || {
        if store.text.with(|t| t.trim().is_empty()) { ui.get().dir() } else { "auto" }
    };
    view! {
        <section class="editor" class:folded=folded aria-labelledby="editor-label">
            <label id="editor-label" for="article" class="visually-hidden">{t("input.label")}</label>
            <div class="controls">
                <button type="button" id="edit-text" hidden=move || !folded() aria-controls="article" on:click=edit>
                    {t("input.edit")}
                </button>
                <label class="field">
                    <span>{t("input.date")}</span>
                    <input
                        id="date"
                        type="date"
                        prop:value=move || store.date.get()
                        on:input=move |ev| {
                            store.date_touched.set(true);
                            store.date.set(event_target_value(&ev));
                        }
                    />
                </label>
                <label class="field">
                    <span>{t("input.lang")}</span>
                    <select
                        id="lang"
                        prop:value=move || store.lang.get().map_or("auto", crate::Lang::code)
                        on:change=move |ev| store.lang.set(crate::Lang::parse(&event_target_value(&ev)))
                    >
                        <option value="auto">{t("lang.auto")}</option>
                        <option value="ar">{t("lang.ar")}</option>
                        <option value="en">{t("lang.en")}</option>
                    </select>
                </label>
                <span class="detected" aria-live="polite">{detected}</span>
                <label class="button file-button">
                    {t("input.file")}
                    <input
                        id="file"
                        type="file"
                        class="visually-hidden"
                        accept=".txt,.md,.markdown,.html,.htm,.json,text/plain,text/markdown,text/html,application/json"
                        on:change=on_file
                    />
                </label>
            </div>
            <textarea
                id="article"
                dir=editor_dir
                spellcheck="false"
                hidden=folded
                placeholder=t("input.placeholder")
                prop:value=move || store.editor.get()
                on:input=move |ev| {
                    // a paste or a drop is analysed at once, and the editor folds into the reading
                    // view; typing waits for a pause and keeps the editor open
                    let kind = ev.dyn_ref::<web_sys::InputEvent>().map(|e| e.input_type()).unwrap_or_default();
                    let pasted = kind.starts_with("insertFromPaste") || kind == "insertFromDrop";
                    if pasted {
                        store.mark_urgent();
                    }
                    let value = event_target_value(&ev);
                    if pasted && !value.trim().is_empty() {
                        fold_editor(store);
                    }
                    store.text.set(value);
                }
                on:paste=move |ev| paste_html_only(store, ev)
            ></textarea>
            <super::engine::Progress/>
        </section>
    }
}

/// One copy of the article on screen: the editor gives way to the reading view, and the
/// keyboard focus moves to the control that brings it back.
pub fn fold_editor(store: Store) {
    store.editing.set(false);
    request_animation_frame(|| dom::focus("#edit-text"));
}

/// A paste that carries only HTML (no plain-text flavour, which the browser would insert itself)
/// is reduced to its text, never rendered, and inserted at the caret.
fn paste_html_only(store: Store, ev: web_sys::ClipboardEvent) {
    let Some(data) = ev.clipboard_data() else {
        return;
    };
    if data.get_data("text/plain").is_ok_and(|p| !p.is_empty()) {
        return;
    }
    let html = data.get_data("text/html").unwrap_or_default();
    if html.trim().is_empty() {
        return;
    }
    ev.prevent_default();
    let text = dom::html_to_text(&html);
    let area: web_sys::HtmlTextAreaElement = event_target(&ev);
    let value = area.value();
    // selection offsets are in UTF-16 code units
    let units: Vec<u16> = value.encode_utf16().collect();
    let start = (area.selection_start().ok().flatten().unwrap_or(units.len() as u32) as usize).min(units.len());
    let end = (area.selection_end().ok().flatten().unwrap_or(start as u32) as usize).clamp(start, units.len());
    let mut next = String::from_utf16_lossy(&units[..start]);
    next.push_str(&text);
    let caret = next.encode_utf16().count() as u32;
    next.push_str(&String::from_utf16_lossy(&units[end..]));
    area.set_value(&next);
    let _ = area.set_selection_range(caret, caret);
    store.mark_urgent();
    if !next.trim().is_empty() {
        fold_editor(store);
    }
    store.text.set(next);
}

/// Route files dropped anywhere on the page to the editor; dropping must never navigate away.
pub fn install_drop_handlers(store: Store) {
    let doc = dom::document();
    let over = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::DragEvent)>::new(move |ev: web_sys::DragEvent| {
        if carries_files(&ev) {
            ev.prevent_default();
        }
    });
    let drop = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::DragEvent)>::new(move |ev: web_sys::DragEvent| {
        // dragged text keeps the browser's own behaviour (insert into the editor)
        if !carries_files(&ev) {
            return;
        }
        ev.prevent_default();
        if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            open_file(store, file);
        }
    });
    let _ = doc.add_event_listener_with_callback("dragover", over.as_ref().unchecked_ref());
    let _ = doc.add_event_listener_with_callback("drop", drop.as_ref().unchecked_ref());
    // listeners live as long as the page
    over.forget();
    drop.forget();
}

fn carries_files(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer().is_some_and(|d| d.types().iter().any(|t| t.as_string().as_deref() == Some("Files")))
}
