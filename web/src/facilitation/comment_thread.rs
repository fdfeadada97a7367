//! A sticky's comment thread: a side panel opened from the sticky's comment badge, the
//! inspector or the C key. Everyone sees who wrote what and when; the author (this browser's
//! author key) may edit or delete their own comments. Limits and ownership rules are
//! `stormwall_model::comments`; the server does not check ownership.

use leptos::prelude::*;
use stormwall_model::comments::{self, Comment};
use stormwall_model::doc;

use super::annotations::Annotations;
use crate::history::authorship_hint::when;
use crate::shell::ids::new_id;
use crate::shell::lazy_panel::lazy_panel;
use crate::shell::state::BoardCtx;

/// The inspector's way into the thread of sticky `id`.
#[component]
pub fn CommentsButton(id: String) -> impl IntoView {
    let w = Annotations::get();
    let count = {
        let id = id.clone();
        Memo::new(move |_| w.marks.with(|m| m.comments.get(&id).copied().unwrap_or(0)))
    };
    view! {
        <button class="open-comments" title="Open the comment thread (C)" on:click=move |_| w.thread.set(Some(id.clone()))>
            {move || format!("Comments ({})", count.get())}
        </button>
    }
}

/// The comment thread of the sticky chosen in [`Annotations::thread`], when it exists.
#[component]
pub fn CommentThread() -> impl IntoView {
    let ctx = BoardCtx::get();
    let w = Annotations::get();
    let shown = Memo::new(move |_| {
        w.thread
            .get()
            .filter(|id| ctx.board.with(|b| b.sticky(id).is_some()))
    });
    move || {
        shown
            .get()
            .map(|id| lazy_panel(preload, move || split(id.clone())))
    }
}

/// A sticky's comment thread, from its own chunk (`shell::lazy_panel`).
#[wasm_split_helpers::wasm_split(comment_thread, fallible, preload(preload))]
pub(crate) fn split(id: String) -> Result<AnyView, wasm_split_helpers::SplitLoaderError> {
    Ok(view! { <Thread id=id /> }.into_any())
}

fn now() -> u64 {
    js_sys::Date::now() as u64
}

#[component]
fn Thread(id: String) -> impl IntoView {
    let ctx = BoardCtx::get();
    let w = Annotations::get();
    let comments = {
        let id = id.clone();
        Memo::new(move |_| {
            ctx.board.with(|b| {
                comments::thread(b, &id)
                    .into_iter()
                    .cloned()
                    .collect::<Vec<Comment>>()
            })
        })
    };
    let title = {
        let id = id.clone();
        move || {
            ctx.board
                .with(|b| b.sticky(&id).map(|s| s.text.clone()).unwrap_or_default())
        }
    };
    let draft = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let editing = RwSignal::new(None::<(String, String)>);
    let add = {
        let id = id.clone();
        move |ev: web_sys::SubmitEvent| {
            ev.prevent_default();
            let checked = comments::clean_text(&draft.get_untracked()).and_then(|text| {
                ctx.board
                    .with_untracked(|b| comments::room_for_one_more(b, &id))
                    .map(|_| text)
            });
            match checked {
                Ok(text) => {
                    let c = Comment {
                        id: new_id('c'),
                        sticky: id.clone(),
                        author: stormwall_model::authorship::bounded_name(
                            &w.me.get_untracked().name,
                        ),
                        author_key: w.key.get_value(),
                        at: now(),
                        edited_at: None,
                        text,
                    };
                    ctx.edit(|r, txn| doc::put_comment(r, txn, &c));
                    draft.set(String::new());
                    error.set(None);
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    };
    let save = move |cid: String| {
        let Some((_, text)) = editing.get_untracked() else {
            return;
        };
        let mine = ctx.board.with_untracked(|b| {
            b.comments
                .iter()
                .any(|c| c.id == cid && comments::may_change(c, &w.key.get_value()))
        });
        let checked = if mine {
            comments::clean_text(&text)
        } else {
            Err(comments::CommentError::NotYours)
        };
        match checked {
            Ok(text) => {
                ctx.edit(|r, txn| _ = doc::edit_comment(r, txn, &cid, &text, now()));
                editing.set(None);
                error.set(None);
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let row = move |c: Comment| {
        let mine = comments::may_change(&c, &w.key.get_value());
        let cid = c.id.clone();
        // A memo: typing in the edit box changes `editing` but must not rebuild the box.
        let is_editing = {
            let cid = cid.clone();
            Memo::new(move |_| editing.with(|e| e.as_ref().is_some_and(|(x, _)| *x == cid)))
        };
        let body = {
            let (cid, text) = (cid.clone(), c.text.clone());
            move || {
                if is_editing.get() {
                    let cid = cid.clone();
                    view! {
                        <textarea class="comment-edit" aria-label="Edit your comment"
                            prop:value=move || editing.with(|e| e.as_ref().map(|e| e.1.clone()).unwrap_or_default())
                            on:input=move |ev| { let v = event_target_value(&ev); editing.update(|e| if let Some(e) = e { e.1 = v }) }></textarea>
                        <div class="comment-actions">
                            <button class="save-comment" on:click=move |_| save(cid.clone())>"Save"</button>
                            <button class="cancel-comment" on:click=move |_| editing.set(None)>"Cancel"</button>
                        </div>
                    }
                    .into_any()
                } else {
                    view! { <p class="comment-text" dir="auto">{text.clone()}</p> }.into_any()
                }
            }
        };
        let actions = mine.then(|| {
            let (cid, text) = (cid.clone(), c.text.clone());
            let del = cid.clone();
            move || {
                (!is_editing.get()).then(|| {
                    let (cid, text, del) = (cid.clone(), text.clone(), del.clone());
                    view! {
                        <div class="comment-actions">
                            <button class="edit-comment" on:click=move |_| editing.set(Some((cid.clone(), text.clone())))>"Edit"</button>
                            <button class="delete-comment" on:click=move |_| ctx.edit(|r, txn| doc::remove_comment(r, txn, &del))>"Delete"</button>
                        </div>
                    }
                })
            }
        });
        view! {
            <li class="comment" class:mine=mine data-id=c.id.clone()>
                <div class="comment-head">
                    <b class="comment-author" dir="auto">{c.author.clone()}</b>
                    <time class="comment-time">{when(c.at)}</time>
                    {c.edited_at.map(|t| view! { <span class="comment-edited" title=when(t)>"(edited)"</span> })}
                </div>
                {body}
                {actions}
            </li>
        }
    };
    view! {
        <section class="panel comment-thread" aria-label="Comments">
            <header class="panel-head">
                <h2>"Comments · 댓글"</h2>
                <button class="close" title="Close the comments (C)" aria-label="Close the comments" on:click=move |_| w.thread.set(None)>"×"</button>
            </header>
            <p class="thread-on" dir="auto">{title}</p>
            <ul class="comments">
                {move || comments.get().into_iter().map(row).collect_view()}
            </ul>
            {move || comments.with(Vec::is_empty).then(|| view! { <p class="empty">"No comments yet."</p> })}
            {move || error.get().map(|e| view! { <p class="comment-error" role="alert">{e}</p> })}
            <form class="add-comment" on:submit=add>
                <textarea class="comment-input" placeholder="Add a comment…" aria-label="New comment" dir="auto"
                    prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev))></textarea>
                <button type="submit">"Comment"</button>
            </form>
        </section>
    }
}
