//! The board as a flow graph: what each link means, derived from the kinds of the stickies it
//! connects (never stored), and fast neighbour look-ups by kind for the analyses.

use foldhash::HashMap;

use serde::{Deserialize, Serialize};

use crate::board::{Board, Link, Sticky};
use crate::kind::StickyKind;
use crate::lang::Phrase;

/// What a link means in the grammar of a flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Actor or UI issues a command; a policy issues a command.
    Issues,
    /// Command handled by an aggregate.
    Handles,
    /// An event emitted (by an aggregate, command, policy or external system).
    Emits,
    /// Event triggers a policy.
    Triggers,
    /// Event projected into a read model.
    Projects,
    /// Call to an external system.
    Calls,
    /// Read model consulted by an actor, UI or policy.
    Informs,
    /// Hotspot or definition attached to anything.
    Annotates,
    /// Not a step of a flow.
    Invalid,
}

/// How a link communicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    /// Synchronous call.
    RequestResponse,
    /// Asynchronous event delivery.
    PublishSubscribe,
    /// Neither (emission inside an aggregate, annotation, query).
    None,
}

impl Style {
    /// Identifier of the style (as serialized): `request_response`, `publish_subscribe`,
    /// `none`.
    pub fn as_str(self) -> &'static str {
        match self {
            Style::RequestResponse => "request_response",
            Style::PublishSubscribe => "publish_subscribe",
            Style::None => "none",
        }
    }
}

/// The role of a link from a sticky of kind `from` to one of kind `to`.
pub fn link_role(from: StickyKind, to: StickyKind) -> Role {
    use StickyKind::*;
    match (from, to) {
        (Hotspot | Definition, _) | (_, Hotspot | Definition) => Role::Annotates,
        (Actor | Ui | Policy, Command) => Role::Issues,
        (Command, Aggregate) => Role::Handles,
        (Aggregate | Command | Policy | ExternalSystem, DomainEvent) => Role::Emits,
        (DomainEvent, Policy) => Role::Triggers,
        (DomainEvent, ReadModel) => Role::Projects,
        (Command | Aggregate | Policy, ExternalSystem) => Role::Calls,
        (ReadModel, Actor | Ui | Policy) => Role::Informs,
        (Actor, Ui) | (Ui, Actor) => Role::Informs,
        _ => Role::Invalid,
    }
}

impl Role {
    /// How a link of this role communicates.
    pub fn style(self) -> Style {
        match self {
            Role::Issues | Role::Handles | Role::Calls => Style::RequestResponse,
            Role::Triggers | Role::Projects => Style::PublishSubscribe,
            _ => Style::None,
        }
    }
}

/// A board indexed for analysis: stickies by position, their analysed text, and adjacency.
pub struct Flow<'a> {
    /// The board.
    pub board: &'a Board,
    index: HashMap<&'a str, usize>,
    /// Analysed text of each sticky, by position.
    pub phrases: Vec<Phrase>,
    /// Positions of both ends of each link, when both exist.
    ends: Vec<Option<(usize, usize)>>,
    out: Adjacency,
    inc: Adjacency,
}

/// `(link, neighbour)` pairs of every sticky in one array, grouped by sticky in link order
/// (two allocations for the whole board instead of two per sticky).
struct Adjacency {
    /// Where each sticky's pairs start; the last entry is the total.
    start: Vec<usize>,
    pairs: Vec<(usize, usize)>,
}

impl Adjacency {
    /// Groups `(sticky, link, neighbour)` triples by sticky, keeping their order.
    fn new(n: usize, triples: impl Iterator<Item = (usize, usize, usize)> + Clone) -> Adjacency {
        let mut start = vec![0; n + 1];
        for (i, _, _) in triples.clone() {
            start[i + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut pairs = vec![(0, 0); start[n]];
        for (i, li, j) in triples {
            pairs[fill[i]] = (li, j);
            fill[i] += 1;
        }
        Adjacency { start, pairs }
    }

    fn of(&self, i: usize) -> &[(usize, usize)] {
        &self.pairs[self.start[i]..self.start[i + 1]]
    }
}

impl<'a> Flow<'a> {
    /// Indexes a board.
    pub fn new(board: &'a Board) -> Flow<'a> {
        let index: HashMap<&str, usize> = board
            .stickies
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let n = board.stickies.len();
        let ends: Vec<Option<(usize, usize)>> = board
            .links
            .iter()
            .map(|l| Some((*index.get(l.from.as_str())?, *index.get(l.to.as_str())?)))
            .collect();
        let linked = ends
            .iter()
            .enumerate()
            .filter_map(|(li, e)| e.map(|(a, b)| (li, a, b)));
        let out = Adjacency::new(n, linked.clone().map(|(li, a, b)| (a, li, b)));
        let inc = Adjacency::new(n, linked.map(|(li, a, b)| (b, li, a)));
        Flow {
            board,
            phrases: board
                .stickies
                .iter()
                .map(|s| Phrase::new(&s.text))
                .collect(),
            index,
            ends,
            out,
            inc,
        }
    }

    /// Position of a sticky id.
    pub fn pos(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The sticky at a position.
    pub fn sticky(&self, i: usize) -> &'a Sticky {
        &self.board.stickies[i]
    }

    /// Kind of the sticky at a position.
    pub fn kind(&self, i: usize) -> StickyKind {
        self.board.stickies[i].kind
    }

    /// The link at a position.
    pub fn link(&self, li: usize) -> &'a Link {
        &self.board.links[li]
    }

    /// Positions of the two ends of the link at a position, when both exist.
    pub fn ends(&self, li: usize) -> Option<(usize, usize)> {
        self.ends[li]
    }

    /// Role of the link at a position, when both ends exist.
    pub fn role(&self, li: usize) -> Option<Role> {
        let (a, b) = self.ends[li]?;
        Some(link_role(self.kind(a), self.kind(b)))
    }

    /// Targets of links leaving `i` whose target has kind `k`, in link order.
    pub fn next(&self, i: usize, k: StickyKind) -> impl Iterator<Item = usize> + '_ {
        self.out
            .of(i)
            .iter()
            .map(|&(_, j)| j)
            .filter(move |&j| self.kind(j) == k)
    }

    /// Sources of links entering `i` whose source has kind `k`, in link order.
    pub fn prev(&self, i: usize, k: StickyKind) -> impl Iterator<Item = usize> + '_ {
        self.inc
            .of(i)
            .iter()
            .map(|&(_, j)| j)
            .filter(move |&j| self.kind(j) == k)
    }

    /// `(link, target)` of every link leaving `i`.
    pub fn out_links(&self, i: usize) -> &[(usize, usize)] {
        self.out.of(i)
    }

    /// `(link, source)` of every link entering `i`.
    pub fn in_links(&self, i: usize) -> &[(usize, usize)] {
        self.inc.of(i)
    }

    /// Positions of stickies of kind `k`.
    pub fn of_kind(&self, k: StickyKind) -> impl Iterator<Item = usize> + '_ {
        (0..self.board.stickies.len()).filter(move |&i| self.kind(i) == k)
    }

    /// Aggregates that handle a command (command → aggregate).
    pub fn handlers(&self, cmd: usize) -> Vec<usize> {
        self.next(cmd, StickyKind::Aggregate).collect()
    }

    /// Events a command leads to: directly linked, else those its aggregates emit, the ones
    /// sharing most of the command's stems first.
    pub fn events_of_command(&self, cmd: usize) -> Vec<usize> {
        let direct: Vec<usize> = self.next(cmd, StickyKind::DomainEvent).collect();
        if !direct.is_empty() {
            return direct;
        }
        let mut evs: Vec<usize> = self
            .handlers(cmd)
            .into_iter()
            .flat_map(|a| self.next(a, StickyKind::DomainEvent).collect::<Vec<_>>())
            .collect();
        // The event that says what the command did first: most of the command's stems.
        let stems = self.phrases[cmd].terms();
        let shared = |e: usize| stems.iter().filter(|s| self.phrases[e].mentions(s)).count();
        evs.sort_by_key(|&e| (std::cmp::Reverse(shared(e)), e));
        evs
    }

    /// Text of a sticky for messages: its text, or its id when empty.
    pub fn label(&self, i: usize) -> &'a str {
        let s = self.sticky(i);
        if s.text.trim().is_empty() {
            &s.id
        } else {
            s.text.trim()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use StickyKind::*;

    #[test]
    fn style_identifiers_are_the_serialized_names() {
        for s in [Style::RequestResponse, Style::PublishSubscribe, Style::None] {
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::Value::from(s.as_str())
            );
        }
    }

    #[test]
    fn roles_follow_the_grammar() {
        assert_eq!(
            link_role(Command, Aggregate).style(),
            Style::RequestResponse
        );
        assert_eq!(link_role(Policy, Command).style(), Style::RequestResponse);
        assert_eq!(
            link_role(Aggregate, ExternalSystem).style(),
            Style::RequestResponse
        );
        assert_eq!(
            link_role(DomainEvent, Policy).style(),
            Style::PublishSubscribe
        );
        assert_eq!(
            link_role(DomainEvent, ReadModel).style(),
            Style::PublishSubscribe
        );
        assert_eq!(link_role(Aggregate, DomainEvent), Role::Emits);
        assert_eq!(link_role(DomainEvent, Command), Role::Invalid);
        assert_eq!(link_role(Hotspot, Command), Role::Annotates);
    }
}
