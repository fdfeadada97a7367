//! How deeply shared types (maps, arrays, texts, XML) nest in a document, measured with an
//! explicit stack. The document engine deletes a nested type by recursing into its children,
//! so a chain of thousands of nested maps — built a few levels per update by a hostile client
//! and then deleted — would overflow the server's stack. The room measures the nesting after
//! every update that adds a shared type where it cannot tell the depth from the update alone
//! (see `protocol::inspect::UpdateShape`), and refuses documents deeper than
//! [`crate::protocol::MAX_NESTING`].

use yrs::branch::{Branch, BranchPtr};
use yrs::types::text::YChange;
use yrs::types::xml::XmlTextRef;
use yrs::types::Text;
use yrs::{Array, ArrayRef, Map, MapRef, Out, ReadTxn, TextRef};

/// The deepest nesting of shared types under any root (a root is 1), stopping early once it
/// passes `limit`.
pub fn deepest_type<T: ReadTxn>(txn: &T, limit: usize) -> usize {
    let mut stack: Vec<(Out, usize)> = txn.root_refs().map(|(_, v)| (v, 1)).collect();
    let mut deepest = 0;
    while let Some((value, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        if deepest > limit {
            break;
        }
        for child in children(txn, &value) {
            if is_shared_type(&child) {
                stack.push((child, depth + 1));
            }
        }
    }
    deepest
}

fn is_shared_type(v: &Out) -> bool {
    !matches!(v, Out::Any(_) | Out::YDoc(_))
}

/// The values directly inside a shared type.
fn children<T: ReadTxn>(txn: &T, value: &Out) -> Vec<Out> {
    let branch: BranchPtr = match value {
        Out::Any(_) | Out::YDoc(_) => return Vec::new(),
        Out::YText(t) => return embeds(txn, t),
        Out::YXmlText(t) => return xml_embeds(txn, t),
        Out::YMap(m) => BranchPtr::from(AsRef::<Branch>::as_ref(m)),
        Out::YArray(a) => BranchPtr::from(AsRef::<Branch>::as_ref(a)),
        Out::YXmlElement(e) => BranchPtr::from(AsRef::<Branch>::as_ref(e)),
        Out::YXmlFragment(f) => BranchPtr::from(AsRef::<Branch>::as_ref(f)),
        Out::UndefinedRef(b) => *b,
    };
    // Any branch keeps keyed entries and a sequence; look at both.
    let mut out: Vec<Out> = MapRef::from(branch).iter(txn).map(|(_, v)| v).collect();
    out.extend(ArrayRef::from(branch).iter(txn));
    out
}

fn embeds<T: ReadTxn>(txn: &T, t: &TextRef) -> Vec<Out> {
    t.diff(txn, YChange::identity)
        .into_iter()
        .map(|d| d.insert)
        .collect()
}

fn xml_embeds<T: ReadTxn>(txn: &T, t: &XmlTextRef) -> Vec<Out> {
    t.diff(txn, YChange::identity)
        .into_iter()
        .map(|d| d.insert)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::{Array, Doc, Map, MapPrelim, Transact};

    #[test]
    fn measures_maps_arrays_and_text_embeds() {
        let doc = Doc::new();
        let root = doc.get_or_insert_map("board");
        let text = doc.get_or_insert_text("notes");
        {
            let mut txn = doc.transact_mut();
            root.insert(&mut txn, "plain", 1);
            let mut m = root.insert(&mut txn, "a", MapPrelim::default());
            for i in 0..5 {
                m = m.insert(&mut txn, format!("k{i}"), MapPrelim::default());
            }
            let arr = m.insert(&mut txn, "list", yrs::ArrayPrelim::default());
            arr.push_back(&mut txn, MapPrelim::default());
            text.insert(&mut txn, 0, "hello");
            text.insert_embed(&mut txn, 5, MapPrelim::default());
        }
        // board(1) > a(2) > k0..k4 (3..7) > list(8) > map(9)
        assert_eq!(deepest_type(&doc.transact(), 100), 9);
        assert!(deepest_type(&doc.transact(), 4) > 4);
    }

    #[test]
    fn a_long_chain_is_measured_without_recursion() {
        let doc = Doc::new();
        let root = doc.get_or_insert_map("x");
        {
            let mut txn = doc.transact_mut();
            let mut m = root.insert(&mut txn, "k", MapPrelim::default());
            for _ in 0..20_000 {
                m = m.insert(&mut txn, "k", MapPrelim::default());
            }
        }
        let deepest = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || deepest_type(&doc.transact(), usize::MAX))
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(deepest, 20_002);
    }
}
