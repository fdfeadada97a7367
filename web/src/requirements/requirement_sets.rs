//! The requirement sets a board's coverage is checked against, chosen in the analysis panel:
//! the sets on the board (each removable after a confirmation), a set added from the server's
//! catalogue, typed, or imported from a JSON file. Sets live in the board document, so every
//! participant sees the same coverage.

use leptos::prelude::*;
use leptos::task::spawn_local;
use stormwall_model::lang::grammar;
use stormwall_model::{doc, Lang, RequirementSet};

use crate::requirements::requirement_set_form::{ImportSet, TypedSetForm};
use crate::shell::api::{self, CatalogSet};
use crate::shell::state::BoardCtx;

/// `ko` or `en`, as the panel's language says.
pub fn tr(lang: Lang, ko: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ko => ko,
        Lang::En => en,
    }
}

/// Ids of the sets on the board.
pub fn board_set_ids(ctx: BoardCtx) -> Vec<String> {
    ctx.board
        .with_untracked(|b| b.requirements.iter().map(|s| s.id.clone()).collect())
}

/// Adds `set` to the board, as its own undoable edit.
pub fn add_set(ctx: BoardCtx, set: &RequirementSet) {
    ctx.live.with_value(|c| c.cut_history());
    ctx.edit(|r, txn| doc::put_requirement_set(r, txn, set));
}

/// A set on the board as its row shows it: id, name, number of requirements.
type Row = (String, String, usize);

fn set_row(
    ctx: BoardCtx,
    (id, name, count): Row,
    lang: Signal<Lang>,
    confirming: RwSignal<Option<String>>,
) -> impl IntoView {
    let (ask, remove_id) = (id.clone(), id.clone());
    let is_confirming = {
        let id = id.clone();
        move || confirming.with(|c| c.as_deref() == Some(id.as_str()))
    };
    let remove = move |_| {
        ctx.live.with_value(|c| c.cut_history());
        ctx.edit(|r, txn| doc::remove_requirement_set(r, txn, &remove_id));
        confirming.set(None);
    };
    view! {
        <li class="board-set" data-id=id.clone()>
            <span class="set-title">{name}</span>
            <span class="muted">{move || match lang.get() {
                Lang::Ko => format!("요구사항 {count}개"),
                Lang::En => grammar::count(count, "requirement"),
            }}</span>
            {move || if is_confirming() {
                view! {
                    <span class="confirm-remove" role="alert">
                        <span>{move || tr(lang.get(), "이 세트와 연결을 지울까요?", "Remove this set and its links?")}</span>
                        <button class="confirm-yes" on:click=remove.clone()>{move || tr(lang.get(), "지우기", "Remove")}</button>
                        <button class="confirm-no" on:click=move |_| confirming.set(None)>{move || tr(lang.get(), "취소", "Keep")}</button>
                    </span>
                }.into_any()
            } else {
                let ask = ask.clone();
                view! {
                    <button class="remove remove-set" title=move || tr(lang.get(), "보드에서 이 세트 지우기", "Remove this set from the board")
                        on:click=move |_| confirming.set(Some(ask.clone()))>"×"</button>
                }.into_any()
            }}
        </li>
    }
}

/// The catalogue's sets not yet on the board, as options of the "add" list.
fn catalogue_options(
    ctx: BoardCtx,
    catalog: RwSignal<Option<Result<Vec<CatalogSet>, String>>>,
    lang: Signal<Lang>,
) -> impl IntoView {
    move || {
        let on_board = ctx.board.with(|b| {
            b.requirements
                .iter()
                .map(|s| s.id.clone())
                .collect::<Vec<_>>()
        });
        let l = lang.get();
        catalog.with(|c| match c {
            Some(Ok(sets)) => sets
                .iter()
                .filter(|c| !on_board.contains(&c.set.id))
                .map(|c| {
                    let label = if c.builtin {
                        format!("{} · {}", c.set.name, tr(l, "기본 제공", "built in"))
                    } else {
                        c.set.name.clone()
                    };
                    view! { <option value=c.set.id.clone()>{label}</option> }
                })
                .collect_view()
                .into_any(),
            _ => ().into_any(),
        })
    }
}

/// The set chooser of the coverage section.
#[component]
pub fn RequirementSets(#[prop(into)] lang: Signal<Lang>) -> impl IntoView {
    let ctx = BoardCtx::get();
    let rows = Memo::new(move |_| {
        ctx.board.with(|b| {
            b.requirements
                .iter()
                .map(|s| (s.id.clone(), s.name.clone(), s.requirements.len()))
                .collect::<Vec<Row>>()
        })
    });
    let confirming = RwSignal::new(None::<String>);
    let catalog = RwSignal::new(None::<Result<Vec<CatalogSet>, String>>);
    let catalog_error = RwSignal::new(None::<String>);
    spawn_local(async move {
        catalog.try_set(Some(api::requirement_sets().await));
    });
    let picker = NodeRef::<leptos::html::Select>::new();
    let choose = move |ev: web_sys::Event| {
        let id = event_target_value(&ev);
        if let Some(p) = picker.get_untracked() {
            p.set_value("");
        }
        if id.is_empty() {
            return;
        }
        spawn_local(async move {
            match api::requirement_set(&id).await {
                Ok(c) => {
                    catalog_error.try_set(None);
                    add_set(ctx, &c.set);
                }
                Err(e) => _ = catalog_error.try_set(Some(e)),
            }
        });
    };
    let typing = RwSignal::new(false);
    view! {
        <div class="req-sets">
            <ul class="board-sets">
                {move || rows.get().into_iter().map(|r| set_row(ctx, r, lang, confirming)).collect_view()}
            </ul>
            {move || rows.with(|r| r.is_empty()).then(|| view! {
                <p class="empty no-sets">{move || tr(lang.get(),
                    "이 보드에는 요구사항 세트가 없어 기본 제공 음식 배달 세트로 검사합니다. 목록에서 고르거나 직접 입력하거나 JSON으로 가져오세요.",
                    "This board has no requirement set of its own, so coverage uses the built-in food-delivery set. Add one from the catalogue, type one or import a JSON file.")}</p>
            })}
            <select node_ref=picker class="field add-catalog-set" on:change=choose
                aria-label=move || tr(lang.get(), "목록에서 세트 추가", "Add a set from the catalogue")>
                <option value="" selected=true>{move || match catalog.with(|c| c.as_ref().map(|c| c.is_ok())) {
                    None => tr(lang.get(), "세트 목록을 불러오는 중…", "Loading the catalogue…"),
                    Some(false) => tr(lang.get(), "세트 목록을 불러오지 못했습니다", "The catalogue cannot be loaded"),
                    Some(true) => tr(lang.get(), "목록에서 세트 추가…", "Add a set from the catalogue…"),
                }}</option>
                {catalogue_options(ctx, catalog, lang)}
            </select>
            {move || catalog_error.get().map(|e| view! { <p class="set-error catalog-error" role="alert">{e}</p> })}
            <div class="set-buttons">
                <button class="type-set-toggle" class:on=move || typing.get() on:click=move |_| typing.update(|t| *t = !*t)>
                    {move || tr(lang.get(), "직접 입력", "Type a set")}
                </button>
                <ImportSet lang=lang />
            </div>
            <Show when=move || typing.get()>
                <TypedSetForm lang=lang open=typing />
            </Show>
        </div>
    }
}
