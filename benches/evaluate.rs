//! Full evaluations of a rich scenario (every family present: patent-pledge
//! loan spanning two years, carbon-reduction loan, tech-branch loan, a
//! guarantee, an evaluation fee, first-set and export-credit insurance, an
//! IPO) against the built-in pack. Prints evaluations per second as
//! criterion's throughput (`elem/s`). Target: ≥ 500,000/s on one core for
//! the evaluation itself; the rendered report (one
//! language, as the page asks for it) and its JSON are measured apart.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sme_subsidy::pack::builtin::builtin;
use sme_subsidy::report::Lang;
use sme_subsidy::{evaluate, input, Report};
use std::hint::black_box;

fn rich_scenario() -> sme_subsidy::scenario::Scenario {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/benches/rich-scenario.json"))
        .expect("benches/rich-scenario.json");
    input::scenario_from_json(&text).expect("valid scenario")
}

fn bench(c: &mut Criterion) {
    let set = builtin();
    let scenario = rich_scenario();
    let mut group = c.benchmark_group("full evaluation");
    group.throughput(Throughput::Elements(1));
    group.bench_function("evaluate (structured trace)", |b| {
        b.iter(|| black_box(evaluate(set, black_box(&scenario))))
    });
    group.bench_function("validate + evaluate", |b| {
        b.iter(|| {
            input::check(black_box(&scenario)).unwrap();
            black_box(evaluate(set, black_box(&scenario)))
        })
    });
    group.bench_function("evaluate + report in one language", |b| {
        b.iter(|| black_box(Report::new(&evaluate(set, black_box(&scenario)), Lang::Zh)))
    });
    group.bench_function("evaluate + report + JSON (the browser's path)", |b| {
        b.iter(|| {
            let evaluation = evaluate(set, black_box(&scenario));
            black_box(serde_json::to_string(&Report::new(&evaluation, Lang::Zh)).unwrap())
        })
    });
    group.finish();

    // One plain line with the figure, for the closing note and CI logs.
    let n = 200_000;
    let start = std::time::Instant::now();
    for _ in 0..n {
        black_box(evaluate(set, black_box(&scenario)));
    }
    let per_sec = n as f64 / start.elapsed().as_secs_f64();
    println!("full evaluations per second (one core, structured trace): {per_sec:.0}");
}

criterion_group!(benches, bench);
criterion_main!(benches);
