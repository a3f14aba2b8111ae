//! Per-language packs: word lists and patterns as data (titles, speech verbs, months, demonyms).
pub mod ar;
pub mod ar_translit;
pub mod en;
