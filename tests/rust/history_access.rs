//! Every history route follows the roles, on SQLite and PostgreSQL: viewers read, participants
//! restore while the board is unlocked, facilitators name and delete; exports and states are the
//! board at the checkpoint; errors are clear sentences.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use stormwall_server::history;
use stormwall_tests::history::{call, fill, named};
use stormwall_tests::server::key;
use stormwall_tests::{on_both_databases, Peer, TestServer};

async fn every_route_follows_the_roles(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("Roles").await?;
    let mut alice = Peer::join(server.addr, &board).await?;
    let full = fill(&mut alice, 2).await?;
    let cid = named(&server, &board, "one").await?["id"]
        .as_str()
        .unwrap()
        .to_string();
    let cp = format!("/api/boards/{board}/checkpoints");
    let status = |r: (StatusCode, Value)| r.0.as_u16();
    // Who: (read, restore, name, delete an unknown checkpoint).
    for (role, read, restore_s, name_s, delete) in [
        (None, 404, 404, 404, 404),
        (Some("viewer"), 200, 403, 403, 403),
        (Some("participant"), 200, 200, 403, 403),
        (Some("facilitator"), 200, 200, 201, 404),
    ] {
        assert_eq!(
            status(call(&server, Method::GET, &cp, role, None).await?),
            read,
            "{role:?}"
        );
        assert_eq!(
            status(
                call(
                    &server,
                    Method::GET,
                    &format!("{cp}/{cid}/export"),
                    role,
                    None
                )
                .await?
            ),
            read
        );
        assert_eq!(
            status(
                call(
                    &server,
                    Method::GET,
                    &format!("/api/boards/{board}/trash"),
                    role,
                    None
                )
                .await?
            ),
            read
        );
        assert_eq!(
            status(
                call(
                    &server,
                    Method::POST,
                    &format!("{cp}/{cid}/restore"),
                    role,
                    None
                )
                .await?
            ),
            restore_s,
            "{role:?}"
        );
        assert_eq!(
            status(call(&server, Method::POST, &cp, role, Some(json!({"name": "x"}))).await?),
            name_s,
            "{role:?}"
        );
        let unknown = format!("{cp}/{}", "0".repeat(32));
        assert_eq!(
            status(call(&server, Method::DELETE, &unknown, role, None).await?),
            delete,
            "{role:?}"
        );
    }
    // A locked board: participants no longer restore.
    let (s, _) = call(
        &server,
        Method::PATCH,
        &format!("/api/boards/{board}"),
        Some("facilitator"),
        Some(json!({"locked": true})),
    )
    .await?;
    assert_eq!(s, StatusCode::OK);
    let (s, body) = call(
        &server,
        Method::POST,
        &format!("{cp}/{cid}/restore"),
        Some("participant"),
        None,
    )
    .await?;
    assert_eq!(s, StatusCode::FORBIDDEN, "{body}");

    // The export is the board at that checkpoint; the state decodes into it.
    let (s, body) = call(
        &server,
        Method::GET,
        &format!("{cp}/{cid}/export"),
        Some("viewer"),
        None,
    )
    .await?;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        body["board"]["stickies"].as_array().map(Vec::len),
        Some(full.stickies.len()),
        "{body}"
    );
    let state = reqwest::Client::new()
        .get(format!("{}{cp}/{cid}/state", server.http()))
        .bearer_auth(key(&board, "viewer").unwrap())
        .send()
        .await?;
    assert_eq!(state.headers()["content-type"], "application/octet-stream");
    let board_then = history::decode_board(&state.bytes().await?);
    assert_eq!(board_then.stickies, full.stickies);

    // Clear errors.
    let bad = [
        (
            format!("{cp}/nope/restore"),
            json!({}),
            404,
            "no such checkpoint",
        ),
        (format!("{cp}/{cid}/restore"), json!({"items": []}), 400, ""),
        (
            format!("{cp}/{cid}/restore"),
            json!({"whole": true}),
            400,
            "",
        ),
        (
            cp.clone(),
            json!({"name": "  "}),
            400,
            "a checkpoint name has 1 to 200 characters",
        ),
        (
            cp.clone(),
            json!({"name": "x".repeat(201)}),
            400,
            "a checkpoint name has 1 to 200 characters",
        ),
    ];
    for (path, body, code, error) in bad {
        let (s, answer) = call(
            &server,
            Method::POST,
            &path,
            Some("facilitator"),
            Some(body),
        )
        .await?;
        assert_eq!(s.as_u16(), code, "{path}: {answer}");
        assert!(
            answer["error"].as_str().is_some_and(|e| e.contains(error)),
            "{answer}"
        );
    }
    let (s, _) = call(
        &server,
        Method::DELETE,
        &format!("{cp}/{cid}"),
        Some("facilitator"),
        None,
    )
    .await?;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = call(
        &server,
        Method::GET,
        &format!("{cp}/{cid}/export"),
        Some("facilitator"),
        None,
    )
    .await?;
    assert_eq!(s, StatusCode::NOT_FOUND);
    drop(alice);
    server.stop().await
}

on_both_databases!(every_route_follows_the_roles);
