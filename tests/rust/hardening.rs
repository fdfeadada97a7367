//! The server holds against hostile clients and failing storage: every test checks that the
//! offender alone is refused (with a close code and a reason), that the other clients on the
//! same board keep syncing, and that nothing stored is lost.

use std::collections::HashMap;
use std::time::Duration;

use stormwall_model::protocol;
use stormwall_model::{doc, Sticky, StickyKind};
use stormwall_tests::{Peer, TestServer};
use yrs::sync::awareness::AwarenessUpdateEntry;
use yrs::sync::AwarenessUpdate;
use yrs::ClientID;

fn sticky(id: &str, text: &str) -> Sticky {
    Sticky::new(id, StickyKind::DomainEvent, text, 0.0, 0.0)
}

fn var(mut n: u64, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// A document update holding one lib0 array nested `depth` levels deep, as an Update message.
fn nested_update(depth: usize) -> Vec<u8> {
    let mut u = vec![1, 1];
    var(424242, &mut u);
    var(0, &mut u);
    u.extend_from_slice(&[8 | 0b0010_0000, 1, 1, b'm', 1, b'k', 1]);
    for _ in 0..depth {
        u.extend_from_slice(&[117, 1]);
    }
    u.push(126);
    u.push(0);
    protocol::update(u)
}

/// An update adding `n` maps, each inside the one before, from client 9 at `clock`; the first
/// hangs on root map "r" (clock 0) or on the item before `clock`.
fn chain_of_maps(clock: u32, n: u32) -> Vec<u8> {
    let mut u = vec![1];
    var(n as u64, &mut u);
    var(9, &mut u);
    var(clock as u64, &mut u);
    for i in clock..clock + n {
        if i == 0 {
            u.extend_from_slice(&[7 | 0b0010_0000, 1, 1, b'r', 1, b'k', 1]);
        } else {
            u.push(7 | 0b0010_0000);
            var(0, &mut u);
            var(9, &mut u);
            var((i - 1) as u64, &mut u);
            u.extend_from_slice(&[1, b'k', 1]);
        }
    }
    u.push(0);
    protocol::update(u)
}

fn awareness(id: u64, clock: u32, json: &str) -> Vec<u8> {
    let mut clients = HashMap::new();
    clients.insert(
        ClientID::new(id),
        AwarenessUpdateEntry {
            clock,
            json: json.into(),
        },
    );
    protocol::awareness(AwarenessUpdate { clients })
}

/// Edits through `writer` and waits until `reader` sees it: the board still syncs.
async fn still_syncs(writer: &mut Peer, reader: &mut Peer, id: &str) -> anyhow::Result<()> {
    writer
        .edit(|r, t| doc::put_sticky(r, t, &sticky(id, "주문 확인됨 Order confirmed")))
        .await?;
    reader.until(|p| p.board().sticky(id).is_some()).await
}

async fn deeply_nested_updates_are_refused_and_the_process_goes_on(
    url: &str,
) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("deep").await?;
    let mut a = Peer::join(server.addr, &board).await?;
    let mut b = Peer::join(server.addr, &board).await?;
    still_syncs(&mut a, &mut b, "before").await?;
    // 2 KB nested a thousand levels, 2 MB nested a million: each would overflow a worker's
    // stack inside the document engine's recursive decoder and abort the whole process.
    for depth in [1_000, 1_000_000] {
        let frame = nested_update(depth);
        let mut bad = Peer::join(server.addr, &board).await?;
        bad.send_raw(frame).await?;
        let close = bad.closed_by_server().await?.expect("close frame");
        assert_eq!(u16::from(close.code), 1008, "{}", close.reason);
        assert!(close.reason.contains("nested"), "{}", close.reason);
        still_syncs(&mut a, &mut b, &format!("after {depth}")).await?;
    }
    // A deep awareness state is refused the same way.
    let mut bad = Peer::join(server.addr, &board).await?;
    let deep = format!("{}{}", "[".repeat(5_000), "]".repeat(5_000));
    bad.send_raw(awareness(77, 1, &deep)).await?;
    let close = bad.closed_by_server().await?.expect("close frame");
    assert_eq!(u16::from(close.code), 1008, "{}", close.reason);
    let expected = a.board();
    drop((a, b));
    server.stop().await?;
    let server = TestServer::start(url, &[]).await?;
    assert_eq!(Peer::join(server.addr, &board).await?.board(), expected);
    server.stop().await
}

async fn awareness_has_owners_and_limits(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("presence").await?;
    let mut ana = Peer::join(server.addr, &board).await?;
    let mut bo = Peer::join(server.addr, &board).await?;
    let mut eve = Peer::join(server.addr, &board).await?;
    ana.send_raw(awareness(11, 1, r#"{"user":{"name":"Ana"}}"#))
        .await?;
    bo.until(|p| p.awareness.contains_key(&11)).await?;
    // Eve tries to rename and then to remove Ana's cursor: nobody sees either.
    eve.send_raw(awareness(11, 9, r#"{"user":{"name":"Eve"}}"#))
        .await?;
    eve.send_raw(awareness(11, 10, "null")).await?;
    ana.send_raw(awareness(11, 2, r#"{"user":{"name":"Ana 2"}}"#))
        .await?;
    bo.until(|p| p.awareness.get(&11).is_some_and(|s| s.contains("Ana 2")))
        .await?;
    // Announcing many client ids closes the offender only.
    for id in 100..110 {
        eve.send_raw(awareness(id, 1, "{}")).await?;
    }
    let close = eve.closed_by_server().await?.expect("close frame");
    assert_eq!(u16::from(close.code), 1008, "{}", close.reason);
    // An oversized state is refused with 1009.
    let mut big = Peer::join(server.addr, &board).await?;
    let huge = format!(r#"{{"pad":"{}"}}"#, "x".repeat(100_000));
    big.send_raw(awareness(55, 1, &huge)).await?;
    let close = big.closed_by_server().await?.expect("close frame");
    assert_eq!(u16::from(close.code), 1009, "{}", close.reason);
    still_syncs(&mut ana, &mut bo, "presence ok").await?;
    server.stop().await
}

async fn sync_request_floods_are_cut_off(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("flood").await?;
    let mut a = Peer::join(server.addr, &board).await?;
    let mut b = Peer::join(server.addr, &board).await?;
    let mut flood = Peer::join(server.addr, &board).await?;
    let empty = protocol::sync_step1(&yrs::StateVector::default());
    for _ in 0..50 {
        flood.send_raw(empty.clone()).await?;
        flood.send_raw(vec![3]).await?; // awareness query
    }
    let close = flood.closed_by_server().await?.expect("close frame");
    assert_eq!(u16::from(close.code), 1008, "{}", close.reason);
    assert!(close.reason.contains("too many"), "{}", close.reason);
    still_syncs(&mut a, &mut b, "after flood").await?;
    server.stop().await
}

async fn a_full_board_takes_deletions_and_counts_across_compaction(
    url: &str,
) -> anyhow::Result<()> {
    let args = ["--max-doc-bytes", "40000", "--compact-every", "3"];
    let server = TestServer::start(url, &args).await?;
    let board = server.create_board("full").await?;
    let mut a = Peer::join(server.addr, &board).await?;
    let mut b = Peer::join(server.addr, &board).await?;
    let text = "재고 부족 발생함 stock ran out ".repeat(300);
    for i in 0..3 {
        a.edit(|r, t| doc::put_sticky(r, t, &sticky(&format!("big{i}"), &text)))
            .await?;
    }
    b.until(|p| p.board().sticky("big2").is_some()).await?;
    // Compaction ran (every 3 updates); the size still counts everything stored.
    a.pump(Duration::from_millis(300)).await?;
    a.edit(|r, t| doc::put_sticky(r, t, &sticky("one too many", &text)))
        .await?;
    let close = a.closed_by_server().await?.expect("close frame");
    assert_eq!(u16::from(close.code), 1009, "{}", close.reason);
    // B can still clean the board up: deletions are accepted at the limit.
    b.edit(|r, t| {
        for i in 0..3 {
            doc::remove_sticky(r, t, &format!("big{i}"));
        }
    })
    .await?;
    let mut c = Peer::join(server.addr, &board).await?;
    c.until(|p| p.board().sticky("big0").is_none() && p.board().sticky("big2").is_none())
        .await?;
    server.stop().await
}

async fn foreign_origins_hosts_and_bodies_are_refused(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &["--creates-per-minute", "5"]).await?;
    let http = reqwest::Client::new();
    let create = |origin: Option<&str>, host: Option<&str>| {
        let mut req = http
            .post(format!("{}/api/boards", server.http()))
            .json(&serde_json::json!({ "name": "x" }));
        if let Some(o) = origin {
            req = req.header("origin", o);
        }
        if let Some(h) = host {
            req = req.header("host", h);
        }
        req.send()
    };
    let own = format!("http://{}", server.addr);
    assert_eq!(create(Some(&own), None).await?.status(), 201);
    assert_eq!(
        create(Some("https://evil.example"), None).await?.status(),
        403
    );
    assert_eq!(create(None, Some("evil.example")).await?.status(), 421);
    // Security headers on every answer.
    let health = http
        .get(format!("{}/api/health", server.http()))
        .send()
        .await?;
    let h = health.headers();
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["referrer-policy"], "no-referrer");
    let csp = h["content-security-policy"].to_str()?;
    assert!(csp.contains("frame-ancestors 'none'") && csp.contains("'wasm-unsafe-eval'"));
    // JSON routes want JSON.
    let plain = http
        .post(format!("{}/api/boards/import", server.http()))
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await?;
    assert_eq!(plain.status(), 415);
    // Creation is rate-limited per address.
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(create(None, None).await?.status().as_u16());
    }
    assert!(statuses.contains(&429), "{statuses:?}");
    // A sync socket from a foreign origin is refused before the upgrade.
    let mut req = tokio_tungstenite::tungstenite::client::IntoClientRequest::into_client_request(
        format!("ws://{}/sync/{}", server.addr, "0".repeat(32)),
    )?;
    req.headers_mut()
        .insert("origin", "https://evil.example".parse()?);
    let refused = tokio_tungstenite::connect_async(req).await;
    assert!(refused.is_err(), "a foreign origin opened a sync socket");
    // A malformed board id is a 404, never looked up.
    let weird = http
        .get(format!("{}/api/boards/%1B%5B31mboard", server.http()))
        .send()
        .await?;
    assert_eq!(weird.status(), 404);
    server.stop().await
}

/// Shared types nested a few levels per update would, once deleted, make the engine recurse as
/// deep as the chain: the update that passes the limit is refused and never stored.
async fn shared_types_cannot_be_nested_deep_across_updates(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("chains").await?;
    let a = Peer::join(server.addr, &board).await?;
    let b = Peer::join(server.addr, &board).await?;
    let mut bad = Peer::join(server.addr, &board).await?;
    bad.send_raw(chain_of_maps(0, 20)).await?;
    bad.send_raw(chain_of_maps(20, 20)).await?;
    let close = bad.closed_by_server().await?.expect("close frame");
    assert_eq!(u16::from(close.code), 1008, "{}", close.reason);
    // The board reloaded from storage: everyone reconnects and goes on.
    let mut a2 = Peer::join(server.addr, &board).await?;
    let mut b2 = Peer::join(server.addr, &board).await?;
    still_syncs(&mut a2, &mut b2, "after chains").await?;
    drop((a, b, a2, b2));
    server.stop().await?;
    let server = TestServer::start(url, &[]).await?;
    let after = Peer::join(server.addr, &board).await?;
    let deepest = stormwall_model::doc::deepest_type(&yrs::Transact::transact(&after.doc), 1000);
    assert!(deepest <= 21, "{deepest}");
    assert!(after.board().sticky("after chains").is_some());
    server.stop().await
}

stormwall_tests::on_both_databases!(
    shared_types_cannot_be_nested_deep_across_updates,
    deeply_nested_updates_are_refused_and_the_process_goes_on,
    awareness_has_owners_and_limits,
    sync_request_floods_are_cut_off,
    a_full_board_takes_deletions_and_counts_across_compaction,
    foreign_origins_hosts_and_bodies_are_refused,
);

/// Holds the board's storage hostage from another database session: SQLite's whole file
/// (`BEGIN EXCLUSIVE`), PostgreSQL's board row (`FOR UPDATE`, which blocks the log's inserts).
async fn lock_storage(
    url: &str,
    board: &str,
) -> anyhow::Result<sqlx::Transaction<'static, sqlx::Any>> {
    sqlx::any::install_default_drivers();
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await?;
    let mut tx = if url.starts_with("sqlite") {
        pool.begin_with("BEGIN EXCLUSIVE").await?
    } else {
        pool.begin().await?
    };
    sqlx::query("SELECT id FROM boards WHERE id = $1 FOR UPDATE")
        .bind(board)
        .fetch_optional(&mut *tx)
        .await
        .or_else(|e| {
            // SQLite has no FOR UPDATE; its exclusive transaction already locks everything.
            if url.starts_with("sqlite") {
                Ok(None)
            } else {
                Err(e)
            }
        })?;
    Ok(tx)
}

async fn failing_storage_is_loud_and_loses_nothing_acknowledged(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &["--storage-grace-ms", "500"]).await?;
    let board = server.create_board("storage").await?;
    let mut aware = Peer::join(server.addr, &board).await?;
    let mut stock = Peer::join(server.addr, &board).await?;
    aware
        .edit(|r, t| doc::put_sticky(r, t, &sticky("saved", "Order placed")))
        .await?;
    aware.send_raw(protocol::sync_status(b"1")).await?;
    aware.until(|p| p.acks.len() == 1).await?;

    let lock = lock_storage(&server.database_url, &board).await?;
    aware
        .edit(|r, t| doc::put_sticky(r, t, &sticky("pending", "결제 완료됨 Payment done")))
        .await?;
    aware.send_raw(protocol::sync_status(b"2")).await?;
    // The board says it cannot save; stock clients are sent away to come back later.
    aware
        .until(|p| {
            p.notices
                .iter()
                .any(|n| n == protocol::NOTICE_STORAGE_FAILING)
        })
        .await?;
    assert_eq!(aware.acks.len(), 1, "an unsaved edit was acknowledged");
    let close = stock.closed_by_server().await?.expect("close frame");
    assert_eq!(u16::from(close.code), 1013, "{}", close.reason);

    lock.rollback().await?;
    aware
        .until(|p| p.acks.len() == 2 && p.notices.iter().any(|n| n == protocol::NOTICE_STORAGE_OK))
        .await?;
    let expected = aware.board();
    drop(aware);
    server.stop().await?;
    let server = TestServer::start(url, &[]).await?;
    let after = Peer::join(server.addr, &board).await?;
    assert_eq!(after.board(), expected);
    assert!(after.board().sticky("pending").is_some());
    server.stop().await
}

stormwall_tests::on_both_databases!(failing_storage_is_loud_and_loses_nothing_acknowledged);

/// A client that opens a connection and trickles its headers is cut off after the header
/// time limit, while the server keeps answering others.
#[tokio::test]
async fn slow_headers_are_cut_off() -> anyhow::Result<()> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (_dir, url) = stormwall_tests::server::sqlite_url();
    let server = TestServer::start(&url, &[]).await?;
    let mut slow = tokio::net::TcpStream::connect(server.addr).await?;
    slow.write_all(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .await?;
    let started = tokio::time::Instant::now();
    let ok = reqwest::get(format!("{}/api/health", server.http())).await?;
    assert_eq!(ok.status(), 200);
    let mut buf = [0u8; 256];
    let n = tokio::time::timeout(Duration::from_secs(30), slow.read(&mut buf)).await??;
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(5) && waited < Duration::from_secs(25),
        "closed after {waited:?}: {:?}",
        String::from_utf8_lossy(&buf[..n])
    );
    server.stop().await
}

/// The board's files are revalidated on every visit: the page and the model worker keep
/// their names across builds, so a browser must never pair a cached one with a new board; a
/// file the build does not have is a 404, not the app.
#[tokio::test]
async fn the_boards_files_are_revalidated_on_every_visit() -> anyhow::Result<()> {
    let (_dir, url) = stormwall_tests::server::sqlite_url();
    let web = tempfile::tempdir()?;
    std::fs::write(
        web.path().join("index.html"),
        "<!doctype html><title>board</title>",
    )?;
    std::fs::write(
        web.path().join("model_worker_loader.js"),
        "importScripts(\"./model_worker.js\");",
    )?;
    let dir = web.path().to_str().expect("utf-8 path");
    let server = TestServer::start(&url, &["--web-dir", dir]).await?;
    for path in ["/model_worker_loader.js", "/b/0123456789abcdef", "/"] {
        let res = reqwest::get(format!("{}{path}", server.http())).await?;
        assert_eq!(res.status(), 200, "{path}");
        let h = res.headers();
        assert_eq!(h["cache-control"], "no-cache", "{path}");
        assert!(h.contains_key("content-security-policy"), "{path}");
    }
    // A page is served the app; a file the build lacks (a module of an older build, say) is a
    // plain 404, never the app's HTML where a script or WebAssembly is expected.
    for (path, page) in [
        ("/b/0123456789abcdef", true),
        ("/b/0123456789abcdef/", true),
        ("/model_worker_bg.wasm", false),
        ("/stormwall-web-0123456789abcdef_bg.wasm", false),
        ("/assets/old.js", false),
    ] {
        let res = reqwest::get(format!("{}{path}", server.http())).await?;
        let status = res.status().as_u16();
        let body = res.text().await?;
        if page {
            assert_eq!(status, 200, "{path}");
            assert!(body.contains("<title>board</title>"), "{path}: {body}");
        } else {
            assert_eq!(status, 404, "{path}");
            assert!(!body.contains("<title>"), "{path}: {body}");
        }
    }
    server.stop().await
}
