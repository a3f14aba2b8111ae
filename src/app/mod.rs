//! The browser app (Leptos CSR): one component per view, all reading one [`Store`] from context.
//!
//! Layout: a desk of panes that each scroll on their own: the article (editor folded away once
//! an article is in), the statements, the names and the map. On a phone the four views are tabs.
//!
//! The views are wasm-only; the pure parts (interface strings, the name filter, the timeline's
//! axis) compile natively so that their tests run with a plain `cargo test`.

pub mod archive_strings;
pub mod filter;
pub mod i18n;
pub mod timeline_axis;
pub mod word_cursor;

/// Modules that exist only in the browser build.
macro_rules! browser_only {
    ($($vis:vis mod $name:ident;)*) => { $( #[cfg(target_arch = "wasm32")] $vis mod $name; )* };
}

browser_only! {
    mod about;
    mod archive;
    mod chips;
    mod combined;
    mod corrections;
    mod desk;
    mod dom;
    mod engine;
    mod exports;
    mod input;
    mod keys;
    mod library;
    mod map;
    mod slices;
    pub mod store;
    mod text;
    mod timeline;
}

#[cfg(target_arch = "wasm32")]
pub use desk::App;
/// The example articles (the empty page offers them; the analysis worker warms up on them).
#[cfg(target_arch = "wasm32")]
pub use text::{EXAMPLE_AR, EXAMPLE_EN};
