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
