//! Which nodes are alive. Each node keeps a key `stormwall:node:{id}` that expires
//! (`--cluster-node-ttl-ms`) unless renewed; Redis's own clock expires it, so clocks of the
//! nodes need not agree. Rooms ask about the nodes whose clients' cursors they show; those
//! are checked each round, and a node whose key is gone is dead: its cursors are removed.

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::Duration;

use redis::aio::ConnectionManager;

/// Most nodes asked about per round (a room shows cursors of few nodes).
const MAX_ASKED: usize = 4096;

/// The key a live node keeps.
fn node_key(node: &str) -> String {
    format!("stormwall:node:{node}")
}

/// This node's heartbeat and what it knows of the others.
pub struct Nodes {
    me: String,
    ttl: Duration,
    asked: Mutex<HashSet<String>>,
    dead: Mutex<HashSet<String>>,
}

impl Nodes {
    pub fn new(me: String, ttl: Duration) -> Nodes {
        Nodes {
            me,
            ttl,
            asked: Mutex::new(HashSet::new()),
            dead: Mutex::new(HashSet::new()),
        }
    }

    /// Whether `node` is alive as far as the last round knew; asks about it in the next.
    pub fn is_live(&self, node: &str) -> bool {
        let mut asked = self.asked.lock().expect("poisoned");
        if asked.len() < MAX_ASKED {
            asked.insert(node.to_string());
        }
        drop(asked);
        !self.dead.lock().expect("poisoned").contains(node)
    }

    /// Announces this node and checks the nodes asked about, four times per TTL, forever.
    pub async fn run(&self, mut conn: ConnectionManager) {
        let mut tick = tokio::time::interval(self.ttl / 4);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let beat = redis::cmd("SET")
                .arg(node_key(&self.me))
                .arg(1)
                .arg("PX")
                .arg(self.ttl.as_millis() as u64)
                .query_async::<()>(&mut conn)
                .await;
            if let Err(e) = beat {
                tracing::warn!(error = %e, "cluster: cannot renew this node's heartbeat");
                continue;
            }
            let asked: Vec<String> = std::mem::take(&mut *self.asked.lock().expect("poisoned"))
                .into_iter()
                .collect();
            if asked.is_empty() {
                self.dead.lock().expect("poisoned").clear();
                continue;
            }
            let mut pipe = redis::pipe();
            for node in &asked {
                pipe.cmd("EXISTS").arg(node_key(node));
            }
            match pipe.query_async::<Vec<i64>>(&mut conn).await {
                Ok(found) if found.len() == asked.len() => {
                    let dead = asked
                        .into_iter()
                        .zip(found)
                        .filter(|(_, n)| *n == 0)
                        .map(|(node, _)| node)
                        .collect();
                    *self.dead.lock().expect("poisoned") = dead;
                }
                Ok(_) => tracing::warn!("cluster: malformed answer about live nodes"),
                Err(e) => tracing::warn!(error = %e, "cluster: cannot check live nodes"),
            }
        }
    }

    /// This node stops: its key goes at once, so peers drop its cursors without waiting.
    pub async fn stop(&self, mut conn: ConnectionManager) {
        let _ = redis::cmd("DEL")
            .arg(node_key(&self.me))
            .query_async::<()>(&mut conn)
            .await;
    }
}
