//! The board menu in the top bar: export the board as JSON or as Context Mapper (CML), export
//! a picture (SVG or PNG) of the selection or, with nothing selected, of the whole board, and
//! import a JSON export into the board: after a confirmation (it replaces the board for
//! everyone; undoable), then the view fits what came in. An import that does not validate is
//! refused with the JSON path of the first problem and a plain sentence. Reading an import and
//! writing the JSON and CML exports run in the model worker (`shell::model_worker`). While an
//! export is being made the menu button says so; a failure is shown in the error banner.
//!
//! The menu itself is in the page's module; the work behind it (drawing pictures, reading and
//! checking an import) is in a chunk of its own ([`crate::shell::lazy_panel`]), fetched with
//! the first export or import, or while the browser idles once the board is drawn.

use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use stormwall_model::model_worker::{BoardRead, Job, Written};
use stormwall_model::{svg, Board};
use wasm_split_helpers::SplitLoaderError;

use crate::files::browser_files::{self, file_stem};
use crate::files::image;
use crate::files::import_error;
use crate::shell::model_worker;
use crate::shell::state::BoardCtx;
use stormwall_model::lang::grammar::count;

/// A format of the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Export {
    Json,
    Cml,
    Svg,
    Png,
}

impl Export {
    fn name(self) -> &'static str {
        match self {
            Export::Json => "JSON",
            Export::Cml => "CML",
            Export::Svg => "SVG",
            Export::Png => "PNG",
        }
    }
}

/// What the menu was asked to do.
pub(crate) enum Action {
    Export(Export),
    Import(web_sys::File),
}

/// The menu's state the work reports to.
#[derive(Clone, Copy)]
pub(crate) struct Menu {
    /// The board's listed name.
    name: RwSignal<String>,
    /// Shows problems.
    error: RwSignal<Option<String>>,
    /// What the menu is busy with, in words ("Exporting PNG…", "Importing board.json…").
    busy: RwSignal<Option<String>>,
}

/// Starts `action` once its code is here; `Err` when the chunk could not be fetched.
#[wasm_split_helpers::wasm_split(board_files, fallible, preload(preload))]
pub(crate) fn start(ctx: BoardCtx, menu: Menu, action: Action) -> Result<(), SplitLoaderError> {
    spawn_local(act(ctx, menu, action));
    Ok(())
}

/// Does `action`, then leaves the menu idle, any failure in the error banner.
async fn act(ctx: BoardCtx, menu: Menu, action: Action) {
    match action {
        Action::Export(format) => {
            if let Err(e) = export(ctx, menu.name.get_untracked(), format).await {
                menu.error
                    .set(Some(format!("Cannot export the {}: {e}", format.name())));
            }
            menu.busy.set(None);
        }
        Action::Import(file) => import(ctx, menu, file).await,
    }
}

/// The selection, when it stands for something to draw (a selected link alone does not).
fn drawable_selection(ctx: BoardCtx) -> Option<Vec<String>> {
    let ids = ctx.selection.get_untracked();
    let part = ctx.board.with_untracked(|b| b.part(&ids));
    (!part.stickies.is_empty() || !part.frames.is_empty()).then_some(ids)
}

/// Makes the export and offers it as a download.
async fn export(ctx: BoardCtx, name: String, format: Export) -> Result<(), String> {
    let (job, ext, mime) = match format {
        Export::Json => (Job::WriteJson, "stormwall.json", "application/json"),
        Export::Cml => (Job::WriteCml, "cml", "text/plain"),
        Export::Svg | Export::Png => return export_picture(ctx, name, format).await,
    };
    let board = serde_json::to_string(&named(ctx, &name)).map_err(|e| e.to_string())?;
    let text = model_worker::run::<Written>(job, &board).await??;
    let file = format!("{}.{ext}", file_stem(&name));
    browser_files::download(&file, mime, &text).map_err(|e| format!("cannot save {file}: {e:?}"))
}

/// Makes the picture of the selection (or the whole board) and offers it as a download.
async fn export_picture(ctx: BoardCtx, name: String, format: Export) -> Result<(), String> {
    // Let the busy state show before the work starts.
    browser_files::sleep(0).await;
    let selection = drawable_selection(ctx);
    let board = named(ctx, &name);
    let picture = svg::render(&board, selection.as_deref());
    let file = format!(
        "{}{}.{}",
        file_stem(&name),
        if selection.is_some() {
            "-selection"
        } else {
            ""
        },
        format.name().to_lowercase()
    );
    let saved = match format {
        Export::Png => browser_files::download_blob(&file, &image::png(&picture).await?),
        _ => browser_files::download(&file, "image/svg+xml", &picture.svg),
    };
    saved.map_err(|e| format!("cannot save {file}: {e:?}"))
}

/// The board's content with the name the board list shows, when the document has none.
fn named(ctx: BoardCtx, name: &str) -> Board {
    let mut b = ctx.board.get_untracked();
    if b.name.is_empty() {
        b.name = name.to_string();
    }
    b
}

/// Asks before an import replaces what everyone on the board sees.
fn replace_for_everyone(ctx: BoardCtx, name: &str, incoming: &Board) -> bool {
    let now = ctx.board.with_untracked(|b| b.stickies.len());
    let question = format!(
        "Replace everything on “{name}” ({}) with the file's board ({}) for everyone on it? You can undo it with ⌘/Ctrl+Z.",
        count(now, "sticky"),
        count(incoming.stickies.len(), "sticky")
    );
    crate::shell::ask::confirm(&question)
}

/// Reads `file`, checks it in the model worker, asks before it replaces the board, and
/// replaces it; the view then fits what came in.
async fn import(ctx: BoardCtx, menu: Menu, file: web_sys::File) {
    let result = match browser_files::read_text(&file).await {
        Ok(text) => match model_worker::run::<BoardRead>(Job::ReadBoard, &text).await {
            Ok(read) => read.map_err(|e| import_error::explain(&file.name(), &e)),
            Err(e) => Err(format!("{} cannot be imported: {e}", file.name())),
        },
        Err(e) => Err(e),
    };
    menu.busy.set(None);
    match result {
        Ok(board) if replace_for_everyone(ctx, &menu.name.get_untracked(), &board) => {
            menu.error.set(None);
            ctx.live.with_value(|c| c.cut_history());
            ctx.edit(|r, txn| stormwall_model::doc::replace_board(r, txn, &board));
            ctx.live.with_value(|c| c.cut_history());
            ctx.select(Vec::new());
            request_animation_frame(move || ctx.fit());
        }
        Ok(_) => {}
        Err(e) => menu.error.set(Some(e)),
    }
}

/// Export and import actions; `name` is the board's listed name, `error` shows problems.
#[component]
pub fn BoardMenu(name: RwSignal<String>, error: RwSignal<Option<String>>) -> impl IntoView {
    let ctx = BoardCtx::get();
    let open = RwSignal::new(false);
    let picker = NodeRef::<Input>::new();
    let menu = Menu {
        name,
        error,
        busy: RwSignal::new(None),
    };
    let busy = menu.busy;
    // Says what the menu is busy with, and starts the work once its chunk is here.
    let run = move |work: String, action: Action| {
        busy.set(Some(work));
        open.set(false);
        spawn_local(async move {
            if let Err(e) = start(ctx, menu, action).await {
                busy.set(None);
                error.set(Some(format!(
                    "This part of the page could not be fetched from the server ({e}); reload the page to export or import."
                )));
            }
        });
    };
    let export_as = move |format: Export| {
        if busy.get_untracked().is_none() {
            run(
                format!("Exporting {}…", format.name()),
                Action::Export(format),
            );
        }
    };
    // What a picture shows: the selection, or the whole board.
    let scope = move || match drawable_selection(ctx) {
        Some(ids) => {
            let n = ctx.board.with_untracked(|b| b.part(&ids).stickies.len());
            match n {
                0 => "the selection".to_string(),
                1 => "the selection (1 sticky)".to_string(),
                n => format!("the selection ({n} stickies)"),
            }
        }
        None => "the whole board".to_string(),
    };
    let choose = move |_| {
        if let Some(i) = picker.get() {
            i.click();
        }
    };
    let on_file = move |_| {
        let Some(input) = picker.get() else {
            return;
        };
        let file = input.files().and_then(|f| f.get(0));
        // The same file can be chosen again; the File itself stays readable.
        input.set_value("");
        let Some(file) = file else {
            return;
        };
        if busy.get_untracked().is_none() {
            run(format!("Importing {}…", file.name()), Action::Import(file));
        }
    };
    view! {
        <div class="board-menu">
            <button
                class="topbar-button menu-toggle"
                class:on=move || open.get()
                class:busy=move || busy.get().is_some()
                aria-busy=move || busy.get().is_some().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || match busy.get() {
                    Some(work) => view! { <span class="spinner" aria-hidden="true"></span>{work} }.into_any(),
                    None => "Export / Import".into_any(),
                }}
            </button>
            <input node_ref=picker type="file" accept=".json,application/json" class="file-picker" aria-label="Board file to import" tabindex="-1" on:change=on_file />
            {move || open.get().then(|| view! {
                <div class="menu" role="menu">
                    <button role="menuitem" id="export-json" disabled=move || busy.get().is_some() on:click=move |_| export_as(Export::Json)>"Export JSON"<span class="muted">"the whole board, re-importable"</span></button>
                    <button role="menuitem" id="export-cml" disabled=move || busy.get().is_some() on:click=move |_| export_as(Export::Cml)>"Export CML"<span class="muted">"contexts and context map for Context Mapper"</span></button>
                    <hr class="menu-sep" />
                    <button role="menuitem" id="export-svg" disabled=move || busy.get().is_some() on:click=move |_| export_as(Export::Svg)>
                        "Export SVG"<span class="muted">{format!("{}, as a vector picture", scope())}</span>
                    </button>
                    <button role="menuitem" id="export-png" disabled=move || busy.get().is_some() on:click=move |_| export_as(Export::Png)>
                        "Export PNG"<span class="muted">{format!("{}, as a 2× image", scope())}</span>
                    </button>
                    <hr class="menu-sep" />
                    <button role="menuitem" id="import-json" disabled=move || busy.get().is_some() on:click=choose>"Import JSON…"<span class="muted">"replaces this board's content (undo with ⌘Z)"</span></button>
                </div>
            })}
        </div>
    }
}
