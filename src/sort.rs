//! Stable sorting through one shared instantiation of the standard library's sort.
//!
//! `slice::sort_by` and its kin are generic over the element and the comparator, so each call site
//! compiled its own copy of driftsort (quicksort, merges, small-sort networks): 48 stable and 9
//! unstable copies were 190 kB of the browser build's code (≈ 50 kB gzip). Here the standard sort
//! runs once, on indices, with the comparison behind a `dyn` call; the elements are then moved into
//! place by following the permutation's cycles. Per element type only two small closures remain.
//!
//! The result is exactly that of the standard stable sort: for a total order a stable sort has
//! only one possible result. It also equals `sort_unstable` wherever elements that compare equal
//! are identical (integers, tuples and structs with a derived `Ord`), which is where the core used
//! it, and `sort_by_cached_key` (an unstable sort of `(key, index)` pairs: ties go by index).

use std::cmp::Ordering;

/// As `v.sort_by(cmp)`.
pub fn by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = {
        let v = &*v;
        permutation(v.len(), &mut |a, b| cmp(&v[a], &v[b]))
    };
    apply(order, &mut |a, b| v.swap(a, b));
}

/// As `v.sort_by_key(key)`.
pub fn by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)));
}

/// As `v.sort()` (and `v.sort_unstable()` where equal elements are identical).
pub fn ord<T: Ord>(v: &mut [T]) {
    by(v, T::cmp);
}

/// As `v.sort_by_cached_key(key)`: `key` runs once per element, in order.
pub fn by_cached_key<T, K: Ord>(v: &mut [T], key: impl FnMut(&T) -> K) {
    if v.len() < 2 {
        return;
    }
    let keys: Vec<K> = v.iter().map(key).collect();
    let order = permutation(v.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    apply(order, &mut |a, b| v.swap(a, b));
}

/// As `items.into_iter().collect::<BTreeSet<T>>()`, which sorts its input first with a copy of the
/// stable sort of its own; inserting one by one gives the same set.
pub fn set<T: Ord>(items: impl IntoIterator<Item = T>) -> std::collections::BTreeSet<T> {
    let mut set = std::collections::BTreeSet::new();
    set.extend(items);
    set
}

/// The indices `0..n` stably sorted by `cmp`: the one instantiation of the standard sort.
#[inline(never)]
fn permutation(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Moves the element at `order[k]` to `k` for every `k`, by swaps along each cycle of the
/// permutation (`order` marks the places done).
#[inline(never)]
fn apply(mut order: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    for start in 0..order.len() {
        let mut at = start;
        // the element first at `start` travels along the cycle to its place
        while order[at] != at {
            let next = order[at];
            order[at] = at;
            if next == start {
                break;
            }
            swap(at, next);
            at = next;
        }
    }
}

#[cfg(test)]
// `sort_by` with a descending comparison on purpose: the form under test, with ties to keep in order.
#[allow(clippy::unnecessary_sort_by)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn same_as_the_standard_sorts(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut std_by = v.clone();
            std_by.sort_by(|a, b| b.0.cmp(&a.0));
            let mut ours = v.clone();
            super::by(&mut ours, |a, b| b.0.cmp(&a.0));
            prop_assert_eq!(&ours, &std_by);

            let mut std_key = v.clone();
            std_key.sort_by_key(|x| x.0);
            let mut ours = v.clone();
            super::by_key(&mut ours, |x| x.0);
            prop_assert_eq!(&ours, &std_key);

            let mut std_cached = v.clone();
            std_cached.sort_by_cached_key(|x| x.0 % 3);
            let mut ours = v.clone();
            super::by_cached_key(&mut ours, |x| x.0 % 3);
            prop_assert_eq!(&ours, &std_cached);

            let mut std_unstable = v.clone();
            std_unstable.sort_unstable();
            let mut ours = v;
            super::ord(&mut ours);
            prop_assert_eq!(&ours, &std_unstable);
        }
    }
}
