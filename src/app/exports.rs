//! Share link and export/import buttons.

use super::dom;
use super::i18n::tr;
use super::store::Store;
use crate::export;
use crate::share::{self, Shared};
use leptos::prelude::*;

/// Above this many characters some chat apps and browsers cut links.
const LONG_LINK: usize = 32 * 1024;

/// Restore the view from the address bar's fragment, if any.
pub fn open_fragment(store: Store) {
    let hash = dom::window().location().hash().unwrap_or_default();
    match share::decode(&hash) {
        Ok(shared) if shared.text.trim().is_empty() => {
            store.load(Shared::default());
            let ui = store.ui.get_untracked();
            store.error(format!("{}: {}", tr(ui, "share.broken"), tr(ui, "share.no_text")));
        }
        Ok(shared) => {
            store.message.set(None);
            store.load(shared);
        }
        Err(share::ShareError::Empty) => {}
        Err(e) => {
            // a broken link leaves an empty editor: half-restored text would be worse than none
            store.load(Shared::default());
            store.error(format!("{}: {e}.", tr(store.ui.get_untracked(), "share.broken")));
        }
    }
}

pub fn import(store: Store, json: &str) {
    match export::import_json(json) {
        Ok(doc) => {
            let shared = Shared {
                text: doc.text,
                date: doc.analysis.date.clone(),
                lang: Some(doc.analysis.lang),
                meta: doc.metadata.meta,
                corrections: doc.corrections,
                ..Default::default()
            };
            store.message.set(None);
            store.load(shared);
        }
        Err(e) => store.error(e.to_string()),
    }
}

fn file_stem(store: Store) -> String {
    let date = store.current.with_untracked(|c| c.date.clone()).unwrap_or_else(|| "undated".into());
    format!("khabar-{date}")
}

#[component]
pub fn ShareBar() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = store.ui;
    let t = move |k: &'static str| move || tr(ui.get(), k);
    let share = move |_| {
        let fragment = share::encode(&store.snapshot());
        let link = dom::replace_fragment(&fragment);
        store.share_link.set(link.clone());
        let long = link.len() > LONG_LINK;
        leptos::task::spawn_local(async move {
            let copied = dom::copy_text(&link).await;
            let ui = store.ui.get_untracked();
            let mut note = tr(ui, if copied { "share.copied" } else { "share.shown" }).to_string();
            if long {
                note = format!("{note} {}", tr(ui, "share.long"));
            }
            store.status.set(Some(note));
        });
    };
    let save = move |name: &str, mime: &str, content: String| {
        if let Err(e) = dom::download(name, mime, &content) {
            store.error(format!("{e:?}"));
        }
    };
    // every export is of the corrected analysis, with the article's metadata
    let article = move |f: &dyn Fn(&export::Article) -> String| {
        let meta = super::archive::effective_meta(store);
        let ops = store.edits.with_untracked(|h| h.ops().to_vec());
        store.current.with_untracked(|c| f(&export::Article { text: &c.text, analysis: &c.analysis, meta: &meta, corrections: &ops }))
    };
    let export_json = move |_| {
        let content = article(&export::analysis_json);
        save(&format!("{}.json", file_stem(store)), "application/json", content);
    };
    let export_geojson = move |_| {
        let content = article(&|a| export::geojson(a).to_string());
        save(&format!("{}.geojson", file_stem(store)), "application/geo+json", content);
    };
    let export_csv = move |_| {
        let content = article(&|a| export::statements_csv(&[*a]));
        save(&format!("{}-statements.csv", file_stem(store)), "text/csv;charset=utf-8", content);
    };
    let export_entities = move |_| {
        let content = article(&|a| export::entities_csv(&[*a]));
        save(&format!("{}-entities.csv", file_stem(store)), "text/csv;charset=utf-8", content);
    };
    let export_timeline = move |_| {
        let content = article(&|a| export::timelinejs(a).to_string());
        save(&format!("{}-timeline.json", file_stem(store)), "application/json", content);
    };
    let nothing = move || store.current.with(|c| c.text.trim().is_empty());
    view! {
        <div class="sharebar">
            <button id="share" type="button" class="primary" on:click=share disabled=nothing>{t("share.button")}</button>
            <input
                id="share-link"
                type="text"
                readonly
                dir="ltr"
                aria-label=t("share.label")
                placeholder=t("share.label")
                prop:value=move || store.share_link.get()
                on:focus=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    input.select();
                }
            />
            <details class="exports">
                <summary>{t("export.title")}</summary>
                <div class="export-buttons">
                    <button id="export-json" type="button" on:click=export_json disabled=nothing>{t("export.json")}</button>
                    <button id="export-geojson" type="button" on:click=export_geojson disabled=nothing>{t("export.geojson")}</button>
                    <button id="export-csv" type="button" on:click=export_csv disabled=nothing>{t("export.csv")}</button>
                    <button id="export-entities" type="button" on:click=export_entities disabled=nothing>{t("export.entities")}</button>
                    <button id="export-timeline" type="button" on:click=export_timeline disabled=nothing>{t("export.timeline")}</button>
                </div>
            </details>
        </div>
    }
}
