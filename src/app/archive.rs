//! The article's metadata in the app: the reader's title, outlet, link and author, with what the
//! text itself says ([`crate::metadata::detect`]) proposed in their place until they are set.

use super::i18n::tr;
use super::store::Store;
use crate::metadata::{self, Metadata};
use leptos::prelude::*;

/// The metadata as exported and saved: the reader's fields, else what the text says.
pub fn effective_meta(store: Store) -> Metadata {
    let detected = store.current.with_untracked(|c| metadata::detect(&c.text).meta);
    store.meta.get_untracked().or(detected)
}

#[component]
pub fn MetaEditor() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = store.ui;
    let detected = Memo::new(move |_| store.current.with(|c| metadata::detect(&c.text).meta));
    let field = move |id: &'static str, key: &'static str, get: fn(&Metadata) -> Option<String>, set: fn(&mut Metadata, Option<String>), dir: &'static str| {
        view! {
            <label class="field">
                <span>{move || tr(ui.get(), key)}</span>
                <input
                    id=id
                    type=if id == "meta-url" { "url" } else { "text" }
                    dir=dir
                    prop:value=move || store.meta.with(|m| get(m).unwrap_or_default())
                    placeholder=move || detected.with(|d| get(d).unwrap_or_default())
                    on:change=move |ev| {
                        let value = Some(event_target_value(&ev)).filter(|v| !v.trim().is_empty());
                        let mut next = store.meta.get_untracked();
                        set(&mut next, value);
                        let cleaned = next.clone().cleaned();
                        if cleaned.url != next.url {
                            store.error(tr(ui.get_untracked(), "meta.bad_url").to_string());
                        }
                        store.meta.set(cleaned);
                    }
                />
            </label>
        }
    };
    let summary = move || {
        let m = store.meta.get().or(detected.get());
        let parts: Vec<String> = [m.outlet, m.author].into_iter().flatten().collect();
        parts.join(" · ")
    };
    view! {
        <details class="meta" id="meta">
            <summary>{move || tr(ui.get(), "meta.title")} " " <bdi class="muted" id="meta-summary">{summary}</bdi></summary>
            <div class="meta-fields">
                {field("meta-title", "meta.field_title", |m| m.title.clone(), |m, v| m.title = v, "auto")}
                {field("meta-outlet", "meta.field_outlet", |m| m.outlet.clone(), |m, v| m.outlet = v, "auto")}
                {field("meta-author", "meta.field_author", |m| m.author.clone(), |m, v| m.author = v, "auto")}
                {field("meta-url", "meta.field_url", |m| m.url.clone(), |m, v| m.url = v, "ltr")}
            </div>
            <p class="muted meta-hint">{move || tr(ui.get(), "meta.hint")}</p>
        </details>
    }
}
