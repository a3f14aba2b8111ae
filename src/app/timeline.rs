//! Statements grouped by day, in date then text order; clicking one jumps to it in the text.

use super::chips::{english_gloss, kind_icon};
use super::i18n::{format_date, tr};
use super::store::{Current, Store, Tab};
use leptos::prelude::*;

/// Focus a statement: highlight it and bring its sentence into view in the text.
pub fn focus_statement(store: Store, index: usize) {
    store.focus.set(Some(index));
    store.tab.set(Tab::Article);
    // after the text view has re-rendered its highlight (and on a phone, become visible)
    request_animation_frame(move || super::dom::scroll_to(&format!("#text [data-in-statement=\"{index}\"]")));
}

#[component]
pub fn TimelineView() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = store.ui;
    let items = move || {
        let selected = store.selected.get();
        let ui_now = ui.get();
        // a long article has thousands of statements: drawn a slice at a time
        let slicer = super::slices::Slicer::new(40);
        let cur = store.current.get();
        let list = store.current.with(|c| {
            let shown: Vec<usize> =
                c.order.iter().copied().filter(|&i| selected.as_deref().is_none_or(|id| c.involves(&c.analysis.statements[i], id))).collect();
            if shown.is_empty() {
                let key = if selected.is_some() && !c.analysis.statements.is_empty() { "timeline.none_for" } else { "timeline.empty" };
                return view! { <p class="empty">{tr(ui_now, key)}</p> }.into_any();
            }
            // consecutive statements filed under the same day share a heading
            let mut days: Vec<(Option<String>, Vec<usize>)> = Vec::new();
            for i in shown {
                let day = c.filed[i].0.clone();
                match days.last_mut() {
                    Some((d, members)) if *d == day => members.push(i),
                    _ => days.push((day, vec![i])),
                }
            }
            days.into_iter()
                .map(|(day, members)| {
                    let heading = day.as_deref().map(|d| format_date(ui_now, d)).unwrap_or_else(|| tr(ui_now, "timeline.nodate").to_string());
                    let upcoming = day.as_deref().zip(c.analysis.date.as_deref()).is_some_and(|(d, a)| d > a);
                    let filtered = selected.is_some();
                    let list = members
                        .into_iter()
                        .map(|i| {
                            let c = cur.clone();
                            slicer.add(move || item(store, &c, i, filtered))
                        })
                        .collect_view();
                    view! {
                        <section class="day" class:upcoming=upcoming>
                            <h3>
                                <time datetime=day.clone().unwrap_or_default()>{heading}</time>
                                {upcoming.then(|| view! { <span class="badge upcoming">{tr(ui_now, "timeline.upcoming")}</span> })}
                            </h3>
                            <ol class="statements">{list}</ol>
                        </section>
                    }
                })
                .collect_view()
                .into_any()
        });
        slicer.start();
        list
    };
    let filter_note = move || {
        let sel = store.selected.get()?;
        let (name, gloss) = store.current.with(|c| c.entity(&sel).map(|e| (e.name.clone(), english_gloss(e))))?;
        Some(view! {
            <p class="filter-note">
                {tr(ui.get(), "timeline.filtered")} " " <bdi class="name">{name}</bdi>
                {gloss.map(|g| view! { " " <bdi class="en" lang="en">{g}</bdi> })}
                " · "
                <button type="button" class="link" on:click=move |_| store.selected.set(None)>
                    {tr(ui.get(), "timeline.showall")}
                </button>
            </p>
        })
    };
    view! {
        <section id="timeline" class="panel-body" aria-labelledby="timeline-title">
            <div class="panel-head">
                <h2 id="timeline-title">{move || tr(ui.get(), "timeline.title")}</h2>
            </div>
            {filter_note}
            <super::corrections::StatementEditor/>
            {items}
        </section>
    }
}

fn item(store: Store, c: &Current, i: usize, filtered: bool) -> impl IntoView + use<> {
    let ui = store.ui.get_untracked();
    let s = &c.analysis.statements[i];
    let speaker_entity = s.speaker.as_deref().and_then(|id| c.entity(id));
    let corrected = c.marks.statements.contains(&i);
    let speaker_text = match (speaker_entity, s.speaker_span) {
        (Some(e), _) => e.name.clone(),
        (None, _) if s.speaker_description.is_some() => s.speaker_description.clone().unwrap_or_default(),
        (None, Some(sp)) => c.slice(sp).to_string(),
        (None, None) => tr(ui, "timeline.unattributed").to_string(),
    };
    let gloss = speaker_entity.and_then(english_gloss);
    let kind = speaker_entity.map(|e| e.kind);
    let cue = s.cue.map(|sp| c.slice(sp).to_string()).filter(|t| !t.is_empty());
    let content = c.slice(s.content).to_string();
    let content_dir = if crate::detect_lang(&content) == crate::Lang::Ar { "rtl" } else { "ltr" };
    let direct = s.direct;
    let inferred = c.filed[i].1;
    let date_note = match &s.date {
        Some(d) => view! { <time class="date" datetime=d.clone()>{format_date(ui, d)}</time> }.into_any(),
        None => view! { <span class="date undated">{tr(ui, "timeline.undated")}</span> }.into_any(),
    };
    let involved = Memo::new(move |_| {
        let focus = store.focus.get() == Some(i);
        focus || filtered
    });
    let speaker_id = s.speaker.clone().unwrap_or_default();
    let quote = if direct {
        view! { <q class="content direct" dir=content_dir>{content}</q> }.into_any()
    } else {
        view! { <span class="content reported" dir=content_dir>{content}</span> }.into_any()
    };
    view! {
        <li class="statement" class:hl=move || involved.get() class:undated=inferred class:corrected=corrected data-statement=i.to_string() data-speaker=speaker_id>
            <button type="button" class="statement-body" on:click=move |_| focus_statement(store, i)>
                <span class="who">
                    <span class=format!("speaker kind-{}", kind.map_or("none", |k| k.as_str()))>
                        {kind.map(kind_icon)}
                        <bdi>{speaker_text}</bdi>
                        {gloss.map(|g| view! { <bdi class="en" lang="en">{g}</bdi> })}
                    </span>
                    {cue.map(|cue| view! { <bdi class="cue">{cue}</bdi> })}
                </span>
                {quote}
                {date_note}
                {corrected.then(|| view! { <span class="corrected-mark" title=tr(ui, "fix.corrected")>"✎"</span> })}
            </button>
        </li>
    }
}
