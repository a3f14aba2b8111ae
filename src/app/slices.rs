//! Drawing long lists a slice at a time: the first slice at once, each later one in a task of its
//! own, so a long article (thousands of paragraphs, entities or statements) never blocks the page
//! for long while its views are built.

use leptos::prelude::*;
use std::cell::{Cell, RefCell};

/// Hands out views in order: the first `per` are drawn at once, later ones wait for their slice's
/// turn. Create one inside a view's reactive closure, `add` every item, then `start`.
pub struct Slicer {
    per: usize,
    count: Cell<usize>,
    turns: RefCell<Vec<RwSignal<bool>>>,
}

impl Slicer {
    pub fn new(per: usize) -> Slicer {
        Slicer { per: per.max(1), count: Cell::new(0), turns: RefCell::new(Vec::new()) }
    }

    pub fn add<V: IntoView + 'static>(&self, draw: impl Fn() -> V + Send + Sync + 'static) -> AnyView {
        let n = self.count.get();
        self.count.set(n + 1);
        if n < self.per {
            return draw().into_any();
        }
        let k = n / self.per - 1;
        let mut turns = self.turns.borrow_mut();
        while turns.len() <= k {
            turns.push(RwSignal::new(false));
        }
        let on = turns[k];
        (move || on.get().then(&draw)).into_any()
    }

    /// Draw the waiting slices, one task after another.
    pub fn start(self) {
        reveal(self.turns.into_inner(), 0);
    }
}

/// Turn on `turns` one task after another; stops when the view they belong to is gone.
pub fn reveal(turns: Vec<RwSignal<bool>>, next: usize) {
    if next >= turns.len() {
        return;
    }
    set_timeout(
        move || {
            // a disposed signal (the view was drawn anew) hands the value back
            if turns[next].try_set(true).is_none() {
                reveal(turns, next + 1);
            }
        },
        std::time::Duration::ZERO,
    );
}
