//! A board: the top bar (name, who is here, connection badge), the palette, the canvas, the
//! legend card and its editor, the side panels, the minimap and zoom controls, and the name
//! dialog; the link's role and the lock, the Share dialog, and the page shown when the link no
//! longer opens the board. Owns the board's live connection and provides the shared
//! [`BoardCtx`] to every component below it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::analysis::analysis_panel;
use crate::analysis::live_report::live_report;
use crate::canvas::board_canvas::Canvas;
use crate::canvas::minimap::Minimap;
use crate::canvas::zoom_controls::ZoomControls;
use crate::contexts::relation_panel::RelationPanel;
use crate::facilitation::silent_writing_banner::SilentWritingBanner;
use crate::facilitation::silent_writing_switch::SilentWritingSwitch;
use crate::facilitation::vote_badges::VoteBadges;
use crate::facilitation::workshop_bar::{WorkshopBar, WorkshopToggle};
use crate::facilitation::Workshop;
use crate::files::board_menu::BoardMenu;
use crate::files::clipboard;
use crate::history::history_panel;
use crate::history::leave_prompt;
use crate::history::offline_copy::{self, Restored};
use crate::legend::board_legend;
use crate::legend::legend_card::LegendCard;
use crate::legend::legend_editor;
use crate::presence::awareness::User;
use crate::presence::identity;
use crate::presence::name_dialog::NameDialog;
use crate::presence::presence_bar::PresenceBar;
use crate::sharing::connection_badge::ConnectionBadge;
use crate::sharing::sync::SyncClient;
use crate::sharing::{
    self,
    access_bar::{AccessBadge, LinkGone, ReadOnlyNote},
    share_dialog,
};
use crate::shell::api;
use crate::shell::board_title::BoardTitle;
use crate::shell::keyboard_nav::Keyboard;
use crate::shell::lazy_panel::lazy_panel;
use crate::shell::missing_board::MissingBoard;
use crate::shell::notice::{Notice, NoticeBar, Notices};
use crate::shell::panels::Panels;
use crate::shell::shortcuts;
use crate::shell::state::{peer_selections, BoardCtx, Tool};
use crate::stickies::inspector::Inspector;
use crate::stickies::link_picker::LinkPickHint;
use crate::stickies::palette::Palette;
use crate::stickies::selection_toolbar::SelectionToolbar;
use stormwall_model::access::AccessNotice;

/// The board at `/b/{id}`, opened once the server knows it. An unknown or unavailable board
/// gets a page that says so with the way back, never a canvas to type into.
#[component]
pub fn BoardPage(
    /// The board's id, from the address.
    id: String,
) -> impl IntoView {
    // The link's key leaves the address bar at once (see `sharing`).
    let key = sharing::take_key(&id).unwrap_or_default();
    let found = RwSignal::new(None::<Result<api::BoardView, String>>);
    {
        let (id, key) = (id.clone(), key.clone());
        spawn_local(async move {
            let answer = api::board(&id, &key).await;
            if let Ok(b) = &answer {
                sharing::opened(&id, &b.name, b.role, &key);
            }
            found.set(Some(answer));
        });
    }
    move || match found.get() {
        None => {
            view! { <p class="board-opening" role="status">"Opening the board…"</p> }.into_any()
        }
        Some(Ok(view)) => {
            view! { <OpenBoard id=id.clone() key=key.clone() view=view /> }.into_any()
        }
        // A wrong, replaced or missing key answers exactly like an unknown board.
        Some(Err(error)) if api::is_not_found(&error) && !key.is_empty() => {
            let reason = Signal::derive(|| {
                "It may have been replaced by a new link, or the board was deleted.".to_string()
            });
            view! { <LinkGone reason=reason /> }.into_any()
        }
        Some(Err(error)) => view! { <MissingBoard error=error /> }.into_any(),
    }
}

/// A board the server knows, open with `key`: live, editable as the key's role allows.
#[component]
fn OpenBoard(id: String, key: String, view: api::BoardView) -> impl IntoView {
    let known = identity::remembered();
    let me = RwSignal::new(known.clone().unwrap_or_else(identity::guest));
    let asking = RwSignal::new(known.is_none());
    let client = SyncClient::connect(id.clone(), key.clone(), me.get_untracked());
    let status = client.status;
    let reason = client.close_reason;
    let access = client.access;
    let restored = client.restored;
    let (pan, zoom, origin) = (
        RwSignal::new((0.0, 0.0)),
        RwSignal::new(1.0),
        RwSignal::new((0.0, 52.0)),
    );
    let ctx = BoardCtx {
        board: client.board,
        layout: client.layout.read_only(),
        peers: client.presence.peers,
        peer_selections: peer_selections(client.presence.peers),
        legend: board_legend::legend_signal(client.board),
        live: StoredValue::new_local(client),
        pan,
        zoom,
        selection: RwSignal::new(Vec::new()),
        highlight: RwSignal::new(Vec::new()),
        editing: RwSignal::new(None),
        caret: StoredValue::new(None),
        window: crate::canvas::culling::drawn_window(pan, zoom, origin),
        drag: RwSignal::new(None),
        tool: RwSignal::new(Tool::Select),
        origin,
        pointer: StoredValue::new(None),
        notices: Notices::default(),
    };
    provide_context(ctx);
    let panels = Panels::remembered();
    provide_context(panels);
    provide_context(Keyboard::new(ctx));
    crate::facilitation::drafts::install(ctx, id.clone(), key.clone(), me);
    crate::facilitation::annotations::Annotations::provide(ctx, me);
    on_cleanup(move || ctx.live.with_value(|c| c.close()));
    // Leaving the page (closing the tab, reloading) tells the others at once.
    let leave = window_event_listener(leptos::ev::pagehide, move |_| {
        ctx.live.with_value(|c| {
            c.copy.save_now();
            c.close()
        })
    });
    on_cleanup(move || leave.remove());
    leave_prompt::install(ctx.live);
    Effect::new(move |_| {
        if restored.get() == Some(Restored::Discarded) {
            ctx.notices.show(Notice {
                text: offline_copy::DISCARDED.into(),
                action: None,
                holds_keys: false,
            });
        }
    });
    shortcuts::install(ctx);
    Workshop::install(ctx);
    clipboard::install(ctx);
    // Renew presence regularly: stock y-websocket clients forget states silent for 30 s.
    let heartbeat = set_interval_with_handle(
        move || ctx.live.with_value(|c| c.set_presence(|_| {})),
        std::time::Duration::from_secs(15),
    )
    .ok();
    on_cleanup(move || {
        if let Some(h) = heartbeat {
            h.clear();
        }
    });

    let name = RwSignal::new(view.name.clone());
    let problem = RwSignal::new(None::<String>);
    if access.get_untracked().is_none() {
        access.set(Some(AccessNotice::new(view.role, view.locked)));
    }
    let sharing_open = RwSignal::new(false);
    let can_edit = move || access.get().is_none_or(|a| a.can_edit);
    // A memo: the connection's status flips between saving and saved with every keystroke,
    // and what hangs on this must not be rebuilt each time.
    let gone = Memo::new(move |_| status.get() == crate::sharing::sync::Status::Refused);
    let gone_reason =
        Signal::derive(
            move || match reason.get().filter(|r| r.contains("deleted")) {
                Some(r) => format!("It was closed: {r}."),
                None => "It may have been replaced by a new link, or the board was deleted.".into(),
            },
        );
    let (share_id, share_key) = (StoredValue::new(id.clone()), StoredValue::new(key));
    // A rename by the facilitator reaches everyone's title bar and list of boards.
    let role = view.role;
    Effect::new(move |_| {
        let renamed = access.with(|a| a.as_ref().and_then(|a| a.name.clone()));
        if let Some(n) = renamed.filter(|n| *n != name.get_untracked()) {
            crate::sharing::opened(&share_id.get_value(), &n, role, &share_key.get_value());
            name.set(n);
        }
    });
    let history_open = RwSignal::new(false);
    let history = history_panel::Access {
        board: share_id,
        key: share_key,
        rights: access,
    };
    history_panel::install_shortcut(history_open);

    let joined = Callback::new(move |user: User| {
        me.set(user.clone());
        asking.set(false);
        ctx.live.with_value(|c| c.set_presence(|p| p.user = user));
    });
    let report = live_report(ctx);
    let analysis_open = panels.analysis;
    let legend_open = RwSignal::new(false);
    let problems = move || report.problems();
    // A board that opens with content is shown whole, once: as its state arrives, before
    // anything is drawn (a big board is not first built as elements at 100 % only to be
    // painted from afar a moment later), or once saved when it filled up later.
    let fitted = StoredValue::new(false);
    let fit_once = move || {
        if fitted.get_value() || ctx.board.with_untracked(|b| b.stickies.is_empty()) {
            return;
        }
        fitted.set_value(true);
        if ctx.pan.get_untracked() == (0.0, 0.0) && !ctx.shows_everything() {
            ctx.fit();
        }
    };
    ctx.live.with_value(|c| {
        c.when_first_synced(move || {
            fit_once();
            crate::shell::lazy_panel::fetch_all_when_idle();
        })
    });
    Effect::new(move |_| {
        ctx.board.track();
        if status.get() == crate::sharing::sync::Status::Saved {
            fit_once();
        }
    });

    // What is dragged goes under the panels, which let it through (see the style sheet).
    let dragging = Memo::new(move |_| {
        ctx.drag.with(|d| {
            d.as_ref()
                .is_some_and(|d| !matches!(d, crate::shell::state::Drag::Pan { .. }))
        })
    });
    // The error banner takes its own room above the canvas: the canvas moves down under it.
    Effect::new(move |_| {
        problem.track();
        request_animation_frame(move || {
            if let Some(el) = document().query_selector(".canvas").ok().flatten() {
                let r = el.get_bounding_client_rect();
                ctx.origin.set((r.left(), r.top()));
            }
        });
    });

    view! {
        <div class="board-page" class:read-only=move || !can_edit() class:dragging=dragging>
            <header class="topbar">
                <a class="home-link" href="/" title="Your boards">"⚡ Stormwall"</a>
                <BoardTitle id=id.clone() key=share_key.get_value() role=view.role name=name error=problem />
                <AccessBadge access=access />
                <BoardMenu name=name error=problem />
                <button
                    class="topbar-button analysis-toggle"
                    class:on=move || analysis_open.get()
                    title="Lint findings, contexts, context map, requirement coverage"
                    on:click=move |_| analysis_open.update(|o| *o = !*o)
                >
                    "Analysis"
                    <span class="count" class:clean=move || problems() == Some(0)>{move || problems().map_or("…".to_string(), |n| n.to_string())}</span>
                </button>
                <button
                    class="topbar-button history-toggle"
                    id="history"
                    class:on=move || history_open.get()
                    title="Checkpoints, preview and restore, trash, replay (H)"
                    on:click=move |_| history_open.update(|o| *o = !*o)
                >
                    "History"
                </button>
                <WorkshopToggle />
                <button
                    class="topbar-button share-toggle"
                    id="share"
                    class:on=move || sharing_open.get()
                    title="Share links, lock, rename or delete the board"
                    on:click=move |_| sharing_open.update(|o| *o = !*o)
                >
                    "Share"
                </button>
                <PresenceBar me=me on_me=Callback::new(move |_| asking.update(|a| *a = !*a)) />
                <ConnectionBadge status=status reason=reason />
            </header>
            {move || gone.get().then(|| view! {
                <div class="banner error" role="alert">"This board cannot be opened: this link no longer opens the board — ask the facilitator for a new one."</div>
                <LinkGone reason=gone_reason />
            })}
            {move || (!gone.get()).then(|| view! { <ReadOnlyNote access=access /> })}
            {move || sharing_open.get().then(|| {
                lazy_panel(share_dialog::preload, move || {
                    share_dialog::split(share_id.get_value(), share_key.get_value(), name, access, sharing_open)
                })
            })}
            {move || problem.get().map(|e| view! {
                <div class="import-error" role="alert">
                    <span>{e}</span>
                    <button class="dismiss" title="Dismiss" on:click=move |_| problem.set(None)>"×"</button>
                </div>
            })}
            <div class="workspace">
                <NoticeBar />
                <SilentWritingBanner writes=Signal::derive(can_edit) />
                <WorkshopBar>
                    <SilentWritingSwitch board=share_id key=share_key access=access />
                </WorkshopBar>
                {move || can_edit().then(|| view! { <Palette /> })}
                <Canvas />
                <SelectionToolbar can_edit=Signal::derive(can_edit) />
                <LinkPickHint />
                <VoteBadges />
                <LegendCard editing=legend_open can_edit=Signal::derive(can_edit) />
                <aside class="side">
                    {move || legend_open.get().then(|| lazy_panel(legend_editor::preload, move || legend_editor::split(legend_open)))}
                    <Inspector />
                    <crate::facilitation::comment_thread::CommentThread />
                    <RelationPanel />
                    {move || analysis_open.get().then(|| lazy_panel(analysis_panel::preload, move || analysis_panel::split(report, analysis_open)))}
                    {move || history_open.get().then(|| lazy_panel(history_panel::preload, move || history_panel::split(history, history_open)))}
                </aside>
            </div>
            {move || asking.get().then(|| view! { <NameDialog initial=me.get_untracked() on_done=joined /> })}
            <div class="view-dock">
                <Minimap />
                <ZoomControls />
                {move || can_edit().then(|| view! { <crate::timeline::lanes::AddLaneButton /> })}
            </div>
        </div>
    }
}
