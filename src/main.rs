#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // The same binary runs in the analysis worker (public/worker.js), which has no window and
    // only calls the exports of `khabar::wasm_api`: there is nothing to mount there.
    if web_sys::window().is_some() {
        leptos::mount::mount_to_body(khabar::app::App);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(khabar::cli::main(std::env::args().skip(1).collect()));
}
