//! Tests of the SVG picture: escaping, Korean text, legend colours, link styles, selections and
//! the view box.

use super::*;
use crate::legend::LegendEntry;

fn board() -> Board {
    let mut b = Board {
        name: "Food <delivery> & co".into(),
        stickies: vec![
            Sticky::new("cmd", StickyKind::Command, "Place order", 100.0, 100.0),
            Sticky::new("agg", StickyKind::Aggregate, "Order", 300.0, 100.0),
            Sticky::new("ev", StickyKind::DomainEvent, "주문됨", 500.0, 100.0),
            Sticky {
                w: 360.0,
                ..Sticky::new(
                    "pol",
                    StickyKind::Policy,
                    "<b>alert('x')</b> & \"q\"",
                    700.0,
                    100.0,
                )
            },
        ],
        links: vec![
            Link::new("l1", "cmd", "agg"),
            Link::new("l2", "agg", "ev"),
            Link::new("l3", "ev", "pol"),
            Link {
                circuit_breaker: true,
                ..Link::new("l4", "pol", "cmd")
            },
        ],
        frames: vec![Frame {
            id: "f".into(),
            name: "주문 Ordering".into(),
            x: 60.0,
            y: 60.0,
            w: 600.0,
            h: 240.0,
            rank: Some(Rank::Core),
        }],
        ..Board::default()
    };
    b.legend.entries.insert(
        StickyKind::Aggregate,
        LegendEntry {
            color: Some("#123456".into()),
            label: Some("Entity".into()),
        },
    );
    b
}

/// The `class` group with `data-id="id"`, up to its closing tag.
fn group<'a>(svg: &'a str, class: &str, id: &str) -> &'a str {
    let start = svg
        .find(&format!(r#"<g class="{class}" data-id="{id}""#))
        .unwrap_or_else(|| panic!("no {class} {id}"));
    let rest = &svg[start..];
    let mut depth = 0;
    for (i, _) in rest.char_indices() {
        if rest[i..].starts_with("<g ") {
            depth += 1;
        } else if rest[i..].starts_with("</g>") {
            depth -= 1;
            if depth == 0 {
                return &rest[..i + 4];
            }
        }
    }
    panic!("unclosed {class} {id}")
}

#[test]
fn text_is_escaped_and_the_document_is_well_formed() {
    let p = render(&board(), None);
    assert!(p
        .svg
        .contains("<title>Food &lt;delivery&gt; &amp; co</title>"));
    assert!(p
        .svg
        .contains(">&lt;b&gt;alert(&apos;x&apos;)&lt;/b&gt; &amp; &quot;q&quot;</tspan>"));
    assert!(!p.svg.contains("<b>"));
    assert_eq!(escape("a\u{1}b\u{fffe}\tc"), "ab\tc");
    // Tags balance.
    assert_eq!(p.svg.matches("<g ").count(), p.svg.matches("</g>").count());
    assert_eq!(
        p.svg.matches("<text").count(),
        p.svg.matches("</text>").count()
    );
    assert!(p
        .svg
        .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(p.svg.ends_with("</svg>\n"));
    assert_eq!(render(&board(), None), p, "same board, same bytes");
}

#[test]
fn stickies_show_korean_text_in_their_legend_colour_and_label() {
    let p = render(&board(), None);
    let ev = group(&p.svg, "sticky", "ev");
    assert!(ev.contains(">주문됨</tspan>"));
    assert!(
        ev.contains(r##"fill="#ffa94d""##),
        "domain events are orange"
    );
    assert!(ev.contains(">DOMAIN EVENT</text>"));
    let agg = group(&p.svg, "sticky", "agg");
    assert!(agg.contains(r##"fill="#123456""##), "the legend's colour");
    assert!(agg.contains(">ENTITY</text>"), "the legend's label");
    let mut wide = board();
    wide.stickies[0].kind = StickyKind::ExternalSystem;
    let ext = render(&wide, None);
    assert!(
        group(&ext.svg, "sticky", "cmd").contains(">EXTERNAL SYSTEM</text>"),
        "fits 120 units"
    );
    assert!(group(&p.svg, "sticky", "cmd").contains(r##"fill="#74c0fc""##));
    // A sticky's own colour beats the legend.
    let mut b = board();
    b.stickies[2].color = Some("#ff00ff".into());
    assert!(group(&render(&b, None).svg, "sticky", "ev").contains(r##"fill="#ff00ff""##));
}

#[test]
fn long_text_shrinks_then_grows_the_sticky_never_cut() {
    let mut b = board();
    b.stickies[0].text = "Customer places an order for two pizzas and a salad".into();
    let p = render(&b, None);
    let cmd = group(&p.svg, "sticky", "cmd");
    let lines = cmd.matches("<tspan").count();
    assert!((3..=6).contains(&lines), "{lines} lines");
    assert!(!cmd.contains('…'), "nothing is cut");
    assert!(
        cmd.contains(r#"font-size="14""#)
            || cmd.contains(r#"font-size="13""#)
            || cmd.contains(r#"font-size="12""#),
        "smaller type: {cmd}"
    );
    // Much more text: the smallest readable size, and a taller sticky, as on the canvas.
    let long = "주문을 확정하면 가게가 주문을 접수하고 음식을 준비한 뒤 배달원에게 전달하며 \
                배달원은 고객에게 음식을 배달하고 고객은 배달과 음식을 평가한다";
    b.stickies[0].text = long.into();
    let p = render(&b, None);
    let cmd = group(&p.svg, "sticky", "cmd");
    let fitted = crate::fit::of(&b.stickies[0]);
    assert!(fitted.height > 120.0);
    assert!(
        cmd.contains(&format!(r#"height="{}""#, fitted.height)),
        "{cmd}"
    );
    assert!(cmd.contains(r#"font-size="11""#));
    let shown: String = cmd
        .split("<tspan")
        .skip(1)
        .filter_map(|t| t.split('>').nth(1)?.split('<').next())
        .collect::<String>()
        .split_whitespace()
        .collect();
    assert_eq!(shown, long.split_whitespace().collect::<String>());
}

#[test]
fn links_show_their_style_arrowheads_and_circuit_breakers() {
    let p = render(&board(), None);
    let call = group(&p.svg, "link", "l1");
    assert!(call.contains(r#"data-style="request_response""#));
    assert!(!call.contains("stroke-dasharray"), "calls are solid");
    assert!(call.contains("marker-end=\"url(#sw-arrow)\""));
    let event = group(&p.svg, "link", "l3");
    assert!(event.contains(r#"data-style="publish_subscribe""#));
    assert!(
        event.contains(r#"stroke-dasharray="8 6""#),
        "events are dashed"
    );
    assert!(group(&p.svg, "link", "l4").contains(r#"data-circuit-breaker="true""#));
    assert!(call.contains(r#"data-circuit-breaker="false""#));
    // The badge comes after every link, so no line crosses it.
    let badge = p.svg.find(r#"<g class="circuit-breaker""#).unwrap();
    assert!(p.svg.rfind(r#"<g class="link""#).unwrap() < badge);
    assert!(p.svg.contains(r#"<marker id="sw-arrow""#));
}

#[test]
fn frames_show_their_name_and_rank() {
    let p = render(&board(), None);
    let f = group(&p.svg, "frame", "f");
    assert!(f.contains(r#"data-rank="core""#));
    assert!(f.contains(">주문 Ordering</text>"));
    assert!(f.contains(">CORE</text>"));
}

#[test]
fn the_view_box_fits_the_content_with_a_margin() {
    let p = render(&board(), None);
    // Frame tag top (60 - 18) to the wide policy's right edge (700 + 360).
    let (x, y) = (60.0 - MARGIN, 42.0 - MARGIN);
    let (w, h) = (1060.0 - 60.0 + 2.0 * MARGIN, 300.0 - 42.0 + 2.0 * MARGIN);
    assert_eq!((p.width, p.height), (w, h));
    assert!(p.svg.contains(&format!(
        r#"width="{w}" height="{h}" viewBox="{x} {y} {w} {h}""#
    )));
}

#[test]
fn a_selection_shows_only_its_items() {
    let ids = ["agg".to_string(), "ev".to_string()];
    let p = render(&board(), Some(&ids));
    assert!(p.svg.contains(">주문됨</tspan>"));
    assert!(p.svg.contains(">Order</tspan>"));
    assert!(!p.svg.contains("Place order"));
    assert!(!p.svg.contains("alert"));
    assert!(
        !p.svg.contains("주문 Ordering"),
        "the frame was not selected"
    );
    assert_eq!(
        p.svg.matches(r#"<g class="link""#).count(),
        1,
        "only agg → ev"
    );
    assert_eq!(
        (p.width, p.height),
        (320.0 + 2.0 * MARGIN, 120.0 + 2.0 * MARGIN)
    );
    assert!(p.svg.contains(r#"viewBox="268 68 384 184""#));
}

#[test]
fn an_empty_board_is_still_a_picture() {
    let p = render(&Board::default(), None);
    assert!(p.svg.contains("Nothing to show"));
    assert!(p.width > 0.0 && p.height > 0.0);
    let none: [String; 0] = [];
    assert!(render(&board(), Some(&none))
        .svg
        .contains("Nothing to show"));
}

#[test]
fn hostile_geometry_stays_finite() {
    let mut b = board();
    b.stickies[0].x = f64::NAN;
    b.stickies[1].w = -50.0;
    let p = render(&b, None);
    assert!(!p.svg.contains("NaN") && !p.svg.contains("inf"));
    assert!(p.width.is_finite() && p.height.is_finite());
}

#[test]
fn links_are_routed_labelled_and_relations_drawn() {
    let mut b = board();
    b.links[0].label = "places <order>".into();
    let p = render(&b, None);
    let l1 = group(&p.svg, "link", "l1");
    // cmd (100..220) and agg (300..420) face each other: straight from edge to edge.
    assert!(l1.contains(r#"d="M224.0,160.0 L296.0,160.0""#), "{l1}");
    assert!(
        p.svg.contains(">places &lt;order&gt;</text>"),
        "the label, escaped"
    );
    // A relation between two frames is drawn with its patterns and ends.
    let mut b = board();
    b.frames.push(Frame::new(
        "g",
        "배달 Delivery",
        (900.0, 60.0, 400.0, 240.0),
    ));
    b.relations.push(crate::relation::Relation {
        id: "r".into(),
        upstream: "f".into(),
        downstream: "g".into(),
        patterns: vec![
            crate::relation::Pattern::CustomerSupplier,
            crate::relation::Pattern::AnticorruptionLayer,
        ],
    });
    let p = render(&b, None);
    let rel = group(&p.svg, "context-relation", "r");
    assert!(rel.contains("Customer/Supplier"), "{rel}");
    assert!(
        rel.contains("D · ACL") && rel.contains(">U</text>"),
        "{rel}"
    );
}

#[test]
fn the_view_box_holds_detours_and_labels() {
    // a → c goes round b, above the row, with its label on the detour.
    let b = Board {
        stickies: vec![
            Sticky::new("a", StickyKind::Command, "a", 0.0, 0.0),
            Sticky::new("b", StickyKind::Aggregate, "b", 180.0, 0.0),
            Sticky::new("c", StickyKind::DomainEvent, "c", 360.0, 0.0),
        ],
        links: vec![Link {
            label: "a long label on the detour".into(),
            ..Link::new("ac", "a", "c")
        }],
        ..Board::default()
    };
    let p = render(&b, None);
    let [vx, vy, vw, vh]: [f64; 4] = p
        .svg
        .split("viewBox=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .map(|v| {
            v.split(' ')
                .map(|n| n.parse().unwrap())
                .collect::<Vec<f64>>()
        })
        .and_then(|v| v.try_into().ok())
        .unwrap();
    let label = group(&p.svg, "link", "ac");
    assert!(label.contains(" L"), "routed: {label}");
    // The label's box: every number of its rect inside the view box, with the margin.
    let at = p.svg.find(r#"<g class="link-label""#).unwrap();
    let rect = &p.svg[at..];
    let num = |k: &str| -> f64 {
        let i = rect.find(&format!(" {k}=\"")).unwrap() + k.len() + 3;
        rect[i..].split('"').next().unwrap().parse().unwrap()
    };
    let (x, y, w) = (num("x"), num("y"), num("width"));
    assert!(y < 0.0, "the label is above the stickies");
    assert!(
        x >= vx + MARGIN - 0.01 && y >= vy + MARGIN - 0.01,
        "{x},{y} in {vx},{vy}"
    );
    assert!(x + w <= vx + vw && y <= vy + vh);
}
