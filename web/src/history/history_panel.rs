//! The History panel (key H): the board's checkpoints, newest first, with when, name or why,
//! who and what changed; a facilitator names the moment ("after big picture") and deletes
//! checkpoints; anyone previews one beside the live board, and whoever may edit restores it
//! (the board as it is becomes a checkpoint first, so a restore can be undone). Tabs lead to
//! the trash and to the replay of the workshop. Viewers see the same, without the controls.

use leptos::prelude::*;
use leptos::task::spawn_local;
use stormwall_model::access::{AccessNotice, Role};

use super::authorship_hint::when;
use super::checkpoint_preview::CheckpointPreview;
use super::checkpoints::{self, Checkpoint};
use super::replay::Replay;
use super::trash_panel::TrashPanel;
use crate::shell::ask::confirm;
use crate::shell::keys;
use crate::shell::notice::Notice;
use crate::shell::state::BoardCtx;

/// What the panel says when there are no checkpoints.
const NO_CHECKPOINTS: &str = "No checkpoints yet. The board saves one after each stretch of work, before imports and restores, and when a facilitator names the moment.";

/// Which part of the panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Checkpoints,
    Trash,
}

/// What the board page hands the history views: the board, the page's key and rights.
#[derive(Clone, Copy)]
pub struct Access {
    /// Board id.
    pub board: StoredValue<String>,
    /// The page's share-link key.
    pub key: StoredValue<String>,
    /// The page's rights.
    pub rights: RwSignal<Option<AccessNotice>>,
}

impl Access {
    /// Whether this page may restore (edits the board).
    pub fn can_edit(self) -> bool {
        self.rights.get().is_none_or(|a| a.can_edit)
    }

    /// Whether this page is a facilitator's (names and deletes checkpoints).
    pub fn facilitator(self) -> bool {
        self.rights
            .get()
            .is_some_and(|a| a.role == Role::Facilitator)
    }
}

/// This page's name, as presence shows it.
pub fn my_name(ctx: BoardCtx) -> String {
    ctx.live.with_value(|c| c.presence.my_name())
}

/// Says something over the board.
pub fn tell(ctx: BoardCtx, text: String) {
    ctx.notices.show(Notice {
        text,
        action: None,
        holds_keys: false,
    });
}

/// Opens and closes the panel with H (not while typing).
pub fn install_shortcut(open: RwSignal<bool>) {
    let ctx = BoardCtx::get();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let plain = !(ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.is_composing());
        if plain
            && keys::letter(&ev) == Some('h')
            && !keys::meant_for_field(&ev)
            && !ctx.notices.holds_keys()
        {
            ev.prevent_default();
            open.update(|o| *o = !*o);
        }
    });
    on_cleanup(move || handle.remove());
}

/// The History panel, from its own chunk (`shell::lazy_panel`).
#[wasm_split_helpers::wasm_split(history_panel, fallible, preload(preload))]
pub fn split(
    access: Access,
    open: RwSignal<bool>,
) -> Result<AnyView, wasm_split_helpers::SplitLoaderError> {
    Ok(view! { <HistoryPanel access=access open=open /> }.into_any())
}

/// The History panel.
#[component]
pub fn HistoryPanel(access: Access, open: RwSignal<bool>) -> impl IntoView {
    let ctx = BoardCtx::get();
    let tab = RwSignal::new(Tab::Checkpoints);
    let list = RwSignal::new(None::<Result<Vec<Checkpoint>, String>>);
    let error = RwSignal::new(None::<String>);
    let preview = RwSignal::new(None::<Checkpoint>);
    let replaying = RwSignal::new(false);
    let reload = move || {
        spawn_local(async move {
            let got = checkpoints::list(&access.board.get_value(), &access.key.get_value()).await;
            list.set(Some(got));
        });
    };
    reload();

    let new_name = RwSignal::new(String::new());
    let name_it = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = new_name.get_untracked().trim().to_string();
        if name.is_empty() {
            error.set(Some("Give the moment a name first.".into()));
            return;
        }
        let by = my_name(ctx);
        spawn_local(async move {
            let (board, key) = (access.board.get_value(), access.key.get_value());
            match checkpoints::name(&board, &key, &name, &by).await {
                Ok(_) => {
                    new_name.set(String::new());
                    error.set(None);
                    reload();
                }
                Err(e) => error.set(Some(format!("The checkpoint was not made: {e}"))),
            }
        });
    };
    let restore = move |c: Checkpoint| {
        let at = when(c.millis());
        if !confirm(&format!("Bring the whole board back to how it was at {at}? Everyone sees it at once; the board as it is now is kept as a checkpoint.")) {
            return;
        }
        let by = my_name(ctx);
        spawn_local(async move {
            let (board, key) = (access.board.get_value(), access.key.get_value());
            match checkpoints::restore(&board, &key, &c.id, None, &by).await {
                Ok(r) => {
                    tell(
                        ctx,
                        format!("The board is back to {at} ({}).", checkpoints::describe(&r)),
                    );
                    preview.set(None);
                    reload();
                }
                Err(e) => error.set(Some(format!("The board was not restored: {e}"))),
            }
        });
    };
    let delete = move |c: Checkpoint| {
        if !confirm("Delete this checkpoint? It cannot be brought back.") {
            return;
        }
        spawn_local(async move {
            let (board, key) = (access.board.get_value(), access.key.get_value());
            match checkpoints::delete(&board, &key, &c.id).await {
                Ok(()) => reload(),
                Err(e) => error.set(Some(format!("The checkpoint was not deleted: {e}"))),
            }
        });
    };

    // Rights are read when the list is drawn (it is drawn again when they change).
    let row = move |c: Checkpoint, may_edit: bool, facilitator: bool| {
        let title = c.name.clone().unwrap_or_else(|| c.why().to_string());
        let by = c.by.clone().map(|b| format!("by {b}"));
        let summary = checkpoints::describe(&c.summary);
        let (p, r, d) = (c.clone(), c.clone(), c.clone());
        view! {
            <li class="checkpoint" data-id=c.id.clone() class:named=c.name.is_some()>
                <div class="checkpoint-line">
                    <time>{when(c.millis())}</time>
                    <b class="checkpoint-title">{title}</b>
                </div>
                <div class="checkpoint-meta muted">
                    {c.name.is_some().then(|| c.why())} " " {by} " · " {summary}
                </div>
                <div class="checkpoint-actions">
                    <button class="preview-checkpoint" on:click=move |_| preview.set(Some(p.clone()))>"Preview"</button>
                    {may_edit.then(|| view! {
                        <button class="restore-checkpoint" on:click=move |_| restore(r.clone())>"Restore"</button>
                    })}
                    {facilitator.then(|| view! {
                        <button class="delete-checkpoint danger-link" on:click=move |_| delete(d.clone())>"Delete"</button>
                    })}
                </div>
            </li>
        }
    };
    let status = move || {
        list.with(|l| match l {
            None => Some("Loading the history…".to_string()),
            Some(Err(e)) => Some(format!("The history cannot be shown: {e}")),
            Some(Ok(v)) if v.is_empty() => Some(NO_CHECKPOINTS.to_string()),
            Some(Ok(_)) => None,
        })
    };
    let failed = move || list.with(|l| matches!(l, Some(Err(_))));
    let rows = move || {
        let (may_edit, facilitator) = (access.can_edit(), access.facilitator());
        let shown = list.get().and_then(Result::ok).unwrap_or_default();
        shown
            .into_iter()
            .map(|c| row(c, may_edit, facilitator))
            .collect_view()
    };
    let checkpoints_view = move || {
        view! {
            {move || status().map(|t| view! { <p class="empty" class:error=failed() role="status">{t}</p> })}
            <ul class="checkpoints">{rows}</ul>
        }
    };
    let frames = Signal::derive(move || match list.get() {
        Some(Ok(v)) => v,
        _ => Vec::new(),
    });

    view! {
        <section class="panel history" aria-label="History">
            <header class="panel-head">
                <h2>"History"</h2>
                <button class="tab" class:on=move || tab.get() == Tab::Checkpoints on:click=move |_| tab.set(Tab::Checkpoints)>"Checkpoints"</button>
                <button class="tab trash-tab" class:on=move || tab.get() == Tab::Trash on:click=move |_| tab.set(Tab::Trash)>"Trash"</button>
                <button class="close" title="Close (H)" on:click=move |_| open.set(false)>"×"</button>
            </header>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || (tab.get() == Tab::Checkpoints).then(|| view! {
                {move || access.facilitator().then(|| view! {
                    <form class="name-checkpoint" on:submit=name_it>
                        <input class="field" id="checkpoint-name" placeholder="Name this moment, e.g. after big picture" maxlength="120"
                            prop:value=move || new_name.get() on:input=move |ev| new_name.set(event_target_value(&ev)) />
                        <button class="primary" type="submit">"Save checkpoint"</button>
                    </form>
                })}
                <button class="replay-open" disabled=move || frames.with(|f| f.is_empty()) on:click=move |_| replaying.set(true)>"▶ Replay the workshop"</button>
                {checkpoints_view}
            })}
            {move || (tab.get() == Tab::Trash).then(|| view! { <TrashPanel access=access /> })}
        </section>
        {move || preview.get().map(|c| view! {
            <CheckpointPreview access=access checkpoint=c close=Callback::new(move |_| preview.set(None)) restore_all=Callback::new(restore) />
        })}
        {move || replaying.get().then(|| view! {
            <Replay access=access checkpoints=frames.get_untracked() close=Callback::new(move |_| replaying.set(false)) />
        })}
    }
}
