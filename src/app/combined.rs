//! The combined view of every saved article: names merged across articles (which article each
//! appears in, how often), and for the chosen one its statements from every article side by side,
//! one column per article, with dates and a way to open that article.
//!
//! The merging is [`crate::combine`]; this view only lays it out. Article text is shown as text.

use super::chips::{chip_group, kind_icon};
use super::i18n::{format_date, tr};
use super::library::{dir_of, Library};
use super::map::{Place, WorldMap, located};
use super::store::{Store, Ui};
use crate::geo::world::MapData;
use crate::combine::{self, Group, Quote, Source};
use crate::export;
use crate::library::Item;
use crate::{Analysis, Entity, EntityKind, Lang};
use leptos::prelude::*;
use std::sync::Arc;

/// The saved articles in reading order (oldest first, undated last) and their groups.
#[derive(Debug, Clone, PartialEq)]
struct Data {
    items: Vec<Item>,
    /// Each article's analysis with its corrections, in the order of `items`.
    analyses: Vec<Analysis>,
    groups: Vec<Group>,
    /// Every statement of every article on one time axis.
    timeline: Vec<combine::Entry>,
    /// Each located group as one entity (its key as id), with the number of articles naming it.
    places: Vec<(Entity, usize)>,
}

impl Data {
    fn group(&self, key: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.key == key)
    }

    /// The exports' view of every article.
    fn with_articles<T>(&self, f: impl FnOnce(&[export::Article]) -> T) -> T {
        let metas: Vec<_> = self.items.iter().map(Item::metadata).collect();
        let arts: Vec<export::Article> = self
            .items
            .iter()
            .zip(&self.analyses)
            .zip(&metas)
            .map(|((i, a), m)| export::Article { text: &i.text, analysis: a, meta: m, corrections: &i.corrections })
            .collect();
        f(&arts)
    }
}

fn build(mut items: Vec<Item>) -> Data {
    crate::sort::by(&mut items, |a, b| {
        (a.date.is_none(), &a.date).cmp(&(b.date.is_none(), &b.date)).then(a.saved_at.partial_cmp(&b.saved_at).unwrap_or(std::cmp::Ordering::Equal))
    });
    // with each article's corrections: a merged or renamed entity meets its namesakes as corrected
    let analyses: Vec<Analysis> = items.iter().map(|i| i.analysis().analysis).collect();
    let sources: Vec<Source> = items.iter().zip(&analyses).map(|(i, a)| Source { title: &i.title, text: &i.text, analysis: a }).collect();
    let groups = combine::combine(&sources);
    let timeline = combine::merged_timeline(&sources, &groups);
    let figurative: Vec<_> = sources.iter().map(|s| crate::geo::figurative::figurative_mentions(s.text, s.analysis)).collect();
    let places = groups.iter().filter_map(|g| combine::as_entity(&sources, g, &figurative).map(|e| (e, g.appearances.len()))).collect();
    Data { items, analyses, groups, timeline, places }
}

/// The name to show first in this interface language, and the other forms.
fn display(g: &Group, ui: Ui) -> (String, Vec<String>) {
    let main = match ui {
        Ui::Ar => g.name_ar.clone().unwrap_or_else(|| g.name.clone()),
        Ui::En => g.name.clone(),
    };
    let others = g.names.iter().filter(|n| **n != main).cloned().collect();
    (main, others)
}

fn mentions_label(ui: Ui, n: usize) -> String {
    if n == 1 { tr(ui, "combined.mention_one").to_string() } else { fill(tr(ui, "combined.mentions_n"), n, 0) }
}

/// `{n}` and `{m}` in a translated pattern.
fn fill(pattern: &str, n: usize, m: usize) -> String {
    pattern.replace("{n}", &n.to_string()).replace("{m}", &m.to_string())
}

#[component]
pub fn CombinedView() -> impl IntoView {
    let store = expect_context::<Store>();
    let lib = expect_context::<Library>();
    let ui = store.ui;
    let t = move |k: &'static str| move || tr(ui.get(), k);
    let data = Memo::new(move |_| Arc::new(build(lib.items.get())));
    let selected = RwSignal::new(None::<String>);
    // the group whose page is open (every statement it made, across articles)
    let speaker = RwSignal::new(None::<String>);
    let filter = RwSignal::new(String::new());
    let several = RwSignal::new(false);
    let heading = NodeRef::<leptos::html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    let close = move || {
        lib.combined.set(false);
        request_animation_frame(|| {
            if let Ok(Some(el)) = super::dom::document().query_selector("#library-combined") {
                use wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        });
    };

    let articles = move || {
        let ui_now = ui.get();
        data.get()
            .items
            .iter()
            .enumerate()
            .map(|(n, item)| {
                view! {
                    <li data-article=n.to_string()>
                        <span class="art-badge" title=fill(tr(ui_now, "combined.article_n"), n + 1, 0)>{fill(tr(ui_now, "combined.article_n"), n + 1, 0)}</span>
                        <bdi dir=dir_of(&item.title) class="library-title">{item.title.clone()}</bdi>
                        {item.meta.outlet.clone().map(|o| view! { <bdi class="muted library-outlet">{o}</bdi> })}
                        <span class="date">{item.date.as_deref().map(|d| format_date(ui_now, d)).unwrap_or_default()}</span>
                    </li>
                }
            })
            .collect_view()
    };

    let chips = move || {
        let d = data.get();
        let needle = crate::combine::name_key(&filter.get());
        let several = several.get();
        let total = d.items.len();
        let shown: Vec<&Group> = d
            .groups
            .iter()
            .filter(|g| !several || g.appearances.len() >= 2)
            .filter(|g| needle.is_empty() || g.names.iter().any(|n| crate::combine::name_key(n).contains(&needle)))
            .collect();
        if shown.is_empty() {
            // with the box ticked, say that nothing is shared rather than that nothing was found
            let key = if several && needle.is_empty() && !d.groups.is_empty() { "combined.none_shared" } else { "combined.none" };
            return view! { <p class="empty" id="combined-empty">{move || tr(ui.get(), key)}</p> }.into_any();
        }
        EntityKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let members: Vec<&Group> = shown.iter().copied().filter(|g| g.kind == kind).collect();
                if members.is_empty() {
                    return None;
                }
                let list = members.into_iter().map(|g| chip(store, selected, &d.items, g, total)).collect_view();
                Some(chip_group(ui, kind, list))
            })
            .collect_view()
            .into_any()
    };

    let detail = move || {
        let d = data.get();
        let ui_now = ui.get();
        let Some(g) = selected.get().and_then(|k| d.groups.iter().find(|g| g.key == k).cloned()) else {
            return view! { <p class="empty">{tr(ui_now, "combined.pick")}</p> }.into_any();
        };
        let (main, others) = display(&g, ui_now);
        let summary = fill(tr(ui_now, "combined.in_n"), g.appearances.len(), d.items.len());
        let columns = g
            .appearances
            .iter()
            .map(|app| column(store, lib, &d.items[app.article], app.article, &g, ui_now))
            .collect_view();
        view! {
            <div class=format!("combined-entity kind-{}", g.kind.as_str()) data-group-key=g.key.clone()>
                <h3 class="combined-name" id="combined-name">
                    {kind_icon(g.kind)}
                    <bdi dir=dir_of(&main)>{main.clone()}</bdi>
                    {others.into_iter().map(|n| { let dir = dir_of(&n); view! { <bdi class="en" dir=dir>{n}</bdi> } }).collect_view()}
                </h3>
                <p class="muted">{summary} " · " {mentions_label(ui_now, g.mentions())}</p>
                {speaker_button(speaker, &g, ui_now, "combined-speaker-open")}
                <div class="columns" role="list">{columns}</div>
            </div>
        }
        .into_any()
    };

    let announce = move || {
        let d = data.get();
        let ui_now = ui.get();
        let g = selected.get().and_then(|k| d.groups.iter().find(|g| g.key == k).cloned())?;
        Some(format!("{}: {}", display(&g, ui_now).0, fill(tr(ui_now, "combined.in_n"), g.appearances.len(), d.items.len())))
    };
    view! {
        <section
            id="combined"
            class="combined"
            aria-labelledby="combined-title"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    // a speaker's page goes back to the combined view, which goes back to the article
                    if speaker.get_untracked().is_some() {
                        back_from_speaker(speaker);
                    } else {
                        close();
                    }
                }
            }
        >
            <div class="combined-head">
                <h2 id="combined-title" tabindex="-1" node_ref=heading>{t("combined.title")}</h2>
                <button type="button" id="combined-close" on:click=move |_| close()>{t("combined.back")}</button>
            </div>
            <ol class="combined-articles" aria-label=t("combined.articles")>{articles}</ol>
            <Show when=move || speaker.with(Option::is_some)>
                <SpeakerPage data speaker/>
            </Show>
            <div class="combined-body" hidden=move || speaker.with(Option::is_some)>
                <div class="panel-body combined-chips">
                    <div class="panel-head">
                        <h2>{t("combined.names")}</h2>
                        <input
                            type="search"
                            class="filter"
                            id="combined-filter"
                            aria-label=t("chips.filter")
                            placeholder=t("chips.filter")
                            prop:value=move || filter.get()
                            on:input=move |ev| filter.set(event_target_value(&ev))
                        />
                    </div>
                    <label class="check">
                        <input type="checkbox" id="combined-several" prop:checked=move || several.get() on:change=move |ev| several.set(event_target_checked(&ev))/>
                        {t("combined.several")}
                    </label>
                    {chips}
                </div>
                <div class="panel-body combined-detail" id="combined-detail">
                    {detail}
                </div>
                // what a screen reader hears on choosing a name: the name and where it appears, not every column
                <p class="visually-hidden" aria-live="polite">{announce}</p>
            </div>
            <div class="combined-more" hidden=move || speaker.with(Option::is_some)>
                <CombinedMap data selected/>
                <MergedTimeline data=data speaker/>
            </div>
        </section>
    }
}

fn chip(store: Store, selected: RwSignal<Option<String>>, items: &[Item], g: &Group, total: usize) -> impl IntoView + use<> {
    let ui = store.ui;
    let key = g.key.clone();
    let key_sel = key.clone();
    let is_selected = Memo::new(move |_| selected.get().as_deref() == Some(key_sel.as_str()));
    let badges: Vec<usize> = g.appearances.iter().map(|a| a.article).collect();
    let titles: Vec<String> = badges.iter().map(|&a| format!("{}. {}", a + 1, items[a].title)).collect();
    let (name_en, name_ar) = (display(g, Ui::En).0, display(g, Ui::Ar).0);
    let name = move || if ui.get() == Ui::Ar { name_ar.clone() } else { name_en.clone() };
    let n = g.appearances.len();
    let name_for_label = name.clone();
    // heard after the name (an aria-label would hide the visible name from voice control)
    let titles_heard = titles.clone();
    let label = move || format!("{} — {}: {}", name_for_label(), fill(tr(ui.get(), "combined.in_n"), n, total), titles.join("; "));
    let heard = move || format!(" — {}: {}", fill(tr(ui.get(), "combined.in_n"), n, total), titles_heard.join("; "));
    view! {
        <li>
            <button
                type="button"
                class=format!("chip xchip kind-{}", g.kind.as_str())
                class:several={ n >= 2 }
                data-group-key=key.clone()
                data-articles=n.to_string()
                aria-pressed=move || if is_selected.get() { "true" } else { "false" }
                title=label
                on:click=move |_| {
                    selected.update(|s| *s = if s.as_deref() == Some(key.as_str()) { None } else { Some(key.clone()) });
                    // on a phone the statements are below the names: bring them into view
                    let narrow = super::dom::window().inner_width().ok().and_then(|w| w.as_f64()).is_some_and(|w| w < 760.0);
                    if narrow && selected.get_untracked().is_some() {
                        request_animation_frame(|| {
                            if let Ok(Some(el)) = super::dom::document().query_selector("#combined-detail") {
                                let opts = web_sys::ScrollIntoViewOptions::new();
                                opts.set_block(web_sys::ScrollLogicalPosition::Start);
                                opts.set_behavior(web_sys::ScrollBehavior::Smooth);
                                el.scroll_into_view_with_scroll_into_view_options(&opts);
                            }
                        });
                    }
                }
            >
                {kind_icon(g.kind)}
                <bdi class="name">{name}</bdi>
                <span class="visually-hidden">{heard}</span>
                <span class="arts" aria-hidden="true">
                    {badges.into_iter().map(|a| view! { <span class="art-badge" title=move || fill(tr(ui.get(), "combined.article_n"), a + 1, 0)>{move || fill(tr(ui.get(), "combined.article_n"), a + 1, 0)}</span> }).collect_view()}
                </span>
            </button>
        </li>
    }
}

fn column(store: Store, lib: Library, item: &Item, article: usize, g: &Group, ui: Ui) -> impl IntoView + use<> {
    let app = g.in_article(article).cloned();
    let mentions = app.as_ref().map_or(0, |a| a.mentions);
    let entity = app.and_then(|a| a.entity_ids.into_iter().next());
    let said: Vec<Quote> = g.said_in(article).cloned().collect();
    let mentioned: Vec<Quote> = g.mentioned_in(article).cloned().collect();
    let head_id = format!("combined-col-{article}");
    let labelled_by = head_id.clone();
    let quote_list = |quotes: Vec<Quote>| {
        let item = item.clone();
        let entity = entity.clone();
        quotes
            .into_iter()
            .map(move |q| {
                let item = item.clone();
                let entity = entity.clone();
                let index = q.index;
                let content = quote_content(q.direct, &q.content);
                let date = statement_date(ui, q.date.as_deref(), q.date_inferred);
                view! {
                    <li class="statement xquote" data-quote-index=index.to_string()>
                        <button
                            type="button"
                            class="statement-body"
                            on:click=move |_| open_at_statement(store, lib, &item, entity.clone(), index)
                        >
                            {q.cue.clone().map(|c| view! { <bdi class="cue">{c}</bdi> })}
                            {content}
                            {date}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let said_view = if said.is_empty() {
        view! { <p class="empty">{tr(ui, "combined.said_none")}</p> }.into_any()
    } else {
        view! { <ol class="statements">{quote_list(said)}</ol> }.into_any()
    };
    let mentioned_view = (!mentioned.is_empty()).then(|| {
        view! {
            <h4>{tr(ui, "combined.mentioned")}</h4>
            <ol class="statements mentioned">{quote_list(mentioned)}</ol>
        }
    });
    let open_item = item.clone();
    let lang = if crate::detect_lang(&item.text) == Lang::Ar { "ar" } else { "en" };
    view! {
        <section class="column" role="listitem" data-article=article.to_string() aria-labelledby=labelled_by>
            <header class="column-head">
                <span class="art-badge">{fill(tr(ui, "combined.article_n"), article + 1, 0)}</span>
                <bdi id=head_id dir=dir_of(&item.title) lang=lang class="column-title">{item.title.clone()}</bdi>
                <span class="date">{item.date.as_deref().map(|d| format_date(ui, d)).unwrap_or_default()}</span>
                <span class="muted count">{mentions_label(ui, mentions)}</span>
            </header>
            <h4>{tr(ui, "combined.said")}</h4>
            {said_view}
            {mentioned_view}
            <button
                type="button"
                class="combined-open"
                on:click=move |_| {
                    lib.open(store, &open_item, Some("timeline"), entity.clone());
                    lib.combined.set(false);
                }
            >
                {tr(ui, "combined.open_article")}
            </button>
        </section>
    }
}

/// Every saved article's statements on one time axis, filterable by speaker and by article.
#[component]
fn MergedTimeline(data: Memo<Arc<Data>>, speaker: RwSignal<Option<String>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let lib = expect_context::<Library>();
    let ui = store.ui;
    let by_speaker = RwSignal::new(String::new());
    let article = RwSignal::new(String::new());
    let speakers = move || {
        let d = data.get();
        let ui_now = ui.get();
        let mut keys: Vec<(String, String)> = Vec::new();
        for e in &d.timeline {
            if let Some(k) = &e.speaker_key
                && !keys.iter().any(|(x, _)| x == k)
                && let Some(g) = d.groups.iter().find(|g| &g.key == k)
            {
                keys.push((k.clone(), display(g, ui_now).0));
            }
        }
        crate::sort::by(&mut keys, |a, b| a.1.cmp(&b.1));
        keys.into_iter().map(|(k, name)| view! { <option value=k>{name}</option> }).collect_view()
    };
    let articles = move || {
        let ui_now = ui.get();
        data.get()
            .items
            .iter()
            .enumerate()
            .map(|(n, item)| view! { <option value=n.to_string()>{format!("{} · {}", fill(tr(ui_now, "combined.article_n"), n + 1, 0), item.title)}</option> })
            .collect_view()
    };
    let entries = move || {
        let d = data.get();
        let ui_now = ui.get();
        let (who, which) = (by_speaker.get(), article.get().parse::<usize>().ok());
        let shown: Vec<&combine::Entry> =
            d.timeline.iter().filter(|e| who.is_empty() || e.speaker_key.as_deref() == Some(who.as_str())).filter(|e| which.is_none_or(|a| e.article == a)).collect();
        if shown.is_empty() {
            return view! { <p class="empty">{tr(ui_now, "timeline.empty")}</p> }.into_any();
        }
        shown
            .into_iter()
            .map(|e| {
                let item = d.items[e.article].clone();
                let index = e.index;
                let dir = dir_of(&e.content);
                let date = statement_date(ui_now, e.date.as_deref(), e.date_inferred);
                let who = e.speaker.clone().unwrap_or_else(|| tr(ui_now, "timeline.unattributed").to_string());
                // a speaker followed across articles has a page of their own
                let who = match e.speaker_key.clone().filter(|k| d.group(k).is_some()) {
                    Some(key) => {
                        let label = tr(ui_now, "speaker.open").replace("{name}", &who);
                        view! {
                            <button type="button" class="who speaker-link" data-speaker-key=key.clone() title=label.clone() aria-label=label
                                on:click=move |_| open_speaker(speaker, key.clone())>
                                <bdi>{who}</bdi>
                            </button>
                        }
                        .into_any()
                    }
                    None => view! { <bdi class="who">{who}</bdi> }.into_any(),
                };
                view! {
                    <li class="statement xentry" data-article=e.article.to_string() data-speaker-key=e.speaker_key.clone().unwrap_or_default()>
                        {who}
                        <button type="button" class="statement-body" on:click=move |_| open_at_statement(store, lib, &item, None, index)>
                            {date}
                            <span class="art-badge">{fill(tr(ui_now, "combined.article_n"), e.article + 1, 0)}</span>
                            <span class="content" dir=dir>{e.content.clone()}</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="merged-timeline" id="merged-timeline" aria-labelledby="merged-title">
            <div class="panel-head">
                <h2 id="merged-title">{move || tr(ui.get(), "combined.timeline")}</h2>
                <label class="field">
                    <span>{move || tr(ui.get(), "fix.speaker")}</span>
                    <select id="merged-speaker" on:change=move |ev| by_speaker.set(event_target_value(&ev))>
                        <option value="">{move || tr(ui.get(), "combined.everyone")}</option>
                        {speakers}
                    </select>
                </label>
                <label class="field">
                    <span>{move || tr(ui.get(), "combined.articles")}</span>
                    <select id="merged-article" on:change=move |ev| article.set(event_target_value(&ev))>
                        <option value="">{move || tr(ui.get(), "combined.every_article")}</option>
                        {articles}
                    </select>
                </label>
            </div>
            <ol class="statements">{entries}</ol>
        </section>
    }
}

/// Open a speaker's page, at its heading.
/// A statement's date as the timelines show it: a day (marked when inferred), or "undated".
fn statement_date(ui: Ui, day: Option<&str>, inferred: bool) -> AnyView {
    match day {
        Some(day) => view! { <time class="date" class:undated=inferred datetime=day.to_string()>{format_date(ui, day)}</time> }.into_any(),
        None => view! { <span class="date undated">{tr(ui, "timeline.undated")}</span> }.into_any(),
    }
}

/// What was said, in its own direction: a direct quote in quotation marks, reported speech plain.
fn quote_content(direct: bool, content: &str) -> AnyView {
    let dir = dir_of(content);
    if direct {
        view! { <q class="content direct" dir=dir>{content.to_string()}</q> }.into_any()
    } else {
        view! { <span class="content reported" dir=dir>{content.to_string()}</span> }.into_any()
    }
}

/// Leave the combined view for one article, with the statement in sight.
fn open_at_statement(store: Store, lib: Library, item: &Item, selected: Option<String>, index: usize) {
    lib.open(store, item, Some("article"), selected);
    lib.combined.set(false);
    super::timeline::focus_statement(store, index);
}

fn open_speaker(speaker: RwSignal<Option<String>>, key: String) {
    speaker.set(Some(key));
    request_animation_frame(|| {
        if let Ok(Some(el)) = super::dom::document().query_selector("#speaker-title") {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                el.scroll_into_view();
                let _ = el.focus();
            }
        }
    });
}

/// Back to the combined view, at the button that opened the page.
fn back_from_speaker(speaker: RwSignal<Option<String>>) {
    let key = speaker.get_untracked();
    speaker.set(None);
    request_animation_frame(move || {
        let doc = super::dom::document();
        let opener = key.and_then(|k| doc.query_selector(&format!("[data-speaker-key=\"{}\"].speaker-link, #combined-speaker-open", k.replace('"', ""))).ok().flatten());
        if let Some(el) = opener.or_else(|| doc.query_selector("#combined-title").ok().flatten()) {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// "All statements by …" for a group that made any.
fn speaker_button(speaker: RwSignal<Option<String>>, g: &Group, ui: Ui, id: &'static str) -> Option<impl IntoView + use<>> {
    let n = g.quotes.iter().filter(|q| q.by).count();
    (n > 0).then(|| {
        let key = g.key.clone();
        let label = fill(tr(ui, "speaker.all_n"), n, 0);
        view! { <button type="button" id=id class="speaker-link speaker-open" data-speaker-key=key.clone() on:click=move |_| open_speaker(speaker, key.clone())>{label}</button> }
    })
}

/// A pin's radius on the map of several articles: grows with the number of articles naming it.
fn radius_for_articles(articles: usize) -> f64 {
    (4.0 + 2.0 * articles.saturating_sub(1) as f64).min(12.0)
}

/// Every place of every saved article on one map, each pin sized by the articles naming it; a
/// pin picked lists those articles with its mentions in their words.
#[component]
fn CombinedMap(data: Memo<Arc<Data>>, selected: RwSignal<Option<String>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let lib = expect_context::<Library>();
    let ui = store.ui;
    let map_data = Memo::new(move |_| data.with(|d| MapData::of_places(d.places.iter().map(|(e, n)| (e, *n)), |_| true)));
    let places = Memo::new(move |_| {
        let ui_now = ui.get();
        data.with(|d| {
            let total = d.items.len();
            let mut pins: Vec<Place> = d
                .places
                .iter()
                .filter_map(|(e, n)| located(ui_now, e, radius_for_articles(*n), Some(fill(tr(ui_now, "combined.in_n"), *n, total))))
                .collect();
            super::map::biggest_first(&mut pins);
            pins
        })
    });
    let pick = Callback::new(move |key: String| selected.update(|s| *s = if s.as_deref() == Some(key.as_str()) { None } else { Some(key) }));
    let picked = move || {
        let d = data.get();
        let ui_now = ui.get();
        let key = selected.get()?;
        d.places.iter().any(|(e, _)| e.id == key).then_some(())?;
        let g = d.group(&key)?.clone();
        let (main, _) = display(&g, ui_now);
        let rows = g
            .appearances
            .iter()
            .map(|app| {
                let item = d.items[app.article].clone();
                let in_context = combine::mentions_in_context(&item.text, &d.analyses[app.article], &app.entity_ids);
                let more = in_context.len().saturating_sub(MENTIONS_SHOWN);
                let dir = dir_of(&item.text);
                let mentions = in_context
                    .into_iter()
                    .take(MENTIONS_SHOWN)
                    .map(|m| view! { <li><bdi dir=dir>{m.before}<mark class="m kind-place">{m.mention}</mark>{m.after}</bdi></li> })
                    .collect_view();
                let entity = app.entity_ids.first().cloned();
                let open_item = item.clone();
                view! {
                    <li class="xmap-article" data-article=app.article.to_string()>
                        <div class="column-head">
                            <span class="art-badge">{fill(tr(ui_now, "combined.article_n"), app.article + 1, 0)}</span>
                            <bdi dir=dir_of(&item.title) class="column-title">{item.title.clone()}</bdi>
                            <span class="date">{item.date.as_deref().map(|day| format_date(ui_now, day)).unwrap_or_default()}</span>
                            <span class="muted count">{mentions_label(ui_now, app.mentions)}</span>
                        </div>
                        <ul class="xmap-mentions">{mentions}</ul>
                        {(more > 0).then(|| view! { <p class="muted">{fill(tr(ui_now, "combined.more_mentions"), more, 0)}</p> })}
                        <button type="button" class="combined-open" on:click=move |_| {
                            lib.open(store, &open_item, Some("map"), entity.clone());
                            lib.combined.set(false);
                        }>{tr(ui_now, "combined.open_article")}</button>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <h3 class="combined-name" id="xmap-picked-name">{kind_icon(g.kind)} <bdi dir=dir_of(&main)>{main.clone()}</bdi></h3>
            <p class="muted">{fill(tr(ui_now, "combined.in_n"), g.appearances.len(), d.items.len())} " · " {mentions_label(ui_now, g.mentions())}</p>
            <ol class="xmap-articles">{rows}</ol>
        })
    };
    view! {
        <section class="combined-map" id="combined-map" aria-labelledby="xmap-title">
            <div class="xmap-frame">
                <WorldMap prefix="xmap" title="combined.map" empty="combined.map_empty" data=map_data places selected pick/>
            </div>
            <div class="xmap-picked" id="xmap-picked" aria-live="polite">
                {move || picked().map(IntoAny::into_any).unwrap_or_else(|| view! { <p class="empty">{tr(ui.get(), "combined.map_pick")}</p> }.into_any())}
            </div>
        </section>
    }
}

/// How many mentions of a place each article lists under the combined map.
const MENTIONS_SHOWN: usize = 5;

/// One speaker across every saved article: each statement with its date and its article.
#[component]
fn SpeakerPage(data: Memo<Arc<Data>>, speaker: RwSignal<Option<String>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let lib = expect_context::<Library>();
    let ui = store.ui;
    let group = move || speaker.get().and_then(|k| data.with(|d| d.group(&k).cloned()));
    let download = move |csv: bool| {
        let Some(g) = group() else { return };
        let d = data.get_untracked();
        let said = g.statements_by_date();
        let file = format!("khabar-speaker-{}", crate::combine::name_key(&g.name).replace(' ', "-"));
        let result = d.with_articles(|arts| {
            if csv {
                let keep = |article: usize, index: usize| said.iter().any(|q| q.article == article && q.index == index);
                super::dom::download(&format!("{file}.csv"), "text/csv;charset=utf-8", &export::statements_csv_of(arts, keep))
            } else {
                let st: Vec<export::SpeakerStatement> =
                    said.iter().map(|q| export::SpeakerStatement { article: q.article, index: q.index, date: q.date.as_deref(), date_inferred: q.date_inferred }).collect();
                let json = export::speaker_json(&g.name, &g.names, arts, &st);
                super::dom::download(&format!("{file}.json"), "application/json", &serde_json::to_string_pretty(&json).unwrap_or_default())
            }
        });
        if let Err(e) = result {
            store.error(format!("{e:?}"));
        }
    };
    let page = move || {
        let d = data.get();
        let ui_now = ui.get();
        let g = group()?;
        let (main, others) = display(&g, ui_now);
        let said = g.statements_by_date();
        let articles: std::collections::BTreeSet<usize> = crate::sort::set(said.iter().map(|q| q.article));
        let summary = tr(ui_now, "speaker.summary").replace("{n}", &said.len().to_string()).replace("{m}", &articles.len().to_string());
        let list = said
            .into_iter()
            .map(|q| {
                let item = d.items[q.article].clone();
                let index = q.index;
                let date = statement_date(ui_now, q.date.as_deref(), q.date_inferred);
                let content = quote_content(q.direct, &q.content);
                let outlet = item.meta.outlet.clone();
                let title = item.title.clone();
                view! {
                    <li class="statement speaker-statement" data-article=q.article.to_string() data-statement=index.to_string()>
                        <button type="button" class="statement-body" on:click=move |_| open_at_statement(store, lib, &item, None, index)>
                            {date}
                            <span class="speaker-source">
                                <span class="art-badge">{fill(tr(ui_now, "combined.article_n"), q.article + 1, 0)}</span>
                                <bdi dir=dir_of(&title) class="column-title">{title.clone()}</bdi>
                                {outlet.map(|o| view! { <bdi class="muted library-outlet">{o}</bdi> })}
                            </span>
                            {q.cue.clone().map(|c| view! { <bdi class="cue">{c}</bdi> })}
                            {content}
                        </button>
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <section class="speaker-page" id="speaker-page" aria-labelledby="speaker-title" data-group-key=g.key.clone()>
                <div class="combined-head">
                    <h2 id="speaker-title" tabindex="-1" class=format!("combined-name kind-{}", g.kind.as_str())>
                        {kind_icon(g.kind)}
                        <bdi dir=dir_of(&main)>{main.clone()}</bdi>
                        {others.into_iter().map(|n| { let dir = dir_of(&n); view! { <bdi class="en" dir=dir>{n}</bdi> } }).collect_view()}
                    </h2>
                    <button type="button" id="speaker-back" on:click=move |_| back_from_speaker(speaker)>{tr(ui_now, "speaker.back")}</button>
                </div>
                <p class="muted" id="speaker-summary">{summary}</p>
                <div class="library-actions">
                    <button type="button" id="speaker-csv" on:click=move |_| download(true)>{tr(ui_now, "speaker.csv")}</button>
                    <button type="button" id="speaker-json" on:click=move |_| download(false)>{tr(ui_now, "speaker.json")}</button>
                </div>
                <ol class="statements" id="speaker-statements">{list}</ol>
            </section>
        })
    };
    page
}
