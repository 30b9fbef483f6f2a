//! Full evaluations of the benchmark's rich scenario (benches/rich-scenario.json)
//! in a plain loop, for `scripts/figures.sh`: evaluations per second on one
//! core, and (`N=… valgrind --tool=callgrind`) exact instructions per
//! evaluation, which a loaded machine cannot blur.
//!
//!   cargo run --release --example evaluate_loop [N]

use std::hint::black_box;
use std::time::Instant;

use sme_subsidy::pack::builtin::builtin;
use sme_subsidy::{evaluate, input};

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
    black_box(evaluate(set, &scenario));
    let start = Instant::now();
    for _ in 0..n {
        black_box(evaluate(set, black_box(&scenario)));
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "native full evaluation: {:.0} per second on one core ({:.2} µs each, {n} evaluations; target ≥ 1,000,000/s)",
        f64::from(n) / seconds,
        seconds * 1e6 / f64::from(n)
    );
}
