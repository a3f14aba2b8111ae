//! Entity chips grouped by kind, most mentioned first; a chip selects its entity everywhere.

use super::filter::NameQuery;
use super::i18n::{Ui, kind_label, tr};
use super::store::{Selection, Store};
use crate::{Entity, EntityKind};
use leptos::prelude::*;

/// A small glyph per kind, so kinds differ by shape as well as colour.
pub fn kind_icon(kind: EntityKind) -> impl IntoView {
    let path = match kind {
        // head and shoulders
        EntityKind::Person => "M8 2.5a2.6 2.6 0 1 1 0 5.2a2.6 2.6 0 0 1 0-5.2zM3 13.5c0-2.8 2.2-4.4 5-4.4s5 1.6 5 4.4z",
        // building with a pediment
        EntityKind::Organization => "M2 6l6-3.5L14 6zM3 7h2v5H3zM7 7h2v5H7zM11 7h2v5h-2zM2 13h12v1.5H2z",
        // map pin
        EntityKind::Place => {
            "M8 1.5a4.5 4.5 0 0 1 4.5 4.5c0 3.2-4.5 8.5-4.5 8.5S3.5 9.2 3.5 6A4.5 4.5 0 0 1 8 1.5zm0 2.7a1.8 1.8 0 1 0 0 3.6a1.8 1.8 0 0 0 0-3.6z"
        }
        // gear-like cog
        EntityKind::Equipment => {
            "M7 1.5h2l.4 2 1.6.9 1.9-.8 1 1.7-1.5 1.4v1.8l1.5 1.4-1 1.7-1.9-.8-1.6.9-.4 2H7l-.4-2-1.6-.9-1.9.8-1-1.7 1.5-1.4V6.7L2.1 5.3l1-1.7 1.9.8 1.6-.9zM8 6a2 2 0 1 0 0 4a2 2 0 0 0 0-4z"
        }
        // calendar
        EntityKind::Event => "M2.5 3.5h11v10h-11zM4 6.5v5.5h8V6.5zM4.5 2h1.5v2.5H4.5zM10 2h1.5v2.5H10z",
        // hash sign
        EntityKind::Quantity => {
            "M5.5 2h1.6l-.6 3h3l.6-3h1.6l-.6 3H13v1.5h-2.2l-.6 3H12.5V11h-2.6l-.6 3H7.7l.6-3h-3l-.6 3H3.1l.6-3H2V9.5h2l.6-3H2.5V5h2.4zM6.2 6.5l-.6 3h3l.6-3z"
        }
    };
    view! {
        <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d=path fill="currentColor"></path>
        </svg>
    }
}

/// The English name when it says something the surface name does not.
/// One kind's chips under its heading: the article's chips and the combined view's.
pub fn chip_group(ui: RwSignal<super::store::Ui>, kind: EntityKind, chips: impl IntoView) -> impl IntoView {
    view! {
        <div class="chip-group" data-kind=kind.as_str()>
            <h3 class=format!("kind-title kind-{}", kind.as_str())>
                {kind_icon(kind)}
                {move || kind_label(ui.get(), kind)}
            </h3>
            <ul class="chips" role="list" on:keydown=move |ev| { let _ = super::keys::roving(&ev, ".chip", super::keys::Axis::Row); }>{chips}</ul>
        </div>
    }
}

pub fn english_gloss(e: &Entity) -> Option<String> {
    e.name_en.clone().filter(|en| !en.trim().is_empty() && en != &e.name)
}

#[component]
pub fn ChipsView() -> impl IntoView {
    let store = expect_context::<Store>();
    let selection = expect_context::<Selection>();
    let ui = store.ui;
    let filter = RwSignal::new(String::new());
    let groups = move || {
        let query = filter.with(|f| NameQuery::new(f));
        // a long article has thousands of entities: drawn a slice at a time
        let slicer = super::slices::Slicer::new(60);
        let groups = store.current.with(|c| {
            EntityKind::ALL
                .into_iter()
                .filter_map(|kind| {
                    let mut members: Vec<&Entity> = c
                        .analysis
                        .entities
                        .iter()
                        .filter(|e| e.kind == kind)
                        .filter(|e| query.as_ref().is_none_or(|q| q.matches(std::iter::once(e.name.as_str()).chain(e.name_en.as_deref()).chain(e.name_ar.as_deref()))))
                        .collect();
                    if members.is_empty() {
                        return None;
                    }
                    // salience: mentioned most, then mentioned first
                    crate::sort::by_key(&mut members, |e| (std::cmp::Reverse(e.mentions.len()), e.mentions.first().map_or(usize::MAX, |m| m.start)));
                    let chips = slicer.add_all(members.into_iter().enumerate().map(|(n, e)| {
                        let e = e.clone();
                        let selection = selection.clone();
                        // each group is one Tab stop: its first chip; arrows move within it
                        move || chip(store, selection.clone(), &e, n == 0)
                    }));
                    Some(chip_group(ui, kind, chips))
                })
                .collect::<Vec<_>>()
        });
        slicer.start();
        if groups.is_empty() && query.is_some() {
            let text = filter.get_untracked();
            return view! { <p class="empty no-match" role="status">{tr(ui.get(), "chips.nomatch").replace("{q}", text.trim())}</p> }.into_any();
        }
        groups.into_iter().collect_view().into_any()
    };
    let empty = move || store.current.with(|c| c.analysis.entities.is_empty());
    view! {
        <section id="chips" class="panel-body" aria-labelledby="chips-title" tabindex="-1">
            <div class="panel-head">
                <h2 id="chips-title">{move || tr(ui.get(), "chips.title")}</h2>
                <input
                    type="search"
                    class="filter"
                    aria-label=move || tr(ui.get(), "chips.filter")
                    placeholder=move || tr(ui.get(), "chips.filter")
                    prop:value=move || filter.get()
                    on:input=move |ev| filter.set(event_target_value(&ev))
                />
            </div>
            <super::corrections::SelectionTool/>
            <super::corrections::EntityEditor/>
            <Show when=empty>
                <p class="empty">{move || tr(ui.get(), "chips.empty")}</p>
            </Show>
            {groups}
        </section>
    }
}

fn chip(store: Store, selection: Selection, e: &Entity, tab_stop: bool) -> impl IntoView + use<> {
    let id = e.id.clone();
    let id_sel = id.clone();
    let id_click = id.clone();
    let selected = move || selection.is(&id_sel);
    let count = e.mentions.len();
    let gloss = english_gloss(e);
    let arabic_gloss = e.name_ar.clone().filter(|ar| !ar.trim().is_empty() && ar != &e.name);
    let ui = store.ui;
    let label = format!("{}{} — {count}", e.name, gloss.as_deref().map(|g| format!(" ({g})")).unwrap_or_default());
    let corrected = store.current.with_untracked(|c| c.marks.entities.contains(&e.id));
    view! {
        <li>
            <button
                type="button"
                class=format!("chip kind-{}", e.kind.as_str())
                class:hl=selected.clone()
                class:corrected=corrected
                tabindex=if tab_stop { "0" } else { "-1" }
                data-entity-kind=e.kind.as_str()
                data-entity-id=id.clone()
                aria-pressed=move || if selected() { "true" } else { "false" }
                title=move || format!("{label} {}", tr(ui.get(), "chips.mentions"))
                on:click=move |_| store.toggle_entity(&id_click)
            >
                {kind_icon(e.kind)}
                <bdi class="name">{e.name.clone()}</bdi>
                {move || match (ui.get(), arabic_gloss.clone()) {
                    // a place in an English article, in the Arabic interface: the name an Arabic reader knows
                    (Ui::Ar, Some(g)) => view! { <bdi class="en" lang="ar">{g}</bdi> }.into_any(),
                    _ => gloss.clone().map(|g| view! { <bdi class="en" lang="en">{g}</bdi> }).into_any(),
                }}
                <span class="count">{count}</span>
                {corrected.then(|| view! { <span class="corrected-mark" title=move || tr(ui.get(), "fix.corrected")>"✎"</span> })}
            </button>
        </li>
    }
}
