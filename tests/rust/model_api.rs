//! The model's REST surface over a real server, on SQLite and PostgreSQL: export → import
//! round trip, rejected imports that write nothing, analysis and coverage of the reference
//! boards, the requirement-set catalogue, example boards and body limits.

use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use stormwall_model::reference::{food_delivery_first, food_delivery_revised};
use stormwall_model::requirements::food_delivery;
use stormwall_model::{doc, export, RequirementSet, Sticky, StickyKind};
use stormwall_tests::server::{key_for_path, postgres_url, remember, sqlite_url};
use stormwall_tests::{Peer, TestServer};

/// Runs `scenario` against a fresh SQLite database and, when available, PostgreSQL.
macro_rules! on_both_databases {
    ($scenario:ident, $sqlite:ident, $postgres:ident) => {
        #[tokio::test]
        async fn $sqlite() -> anyhow::Result<()> {
            let (_dir, url) = sqlite_url();
            $scenario(&url).await
        }

        #[tokio::test]
        async fn $postgres() -> anyhow::Result<()> {
            match postgres_url() {
                Some(url) => $scenario(&url).await,
                None => Ok(()),
            }
        }
    };
}

on_both_databases!(round_trip, sqlite_round_trip, postgres_round_trip);
on_both_databases!(bad_imports, sqlite_bad_imports, postgres_bad_imports);
on_both_databases!(
    reference_models,
    sqlite_reference_models,
    postgres_reference_models
);
on_both_databases!(
    requirement_sets,
    sqlite_requirement_sets,
    postgres_requirement_sets
);

/// Creates a board from a built-in example and returns its id.
async fn example(server: &TestServer, model: &str) -> anyhow::Result<String> {
    let resp = Client::new()
        .post(format!(
            "{}/api/examples/food-delivery?model={model}",
            server.http()
        ))
        .send()
        .await?;
    assert_eq!(resp.status(), StatusCode::CREATED);
    Ok(remember(&resp.json().await?))
}

/// GETs `path`, with the facilitator's key of the board it names.
async fn get(server: &TestServer, path: &str) -> anyhow::Result<(StatusCode, String)> {
    let mut req = Client::new().get(format!("{}{path}", server.http()));
    if let Some(key) = key_for_path(path) {
        req = req.bearer_auth(key);
    }
    let resp = req.send().await?;
    Ok((resp.status(), resp.text().await?))
}

async fn post(
    server: &TestServer,
    path: &str,
    body: String,
) -> anyhow::Result<(StatusCode, Value)> {
    let resp = Client::new()
        .post(format!("{}{path}", server.http()))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await?;
    Ok((resp.status(), resp.json().await?))
}

/// Every stored board's name, as the operator lists them.
async fn board_names(server: &TestServer) -> anyhow::Result<Vec<String>> {
    let store = stormwall_server::store::Store::connect(&server.database_url).await?;
    let list = stormwall_server::access::keys::list(&store).await?;
    store.close().await;
    Ok(list.into_iter().map(|b| b.info.name).collect())
}

async fn round_trip(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let first = example(&server, "first").await?;
    let (status, exported) = get(&server, &format!("/api/boards/{first}/export")).await?;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(exported, export::to_json(&food_delivery_first()));

    // The export reads the live document: an edit shows up at once.
    let mut peer = Peer::join(server.addr, &first).await?;
    let s = Sticky {
        id: "zz-live".into(),
        kind: StickyKind::Hotspot,
        text: "배달 지연?".into(),
        ..Sticky::default()
    };
    peer.edit(|r, t| doc::put_sticky(r, t, &s)).await?;
    let (_, live) = get(&server, &format!("/api/boards/{first}/export")).await?;
    let mut expected = food_delivery_first();
    expected.stickies.push(s);
    assert_eq!(live, export::to_json(&expected));

    // Import creates a new board named after the exported one; its export is byte-identical.
    let (status, created) = post(&server, "/api/boards/import", live.clone()).await?;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let copy = remember(&created);
    assert_ne!(copy, first);
    assert_eq!(created["name"], expected.name.as_str());
    let (_, again) = get(&server, &format!("/api/boards/{copy}/export")).await?;
    assert_eq!(again, live);
    let mut peer2 = Peer::join(server.addr, &copy).await?;
    assert_eq!(peer2.board(), expected);

    // The imported board and edits made after the import survive a restart.
    let later = Sticky {
        id: "zz-later".into(),
        kind: StickyKind::Definition,
        text: "Refund?".into(),
        ..Sticky::default()
    };
    peer2.edit(|r, t| doc::put_sticky(r, t, &later)).await?;
    peer2
        .send_raw(stormwall_model::protocol::sync_status(b"saved?"))
        .await?;
    peer2.until(|p| !p.acks.is_empty()).await?;
    expected.stickies.push(later);
    drop((peer, peer2));
    server.stop().await?;
    let server = TestServer::start(url, &[]).await?;
    let (_, after) = get(&server, &format!("/api/boards/{copy}/export")).await?;
    assert_eq!(after, export::to_json(&expected));

    let (status, cml) = get(&server, &format!("/api/boards/{copy}/export.cml")).await?;
    assert_eq!(status, StatusCode::OK);
    assert!(cml.contains("ContextMap"), "{cml}");
    for path in [
        "export",
        "export.cml",
        "analysis",
        "coverage?set=food-delivery",
    ] {
        let (status, body) = get(&server, &format!("/api/boards/nope/{path}")).await?;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        let body: Value = serde_json::from_str(&body)?;
        assert_eq!(body["error"], "no such board");
    }
    server.stop().await
}

async fn bad_imports(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let name = format!("Broken import {}", std::process::id());
    let mut board = food_delivery_revised();
    board.name = name.clone();
    let mut v: Value = serde_json::from_str(&export::to_json(&board))?;
    v["board"]["links"][3]["to"] = json!("no-such-sticky");
    let (status, body) = post(&server, "/api/boards/import", v.to_string()).await?;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["path"], "$.board.links[3].to");
    assert!(body["reason"].as_str().unwrap().contains("no-such-sticky"));
    assert!(body["error"].as_str().is_some());

    let mut v: Value = serde_json::from_str(&export::to_json(&board))?;
    v["board"]["stickies"][0]["kind"] = json!("banana");
    let (status, body) = post(&server, "/api/boards/import", v.to_string()).await?;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["path"], "$.board.stickies[0].kind");

    let (status, body) = post(&server, "/api/boards/import", "{\"format\":".into()).await?;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["path"].is_string() && body["reason"].is_string(),
        "{body}"
    );
    assert!(!board_names(&server).await?.contains(&name));

    // Bodies over the 16 MB limit are refused with a JSON error.
    let huge = format!("\"{}\"", "x".repeat(17 * 1024 * 1024));
    let (status, body) = post(&server, "/api/boards/import", huge).await?;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(body["error"].is_string());

    let (status, _) = post(
        &server,
        "/api/examples/food-delivery?model=third",
        String::new(),
    )
    .await?;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = post(&server, "/api/examples/pizza?model=first", String::new()).await?;
    assert_eq!(status, StatusCode::NOT_FOUND);
    server.stop().await
}

/// Ids of the requirements that are (not) ok in a coverage answer.
fn split_ok(coverage: &Value) -> (Vec<String>, Vec<String>) {
    let mut ok = Vec::new();
    let mut not_ok = Vec::new();
    for r in coverage["requirements"].as_array().unwrap() {
        let id = r["id"].as_str().unwrap().to_string();
        if r["status"] == "ok" {
            ok.push(id);
        } else {
            not_ok.push(id);
        }
    }
    (ok, not_ok)
}

fn functional(ids: &[String]) -> Vec<&str> {
    ids.iter()
        .map(String::as_str)
        .filter(|i| i.starts_with("FR"))
        .collect()
}

async fn reference_models(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let (_, list) = get(&server, "/api/examples").await?;
    assert!(list.contains("revised"), "{list}");
    for (model, not_ok) in [("first", vec!["FR6", "FR8"]), ("revised", vec![])] {
        let id = example(&server, model).await?;
        let (status, analysis) = get(&server, &format!("/api/boards/{id}/analysis")).await?;
        assert_eq!(status, StatusCode::OK);
        let analysis: Value = serde_json::from_str(&analysis)?;
        assert_eq!(analysis["summary"]["errors"], 0);
        assert!(analysis["lint"].is_array());
        assert!(analysis["contexts"].is_object());
        assert!(analysis["context_map"].is_object());
        let (_, fr_not_ok) = split_ok(&analysis["coverage"][0]);
        assert_eq!(functional(&fr_not_ok), not_ok, "{model} (board's set)");
        // Every verdict carries its evidence: the chain with the words each step matched,
        // and for a requirement not ok, the absent step.
        for r in analysis["coverage"][0]["requirements"].as_array().unwrap() {
            let id = r["id"].as_str().unwrap();
            if !id.starts_with("FR") {
                continue;
            }
            let chain = r["evidence"]["chain"].as_array().unwrap();
            assert!(!chain.is_empty(), "{model} {id}: {r}");
            assert!(
                chain
                    .iter()
                    .any(|s| !s["matched"].as_array().unwrap().is_empty()),
                "{model} {id}: {r}"
            );
            assert_eq!(
                r["status"] != "ok",
                r["evidence"]["absent"].is_object(),
                "{r}"
            );
        }
        if model == "first" {
            let fr6 = &analysis["coverage"][0]["requirements"][5];
            assert_eq!(fr6["evidence"]["absent"]["kind"], "policy", "{fr6}");
            assert_eq!(fr6["evidence"]["chain"][0]["text"], "주문취소됨");
        }
        assert!(
            analysis.get("derived_context_map").is_none(),
            "frames are drawn"
        );

        let (status, cov) = get(
            &server,
            &format!("/api/boards/{id}/coverage?set=food-delivery"),
        )
        .await?;
        assert_eq!(status, StatusCode::OK);
        let cov: Value = serde_json::from_str(&cov)?;
        assert_eq!(
            cov["requirements"][0]["evidence"]["chain"][1]["kind"],
            "command"
        );
        let (ok, open) = split_ok(&cov);
        assert_eq!(functional(&open), not_ok, "{model}");
        let expected_ok: Vec<&str> = ["FR1", "FR2", "FR3", "FR4", "FR5", "FR6", "FR7", "FR8"]
            .into_iter()
            .filter(|f| !not_ok.contains(f))
            .collect();
        assert_eq!(functional(&ok), expected_ok, "{model}");
        if model == "revised" {
            assert!(open.is_empty(), "revised model: {open:?}");
        }
        let (status, _) = get(&server, &format!("/api/boards/{id}/coverage?set=nope")).await?;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = get(&server, &format!("/api/boards/{id}/coverage")).await?;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
    // Without frames, the map is derived from the proposed contexts.
    let mut bare = food_delivery_first();
    bare.frames.clear();
    bare.relations.clear();
    let (status, created) = post(&server, "/api/boards/import", export::to_json(&bare)).await?;
    assert_eq!(status, StatusCode::CREATED);
    let id = &remember(&created);
    let (_, analysis) = get(&server, &format!("/api/boards/{id}/analysis")).await?;
    let analysis: Value = serde_json::from_str(&analysis)?;
    let proposals = analysis["contexts"]["proposals"].as_array().unwrap().len();
    let derived = &analysis["derived_context_map"];
    assert_eq!(
        derived["nodes"].as_array().unwrap().len(),
        proposals,
        "{derived}"
    );
    assert!(
        !derived["relations"].as_array().unwrap().is_empty(),
        "{derived}"
    );
    assert!(derived["edges"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["style"] == "publish_subscribe" && e["from"].is_string()));
    server.stop().await
}

async fn requirement_sets(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let (status, body) = post(
        &server,
        "/api/requirement-sets",
        r#"{"id":"x","requirements":[{"id":"a","text":"t"},{"id":"a","text":"u"}]}"#.into(),
    )
    .await?;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["path"], "$.requirements[1].id");
    // A requirement longer than a requirement can be is refused with its path.
    let long = "주".repeat(stormwall_model::requirements::MAX_TEXT_CHARS + 1);
    let (status, body) = post(
        &server,
        "/api/requirement-sets",
        format!(r#"{{"id":"long","requirements":[{{"id":"a","text":"{long}"}}]}}"#),
    )
    .await?;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["path"], "$.requirements[0].text");
    let (status, _) = post(&server, "/api/requirement-sets", food_delivery().to_json()).await?;
    assert_eq!(status, StatusCode::CONFLICT);

    // A team's own set: two of the workshop's requirements.
    let mut team = food_delivery();
    team.id = "team-orders".into();
    team.name = "Team orders".into();
    team.requirements.retain(|r| r.id == "FR1" || r.id == "FR6");
    let (status, body) = post(&server, "/api/requirement-sets", team.to_json()).await?;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["id"], "team-orders");

    // The same set again is harmless; another set under the same id never replaces it.
    let (status, _) = post(&server, "/api/requirement-sets", team.to_json()).await?;
    assert_eq!(status, StatusCode::CREATED);
    let mut other = team.clone();
    other.requirements.truncate(1);
    let (status, body) = post(&server, "/api/requirement-sets", other.to_json()).await?;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body["error"].as_str().unwrap().contains("new id"));

    let (_, list) = get(&server, "/api/requirement-sets").await?;
    let list: Vec<Value> = serde_json::from_str(&list)?;
    assert_eq!(list[0]["id"], "food-delivery");
    assert_eq!(list[0]["builtin"], true);
    let stored = list.iter().find(|s| s["id"] == "team-orders").unwrap();
    assert_eq!(stored["builtin"], false);
    let back: RequirementSet = serde_json::from_value(json!({
        "id": stored["id"], "name": stored["name"], "requirements": stored["requirements"],
    }))?;
    assert_eq!(back, team);

    let first = example(&server, "first").await?;
    let (status, cov) = get(
        &server,
        &format!("/api/boards/{first}/coverage?set=team-orders"),
    )
    .await?;
    assert_eq!(status, StatusCode::OK);
    let cov: Value = serde_json::from_str(&cov)?;
    assert_eq!(cov["set"], "team-orders");
    assert_eq!(split_ok(&cov), (vec!["FR1".into()], vec!["FR6".into()]));
    server.stop().await
}
