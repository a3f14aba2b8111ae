//! Share links: the article and its settings packed into a URL fragment, and back.
//!
//! Two forms are read:
//! - the compact form written by the app, `#v1.<base64url(deflate(json))>`; the version prefix lets a
//!   later format coexist with links already sent around;
//! - a plain form for people and scripts building links by hand:
//!   `#text=<percent-encoded>&date=YYYY-MM-DD&lang=ar` (date and lang optional).
//!
//! Links come from strangers, so decoding never panics and bounds the inflated size: anything
//! corrupt, truncated or from an unknown version is a [`ShareError`].

use crate::Lang;
use base64::Engine;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The version written by [`encode`].
pub const VERSION: &str = "v1";

/// Inflating more than this is refused: a few kilobytes of link must not expand into a memory bomb.
pub const MAX_INFLATED: usize = 4 * 1024 * 1024;

/// What a link carries.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Shared {
    #[serde(rename = "t")]
    pub text: String,
    /// YYYY-MM-DD, already validated on decode.
    #[serde(rename = "d", default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// `None` means "detect from the text".
    #[serde(rename = "l", default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// The view that was open (the app's own name for it), restored when known.
    #[serde(rename = "v", default, skip_serializing_if = "Option::is_none")]
    pub view: Option<String>,
    /// The entity that was selected, if any.
    #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// No fragment at all: not an error for the app, which just starts empty.
    Empty,
    /// `v<digits>.` with a version this build does not know.
    UnsupportedVersion(String),
    /// Neither a versioned payload nor a plain `text=` form.
    UnknownFormat,
    BadBase64,
    /// The deflate stream is corrupt or truncated.
    BadCompression,
    TooLarge,
    /// Inflated fine but the content is not a share payload.
    BadPayload,
    BadPercentEncoding,
    BadDate(String),
    BadLang(String),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Empty => write!(f, "the link carries no article"),
            ShareError::UnsupportedVersion(v) => {
                write!(f, "the link was made by a different version of Khabar ({v}); this one reads {VERSION}")
            }
            ShareError::UnknownFormat => write!(f, "the link is not a Khabar share link"),
            ShareError::BadBase64 => write!(f, "the link is damaged (invalid characters); it may have been cut or altered"),
            ShareError::BadCompression => write!(f, "the link is damaged or truncated (the compressed article is incomplete)"),
            ShareError::TooLarge => write!(f, "the link's article is too large to open"),
            ShareError::BadPayload => write!(f, "the link is damaged (its content is unreadable)"),
            ShareError::BadPercentEncoding => write!(f, "the link's text is not valid percent-encoded UTF-8"),
            ShareError::BadDate(d) => write!(f, "the link's date {d:?} is not a real date (expected YYYY-MM-DD)"),
            ShareError::BadLang(l) => write!(f, "the link's language {l:?} is not one of auto, ar, en"),
        }
    }
}

impl std::error::Error for ShareError {}

/// The fragment for `shared`, including the leading `#`.
pub fn encode(shared: &Shared) -> String {
    let json = serde_json::to_vec(shared).expect("a struct of strings always serialises");
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("#{VERSION}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Read a fragment (with or without its leading `#`).
pub fn decode(fragment: &str) -> Result<Shared, ShareError> {
    let frag = fragment.strip_prefix('#').unwrap_or(fragment).trim();
    if frag.is_empty() {
        return Err(ShareError::Empty);
    }
    if let Some(version) = version_prefix(frag) {
        if version != VERSION {
            return Err(ShareError::UnsupportedVersion(version.to_string()));
        }
        return decode_v1(&frag[version.len() + 1..]);
    }
    decode_plain(frag)
}

/// `Some("v12")` for `v12.…`.
fn version_prefix(frag: &str) -> Option<&str> {
    let dot = frag.find('.')?;
    let head = &frag[..dot];
    let digits = head.strip_prefix('v')?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(head)
}

fn decode_v1(body: &str) -> Result<Shared, ShareError> {
    if body.is_empty() {
        return Err(ShareError::BadCompression);
    }
    // Mail clients and chat apps sometimes re-pad or percent-encode '='; accept both spellings.
    let body = body.replace("%3D", "=").replace("%3d", "=");
    let packed = if body.ends_with('=') { URL_SAFE.decode(body.as_bytes()) } else { URL_SAFE_NO_PAD.decode(body.as_bytes()) }
        .map_err(|_| ShareError::BadBase64)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED).map_err(|e| {
        if matches!(e.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput) {
            ShareError::TooLarge
        } else {
            ShareError::BadCompression
        }
    })?;
    let shared: Shared = serde_json::from_slice(&json).map_err(|_| ShareError::BadPayload)?;
    if let Some(d) = &shared.date {
        check_date(d)?;
    }
    Ok(shared)
}

fn decode_plain(frag: &str) -> Result<Shared, ShareError> {
    let mut text = None;
    let mut shared = Shared::default();
    for pair in frag.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(value)?;
        match key {
            "text" => text = Some(value),
            "date" if !value.trim().is_empty() => {
                check_date(value.trim())?;
                shared.date = Some(value.trim().to_string());
            }
            "lang" => {
                shared.lang = match value.trim() {
                    "" | "auto" => None,
                    other => Some(Lang::parse(other).ok_or_else(|| ShareError::BadLang(other.to_string()))?),
                }
            }
            "view" if !value.is_empty() => shared.view = Some(value),
            "entity" if !value.is_empty() => shared.selected = Some(value),
            // Unknown keys are ignored so that links with tracking or future parameters still open.
            _ => {}
        }
    }
    shared.text = text.ok_or(ShareError::UnknownFormat)?;
    Ok(shared)
}

fn check_date(d: &str) -> Result<(), ShareError> {
    crate::parse_date(d).map(|_| ()).map_err(|_| ShareError::BadDate(d.to_string()))
}

/// Form-style percent decoding: `%XX` escapes and `+` for space (what `URLSearchParams` writes;
/// `encodeURIComponent` writes `%2B` for a literal plus, so both producers round-trip).
fn percent_decode(s: &str) -> Result<String, ShareError> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).ok_or(ShareError::BadPercentEncoding)?;
                let hex = std::str::from_utf8(hex).map_err(|_| ShareError::BadPercentEncoding)?;
                out.push(u8::from_str_radix(hex, 16).map_err(|_| ShareError::BadPercentEncoding)?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| ShareError::BadPercentEncoding)
}

/// Percent-encode for the plain form (everything but unreserved characters).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The plain, human-editable form of a link (longer than [`encode`]'s).
pub fn encode_plain(shared: &Shared) -> String {
    let mut out = format!("#text={}", percent_encode(&shared.text));
    if let Some(d) = &shared.date {
        out.push_str(&format!("&date={d}"));
    }
    out.push_str(&format!("&lang={}", shared.lang.map_or("auto", |l| l.code())));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Shared {
        Shared {
            text: "قال الوزير «سنعود غداً». The minister said \"we return tomorrow\" & left.".into(),
            date: Some("2015-11-18".into()),
            lang: Some(Lang::Ar),
            view: Some("timeline".into()),
            selected: Some("e2".into()),
        }
    }

    #[test]
    fn round_trips_and_is_url_safe() {
        let link = encode(&sample());
        assert!(link.starts_with("#v1."));
        assert!(link[1..].bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)), "{link}");
        assert_eq!(decode(&link), Ok(sample()));
        assert_eq!(decode(link.trim_start_matches('#')), Ok(sample()));
    }

    #[test]
    fn compresses_repetitive_text() {
        let shared = Shared { text: "the talks in Moscow resumed. ".repeat(200), ..Default::default() };
        assert!(encode(&shared).len() < shared.text.len() / 5);
    }

    #[test]
    fn empty_fragment_is_empty() {
        assert_eq!(decode(""), Err(ShareError::Empty));
        assert_eq!(decode("#"), Err(ShareError::Empty));
        assert_eq!(decode("#  "), Err(ShareError::Empty));
    }

    #[test]
    fn corrupt_links_are_typed_errors() {
        assert!(matches!(decode("#v1.garbage"), Err(ShareError::BadBase64 | ShareError::BadCompression)));
        assert_eq!(decode("#v1.AAAA"), Err(ShareError::BadCompression));
        assert_eq!(decode("#v1.!!!"), Err(ShareError::BadBase64));
        assert_eq!(decode("#v1."), Err(ShareError::BadCompression));
        assert_eq!(decode("#v9.abc"), Err(ShareError::UnsupportedVersion("v9".into())));
        assert_eq!(decode("#hello"), Err(ShareError::UnknownFormat));
        // valid deflate of something that is not a payload
        let junk = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"[1,2,3]", 6));
        assert_eq!(decode(&format!("#v1.{junk}")), Err(ShareError::BadPayload));
        // a payload with an impossible date
        let bad = Shared { date: Some("2015-02-30".into()), ..sample() };
        let bad = URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&serde_json::to_vec(&bad).unwrap(), 6));
        assert_eq!(decode(&format!("#v1.{bad}")), Err(ShareError::BadDate("2015-02-30".into())));
    }

    #[test]
    fn truncated_links_never_decode_to_something_else() {
        let link = encode(&sample());
        for cut in 4..link.len() - 1 {
            let r = decode(&link[..cut]);
            assert!(r.is_err(), "cut at {cut} decoded to {r:?}");
        }
    }

    #[test]
    fn inflation_is_bounded() {
        let huge = Shared { text: "a".repeat(MAX_INFLATED + 10), ..Default::default() };
        assert_eq!(decode(&encode(&huge)), Err(ShareError::TooLarge));
    }

    #[test]
    fn plain_form() {
        let s = decode("#text=%D9%82%D8%A7%D9%84+%22hi%22%2B1&date=2015-11-18&lang=ar").unwrap();
        assert_eq!(s.text, "قال \"hi\"+1");
        assert_eq!(s.date.as_deref(), Some("2015-11-18"));
        assert_eq!(s.lang, Some(Lang::Ar));
        let s = decode("text=Hello%20world&utm_source=x").unwrap();
        assert_eq!((s.text.as_str(), s.date, s.lang), ("Hello world", None, None));
        assert_eq!(decode("#text=a&lang=fr"), Err(ShareError::BadLang("fr".into())));
        assert_eq!(decode("#text=a&date=18/11/2015"), Err(ShareError::BadDate("18/11/2015".into())));
        assert_eq!(decode("#text=%E2%82"), Err(ShareError::BadPercentEncoding));
        assert_eq!(decode("#text=%4"), Err(ShareError::BadPercentEncoding));
        assert_eq!(decode("#date=2015-11-18"), Err(ShareError::UnknownFormat));
        let plain = encode_plain(&sample());
        let back = decode(&plain).unwrap();
        assert_eq!((back.text, back.date, back.lang), (sample().text, sample().date, sample().lang));
    }

    #[test]
    fn error_messages_are_sentences() {
        for e in [ShareError::Empty, ShareError::BadCompression, ShareError::UnsupportedVersion("v2".into())] {
            assert!(e.to_string().len() > 15);
        }
    }

    proptest! {
        #[test]
        fn any_payload_round_trips(text in "\\PC*", day in 1u32..=28, month in 1u32..=12, year in 1900i32..2100,
                                   lang in prop::option::of(prop_oneof![Just(Lang::Ar), Just(Lang::En)])) {
            let shared = Shared { text, date: Some(format!("{year:04}-{month:02}-{day:02}")), lang, view: None, selected: None };
            prop_assert_eq!(decode(&encode(&shared)), Ok(shared.clone()));
            let back = decode(&encode_plain(&shared)).unwrap();
            prop_assert_eq!(back.text, shared.text);
        }

        #[test]
        fn any_fragment_decodes_without_panicking(s in "\\PC*") {
            let _ = decode(&s);
            let _ = decode(&format!("v1.{s}"));
        }

        #[test]
        fn flipped_bytes_never_panic(idx in 0usize..200, b in any::<u8>()) {
            let mut link = encode(&sample()).into_bytes();
            let i = idx % link.len();
            link[i] = b;
            let _ = decode(&String::from_utf8_lossy(&link));
        }
    }
}
