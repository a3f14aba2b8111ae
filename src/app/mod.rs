//! The browser app (Leptos CSR): one component per view, all reading one [`Store`] from context.
//!
//! Layout: a desk of panes that each scroll on their own: the article (editor folded away once
//! an article is in), the statements, the names and the map. On a phone the four views are tabs.
//!
//! The views are wasm-only; the pure parts (interface strings, the name filter, the timeline's
//! axis) compile natively so that their tests run with a plain `cargo test`.

pub mod filter;
pub mod i18n;
pub mod timeline_axis;

#[cfg(target_arch = "wasm32")]
mod about;
#[cfg(target_arch = "wasm32")]
mod chips;
#[cfg(target_arch = "wasm32")]
mod combined;
#[cfg(target_arch = "wasm32")]
mod desk;
#[cfg(target_arch = "wasm32")]
mod dom;
#[cfg(target_arch = "wasm32")]
mod engine;
#[cfg(target_arch = "wasm32")]
mod exports;
#[cfg(target_arch = "wasm32")]
mod input;
#[cfg(target_arch = "wasm32")]
mod keys;
#[cfg(target_arch = "wasm32")]
mod library;
#[cfg(target_arch = "wasm32")]
mod map;
#[cfg(target_arch = "wasm32")]
mod slices;
#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
mod text;
#[cfg(target_arch = "wasm32")]
mod timeline;

#[cfg(target_arch = "wasm32")]
pub use desk::App;
