//! Share links: the article and its settings packed into a URL fragment, and back.
//!
//! Two forms are read:
//! - the compact form written by the app, `#v2.<base64url(deflate(json))>`; the version prefix lets a
//!   later format coexist with links already sent around. `v2` adds the article's metadata and the
//!   reader's corrections to what `v1` carried; `v1` links (text, date, language, view, selection)
//!   still open;
//! - a plain form for people and scripts building links by hand:
//!   `#text=<percent-encoded>&date=YYYY-MM-DD&lang=ar` (date and lang optional; also `title`,
//!   `outlet`, `url`, `author`).
//!
//! Links come from strangers, so decoding never panics and bounds the inflated size: anything
//! corrupt, truncated or from an unknown version is a [`ShareError`].

use crate::Lang;
use crate::corrections::Op;
use crate::metadata::Metadata;
use base64::Engine;
use base64::engine::general_purpose::{URL_SAFE, URL_SAFE_NO_PAD};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The version written by [`encode`].
pub const VERSION: &str = "v2";

/// Every version [`decode`] reads, oldest first.
pub const READS: [&str; 2] = ["v1", "v2"];

/// Inflating more than this is refused: a few kilobytes of link must not expand into a memory bomb.
pub const MAX_INFLATED: usize = 4 * 1024 * 1024;

/// What a link carries.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
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
    /// Title, outlet, link, author (v2).
    #[serde(rename = "m", default, skip_serializing_if = "Metadata::is_empty")]
    pub meta: Metadata,
    /// The reader's corrections over the machine analysis (v2).
    #[serde(rename = "c", default, skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<Op>,
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
                write!(f, "the link was made by a different version of Khabar ({v}); this one reads {}", READS.join(" and "))
            }
            ShareError::UnknownFormat => write!(f, "the link is not a Khabar share link"),
            ShareError::BadBase64 => write!(f, "the link is damaged (invalid characters); it may have been cut or altered"),
            ShareError::BadCompression => write!(f, "the link is damaged or truncated (the compressed article is incomplete)"),
            ShareError::TooLarge => write!(f, "the link's article is too large to open"),
            ShareError::BadPayload => write!(f, "the link is damaged (its content is unreadable)"),
            ShareError::BadPercentEncoding => {
                write!(f, "the link's text is not valid percent-encoded UTF-8")
            }
            ShareError::BadDate(d) => write!(f, "the link's date {d:?} is not a real date (expected YYYY-MM-DD)"),
            ShareError::BadLang(l) => {
                write!(f, "the link's language {l:?} is not one of auto, ar, en")
            }
        }
    }
}

impl std::error::Error for ShareError {}

/// The fragment for `shared`, including the leading `#`.
pub fn encode(shared: &Shared) -> String {
    encode_as(VERSION, shared)
}

fn encode_as(version: &str, shared: &Shared) -> String {
    let json = serde_json::to_vec(shared).expect("a struct of strings always serialises");
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("#{version}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Read a fragment (with or without its leading `#`).
pub fn decode(fragment: &str) -> Result<Shared, ShareError> {
    let frag = fragment.strip_prefix('#').unwrap_or(fragment).trim();
    if frag.is_empty() {
        return Err(ShareError::Empty);
    }
    if let Some(version) = version_prefix(frag) {
        if !READS.contains(&version) {
            return Err(ShareError::UnsupportedVersion(version.to_string()));
        }
        // v2 only adds optional fields to v1's payload: one reader serves both
        return decode_packed(&frag[version.len() + 1..]);
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

fn decode_packed(body: &str) -> Result<Shared, ShareError> {
    if body.is_empty() {
        return Err(ShareError::BadCompression);
    }
    // Mail clients and chat apps sometimes re-pad or percent-encode '='; accept both spellings.
    let body = body.replace("%3D", "=").replace("%3d", "=");
    let packed =
        if body.ends_with('=') { URL_SAFE.decode(body.as_bytes()) } else { URL_SAFE_NO_PAD.decode(body.as_bytes()) }.map_err(|_| ShareError::BadBase64)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED)
        .map_err(|e| if matches!(e.status, miniz_oxide::inflate::TINFLStatus::HasMoreOutput) { ShareError::TooLarge } else { ShareError::BadCompression })?;
    let mut shared: Shared = serde_json::from_slice(&json).map_err(|_| ShareError::BadPayload)?;
    if let Some(d) = &shared.date {
        check_date(d)?;
    }
    // a link from a stranger must not carry a `javascript:` address into the page
    shared.meta = shared.meta.cleaned();
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
            "title" => shared.meta.title = Some(value),
            "outlet" => shared.meta.outlet = Some(value),
            "url" => shared.meta.url = Some(value),
            "author" => shared.meta.author = Some(value),
            // Unknown keys are ignored so that links with tracking or future parameters still open.
            _ => {}
        }
    }
    shared.text = text.ok_or(ShareError::UnknownFormat)?;
    shared.meta = shared.meta.cleaned();
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
    let m = &shared.meta;
    for (key, value) in [("title", &m.title), ("outlet", &m.outlet), ("url", &m.url), ("author", &m.author)] {
        if let Some(v) = value {
            out.push_str(&format!("&{key}={}", percent_encode(v)));
        }
    }
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
            ..Default::default()
        }
    }

    /// With metadata and corrections: what only a v2 link carries.
    fn corrected() -> Shared {
        use crate::corrections::{Anchor, EntityRef, Speaker};
        let text = sample().text;
        let at = |needle: &str| {
            let s = text.find(needle).unwrap();
            Anchor { start: s, end: s + needle.len(), text: needle.into() }
        };
        Shared {
            meta: Metadata {
                title: Some("Minister returns".into()),
                outlet: Some("Reuters".into()),
                url: Some("https://example.com/x".into()),
                author: Some("J. Doe".into()),
            },
            corrections: vec![
                Op::Rename { entity: EntityRef { name: "الوزير".into(), at: at("الوزير") }, name: "Minister".into() },
                Op::SetSpeaker { statement: at("سنعود غداً"), speaker: Speaker::Description("unnamed source".into()) },
                Op::SetDate { statement: at("we return tomorrow"), date: Some("2015-11-19".into()) },
            ],
            ..sample()
        }
    }

    #[test]
    fn v2_carries_metadata_and_corrections() {
        let link = encode(&corrected());
        assert!(link.starts_with("#v2."));
        assert_eq!(decode(&link), Ok(corrected()));
        // a javascript: address in a link is dropped, not carried into the page
        let hostile = Shared { meta: Metadata { url: Some("javascript:alert(1)".into()), ..Default::default() }, ..sample() };
        assert_eq!(decode(&encode(&hostile)).unwrap().meta, Metadata::default());
        let plain = decode("#text=a&title=My%20title&outlet=Reuters&url=https%3A%2F%2Fexample.com&author=J").unwrap();
        assert_eq!(
            plain.meta,
            Metadata { title: Some("My title".into()), outlet: Some("Reuters".into()), url: Some("https://example.com".into()), author: Some("J".into()) }
        );
        assert_eq!(decode(&encode_plain(&corrected())).unwrap().meta, corrected().meta);
    }

    /// Links made by the app before v2 (by this module's encoder at version v1, unchanged since).
    const V1_LINKS: [&str; 2] = [V1_LINK_AR, V1_LINK_PLAIN];
    const V1_LINK_AR: &str = "#v1.FY09CsJAEIWvMkxhZYIbEMRzWKYJZMSF_YHd1RRiIyKiB7GwCGqldjnF7G2cNI_3fa94e0y4xHzkez7BGPnCr3zlJwwPfuczf0T0wF_uZb0NvxJWGwKrnY6JAsRGt1BjRxAobYOD5K0PwXc1wgQMrVOJU2zlo5qpeaFUoRYijIgmSNlJSdqS0Y4EoyBVePgD";
    const V1_LINK_PLAIN: &str = "#v1.q1YqUbJSCknMyS5WKEotLs1NVcjMU3BPzUstS9RTqgUA";

    #[test]
    fn v1_links_still_open() {
        assert_eq!(decode(V1_LINKS[0]), Ok(sample()));
        assert_eq!(decode(V1_LINKS[1]), Ok(Shared { text: "Talks resume in Geneva.".into(), ..Default::default() }));
        // and what the v1 encoder writes for any payload is read back
        assert_eq!(decode(&encode_as("v1", &sample())), Ok(sample()));
    }

    #[test]
    fn round_trips_and_is_url_safe() {
        let link = encode(&sample());
        assert!(link.starts_with("#v2."));
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
            let shared = Shared { text, date: Some(format!("{year:04}-{month:02}-{day:02}")), lang, ..Default::default() };
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
