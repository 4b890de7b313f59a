//! The web app's entry point, built by Trunk for wasm32 (`data-bin="kaiten-web"`).

#[cfg(target_arch = "wasm32")]
fn main() {
    kaiten::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("kaiten-web is the browser app: build it with `scripts/dev serve`; the native CLI is `kaiten`.");
    std::process::exit(2);
}
