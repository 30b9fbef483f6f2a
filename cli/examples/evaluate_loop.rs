//! Full evaluations of the benchmark's rich scenario (benches/rich-scenario.json)
//! in a plain loop, for `scripts/figures.sh`: evaluations per second on one
//! core, and (`N=… valgrind --tool=callgrind`) exact instructions per
//! evaluation, which a loaded machine cannot blur.
//!
//! `REUSE=1` evaluates into one [`Evaluator`]'s lists, as the batch does
//! (no result allocated per evaluation); without it each evaluation builds
//! its own result, as a single `evaluate` call does.
//!
//!   cargo run --release --example evaluate_loop [N]

use std::hint::black_box;
use std::time::Instant;

use sme_subsidy::pack::builtin::builtin;
use sme_subsidy::{evaluate, input, Evaluator};

// The command line's allocator (src/main.rs), so the figure is the one a
// batch run sees.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let n: u32 = std::env::args().nth(1).map_or(1_000_000, |a| a.parse().expect("N: a count"));
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../benches/rich-scenario.json"))
        .expect("benches/rich-scenario.json");
    let scenario = input::scenario_from_json(&text).expect("valid scenario");
    let set = builtin();
    let reuse = std::env::var_os("REUSE").is_some();
    let mut evaluator = Evaluator::default();
    black_box(evaluate(set, &scenario));
    black_box(evaluator.evaluate(set, &scenario));
    let start = Instant::now();
    if reuse {
        for _ in 0..n {
            black_box(evaluator.evaluate(set, black_box(&scenario)));
        }
    } else {
        for _ in 0..n {
            black_box(evaluate(set, black_box(&scenario)));
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let how = if reuse { ", reusing one result's lists" } else { "" };
    println!(
        "native full evaluation{how}: {:.0} per second on one core ({:.2} µs each, {n} evaluations; target ≥ 1,000,000/s)",
        f64::from(n) / seconds,
        seconds * 1e6 / f64::from(n)
    );
}
