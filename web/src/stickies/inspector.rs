//! The inspector: a side panel for the one selected sticky — its text, its kind, a colour
//! override, its attributes (name and type), its given/when/then examples and the requirements
//! it is linked to. Every change is a live edit everyone sees. It opens on demand (the
//! selection toolbar's More… or the I key) and stays open for the next selections until closed.

use leptos::prelude::*;
use stormwall_model::doc::{self, Detail};
use stormwall_model::lang::grammar::with_article;
use stormwall_model::{Attribute, Example, Sticky, StickyKind};

use crate::facilitation::comment_thread::CommentsButton;
use crate::facilitation::hotspot_status::HotspotStatusField;
use crate::requirements::requirement_links::StickyRequirements;
use crate::shell::lazy_panel::lazy_panel;
use crate::shell::panels::Panels;
use crate::shell::state::BoardCtx;
use crate::stickies::ime_text_area::ImeTextArea;
use crate::timeline::pivotal_lines::PivotalToggle;

/// The selected sticky's details, when exactly one sticky is selected.
#[component]
pub fn Inspector() -> impl IntoView {
    let ctx = BoardCtx::get();
    let open = Panels::get().inspector;
    let selected_id = Memo::new(move |_| {
        if !open.get() {
            return None;
        }
        let sel = ctx.selection.get();
        (sel.len() == 1)
            .then(|| sel[0].clone())
            .filter(|id| ctx.board.with(|b| b.sticky(id).is_some()))
    });
    move || {
        selected_id
            .get()
            .map(|id| lazy_panel(preload, move || split(id.clone())))
    }
}

/// The inspector of one sticky, from its own chunk (`shell::lazy_panel`).
#[wasm_split_helpers::wasm_split(inspector, fallible, preload(preload))]
pub(crate) fn split(id: String) -> Result<AnyView, wasm_split_helpers::SplitLoaderError> {
    Ok(view! { <StickyInspector id=id /> }.into_any())
}

fn input_value(ev: &web_sys::Event) -> String {
    event_target_value(ev)
}

#[component]
fn StickyInspector(id: String) -> impl IntoView {
    let ctx = BoardCtx::get();
    let panels = Panels::get();
    let sid = id.clone();
    let sticky = Memo::new(move |_| ctx.sticky(&sid));
    let get = move || sticky.get().unwrap_or_else(Sticky::default);
    let text = Signal::derive(move || get().text);
    let write_text = {
        let id = id.clone();
        Callback::new(move |v: String| ctx.edit(|r, t| _ = doc::set_sticky_text(r, t, &id, &v)))
    };
    let set_kind = {
        let id = id.clone();
        move |ev: web_sys::Event| {
            if let Some(k) = StickyKind::parse(&input_value(&ev)) {
                ctx.edit(|r, t| _ = doc::set_sticky_kind(r, t, &id, k));
            }
        }
    };
    let set_color = {
        let id = id.clone();
        move |c: Option<&'static str>| ctx.edit(|r, t| _ = doc::set_sticky_color(r, t, &id, c))
    };
    let remove = {
        let id = id.clone();
        Callback::new(move |(which, i): (Detail, usize)| {
            ctx.edit(|r, t| _ = doc::remove_detail(r, t, &id, which, i as u32))
        })
    };
    let (attr_name, attr_type) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let add_attr = {
        let id = id.clone();
        move |ev: web_sys::SubmitEvent| {
            ev.prevent_default();
            let a = Attribute {
                name: attr_name.get_untracked().trim().into(),
                ty: attr_type.get_untracked().trim().into(),
            };
            if !a.name.is_empty() {
                ctx.edit(|r, t| _ = doc::add_attribute(r, t, &id, &a));
                attr_name.set(String::new());
                attr_type.set(String::new());
            }
        }
    };
    let example = [
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    ];
    let requirements = view! { <StickyRequirements id=id.clone() /> };
    let kind_now = Signal::derive(move || get().kind);
    let workshop = view! {
        <HotspotStatusField id=id.clone() kind=kind_now />
        <PivotalToggle id=id.clone() kind=kind_now />
        <CommentsButton id=id.clone() />
    };
    let add_example = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let [g, w, t] = example.map(|s| s.get_untracked().trim().to_string());
        if g.is_empty() && w.is_empty() && t.is_empty() {
            return;
        }
        let e = Example {
            given: g,
            when: w,
            then: t,
        };
        ctx.edit(|r, txn| _ = doc::add_example(r, txn, &id, &e));
        example.iter().for_each(|s| s.set(String::new()));
    };
    let bound = |sig: RwSignal<String>| move |ev: web_sys::Event| sig.set(input_value(&ev));

    view! {
        <section class="panel inspector" aria-label="Sticky details">
            <header class="panel-head">
                <span class="swatch" style=move || { let s = get(); format!("background:{}", crate::legend::board_legend::fill(ctx, s.color.as_deref(), s.kind)) }></span>
                <h2>{move || format!("{} · {}", get().kind.label_en(), get().kind.label_ko())}</h2>
                <button class="close" title="Close the details (I)" aria-label="Close the details" on:click=move |_| panels.inspector.set(false)>"×"</button>
            </header>
            <label class="field-label" for="inspector-text">"Text"</label>
            <ImeTextArea id="inspector-text" value=text on_change=write_text class="field" label="Sticky text" />
            <label class="field-label" for="inspector-kind">"Kind"</label>
            <select id="inspector-kind" class="field" on:change=set_kind prop:value=move || get().kind.as_str()>
                {StickyKind::ALL.into_iter().map(|k| view! { <option value=k.as_str()>{format!("{} · {}", k.label_en(), k.label_ko())}</option> }).collect_view()}
            </select>
            <span class="field-label">"Colour"</span>
            <div class="color-row">
                {StickyKind::ALL.into_iter().map(|k| {
                    let c = k.default_color();
                    let set_color = set_color.clone();
                    view! {
                        <button class="color-choice" class:chosen=move || get().color.as_deref() == Some(c)
                            style=format!("background:{c}") title=format!("Colour of {}", with_article(k.label_en()))
                            data-color=c on:click=move |_| set_color(Some(c))></button>
                    }
                }).collect_view()}
                <button class="reset-color" disabled=move || get().color.is_none() on:click=move |_| set_color(None)>"Kind colour"</button>
            </div>
            {workshop}
            <h3>"Attributes"</h3>
            <ul class="details attributes">
                {move || get().attributes.into_iter().enumerate().map(|(i, a)| {
                    view! {
                        <li><span class="attr-name">{a.name}</span><span class="attr-type">{a.ty}</span>
                        <button class="remove" title="Remove" on:click=move |_| remove.run((Detail::Attributes, i))>"×"</button></li>
                    }
                }).collect_view()}
            </ul>
            <form class="add-row" on:submit=add_attr>
                <input class="attr-name-input" placeholder="name" prop:value=move || attr_name.get() on:input=bound(attr_name) />
                <input class="attr-type-input" placeholder="type" prop:value=move || attr_type.get() on:input=bound(attr_type) />
                <button type="submit">"Add"</button>
            </form>
            <h3>"Examples"</h3>
            <ul class="details examples">
                {move || get().examples.into_iter().enumerate().map(|(i, e)| {
                    view! {
                        <li class="example">
                            <div><b>"Given "</b>{e.given}</div><div><b>"When "</b>{e.when}</div><div><b>"Then "</b>{e.then}</div>
                            <button class="remove" title="Remove" on:click=move |_| remove.run((Detail::Examples, i))>"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="add-example" on:submit=add_example>
                {["Given", "When", "Then"].into_iter().zip(example).map(|(label, sig)| view! {
                    <input class=format!("example-{}", label.to_lowercase()) placeholder=label prop:value=move || sig.get() on:input=bound(sig) />
                }).collect_view()}
                <button type="submit">"Add example"</button>
            </form>
            {requirements}
        </section>
    }
}
