//! Keyboard use: Escape clears the selection, and arrow keys move inside a composite (a chip
//! group, the statement list, the tab bar) that is a single Tab stop (a roving tab index).

use super::dom;
use super::store::Store;
use wasm_bindgen::JsCast;

/// Keys that act on the whole page.
pub fn install_global_keys(store: Store) {
    let _ = leptos::prelude::window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() != "Escape" || ev.default_prevented() {
            return;
        }
        // a dialog or the combined view handles its own Escape
        let in_dialog =
            ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| el.closest("[role=dialog], #combined").ok().flatten().is_some());
        if in_dialog {
            return;
        }
        use leptos::prelude::{GetUntracked, Set};
        if store.selected.get_untracked().is_some() || store.focus.get_untracked().is_some() {
            store.selected.set(None);
            store.focus.set(None);
        }
    });
}

/// Which way the arrow keys run through a composite.
#[derive(Clone, Copy, PartialEq)]
pub enum Axis {
    /// Left and right (mirrored in a right-to-left page), as in a row of chips or tabs; up and
    /// down too, since rows wrap.
    Row,
    /// Up and down, as in a list.
    Column,
}

/// Handle an arrow, Home or End key pressed inside `group` (the element the handler is on):
/// move the focus, and the one Tab stop, to the next item matching `items`. Returns the item
/// focused, if the key was one of those.
pub fn roving(ev: &web_sys::KeyboardEvent, items: &str, axis: Axis) -> Option<web_sys::HtmlElement> {
    let rtl = dom::document().document_element().and_then(|r| r.get_attribute("dir")).as_deref() == Some("rtl");
    let step: isize = match (ev.key().as_str(), axis) {
        ("ArrowDown", _) => 1,
        ("ArrowUp", _) => -1,
        ("ArrowRight", Axis::Row) => {
            if rtl {
                -1
            } else {
                1
            }
        }
        ("ArrowLeft", Axis::Row) => {
            if rtl {
                1
            } else {
                -1
            }
        }
        ("Home", _) => isize::MIN,
        ("End", _) => isize::MAX,
        _ => return None,
    };
    let group = ev.current_target()?.dyn_into::<web_sys::Element>().ok()?;
    let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let current = target.closest(items).ok()??;
    let list = group.query_selector_all(items).ok()?;
    let all: Vec<web_sys::HtmlElement> = (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect();
    let at = all.iter().position(|e| **e == current)?;
    let next = match step {
        isize::MIN => 0,
        isize::MAX => all.len() - 1,
        s => (at as isize + s).clamp(0, all.len() as isize - 1) as usize,
    };
    ev.prevent_default();
    for (i, e) in all.iter().enumerate() {
        let _ = e.set_attribute("tabindex", if i == next { "0" } else { "-1" });
    }
    let _ = all[next].focus();
    Some(all[next].clone())
}
