//! Explicit links between requirements and stickies, from both sides: the inspector lists the
//! requirements a sticky is linked to (× unlinks, a list links another), and each requirement
//! in the analysis panel links or unlinks the selected stickies. Coverage walks explicitly
//! linked stickies first, so a link shows at once in the requirement's status.

use leptos::prelude::*;
use stormwall_model::{doc, requirements, Lang, Requirement, RequirementSet};

use crate::shell::state::BoardCtx;

/// A requirement's text in `lang`, falling back to the text as written.
pub fn requirement_text(r: &Requirement, lang: Lang) -> String {
    if lang == Lang::En && !r.text_en.is_empty() {
        r.text_en.clone()
    } else {
        r.text.clone()
    }
}

/// Links (`linked`) or unlinks `stickies` and requirement `req` of `set`, as one undoable
/// edit. A built-in set the board was only checked against is added to the board first.
pub fn set_links(
    ctx: BoardCtx,
    set: &RequirementSet,
    req: &str,
    stickies: &[String],
    linked: bool,
) {
    ctx.live.with_value(|c| c.cut_history());
    ctx.edit(|r, txn| {
        if linked {
            doc::ensure_requirement_set(r, txn, set);
        }
        for s in stickies {
            if linked {
                doc::link_requirement(r, txn, &set.id, req, s);
            } else {
                doc::unlink_requirement(r, txn, &set.id, req, s);
            }
        }
    });
}

/// The selected stickies (not links or frames), tracked.
fn selected_stickies(ctx: BoardCtx) -> Vec<String> {
    let sel = ctx.selection.get();
    ctx.board.with(|b| {
        sel.into_iter()
            .filter(|id| b.sticky(id).is_some())
            .collect()
    })
}

/// Link / unlink buttons of one requirement in the analysis panel.
#[component]
pub fn RequirementActions(set: RequirementSet, req: Requirement) -> impl IntoView {
    let ctx = BoardCtx::get();
    let linked = req.stickies.clone();
    let count = linked.len();
    let can_link = {
        let linked = linked.clone();
        move || selected_stickies(ctx).iter().any(|s| !linked.contains(s))
    };
    let can_unlink = move || selected_stickies(ctx).iter().any(|s| linked.contains(s));
    let (set2, id2) = (set.clone(), req.id.clone());
    let link = move |_| set_links(ctx, &set, &req.id, &selected_stickies(ctx), true);
    let unlink = move |_| set_links(ctx, &set2, &id2, &selected_stickies(ctx), false);
    view! {
        <div class="req-actions">
            {(count > 0).then(|| view! {
                <span class="linked-count" title="Stickies linked to this requirement by hand">
                    {format!("{count} linked")}
                </span>
            })}
            <button class="link-selection" disabled=move || !can_link() on:click=link
                title="Link the selected stickies to this requirement">"Link selection"</button>
            {move || can_unlink().then(|| view! {
                <button class="unlink-selection" on:click=unlink.clone()
                    title="Unlink the selected stickies from this requirement">"Unlink"</button>
            })}
        </div>
    }
}

/// The inspector's list of the requirements sticky `id` is linked to, and a picker to link
/// another.
#[component]
pub fn StickyRequirements(id: String) -> impl IntoView {
    let ctx = BoardCtx::get();
    let sets = Memo::new(move |_| ctx.board.with(requirements::checked_sets));
    let sid = id.clone();
    let linked = Memo::new(move |_| {
        sets.with(|sets| {
            sets.iter()
                .flat_map(|set| {
                    set.requirements
                        .iter()
                        .filter(|r| r.stickies.contains(&sid))
                        .map(move |r| (set.clone(), r.clone()))
                })
                .collect::<Vec<_>>()
        })
    });
    let picker = NodeRef::<leptos::html::Select>::new();
    let pick = {
        let id = id.clone();
        move |ev: web_sys::Event| {
            let value = event_target_value(&ev);
            if let Some(p) = picker.get_untracked() {
                p.set_value("");
            }
            let Some((set_id, req)) = value.split_once('\u{1f}') else {
                return;
            };
            if let Some(set) = sets.with_untracked(|s| s.iter().find(|s| s.id == set_id).cloned()) {
                set_links(ctx, &set, req, std::slice::from_ref(&id), true);
            }
        }
    };
    let sid = id.clone();
    view! {
        <h3>"Requirements"</h3>
        <ul class="details linked-requirements">
            {move || linked.get().into_iter().map(|(set, r)| {
                let (id, req) = (sid.clone(), r.id.clone());
                let unlink = move |_| set_links(ctx, &set, &req, std::slice::from_ref(&id), false);
                view! {
                    <li class="linked-req" data-id=r.id.clone() title=r.text_en.clone()>
                        <span class="req-id">{r.id.clone()}</span>
                        <span class="req-text">{r.text.clone()}</span>
                        <button class="remove unlink-req" title="Unlink this requirement" on:click=unlink>"×"</button>
                    </li>
                }
            }).collect_view()}
        </ul>
        {move || linked.with(|l| l.is_empty()).then(|| view! {
            <p class="empty">"Not linked to a requirement. Coverage finds stickies by their words; link one to say it narrates the requirement."</p>
        })}
        <select node_ref=picker class="field link-requirement" aria-label="Link to a requirement" on:change=pick>
            <option value="" selected=true>"Link to a requirement…"</option>
            {move || sets.get().into_iter().map(|set| {
                let options = set.requirements.iter()
                    .filter(|r| !r.stickies.contains(&id))
                    .map(|r| view! {
                        <option value=format!("{}\u{1f}{}", set.id, r.id)>{format!("{} · {}", r.id, r.text)}</option>
                    })
                    .collect_view();
                view! { <optgroup label=set.name.clone()>{options}</optgroup> }
            }).collect_view()}
        </select>
    }
}
