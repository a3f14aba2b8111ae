//! Thin wrappers over browser APIs the views share. Failures come back as values: a missing
//! clipboard or a blocked download must never take the app down.

use wasm_bindgen::{JsCast, JsValue};

pub fn window() -> web_sys::Window {
    web_sys::window().expect("the app runs in a window")
}

pub fn document() -> web_sys::Document {
    window().document().expect("a window has a document")
}

/// Scroll the first element matching `selector` into the middle of its scroll container.
pub fn scroll_to(selector: &str) {
    if let Ok(Some(el)) = document().query_selector(selector) {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        opts.set_behavior(web_sys::ScrollBehavior::Smooth);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// Put a fragment into the address bar without adding a history entry; returns the full URL.
pub fn replace_fragment(fragment: &str) -> String {
    let location = window().location();
    let href = location.href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or("").to_string();
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(fragment));
    }
    format!("{base}{fragment}")
}

/// Copy to the clipboard when the browser offers it (secure contexts only). Resolves to whether it worked.
pub async fn copy_text(text: &str) -> bool {
    let navigator = window().navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).map(|c| !c.is_undefined() && !c.is_null()).unwrap_or(false);
    if !has_clipboard {
        return false;
    }
    let promise = navigator.clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Offer `content` as a file download.
pub fn download(filename: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &props)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    document().body().ok_or_else(|| JsValue::from_str("no body"))?.append_child(&a)?;
    a.click();
    a.remove();
    // The download has started from the click; the URL can go once the event loop moves on.
    leptos::prelude::set_timeout(move || { let _ = web_sys::Url::revoke_object_url(&url); }, std::time::Duration::from_secs(5));
    Ok(())
}

/// Read a dropped or chosen file as text.
pub async fn read_file(file: &web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.map_err(|e| format!("{e:?}"))?;
    text.as_string().ok_or_else(|| "not text".to_string())
}

/// Reduce HTML to its text, keeping paragraph breaks. The markup is parsed into an inert document
/// (no scripts run, nothing loads) and only text nodes are read: it is never rendered.
pub fn html_to_text(html: &str) -> String {
    let Ok(parser) = web_sys::DomParser::new() else { return String::new() };
    let Ok(doc) = parser.parse_from_string(html, web_sys::SupportedType::TextHtml) else { return String::new() };
    let Some(body) = doc.body() else { return String::new() };
    let mut out = String::new();
    walk(&body, &mut out);
    // collapse runs of blank lines left by nested blocks
    let mut cleaned = String::new();
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

fn walk(node: &web_sys::Node, out: &mut String) {
    const SKIP: [&str; 8] = ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "IFRAME", "OBJECT", "SVG", "HEAD"];
    const BLOCK: [&str; 20] = ["P", "DIV", "BR", "LI", "H1", "H2", "H3", "H4", "H5", "H6", "TR", "BLOCKQUOTE", "SECTION", "ARTICLE", "HEADER", "FOOTER", "PRE", "FIGCAPTION", "DT", "DD"];
    let children = node.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else { continue };
        match child.node_type() {
            web_sys::Node::TEXT_NODE => {
                let t = child.text_content().unwrap_or_default();
                // whitespace inside HTML is not significant: fold it as a browser would
                let mut last_space = out.ends_with([' ', '\n']) || out.is_empty();
                for c in t.chars() {
                    if c.is_whitespace() {
                        if !last_space {
                            out.push(' ');
                            last_space = true;
                        }
                    } else {
                        out.push(c);
                        last_space = false;
                    }
                }
            }
            web_sys::Node::ELEMENT_NODE => {
                let name = child.node_name().to_ascii_uppercase();
                if SKIP.contains(&name.as_str()) {
                    continue;
                }
                let block = BLOCK.contains(&name.as_str());
                if block {
                    out.push('\n');
                }
                walk(&child, out);
                if block {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}
