//! Fuzzes the server's whole update path with structured updates (see `shapes.rs`): the raw-byte
//! check, decoding, applying to a board's document, re-encoding its full state (what every
//! joiner receives), cutting that state into the pieces a joiner of a big board receives, and
//! reading the board model from it. Nothing may crash or overflow the stack; what the check
//! lets through must re-encode into something the check lets through, and its pieces, applied
//! in order, must give what the state applied whole gives.
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
    let _ = stormwall_model::doc::snapshot(&doc);
    // What a joiner of a big board does: the state in pieces, applied in order, gives what
    // the state whole gives. A board holding updates still waiting for what they build on is
    // sent whole (see `protocol::sync_step2_in_pieces`).
    if doc.transact().has_missing_updates() {
        return;
    }
    let whole = stormwall_model::doc::new_doc();
    let applied = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let update = decode_update(&full).expect("the full state passes the check");
        whole.transact_mut().apply_update(update).is_ok()
    }));
    if !matches!(applied, Ok(true)) {
        return;
    }
    let copy = stormwall_model::doc::new_doc();
    for piece in split_update(&full, 64).expect("a checked state splits") {
        let piece = decode_update(&piece).expect("each piece passes the check");
        copy.transact_mut().apply_update(piece).expect("each piece applies");
    }
    assert_eq!(
        stormwall_model::doc::snapshot(&copy),
        stormwall_model::doc::snapshot(&whole)
    );
    // A client the engine knows at clock 0 (its blocks still pending) holds nothing.
    let clocks = |d: &yrs::Doc| {
        let sv = d.transact().state_vector();
        sv.iter()
            .filter(|(_, clock)| **clock > 0)
            .map(|(client, clock)| (*client, *clock))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    assert_eq!(clocks(&copy), clocks(&whole));
});
