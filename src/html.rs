//! HTML reduced to its text, in plain Rust: for `.html` files and for pastes that carry only
//! HTML. The markup is read as a string and never handed to a browser's parser, so nothing in it
//! can load, run, or even be compiled as an event handler (which a browser does, and reports under
//! a strict Content Security Policy, as soon as it parses an `on…` attribute).
//!
//! Not a full HTML parser: tags are dropped, the content of script, style and similar elements
//! is skipped, block elements become line breaks, character references are decoded, and
//! whitespace is folded as a browser would show it. Malformed markup degrades to text; it never panics.

/// Elements whose content is not article text.
const SKIP: [&str; 10] = ["script", "style", "noscript", "template", "iframe", "object", "svg", "head", "math", "textarea"];
/// Elements that start a new line.
const BLOCK: [&str; 30] = [
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "pre",
    "figcaption",
    "dt",
    "dd",
    "ul",
    "ol",
    "table",
    "hr",
    "main",
    "aside",
    "nav",
    "figure",
    "address",
    "td",
];

pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut out, rest);
            break;
        };
        push_text(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            rest = rest.find('>').map_or("", |e| &rest[e + 1..]);
            continue;
        }
        let Some((name, closing, self_closing, len)) = tag(rest) else {
            // a '<' that opens no tag is text ("a < b")
            push_text(&mut out, "<");
            rest = &rest[1..];
            continue;
        };
        rest = &rest[len..];
        if BLOCK.contains(&name.as_str()) {
            out.push('\n');
        }
        if !closing && !self_closing && SKIP.contains(&name.as_str()) {
            rest = skip_element(rest, &name);
        }
    }
    tidy(&out)
}

/// A tag at the start of `s` (which starts with '<'): its lowercase name, whether it closes or
/// closes itself, and its length in bytes (up to its '>' or the end of the input).
fn tag(s: &str) -> Option<(String, bool, bool, usize)> {
    let bytes = s.as_bytes();
    let mut i = 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    if !bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let start = i;
    while bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b':') {
        i += 1;
    }
    let name = s[start..i].to_ascii_lowercase();
    // attributes: skip to the '>' outside quotes
    let mut quote = None;
    let mut last = 0u8;
    while let Some(&b) = bytes.get(i) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some((name, closing, last == b'/', i + 1)),
            None => {}
        }
        if !b.is_ascii_whitespace() {
            last = b;
        }
        i += 1;
    }
    Some((name, closing, false, s.len()))
}

/// Skip to just after `</name ...>` (case-insensitive), or to the end.
fn skip_element<'a>(s: &'a str, name: &str) -> &'a str {
    let lower = s.to_ascii_lowercase();
    let needle = format!("</{name}");
    let mut from = 0;
    while let Some(at) = lower[from..].find(&needle).map(|p| p + from) {
        let after = at + needle.len();
        // the name must end there: </script> or </script >, not </scripts>
        if lower.as_bytes().get(after).is_none_or(|b| !b.is_ascii_alphanumeric()) {
            return s[after..].find('>').map_or("", |e| &s[after + e + 1..]);
        }
        from = after;
    }
    ""
}

/// Text between tags: character references decoded, whitespace folded.
fn push_text(out: &mut String, raw: &str) {
    let mut last_space = out.is_empty() || out.ends_with([' ', '\n']);
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        let (decoded, used) = if c == '&' { entity(rest).unwrap_or(('&', 1)) } else { (c, c.len_utf8()) };
        rest = &rest[used..];
        if decoded.is_whitespace() && decoded != '\u{00A0}' {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push(if decoded == '\u{00A0}' { ' ' } else { decoded });
            last_space = false;
        }
    }
}

/// A character reference at the start of `s`: the character and the bytes it used.
fn entity(s: &str) -> Option<(char, usize)> {
    let end = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let body = &s[1..end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        // NUL and surrogates are not characters: the replacement character, as browsers do
        char::from_u32(n).filter(|&c| c != '\0').unwrap_or('\u{FFFD}')
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{00A0}',
            "ndash" => '–',
            "mdash" => '—',
            "hellip" => '…',
            "laquo" => '«',
            "raquo" => '»',
            "lsquo" => '‘',
            "rsquo" => '’',
            "ldquo" => '“',
            "rdquo" => '”',
            "shy" => '\u{00AD}',
            "zwnj" => '\u{200C}',
            "zwj" => '\u{200D}',
            "lrm" => '\u{200E}',
            "rlm" => '\u{200F}',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

/// Lines trimmed, runs of blank lines kept as one paragraph break.
fn tidy(out: &str) -> String {
    let mut cleaned = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines().map(str::trim) {
        if line.is_empty() {
            blank += 1;
            if blank == 1 && !cleaned.is_empty() {
                cleaned.push('\n');
            }
        } else {
            blank = 0;
            cleaned.push_str(line);
            cleaned.push('\n');
        }
    }
    cleaned.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tags_go_text_stays_blocks_break_lines() {
        let html = "<html><head><title>T</title></head><body><h1>Port news</h1><p>Officials in <b>Beirut</b> said\n   the port reopens.</p><div>Second</div></body></html>";
        assert_eq!(html_to_text(html), "Port news\n\nOfficials in Beirut said the port reopens.\n\nSecond");
    }

    #[test]
    fn scripts_styles_handlers_and_comments_leave_nothing() {
        let html = "<script>alert(1)</script><img src=x onerror=alert(1)><svg onload=alert(1)><text>svg text</text></svg>\
                    <style>p{}</style><!-- <p>hidden</p> --><SCRIPT type='x'>a</ScRiPt ><p onclick=\"a>b\">kept</p>";
        assert_eq!(html_to_text(html), "kept");
    }

    #[test]
    fn references_decode_and_stray_angles_are_text() {
        assert_eq!(html_to_text("a &lt;b&gt; &amp; &#1576;&#x062A; &quot;q&quot;&nbsp;x &bogus; &#0; 3 < 4"), "a <b> & بت \"q\" x &bogus; \u{FFFD} 3 < 4");
        // decoded markup stays text: it is never parsed again
        assert_eq!(html_to_text("&lt;script&gt;alert(1)&lt;/script&gt;"), "<script>alert(1)</script>");
    }

    #[test]
    fn arabic_paragraphs_keep_their_breaks() {
        let html = "<p>قال بوتين</p>\n\n<p></p><p>إن موسكو</p><br/><br/>سترد";
        assert_eq!(html_to_text(html), "قال بوتين\n\nإن موسكو\n\nسترد");
    }

    #[test]
    fn unterminated_markup_degrades_to_text() {
        assert_eq!(html_to_text("<p>open <b"), "open");
        assert_eq!(html_to_text("<script>never closed"), "");
        assert_eq!(html_to_text("<!-- never closed"), "");
        assert_eq!(html_to_text("text <"), "text <");
        assert_eq!(html_to_text(""), "");
    }

    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<div class='a>b'>",
        "<br/>",
        "<script>",
        "</script>",
        "</SCRIPT >",
        "<style>",
        "</style",
        "<svg onload=x>",
        "</svg>",
        "<!--",
        "-->",
        "<!doctype html>",
        "<?xml?>",
        "&amp;",
        "&#x62;",
        "&#98;",
        "&#xD800;",
        "&#99999999;",
        "&nbsp;",
        "&",
        ";",
        "<",
        ">",
        "</",
        "'",
        "\"",
        "=",
        " ",
        "\n",
        "a",
        "قال",
        "بوتين",
        "<b",
        "<img src=x onerror=alert(1)>",
        "<textarea>",
        "</textarea>",
    ];

    proptest! {
        #[test]
        fn markup_soup_never_panics_and_never_keeps_script_content(parts in prop::collection::vec(0..PIECES.len(), 0..60)) {
            let html: String = parts.iter().map(|&i| PIECES[i]).collect();
            let out = html_to_text(&html);
            prop_assert!(!out.contains("onerror"), "{html:?} -> {out:?}");
        }

        #[test]
        fn never_panics_and_plain_text_survives(s in "\\PC*") {
            let out = html_to_text(&s);
            if !s.contains(['<', '&']) {
                let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
                prop_assert_eq!(words(&out), words(&s.replace('\u{00A0}', " ")));
            }
        }
    }
}
