//! The desk: header, messages, and the panes of the article view (tabs on a phone).

use super::i18n::tr;
use super::store::{Store, Tab, Ui};
use super::*;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let store = Store::new();
    provide_context(store);
    provide_context(store::Selection::new(store));
    // analysis runs in a worker when the browser can start one
    engine::start(store);

    // analysis follows every edit, debounced
    Effect::new(move |_| {
        store.text.track();
        store.date.track();
        store.lang.track();
        store.schedule();
    });

    // the document's language and direction follow the interface language (mirrors the layout)
    Effect::new(move |_| {
        let ui = store.ui.get();
        if let Some(root) = dom::document().document_element() {
            let _ = root.set_attribute("lang", ui.code());
            let _ = root.set_attribute("dir", ui.dir());
        }
        dom::document().set_title(&format!("Khabar — {}", tr(ui, "app.tagline")));
    });

    let has_link = dom::window().location().hash().is_ok_and(|h| h.len() > 1);
    if has_link {
        exports::open_fragment(store);
    } else if let Some(draft) = library::load_draft() {
        // a reload must not lose what was being read
        store.load(draft);
    }
    // after the link: opening one clears old messages, and must not hide a storage problem
    let lib = library::Library::provide(store);
    // keep the draft in step with each analysis (not each keystroke); not on start-up, so a
    // link that fails to open leaves the draft of the last visit in place
    let pending_startup = StoredValue::new(Some(store.text.get_untracked()));
    Effect::new(move |first: Option<()>| {
        store.current.track();
        // the start-up analysis lands later when it runs in the worker: it is not an edit either
        if first.is_none() {
            return;
        }
        let startup = pending_startup.try_update_value(|p| p.take()).flatten();
        if startup.is_none_or(|t| store.current.with_untracked(|c| c.text != t)) {
            // in a task of its own: a long article's draft is a megabyte to encode and store
            set_timeout(move || library::save_draft(&store.snapshot()), std::time::Duration::ZERO);
        }
    });
    // a link pasted into the address bar of an open tab only changes the fragment
    let _ = window_event_listener(leptos::ev::hashchange, move |_| exports::open_fragment(store));
    input::install_drop_handlers(store);

    keys::install_global_keys(store);

    let pane = move |tab: Tab| move || store.tab.get() == tab;
    view! {
        <SkipLinks/>
        <Header/>
        <Message/>
        <Show when=move || lib.combined.get()>
            <combined::CombinedView/>
        </Show>
        <nav
            class="tabs"
            hidden=move || lib.combined.get()
            role="tablist"
            aria-label=move || tr(store.ui.get(), "tabs.label")
            on:keydown=move |ev| {
                // arrows move between the tabs and show the one reached
                if let Some(tab) = keys::roving(&ev, "[role=tab]", keys::Axis::Row).and_then(|el| Tab::parse(el.id().trim_start_matches("tab-"))) {
                    store.tab.set(tab);
                }
            }
        >
            {Tab::ALL.into_iter().map(|tab| view! { <TabButton tab=tab/> }).collect_view()}
        </nav>
        // one pane per view: a grid of panes on a desktop (each scrolls on its own), tabs on a phone
        <main class="layout desk" hidden=move || lib.combined.get() data-tab=move || store.tab.get().as_str()>
            <div class="panel pane-read" class:active=pane(Tab::Article) id="panel-article" role="tabpanel" aria-labelledby="tab-article">
                <input::InputView/>
                <archive::MetaEditor/>
                <library::LibraryView/>
                <text::TextView/>
            </div>
            <div class="panel pane-timeline" class:active=pane(Tab::Timeline) id="panel-timeline" role="tabpanel" aria-labelledby="tab-timeline">
                <timeline::TimelineView/>
            </div>
            <div class="panel pane-chips" class:active=pane(Tab::Entities) id="panel-entities" role="tabpanel" aria-labelledby="tab-entities">
                <chips::ChipsView/>
            </div>
            <div class="panel pane-map" class:active=pane(Tab::Map) id="panel-map" role="tabpanel" aria-labelledby="tab-map">
                <map::MapView/>
            </div>
        </main>
    }
}

/// Links that move the keyboard focus straight to a pane (shown only while focused).
#[component]
fn SkipLinks() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = store.ui;
    let link = move |tab: Tab, target: &'static str, key: &'static str| {
        view! {
            <a
                href=format!("#{target}")
                on:click=move |ev| {
                    // a real fragment change would be read as a share link
                    ev.prevent_default();
                    store.tab.set(tab);
                    request_animation_frame(move || dom::focus(&format!("#{target}")));
                }
            >
                {move || tr(ui.get(), key)}
            </a>
        }
    };
    view! {
        <nav class="skip-links" aria-label=move || tr(ui.get(), "skip.label")>
            {link(Tab::Article, "text-panel", "skip.article")}
            {link(Tab::Timeline, "timeline", "skip.timeline")}
            {link(Tab::Entities, "chips", "skip.entities")}
            {link(Tab::Map, "map-panel", "skip.map")}
        </nav>
    }
}

#[component]
fn Header() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = store.ui;
    let switch = move |_| {
        let next = if ui.get_untracked() == Ui::En { Ui::Ar } else { Ui::En };
        ui.set(next);
        store::remember_ui(next);
    };
    let about = RwSignal::new(false);
    view! {
        <header class="top">
            <div class="brand">
                <span class="logo" lang="ar">"خبر"</span>
                <span class="wordmark">"Khabar"</span>
                <span class="tagline">{move || tr(ui.get(), "app.tagline")}</span>
            </div>
            <exports::ShareBar/>
            <corrections::CorrectionsBar/>
            <button
                id="ui-lang"
                type="button"
                class="ui-switch"
                lang=move || if ui.get() == Ui::En { "ar" } else { "en" }
                // the visible name is the accessible name (voice control users say what they see)
                title=move || tr(ui.get(), "ui.switch_label")
                on:click=switch
            >
                {move || tr(ui.get(), "ui.switch")}
            </button>
            <button id="about-open" type="button" aria-haspopup="dialog" on:click=move |_| about.set(true)>
                {move || tr(ui.get(), "about.button")}
            </button>
            <about::About open=about/>
        </header>
    }
}

#[component]
fn Message() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = store.ui;
    view! {
        <div id="message" role="alert" class:shown=move || store.message.with(Option::is_some)>
            {move || store.message.get().map(|m| view! {
                <span>{m}</span>
                <button type="button" class="link" on:click=move |_| store.message.set(None)>{tr(ui.get(), "message.close")}</button>
            })}
        </div>
        <div id="status" role="status" aria-live="polite">{move || store.status.get()}</div>
    }
}

#[component]
fn TabButton(tab: Tab) -> impl IntoView {
    let store = expect_context::<Store>();
    let active = move || store.tab.get() == tab;
    view! {
        <button
            type="button"
            role="tab"
            id=format!("tab-{}", tab.as_str())
            aria-controls=format!("panel-{}", tab.as_str())
            aria-selected=move || if active() { "true" } else { "false" }
            tabindex=move || if active() { "0" } else { "-1" }
            class:active=active
            on:click=move |_| store.tab.set(tab)
        >
            {move || tr(store.ui.get(), &format!("tab.{}", tab.as_str()))}
        </button>
    }
}
