//! Functional requirements: the narration actor → command → aggregate → event, a look-up
//! answered by a read model, or the reaction chain event → policy → command → event. The
//! requirement is read by grammar ([`crate::lang::clause`]); each step is a sticky that carries
//! the clause's verb and says nothing opposite, or one the team linked, or one reached along
//! the board's links. The result carries the chain as evidence.

use super::evidence::{Absent, Chain, Evidence, Found};
use super::graph::{actor_reaches, downstream};
use super::matching::{actor_terms, best, Glossary, Index, Want};
use super::{RequirementCoverage, Status};
use crate::finding::Message;
use crate::flow::Flow;
use crate::kind::StickyKind::{self, *};
use crate::lang::clause::{self, Clause};
use crate::lang::{Phrase, Vocab};
use crate::requirements::Requirement;

/// Checks a functional requirement: its text, and its English text when that does better.
pub(super) fn check(
    flow: &Flow,
    glossary: &Glossary,
    index: &Index,
    r: &Requirement,
) -> RequirementCoverage {
    let first = check_text(flow, glossary, index, r, &r.text);
    if first.status == Status::Ok || r.text_en.trim().is_empty() {
        return first;
    }
    let second = check_text(flow, glossary, index, r, &r.text_en);
    let rank = |s: Status| match s {
        Status::Ok => 0,
        Status::Partial => 1,
        _ => 2,
    };
    if rank(second.status) < rank(first.status) {
        second
    } else {
        first
    }
}

fn check_text(
    flow: &Flow,
    g: &Glossary,
    index: &Index,
    r: &Requirement,
    text: &str,
) -> RequirementCoverage {
    let explicit: Vec<usize> = r.stickies.iter().filter_map(|id| flow.pos(id)).collect();
    let s = clause::parse(text);
    let walk = Walk {
        flow,
        index,
        explicit,
    };
    let (chain, absent) = match &s.condition {
        Some(c) => walk.reaction(c, &Want::of(c, g), &Want::of(&s.main, g)),
        None => walk.action(&s.main, &Want::of(&s.main, g)),
    };
    super::functional_result(r, chain, absent)
}

struct Walk<'f, 'a> {
    flow: &'f Flow<'a>,
    index: &'f Index<'f>,
    explicit: Vec<usize>,
}

/// A picked sticky: position, the words it carries, how it was found.
type Pick = (usize, Vec<String>, Found);

fn words_of(want: &Want) -> Vec<String> {
    want.terms.iter().map(|t| t.word.clone()).collect()
}

fn clause_text(c: &Clause) -> Phrase {
    let t: Vec<&str> = c.words.iter().map(|w| w.orig.as_str()).collect();
    Phrase::new(&t.join(" "))
}

impl Walk<'_, '_> {
    fn label(&self, i: usize) -> &str {
        self.flow.label(i)
    }

    /// A sticky of `kinds`: one the team linked first, else the best match among `within`
    /// (the whole board when `None`).
    /// `Err` carries a sticky refused because it says the opposite.
    fn pick(
        &self,
        kinds: &[StickyKind],
        within: Option<&[usize]>,
        want: &Want,
        skip: Option<usize>,
    ) -> Result<Pick, Option<usize>> {
        if let Some(&i) = self
            .explicit
            .iter()
            .find(|&&i| kinds.contains(&self.flow.kind(i)) && Some(i) != skip)
        {
            let words =
                super::matching::judge(&self.flow.phrases[i], self.index.sense(i), want, false)
                    .map(|m| m.words)
                    .unwrap_or_default();
            return Ok((i, words, Found::Linked));
        }
        match best(self.flow, self.index, within, kinds, want) {
            (Some((i, m)), _) => Ok((i, m.words, Found::Words)),
            (None, refused) => Err(refused),
        }
    }

    fn absent(
        &self,
        kind: StickyKind,
        wanted: Vec<String>,
        after: Option<String>,
        refused: Option<usize>,
        message: Message,
    ) -> Option<Absent> {
        let refused_id = refused.map(|i| self.flow.sticky(i).id.clone());
        let message = match refused {
            Some(i) => Message::new(
                format!(
                    "{} ('{}'은(는) 반대되는 일을 말합니다)",
                    message.ko,
                    self.label(i)
                ),
                format!("{} ('{}' says the opposite)", message.en, self.label(i)),
            ),
            None => message,
        };
        Some(Absent {
            kind,
            wanted,
            after,
            refused: refused_id,
            message,
        })
    }

    /// Command → aggregate → event from a command; the absent step when one is missing.
    fn through_command(&self, cmd: Pick, chain: &mut Chain) -> Option<Absent> {
        let (c, words, found) = cmd;
        chain.push(c, words, found);
        let label = self.label(c);
        let Some(&agg) = self.flow.handlers(c).first() else {
            return self.absent(
                Aggregate,
                Vec::new(),
                chain.last(),
                None,
                Message::new(
                    format!("커맨드 '{label}'을(를) 처리하는 애그리거트가 없습니다"),
                    format!("no aggregate handles command '{label}'"),
                ),
            );
        };
        chain.push(agg, Vec::new(), Found::Flow);
        let Some(&ev) = self.flow.events_of_command(c).first() else {
            return self.absent(
                DomainEvent,
                Vec::new(),
                chain.last(),
                None,
                Message::new(
                    format!("커맨드 '{label}'에서 발생하는 이벤트가 없습니다"),
                    format!("command '{label}' leads to no event"),
                ),
            );
        };
        chain.push(ev, Vec::new(), Found::Flow);
        None
    }

    /// A plain requirement: an actor does something, or looks something up.
    fn action(&self, main: &Clause, want: &Want) -> (Evidence, Option<Absent>) {
        let flow = self.flow;
        let actors = actor_terms(flow, self.index, want);
        let rest = want.without(&actors);
        let mut chain = Chain::new(flow);
        let query = !clause_text(main).hits(Vocab::Query).is_empty();
        let rm = if query {
            self.pick(&[ReadModel], None, &rest, None).ok()
        } else {
            None
        };
        let absent = if let Some((rm, words, found)) = rm {
            let feeds: Vec<usize> = flow.prev(rm, DomainEvent).collect();
            for &e in &feeds {
                chain.push(e, Vec::new(), Found::Flow);
            }
            chain.push(rm, words, found);
            if feeds.is_empty() {
                let l = self.label(rm);
                self.absent(
                    DomainEvent,
                    Vec::new(),
                    None,
                    None,
                    Message::new(
                        format!("읽기모델 '{l}'을(를) 채우는 이벤트가 없습니다"),
                        format!("no event feeds read model '{l}'"),
                    ),
                )
            } else {
                None
            }
        } else {
            match self.pick(&[Command], None, &rest, None) {
                Ok(cmd) => self.through_command(cmd, &mut chain),
                Err(refused) => {
                    let t = rest.words();
                    let absent = self.absent(
                        Command,
                        words_of(&rest),
                        None,
                        refused,
                        Message::new(
                            format!("모델에서 이 요구사항에 해당하는 커맨드·이벤트를 찾지 못했습니다 ({t})"),
                            format!("nothing in the model narrates this requirement ({t})"),
                        ),
                    );
                    return (Evidence::default(), absent);
                }
            }
        };
        let absent = absent.or_else(|| self.actor(&actors, want, &mut chain));
        (
            Evidence {
                chain: chain.steps,
                absent: None,
            },
            absent,
        )
    }

    /// Puts the actor first when it reaches the chain's command or read model.
    fn actor(&self, actors: &[String], want: &Want, chain: &mut Chain) -> Option<Absent> {
        if actors.is_empty() {
            return None;
        }
        let flow = self.flow;
        let target = chain
            .steps
            .iter()
            .find(|s| matches!(s.kind, Command | ReadModel))
            .or(chain.steps.first())
            .and_then(|s| flow.pos(&s.sticky))?;
        let words: Vec<String> = want
            .terms
            .iter()
            .filter(|t| actors.contains(&t.stem))
            .map(|t| t.word.clone())
            .collect();
        match actor_reaches(flow, actors, target) {
            Some(a) => {
                let words = want
                    .terms
                    .iter()
                    .filter(|t| actors.contains(&t.stem) && flow.phrases[a].mentions(&t.stem))
                    .map(|t| t.word.clone())
                    .collect();
                chain.prepend(a, words, Found::Words);
                None
            }
            None => {
                let (n, l) = (words.join(", "), self.label(target));
                self.absent(
                    Actor,
                    words,
                    None,
                    None,
                    Message::new(
                        format!("액터 '{n}'이(가) '{l}'에 연결되어 있지 않습니다"),
                        format!("actor '{n}' is not linked to '{l}'"),
                    ),
                )
            }
        }
    }

    /// "When X, Y": an event of X, a policy reacting, and the command / event of Y after it.
    fn reaction(&self, cond: &Clause, x: &Want, y: &Want) -> (Evidence, Option<Absent>) {
        let flow = self.flow;
        // "Whenever the order status changes": any event that updates what changes.
        let change = cond
            .verb_word()
            .is_some_and(|w| !Phrase::new(&w.orig).hits(Vocab::Change).is_empty());
        let kinds: &[StickyKind] = if change {
            &[DomainEvent, ReadModel, Aggregate]
        } else {
            &[DomainEvent]
        };
        let mut chain = Chain::new(flow);
        let (trigger, words, found) = match self.pick(kinds, None, x, None) {
            Ok(p) => p,
            Err(refused) => {
                let t = x.words();
                let absent = self.absent(
                    DomainEvent,
                    words_of(x),
                    None,
                    refused,
                    Message::new(
                        format!("'{t}'에 해당하는 이벤트가 모델에 없습니다"),
                        format!("no event in the model says '{t}'"),
                    ),
                );
                return (Evidence::default(), absent);
            }
        };
        let events: Vec<usize> = match flow.kind(trigger) {
            DomainEvent => vec![trigger],
            ReadModel => flow.prev(trigger, DomainEvent).collect(),
            _ => flow.next(trigger, DomainEvent).collect(),
        };
        chain.push(trigger, words, found);
        let names = |v: &[usize]| {
            v.iter()
                .map(|&i| format!("'{}'", flow.label(i)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let about = if flow.kind(trigger) == DomainEvent {
            names(&events)
        } else {
            format!("'{}' ({})", flow.label(trigger), names(&events))
        };
        let policies: Vec<usize> = events
            .iter()
            .flat_map(|&e| flow.next(e, Policy).collect::<Vec<_>>())
            .collect();
        if policies.is_empty() {
            let absent = self.absent(
                Policy,
                Vec::new(),
                chain.last(),
                None,
                Message::new(
                    format!("{about}에 반응하는 정책이 없습니다"),
                    format!("no policy reacts to {about}"),
                ),
            );
            return (done(chain), absent);
        }
        let reach = downstream(flow, &events);
        let target = self.pick(
            &[Command, Policy, DomainEvent, ExternalSystem],
            Some(&reach),
            y,
            Some(trigger),
        );
        let target = match target {
            Ok(t) => t,
            Err(refused) => {
                chain.push(policies[0], Vec::new(), Found::Flow);
                let t = y.words();
                let absent = self.absent(
                    Command,
                    words_of(y),
                    chain.last(),
                    refused,
                    Message::new(
                        format!("{about} 이후 '{t}'을(를) 하는 정책 → 커맨드가 없습니다"),
                        format!("no policy → command for '{t}' follows {about}"),
                    ),
                );
                return (done(chain), absent);
            }
        };
        let absent = match flow.kind(target.0) {
            Command => {
                if let Some(p) = flow.prev(target.0, Policy).next() {
                    chain.push(p, Vec::new(), Found::Flow);
                }
                self.through_command(target, &mut chain)
            }
            Policy => {
                let p = target.0;
                chain.push(p, target.1, target.2);
                match flow.next(p, Command).next() {
                    Some(c) => self.through_command((c, Vec::new(), Found::Flow), &mut chain),
                    None => {
                        let l = self.label(p);
                        self.absent(
                            Command,
                            words_of(y),
                            chain.last(),
                            None,
                            Message::new(
                                format!("정책 '{l}'이(가) 커맨드를 내리지 않습니다"),
                                format!("policy '{l}' issues no command"),
                            ),
                        )
                    }
                }
            }
            DomainEvent => match self.producer(target.0, &downstream(flow, &events)) {
                // The event of Y: narrate the policy → command → aggregate that produce it.
                Some(c) => {
                    if let Some(p) = flow.prev(c, Policy).next() {
                        chain.push(p, Vec::new(), Found::Flow);
                    }
                    chain.push(c, Vec::new(), Found::Flow);
                    for a in flow.handlers(c).into_iter().take(1) {
                        chain.push(a, Vec::new(), Found::Flow);
                    }
                    chain.push(target.0, target.1, target.2);
                    None
                }
                None => {
                    chain.push(target.0, target.1, target.2);
                    None
                }
            },
            _ => {
                chain.push(target.0, target.1, target.2);
                None
            }
        };
        (done(chain), absent)
    }
}

impl Walk<'_, '_> {
    /// The command among `reach` that leads to `event`.
    fn producer(&self, event: usize, reach: &[usize]) -> Option<usize> {
        reach
            .iter()
            .copied()
            .filter(|&c| self.flow.kind(c) == Command)
            .find(|&c| self.flow.events_of_command(c).contains(&event))
    }
}

fn done(chain: Chain) -> Evidence {
    Evidence {
        chain: chain.steps,
        absent: None,
    }
}
