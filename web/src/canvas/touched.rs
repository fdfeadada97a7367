//! Fine-grained change notices for the board snapshot: one trigger per sticky, notified only
//! when that sticky changes. With them, typing in one sticky of a 2,000-sticky board
//! re-renders that sticky alone.

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;
use stormwall_model::doc::Changes;

/// The triggers of a live board.
#[derive(Default)]
pub struct Touched {
    stickies: RefCell<HashMap<String, ArcTrigger>>,
}

impl Touched {
    /// The trigger of one sticky (created on first use).
    pub fn sticky(&self, id: &str) -> ArcTrigger {
        self.stickies
            .borrow_mut()
            .entry(id.to_string())
            .or_default()
            .clone()
    }

    /// Notifies the views of the stickies `changes` touched.
    pub fn notify(&self, changes: &Changes) {
        let stickies = self.stickies.borrow();
        for id in &changes.stickies {
            if let Some(t) = stickies.get(id) {
                t.notify();
            }
        }
    }
}
