//! Fuzzes the y-websocket frame decoder the server runs on every client frame, and the update
//! decoder behind it, and the workshop command reader behind a workshop message: any byte string
//! must decode or be refused, never crash or over-allocate.
//!
//! The decoders turn yrs's internal assertion panics into refusals (`catch_unwind`), so the
//! target replaces libFuzzer's abort-on-any-panic hook: a panic that escapes the decoders still
//! unwinds into libFuzzer and aborts, and is reported as a crash.
#![no_main]

use std::sync::Once;

use libfuzzer_sys::fuzz_target;
use stormwall_model::protocol::{decode, decode_update, Incoming};
use stormwall_model::workshop::Command;

static QUIET_CAUGHT_PANICS: Once = Once::new();

fuzz_target!(|frame: &[u8]| {
    QUIET_CAUGHT_PANICS.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    match decode(frame) {
        Ok(Incoming::Update(u) | Incoming::SyncStep2(u)) => {
            let _ = decode_update(&u);
        }
        Ok(Incoming::Workshop(payload)) => {
            let _ = Command::decode(&payload);
        }
        _ => {}
    }
});
