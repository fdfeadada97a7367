//! Comment rules: text limits, ownership, threads, bounds on hostile input.

use super::*;

fn comment(id: &str, sticky: &str, key: &str, at: u64, text: &str) -> Comment {
    Comment {
        id: id.into(),
        sticky: sticky.into(),
        author: format!("author of {id}"),
        author_key: key.into(),
        at,
        edited_at: None,
        text: text.into(),
    }
}

#[test]
fn hostile_text_is_kept_exactly_or_refused_clearly() {
    // Korean, right-to-left Arabic and Hebrew with bidi controls, emoji with joiners, a NUL.
    for text in [
        "결제 실패 시 재시도 정책은? 🤔",
        "مرحبا \u{202E}evil\u{202C} שלום",
        "👩‍👩‍👧‍👦 family \u{0000} nul",
        "<script>alert(1)</script>",
    ] {
        assert_eq!(clean_text(text).as_deref(), Ok(text));
    }
    assert_eq!(clean_text("  \n\t "), Err(CommentError::Empty));
    let exactly = "가".repeat(MAX_CHARS);
    assert_eq!(
        clean_text(&exactly).map(|s| s.chars().count()),
        Ok(MAX_CHARS)
    );
    let huge = "ش".repeat(1_000_000);
    assert_eq!(clean_text(&huge), Err(CommentError::TooLong(1_000_000)));
    assert!(CommentError::TooLong(5).to_string().contains("2000"));
}

#[test]
fn only_the_author_key_may_change_a_comment() {
    let c = comment("c1", "s", "key-ana", 1, "hi");
    assert!(may_change(&c, "key-ana"));
    assert!(!may_change(&c, "key-bo"));
    assert!(!may_change(&c, ""));
    let anonymous = comment("c2", "s", "", 1, "from another client");
    assert!(!may_change(&anonymous, ""));
}

#[test]
fn a_thread_is_in_time_order_and_counted_per_sticky() {
    let b = Board {
        comments: vec![
            comment("c1", "a", "k", 30, "third"),
            comment("c2", "a", "k", 10, "first"),
            comment("c3", "b", "k", 20, "other sticky"),
            comment("c0", "a", "k", 10, "first too, lower id"),
        ],
        ..Board::default()
    };
    let t: Vec<&str> = thread(&b, "a").iter().map(|c| c.id.as_str()).collect();
    assert_eq!(t, ["c0", "c2", "c1"]);
    assert_eq!(counts(&b).get("a"), Some(&3));
    assert_eq!(counts(&b).get("b"), Some(&1));
    assert!(room_for_one_more(&b, "a").is_ok());
}

#[test]
fn bounding_drops_orphans_cuts_text_and_keeps_the_oldest_per_sticky() {
    let mut v: Vec<Comment> = (0..MAX_PER_STICKY + 5)
        .map(|i| comment(&format!("c{i:04}"), "a", "k", 1000 - i as u64, "x"))
        .collect();
    v.push(comment("orphan", "gone", "k", 1, "x"));
    v.push(comment(
        "long",
        "b",
        &"k".repeat(500),
        1,
        &"é".repeat(MAX_CHARS * 3),
    ));
    bound(&mut v, |id| id != "gone");
    assert!(v.iter().all(|c| c.sticky != "gone"));
    let on_a: Vec<&Comment> = v.iter().filter(|c| c.sticky == "a").collect();
    assert_eq!(on_a.len(), MAX_PER_STICKY);
    // The newest five (lowest ids, since `at` falls as the id grows) were dropped.
    assert!(on_a.iter().all(|c| c.id.as_str() >= "c0005"));
    let long = v.iter().find(|c| c.id == "long").unwrap();
    assert_eq!(long.text.chars().count(), MAX_CHARS);
    assert_eq!(long.author_key.chars().count(), MAX_AUTHOR_CHARS);
    let b = Board {
        comments: v,
        ..Board::default()
    };
    assert_eq!(room_for_one_more(&b, "a"), Err(CommentError::TooMany));
}
