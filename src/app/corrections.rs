//! Corrections in the app: the entity and statement editors, marking selected text as a new
//! entity, undo and redo (buttons and Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y), and the notice of
//! corrections that no longer apply after a re-analysis. The operations themselves and their
//! replay are [`crate::corrections`]; the store keeps them per article ([`Store::edits`]).

use super::i18n::{kind_label, tr};
use super::store::{Current, Store};
use crate::corrections::{self as core, Anchor, Op, Skipped, Speaker};
use crate::{EntityKind, Span};
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// What the corrections changed in the analysis shown, and those that no longer apply.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marks {
    pub entities: BTreeSet<String>,
    pub statements: BTreeSet<usize>,
    pub skipped: Vec<Skipped>,
}

/// Show the machine analysis with the corrections as they are now.
fn replay(store: Store) {
    let ops = store.edits.with_untracked(|h| h.ops().to_vec());
    let next = store.current.with_untracked(|c| c.corrected(&ops));
    if let Some(sel) = store.selected.get_untracked()
        && next.entity(&sel).is_none()
    {
        store.selected.set(None);
    }
    if store.focus.get_untracked().is_some_and(|i| i >= next.analysis.statements.len()) {
        store.focus.set(None);
    }
    store.current.set(Arc::new(next));
}

fn say(store: Store, key: &str) {
    store.status.set(Some(tr(store.ui.get_untracked(), key).to_string()));
}

pub fn correct(store: Store, op: Op) {
    store.edits.update(|h| h.push(op));
    replay(store);
    say(store, "fix.done");
}

pub fn undo(store: Store) {
    if store.edits.try_update(|h| h.undo().is_some()).unwrap_or(false) {
        replay(store);
        say(store, "fix.undone");
    }
}

pub fn redo(store: Store) {
    if store.edits.try_update(|h| h.redo().is_some()).unwrap_or(false) {
        replay(store);
        say(store, "fix.redone");
    }
}

/// Ctrl/Cmd+Z undoes a correction, Ctrl/Cmd+Shift+Z or Ctrl+Y redoes one, except while typing in
/// a field, where the keys keep their text-editing meaning.
fn install_keys(store: Store) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        let typing = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()).is_some_and(|el| {
            let tag = el.tag_name().to_ascii_lowercase();
            tag == "input" || tag == "textarea" || tag == "select" || el.has_attribute("contenteditable")
        });
        if typing {
            return;
        }
        match (ev.key().to_ascii_lowercase().as_str(), ev.shift_key()) {
            ("z", false) => {
                ev.prevent_default();
                undo(store);
            }
            ("z", true) | ("y", false) => {
                ev.prevent_default();
                redo(store);
            }
            _ => {}
        }
    });
    // the bar lives as long as the page
    std::mem::forget(handle);
}

/// Undo, redo, how many corrections there are, and which no longer apply.
#[component]
pub fn CorrectionsBar() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = store.ui;
    install_keys(store);
    let count = move || store.edits.with(|h| h.ops().len());
    let skipped = move || {
        let skipped = store.current.with(|c| c.marks.skipped.clone());
        if skipped.is_empty() {
            return None;
        }
        let ops = store.edits.with(|h| h.ops().to_vec());
        let items = skipped.iter().map(|s| view! { <li>{s.describe(&ops)}</li> }).collect_view();
        Some(view! {
            <details class="fix-skipped" id="fix-skipped">
                <summary>{tr(ui.get(), "fix.skipped").replace("{n}", &skipped.len().to_string())}</summary>
                <ul>{items}</ul>
            </details>
        })
    };
    view! {
        <div class="fixbar" role="group" aria-label=move || tr(ui.get(), "fix.title")>
            <button type="button" id="undo" disabled=move || store.edits.with(|h| !h.can_undo()) on:click=move |_| undo(store) title=move || tr(ui.get(), "fix.undo_keys")>
                {move || tr(ui.get(), "fix.undo")}
            </button>
            <button type="button" id="redo" disabled=move || store.edits.with(|h| !h.can_redo()) on:click=move |_| redo(store) title=move || tr(ui.get(), "fix.redo_keys")>
                {move || tr(ui.get(), "fix.redo")}
            </button>
            <span class="muted fix-count" id="fix-count" hidden=move || count() == 0>
                {move || if count() == 1 { tr(ui.get(), "fix.count_one").to_string() } else { tr(ui.get(), "fix.count").replace("{n}", &count().to_string()) }}
            </span>
            {skipped}
        </div>
    }
}

/// A mention in its sentence, for the list of mentions: a few words either side.
fn in_context(text: &str, m: Span) -> (String, String, String) {
    let before = &text[..m.start.min(text.len())];
    let after = text.get(m.end..).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let left: Vec<&str> = before[line_start..].split_whitespace().rev().take(4).collect();
    let right: Vec<&str> = after.lines().next().unwrap_or("").split_whitespace().take(4).collect();
    (left.into_iter().rev().collect::<Vec<_>>().join(" "), m.slice(text).to_string(), right.join(" "))
}

fn kind_options(ui: super::store::Ui, chosen: EntityKind) -> impl IntoView {
    EntityKind::ALL.into_iter().map(|k| view! { <option value=k.as_str() selected={k == chosen}>{kind_label(ui, k)}</option> }).collect_view()
}

fn parse_kind(s: &str) -> Option<EntityKind> {
    EntityKind::ALL.into_iter().find(|k| k.as_str() == s)
}

/// The selected entity's corrections: names, kind, merging, its mentions, deleting it.
#[component]
pub fn EntityEditor() -> impl IntoView {
    let store = expect_context::<Store>();
    move || {
        let id = store.selected.get()?;
        let c = store.current.get();
        entity_editor(store, &c, &id)
    }
}

fn entity_editor(store: Store, c: &Current, id: &str) -> Option<impl IntoView + use<>> {
    let ui = store.ui.get_untracked();
    let e = c.entity(id)?.clone();
    let me = core::entity_ref(&c.text, &c.analysis, id)?;
    let name = RwSignal::new(e.name.clone());
    let name_en = RwSignal::new(e.name_en.clone().unwrap_or_default());
    let kind = RwSignal::new(e.kind);
    let original = e.clone();
    let me_save = me.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut ops = Vec::new();
        if name.get_untracked().trim() != original.name && !name.get_untracked().trim().is_empty() {
            ops.push(Op::Rename { entity: me_save.clone(), name: name.get_untracked() });
        }
        let en = name_en.get_untracked();
        if Some(en.trim()) != original.name_en.as_deref().map(str::trim) && !(en.trim().is_empty() && original.name_en.is_none()) {
            ops.push(Op::SetEnglish { entity: me_save.clone(), name_en: Some(en).filter(|s| !s.trim().is_empty()) });
        }
        if kind.get_untracked() != original.kind {
            ops.push(Op::SetKind { entity: me_save.clone(), kind: kind.get_untracked() });
        }
        for op in ops {
            correct(store, op);
        }
    };
    // merge candidates: the same kind first, then by name
    let mut others: Vec<(String, String, bool)> = c
        .analysis
        .entities
        .iter()
        .filter(|o| o.id != e.id)
        .map(|o| {
            (
                o.id.clone(),
                match &o.name_en {
                    Some(en) if en != &o.name => format!("{} ({en})", o.name),
                    _ => o.name.clone(),
                },
                o.kind == e.kind,
            )
        })
        .collect();
    crate::sort::by(&mut others, |a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    let merge_choice = RwSignal::new(String::new());
    let text = Arc::new(c.text.clone());
    let analysis = Arc::new(c.analysis.clone());
    let (text_m, analysis_m, me_m) = (text.clone(), analysis.clone(), me.clone());
    let merge = move |_| {
        let other = merge_choice.get_untracked();
        if let Some(other) = core::entity_ref(&text_m, &analysis_m, &other) {
            correct(store, Op::Merge { entity: me_m.clone(), other });
        }
    };
    let me_del = me.clone();
    let mentions = e
        .mentions
        .iter()
        .map(|&m| {
            let (left, word, right) = in_context(&c.text, m);
            let anchor = Anchor::of(&c.text, m);
            let (a1, a2) = (anchor.clone(), anchor);
            let alone = e.mentions.len() == 1;
            view! {
                <li class="fix-mention" data-start=m.start.to_string()>
                    <bdi class="ctx">{left} " " <mark>{word}</mark> " " {right}</bdi>
                    <button type="button" class="link fix-detach" disabled=alone on:click=move |_| if let Some(a) = a1.clone() { correct(store, Op::Detach { mention: a }) }>
                        {tr(ui, "fix.detach")}
                    </button>
                    <button type="button" class="link fix-remove" on:click=move |_| if let Some(a) = a2.clone() { correct(store, Op::RemoveMention { mention: a }) }>
                        {tr(ui, "fix.remove")}
                    </button>
                </li>
            }
        })
        .collect_view();
    let corrected = c.marks.entities.contains(&e.id);
    Some(view! {
        <section class="fix-panel" id="fix-entity" aria-labelledby="fix-entity-title" data-entity-id=e.id.clone()>
            <h3 id="fix-entity-title">
                {tr(ui, "fix.entity")} " " <bdi>{e.name.clone()}</bdi>
                {corrected.then(|| view! { <span class="corrected-mark" title=tr(ui, "fix.corrected")>" ✎"</span> })}
            </h3>
            <form class="fix-form" on:submit=save>
                <label class="field">
                    <span>{tr(ui, "fix.name")}</span>
                    <input id="fix-name" type="text" dir="auto" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{tr(ui, "fix.name_en")}</span>
                    <input id="fix-name-en" type="text" dir="ltr" lang="en" prop:value=move || name_en.get() on:input=move |ev| name_en.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{tr(ui, "fix.kind")}</span>
                    <select id="fix-kind" on:change=move |ev| if let Some(k) = parse_kind(&event_target_value(&ev)) { kind.set(k) }>
                        {kind_options(ui, e.kind)}
                    </select>
                </label>
                <button type="submit" id="fix-save">{tr(ui, "fix.save")}</button>
            </form>
            <div class="fix-row">
                <label class="field">
                    <span>{tr(ui, "fix.merge_with")}</span>
                    <select id="fix-merge" on:change=move |ev| merge_choice.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {others.into_iter().map(|(id, label, _)| view! { <option value=id>{label}</option> }).collect_view()}
                    </select>
                </label>
                <button type="button" id="fix-merge-go" on:click=merge disabled=move || merge_choice.with(String::is_empty)>{tr(ui, "fix.merge")}</button>
                <button type="button" id="fix-delete" class="danger" on:click=move |_| correct(store, Op::DeleteEntity { entity: me_del.clone() })>
                    {tr(ui, "fix.delete")}
                </button>
            </div>
            <h4>{tr(ui, "fix.mentions")}</h4>
            <ol class="fix-mentions">{mentions}</ol>
        </section>
    })
}

/// The byte of the text at a DOM boundary point inside the reading view.
fn byte_at(text: &str, node: &web_sys::Node, offset: u32) -> Option<usize> {
    let el = match node.dyn_ref::<web_sys::Element>() {
        Some(el) => el.clone(),
        None => node.parent_element()?,
    };
    let para = el.closest("#text p[data-start]").ok()??;
    let start: usize = para.get_attribute("data-start")?.parse().ok()?;
    // UTF-16 units from the paragraph's start to the boundary, then bytes of the text
    let probe = super::dom::document().create_range().ok()?;
    probe.set_start(&para, 0).ok()?;
    probe.set_end(node, offset).ok()?;
    let units = probe.to_string().length() as usize;
    let mut seen = 0usize;
    let rest = text.get(start..)?;
    for (i, ch) in rest.char_indices() {
        if seen >= units {
            return Some(start + i);
        }
        seen += ch.len_utf16();
    }
    Some(text.len())
}

/// The DOM boundary point (a text node and a UTF-16 offset in it) at a byte of the text, the
/// inverse of [`byte_at`]: each paragraph holds its slice of the text, split into text nodes.
fn dom_point(text: &str, byte: usize) -> Option<(web_sys::Node, u32)> {
    let paras = super::dom::document().query_selector_all("#text p[data-start]").ok()?;
    let mut found = None;
    for i in 0..paras.length() {
        let p = paras.item(i)?.dyn_into::<web_sys::Element>().ok()?;
        let start: usize = p.get_attribute("data-start")?.parse().ok()?;
        if start > byte {
            break;
        }
        found = Some((p, start));
    }
    let (p, start) = found?;
    let mut units = text.get(start..byte)?.encode_utf16().count() as u32;
    let mut nodes = Vec::new();
    text_nodes(&p, &mut nodes);
    let mut last = None;
    for node in nodes {
        let len = node.text_content().map_or(0, |t| t.encode_utf16().count() as u32);
        if units <= len {
            return Some((node, units));
        }
        units -= len;
        last = Some((node, len));
    }
    last
}

/// The text nodes under a node, in document order.
fn text_nodes(node: &web_sys::Node, out: &mut Vec<web_sys::Node>) {
    let children = node.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else { continue };
        if child.node_type() == web_sys::Node::TEXT_NODE {
            out.push(child);
        } else {
            text_nodes(&child, out);
        }
    }
}

/// Select a span of the text in the reading view and bring it into sight.
fn show_selection(text: &str, span: Span) -> Option<()> {
    let (a, a_off) = dom_point(text, span.start)?;
    let (b, b_off) = dom_point(text, span.end)?;
    let range = super::dom::document().create_range().ok()?;
    range.set_start(&a, a_off).ok()?;
    range.set_end(&b, b_off).ok()?;
    let sel = super::dom::window().get_selection().ok()??;
    sel.remove_all_ranges().ok()?;
    sel.add_range(&range).ok()?;
    if let Some(el) = a.parent_element() {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
    Some(())
}

/// The article text currently selected in the reading view, as a byte range of the text.
fn selected_span(text: &str) -> Option<Span> {
    let sel = super::dom::window().get_selection().ok()??;
    if sel.is_collapsed() || sel.range_count() == 0 {
        return None;
    }
    let range = sel.get_range_at(0).ok()?;
    let a = byte_at(text, &range.start_container().ok()?, range.start_offset().ok()?)?;
    let b = byte_at(text, &range.end_container().ok()?, range.end_offset().ok()?)?;
    let s = Span::new(a.min(b), a.max(b));
    let t = s.slice(text);
    // without the white space at the ends
    let start = s.start + (t.len() - t.trim_start().len());
    let s = Span::new(start, start.max(s.start + t.trim_end().len()));
    (!s.is_empty()).then_some(s)
}

/// Where a keyboard selection starts when there is none: at the focused name in the text, else
/// at the first paragraph in sight.
fn keyboard_start(text: &str, target: &web_sys::Element) -> usize {
    if let Ok(Some(mark)) = target.closest("#text mark")
        && let Some(at) = byte_at(text, &mark, 0)
    {
        return at;
    }
    let doc = super::dom::document();
    let top = doc.query_selector("#text-panel").ok().flatten().map_or(0.0, |p| p.get_bounding_client_rect().top());
    let paras = doc.query_selector_all("#text p[data-start]").ok();
    let visible = paras.and_then(|ps| {
        (0..ps.length()).filter_map(|i| ps.item(i)?.dyn_into::<web_sys::Element>().ok()).find(|p| p.get_bounding_client_rect().bottom() > top + 4.0)
    });
    visible.and_then(|p| p.get_attribute("data-start")?.parse().ok()).unwrap_or(0)
}

/// The keys of the reading view that select text: ←/→ a word at a time, Shift+←/→ grow or shrink
/// the selection, Enter takes it to the "mark as a name" tool. The arrows follow the page's
/// direction (in Arabic, ← is the next word).
fn text_keys(store: Store, span: RwSignal<Option<Span>>, ev: &web_sys::KeyboardEvent) {
    if ev.ctrl_key() || ev.alt_key() || ev.meta_key() || ev.default_prevented() {
        return;
    }
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    if target.closest("#text-panel").ok().flatten().is_none() || target.closest("button, input, select, textarea").ok().flatten().is_some() {
        return;
    }
    let key = ev.key();
    if key == "Enter" && span.get_untracked().is_some() {
        ev.prevent_default();
        store.tab.set(super::store::Tab::Entities);
        request_animation_frame(|| {
            if let Ok(Some(el)) = super::dom::document().query_selector("#fix-new-kind")
                && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
            {
                let _ = el.focus();
            }
        });
        return;
    }
    if key != "ArrowLeft" && key != "ArrowRight" {
        return;
    }
    ev.prevent_default();
    let rtl = store.current.with_untracked(|c| c.analysis.lang == crate::Lang::Ar);
    let forward = (key == "ArrowRight") != rtl;
    let next = store.current.with_untracked(|c| {
        let current = span.get_untracked().filter(|s| s.end <= c.text.len());
        match (current, ev.shift_key()) {
            (Some(cur), true) => Some(super::word_cursor::extend(&c.text, cur, forward)),
            (cur, _) => super::word_cursor::step(&c.text, cur, keyboard_start(&c.text, &target), forward),
        }
        .inspect(|s| {
            show_selection(&c.text, *s);
        })
    });
    if next.is_some() {
        span.set(next);
    }
}

/// Mark the text selected in the reading view as a new entity.
#[component]
pub fn SelectionTool() -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = store.ui;
    let span = RwSignal::new(None::<Span>);
    let kind = RwSignal::new(EntityKind::Person);
    let handle = window_event_listener(leptos::ev::pointerup, move |ev| {
        // using the tool itself must not forget what it is about
        let on_tool = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| el.closest("#fix-selection").ok().flatten().is_some());
        if !on_tool {
            span.set(store.current.with_untracked(|c| selected_span(&c.text)));
        }
    });
    let keys = window_event_listener(leptos::ev::keyup, move |ev| {
        if ev.shift_key() || ev.key() == "Shift" {
            span.set(store.current.with_untracked(|c| selected_span(&c.text)));
        }
    });
    let arrows = window_event_listener(leptos::ev::keydown, move |ev| text_keys(store, span, &ev));
    std::mem::forget((handle, keys, arrows));
    let add = move |_| {
        let Some(s) = span.get_untracked() else { return };
        let anchor = store.current.with_untracked(|c| Anchor::of(&c.text, s));
        if let Some(anchor) = anchor {
            correct(store, Op::AddEntity { span: anchor, kind: kind.get_untracked(), name_en: None });
            span.set(None);
        }
    };
    move || {
        let s = span.get()?;
        let words = store.current.with(|c| s.slice(&c.text).to_string());
        let ui_now = ui.get();
        Some(view! {
            <div class="fix-selection" id="fix-selection" role="group" aria-label=tr(ui_now, "fix.selection")>
                <span>{tr(ui_now, "fix.selection")} " "</span>
                <bdi class="sel" aria-live="polite">{words}</bdi>
                <select id="fix-new-kind" aria-label=tr(ui_now, "fix.kind") on:change=move |ev| if let Some(k) = parse_kind(&event_target_value(&ev)) { kind.set(k) }>
                    {kind_options(ui_now, kind.get_untracked())}
                </select>
                <button type="button" id="fix-add" on:click=add>{tr(ui_now, "fix.add")}</button>
            </div>
        })
    }
}

/// The focused statement's corrections: its speaker, its date, deleting it.
#[component]
pub fn StatementEditor() -> impl IntoView {
    let store = expect_context::<Store>();
    move || {
        let i = store.focus.get()?;
        let c = store.current.get();
        statement_editor(store, &c, i)
    }
}

fn statement_editor(store: Store, c: &Current, i: usize) -> Option<impl IntoView + use<>> {
    let ui = store.ui.get_untracked();
    let s = c.analysis.statements.get(i)?.clone();
    let anchor = core::statement_anchor(&c.text, &c.analysis, i)?;
    let speaker_choice = RwSignal::new(match (&s.speaker, &s.speaker_description) {
        (Some(id), _) => id.clone(),
        (None, Some(_)) => "@description".to_string(),
        (None, None) => "@none".to_string(),
    });
    let description = RwSignal::new(s.speaker_description.clone().unwrap_or_default());
    let date = RwSignal::new(s.date.clone().unwrap_or_default());
    let mut speakers: Vec<&crate::Entity> = c.analysis.entities.iter().filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Organization)).collect();
    crate::sort::by(&mut speakers, |a, b| a.name.cmp(&b.name));
    let options = speakers
        .iter()
        .map(|e| {
            let label = match &e.name_en {
                Some(en) if en != &e.name => format!("{} ({en})", e.name),
                _ => e.name.clone(),
            };
            let id = e.id.clone();
            let chosen = s.speaker.as_deref() == Some(id.as_str());
            view! { <option value=id selected=chosen>{label}</option> }
        })
        .collect_view();
    let (text, analysis) = (Arc::new(c.text.clone()), Arc::new(c.analysis.clone()));
    let (a1, a2, a3, a4) = (anchor.clone(), anchor.clone(), anchor.clone(), anchor);
    let set_speaker = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let choice = speaker_choice.get_untracked();
        let speaker = match choice.as_str() {
            "@none" => Speaker::Unattributed,
            "@description" => {
                let d = description.get_untracked();
                if d.trim().is_empty() {
                    return;
                }
                Speaker::Description(d)
            }
            id => match core::entity_ref(&text, &analysis, id) {
                Some(r) => Speaker::Entity(r),
                None => return,
            },
        };
        correct(store, Op::SetSpeaker { statement: a1.clone(), speaker });
    };
    let set_date = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = date.get_untracked();
        if crate::parse_date(&d).is_ok() {
            correct(store, Op::SetDate { statement: a2.clone(), date: Some(d) });
        }
    };
    let content: String = s.content.slice(&c.text).chars().take(80).collect();
    let corrected = c.marks.statements.contains(&i);
    Some(view! {
        <section class="fix-panel" id="fix-statement" data-statement-index=i.to_string() aria-labelledby="fix-statement-title">
            <h3 id="fix-statement-title">
                {tr(ui, "fix.statement")}
                {corrected.then(|| view! { <span class="corrected-mark" title=tr(ui, "fix.corrected")>" ✎"</span> })}
            </h3>
            <p class="fix-quote"><bdi>{content}</bdi></p>
            <form class="fix-form" on:submit=set_speaker>
                <label class="field">
                    <span>{tr(ui, "fix.speaker")}</span>
                    <select id="fix-speaker" on:change=move |ev| speaker_choice.set(event_target_value(&ev))>
                        {options}
                        <option value="@description" selected={s.speaker.is_none() && s.speaker_description.is_some()}>{tr(ui, "fix.speaker_description")}</option>
                        <option value="@none" selected={s.speaker.is_none() && s.speaker_description.is_none()}>{tr(ui, "timeline.unattributed")}</option>
                    </select>
                </label>
                <label class="field" hidden=move || speaker_choice.get() != "@description">
                    <span>{tr(ui, "fix.description")}</span>
                    <input id="fix-speaker-desc" type="text" dir="auto" placeholder=tr(ui, "fix.description_hint") prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))/>
                </label>
                <button type="submit" id="fix-speaker-save">{tr(ui, "fix.set_speaker")}</button>
            </form>
            <form class="fix-form" on:submit=set_date>
                <label class="field">
                    <span>{tr(ui, "fix.date")}</span>
                    <input id="fix-date" type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
                </label>
                <button type="submit" id="fix-date-save">{tr(ui, "fix.set_date")}</button>
                <button type="button" id="fix-date-clear" class="link" on:click=move |_| correct(store, Op::SetDate { statement: a3.clone(), date: None })>{tr(ui, "fix.no_date")}</button>
            </form>
            <button type="button" id="fix-statement-delete" class="danger" on:click=move |_| correct(store, Op::DeleteStatement { statement: a4.clone() })>
                {tr(ui, "fix.delete_statement")}
            </button>
        </section>
    })
}
