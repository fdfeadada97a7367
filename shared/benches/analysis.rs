//! Full analysis of a 5,000-sticky board: must stay within 20 ms natively so the board can
//! run it on every change.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use stormwall_model::analysis::analyze;
use stormwall_model::reference::food_delivery_revised;
use stormwall_model::sketch::synthetic;

fn bench(c: &mut Criterion) {
    let big = synthetic(5000);
    assert_eq!(big.stickies.len(), 5000);
    c.bench_function("analyze 5000 stickies", |b| {
        b.iter(|| analyze(black_box(&big)))
    });
    let reference = food_delivery_revised();
    c.bench_function("analyze food-delivery revised", |b| {
        b.iter(|| analyze(black_box(&reference)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
