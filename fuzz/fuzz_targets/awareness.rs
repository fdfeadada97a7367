//! Fuzzes awareness frames built from structured states (ids beyond 53 bits, any clock, JSON
//! text nested up to half a million levels): the frame check and decoder must refuse or
//! accept without crashing, and every state they accept must parse as JSON without
//! overflowing a stack, the way the board reads it.
#![no_main]

use std::sync::Once;

use libfuzzer_sys::fuzz_target;
use stormwall_model::protocol::{decode, Incoming};

#[path = "shapes.rs"]
mod shapes;

static QUIET_CAUGHT_PANICS: Once = Once::new();

fuzz_target!(|shape: shapes::AwarenessShape| {
    QUIET_CAUGHT_PANICS.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    if let Ok(Incoming::Awareness(update)) = decode(&shape.frame()) {
        for entry in update.clients.values() {
            let _ = serde_json::from_str::<serde_json::Value>(&entry.json);
        }
    }
});
