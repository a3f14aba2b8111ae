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

/// Move the keyboard focus to the first element matching `selector`, if any.
pub fn focus(selector: &str) {
    if let Ok(Some(el)) = document().query_selector(selector)
        && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = el.focus();
    }
}

/// Focus an element that a signal is about to un-hide, without waiting for the next frame
/// (which a busy or background tab may delay): the reactive update then finds it shown already.
pub fn reveal_and_focus(selector: &str) {
    if let Ok(Some(el)) = document().query_selector(selector)
        && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
    {
        el.set_hidden(false);
        let _ = el.focus();
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
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(5),
    );
    Ok(())
}

/// Read a dropped or chosen file as text.
pub async fn read_file(file: &web_sys::File) -> Result<String, String> {
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.map_err(|e| format!("{e:?}"))?;
    text.as_string().ok_or_else(|| "not text".to_string())
}

/// Reduce HTML to its text, keeping paragraph breaks. Done in Rust on the string
/// ([`crate::html`]): the markup never reaches the browser's parser.
pub fn html_to_text(html: &str) -> String {
    crate::html::html_to_text(html)
}
