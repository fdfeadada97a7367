//! A text area bound to live shared text that is safe for IME input (Korean, Japanese,
//! Chinese): while the user composes a syllable nothing is written or overwritten; the
//! composed text is written once composition ends. Remote changes show up otherwise.

use leptos::html::Textarea;
use leptos::prelude::*;

/// A text area showing `value` and reporting every committed change to `on_change`.
#[component]
pub fn ImeTextArea(
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(into)] class: String,
    #[prop(into)] label: Signal<String>,
    #[prop(optional, into)] placeholder: String,
    #[prop(optional, into)] id: Option<String>,
    /// Take the focus when shown, with the caret at the end.
    #[prop(optional)]
    autofocus: bool,
    /// With `autofocus`, where to put the caret instead (UTF-16 offset).
    #[prop(default = None)]
    caret: Option<u32>,
) -> impl IntoView {
    let el = NodeRef::<Textarea>::new();
    let composing = RwSignal::new(false);
    Effect::new(move |_| {
        let text = value.get();
        if let Some(t) = el.get() {
            if !composing.get_untracked() && t.value() != text {
                t.set_value(&text);
            }
        }
    });
    // After the value is in place, so the caret lands in the text.
    if autofocus {
        Effect::new(move |_| {
            if let Some(t) = el.get() {
                let text = value.get_untracked();
                if t.value() != text {
                    t.set_value(&text);
                }
                // Without scrolling: the canvas must never scroll under the board.
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = t.focus_with_options(&options);
                let end = t.value().encode_utf16().count() as u32;
                let at = caret.map_or(end, |c| c.min(end));
                let _ = t.set_selection_range(at, at);
            }
        });
    }
    view! {
        <textarea
            node_ref=el
            id=id
            class=class
            placeholder=placeholder
            aria-label=label
            on:input=move |ev| if !composing.get_untracked() { on_change.run(event_target_value(&ev)) }
            on:compositionstart=move |_| composing.set(true)
            on:compositionend=move |ev| {
                composing.set(false);
                on_change.run(event_target_value(&ev));
            }
        ></textarea>
    }
}
