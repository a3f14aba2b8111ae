//! Statements grouped by day, in date then text order; clicking one jumps to it in the text.

use super::chips::{english_gloss, kind_icon};
use super::i18n::{format_date, tr};
use super::store::{Current, Store, Tab};
use super::timeline_axis::{Day, Item, gap_space, lay_out};
use leptos::prelude::*;

/// Focus a statement: highlight it and bring its sentence into view in the text.
pub fn focus_statement(store: Store, index: usize) {
    store.focus.set(Some(index));
    store.tab.set(Tab::Article);
    // after the text view has re-rendered its highlight (and on a phone, become visible)
    request_animation_frame(move || super::dom::scroll_to(&format!("#text [data-in-statement=\"{index}\"]")));
}

/// Who made a statement, as the timeline groups and filters: the entity id, else the words
/// naming the speaker, else empty (unattributed).
fn speaker_key(c: &Current, i: usize) -> String {
    let s = &c.analysis.statements[i];
    match (&s.speaker, s.speaker_span) {
        (Some(id), _) => id.clone(),
        // a reader's correction: a description such as "unnamed source"
        (None, _) if s.speaker_description.is_some() => format!("desc:{}", s.speaker_description.as_deref().unwrap_or_default()),
        (None, Some(sp)) => format!("text:{}", c.slice(sp)),
        (None, None) => String::new(),
    }
}

/// A speaker's name, English gloss and kind as shown in a run's heading and the filter.
fn speaker_label(ui: super::i18n::Ui, c: &Current, i: usize) -> (String, Option<String>, Option<crate::EntityKind>) {
    let s = &c.analysis.statements[i];
    let speaker_entity = s.speaker.as_deref().and_then(|id| c.entity(id));
    let text = match (speaker_entity, s.speaker_span) {
        (Some(e), _) => e.name.clone(),
        (None, _) if s.speaker_description.is_some() => s.speaker_description.clone().unwrap_or_default(),
        (None, Some(sp)) => c.slice(sp).to_string(),
        (None, None) => tr(ui, "timeline.unattributed").to_string(),
    };
    (text, speaker_entity.and_then(english_gloss), speaker_entity.map(|e| e.kind))
}

#[component]
pub fn TimelineView() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = store.ui;
    // "" = every speaker
    let speaker = RwSignal::new(String::new());
    Effect::new(move |_| {
        store.current.track();
        speaker.set(String::new());
    });
    let speakers = Memo::new(move |_| {
        let ui = ui.get();
        store.current.with(|c| {
            let mut out: Vec<(String, String, usize)> = Vec::new();
            for &i in &c.order {
                let key = speaker_key(c, i);
                match out.iter_mut().find(|s| s.0 == key) {
                    Some(s) => s.2 += 1,
                    None => out.push((key, speaker_label(ui, c, i).0, 1)),
                }
            }
            crate::sort::by(&mut out, |a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)));
            out
        })
    });
    let items = move || {
        let selected = store.selected.get();
        let only = speaker.get();
        let ui_now = ui.get();
        // a long article has thousands of statements: drawn a slice at a time
        let slicer = super::slices::Slicer::new(SLICE);
        let cur = store.current.get();
        let list = store.current.with(|c| {
            let shown: Vec<Item> = (0..c.analysis.statements.len())
                .filter(|&i| selected.as_deref().is_none_or(|id| c.involves(&c.analysis.statements[i], id)))
                .map(|i| Item { index: i, date: c.analysis.statements[i].date.clone(), speaker: speaker_key(c, i) })
                .filter(|it| only.is_empty() || it.speaker == only)
                .collect();
            if shown.is_empty() {
                let key = if (selected.is_some() || !only.is_empty()) && !c.analysis.statements.is_empty() { "timeline.none_for" } else { "timeline.empty" };
                return view! { <p class="empty">{tr(ui_now, key)}</p> }.into_any();
            }
            let filtered = selected.is_some();
            // a day or a run of at most a slice's statements waits for its turn whole; a longer
            // one is laid out now and its own runs or statements wait for theirs
            let mut parts: Vec<AnyView> = Vec::new();
            let mut small_days = Vec::new();
            let mut pos = 0;
            for day in lay_out(&shown) {
                let head = DayHead::of(ui_now, c, &day);
                let runs: Vec<(RunHead, Vec<usize>)> = day.runs.into_iter().map(|run| (RunHead::of(ui_now, c, run.items[0]), run.items)).collect();
                let weight: usize = runs.iter().map(|(_, items)| items.len()).sum();
                let start = pos;
                pos += weight;
                if weight <= SLICE {
                    let cur = cur.clone();
                    small_days.push((weight, move || {
                        let mut at = start;
                        let runs = runs
                            .iter()
                            .map(|(run, items)| {
                                let list = items
                                    .iter()
                                    .map(|&i| {
                                        at += 1;
                                        item(store, &cur, i, filtered, at == 1)
                                    })
                                    .collect_view();
                                run_view(run.clone(), list.into_any())
                            })
                            .collect_view();
                        day_view(ui_now, head.clone(), runs.into_any())
                    }));
                    continue;
                }
                parts.push(slicer.add_weighted(std::mem::take(&mut small_days)));
                let mut run_parts: Vec<AnyView> = Vec::new();
                let mut small_runs = Vec::new();
                let mut at = start;
                for (run, items) in runs {
                    let (first, weight) = (at, items.len());
                    at += weight;
                    if weight <= SLICE {
                        let cur = cur.clone();
                        small_runs.push((weight, move || {
                            let list = items.iter().enumerate().map(|(k, &i)| item(store, &cur, i, filtered, first + k == 0)).collect_view();
                            run_view(run.clone(), list.into_any())
                        }));
                        continue;
                    }
                    run_parts.push(slicer.add_weighted(std::mem::take(&mut small_runs)));
                    let list = slicer.add_all(items.into_iter().enumerate().map(|(k, i)| {
                        let cur = cur.clone();
                        move || item(store, &cur, i, filtered, first + k == 0)
                    }));
                    run_parts.push(run_view(run, list).into_any());
                }
                run_parts.push(slicer.add_weighted(small_runs));
                parts.push(day_view(ui_now, head, run_parts.into_any()).into_any());
            }
            parts.push(slicer.add_weighted(small_days));
            parts.into_any()
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
    let t = move |k: &'static str| move || tr(ui.get(), k);
    view! {
        <section
            id="timeline"
            class="panel-body"
            aria-labelledby="timeline-title"
            tabindex="-1"
            on:keydown=move |ev| { let _ = super::keys::roving(&ev, ".statement-body", super::keys::Axis::Column); }
        >
            <div class="panel-head">
                <h2 id="timeline-title">{t("timeline.title")}</h2>
                <label class="speaker-filter" hidden=move || speakers.with(|s| s.len() < 2)>
                    <span class="visually-hidden">{t("timeline.speaker")}</span>
                    <select id="speaker-filter" prop:value=move || speaker.get() on:change=move |ev| speaker.set(event_target_value(&ev))>
                        <option value="">{t("timeline.all_speakers")}</option>
                        {move || speakers.get().into_iter().map(|(key, name, n)| view! { <option value=key>{format!("{name} ({n})")}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            {filter_note}
            <super::corrections::StatementEditor/>
            {items}
        </section>
    }
}

/// Statements drawn per slice (a long article has thousands).
const SLICE: usize = 40;

/// A day's heading as the timeline shows it.
#[derive(Clone)]
struct DayHead {
    date: Option<String>,
    heading: String,
    upcoming: bool,
    gap: Option<String>,
    space: String,
}

impl DayHead {
    fn of(ui: super::i18n::Ui, c: &Current, day: &Day) -> DayHead {
        DayHead {
            date: day.date.clone(),
            heading: day.date.as_deref().map(|d| format_date(ui, d)).unwrap_or_else(|| tr(ui, "timeline.nodate").to_string()),
            upcoming: day.date.as_deref().zip(c.analysis.date.as_deref()).is_some_and(|(d, a)| d > a),
            gap: day.gap_days.filter(|&g| g > 1).map(|g| tr(ui, "timeline.days_later").replace("{n}", &g.to_string())),
            space: format!("{:.2}rem", gap_space(day.gap_days)),
        }
    }
}

/// The speaker heading of consecutive statements by one speaker.
#[derive(Clone)]
struct RunHead {
    name: String,
    gloss: Option<String>,
    kind: Option<crate::EntityKind>,
}

impl RunHead {
    fn of(ui: super::i18n::Ui, c: &Current, first: usize) -> RunHead {
        let (name, gloss, kind) = speaker_label(ui, c, first);
        RunHead { name, gloss, kind }
    }
}

fn day_view(ui: super::i18n::Ui, head: DayHead, runs: AnyView) -> impl IntoView + use<> {
    let undated = head.date.is_none();
    view! {
        <section class="day" class:upcoming=head.upcoming class:undated=undated style:margin-block-start=head.space>
            <h3 class="tick">
                <time datetime=head.date.unwrap_or_default()>{head.heading}</time>
                {head.gap.map(|g| view! { <span class="gap">{g}</span> })}
                {head.upcoming.then(|| view! { <span class="badge upcoming">{tr(ui, "timeline.upcoming")}</span> })}
            </h3>
            <ul class="runs">{runs}</ul>
        </section>
    }
}

fn run_view(head: RunHead, list: AnyView) -> impl IntoView + use<> {
    let kind = head.kind;
    view! {
        <li class="run">
            <span class=format!("speaker kind-{}", kind.map_or("none", |k| k.as_str()))>
                {kind.map(kind_icon)}
                <bdi>{head.name}</bdi>
                {head.gloss.map(|g| view! { <bdi class="en" lang="en">{g}</bdi> })}
            </span>
            <ol class="statements">{list}</ol>
        </li>
    }
}

fn item(store: Store, c: &Current, i: usize, filtered: bool, tab_stop: bool) -> impl IntoView + use<> {
    let s = &c.analysis.statements[i];
    let corrected = c.marks.statements.contains(&i);
    let ui = store.ui;
    let cue = s.cue.map(|sp| c.slice(sp).to_string()).filter(|t| !t.is_empty());
    let content = s.content_text(&c.text);
    let content_dir = if crate::detect_lang(&content) == crate::Lang::Ar { "rtl" } else { "ltr" };
    let direct = s.direct;
    let inferred = c.filed[i].1;
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
            <button type="button" class="statement-body" tabindex=if tab_stop { "0" } else { "-1" } on:click=move |_| focus_statement(store, i)>
                {cue.map(|cue| view! { <bdi class="cue">{cue}</bdi> })}
                {quote}
                {corrected.then(|| view! { <span class="corrected-mark" title=move || tr(ui.get(), "fix.corrected")>"✎"</span> })}
            </button>
        </li>
    }
}
