//! The board menu in the top bar: export the board as JSON or as Context Mapper (CML), export
//! a picture (SVG or PNG) of the selection or, with nothing selected, of the whole board, and
//! import a JSON export into the board: after a confirmation (it replaces the board for
//! everyone; undoable), then the view fits what came in. An import that does not validate is
//! refused with the JSON path of the first problem and a plain sentence. Reading an import and
//! writing the JSON and CML exports run in the model worker (`shell::model_worker`). While an
//! export is being made the menu button says so; a failure is shown in the error banner.

use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use stormwall_model::model_worker::{BoardRead, Job, Written};
use stormwall_model::{svg, Board};

use crate::files::browser_files::{self, file_stem};
use crate::files::image;
use crate::files::import_error;
use crate::shell::model_worker;
use crate::shell::state::BoardCtx;
use stormwall_model::lang::grammar::count;

/// A format of the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Export {
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

/// Export and import actions; `name` is the board's listed name, `error` shows problems.
#[component]
pub fn BoardMenu(name: RwSignal<String>, error: RwSignal<Option<String>>) -> impl IntoView {
    let ctx = BoardCtx::get();
    let open = RwSignal::new(false);
    let picker = NodeRef::<Input>::new();
    // What the menu is busy with, in words ("Exporting PNG…", "Importing board.json…").
    let busy = RwSignal::new(None::<String>);
    let export_as = move |format: Export| {
        if busy.get_untracked().is_some() {
            return;
        }
        busy.set(Some(format!("Exporting {}…", format.name())));
        open.set(false);
        spawn_local(async move {
            if let Err(e) = export(ctx, name.get_untracked(), format).await {
                error.set(Some(format!("Cannot export the {}: {e}", format.name())));
            }
            busy.set(None);
        });
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
        let Some(file) = picker.get().and_then(|i| i.files()).and_then(|f| f.get(0)) else {
            return;
        };
        if busy.get_untracked().is_some() {
            return;
        }
        open.set(false);
        busy.set(Some(format!("Importing {}…", file.name())));
        spawn_local(async move {
            let result = match browser_files::read_text(&file).await {
                Ok(text) => match model_worker::run::<BoardRead>(Job::ReadBoard, &text).await {
                    Ok(read) => read.map_err(|e| import_error::explain(&file.name(), &e)),
                    Err(e) => Err(format!("{} cannot be imported: {e}", file.name())),
                },
                Err(e) => Err(e),
            };
            busy.set(None);
            match result {
                Ok(board) if replace_for_everyone(ctx, &name.get_untracked(), &board) => {
                    error.set(None);
                    ctx.live.with_value(|c| c.cut_history());
                    ctx.edit(|r, txn| stormwall_model::doc::replace_board(r, txn, &board));
                    ctx.live.with_value(|c| c.cut_history());
                    ctx.select(Vec::new());
                    request_animation_frame(move || ctx.fit());
                }
                Ok(_) => {}
                Err(e) => error.set(Some(e)),
            }
            if let Some(i) = picker.get() {
                i.set_value("");
            }
        });
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
