//! Values many views read that are derived from state changing many times a second, such as
//! the board snapshot while people type. A memo would do, but a memo tells everything
//! downstream to check itself whenever its sources change, even when its value stays the
//! same: on a big board, hundreds of sticky elements would be asked after every keystroke
//! anyone makes. A settled value is a signal written only when the value really changes.

use leptos::prelude::*;

/// A signal of `derive`'s value, kept up to date by an effect that writes it only when the
/// value changed. It follows its sources a microtask later than a memo would, before the next
/// frame is drawn.
pub fn settled<T>(derive: impl Fn() -> T + 'static) -> ReadSignal<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    let value = RwSignal::new(untrack(&derive));
    Effect::new(move |_| {
        let now = derive();
        if value.with_untracked(|v| *v != now) {
            value.set(now);
        }
    });
    value.read_only()
}
