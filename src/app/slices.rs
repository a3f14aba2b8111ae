//! Drawing long lists a slice at a time: the first slice at once, each later one in a task of its
//! own, so a long article (thousands of paragraphs, entities or statements) never blocks the page
//! for long while its views are built.

use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

/// An item's view, drawn when its slice's turn comes.
type Draw = Box<dyn Fn() -> AnyView + Send + Sync>;

/// Hands out views in order: items whose running weight starts within the first `per` are drawn
/// at once, later ones wait for their slice's turn. Create one inside a view's reactive closure,
/// `add_all` every list of items (in the order they appear on the page), then `start`.
///
/// A later slice's items of one list are one reactive closure together, not one each: a long
/// article's thousands of waiting items would otherwise each cost an effect and a placeholder
/// node before anything is shown.
pub struct Slicer {
    per: usize,
    count: Cell<usize>,
    turns: RefCell<Vec<RwSignal<bool>>>,
}

impl Slicer {
    pub fn new(per: usize) -> Slicer {
        Slicer { per: per.max(1), count: Cell::new(0), turns: RefCell::new(Vec::new()) }
    }

    /// The turn of the `k`-th later slice.
    fn turn(&self, k: usize) -> RwSignal<bool> {
        let mut turns = self.turns.borrow_mut();
        while turns.len() <= k {
            turns.push(RwSignal::new(false));
        }
        turns[k]
    }

    /// Whether the next item, `weight` items heavy, is drawn at once; else the later slice it
    /// waits for. Counts it.
    pub fn place(&self, weight: usize) -> Option<usize> {
        let n = self.count.get();
        self.count.set(n + weight.max(1));
        (n >= self.per).then(|| n / self.per - 1)
    }

    /// Views of one list's items, each drawn by its closure, in order; each `weight` items heavy.
    pub fn add_weighted<V, F>(&self, items: impl IntoIterator<Item = (usize, F)>) -> AnyView
    where
        V: IntoView + 'static,
        F: Fn() -> V + Send + Sync + 'static,
    {
        // one drawing loop for every kind of item (the views are boxed anyway): code size
        self.add_boxed(items.into_iter().map(|(weight, draw)| (weight, Box::new(move || draw().into_any()) as Draw)).collect())
    }

    fn add_boxed(&self, items: Vec<(usize, Draw)>) -> AnyView {
        let mut out: Vec<AnyView> = Vec::new();
        let mut waiting: Option<(usize, Vec<Draw>)> = None;
        let flush = |out: &mut Vec<AnyView>, waiting: Option<(usize, Vec<Draw>)>| {
            if let Some((k, draws)) = waiting {
                let on = self.turn(k);
                out.push((move || on.get().then(|| draws.iter().map(|draw| draw()).collect::<Vec<AnyView>>())).into_any());
            }
        };
        for (weight, draw) in items {
            match self.place(weight) {
                None => out.push(draw()),
                Some(k) => match &mut waiting {
                    Some((at, draws)) if *at == k => draws.push(draw),
                    _ => {
                        flush(&mut out, waiting.take());
                        waiting = Some((k, vec![draw]));
                    }
                },
            }
        }
        flush(&mut out, waiting);
        out.into_any()
    }

    /// [`Slicer::add_weighted`] with every item one item heavy.
    pub fn add_all<V, F>(&self, items: impl IntoIterator<Item = F>) -> AnyView
    where
        V: IntoView + 'static,
        F: Fn() -> V + Send + Sync + 'static,
    {
        self.add_weighted(items.into_iter().map(|draw| (1, draw)))
    }

    /// Draw the waiting slices, one task after another.
    pub fn start(self) {
        reveal(self.turns.into_inner());
    }
}

thread_local! {
    /// Slices waiting for their turn, from every view, in the order they were handed out.
    static QUEUE: RefCell<VecDeque<RwSignal<bool>>> = const { RefCell::new(VecDeque::new()) };
    static PUMPING: Cell<bool> = const { Cell::new(false) };
}

/// Turn on `turns`, one slice per frame across every view: each task draws one slice, and the
/// frame after it lays out only that slice. (One chain of tasks per view let the text, the
/// names, the statements and the places each add a slice before the next frame, which then laid
/// out all of them in one long task.)
pub fn reveal(turns: Vec<RwSignal<bool>>) {
    QUEUE.with_borrow_mut(|q| q.extend(turns));
    if !PUMPING.replace(true) {
        pump();
    }
}

fn pump() {
    request_animation_frame(|| {
        set_timeout(
            || {
                // a disposed signal (its view was drawn anew) hands the value back: skip it
                while let Some(on) = QUEUE.with_borrow_mut(VecDeque::pop_front) {
                    if on.try_set(true).is_none() {
                        return pump();
                    }
                }
                PUMPING.set(false);
            },
            std::time::Duration::ZERO,
        )
    });
}
