//! The page's entry point: report panics to the console, choose and load the page's language
//! (at most a moment: `early-probe.js` has fetched its file in parallel with the wasm), then
//! mount the app and replace the shell in the same task.

fn main() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        skewcheck::language::start().await;
        leptos::mount::mount_to_body(skewcheck::App);
        skewcheck::browser::shell_mounted();
    });
}
