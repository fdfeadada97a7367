//! History over real sockets, on SQLite and PostgreSQL: a wipe restored from a checkpoint
//! reaches the other client and the restore can itself be undone; an edit made while a
//! restore runs survives it; one deleted sticky comes back from the trash; the retention
//! policy thins automatic checkpoints and keeps named ones; one sticky restores alone.
//! (Roles: `history_access.rs`.)

use reqwest::{Method, StatusCode};
use serde_json::json;
use stormwall_model::{doc, protocol};
use stormwall_server::history::{self, Checkpoint, Reason};
use stormwall_server::store::{now_ms, Store};
use stormwall_tests::history::{call, checkpoints, fill, named, restore, settle, sticky};
use stormwall_tests::server::key;
use stormwall_tests::{on_both_databases, Peer, TestServer};
use yrs::Transact;

async fn wipe_restore_and_undo(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("History").await?;
    let mut alice = Peer::join(server.addr, &board).await?;
    let mut bob = Peer::join(
        server.addr,
        &format!("{board}?key={}", key(&board, "participant").unwrap()),
    )
    .await?;
    let full = fill(&mut alice, 8).await?;
    bob.until(|p| p.board() == full).await?;
    let cp = named(&server, &board, "after big picture").await?;
    assert_eq!(
        (
            cp["name"].as_str(),
            cp["reason"].as_str(),
            cp["by"].as_str()
        ),
        (Some("after big picture"), Some("named"), Some("Alice"))
    );
    assert!(
        cp["bytes"].as_u64().unwrap() > 100 && cp["created_at"].as_str().unwrap().ends_with('Z')
    );

    // Select all, delete: the state before it is kept automatically.
    alice
        .edit(|r, t| {
            for s in &full.stickies {
                doc::remove_sticky(r, t, &s.id);
            }
        })
        .await?;
    settle(&mut alice).await?;
    bob.until(|p| p.board().stickies.is_empty()).await?;
    let list = checkpoints(&server, &board).await?;
    assert_eq!(list[0]["reason"], "before-bulk-delete", "{list:?}");
    assert_eq!(list[1]["id"], cp["id"]);

    let answer = restore(&server, &board, cp["id"].as_str().unwrap(), None).await?;
    assert_eq!(
        answer["restored"]["stickies"],
        json!({"added": 8, "changed": 0, "removed": 0})
    );
    assert_eq!(answer["restored"]["links"]["added"], 1);
    bob.until(|p| p.board() == full).await?;
    alice.until(|p| p.board().stickies.len() == 8).await?;

    // The state just before the restore is a checkpoint: restoring it undoes the restore.
    let undo = answer["undo_checkpoint"].as_str().unwrap().to_string();
    let list = checkpoints(&server, &board).await?;
    assert_eq!(
        (list[0]["id"].as_str(), list[0]["reason"].as_str()),
        (Some(undo.as_str()), Some("before-restore"))
    );
    assert_eq!(
        list[0]["summary"]["stickies"]["removed"], 8,
        "summary since the previous checkpoint"
    );
    restore(&server, &board, &undo, None).await?;
    bob.until(|p| p.board().stickies.is_empty()).await?;
    alice.until(|p| p.board().stickies.is_empty()).await?;

    // Everything survives a restart.
    drop((alice, bob));
    server.stop().await?;
    let server = TestServer::start(url, &[]).await?;
    let bob = Peer::join(server.addr, &board).await?;
    assert!(bob.board().stickies.is_empty());
    assert!(checkpoints(&server, &board).await?.len() >= 4);
    server.stop().await
}

async fn an_edit_during_a_restore_survives(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("Concurrent").await?;
    let mut alice = Peer::join(server.addr, &board).await?;
    let mut bob = Peer::join(server.addr, &board).await?;
    let full = fill(&mut alice, 3).await?;
    bob.until(|p| p.board() == full).await?;
    let cp = named(&server, &board, "three").await?;
    alice
        .edit(|r, t| {
            doc::move_sticky(r, t, "s0", 900.0, 900.0);
            doc::remove_sticky(r, t, "s2");
        })
        .await?;
    settle(&mut alice).await?;
    bob.until(|p| p.board().sticky("s2").is_none()).await?;

    // Bob types and adds a sticky while the restore runs: his edit is made on the board
    // without the restore and reaches the server after it.
    let cid = cp["id"].as_str().unwrap().to_string();
    let s9 = sticky("s9", 0.0);
    let concurrent = {
        let mut txn = bob.doc.transact_mut();
        doc::set_sticky_text(&bob.roots, &mut txn, "s1", "s1 typed by Bob");
        doc::put_sticky(&bob.roots, &mut txn, &s9);
        txn.encode_update_v1()
    };
    restore(&server, &board, &cid, None).await?;
    bob.send_raw(protocol::update(concurrent)).await?;
    settle(&mut bob).await?;
    let converged = |p: &Peer| {
        let b = p.board();
        b.sticky("s2").is_some()
            && b.sticky("s9").is_some()
            && b.sticky("s0").is_some_and(|s| s.x == 0.0)
    };
    alice.until(&converged).await?;
    bob.until(&converged).await?;
    let (a, b) = (alice.board(), bob.board());
    assert_eq!(a, b);
    assert_eq!(a.sticky("s1").unwrap().text, "s1 typed by Bob");
    server.stop().await
}

async fn one_sticky_back_from_the_trash(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("Trash").await?;
    let mut alice = Peer::join(server.addr, &board).await?;
    let mut bob = Peer::join(server.addr, &board).await?;
    fill(&mut alice, 3).await?;
    let cp = named(&server, &board, "before").await?;
    alice.edit(|r, t| doc::remove_sticky(r, t, "s0")).await?;
    settle(&mut alice).await?;
    let trash = format!("/api/boards/{board}/trash");
    let (status, body) = call(&server, Method::GET, &trash, Some("viewer"), None).await?;
    assert_eq!(status, StatusCode::OK, "{body}");
    let items = body["items"].as_array().unwrap();
    let ids: Vec<(&str, &str)> = items
        .iter()
        .map(|i| (i["kind"].as_str().unwrap(), i["id"].as_str().unwrap()))
        .collect();
    assert_eq!(ids, [("link", "l01"), ("sticky", "s0")]);
    assert_eq!(items[1]["label"], "s0 주문됨");
    assert_eq!(items[1]["checkpoint"], cp["id"]);

    let (status, body) = call(
        &server,
        Method::POST,
        &format!("{trash}/s0/restore"),
        Some("participant"),
        None,
    )
    .await?;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["restored"]["stickies"]["added"], 1);
    assert_eq!(
        body["restored"]["links"]["added"], 1,
        "its link comes back with it"
    );
    bob.until(|p| p.board().sticky("s0").is_some() && p.board().links.len() == 1)
        .await?;
    let (_, body) = call(&server, Method::GET, &trash, Some("viewer"), None).await?;
    assert_eq!(body["items"], json!([]));
    let (status, body) = call(
        &server,
        Method::POST,
        &format!("{trash}/s0/restore"),
        Some("participant"),
        None,
    )
    .await?;
    assert_eq!(
        (status, body),
        (
            StatusCode::NOT_FOUND,
            json!({"error": "no such item in the trash"})
        )
    );

    // One sticky restored from a checkpoint: its text comes back, the others keep theirs.
    alice
        .edit(|r, t| {
            doc::set_sticky_text(r, t, "s1", "s1 rewritten");
            doc::set_sticky_text(r, t, "s2", "s2 kept");
        })
        .await?;
    settle(&mut alice).await?;
    let cid = cp["id"].as_str().unwrap();
    let body = restore(
        &server,
        &board,
        cid,
        Some(json!({"items": ["s1"], "by": "Bob"})),
    )
    .await?;
    assert_eq!(body["restored"]["stickies"]["changed"], 1);
    let back = |p: &Peer| {
        let b = p.board();
        b.sticky("s1").is_some_and(|s| s.text == "s1 주문됨")
            && b.sticky("s2").is_some_and(|s| s.text == "s2 kept")
    };
    bob.until(back).await?;
    let list = checkpoints(&server, &board).await?;
    assert_eq!(
        (list[0]["reason"].as_str(), list[0]["by"].as_str()),
        (Some("before-restore"), Some("Bob"))
    );
    server.stop().await
}

async fn retention_thins_automatic_checkpoints_and_keeps_named(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("Retention").await?;
    let mut alice = Peer::join(server.addr, &board).await?;
    fill(&mut alice, 2).await?;
    // Checkpoints from the past, written straight into storage.
    let store = Store::connect(url).await?;
    let day = 24 * 3_600_000;
    let now = now_ms();
    let old = |reason, name: Option<&str>, age: i64| {
        let mut c = Checkpoint::new(reason, name.map(Into::into), None, 2);
        c.created_at = now - age;
        c
    };
    let hour_start = (now - 3 * day).div_euclid(3_600_000) * 3_600_000;
    let past = [
        old(Reason::Activity, None, 100 * day),
        old(Reason::Named, Some("kick-off"), 100 * day),
        old(Reason::Daily, None, 40 * day),
        Checkpoint {
            created_at: hour_start + 60_000,
            ..old(Reason::Activity, None, 0)
        },
        Checkpoint {
            created_at: hour_start + 120_000,
            ..old(Reason::Activity, None, 0)
        },
        old(Reason::Activity, None, 3_600_000),
    ];
    for c in &past {
        history::store::insert(&store, &board, c, &[0, 0]).await?;
    }
    store.close().await;
    // Storing a new checkpoint applies the policy.
    named(&server, &board, "now").await?;
    let left: Vec<String> = checkpoints(&server, &board)
        .await?
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    let kept = |i: usize| left.contains(&past[i].id);
    assert!(!kept(0), "older than 90 days");
    assert!(kept(1), "named ones stay");
    assert!(kept(2), "one a day within 90 days");
    assert!(!kept(3) && kept(4), "one an hour within 7 days: the newer");
    assert!(kept(5), "all within 24 hours");
    server.stop().await
}

on_both_databases!(
    wipe_restore_and_undo,
    an_edit_during_a_restore_survives,
    one_sticky_back_from_the_trash,
    retention_thins_automatic_checkpoints_and_keeps_named,
);
