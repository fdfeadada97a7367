//! Replay: the workshop played back on a timeline slider, one step per checkpoint (oldest
//! first) and the board as it is now last. Each state is fetched and decoded once and drawn
//! once onto a canvas of its own, all in one view that holds every state, so scrubbing only
//! copies a finished picture — smooth even on big boards. Exports the same steps as an
//! animated SVG timelapse for the retrospective.

use leptos::prelude::*;
use leptos::task::spawn_local;
use stormwall_model::{svg, Board};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::authorship_hint::when;
use super::checkpoints::{self, Checkpoint};
use super::history_panel::Access;
use crate::files::{browser_files, image};
use crate::shell::state::BoardCtx;

/// Size of the replay's pictures, in pixels.
const WIDTH: u32 = 960;
const HEIGHT: u32 = 540;
/// The most steps replayed (evenly spread over the history when there are more).
const MAX_STEPS: usize = 40;
/// How long each step shows while playing, and in the timelapse.
const STEP_MS: u32 = 500;

/// At most `MAX_STEPS` of `items`, evenly spread, keeping the first and the last.
fn spread<T: Clone>(items: &[T]) -> Vec<T> {
    if items.len() <= MAX_STEPS {
        return items.to_vec();
    }
    let last = items.len() - 1;
    (0..MAX_STEPS)
        .map(|i| items[i * last / (MAX_STEPS - 1)].clone())
        .collect()
}

fn canvas_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    crate::canvas::drawing_context::of(canvas, "2d")
}

/// A canvas holding `b` drawn in the shared `view`.
async fn picture(b: &Board, view: (f64, f64, f64, f64)) -> Result<HtmlCanvasElement, String> {
    let img = image::decode(&svg::render_within(b, view).svg).await?;
    let canvas: HtmlCanvasElement = document()
        .create_element("canvas")
        .ok()
        .and_then(|c| c.dyn_into().ok())
        .ok_or("no canvas support")?;
    canvas.set_width(WIDTH);
    canvas.set_height(HEIGHT);
    let g = canvas_2d(&canvas).ok_or("no canvas support")?;
    let scale = (f64::from(WIDTH) / view.2).min(f64::from(HEIGHT) / view.3);
    let (w, h) = (view.2 * scale, view.3 * scale);
    g.set_fill_style_str("#ffffff");
    g.fill_rect(0.0, 0.0, f64::from(WIDTH), f64::from(HEIGHT));
    g.draw_image_with_html_image_element_and_dw_and_dh(
        &img,
        (f64::from(WIDTH) - w) / 2.0,
        (f64::from(HEIGHT) - h) / 2.0,
        w,
        h,
    )
    .map_err(|_| "the browser could not draw the board")?;
    Ok(canvas)
}

/// The replay over `checkpoints` (newest first, as listed).
#[component]
pub fn Replay(access: Access, checkpoints: Vec<Checkpoint>, close: Callback<()>) -> impl IntoView {
    let ctx = BoardCtx::get();
    let mut oldest_first = checkpoints;
    oldest_first.reverse();
    let steps = spread(&oldest_first);
    let total = steps.len() + 1;
    let states = StoredValue::new(Vec::<(String, Board)>::new());
    let pictures = StoredValue::new_local(Vec::<HtmlCanvasElement>::new());
    let ready = RwSignal::new(0usize);
    let at = RwSignal::new(0usize);
    let error = RwSignal::new(None::<String>);
    let playing = RwSignal::new(false);
    let screen = NodeRef::<leptos::html::Canvas>::new();

    spawn_local(async move {
        let (board, key) = (access.board.get_value(), access.key.get_value());
        let mut got = Vec::with_capacity(total);
        for c in &steps {
            let caption = match &c.name {
                Some(n) => format!("{} · {n}", when(c.millis())),
                None => when(c.millis()),
            };
            match checkpoints::state(&board, &key, &c.id).await {
                Ok(b) => got.push((caption, b)),
                Err(e) => return error.set(Some(format!("The replay cannot load a step: {e}"))),
            }
        }
        got.push(("now".to_string(), ctx.board.get_untracked()));
        let view = svg::timelapse_view(got.iter().map(|(_, b)| b));
        for (i, (_, b)) in got.iter().enumerate() {
            match picture(b, view).await {
                Ok(c) => pictures.update_value(|p| p.push(c)),
                Err(e) => return error.set(Some(format!("The replay cannot draw a step: {e}"))),
            }
            ready.set(i + 1);
        }
        states.set_value(got);
        at.set(total - 1);
    });

    // Scrubbing copies the step's finished picture onto the screen.
    Effect::new(move |_| {
        let i = at.get();
        let _ = ready.get();
        let Some(screen) = screen.get() else { return };
        pictures.with_value(|p| {
            if let (Some(pic), Some(g)) = (p.get(i), canvas_2d(&screen)) {
                let _ = g.draw_image_with_html_canvas_element(pic, 0.0, 0.0);
            }
        });
    });
    let timer = StoredValue::new(None::<IntervalHandle>);
    let stop = move || {
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        timer.set_value(None);
        playing.set(false);
    };
    on_cleanup(stop);
    let play = move |_| {
        if playing.get_untracked() {
            return stop();
        }
        if at.get_untracked() + 1 >= total {
            at.set(0);
        }
        playing.set(true);
        let h = set_interval_with_handle(
            move || {
                if at.get_untracked() + 1 >= total {
                    stop();
                } else {
                    at.update(|a| *a += 1);
                }
            },
            std::time::Duration::from_millis(u64::from(STEP_MS)),
        );
        timer.set_value(h.ok());
    };
    let export = move |_| {
        let frames = states.get_value();
        let picture = svg::timelapse(&frames, f64::from(STEP_MS) / 1000.0);
        let name = ctx
            .board
            .with_untracked(|b| browser_files::file_stem(&b.name));
        if browser_files::download(
            &format!("{name}-timelapse.svg"),
            "image/svg+xml",
            &picture.svg,
        )
        .is_err()
        {
            error.set(Some("The timelapse could not be saved.".into()));
        }
    };
    let loaded = move || ready.get() == total;
    let caption = move || {
        let i = at.get();
        states.with_value(|s| s.get(i).map(|(c, _)| c.clone()))
    };

    view! {
        <div class="history-overlay replay" role="dialog" aria-label="Replay">
            <header class="overlay-head">
                <h2>"Replay"</h2>
                <span class="replay-caption">{caption}</span>
                <button class="replay-export" disabled=move || !loaded() on:click=export>"Export timelapse (SVG)"</button>
                <button class="close" title="Close the replay" on:click=move |_| close.run(())>"×"</button>
            </header>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || (!loaded() && error.get().is_none()).then(|| view! {
                <p class="empty" role="status">{move || format!("Preparing the replay… {} of {total} steps", ready.get())}</p>
            })}
            <canvas class="replay-screen" width=WIDTH.to_string() height=HEIGHT.to_string() node_ref=screen></canvas>
            <div class="replay-controls">
                <button class="replay-play" disabled=move || !loaded() on:click=play>{move || if playing.get() { "❚❚ Pause" } else { "▶ Play" }}</button>
                <input class="replay-slider" type="range" min="0" max=(total - 1).to_string() step="1" aria-label="Step of the workshop"
                    disabled=move || !loaded()
                    prop:value=move || at.get().to_string()
                    on:input=move |ev| at.set(event_target_value(&ev).parse().unwrap_or(0)) />
                <span class="muted">{move || format!("{} / {total}", at.get() + 1)}</span>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_histories_are_spread_keeping_both_ends() {
        let short: Vec<u32> = (0..5).collect();
        assert_eq!(spread(&short), short);
        let long: Vec<usize> = (0..1000).collect();
        let s = spread(&long);
        assert_eq!(s.len(), MAX_STEPS);
        assert_eq!((s[0], s[MAX_STEPS - 1]), (0, 999));
        assert!(s.windows(2).all(|w| w[0] < w[1]));
    }
}
