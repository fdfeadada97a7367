//! The relation panel, in the side panel: with two frames selected, relate the two bounded
//! contexts (which one is upstream, which context-map patterns); with a relation selected (or
//! two frames that are already related), change its patterns, swap its direction or delete it.
//! Every change is a live edit everyone sees.

use leptos::prelude::*;
use stormwall_model::doc::{self, Roots};
use stormwall_model::{Pattern, Relation};
use yrs::TransactionMut;

use crate::shell::ids::new_id;
use crate::shell::lazy_panel::lazy_panel;
use crate::shell::state::BoardCtx;

/// What the selection asks the panel for.
#[derive(Debug, Clone, PartialEq)]
enum Subject {
    /// Two unrelated frames, in the order they were selected.
    Pair(String, String),
    /// A relation.
    Relation(String),
}

/// The panel, shown when the selection is two frames or one relation.
#[component]
pub fn RelationPanel() -> impl IntoView {
    let ctx = BoardCtx::get();
    let subject = Memo::new(move |_| {
        let sel = ctx.selection.get();
        if !(1..=2).contains(&sel.len()) {
            return None;
        }
        ctx.board.with(|b| match sel.as_slice() {
            [id] => b
                .relations
                .iter()
                .any(|r| &r.id == id)
                .then(|| Subject::Relation(id.clone())),
            [a, z] if b.frame(a).is_some() && b.frame(z).is_some() => {
                Some(match b.relations.iter().find(|r| r.connects(a, z)) {
                    Some(r) => Subject::Relation(r.id.clone()),
                    None => Subject::Pair(a.clone(), z.clone()),
                })
            }
            _ => None,
        })
    });
    move || {
        subject
            .get()
            .map(|s| lazy_panel(preload, move || split(s.clone())))
    }
}

/// The name of a frame as the panel shows it (tracked).
/// The relation panel for what is selected, from its own chunk (`shell::lazy_panel`).
#[wasm_split_helpers::wasm_split(relation_panel, fallible, preload(preload))]
pub(crate) fn split(subject: Subject) -> Result<AnyView, wasm_split_helpers::SplitLoaderError> {
    Ok(match subject {
        Subject::Pair(a, z) => view! { <RelateContexts upstream=a downstream=z /> }.into_any(),
        Subject::Relation(id) => view! { <RelationEditor id=id /> }.into_any(),
    })
}

fn frame_name(ctx: BoardCtx, id: &str) -> String {
    ctx.board.with(|b| {
        b.frame(id)
            .map(|f| f.name.trim().to_string())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "Unnamed context".into())
    })
}

/// Upstream → downstream, with a button that swaps them.
#[component]
fn Direction(
    upstream: Signal<String>,
    downstream: Signal<String>,
    on_swap: Callback<()>,
) -> impl IntoView {
    let ctx = BoardCtx::get();
    view! {
        <div class="relation-direction">
            <div class="context-chip up">
                <span class="end-letter">"U"</span>
                <span class="context-name">{move || frame_name(ctx, &upstream.get())}</span>
            </div>
            <span class="direction-arrow" aria-hidden="true">"→"</span>
            <div class="context-chip down">
                <span class="end-letter">"D"</span>
                <span class="context-name">{move || frame_name(ctx, &downstream.get())}</span>
            </div>
            <button class="swap-direction" title="Swap upstream and downstream" on:click=move |_| on_swap.run(())>"⇄"</button>
        </div>
        <p class="hint">"Upstream: the context whose model flows to the other. 상류 → 하류"</p>
    }
}

/// One toggle per pattern; `chosen` says which are on, `on_toggle` flips one.
#[component]
fn PatternChoice(chosen: Signal<Vec<Pattern>>, on_toggle: Callback<Pattern>) -> impl IntoView {
    view! {
        <div class="pattern-choice" role="group" aria-label="Patterns">
            {Pattern::ALL.into_iter().map(|p| {
                let on = move || chosen.with(|c| c.contains(&p));
                view! {
                    <button
                        class="pattern-chip"
                        class:on=on
                        aria-pressed=move || on().to_string()
                        data-pattern=p.as_str()
                        title=format!("{} · {}", p.label_en(), p.label_ko())
                        on:click=move |_| on_toggle.run(p)
                    >
                        <span class="pattern-short">{p.short()}</span>
                        // A line may break after the slash of "Customer/Supplier".
                        <span class="pattern-name">{p.label_en().replace('/', "/\u{200B}")}</span>
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

/// An edit that is undone on its own.
fn step(ctx: BoardCtx, f: impl FnOnce(&Roots, &mut TransactionMut)) {
    ctx.live.with_value(|c| c.cut_history());
    ctx.edit(f);
}

/// `patterns` with `p` switched, in the order of [`Pattern::ALL`].
fn toggled(patterns: &[Pattern], p: Pattern) -> Vec<Pattern> {
    Pattern::ALL
        .into_iter()
        .filter(|q| patterns.contains(q) != (*q == p))
        .collect()
}

/// Relating two frames that have no relation yet.
#[component]
fn RelateContexts(upstream: String, downstream: String) -> impl IntoView {
    let ctx = BoardCtx::get();
    let ends = RwSignal::new((upstream, downstream));
    let chosen = RwSignal::new(vec![Pattern::CustomerSupplier]);
    let relate = move |_| {
        let (upstream, downstream) = ends.get_untracked();
        let r = Relation {
            id: new_id('r'),
            upstream,
            downstream,
            patterns: chosen.get_untracked(),
        };
        step(ctx, |roots, txn| doc::put_relation(roots, txn, &r));
        ctx.select(vec![r.id]);
    };
    view! {
        <section class="panel relation-panel" aria-label="Relate contexts">
            <header class="panel-head"><h2>"Relate contexts"</h2></header>
            <Direction
                upstream=Signal::derive(move || ends.get().0)
                downstream=Signal::derive(move || ends.get().1)
                on_swap=Callback::new(move |_| ends.update(|(a, z)| std::mem::swap(a, z)))
            />
            <h3>"Patterns"</h3>
            <PatternChoice
                chosen=chosen.into()
                on_toggle=Callback::new(move |p| chosen.update(|c| *c = toggled(c, p)))
            />
            <button class="primary relate-contexts" on:click=relate>"Relate contexts"</button>
        </section>
    }
}

/// Editing a declared relation.
#[component]
fn RelationEditor(id: String) -> impl IntoView {
    let ctx = BoardCtx::get();
    let rid = id.clone();
    let relation = Memo::new(move |_| {
        ctx.board
            .with(|b| b.relations.iter().find(|r| r.id == rid).cloned())
            .unwrap_or_default()
    });
    let swap = {
        let id = id.clone();
        Callback::new(move |_| step(ctx, |r, t| _ = doc::swap_relation(r, t, &id)))
    };
    let toggle = {
        let id = id.clone();
        Callback::new(move |p| {
            let patterns = toggled(&relation.get_untracked().patterns, p);
            step(ctx, |r, t| {
                _ = doc::set_relation_patterns(r, t, &id, &patterns)
            });
        })
    };
    let delete = {
        let id = id.clone();
        move |_| {
            step(ctx, |r, t| doc::remove_relation(r, t, &id));
            ctx.select(Vec::new());
        }
    };
    view! {
        <section class="panel relation-panel" aria-label="Context relation" data-id=id>
            <header class="panel-head"><h2>"Context relation"</h2></header>
            <Direction
                upstream=Signal::derive(move || relation.with(|r| r.upstream.clone()))
                downstream=Signal::derive(move || relation.with(|r| r.downstream.clone()))
                on_swap=swap
            />
            <h3>"Patterns"</h3>
            <PatternChoice chosen=Signal::derive(move || relation.with(|r| r.patterns.clone())) on_toggle=toggle />
            <button class="danger delete-relation" on:click=delete>"Delete relation"</button>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggling_keeps_the_canonical_order() {
        let p = toggled(&[Pattern::AnticorruptionLayer], Pattern::CustomerSupplier);
        assert_eq!(p, [Pattern::CustomerSupplier, Pattern::AnticorruptionLayer]);
        assert_eq!(
            toggled(&p, Pattern::AnticorruptionLayer),
            [Pattern::CustomerSupplier]
        );
    }
}
