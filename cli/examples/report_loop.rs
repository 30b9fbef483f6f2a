//! The reports the browser asks for, natively, in a plain loop: the lean
//! report in one language (`lean`, what the page's `evaluate` returns), the
//! full report (`full`), or everything the widget shows for one input
//! (`input`: report, 申报指引, what-ifs and the loan-size series). Each is
//! written into a `serde_json::Value`, as the browser's boundary writes a
//! JavaScript object. Under `valgrind --tool=callgrind` two runs of
//! different lengths give the exact instructions of one (the difference).
//! `lean-texts` builds the lean report without writing it (with the
//! evaluation: what its texts cost); `PRINT=1` prints one instead.
//!
//!   cargo run --release --example report_loop -- lean|lean-texts|full|input [N]

use std::hint::black_box;
use std::time::Instant;

use sme_subsidy::apply;
use sme_subsidy::pack::builtin::builtin;
use sme_subsidy::report::{Lang, LeanReport, Report};
use sme_subsidy::{evaluate, input};

fn main() {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_else(|| "lean".to_string());
    let n: u32 = args.next().map_or(100_000, |a| a.parse().expect("N: a count"));
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/scenario.json"))
        .expect("examples/scenario.json");
    let scenario = input::scenario_from_json(&text).expect("valid scenario");
    let set = builtin();
    let once = || -> serde_json::Value {
        let evaluation = evaluate(set, black_box(&scenario));
        match mode.as_str() {
            // The report alone, not written: what the texts cost.
            "lean-texts" => {
                black_box(LeanReport::lean(&evaluation, Lang::Zh));
                Ok(serde_json::Value::Null)
            }
            "lean" => serde_json::to_value(LeanReport::lean(&evaluation, Lang::Zh).in_lang(Lang::Zh)),
            "full" => serde_json::to_value(Report::new(&evaluation, Lang::Zh)),
            "input" => {
                serde_json::to_value(apply::shown(&scenario, evaluation, Lang::Zh, None, Some("interest")))
            }
            other => panic!("mode {other}: lean, full or input"),
        }
        .expect("serializes")
    };
    if std::env::var_os("PRINT").is_some() {
        println!("{}", once());
        return;
    }
    black_box(once());
    let start = Instant::now();
    for _ in 0..n {
        black_box(once());
    }
    let seconds = start.elapsed().as_secs_f64();
    println!("{mode}: {:.2} µs each ({n} runs)", seconds * 1e6 / f64::from(n));
}
