//! "created by Ana · changed by Bo, 14:05": who made a sticky and who changed it last, shown
//! as its tooltip (the `title`, which screen readers read as its description). Names come from
//! presence and are written into the document as people work ([`stormwall_model::doc::stamp`]).

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::shell::state::BoardCtx;

/// The hint of the sticky `id`, for the sticky's `title`: tracks only that sticky's changes.
pub fn hint(ctx: BoardCtx, id: String) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    let touched = ctx.live.with_value(|c| c.touched.sticky(&id));
    move || {
        touched.track();
        ctx.board
            .with_untracked(|b| b.authorship.get(&id).and_then(|a| a.describe(when)))
    }
}

/// A time as "14:05" today, "2026-11-30 14:05" another day (local time).
pub fn when(ms: u64) -> String {
    let t = js_sys::Date::new(&JsValue::from_f64(ms as f64));
    let now = js_sys::Date::new_0();
    let hm = format!("{:02}:{:02}", t.get_hours(), t.get_minutes());
    let same_day = t.get_full_year() == now.get_full_year()
        && t.get_month() == now.get_month()
        && t.get_date() == now.get_date();
    if same_day {
        hm
    } else {
        format!(
            "{}-{:02}-{:02} {hm}",
            t.get_full_year(),
            t.get_month() + 1,
            t.get_date()
        )
    }
}
