#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(khabar::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(khabar::cli::main(std::env::args().skip(1).collect()));
}
