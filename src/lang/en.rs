//! English language pack: word lists and patterns as data.
