//! The board menu in the top bar: export the board as JSON or as Context Mapper (CML), and
//! import a JSON export into the board (replacing its content, undoable). An import that does
//! not validate is refused with the JSON path of the first problem.

use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use stormwall_model::{cml, export, import, Board};

use crate::edits;
use crate::files::{self, file_stem};
use crate::state::BoardCtx;

/// The board's content with the name the board list shows, when the document has none.
fn named(ctx: BoardCtx, name: &str) -> Board {
    let mut b = ctx.board.get_untracked();
    if b.name.is_empty() {
        b.name = name.to_string();
    }
    b
}

/// Export and import actions; `name` is the board's listed name, `error` shows problems.
#[component]
pub fn BoardMenu(name: RwSignal<String>, error: RwSignal<Option<String>>) -> impl IntoView {
    let ctx = BoardCtx::get();
    let open = RwSignal::new(false);
    let picker = NodeRef::<Input>::new();
    let save = move |ext: &str, mime: &str, text: String| {
        let file = format!("{}.{ext}", file_stem(&name.get_untracked()));
        if let Err(e) = files::download(&file, mime, &text) {
            error.set(Some(format!("cannot save {file}: {e:?}")));
        }
        open.set(false);
    };
    let export_json = move |_| {
        save(
            "stormwall.json",
            "application/json",
            export::to_json(&named(ctx, &name.get_untracked())),
        )
    };
    let export_cml = move |_| {
        save(
            "cml",
            "text/plain",
            cml::to_cml(&named(ctx, &name.get_untracked())),
        )
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
        open.set(false);
        spawn_local(async move {
            let result = files::read_text(&file).await.and_then(|text| {
                import::from_json(&text)
                    .map_err(|e| format!("{} is not a board export: {e}", file.name()))
            });
            match result {
                Ok(board) => {
                    error.set(None);
                    ctx.live.with_value(|c| c.cut_history());
                    ctx.edit(|r, txn| edits::replace_board(r, txn, &board));
                    ctx.select(Vec::new());
                }
                Err(e) => error.set(Some(e)),
            }
            if let Some(i) = picker.get() {
                i.set_value("");
            }
        });
    };
    view! {
        <div class="board-menu">
            <button class="topbar-button menu-toggle" class:on=move || open.get() on:click=move |_| open.update(|o| *o = !*o)>"Export / Import"</button>
            <input node_ref=picker type="file" accept=".json,application/json" class="file-picker" on:change=on_file />
            {move || open.get().then(|| view! {
                <div class="menu" role="menu">
                    <button role="menuitem" id="export-json" on:click=export_json>"Export JSON"<span class="muted">"the whole board, re-importable"</span></button>
                    <button role="menuitem" id="export-cml" on:click=export_cml>"Export CML"<span class="muted">"contexts and context map for Context Mapper"</span></button>
                    <button role="menuitem" id="import-json" on:click=choose>"Import JSON…"<span class="muted">"replaces this board's content (undo with ⌘Z)"</span></button>
                </div>
            })}
        </div>
    }
}
