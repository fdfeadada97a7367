//! Hotspot statuses, comments, swimlanes and pivotal events written by a stock Yjs client
//! straight into the documented roots (`docs/board-schema.md`, no Stormwall code): a second
//! client sees them, the export carries them, an import of that export exports the same
//! bytes, the analysis runs the timeline lint on them, and what a hostile client writes comes
//! back bounded.

use reqwest::{Method, StatusCode};
use serde_json::Value;
use stormwall_model::{doc, export, Sticky, StickyKind};
use stormwall_tests::server::{remember, sqlite_url};
use stormwall_tests::{Peer, TestServer};
use yrs::{Map, MapPrelim};

fn comment(sticky: &str, author: &str, at: f64, text: &str) -> MapPrelim {
    MapPrelim::from([
        ("sticky", yrs::In::from(sticky)),
        ("author", yrs::In::from(author)),
        ("authorKey", yrs::In::from(format!("key-{author}"))),
        ("at", yrs::In::from(at)),
        ("text", yrs::In::from(text)),
    ])
}

#[tokio::test]
async fn workshop_state_from_a_stock_client_round_trips_through_server_and_export(
) -> anyhow::Result<()> {
    let (_dir, url) = sqlite_url();
    let server = TestServer::start(&url, &[]).await?;
    let board = server.create_board("Workshop").await?;
    let mut a = Peer::join(server.addr, &board).await?;
    let paid = Sticky::new("paid", StickyKind::DomainEvent, "결제됨", 600.0, 0.0);
    let pay = Sticky::new("pay", StickyKind::Command, "Pay", 800.0, 0.0);
    let q = Sticky::new("q", StickyKind::Hotspot, "Which PG?", 600.0, 300.0);
    a.edit(|r, t| {
        for s in [&paid, &pay, &q] {
            doc::put_sticky(r, t, s);
        }
        // pay → paid runs right to left: backwards on a timeline.
        doc::put_link(r, t, &stormwall_model::Link::new("l1", "pay", "paid"));
    })
    .await?;
    // The stock client's part: plain maps in the documented roots.
    let hotspots = a.doc.get_or_insert_map("hotspots");
    let comments = a.doc.get_or_insert_map("comments");
    let lanes = a.doc.get_or_insert_map("lanes");
    let pivotal = a.doc.get_or_insert_map("pivotal");
    a.edit(|_, t| {
        hotspots.insert(t, "q", "discussed");
        comments.insert(
            t,
            "c1",
            comment("q", "지민", 1_764_600_000_000.0, "PG사는 어디? مرحبا"),
        );
        comments.insert(
            t,
            "c2",
            comment("q", "Ana", 1_764_600_100_000.0, "Toss or KG?"),
        );
        let hostile = "가".repeat(1_000_000);
        comments.insert(t, "c3", comment("q", "Mallory", 1.0, &hostile));
        lanes.insert(
            t,
            "lane1",
            MapPrelim::from([
                ("name", yrs::In::from("Customer · 고객")),
                ("y", yrs::In::from(-40.0)),
                ("h", yrs::In::from(200.0)),
            ]),
        );
        pivotal.insert(t, "paid", true);
    })
    .await?;

    let mut b = Peer::join(server.addr, &board).await?;
    b.until(|p| p.board().comments.len() == 3).await?;
    let mut seen = b.board();
    assert_eq!(seen.hotspots["q"].as_str(), "discussed");
    assert_eq!(seen.lanes[0].name, "Customer · 고객");
    assert_eq!(seen.pivotal, ["paid"]);
    let long = seen.comments.iter().find(|c| c.id == "c3").unwrap();
    assert_eq!(
        long.text.chars().count(),
        stormwall_model::comments::MAX_CHARS
    );

    let path = format!("/api/boards/{board}/export");
    let resp = server.request(Method::GET, &path).send().await?;
    assert_eq!(resp.status(), StatusCode::OK);
    let exported = resp.text().await?;
    // The export names the board as the server lists it.
    seen.name = "Workshop".into();
    assert!(
        exported == export::to_json(&seen),
        "the export is the live board"
    );
    let json: Value = serde_json::from_str(&exported)?;
    assert_eq!(json["board"]["comments"][0]["author"], "지민");
    assert_eq!(json["board"]["hotspots"]["q"], "discussed");

    let resp = server
        .request(Method::POST, "/api/boards/import")
        .header("content-type", "application/json")
        .body(exported.clone())
        .send()
        .await?;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let copy = remember(&resp.json().await?);
    let again = server
        .request(Method::GET, &format!("/api/boards/{copy}/export"))
        .send()
        .await?
        .text()
        .await?;
    assert!(again == exported, "the import exports the same bytes");

    let analysis: Value = server
        .request(Method::GET, &format!("/api/boards/{board}/analysis"))
        .send()
        .await?
        .json()
        .await?;
    let rules: Vec<&str> = analysis["lint"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(rules.contains(&"link_backward_in_time"), "{rules:?}");

    // A comment on a sticky the file does not hold is refused with its path.
    let bad = exported.replace("\"sticky\": \"q\"", "\"sticky\": \"ghost\"");
    let resp = server
        .request(Method::POST, "/api/boards/import")
        .header("content-type", "application/json")
        .body(bad)
        .send()
        .await?;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let err: Value = resp.json().await?;
    assert_eq!(err["path"], "$.board.comments[0].sticky");
    drop((a, b));
    server.stop().await
}
