use super::*;
use proptest::prelude::*;
use yrs::any::Number;
use yrs::types::ToJson;
use yrs::updates::decoder::Decode;
use yrs::{Any, Array, Doc, Map, ReadTxn, StateVector, Transact, Update};

/// lib0 varUint.
fn var(mut n: u64, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push((n as u8 & 0x7f) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// An update with one item of lib0 values under root map "m", key "k": `value` is the raw
/// encoding of one value.
fn update_with_value(value: &[u8]) -> Vec<u8> {
    let mut u = vec![1, 1]; // one client, one block
    var(7, &mut u); // client
    var(0, &mut u); // clock
    u.push(8 | HAS_PARENT_SUB); // lib0 values, parent by name, with a key
    var(1, &mut u);
    var(1, &mut u);
    u.push(b'm');
    var(1, &mut u);
    u.push(b'k');
    var(1, &mut u); // one value
    u.extend_from_slice(value);
    u.push(0); // empty delete set
    u
}

/// An array nested `depth` levels deep around a null.
fn nested_array(depth: usize) -> Vec<u8> {
    let mut v = Vec::with_capacity(depth * 2 + 1);
    for _ in 0..depth {
        v.extend_from_slice(&[117, 1]);
    }
    v.push(126);
    v
}

#[test]
fn a_2_kb_update_nested_a_thousand_levels_is_refused() {
    let u = update_with_value(&nested_array(1000));
    assert!(u.len() < 2100, "{}", u.len());
    assert_eq!(check_update(&u), Err(Refusal::TooDeep));
}

#[test]
fn a_2_mb_update_nested_a_million_levels_is_refused() {
    let u = update_with_value(&nested_array(1_000_000));
    assert!(u.len() > 2_000_000);
    assert_eq!(check_update(&u), Err(Refusal::TooDeep));
}

#[test]
fn nesting_at_the_limit_passes_and_decodes() {
    let u = update_with_value(&nested_array(MAX_NESTING));
    assert_eq!(check_update(&u), Ok(()));
    let doc = Doc::new();
    doc.transact_mut()
        .apply_update(Update::decode_v1(&u).unwrap())
        .unwrap();
    assert_eq!(
        check_update(&update_with_value(&nested_array(MAX_NESTING + 1))),
        Err(Refusal::TooDeep)
    );
}

#[test]
fn deep_maps_are_refused_too() {
    let mut v = Vec::new();
    for _ in 0..100 {
        v.extend_from_slice(&[118, 1, 1, b'a']);
    }
    v.push(126);
    assert_eq!(check_update(&update_with_value(&v)), Err(Refusal::TooDeep));
}

#[test]
fn deep_json_embeds_and_awareness_states_are_refused() {
    let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
    assert_eq!(check_json(&deep), Err(Refusal::TooDeep));
    assert_eq!(
        check_json(
            r#"{"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}"#
        ),
        Ok(())
    );
    assert_eq!(
        check_json(
            r#"{"a":"\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}"#
        ),
        Ok(())
    );
    // An awareness update: one client, clock 1, the JSON text.
    let mut a = Vec::new();
    var(1, &mut a);
    var(9, &mut a);
    var(1, &mut a);
    var(deep.len() as u64, &mut a);
    a.extend_from_slice(deep.as_bytes());
    assert_eq!(check_awareness(&a, 1 << 20), Err(Refusal::TooDeep));
    assert_eq!(check_awareness(&a, 10), Err(Refusal::StateTooLarge(10)));
    let mut frame = vec![1];
    var(a.len() as u64, &mut frame);
    frame.extend_from_slice(&a);
    assert_eq!(check_frame(&frame, 1 << 20), Err(Refusal::TooDeep));
}

#[test]
fn declared_counts_beyond_the_message_are_refused() {
    // 2^31 clients declared in a six-byte update.
    assert_eq!(check_update(&[0x80, 0x80, 0x80, 0x80, 0x08, 0]), Err(COUNT));
    // A state vector declaring a billion entries.
    assert_eq!(
        check_state_vector(&[0x80, 0x94, 0xeb, 0xdc, 0x03]),
        Err(COUNT)
    );
    // An array of a million values in a few bytes.
    assert_eq!(
        check_update(&update_with_value(&[117, 0xc0, 0x84, 0x3d])),
        Err(COUNT)
    );
}

#[test]
fn wide_client_ids_and_overflowing_clocks_are_refused() {
    let mut sv = Vec::new();
    var(1, &mut sv);
    var(1 << 53, &mut sv);
    var(1, &mut sv);
    assert_eq!(check_state_vector(&sv), Err(Refusal::ClientId));
    // A delete range whose end passes 2^32.
    let mut u = vec![0];
    var(1, &mut u);
    var(5, &mut u);
    var(1, &mut u);
    var(u32::MAX as u64, &mut u);
    var(2, &mut u);
    assert_eq!(check_update(&u), Err(Refusal::Clock));
    // A block starting near the end of the clock space.
    let mut u = vec![1, 1];
    var(7, &mut u);
    var(u32::MAX as u64, &mut u);
    u.extend_from_slice(&[GC, 2, 0]);
    assert_eq!(check_update(&u), Err(Refusal::Clock));
}

#[test]
fn truncated_and_unknown_content_is_refused_not_a_panic() {
    let u = update_with_value(&nested_array(3));
    for cut in 0..u.len() - 1 {
        assert!(check_update(&u[..cut]).is_err(), "cut at {cut}");
    }
    assert!(check_update(&update_with_value(&[99])).is_err());
}

/// A document like the board's: maps, arrays, text and lib0 values a few levels deep.
fn any_value(depth: u32) -> impl Strategy<Value = Any> {
    let leaf = prop_oneof![
        Just(Any::Null),
        any::<bool>().prop_map(Any::Bool),
        any::<i64>().prop_map(|n| Any::Number(Number::Int(n))),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| Any::Number(Number::Float(f))),
        "[a-z가-힣 ]{0,12}".prop_map(|s| Any::String(s.into())),
        proptest::collection::vec(any::<u8>(), 0..8).prop_map(|b| Any::Buffer(b.into())),
    ];
    leaf.prop_recursive(depth, 64, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Any::from),
            proptest::collection::hash_map("[a-z]{1,6}", inner, 0..6)
                .prop_map(|m| Any::Map(std::sync::Arc::new(m))),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Everything the engine itself encodes within the nesting limit passes the check, so the
    /// check never refuses a legitimate client.
    #[test]
    fn what_the_engine_encodes_passes(values in proptest::collection::vec(any_value(8), 1..6), text in "[a-z가-힣\u{1F600} ]{0,20}") {
        let doc = Doc::with_client_id(42);
        let map = doc.get_or_insert_map("board");
        let list = doc.get_or_insert_array("list");
        {
            let mut txn = doc.transact_mut();
            for (i, v) in values.iter().enumerate() {
                map.insert(&mut txn, format!("k{i}"), v.clone());
                list.push_back(&mut txn, v.clone());
            }
            let t = map.insert(&mut txn, "text", yrs::TextPrelim::new(text.clone()));
            let _ = t;
            list.remove_range(&mut txn, 0, 1);
        }
        let update = doc.transact().encode_state_as_update_v1(&StateVector::default());
        prop_assert_eq!(check_update(&update), Ok(()));
        let json = map.to_json(&doc.transact());
        let mut s = String::new();
        json.to_json(&mut s);
        prop_assert_eq!(check_json(&s), Ok(()));
    }
}

/// An update adding `n` maps, each inside the one before, under root map "r".
fn chain_of_maps(n: u32) -> Vec<u8> {
    let mut u = vec![1];
    var(n as u64, &mut u);
    var(9, &mut u); // client
    var(0, &mut u); // clock
    for i in 0..n {
        if i == 0 {
            u.extend_from_slice(&[7 | HAS_PARENT_SUB, 1, 1, b'r', 1, b'k', 1]);
        } else {
            u.push(7 | HAS_PARENT_SUB);
            var(0, &mut u); // parent is an item
            var(9, &mut u);
            var((i - 1) as u64, &mut u);
            u.extend_from_slice(&[1, b'k', 1]); // key "k", a map
        }
    }
    u.push(0);
    u
}

#[test]
fn chains_of_nested_types_in_one_update_are_refused() {
    assert_eq!(
        inspect_update(&chain_of_maps(MAX_NESTING as u32)),
        Ok(UpdateShape::default())
    );
    assert_eq!(
        inspect_update(&chain_of_maps(10_000)),
        Err(Refusal::TooDeep)
    );
    // What the engine makes of the accepted chain is what the board model can measure.
    let doc = Doc::new();
    doc.transact_mut()
        .apply_update(Update::decode_v1(&chain_of_maps(MAX_NESTING as u32)).unwrap())
        .unwrap();
    assert_eq!(
        crate::doc::deepest_type(&doc.transact(), 100),
        MAX_NESTING + 1
    );
}

#[test]
fn a_type_hung_on_an_existing_item_must_be_measured_in_the_document() {
    let mut u = vec![1, 1];
    var(9, &mut u);
    var(50, &mut u);
    u.push(7 | HAS_PARENT_SUB);
    var(0, &mut u);
    var(9, &mut u);
    var(49, &mut u);
    u.extend_from_slice(&[1, b'k', 1, 0]);
    assert_eq!(
        inspect_update(&u),
        Ok(UpdateShape {
            nests_into_document: true
        })
    );
}

/// Found by fuzzing: the engine decodes legacy JSON content as one string more than it
/// encodes, so a board holding it would re-encode into a full state no joiner can decode.
#[test]
fn legacy_json_content_is_refused() {
    let mut u = vec![1, 1];
    var(8703, &mut u);
    var(4294967040, &mut u);
    u.push(2 | HAS_PARENT_SUB);
    var(1, &mut u);
    var(2, &mut u);
    u.extend_from_slice(&[0, 0]);
    var(0, &mut u); // key ""
    var(0, &mut u); // count 0, yet the engine reads one string
    var(4, &mut u);
    u.extend_from_slice(b"null");
    u.push(0);
    assert!(matches!(check_update(&u), Err(Refusal::Malformed(_))));
    // What the engine makes of it does not decode again: the reason for refusing.
    let doc = Doc::new();
    doc.transact_mut()
        .apply_update(Update::decode_v1(&u).unwrap())
        .unwrap();
    let full = doc
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    let again = Doc::new();
    let reread = Update::decode_v1(&full).map(|u| again.transact_mut().apply_update(u));
    assert!(
        !matches!(reread, Ok(Ok(())))
            || again.transact().state_vector() != doc.transact().state_vector()
    );
}
