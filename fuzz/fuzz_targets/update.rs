//! Fuzzes the server's whole update path with structured updates (see `shapes.rs`): the raw-byte
//! check, decoding, applying to a board's document, re-encoding its full state (what every
//! joiner receives), cutting that state into the pieces a joiner of a big board receives, and
//! reading the board model from it. Nothing may crash or overflow the stack; what the check
//! lets through must re-encode into something the check lets through, and its pieces, applied
//! in order, must give the same board.
#![no_main]

use std::sync::Once;

use libfuzzer_sys::fuzz_target;
use stormwall_model::protocol::{decode_update, inspect, split_update};
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
    let board = stormwall_model::doc::snapshot(&doc);
    let copy = stormwall_model::doc::new_doc();
    for piece in split_update(&full, 64).expect("a checked state splits") {
        let piece = decode_update(&piece).expect("each piece passes the check");
        copy.transact_mut().apply_update(piece).expect("each piece applies");
    }
    assert_eq!(stormwall_model::doc::snapshot(&copy), board);
    assert_eq!(copy.transact().state_vector(), doc.transact().state_vector());
});
