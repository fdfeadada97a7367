//! Requirement sets the team brings: typed in a small form (a name and one requirement a
//! line, each bad line reported next to the text by its number, the text kept), or imported
//! from a JSON file in the upload format, read in the model worker (the JSON path of a problem
//! shown by the button).

use leptos::prelude::*;
use leptos::task::spawn_local;
use stormwall_model::lang::grammar::{with_particle, Particle};
use stormwall_model::model_worker::{Job, SetRead};
use stormwall_model::requirements::{unique_set_id, LineError};
use stormwall_model::{Lang, RequirementSet};

use crate::files::browser_files;
use crate::requirements::requirement_sets::{add_set, board_set_ids, tr};
use crate::shell::model_worker;
use crate::shell::state::BoardCtx;

const EXAMPLE: &str =
    "FR1: 고객은 주문을 취소할 수 있다\nNFR2 [performance]: 주문 상태는 1초 안에 보인다";

/// The "type a set" form; `open` closes it once the set is added.
#[component]
pub fn TypedSetForm(#[prop(into)] lang: Signal<Lang>, open: RwSignal<bool>) -> impl IntoView {
    let ctx = BoardCtx::get();
    let name = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<LineError>::new());
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let taken = board_set_ids(ctx);
        let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
        match RequirementSet::from_lines(&name.get_untracked(), &text.get_untracked(), &taken) {
            Ok(set) => {
                errors.set(Vec::new());
                add_set(ctx, &set);
                open.set(false);
            }
            Err(e) => errors.set(e),
        }
    };
    let describe = move |name_field: bool| {
        let l = lang.get();
        errors.with(|es| {
            es.iter()
                .filter(|e| e.name == name_field)
                .map(|e| view! { <li data-line=e.line.map(|n| n.to_string())>{e.describe(l)}</li> })
                .collect_view()
        })
    };
    let has = move |name_field: bool| errors.with(|es| es.iter().any(|e| e.name == name_field));
    view! {
        <form class="typed-set" on:submit=submit>
            <label class="field-label" for="typed-set-name">{move || tr(lang.get(), "세트 이름", "Set name")}</label>
            <input id="typed-set-name" class="field" class:invalid=move || has(true)
                placeholder=move || tr(lang.get(), "예: 주문 요구사항", "e.g. Ordering requirements")
                prop:value=name.get_untracked() on:input=move |ev| name.set(event_target_value(&ev)) />
            <ul class="field-errors name-errors" role="alert">{move || describe(true)}</ul>
            <label class="field-label" for="typed-set-text">
                {move || tr(lang.get(), "요구사항 (한 줄에 하나: ID [분류]: 내용)", "Requirements (one a line: ID [category]: text)")}
            </label>
            <textarea id="typed-set-text" class="field" class:invalid=move || has(false) rows="5" placeholder=EXAMPLE
                spellcheck="false" prop:value=text.get_untracked() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <ul class="field-errors line-errors" role="alert">{move || describe(false)}</ul>
            <p class="muted hint">{move || tr(lang.get(),
                "분류: 트랜잭션, 장애격리, 성능, 가용성, 보안, 기타 (영어 이름도 됩니다). NFR로 시작하는 ID는 비기능 요구사항입니다.",
                "Categories: transaction, fault_isolation, performance, availability, security, other (Korean names too). Ids starting with NFR are non-functional.")}</p>
            <div class="form-buttons">
                <button type="submit" class="add-typed-set">{move || tr(lang.get(), "세트 추가", "Add set")}</button>
                <button type="button" class="cancel" on:click=move |_| open.set(false)>{move || tr(lang.get(), "닫기", "Close")}</button>
            </div>
        </form>
    }
}

/// Reads an uploaded set (in the model worker), renaming it when the board already has a set
/// with its id.
async fn imported(ctx: BoardCtx, json: &str) -> Result<RequirementSet, (String, String)> {
    let read = model_worker::run::<SetRead>(Job::ReadSet, json)
        .await
        .map_err(|e| (String::new(), e))?;
    let mut set = read.map_err(|e| (e.path, e.reason))?;
    let taken = board_set_ids(ctx);
    if taken.contains(&set.id) {
        let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
        set.id = unique_set_id(&set.id, &taken);
    }
    Ok(set)
}

/// "Import JSON…": a set in the REST upload format, added to the board; a bad file shows the
/// JSON path of its first problem.
#[component]
pub fn ImportSet(#[prop(into)] lang: Signal<Lang>) -> impl IntoView {
    let ctx = BoardCtx::get();
    let picker = NodeRef::<leptos::html::Input>::new();
    // (file, JSON path, reason); an unreadable file has no path.
    let error = RwSignal::new(None::<(String, String, String)>);
    let on_file = move |_| {
        let Some(file) = picker.get().and_then(|i| i.files()).and_then(|f| f.get(0)) else {
            return;
        };
        spawn_local(async move {
            let result = match browser_files::read_text(&file).await {
                Ok(text) => imported(ctx, &text).await,
                Err(e) => Err((String::new(), e)),
            };
            match result {
                Ok(set) => {
                    error.try_set(None);
                    add_set(ctx, &set);
                }
                Err((path, reason)) => _ = error.try_set(Some((file.name(), path, reason))),
            }
            if let Some(i) = picker.get_untracked() {
                i.set_value("");
            }
        });
    };
    view! {
        <button class="import-set" on:click=move |_| if let Some(i) = picker.get() { i.click() }
            title=move || tr(lang.get(), "업로드 형식의 JSON 파일", "A JSON file in the upload format")>
            {move || tr(lang.get(), "JSON 가져오기…", "Import JSON…")}
        </button>
        <input node_ref=picker type="file" accept=".json,application/json" class="file-picker import-set-file" on:change=on_file />
        {move || error.get().map(|(file, path, reason)| view! {
            <p class="set-error import-set-error" role="alert">
                <span>{move || match lang.get() {
                    Lang::Ko => with_particle(&file, Particle::Object) + " 읽을 수 없습니다:",
                    Lang::En => format!("{file} is not a requirement set:"),
                }}</span>
                {(!path.is_empty()).then(|| view! { <code class="error-path">{path.clone()}</code> })}
                <span class="reason">{reason}</span>
                <button class="dismiss" title="Dismiss" on:click=move |_| error.set(None)>"×"</button>
            </p>
        })}
    }
}
