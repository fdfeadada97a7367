//! History scenarios of the load generator (Stormwall only: they use its REST API).
//! S10: restore of a 5 MB board, timed until a second client holds the restored board.
//! S11: what checkpoints cost: bytes per checkpoint and per 1,000 edits of a workshop board.

use std::time::Duration;

use serde_json::{json, Value};
use stormwall_model::{doc, Sticky, StickyKind};
use stormwall_tests::history::settle;
use tokio::time::Instant;

use super::{board, emit, join, preload, Args};

/// A REST call on `link` (`{id}?key={key}`): `tail` after `/api/boards/{id}`.
async fn rest(http: &str, link: &str, tail: &str, body: Option<Value>) -> anyhow::Result<Value> {
    let (id, key) = link.split_once("?key=").unwrap_or((link, ""));
    let url = format!("{http}/api/boards/{id}{tail}");
    let req = match body {
        Some(b) => reqwest::Client::new().post(url).json(&b),
        None => reqwest::Client::new().get(url),
    };
    let resp = req.bearer_auth(key).send().await?;
    anyhow::ensure!(resp.status().is_success(), "{tail}: {}", resp.status());
    Ok(resp.json().await?)
}

/// S10: a 5 MB board is wiped, then restored from a checkpoint.
pub async fn s10_restore(args: &Args, http: &str) -> anyhow::Result<()> {
    let b = board(args, "s10").await?;
    let size = preload(args, &b, 5 << 20).await?;
    let mut writer = join(args, &b).await?;
    let mut reader = join(args, &b).await?;
    let n = reader.board().stickies.len();
    let t = Instant::now();
    let cp = rest(http, &b, "/checkpoints", Some(json!({ "name": "full" }))).await?;
    let checkpoint_ms = t.elapsed().as_secs_f64() * 1000.0;
    let ids: Vec<String> = writer.board().stickies.into_iter().map(|s| s.id).collect();
    writer
        .edit(|r, t| ids.iter().for_each(|id| doc::remove_sticky(r, t, id)))
        .await?;
    settle(&mut writer).await?;
    reader.until(|p| p.board().stickies.is_empty()).await?;
    // The second client reads while the request runs: the answer waits for the checkpoint of
    // the state before the restore to be stored, the clients do not.
    let t = Instant::now();
    let cid = cp["id"].as_str().unwrap_or_default();
    let path = format!("/checkpoints/{cid}/restore");
    let (answered, converged) = tokio::join!(
        async {
            rest(http, &b, &path, Some(json!({}))).await?;
            anyhow::Ok(t.elapsed().as_secs_f64() * 1000.0)
        },
        async {
            reader.until(|p| p.board().stickies.len() == n).await?;
            anyhow::Ok(t.elapsed().as_secs_f64() * 1000.0)
        }
    );
    let (answered, converged) = (answered?, converged?);
    emit(
        args,
        "S10 restore of a 5 MB board, until a second client converged",
        json!({ "board_bytes": size, "stickies": n, "checkpoint_bytes": cp["bytes"], "checkpoint_ms": checkpoint_ms, "rest_ms": answered, "converged_ms": converged }),
    );
    Ok(())
}

/// S11: 1,000 edits build a 200-sticky board (create, type, move); what checkpoints cost.
pub async fn s11_checkpoint_cost(args: &Args, http: &str) -> anyhow::Result<()> {
    let b = board(args, "s11").await?;
    let mut p = join(args, &b).await?;
    for i in 0..200 {
        let s = Sticky::new(
            &format!("s{i}"),
            StickyKind::DomainEvent,
            "주문",
            (i % 20) as f64 * 140.0,
            (i / 20) as f64 * 140.0,
        );
        p.edit(|r, t| doc::put_sticky(r, t, &s)).await?;
    }
    for i in 0..600 {
        let id = format!("s{}", i % 200);
        let text = format!("주문 {} Order placed", "x".repeat(i / 200));
        p.edit(|r, t| _ = doc::set_sticky_text(r, t, &id, &text))
            .await?;
    }
    for i in 0..200 {
        let id = format!("s{i}");
        p.edit(|r, t| _ = doc::move_sticky(r, t, &id, i as f64 * 3.0, 900.0))
            .await?;
    }
    settle(&mut p).await?;
    p.pump(Duration::from_millis(200)).await?;
    let made = rest(http, &b, "/checkpoints", None).await?;
    let made = made["checkpoints"].as_array().cloned().unwrap_or_default();
    let made_bytes: u64 = made.iter().filter_map(|c| c["bytes"].as_u64()).sum();
    let last = rest(http, &b, "/checkpoints", Some(json!({ "name": "end" }))).await?;
    let per = last["bytes"].as_f64().unwrap_or(f64::NAN);
    emit(
        args,
        "S11 checkpoint cost, 1,000 edits building a 200-sticky board",
        json!({
            "edits": 1000,
            "checkpoint_bytes": per,
            "automatic_during_burst": made.len(),
            "automatic_bytes_during_burst": made_bytes,
            // At one edit a second an automatic checkpoint follows every 300 edits (5 min).
            "bytes_per_1000_edits_at_1_per_s": per * 1000.0 / 300.0,
        }),
    );
    Ok(())
}
