//! Three Stormwall nodes on one PostgreSQL and one Redis: stock-protocol clients on different
//! nodes converge, cursors cross nodes and go when their client or node goes, a late joiner
//! on another node gets the whole board, lock and replaced links act on every node, and no
//! edit acknowledged as saved is lost when the node holding a board's storage lease, or
//! Redis itself, is killed with SIGKILL.
//!
//! Needs `STORMWALL_TEST_POSTGRES_URL` and `STORMWALL_TEST_REDIS_SERVER` (set by
//! `cargo xtask test`); skipped otherwise.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::Arc;
use std::time::Duration;

use stormwall_model::{doc, protocol};
use stormwall_tests::cluster::{
    collect, holds_all, node, node_id, redis_server, spawn_writers, TestRedis,
};
use stormwall_tests::history::sticky;
use stormwall_tests::server::{key, postgres_url, ServerProcess};
use stormwall_tests::Peer;
use yrs::sync::awareness::AwarenessUpdateEntry;
use yrs::sync::AwarenessUpdate;
use yrs::ClientID;

fn env() -> Option<(String, PathBuf)> {
    Some((postgres_url()?, redis_server()?))
}

async fn three(pg: &str, redis: &TestRedis) -> anyhow::Result<Vec<ServerProcess>> {
    let mut nodes = Vec::new();
    for _ in 0..3 {
        nodes.push(node(pg, redis, 0).await?);
    }
    Ok(nodes)
}

async fn put(p: &mut Peer, id: &str, x: f64) -> anyhow::Result<()> {
    let s = sticky(id, x);
    p.edit(|r, t| doc::put_sticky(r, t, &s)).await
}

fn has(ids: &'static [&'static str]) -> impl Fn(&Peer) -> bool {
    move |p| {
        let b = p.board();
        ids.iter().all(|id| b.sticky(id).is_some())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_on_different_nodes_converge_and_see_each_others_cursors() -> anyhow::Result<()> {
    let Some((pg, bin)) = env() else {
        return Ok(());
    };
    let redis = TestRedis::start(bin).await?;
    let nodes = three(&pg, &redis).await?;
    let board = nodes[0].create_board("cluster converge").await?;
    let mut a = Peer::join(nodes[0].addr, &board).await?;
    let mut b = Peer::join(nodes[1].addr, &board).await?;
    put(&mut a, "from-a", 0.0).await?;
    put(&mut b, "from-b", 200.0).await?;
    a.until(has(&["from-a", "from-b"])).await?;
    b.until(has(&["from-a", "from-b"])).await?;

    // A cursor announced on node 0 shows on node 1.
    a.announce(1, r#"{"user":{"name":"Ana"}}"#).await?;
    let ana = a.doc.client_id().get();
    b.until(|p| p.awareness.get(&ana).is_some_and(|j| j.contains("Ana")))
        .await?;

    // A late joiner on the third node gets the whole board and the cursors already there.
    let mut c = Peer::join(nodes[2].addr, &board).await?;
    assert!(has(&["from-a", "from-b"])(&c), "late joiner lacks edits");
    c.until(|p| p.awareness.contains_key(&ana)).await?;
    put(&mut c, "from-c", 400.0).await?;
    a.until(has(&["from-c"])).await?;

    // Ana leaves: her cursor goes on every node.
    drop(a);
    b.until(|p| !p.awareness.contains_key(&ana)).await?;
    c.until(|p| !p.awareness.contains_key(&ana)).await?;
    for n in nodes {
        n.kill().await?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lock_and_replaced_links_act_on_every_node() -> anyhow::Result<()> {
    let Some((pg, bin)) = env() else {
        return Ok(());
    };
    let redis = TestRedis::start(bin).await?;
    let nodes = three(&pg, &redis).await?;
    let board = nodes[0].create_board("cluster access").await?;
    let participant = format!("{board}?key={}", key(&board, "participant").unwrap());
    let mut p = Peer::join(nodes[1].addr, &participant).await?;
    let mut f = Peer::join(nodes[2].addr, &board).await?;

    // Locked on node 0: the participant on node 1 is refused and told so.
    let http = reqwest::Client::new();
    let lock = http
        .patch(format!("http://{}/api/boards/{board}", nodes[0].addr))
        .bearer_auth(key(&board, "facilitator").unwrap())
        .json(&serde_json::json!({ "locked": true }))
        .send()
        .await?;
    assert_eq!(lock.status(), 200);
    tokio::time::sleep(Duration::from_millis(500)).await;
    put(&mut p, "while-locked", 0.0).await?;
    p.until(|p| !p.access.is_empty()).await?;
    put(&mut f, "facilitator-edit", 100.0).await?;
    p.until(has(&["facilitator-edit"])).await?;
    assert!(
        f.board().sticky("while-locked").is_none(),
        "a locked board took a participant's edit on another node"
    );

    // The participant link replaced on node 0: its connection on node 1 closes with 4401.
    let rotate = http
        .post(format!(
            "http://{}/api/boards/{board}/links/participant",
            nodes[0].addr
        ))
        .bearer_auth(key(&board, "facilitator").unwrap())
        .send()
        .await?;
    assert_eq!(rotate.status(), 200);
    let frame = p.closed_by_server().await?;
    assert_eq!(frame.map(|f| u16::from(f.code)), Some(4401));
    for n in nodes {
        n.kill().await?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_nodes_cursors_go_and_a_restarted_node_rejoins() -> anyhow::Result<()> {
    let Some((pg, bin)) = env() else {
        return Ok(());
    };
    let redis = TestRedis::start(bin).await?;
    let mut nodes = three(&pg, &redis).await?;
    let board = nodes[0].create_board("cluster node death").await?;
    let mut a = Peer::join(nodes[0].addr, &board).await?;
    let mut b = Peer::join(nodes[1].addr, &board).await?;
    a.announce(1, r#"{"user":{"name":"Ana"}}"#).await?;
    let ana = a.doc.client_id().get();
    b.until(|p| p.awareness.contains_key(&ana)).await?;
    put(&mut a, "before", 0.0).await?;
    b.until(has(&["before"])).await?;

    // Node 0 dies without a word: its client's cursor goes once its heartbeat expires...
    let mut carl = Peer::join(nodes[0].addr, &board).await?;
    carl.announce(1, r#"{"user":{"name":"Carl"}}"#).await?;
    let carl_id = carl.doc.client_id().get();
    b.until(|p| p.awareness.contains_key(&carl_id)).await?;
    let port = nodes[0].addr.port();
    nodes.remove(0).kill().await?;
    drop(carl);
    // ...while Ana, who reconnects to node 1 with the same client id, keeps hers.
    drop(a);
    let mut ana_again = Peer::join(nodes[0].addr, &board).await?;
    let moved = AwarenessUpdateEntry {
        clock: 2,
        json: r#"{"user":{"name":"Ana moved"}}"#.into(),
    };
    let update = AwarenessUpdate {
        clients: [(ClientID::new(ana), moved)].into_iter().collect(),
    };
    ana_again.send_raw(protocol::awareness(update)).await?;
    b.until(|p| p.awareness.get(&ana).is_some_and(|j| j.contains("moved")))
        .await?;
    b.until(|p| !p.awareness.contains_key(&carl_id)).await?;
    b.pump(Duration::from_millis(500)).await?;
    assert!(
        b.awareness.contains_key(&ana),
        "a client that moved to a live node lost its cursor with its old node"
    );

    // Restarted on the same port, it serves the board again, both ways.
    let again = node(&pg, &redis, port).await?;
    let mut a = Peer::join(again.addr, &board).await?;
    assert!(has(&["before"])(&a));
    put(&mut b, "after-restart", 100.0).await?;
    a.until(has(&["after-restart"])).await?;
    put(&mut a, "from-restarted", 200.0).await?;
    b.until(has(&["from-restarted"])).await?;
    again.kill().await?;
    for n in nodes {
        n.kill().await?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_of_the_lease_holder_during_writes_loses_nothing_acknowledged() -> anyhow::Result<()>
{
    let Some((pg, bin)) = env() else {
        return Ok(());
    };
    let redis = TestRedis::start(bin).await?;
    let mut nodes = three(&pg, &redis).await?;
    let board = nodes[0].create_board("cluster lease holder crash").await?;
    // Node 0 loads the board first and takes its storage lease.
    let first = Peer::join(nodes[0].addr, &board).await?;
    let lease = format!("GET stormwall:lease:{board}");
    let mut holder = None;
    for _ in 0..50 {
        let answer = redis.command(&lease).await?;
        for (i, n) in nodes.iter().enumerate() {
            if answer.contains(&node_id(n.addr).await?) {
                holder = Some(i);
            }
        }
        if holder.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let holder = holder.ok_or_else(|| anyhow::anyhow!("nobody took the storage lease"))?;
    drop(first);

    let stop = Arc::new(AtomicBool::new(false));
    let addrs: Vec<SocketAddr> = nodes.iter().map(|n| n.addr).collect();
    let writers = spawn_writers(&addrs, &board, 3, &stop);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    nodes.remove(holder).kill().await?;
    // The others go on writing while another node takes the lease over.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    stop.store(true, Relaxed);
    let acked = collect(writers).await?;
    let total: u64 = acked.iter().map(|(_, n)| n).sum();
    assert!(total > 0, "nothing was acknowledged");
    let killed: u64 = acked
        .iter()
        .filter(|(name, _)| name.starts_with(&format!("n{holder}")))
        .map(|(_, n)| n)
        .sum();
    assert!(
        killed > 0,
        "the killed node acknowledged nothing before dying"
    );

    let reader = Peer::join(nodes[0].addr, &board).await?;
    holds_all(&reader, &acked, "on a surviving node");
    // The new lease holder stores the stream into PostgreSQL and trims it.
    let key = format!("XLEN stormwall:board:{board}");
    let mut trimmed = false;
    for _ in 0..100 {
        if redis.command(&key).await?.trim() == ":0" {
            trimmed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(trimmed, "the stream was never stored and trimmed");
    drop(reader);
    for n in nodes {
        n.kill().await?;
    }
    // With the stream empty, a fresh node has it all from PostgreSQL.
    let fresh = node(&pg, &redis, 0).await?;
    let reader = Peer::join(fresh.addr, &board).await?;
    holds_all(&reader, &acked, "from PostgreSQL after every node died");
    eprintln!("{total} acknowledged updates ({killed} on the killed lease holder) all present");
    fresh.kill().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_redis_crash_and_restart_loses_nothing_acknowledged() -> anyhow::Result<()> {
    let Some((pg, bin)) = env() else {
        return Ok(());
    };
    let mut redis = TestRedis::start(bin).await?;
    let nodes = [node(&pg, &redis, 0).await?, node(&pg, &redis, 0).await?];
    let board = nodes[0].create_board("cluster redis crash").await?;
    let stop = Arc::new(AtomicBool::new(false));
    let addrs: Vec<SocketAddr> = nodes.iter().map(|n| n.addr).collect();
    let writers = spawn_writers(&addrs, &board, 3, &stop);
    tokio::time::sleep(Duration::from_millis(1000)).await;
    redis.kill().await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    redis.restart().await?;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    stop.store(true, Relaxed);
    let acked = collect(writers).await?;
    assert!(acked.iter().map(|(_, n)| n).sum::<u64>() > 0);

    // A node started after the crash reads it all from PostgreSQL and the stream.
    let late = node(&pg, &redis, 0).await?;
    let reader = Peer::join(late.addr, &board).await?;
    holds_all(&reader, &acked, "after Redis restarted");
    late.kill().await?;
    for n in nodes {
        n.kill().await?;
    }
    Ok(())
}

/// The sync connections a node reports in its metrics.
async fn connections(addr: SocketAddr) -> anyhow::Result<u64> {
    let text = reqwest::get(format!("http://{addr}/api/metrics"))
        .await?
        .text()
        .await?;
    text.lines()
        .find_map(|l| l.strip_prefix("stormwall_connections "))
        .and_then(|n| n.trim().parse().ok())
        .ok_or_else(|| anyhow::anyhow!("no connection count in metrics"))
}

/// Writes `count` stickies `{name}-{n}` and waits until they are acknowledged as saved.
async fn write_saved(p: &mut Peer, name: &str, count: u64) -> anyhow::Result<()> {
    for n in 1..=count {
        put(p, &format!("{name}-{n}"), n as f64).await?;
    }
    p.send_raw(protocol::sync_status(b"all")).await?;
    p.until(|p| p.acks.iter().any(|a| a == b"all")).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_through_haproxy_land_on_different_nodes_and_survive_a_node_death(
) -> anyhow::Result<()> {
    let (Some((pg, bin)), Some(lb)) = (env(), stormwall_tests::cluster::haproxy()) else {
        return Ok(());
    };
    let redis = TestRedis::start(bin).await?;
    let mut nodes = vec![node(&pg, &redis, 0).await?, node(&pg, &redis, 0).await?];
    let addrs: Vec<SocketAddr> = nodes.iter().map(|n| n.addr).collect();
    let lb = stormwall_tests::cluster::TestHaproxy::start(lb, &addrs).await?;
    let board = nodes[0].create_board("behind haproxy").await?;
    let mut one = Peer::join(lb.addr, &board).await?;
    let mut two = Peer::join(lb.addr, &board).await?;
    assert_eq!(
        (connections(addrs[0]).await?, connections(addrs[1]).await?),
        (1, 1),
        "the load balancer put both clients on one node"
    );
    write_saved(&mut one, "one", 20).await?;
    write_saved(&mut two, "two", 20).await?;
    one.until(has(&["two-20"])).await?;
    two.until(has(&["one-20"])).await?;

    // Node 0 dies: its client reconnects through the load balancer and nothing is lost.
    nodes.remove(0).kill().await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let one_alive = one.pump(Duration::from_millis(200)).await.is_ok();
    let two_alive = two.pump(Duration::from_millis(200)).await.is_ok();
    assert!(
        one_alive != two_alive,
        "exactly one client was on the dead node"
    );
    let (survivor, name) = if one_alive {
        (&mut one, "one")
    } else {
        (&mut two, "two")
    };
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    let mut back = loop {
        match Peer::join(lb.addr, &board).await {
            Ok(p) => break p,
            Err(e) if tokio::time::Instant::now() < deadline => {
                eprintln!("reconnecting through the load balancer: {e}");
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            Err(e) => return Err(e),
        }
    };
    assert!(
        has(&["one-20", "two-20"])(&back),
        "edits lost with the node"
    );
    put(&mut back, "after", 0.0).await?;
    survivor.until(has(&["after"])).await?;
    put(survivor, &format!("{name}-late"), 0.0).await?;
    let late: &'static str = if name == "one" {
        "one-late"
    } else {
        "two-late"
    };
    back.until(move |p| p.board().sticky(late).is_some())
        .await?;
    for n in nodes {
        n.kill().await?;
    }
    Ok(())
}
