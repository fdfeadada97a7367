//! Fuzzes the server's whole update path with structured updates (see `shapes.rs`): the raw-byte
//! check, decoding, applying to a board's document, re-encoding its full state (what every
//! joiner receives) and reading the board model from it. Nothing may crash or overflow the
//! stack; what the check lets through must re-encode into something the check lets through.
#![no_main]

use std::sync::Once;

use libfuzzer_sys::fuzz_target;
use stormwall_model::protocol::{decode_update, inspect};
use yrs::{ReadTxn, StateVector, Transact};

#[path = "shapes.rs"]
mod shapes;

static QUIET_CAUGHT_PANICS: Once = Once::new();

fuzz_target!(|shape: shapes::UpdateShape| {
    QUIET_CAUGHT_PANICS.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let bytes = shape.encode();
    let Ok(update) = decode_update(&bytes) else {
        return;
    };
    let doc = stormwall_model::doc::new_doc();
    // A panic inside the engine is caught by the room, which then reloads the board.
    let applied = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        doc.transact_mut().apply_update(update).is_ok()
    }));
    if !matches!(applied, Ok(true)) {
        return;
    }
    let full = doc
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    assert_eq!(inspect::check_update(&full), Ok(()));
    let _ = stormwall_model::doc::snapshot(&doc);
});
