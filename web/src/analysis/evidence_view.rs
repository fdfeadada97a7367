//! The evidence of a coverage verdict, shown on demand under its requirement: the chain of
//! stickies that narrates it (each with its kind, text, the requirement's words it matched and
//! how it was found) and, when it is not ok, the step the model lacks. Clicking the chain
//! pans to its stickies and highlights them.

use leptos::prelude::*;
use stormwall_model::coverage::{Evidence, Found};
use stormwall_model::Lang;

use super::analysis_panel::focus;
use crate::shell::state::BoardCtx;

fn t(lang: Lang, ko: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ko => ko,
        Lang::En => en,
    }
}

fn found_label(f: Found, lang: Lang) -> &'static str {
    match f {
        Found::Linked => t(lang, "연결됨", "linked"),
        Found::Words => t(lang, "단어 일치", "words"),
        Found::Flow => t(lang, "흐름", "flow"),
    }
}

/// The toggle and, when open, the chain and its absent step.
pub fn evidence_view(ctx: BoardCtx, ev: Evidence, lang: Lang) -> impl IntoView {
    let open = RwSignal::new(false);
    let ev = StoredValue::new(ev);
    let kind_label = move |k: stormwall_model::StickyKind| match lang {
        Lang::Ko => k.label_ko(),
        Lang::En => k.label_en(),
    };
    view! {
        <div class="evidence">
            <button
                class="evidence-toggle"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || if open.get() { t(lang, "근거 숨기기", "Hide evidence") } else { t(lang, "근거 보기", "Show evidence") }}
            </button>
            {move || open.get().then(|| {
                let e = ev.get_value();
                let ids = e.stickies();
                view! {
                    <ol
                        class="evidence-chain"
                        title=t(lang, "클릭하면 보드에서 강조합니다", "Click to highlight on the board")
                        on:click=move |_| focus(ctx, ids.clone())
                    >
                        {e.chain.into_iter().map(|s| view! {
                            <li class=format!("step {}", s.kind.as_str()) data-sticky=s.sticky.clone()>
                                <span class="kind">{kind_label(s.kind)}</span>
                                <span class="text">{s.text.clone()}</span>
                                {(!s.matched.is_empty()).then(|| view! {
                                    <span class="matched">{s.matched.join(", ")}</span>
                                })}
                                <span class="found muted">{found_label(s.found, lang)}</span>
                            </li>
                        }).collect_view()}
                        {e.absent.map(|a| view! {
                            <li class="step absent" data-kind=a.kind.as_str()>
                                <span class="kind">{t(lang, "없음: ", "absent: ")}{kind_label(a.kind)}</span>
                                {(!a.wanted.is_empty()).then(|| view! {
                                    <span class="matched">{a.wanted.join(", ")}</span>
                                })}
                                <span class="msg">{a.message.get(lang).to_string()}</span>
                            </li>
                        })}
                    </ol>
                }
            })}
        </div>
    }
}
