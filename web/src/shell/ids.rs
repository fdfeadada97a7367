//! Fresh ids for what the board creates: stickies, links, frames.

/// A fresh, practically unique id starting with `prefix` (s sticky, l link, f frame).
pub fn new_id(prefix: char) -> String {
    let r = (js_sys::Math::random() * 4_294_967_296.0) as u32;
    format!("{prefix}{:x}{:08x}", js_sys::Date::now() as u64, r)
}
