//! The session state machine: who is subscribed with which voter id and role, what each
//! command does, and which connections hear about it.

use std::collections::HashMap;

use stormwall_model::access::Role;
use stormwall_model::kind::StickyKind;
use stormwall_model::protocol;
use stormwall_model::workshop::{Command, StateView, Timer, VoteResult, VoteRound, Workshop};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::rate::Bucket;
use crate::store::Store;

/// Controls (and votes) a connection may send at once, and per second after that.
const CONTROL_BURST: u32 = 20;
const CONTROLS_PER_SECOND: f64 = 4.0;
/// View updates of "follow me" a connection may send at once, and per second after that.
const VIEW_BURST: u32 = 30;
const VIEWS_PER_SECOND: f64 = 30.0;

/// Why a participant's control is refused.
pub const ONLY_FACILITATORS: &str =
    "only a facilitator can change the phase, the timer, follow me, summons and votes";

/// What the room does after a workshop message.
#[derive(Debug, Default)]
pub struct Reply {
    /// Frames to send, by connection.
    pub frames: Vec<(u64, Vec<u8>)>,
    /// Vote results to put on the board (empty: remove the previous ones).
    pub results: Option<Vec<VoteResult>>,
}

/// Whether a command changes what is stored.
enum Kind {
    Lasting,
    Passing,
}

struct Member {
    role: Role,
    voter: String,
    subscribed: bool,
    controls: Bucket,
    views: Bucket,
}

/// One board's workshop session.
pub struct Session {
    state: Workshop,
    members: HashMap<u64, Member>,
    /// The writer's channel and task; gone once flushed for good.
    saver: Option<(watch::Sender<Workshop>, JoinHandle<()>)>,
}

impl Session {
    /// Loads board `id`'s stored state and starts its writer.
    pub async fn load(store: &Store, id: &str) -> Session {
        let state = super::store::load(store, id).await;
        let (saver, saving) = super::store::writer(store.clone(), id.to_string(), state.clone());
        Session {
            state,
            members: HashMap::new(),
            saver: Some((saver, saving)),
        }
    }

    /// A connection joined with `role`; it hears nothing until it sends a workshop message.
    pub fn join(&mut self, conn: u64, role: Role) {
        self.members.insert(
            conn,
            Member {
                role,
                voter: format!("conn-{conn}"),
                subscribed: false,
                controls: Bucket::new(CONTROL_BURST, CONTROLS_PER_SECOND),
                views: Bucket::new(VIEW_BURST, VIEWS_PER_SECOND),
            },
        );
    }

    /// A connection left.
    pub fn leave(&mut self, conn: u64) {
        self.members.remove(&conn);
    }

    /// Stores the newest state and stops the writer (the room is stopping; later changes
    /// are not stored).
    pub async fn flush(&mut self) {
        if let Some((saver, saving)) = self.saver.take() {
            drop(saver);
            let _ = saving.await;
        }
    }

    /// Acts on a workshop message from `conn` at server time `now`; `kind_of` tells the kind
    /// of a sticky on the board (`None`: no such sticky).
    pub fn handle(
        &mut self,
        conn: u64,
        payload: &[u8],
        now: i64,
        kind_of: impl Fn(&str) -> Option<StickyKind>,
    ) -> Reply {
        let Some(member) = self.members.get_mut(&conn) else {
            return Reply::default();
        };
        member.subscribed = true;
        let cmd = match Command::decode(payload) {
            Ok(cmd) => cmd,
            Err(reason) => return self.refuse(conn, now, reason),
        };
        let allowed = if cmd.is_view() {
            member.views.take()
        } else if matches!(cmd, Command::Hello { .. }) {
            true
        } else {
            member.controls.take()
        };
        if !allowed {
            return self.refuse(conn, now, "too many workshop messages; slow down".into());
        }
        if cmd.is_control() && member.role != Role::Facilitator {
            return self.refuse(conn, now, ONLY_FACILITATORS.into());
        }
        if matches!(cmd, Command::Vote { .. }) && member.role == Role::Viewer {
            return self.refuse(conn, now, "viewers watch the vote; they do not vote".into());
        }
        let mut reply = Reply::default();
        let mut summon = None;
        let cmd_kind = if matches!(cmd, Command::View { .. } | Command::Summon { .. }) {
            Kind::Passing
        } else {
            Kind::Lasting
        };
        match cmd {
            Command::Hello { voter } => {
                member.voter = voter;
                reply.frames.push((conn, self.frame(conn, now, None)));
                return reply;
            }
            Command::Vote { sticky } => {
                let voter = member.voter.clone();
                let Some(round) = self.state.round.as_mut() else {
                    return self.refuse(conn, now, "no vote is open".into());
                };
                if let Err(e) = round.toggle(&voter, &sticky, kind_of(&sticky)) {
                    return self.refuse(conn, now, e.to_string());
                }
                self.save();
                // Only this voter's own connections hear about it.
                let mine: Vec<u64> = self.subscribed_where(|m| m.voter == voter);
                reply.frames = mine
                    .into_iter()
                    .map(|c| (c, self.frame(c, now, None)))
                    .collect();
                return reply;
            }
            Command::Phase { phase } => self.state.phase = phase,
            Command::TimerStart { ms } => self.state.timer = Some(Timer::start(ms, now)),
            Command::TimerPause => self.timer(|t| t.pause(now)),
            Command::TimerResume => self.timer(|t| t.resume(now)),
            Command::TimerExtend { ms } => self.timer(|t| t.extend(ms, now)),
            Command::TimerClear => self.state.timer = None,
            Command::Follow { view } => self.state.follow = view,
            Command::View { view } => {
                if self.state.follow.is_none() {
                    return Reply::default();
                }
                self.state.follow = Some(view);
            }
            Command::Summon { view } => summon = Some(view),
            Command::VoteOpen { kinds, per_person } => {
                self.state.round = Some(VoteRound::open(&kinds, per_person));
                reply.results = Some(Vec::new());
            }
            Command::VoteClose => {
                let Some(round) = self.state.round.take() else {
                    return self.refuse(conn, now, "no vote is open".into());
                };
                reply.results = Some(round.tally(|s| kind_of(s).is_some()));
            }
            Command::VoteCancel => self.state.round = None,
        }
        // A moving view or a summon changes nothing worth storing.
        if !matches!(cmd_kind, Kind::Passing) {
            self.save();
        }
        let everyone = self.subscribed_where(|_| true);
        reply.frames = everyone
            .into_iter()
            .map(|c| (c, self.frame(c, now, summon)))
            .collect();
        reply
    }

    fn timer(&mut self, f: impl FnOnce(&mut Timer)) {
        if let Some(t) = self.state.timer.as_mut() {
            f(t);
        }
    }

    fn save(&self) {
        if let Some((saver, _)) = &self.saver {
            saver.send_replace(self.state.clone());
        }
    }

    fn subscribed_where(&self, f: impl Fn(&Member) -> bool) -> Vec<u64> {
        let mut conns: Vec<u64> = self
            .members
            .iter()
            .filter(|(_, m)| m.subscribed && f(m))
            .map(|(c, _)| *c)
            .collect();
        conns.sort_unstable();
        conns
    }

    /// The state frame for `conn`: its voter's view, with a summon when there is one.
    fn frame(
        &self,
        conn: u64,
        now: i64,
        summon: Option<stormwall_model::workshop::View>,
    ) -> Vec<u8> {
        let voter = self.members.get(&conn).map_or("", |m| m.voter.as_str());
        let mut view = self.state.view_for(voter, now);
        view.summon = summon;
        protocol::workshop(&view.encode())
    }

    fn refuse(&self, conn: u64, now: i64, reason: String) -> Reply {
        let voter = self.members.get(&conn).map_or("", |m| m.voter.as_str());
        let view = StateView {
            refused: Some(reason),
            ..self.state.view_for(voter, now)
        };
        Reply {
            frames: vec![(conn, protocol::workshop(&view.encode()))],
            results: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stormwall_model::protocol::{decode, Incoming};
    use stormwall_model::workshop::{Phase, View};

    fn session() -> Session {
        Session {
            state: Workshop::default(),
            members: HashMap::new(),
            saver: None,
        }
    }

    fn send(s: &mut Session, conn: u64, cmd: Command) -> Reply {
        s.handle(conn, &cmd.encode(), 1_000, |id| {
            id.starts_with('h').then_some(StickyKind::Hotspot)
        })
    }

    fn state(frame: &[u8]) -> StateView {
        match decode(frame).unwrap() {
            Incoming::Workshop(p) => StateView::decode(&p).unwrap(),
            other => panic!("{other:?}"),
        }
    }

    fn hello(s: &mut Session, conn: u64, role: Role, voter: &str) {
        s.join(conn, role);
        let r = send(
            s,
            conn,
            Command::Hello {
                voter: voter.into(),
            },
        );
        assert_eq!(r.frames.len(), 1);
    }

    #[test]
    fn controls_are_the_facilitators_and_reach_every_subscriber() {
        let mut s = session();
        hello(&mut s, 1, Role::Facilitator, "f");
        hello(&mut s, 2, Role::Participant, "p");
        s.join(3, Role::Participant); // never said hello: hears nothing
        let phase = Command::Phase {
            phase: Some(Phase::Aggregates),
        };
        let refused = send(&mut s, 2, phase.clone());
        assert_eq!(refused.frames.len(), 1);
        assert_eq!(
            state(&refused.frames[0].1).refused.as_deref(),
            Some(ONLY_FACILITATORS)
        );
        assert_eq!(s.state.phase, None);
        let done = send(&mut s, 1, phase);
        let to: Vec<u64> = done.frames.iter().map(|(c, _)| *c).collect();
        assert_eq!(to, vec![1, 2]);
        assert_eq!(state(&done.frames[1].1).phase, Some(Phase::Aggregates));
    }

    #[test]
    fn a_vote_is_told_only_to_its_voter_and_a_viewer_does_not_vote() {
        let mut s = session();
        hello(&mut s, 1, Role::Facilitator, "f");
        hello(&mut s, 2, Role::Participant, "alice");
        hello(&mut s, 3, Role::Participant, "alice"); // her second tab
        hello(&mut s, 4, Role::Participant, "bob");
        hello(&mut s, 5, Role::Viewer, "vic");
        send(
            &mut s,
            1,
            Command::VoteOpen {
                kinds: vec![],
                per_person: 2,
            },
        );
        let voted = send(
            &mut s,
            2,
            Command::Vote {
                sticky: "h1".into(),
            },
        );
        let to: Vec<u64> = voted.frames.iter().map(|(c, _)| *c).collect();
        assert_eq!(to, vec![2, 3]);
        assert_eq!(
            state(&voted.frames[1].1).vote.unwrap().mine,
            vec!["h1".to_string()]
        );
        let viewer = send(
            &mut s,
            5,
            Command::Vote {
                sticky: "h1".into(),
            },
        );
        assert!(state(&viewer.frames[0].1).refused.is_some());
        let closed = send(&mut s, 1, Command::VoteClose);
        assert_eq!(closed.results.unwrap()[0].votes, 1);
    }

    #[test]
    fn a_view_moves_nothing_unless_follow_me_is_on() {
        let mut s = session();
        hello(&mut s, 1, Role::Facilitator, "f");
        let v = View {
            x: 1.0,
            y: 2.0,
            zoom: 1.0,
        };
        assert!(send(&mut s, 1, Command::View { view: v }).frames.is_empty());
        send(&mut s, 1, Command::Follow { view: Some(v) });
        let moved = View { x: 5.0, ..v };
        let r = send(&mut s, 1, Command::View { view: moved });
        assert_eq!(state(&r.frames[0].1).follow, Some(moved));
    }
}
