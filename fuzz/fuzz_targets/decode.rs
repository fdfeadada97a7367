//! Fuzzes the y-websocket frame decoder the server runs on every client frame, and the update
//! decoder behind it: any byte string must decode or be refused, never panic or over-allocate.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stormwall_model::protocol::{decode, Incoming};
use yrs::updates::decoder::Decode;
use yrs::Update;

fuzz_target!(|frame: &[u8]| {
    if let Ok(Incoming::Update(u) | Incoming::SyncStep2(u)) = decode(frame) {
        let _ = Update::decode_v1(&u);
    }
});
