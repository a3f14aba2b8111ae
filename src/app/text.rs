//! The article as read: paragraphs with each mention marked and each statement's content spanned.
//!
//! Built from text slices as DOM text nodes: the article is untrusted and is never parsed as HTML.

use super::i18n::tr;
use super::store::{Current, Selection, Store};
use crate::{EntityKind, Lang, Span};
use leptos::prelude::*;

/// One stretch of a paragraph with the same mention and statement over all of it.
#[derive(Debug, Clone, PartialEq)]
struct Run {
    span: Span,
    mention: Option<(String, EntityKind)>,
    statement: Option<usize>,
}

fn valid(text: &str, s: Span) -> bool {
    s.start < s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
}

/// Mentions that can be drawn as non-overlapping marks: earliest first, longest on a tie, and a
/// mention overlapping one already kept is dropped.
fn mention_marks(c: &Current) -> Vec<(Span, String, EntityKind)> {
    let mut all: Vec<(Span, String, EntityKind)> =
        c.analysis.entities.iter().flat_map(|e| e.mentions.iter().map(move |m| (*m, e.id.clone(), e.kind))).filter(|(m, _, _)| valid(&c.text, *m)).collect();
    crate::sort::by_key(&mut all, |(m, _, _)| (m.start, std::cmp::Reverse(m.end)));
    let mut kept: Vec<(Span, String, EntityKind)> = Vec::with_capacity(all.len());
    for m in all {
        if kept.last().is_none_or(|last| last.0.end <= m.0.start) {
            kept.push(m);
        }
    }
    kept
}

/// Statement contents sorted by start, with the longest, so a paragraph finds its own by binary
/// search instead of a scan of all (a long article has thousands of paragraphs and statements).
struct Statements {
    spans: Vec<(Span, usize)>,
    longest: usize,
}

impl Statements {
    fn new(c: &Current) -> Statements {
        let mut spans: Vec<(Span, usize)> =
            c.analysis.statements.iter().enumerate().filter(|(_, s)| valid(&c.text, s.content)).map(|(i, s)| (s.content, i)).collect();
        crate::sort::by_key(&mut spans, |(s, i)| (s.start, *i));
        let longest = spans.iter().map(|(s, _)| s.len()).max().unwrap_or(0);
        Statements { spans, longest }
    }

    fn overlapping(&self, para: Span) -> &[(Span, usize)] {
        let from = self.spans.partition_point(|(s, _)| s.start + self.longest <= para.start);
        let to = self.spans.partition_point(|(s, _)| s.start < para.end);
        &self.spans[from..to.max(from)]
    }
}

fn runs(c: &Current, para: Span, marks: &[(Span, String, EntityKind)], statements: &Statements) -> Vec<Run> {
    // marks are sorted and disjoint, so their ends are sorted too
    let from = marks.partition_point(|(m, _, _)| m.end <= para.start);
    let to = marks.partition_point(|(m, _, _)| m.start < para.end);
    let marks_here = &marks[from..to.max(from)];
    let statements: Vec<(Span, usize)> = statements.overlapping(para).iter().filter(|(s, _)| s.overlaps(para)).copied().collect();
    let mut cuts = vec![para.start, para.end];
    for (m, _, _) in marks_here {
        cuts.extend([m.start.max(para.start), m.end.min(para.end)]);
    }
    for (s, _) in &statements {
        cuts.extend([s.start.max(para.start), s.end.min(para.end)]);
    }
    crate::sort::ord(&mut cuts);
    cuts.dedup();
    let mut out: Vec<Run> = Vec::new();
    for w in cuts.windows(2) {
        let span = Span::new(w[0], w[1]);
        if span.is_empty() || !valid(&c.text, span) {
            continue;
        }
        // marks are sorted and disjoint: the last starting at or before this run is the only candidate
        let at = marks.partition_point(|(m, _, _)| m.start <= span.start);
        let mention = at.checked_sub(1).map(|k| &marks[k]).filter(|(m, _, _)| m.contains(span)).map(|(_, id, kind)| (id.clone(), *kind));
        let statement = statements.iter().filter(|(s, _)| s.contains(span)).map(|(_, i)| *i).min();
        match out.last_mut() {
            Some(last) if last.mention == mention && last.statement == statement && last.span.end == span.start && mention.is_none() => {
                last.span.end = span.end;
            }
            _ => out.push(Run { span, mention, statement }),
        }
    }
    out
}

/// Paragraphs: non-blank lines, as byte spans of the original text (trimmed).
fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset + (line.len() - line.trim_start().len());
        let end = offset + line.trim_end().len();
        if end > start {
            out.push(Span::new(start, end));
        }
        offset += line.len();
    }
    out
}

/// Paragraphs are drawn in slices of about this many bytes of text, one slice per task after the
/// first: a long article (a megabyte is thousands of paragraphs) never blocks the page for long.
const SLICE: usize = 16 * 1024;

/// The first slice is smaller: it is drawn in the same task as the first slices of the other
/// views, and laid out with them in the frame after.
const FIRST_SLICE: usize = 4 * 1024;

/// Paragraphs grouped into consecutive slices of about [`SLICE`] bytes (the first [`FIRST_SLICE`]).
fn slices(paras: Vec<Span>) -> Vec<Vec<Span>> {
    let mut out: Vec<Vec<Span>> = Vec::new();
    let mut size = SLICE;
    for p in paras {
        let full = if out.len() == 1 { FIRST_SLICE } else { SLICE };
        if size >= full {
            out.push(Vec::new());
            size = 0;
        }
        size += p.len();
        out.last_mut().expect("pushed above").push(p);
    }
    out
}

#[component]
pub fn TextView() -> impl IntoView {
    let store = expect_context::<Store>();
    let selection = expect_context::<Selection>();
    let ui = store.ui;
    let body = move || {
        let selection = selection.clone();
        let c = store.current.get();
        if c.text.trim().is_empty() {
            return view! { <Guide/> }.into_any();
        }
        let marks = std::sync::Arc::new(mention_marks(&c));
        let statements = std::sync::Arc::new(Statements::new(&c));
        let doc_dir = if c.analysis.lang == Lang::Ar { "rtl" } else { "ltr" };
        let mut slices = slices(paragraphs(&c.text)).into_iter();
        let draw = move |paras: &[Span]| {
            paras
                .iter()
                .map(|&para| {
                    let slice = &c.text[para.start..para.end];
                    // a paragraph's direction follows its own script, so an English line in an Arabic article reads right
                    let has_letters = slice.chars().any(char::is_alphabetic);
                    let dir = if !has_letters {
                        doc_dir
                    } else if crate::detect_lang(slice) == Lang::Ar {
                        "rtl"
                    } else {
                        "ltr"
                    };
                    let pieces = runs(&c, para, &marks, &statements).into_iter().map(|run| piece(store, &selection, &c, run)).collect_view();
                    view! { <p dir=dir data-start=para.start.to_string()>{pieces}</p> }
                })
                .collect_view()
        };
        let first = slices.next().map(|paras| draw(&paras));
        // later slices: each waits for its turn, then draws in a task of its own
        let later: Vec<(RwSignal<bool>, Vec<Span>)> = slices.map(|paras| (RwSignal::new(false), paras)).collect();
        let turns: Vec<RwSignal<bool>> = later.iter().map(|(on, _)| *on).collect();
        super::slices::reveal(turns);
        let later = later
            .into_iter()
            .map(|(on, paras)| {
                let draw = draw.clone();
                move || on.get().then(|| draw(&paras))
            })
            .collect_view();
        view! { {first}{later} }.into_any()
    };
    let lang = move || store.current.with(|c| c.analysis.lang.code());
    view! {
        <section id="text-panel" class="panel-body" aria-labelledby="text-title" tabindex="0">
            <h2 id="text-title" class="visually-hidden">{move || tr(ui.get(), "text.title")}</h2>
            <MentionSteps/>
            <div id="text" lang=lang>{body}</div>
        </section>
    }
}

/// The selected name's mentions, one after another: "previous" and "next" move the keyboard
/// focus (and the scroll) to each highlighted mark in the text.
#[component]
fn MentionSteps() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = store.ui;
    let at = RwSignal::new(None::<usize>);
    Effect::new(move |_| {
        store.selected.track();
        at.set(None);
    });
    let count = move || {
        let id = store.selected.get()?;
        store.current.with(|c| c.entity(&id).map(|e| (e.name.clone(), e.mentions.len())))
    };
    let step = move |forward: bool| {
        let marks = super::dom::document().query_selector_all("#text mark.hl").ok();
        let Some(marks) = marks.filter(|m| m.length() > 0) else {
            return;
        };
        let n = marks.length() as usize;
        let next = match (at.get_untracked(), forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        at.set(Some(next));
        if let Some(el) = marks.item(next as u32).and_then(|m| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(m).ok()) {
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Center);
            el.scroll_into_view_with_scroll_into_view_options(&opts);
            let _ = el.focus();
        }
    };
    view! {
        {move || count().map(|(name, n)| {
            let t = move |k: &'static str| tr(ui.get(), k);
            view! {
                <div class="mention-steps" role="group" aria-label=t("text.mentions")>
                    <bdi class="name">{name}</bdi>
                    <span class="muted" aria-live="polite">
                        {move || match at.get() {
                            Some(i) => format!("{} / {n}", i + 1),
                            None => format!("{n} {}", t("chips.mentions")),
                        }}
                    </span>
                    <button type="button" id="mention-prev" on:click=move |_| step(false)>{t("text.prev")}</button>
                    <button type="button" id="mention-next" on:click=move |_| step(true)>{t("text.next")}</button>
                </div>
            }
        })}
    }
}

fn piece(store: Store, selection: &Selection, c: &Current, run: Run) -> AnyView {
    let slice = c.text[run.span.start..run.span.end].to_string();
    let inner = match run.mention {
        Some((id, kind)) => {
            let id_hl = id.clone();
            let id_click = id.clone();
            let selection = selection.clone();
            view! {
                <mark
                    class=format!("m kind-{}", kind.as_str())
                    tabindex="-1"
                    class:hl=move || selection.is(&id_hl)
                    data-entity-id=id
                    on:click=move |_| store.toggle_entity(&id_click)
                >
                    {slice}
                </mark>
            }
            .into_any()
        }
        None => slice.into_any(),
    };
    match run.statement {
        Some(i) => {
            let involved = move || {
                store.focus.get() == Some(i)
                    || store.selected.get().is_some_and(|id| store.current.with_untracked(|c| c.analysis.statements.get(i).is_some_and(|s| c.involves(s, &id))))
            };
            view! { <span class="said" class:hl=involved data-in-statement=i.to_string()>{inner}</span> }.into_any()
        }
        None => inner,
    }
}

pub const EXAMPLE_EN: &str = include_str!("examples/en.txt");
pub const EXAMPLE_AR: &str = include_str!("examples/ar.txt");

/// What to do on an empty page, with an example article written for Khabar (its people are fictional).
#[component]
fn Guide() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = store.ui;
    let t = move |k: &'static str| move || tr(ui.get(), k);
    let example = move |text: &'static str| {
        move |_| {
            store.message.set(None);
            store.load(crate::share::Shared { text: text.to_string(), date: Some("2024-03-04".into()), ..Default::default() })
        }
    };
    view! {
        <div class="guide">
            <h3>{t("guide.title")}</h3>
            <ol>
                <li>{t("guide.step1")}</li>
                <li>{t("guide.step2")}</li>
                <li>{t("guide.step3")}</li>
            </ol>
            <p class="guide-examples">
                <button type="button" id="example-ar" lang="ar" on:click=example(EXAMPLE_AR)>{t("guide.example_ar")}</button>
                <button type="button" id="example-en" lang="en" on:click=example(EXAMPLE_EN)>{t("guide.example_en")}</button>
            </p>
            <p class="guide-note">{t("guide.note")}</p>
        </div>
    }
}
