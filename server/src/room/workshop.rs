//! A room's side of the workshop session ([`crate::workshop`]): it hands workshop messages
//! over with a way to look up stickies, sends the frames that come back, and writes the
//! results of a closed vote into the board as one change everyone receives.

use stormwall_model::doc::{self, Roots};
use yrs::Transact;

use super::Room;
use crate::store::now_ms;

impl Room {
    /// Acts on a workshop message from `conn`.
    pub(super) fn workshop_message(&mut self, conn: u64, payload: &[u8]) {
        let roots = Roots::of(&self.doc);
        let reply = {
            let txn = self.doc.transact();
            self.workshop.handle(conn, payload, now_ms(), |id| {
                doc::sticky_kind(&roots, &txn, id)
            })
        };
        for (to, frame) in reply.frames {
            self.send_to(to, frame);
        }
        if let Some(results) = reply.results {
            self.put_vote_results(&roots, &results);
        }
    }

    /// Replaces the board's vote results, as an update from the room.
    fn put_vote_results(
        &mut self,
        roots: &Roots,
        results: &[stormwall_model::workshop::VoteResult],
    ) {
        if doc::read_votes(roots, &self.doc.transact()) == results {
            return;
        }
        let update = {
            let mut txn = self.doc.transact_mut();
            doc::set_votes(roots, &mut txn, results);
            txn.encode_update_v1()
        };
        self.commit(None, update);
    }
}
