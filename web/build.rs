//! Links the page's module (not the model worker's) with its relocations kept, so the build
//! can split it at its lazy panels afterwards (`xtask/src/split.rs`).

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=stormwall-web=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
