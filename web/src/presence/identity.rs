//! Who this browser is: a name and a colour, asked once and remembered in `localStorage`.

use crate::presence::awareness::User;

const KEY: &str = "stormwall.user";

/// Colours offered to participants: distinct, readable on the canvas, none a sticky colour.
pub const COLORS: [&str; 8] = [
    "#e8590c", "#1c7ed6", "#2f9e44", "#c2255c", "#7048e8", "#0c8599", "#e67700", "#5c940d",
];

/// This browser's `localStorage`, when it has one.
pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The remembered identity, if this browser chose one.
pub fn remembered() -> Option<User> {
    let raw = storage()?.get_item(KEY).ok()??;
    serde_json::from_str::<User>(&raw)
        .ok()
        .filter(|u| !u.name.trim().is_empty())
}

/// Remembers the identity for next time.
pub fn remember(user: &User) {
    if let (Some(s), Ok(json)) = (storage(), serde_json::to_string(user)) {
        let _ = s.set_item(KEY, &json);
    }
}

/// A placeholder identity until the participant names themselves: "Guest 42" in a random colour.
pub fn guest() -> User {
    let r = js_sys::Math::random();
    User {
        name: format!("Guest {}", (r * 90.0) as u32 + 10),
        color: COLORS[((r * 1000.0) as usize) % COLORS.len()].to_string(),
    }
}
