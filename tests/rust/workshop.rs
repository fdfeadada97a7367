//! The workshop controls over real WebSockets: only facilitators change the phase (the server
//! refuses a participant with a reason); a participant receives no frame that tells anything
//! about other people's votes until the round closes, then the ranked results arrive as part
//! of the board; the timer is the same after a reconnect and after a restart; garbage and
//! floods of workshop messages are answered, never fatal.

use std::time::Duration;

use stormwall_model::protocol::{self, Incoming};
use stormwall_model::workshop::{Command, Phase, StateView, VoteResult};
use stormwall_model::{doc, Sticky, StickyKind};
use stormwall_tests::server::{key, postgres_url, sqlite_url};
use stormwall_tests::{Peer, TestServer};

const QUIET: Duration = Duration::from_millis(300);

async fn as_role(
    server: &TestServer,
    board: &str,
    role: &str,
    voter: &str,
) -> anyhow::Result<Peer> {
    let k = key(board, role).expect("the test created the board");
    let mut p = Peer::join(server.addr, &format!("{board}?key={k}")).await?;
    p.workshop(&Command::Hello {
        voter: voter.into(),
    })
    .await?;
    p.until(|p| !p.workshop.is_empty()).await?;
    Ok(p)
}

fn last(p: &Peer) -> &StateView {
    p.workshop.last().expect("a workshop state")
}

#[tokio::test]
async fn only_a_facilitator_moves_the_phase() -> anyhow::Result<()> {
    let (_dir, url) = sqlite_url();
    let server = TestServer::start(&url, &[]).await?;
    let board = server.create_board("Workshop").await?;
    let mut f = as_role(&server, &board, "facilitator", "f").await?;
    let mut p = as_role(&server, &board, "participant", "p").await?;
    let mut v = as_role(&server, &board, "viewer", "v").await?;
    assert_eq!(last(&p).phase, None);

    p.workshop(&Command::Phase {
        phase: Some(Phase::Aggregates),
    })
    .await?;
    p.until(|p| last(p).refused.is_some()).await?;
    assert!(last(&p)
        .refused
        .as_deref()
        .unwrap()
        .contains("only a facilitator"));
    assert_eq!(last(&p).phase, None);
    v.workshop(&Command::TimerStart { ms: 60_000 }).await?;
    v.until(|p| last(p).refused.is_some()).await?;
    f.pump(QUIET).await?;
    assert_eq!(last(&f).phase, None, "the refused control changed nothing");
    assert_eq!(last(&f).timer, None);

    f.workshop(&Command::Phase {
        phase: Some(Phase::EnforceTimeline),
    })
    .await?;
    for peer in [&mut f, &mut p, &mut v] {
        peer.until(|p| last(p).phase == Some(Phase::EnforceTimeline))
            .await?;
    }
    server.stop().await
}

#[tokio::test]
async fn nobody_hears_of_other_votes_until_the_round_closes() -> anyhow::Result<()> {
    let (_dir, url) = sqlite_url();
    let server = TestServer::start(&url, &[]).await?;
    let board = server.create_board("Vote").await?;
    let mut f = as_role(&server, &board, "facilitator", "fac-secret-voter").await?;
    for (id, x) in [("hot-one", 0.0), ("hot-two", 200.0)] {
        let s = Sticky::new(id, StickyKind::Hotspot, "Why?", x, 0.0);
        f.edit(|r, t| doc::put_sticky(r, t, &s)).await?;
    }
    let e = Sticky::new("event", StickyKind::DomainEvent, "Order placed", 0.0, 300.0);
    f.edit(|r, t| doc::put_sticky(r, t, &e)).await?;
    let mut alice = as_role(&server, &board, "participant", "alice-browser").await?;
    let mut bob = as_role(&server, &board, "participant", "bob-secret-voter").await?;
    f.workshop(&Command::VoteOpen {
        kinds: vec![],
        per_person: 2,
    })
    .await?;
    alice.until(|p| last(p).vote.is_some()).await?;
    bob.until(|p| last(p).vote.is_some()).await?;
    assert_eq!(last(&alice).vote.as_ref().unwrap().left, 2);

    // Alice votes; from here on every frame she receives is kept, raw.
    alice.raw = Some(Vec::new());
    alice
        .workshop(&Command::Vote {
            sticky: "hot-one".into(),
        })
        .await?;
    alice
        .until(|p| last(p).vote.as_ref().is_some_and(|v| v.left == 1))
        .await?;
    // Not a hotspot: refused, nothing counted.
    alice
        .workshop(&Command::Vote {
            sticky: "event".into(),
        })
        .await?;
    alice.until(|p| last(p).refused.is_some()).await?;
    let before = alice.raw.as_ref().map_or(0, Vec::len);
    bob.workshop(&Command::Vote {
        sticky: "hot-two".into(),
    })
    .await?;
    bob.until(|p| last(p).vote.as_ref().is_some_and(|v| v.mine == ["hot-two"]))
        .await?;
    f.workshop(&Command::Vote {
        sticky: "hot-two".into(),
    })
    .await?;
    f.until(|p| last(p).vote.as_ref().is_some_and(|v| v.left == 1))
        .await?;
    alice.pump(QUIET).await?;
    assert_eq!(
        alice.raw.as_ref().map_or(0, Vec::len),
        before,
        "another person's vote sent alice a frame"
    );
    for frame in alice.raw.iter().flatten() {
        let text = String::from_utf8_lossy(frame);
        assert!(!text.contains("bob-secret-voter") && !text.contains("fac-secret-voter"));
        if let Ok(Incoming::Workshop(payload)) = protocol::decode(frame) {
            let state = String::from_utf8_lossy(&payload).into_owned();
            assert!(!state.contains("hot-two"), "{state}");
        }
    }
    assert!(alice.board().votes.is_empty());

    // A participant cannot close the round.
    bob.workshop(&Command::VoteClose).await?;
    bob.until(|p| last(p).refused.is_some()).await?;
    f.workshop(&Command::VoteClose).await?;
    alice.until(|p| !p.board().votes.is_empty()).await?;
    let ranked = vec![
        VoteResult {
            sticky: "hot-two".into(),
            votes: 2,
        },
        VoteResult {
            sticky: "hot-one".into(),
            votes: 1,
        },
    ];
    assert_eq!(alice.board().votes, ranked);
    assert!(last(&alice).vote.is_none());
    bob.until(|p| p.board().votes == ranked).await?;
    server.stop().await
}

async fn timer_survives(url: &str) -> anyhow::Result<()> {
    let server = TestServer::start(url, &[]).await?;
    let board = server.create_board("Timer").await?;
    let mut f = as_role(&server, &board, "facilitator", "f").await?;
    f.workshop(&Command::TimerStart { ms: 300_000 }).await?;
    f.until(|p| last(p).timer.is_some()).await?;
    let started = last(&f).timer.unwrap();
    assert!(started.running_since.is_some());

    // A participant who reconnects gets the same countdown, with the server's time to count from.
    let p = as_role(&server, &board, "participant", "p").await?;
    drop(p);
    let p = as_role(&server, &board, "participant", "p").await?;
    let seen = last(&p);
    assert_eq!(seen.timer, Some(started));
    let left = seen.timer.unwrap().remaining(seen.now);
    assert!(left <= 300_000 && left > 290_000, "{left}");

    f.workshop(&Command::TimerPause).await?;
    f.until(|p| last(p).timer.is_some_and(|t| t.running_since.is_none()))
        .await?;
    let paused = last(&f).timer.unwrap();
    f.workshop(&Command::Phase {
        phase: Some(Phase::ProblemsAndOpportunities),
    })
    .await?;
    f.until(|p| last(p).phase.is_some()).await?;
    drop((f, p));
    server.stop().await?;

    let server = TestServer::start(url, &[]).await?;
    let p = as_role(&server, &board, "participant", "p").await?;
    assert_eq!(last(&p).timer, Some(paused), "paused timer after a restart");
    assert_eq!(last(&p).phase, Some(Phase::ProblemsAndOpportunities));
    server.stop().await
}

#[tokio::test]
async fn sqlite_timer_and_phase_survive_reconnect_and_restart() -> anyhow::Result<()> {
    let (_dir, url) = sqlite_url();
    timer_survives(&url).await
}

#[tokio::test]
async fn postgres_timer_and_phase_survive_reconnect_and_restart() -> anyhow::Result<()> {
    match postgres_url() {
        Some(url) => timer_survives(&url).await,
        None => Ok(()),
    }
}

#[tokio::test]
async fn garbage_and_floods_are_answered_not_fatal() -> anyhow::Result<()> {
    let (_dir, url) = sqlite_url();
    let server = TestServer::start(&url, &[]).await?;
    let board = server.create_board("Hostile").await?;
    let mut f = as_role(&server, &board, "facilitator", "f").await?;
    for bad in [
        &b"\xff\x00garbage"[..],
        br#"{"op":"phase","phase":"lunch"}"#,
        br#"{"op":"summon","view":{"x":1e308,"y":0,"zoom":1}}"#,
        &vec![b'{'; 10_000],
    ] {
        let n = f.workshop.len();
        f.send_raw(protocol::workshop(bad)).await?;
        f.until(|p| p.workshop.len() > n).await?;
        assert!(last(&f).refused.is_some());
    }
    for i in 0..60 {
        f.workshop(&Command::TimerStart {
            ms: 1_000 * (i + 1),
        })
        .await?;
    }
    f.until(|p| {
        p.workshop.iter().any(|s| {
            s.refused
                .as_deref()
                .is_some_and(|r| r.contains("slow down"))
        })
    })
    .await?;
    // Still connected and served.
    f.sync().await?;
    server.stop().await
}
